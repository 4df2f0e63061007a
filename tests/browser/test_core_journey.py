"""A new user's first minutes, in real Chromium against `streamlit run`."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.helpers import no_streamlit_errors, screenshot, wait_for_app

pytestmark = pytest.mark.browser
FRIDAY_MORNING = {"DEBRIEF_NOW": "2026-11-20T09:00"}


def commit(page) -> None:
    """Streamlit takes a text value on blur; the rerun that follows redraws the form, so wait for it
    before the next keystroke (typed mid-rerun, one landed in the wrong field on a loaded CI box)."""
    page.keyboard.press("Tab")
    wait_for_app(page)


def type_segment(page, name: str, digits: str, attempts: int = 3, expected: str | None = None) -> None:
    """Type into one segment of a date or time input, then blur it by clicking the page title.

    Not Tab: from the last segment it lands in the next field. A segment that is complete moves
    the focus on by itself (with 15-minute steps one "0" completes the minutes, and a second key
    lands in Duration). On a loaded machine the time field was seen reset to the wall clock while
    the date was typed, so every part is typed, checked, and retyped if it moved.
    """
    expected = expected or digits
    segment = page.get_by_role("spinbutton", name=name)
    for _ in range(attempts):
        wait_for_app(page)
        segment.click()
        page.keyboard.type(digits)
        page.get_by_role("heading", name="Log an interview").click()
        wait_for_app(page)
        if segment.text_content() == expected:
            return
    expect(segment).to_have_text(expected)


def test_new_user_logs_an_interview_marks_the_thank_you_sent_and_sees_the_soft_touch_move(serve, page, tmp_path):
    server = serve(tmp_path / "journey.db", env=FRIDAY_MORNING)
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Welcome to Debrief")).to_be_visible()
    screenshot(page, "welcome")
    page.get_by_role("button", name="Log your first interview").click()
    expect(page.get_by_role("heading", name="Log an interview")).to_be_visible()

    page.get_by_role("textbox", name="Company").fill("Acme")
    commit(page)
    page.get_by_role("textbox", name="Role", exact=True).fill("Data engineer")
    commit(page)
    type_segment(page, "day, Date", "19")
    type_segment(page, "hour, Start time", "16")
    type_segment(page, "minute, Start time", "0", expected="00")
    duration = page.get_by_role("spinbutton", name="Duration (minutes)")
    if duration.input_value() != "45":  # the default; see type_segment for why it may have moved
        duration.fill("45")
        commit(page)
    expect(duration).to_have_value("45")
    page.get_by_role("textbox", name="Interviewer").fill("Jane Doe")
    commit(page)
    page.get_by_role("textbox", name="When do they expect to decide?").fill("within 2 weeks")
    commit(page)
    expect(page.get_by_text("Decision expected by Thu 3 Dec. Check in on Tue 8 Dec.")).to_be_visible()
    skills = page.locator('[data-testid="stButtonGroup"]').first
    skills.get_by_role("radio", name="4", exact=True).click()
    expect(page.get_by_text("Strong, job-specific examples")).to_be_visible()
    page.get_by_placeholder("Which question or example shows it?").fill("Walked them through the Kafka migration I led")
    commit(page)
    wait_for_app(page)
    screenshot(page, "log-filled")

    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Next: Thank-you note to Jane Doe · Due today, by 16:45.")).to_be_visible()
    screenshot(page, "log-saved")
    page.get_by_role("link", name="See it in Interviews").click()

    entry = page.locator('[class*="st-key-entry-"]').first
    expect(entry.get_by_text("Acme: Data engineer")).to_be_visible()
    expect(entry.get_by_role("button", name="Hide details")).to_be_visible()  # the link opened its Details
    expect(entry.get_by_text("Due today, by 16:45", exact=True)).to_have_count(2)  # the Next badge, and in Details
    expect(entry.get_by_text("Not yet: wait until Thu 26 Nov")).to_be_visible()  # soft touch, counted from Thursday
    wait_for_app(page)
    screenshot(page, "interviews-entry")

    entry.get_by_role("button", name="More").first.click()  # the thank-you's menu
    page.locator('[data-testid="stPopoverBody"]').get_by_role("button", name="Mark done").click()
    expect(entry.get_by_text("Done Fri 20 Nov")).to_be_visible()
    expect(entry.get_by_text("Not yet: wait until Fri 27 Nov")).to_be_visible()  # moved: sent on Friday
    expect(entry.get_by_text("Not yet: wait until Thu 26 Nov")).to_have_count(0)
    no_streamlit_errors(page)
    [saved] = Store(tmp_path / "journey.db").interviews.find()
    assert saved.interview_at == datetime(2026, 11, 19, 16, 0)


def test_a_deep_link_as_a_fresh_servers_first_request_gets_the_apps_navigation(serve, page, tmp_path):
    server = serve(tmp_path / "deep.db")
    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    navigation = page.locator('[data-testid="stSidebarNav"]')
    expect(navigation).to_contain_text("Log an interview")
    expect(navigation).not_to_contain_text("streamlit app")
    expect(page.get_by_role("heading", name="Interviews")).to_be_visible()
    assert page.url.endswith("/interviews")


@pytest.mark.parametrize(
    "path, heading",
    [("", "Today"), ("interviews", "Interviews"), ("log", "Log an interview"), ("templates", "Templates")],
)
def test_every_page_renders_the_demo_data_on_desktop_and_phone(serve, page, tmp_path, path, heading):
    db = tmp_path / "demo.db"
    load_demo(Store(db), datetime(2026, 11, 20, 17, 0))
    server = serve(db)
    page.goto(f"{server.url}/{path}")
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    wait_for_app(page)
    if path in ("interviews", "log"):  # the timelines beside the entries and in the follow-up plan, as pictures
        expect(page.locator('[data-testid="stImage"] img').first).to_be_visible()
    no_streamlit_errors(page)
    screenshot(page, path or "today")
