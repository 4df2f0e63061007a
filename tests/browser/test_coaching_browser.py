"""A coaching session in real Chromium, then its HTML report opened offline: nothing may be fetched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.domain.coaching import CoachingSession, MentorReview
from lib.domain.model import Dimension
from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.helpers import DESKTOP, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
ATTACK = "<script>alert(1)</script>"


def demo_with_an_earlier_session(db: Path) -> None:
    """The demo data, and a first session with Sam two weeks ago (so the gap has a history)."""
    store = Store(db)
    load_demo(store, FIXED_NOW)
    held_on = date(2026, 11, 6)
    picks = store.coaching.suggest("Sam Lee", held_on).picks
    session = store.coaching.start_session(CoachingSession("Sam Lee", held_on, picks), now=FIXED_NOW)
    nudge = {Dimension.SKILLS_MATCH: 1, Dimension.ENTHUSIASM: 0, Dimension.CULTURE_FIT: -1}
    for interview in store.interviews.with_ids(picks):
        scores = {d: None if interview.score(d) is None else min(max(interview.score(d) + nudge[d], 1), 5)
                  for d in Dimension}
        store.coaching.save_review(session, interview.id, MentorReview(scores, "Solid; more numbers next time."))
    store.coaching.update_session(session, finished_at=FIXED_NOW.replace(day=6))


def commit(page) -> None:
    page.keyboard.press("Tab")


def test_a_session_in_the_app_and_its_report_offline(serve, page, browser, tmp_path):
    db = tmp_path / "coaching.db"
    demo_with_an_earlier_session(db)
    server = serve(db)
    page.goto(f"{server.url}/coaching")
    expect(page.get_by_role("heading", name="Coaching", exact=True)).to_be_visible()
    wait_for_app(page)
    expect(page.locator(".vega-embed").first).to_be_visible()  # self against mentor, from the first session
    screenshot(page, "coaching")
    expect(page.locator('[data-testid="stDateInput"]')).to_have_count(0)  # the calendar waits for its button
    page.get_by_role("button", name="Date: Fri 20 Nov").click()
    expect(page.locator('[data-testid="stDateInput"]')).to_be_visible()  # drawn once the button opens it
    page.keyboard.press("Escape")
    wait_for_app(page)

    page.get_by_role("textbox", name="Mentor").fill("Sam Lee")
    commit(page)
    expect(page.get_by_text("Since your last session with Sam Lee (Fri 6 Nov)")).to_be_visible()
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_role("heading", name="Session with Sam Lee")).to_be_visible()
    wait_for_app(page)

    card = page.locator(".st-key-discussed-interview")
    card.locator('[data-testid="stButtonGroup"]').first.get_by_role("radio", name="5", exact=True).click()
    wait_for_app(page)
    card.get_by_role("textbox", name="Sam Lee’s comments").fill(f"Quote them: {ATTACK}")
    commit(page)
    wait_for_app(page)
    page.get_by_role("textbox", name="New action").fill("Rehearse two STAR stories")
    commit(page)
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("due Fri 27 Nov").first).to_be_visible()
    wait_for_app(page)
    no_streamlit_errors(page)
    screenshot(page, "coaching-session")

    page.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.get_by_text(f"Quote them: {ATTACK}")).to_be_visible()  # as text, never as HTML
    wait_for_app(page)
    no_streamlit_errors(page)
    screenshot(page, "coaching-summary")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download report (HTML)").click()
    report_file = tmp_path / download.value.suggested_filename
    download.value.save_as(report_file)
    assert report_file.name == "debrief-coaching-sam-lee-2026-11-20.html"
    open_the_report_offline(browser, report_file)

    page.goto(server.url)  # Today: the action agreed, until it is done
    agreed = page.locator('[class*="st-key-today-action-"]')
    expect(agreed.get_by_text("Rehearse two STAR stories")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "today-with-coaching-action")
    done = agreed.get_by_role("button", name="Done")
    expect(done).to_be_enabled()
    done.click()
    expect(page.get_by_text("Marked done.")).to_be_visible(timeout=15_000)
    wait_for_app(page)
    expect(page.get_by_text("Rehearse two STAR stories")).to_have_count(0)
    no_streamlit_errors(page)


def open_the_report_offline(browser, report_file: Path) -> None:
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    context.set_offline(True)
    report = context.new_page()
    errors, dialogs = [], []
    report.on("pageerror", lambda exc: errors.append(str(exc)))
    report.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        report.goto(report_file.as_uri())
        report.wait_for_load_state("load")
        assert requests == [report_file.as_uri()]  # the file itself, nothing else
        expect(report.get_by_role("heading", name="Coaching session with Sam Lee")).to_be_visible()
        expect(report.get_by_text(f"Quote them: {ATTACK}")).to_be_visible()
        assert dialogs == [] and errors == []
        charts = report.locator("figure.chart svg")
        assert charts.count() == 2
        for index in range(2):
            marks = charts.nth(index).locator(".role-mark path, .role-mark line")
            assert marks.count() > 3
            assert charts.nth(index).bounding_box()["height"] > 150
        print_rules(report)
        screenshot(report, "coaching-report")
    finally:
        context.close()


def print_rules(report) -> None:
    """In print, the screen-only hint goes and every interview starts a page."""
    report.emulate_media(media="print")
    expect(report.locator(".hint")).to_be_hidden()
    breaks = report.locator("section.interview").evaluate_all(
        "sections => sections.map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    report.emulate_media(media="screen")
