"""Applications in real Chromium: the list, then one application, on a 1366 px laptop and a 390 px phone."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.domain.model import Stage
from lib.files.demo import load_demo
from lib.store import Store
from tests.app.helpers import an_interview
from tests.browser.helpers import PHONE, SCREENSHOTS, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}
OVERFLOWING = """() => [...document.querySelectorAll('[data-testid=stMain] *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length"""


def wren_labs_rounds(store: Store) -> None:
    """Two rounds held (10 and 17 Nov) and a final booked for Thu 26 Nov, 14:00, with a preparation note."""
    for day, stage in ((10, Stage.PHONE_SCREEN), (17, Stage.TECHNICAL)):
        store.interviews.save(an_interview(company="Wren Labs", role="Platform engineer", stage=stage,
                                           interview_at=datetime(2026, 11, day, 10)), now=FIXED_NOW)
    store.interviews.save(an_interview(company="Wren Labs", role="Platform engineer", stage=Stage.FINAL,
                                       scores={}, evidence={},
                                       interview_at=datetime(2026, 11, 26, 14), prep_questions="Team size?"),
                          now=FIXED_NOW)


def test_applications_then_one_application_fit_a_laptop_and_a_phone(serve, page, tmp_path):
    db_path = tmp_path / "apps.db"
    store = Store(db_path)
    load_demo(store, FIXED_NOW)
    wren_labs_rounds(store)
    server = serve(db_path)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server.url}/applications")
    expect(page.get_by_role("heading", name="Applications", exact=True)).to_be_visible()
    wait_for_app(page)
    no_streamlit_errors(page)
    expect(page.get_by_text("Round 3 on Thu 26 Nov: prepare")).to_be_visible()
    assert page.evaluate(OVERFLOWING) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "applications-laptop.png")
    screenshot(page, "applications")
    expect(page.get_by_role("link", name="Round 3", exact=True)).to_have_count(0)  # text: no link to a new tab

    page.set_viewport_size(LAPTOP)
    page.get_by_role("link", name="Open", exact=True).first.click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Wren Labs: Platform engineer")).to_be_visible()
    expect(page.locator('[data-testid="stImage"] img')).to_be_visible()  # the rounds chart, as a picture
    expect(page.get_by_text("Booked for Thu 26 Nov, 14:00")).to_be_visible()
    no_streamlit_errors(page)
    assert page.evaluate(OVERFLOWING) == 0
    page.screenshot(path=SCREENSHOTS / "application-laptop.png")
    screenshot(page, "application")

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(600)
    assert page.evaluate(OVERFLOWING) == 0  # the round columns stack on a phone

    page.set_viewport_size(LAPTOP)
    page.get_by_role("link", name="Open this round").last.click()  # each round's own link, in this tab
    wait_for_app(page)
    expect(page.get_by_text("Booked for Thu 26 Nov, 14:00.")).to_be_visible()


def test_interviews_show_rounds_together_and_a_booked_card_without_a_timeline(serve, page, tmp_path):
    db_path = tmp_path / "rounds.db"
    store = Store(db_path)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 12, 10)), now=FIXED_NOW)
    wren_labs_rounds(store)
    server = serve(db_path)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    no_streamlit_errors(page)
    expect(page.get_by_text("Booked for Thu 26 Nov, 14:00.")).to_be_visible()
    expect(page.get_by_role("link", name="Round 3 of 3 · Wren Labs: Platform engineer")).to_be_visible()
    assert page.evaluate(OVERFLOWING) == 0
    page.screenshot(path=SCREENSHOTS / "interviews-rounds-laptop.png", full_page=True)
    screenshot(page, "interviews-rounds")
    round_one = page.locator('[class*="st-key-entry-"]').filter(has_text="round 1 of 3")
    round_one.get_by_role("button", name="Details").click()  # the link to the application waits in Details
    page.get_by_role("link", name="Round 1 of 3 · Wren Labs: Platform engineer").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Wren Labs: Platform engineer")).to_be_visible()
