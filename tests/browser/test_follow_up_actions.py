"""From "what to do when" to done in two clicks, in real Chromium: open the due thank-you's draft
from Today, copy it, add it to the calendar, mark it sent, and see Today catch up."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from lib.domain.model import Dimension, Interview
from lib.domain.steps import StepMark, StepStatus
from lib.store import Store
from tests.browser.helpers import no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, ON_THE_PAGE, build_interview

pytestmark = pytest.mark.browser


def an_interview(**overrides) -> Interview:
    """The entry the pages show (ON_THE_PAGE) on Friday morning, with notes for the draft to quote."""
    values = ON_THE_PAGE | dict(
        interview_at=datetime(2026, 11, 20, 10, 0),
        notes="Their move to Kafka next quarter\nA team of six, hybrid in Leeds",
        scores={Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 4},
        evidence={Dimension.SKILLS_MATCH: "Walked through the pipeline rebuild"},
    )
    return build_interview(**(values | overrides))


def a_week_of_follow_ups(path) -> tuple[Store, int]:
    """Friday 20 Nov: a thank-you due today, and a week with a soft touch and a check-in in it."""
    store = Store(path)
    due = store.interviews.save(an_interview(), now=FIXED_NOW)
    earlier = store.interviews.save(an_interview(company="Globex", role="Analytics engineer",
                                                interview_at=datetime(2026, 11, 16, 11, 0),
                                                stated_timeframe="within 1 week", recruiter="Sam Lee"), now=FIXED_NOW)
    person = store.interviews.get(earlier).interviewers[0]
    store.follow_up.mark(earlier, StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 16)))
    store.follow_up.mark(earlier, StepMark("recruiter_update", StepStatus.DONE, date(2026, 11, 16)))
    return store, due


def test_open_a_due_thank_you_from_today_copy_it_and_mark_it_sent(serve, page, tmp_path):
    store, interview_id = a_week_of_follow_ups(tmp_path / "actions.db")
    server = serve(tmp_path / "actions.db")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(server.url)
    card = page.locator(f'[class*="st-key-due-{interview_id}-thank_you"]')
    expect(card.get_by_text("Thank-you note to Jane Doe")).to_be_visible()
    expect(page.get_by_text("Your week")).to_be_visible()
    expect(page.get_by_text("Soft touch · Globex", exact=True)).to_be_visible()  # Mon 23 Nov
    page.get_by_role("button", name="Draft ahead").first.click()
    expect(page.get_by_role("button", name="Soft touch · Globex")).to_be_visible()  # its draft, one click away
    page.keyboard.press("Escape")
    expect(page.locator('[data-testid="stPopoverBody"]')).to_be_hidden()
    wait_for_app(page)
    screenshot(page, "today-actions")

    card.get_by_role("button", name="Draft").click()  # click 1
    dialog = page.get_by_role("dialog")
    body = dialog.locator('[data-testid="stCode"]').nth(1)
    expect(body).to_contain_text("Hi Jane,")
    expect(body).to_contain_text("[your name]")
    your_name = dialog.get_by_label("Your name (used to sign your emails)")  # asked once, on the first draft
    wait_for_app(page)
    screenshot(page, "draft-asks-your-name")
    your_name.fill("Alex Morgan")
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(body).to_contain_text("Alex Morgan")
    expect(your_name).to_have_count(0)
    assert store.settings.get("your_name") == "Alex Morgan"
    dialog.get_by_role("combobox", name="A topic you discussed (optional)").click()
    page.get_by_role("option", name="the move to Kafka next quarter").click()
    expect(body).to_contain_text("I especially enjoyed discussing the move to Kafka next quarter.")
    wait_for_app(page)
    screenshot(page, "draft")

    body.hover()
    body.get_by_role("button", name="Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi Jane,\n\nThank you for taking the time to talk with me on Friday 20 November")
    assert "discussing the move to Kafka next quarter." in copied
    assert copied.endswith("Best wishes,\nAlex Morgan")
    mail = dialog.get_by_role("link", name="Open in your mail app")
    assert mail.get_attribute("href").startswith("mailto:jane@acme.example?subject=Thank%20you%3A%20Data%20engineer")

    with page.expect_download() as download:
        dialog.get_by_role("button", name="Add to calendar").click()
    calendar = Calendar.from_ical(download.value.path().read_text(encoding="utf-8"))
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Thank-you note to Jane Doe · Acme: Data engineer"
    assert event.decoded("DTSTART") == date(2026, 11, 20)
    assert event.walk("VALARM")

    dialog.get_by_role("button", name="Mark as sent").click()  # click 2
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("All caught up: nothing to send right now.")).to_be_visible()
    expect(card).to_have_count(0)
    no_streamlit_errors(page)
    [mark] = [m for m in store.follow_up.marks_for([interview_id])[interview_id] if m.step_key.startswith("thank_you")]
    assert (mark.status, mark.on) == (StepStatus.DONE, date(2026, 11, 20))
    wait_for_app(page)
    screenshot(page, "today-caught-up")


def test_snooze_a_step_and_see_it_move_in_the_week(serve, page, tmp_path):
    store, interview_id = a_week_of_follow_ups(tmp_path / "snooze.db")
    server = serve(tmp_path / "snooze.db")
    page.goto(f"{server.url}/interviews?id={interview_id}")  # a fresh server's first page: it routes, then runs
    wait_for_app(page)
    entry = page.locator(f'[class*="st-key-entry-{interview_id}"]')
    expect(entry.get_by_text("Status check-in", exact=True)).to_be_visible(timeout=15_000)
    entry.get_by_role("button", name="More").last.click()  # the next step's, then in Details each step's: check-in last
    popover = page.locator('[data-testid="stPopoverBody"]')
    expect(popover.get_by_role("spinbutton", name="day, Snooze until")).to_have_text("09")  # 3 business days on
    popover.get_by_label("Why?").fill("The team is at a conference")
    popover.get_by_role("button", name="Snooze", exact=True).click()
    expect(popover).to_be_hidden()  # it closes once the snooze is saved
    expect(entry.get_by_text("Snoozed until Wed 9 Dec")).to_be_visible()
    expect(entry.get_by_text("Snoozed from Fri 4 Dec: The team is at a conference.", exact=False)).to_be_visible()
    no_streamlit_errors(page)
    assert [s.step_key for s in store.follow_up.snoozes_for([interview_id])[interview_id]] == ["check_in"]
    wait_for_app(page)
    screenshot(page, "interviews-snoozed")
