"""The Log page in real Chromium: a booking's form, and the result of a save where the user is, at 1366 and 390 px."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.store import Store
from tests.app.helpers import an_interview
from tests.browser.helpers import SCREENSHOTS, _content_height, commit, no_streamlit_errors, type_day, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
FRIDAY_MORNING = {"DEBRIEF_NOW": "2026-11-20T09:00"}
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    """Whole-page screenshots at 1366 and 390 px, then back to the wide window."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1366", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(600)
        page.set_viewport_size({"width": size["width"], "height": max(min(_content_height(page), 12_000),
                                                                      size["height"])})
        page.wait_for_timeout(600)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png")
    page.set_viewport_size(WIDE)
    wait_for_app(page)


def boxes(page):
    """Where Save, the saved result and the plan's heading sit on the page now."""
    save = page.locator('[class*="st-key-f-save"]').bounding_box()
    result = page.locator('[class*="st-key-log-saved-result"]').bounding_box()
    plan = page.get_by_role("heading", name="Follow-up plan").bounding_box()
    return save, result, plan


def test_a_booking_then_a_debrief_show_their_form_and_their_result_at_save(serve, page, tmp_path):
    db = tmp_path / "log.db"
    Store(db).interviews.save(an_interview(interview_at=datetime(2026, 11, 10, 14, 0)), now=FIXED_NOW)
    server = serve(db, env=FRIDAY_MORNING)
    page.set_viewport_size(WIDE)
    page.goto(server.url)  # not a deep link first: a fresh server's first session settles its navigation
    wait_for_app(page)
    page.goto(f"{server.url}/log")
    expect(page.get_by_role("heading", name="Log an interview")).to_be_visible()
    page.get_by_role("textbox", name="Company").fill("acme")
    commit(page)
    page.get_by_role("textbox", name="Role", exact=True).fill("Data engineer")
    commit(page)
    expect(page.get_by_text("Acme: Data engineer · 1 round, last Tue 10 Nov")).to_be_visible()
    type_day(page, "23")
    expect(page.get_by_role("heading", name="Book an interview")).to_be_visible()
    # The redraw into a booking once showed the start time and duration at their widget defaults.
    expect(page.get_by_role("spinbutton", name="hour, Start time")).to_have_text("08")
    expect(page.get_by_role("spinbutton", name="Duration (minutes)")).to_have_value("45")
    expect(page.get_by_role("heading", name="Prepare")).to_be_visible()
    expect(page.get_by_role("heading", name="How did it go?")).to_have_count(0)
    page.get_by_role("textbox", name="Interviewer").fill("Jane Doe")
    commit(page)
    page.get_by_role("textbox", name="Stories to tell").fill("The pipeline I rebuilt")
    commit(page)
    expect(page.get_by_text("Preview: the steps as they will stand then.")).to_be_visible()
    shoot(page, "log-booking")

    page.get_by_role("button", name="Save booking").click()
    expect(page.get_by_text("Coming up on Today.")).to_be_visible()
    shoot(page, "log-booked")
    page.locator('[class*="st-key-log-another"]').get_by_role("button").click()
    expect(page.get_by_role("heading", name="Log an interview")).to_be_visible()
    page.get_by_role("textbox", name="Company").fill("Globex")
    commit(page)
    page.get_by_role("textbox", name="Role", exact=True).fill("Analyst")
    commit(page)
    page.get_by_role("textbox", name="Interviewer").fill("Raj Patel")
    commit(page)
    page.get_by_role("button", name="Save interview").click()
    result = page.locator('[class*="st-key-log-saved-result"]')
    expect(result.get_by_text("Saved. Next: Thank-you note to Raj Patel · Due today")).to_be_visible()
    expect(result.get_by_role("button", name="Draft")).to_be_visible()
    expect(result.get_by_role("textbox", name="Your name (used to sign your emails)")).to_be_visible()
    shoot(page, "log-saved-result")

    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        wait_for_app(page)
        save, at_save, plan = boxes(page)
        assert 0 <= at_save["y"] - (save["y"] + save["height"]) < 40, "the result starts right under Save"
        if size is PHONE:
            assert plan["y"] > at_save["y"] + at_save["height"], "on a phone the plan comes after the result"
    no_streamlit_errors(page)
    saved = Store(db).interviews.find()
    assert sorted((i.company, i.booked) for i in saved) == [("Acme", False), ("Globex", False), ("acme", True)]


def test_notes_switched_private_on_the_form_show_the_private_badge_on_the_interviews_card(serve, page, tmp_path):
    db = tmp_path / "private.db"
    interview_id = Store(db).interviews.save(an_interview(questions="Why us?", notes="The manager seemed rushed"),
                                             now=FIXED_NOW)
    server = serve(db)
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    wait_for_app(page)
    page.goto(f"{server.url}/log?id={interview_id}")
    expect(page.get_by_role("heading", name="Edit interview")).to_be_visible()
    wait_for_app(page)
    switch = page.get_by_role("switch", name="Keep “Anything else” private")
    expect(switch).not_to_be_checked(timeout=20_000)
    # One Tab stop per switch: from the questions, Tab reaches the notes' switch, and the next Tab the notes.
    page.get_by_role("textbox", name="Questions they asked").focus()
    page.keyboard.press("Tab")
    expect(switch).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Anything else")).to_be_focused()
    switch.focus()
    page.keyboard.press("Space")  # as a keyboard user turns it on (Streamlit's label covers the input itself)
    expect(switch).to_be_checked()
    wait_for_app(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved.", exact=False).first).to_be_visible()
    assert Store(db).interviews.get(interview_id).private == frozenset({"notes"})

    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    page.locator(f'[class*="st-key-entry-{interview_id}"]').get_by_role("button", name="Details").click()
    details = page.locator(f'[class*="st-key-details-{interview_id}"]')
    expect(details.get_by_text("The manager seemed rushed")).to_be_visible()
    expect(details.get_by_text(re.compile(r"Private$"))).to_be_visible()  # the badge: a lock icon, then Private
    no_streamlit_errors(page)
