"""Interviews in real Chromium: ten compact cards under 3,000 px on a laptop, Details drawn on
demand, all thank-you notes marked sent in one click and undone in one, the page kept in the URL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from lib.domain.model import Interviewer
from lib.files.demo import load_demo
from lib.store import Store
from tests.app.helpers import an_interview
from tests.browser.helpers import no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}
HEIGHT = "document.querySelector('[data-testid=stMain]').scrollHeight"
PICTURES_LOADED = "() => [...document.querySelectorAll('[data-testid=stImage] img')].every(i => i.complete)"
NOV_20 = datetime(2026, 11, 20, 10, 0)


def cards(page):
    return page.locator('[data-testid="stVerticalBlock"][class*="st-key-entry-"]')


def test_ten_demo_cards_fit_under_3000_px_and_open_their_details_on_demand(serve, page, tmp_path):
    load_demo(Store(tmp_path / "demo.db"), FIXED_NOW)
    server = serve(tmp_path / "demo.db")
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    expect(cards(page)).to_have_count(10)
    page.wait_for_function(PICTURES_LOADED)
    assert page.locator(".vega-embed").count() == 0  # the timelines are pictures, not live charts
    assert page.evaluate(HEIGHT) <= 3_000
    no_streamlit_errors(page)
    screenshot(page, "interviews-cards")
    card = cards(page).filter(has_text="Orchard & Vale")
    expect(card.get_by_role("img", name="Follow-up timeline.", exact=False)).to_be_visible()
    expect(card.get_by_text("Interviewers:")).to_have_count(0)  # not drawn while closed
    card.get_by_role("button", name="Details").click()
    expect(card.get_by_text("Interviewers:")).to_be_visible()
    expect(card.get_by_text("Thank Martin", exact=False).first).to_be_visible()
    wait_for_app(page)
    screenshot(page, "interviews-card-details")
    card.get_by_role("button", name="Hide details").click()
    expect(card.get_by_text("Interviewers:")).to_have_count(0)


def test_all_thank_you_notes_go_in_one_click_and_come_back_with_undo(serve, page, tmp_path):
    store = Store(tmp_path / "bulk.db")
    people = (Interviewer("Ana Ruiz"), Interviewer("Ben Okafor"), Interviewer("Cleo Park"))
    interview_id = store.interviews.save(an_interview(interview_at=NOV_20, interviewers=people), now=FIXED_NOW)
    server = serve(tmp_path / "bulk.db")
    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    page.get_by_role("button", name="Mark 3 thank-yous sent").click()
    expect(page.get_by_text("Marked 3 thank-you notes sent for Acme: Data engineer.")).to_be_visible()
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    assert sorted(m.step_key for m in marks if m.step_key.startswith("thank_you")) == sorted(
        f"thank_you:{p.id}" for p in store.interviews.get(interview_id).interviewers)
    expect(page.get_by_role("button", name="Mark 3 thank-yous sent")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("button", name="Mark 3 thank-yous sent")).to_be_visible()
    assert store.follow_up.marks_for([interview_id])[interview_id] == []
    no_streamlit_errors(page)


def test_the_page_a_user_moved_to_is_in_the_address_and_survives_a_reload(serve, page, tmp_path):
    store = Store(tmp_path / "many.db")
    for day in range(25):
        store.interviews.save(an_interview(company=f"Co {day:02d}", interview_at=NOV_20 - timedelta(days=day)),
                              now=FIXED_NOW)
    server = serve(tmp_path / "many.db")
    page.goto(f"{server.url}/interviews")
    wait_for_app(page)
    expect(page.get_by_text("1–10 of 25 interviews · page 1 of 3").first).to_be_visible()
    page.locator('[class*="st-key-pager-bottom"]').get_by_role("button", name="Older").click()
    expect(page.get_by_text("11–20 of 25 interviews · page 2 of 3").first).to_be_visible()
    page.wait_for_url("**/interviews?page=2")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("11–20 of 25 interviews · page 2 of 3").first).to_be_visible()
    expect(page.get_by_text("Co 10: Data engineer")).to_be_visible()
    no_streamlit_errors(page)
