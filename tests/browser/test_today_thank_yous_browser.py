"""Three interviewers, one card, in real Chromium: Today shows their thank-you notes together, one click marks
them all sent, and Undo brings all three back."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.domain.model import Interviewer
from lib.store import Store
from tests.browser.helpers import SCREENSHOTS, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, ON_THE_PAGE, build_interview

pytestmark = pytest.mark.browser
WIDE = {"width": 1366, "height": 900}
THREE = (Interviewer("Ana Ruiz", email="ana@acme.example"), Interviewer("Ben Okafor", email="ben@acme.example"),
         Interviewer("Cleo Park", email="cleo@acme.example"))


def a_panel_interview(path) -> tuple[Store, int]:
    """Acme: Data engineer this Friday morning with a panel of three: three notes due today, plus one other
    interview whose single note keeps its own card."""
    store = Store(path)
    panel = store.interviews.save(build_interview(**ON_THE_PAGE | dict(
        interview_at=datetime(2026, 11, 20, 10, 0), interviewers=THREE)), now=FIXED_NOW)
    store.interviews.save(build_interview(**ON_THE_PAGE | dict(company="Globex", role="Analytics engineer",
                                                                 interview_at=datetime(2026, 11, 20, 11, 0))),
                          now=FIXED_NOW)
    return store, panel


def open_notes(store: Store, interview_id: int) -> int:
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    return 3 - sum(m.step_key.startswith("thank_you") for m in marks)


def test_a_panel_of_three_is_one_card_marked_sent_in_one_click_and_undone_in_one(serve, page, tmp_path):
    store, panel = a_panel_interview(tmp_path / "panel.db")
    server = serve(tmp_path / "panel.db")
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    wait_for_app(page)
    card = page.locator(f".st-key-due-{panel}-thank_yous")
    expect(card.get_by_text("Thank-you notes: Ana Ruiz, Ben Okafor, Cleo Park")).to_be_visible()
    expect(page.get_by_text("Thank-you note to Ana Ruiz")).to_have_count(0)
    expect(card.get_by_role("button", name="Draft")).to_have_count(3)  # one per person
    expect(page.get_by_text("Thank-you note to Jane Doe")).to_be_visible()  # Globex's single note: its own card
    no_streamlit_errors(page)
    page.screenshot(path=SCREENSHOTS / "today-thank-yous-1366.png", full_page=True)
    screenshot(page, "today-thank-yous")  # 1280 and 390 px

    card.get_by_role("button", name="Mark all sent").click()  # the one click
    bar = page.locator(".st-key-undo-bar")
    expect(bar.get_by_text("Marked 3 thank-you notes sent for Acme: Data engineer.")).to_be_visible()
    expect(card).to_have_count(0)
    assert open_notes(store, panel) == 0
    wait_for_app(page)
    page.screenshot(path=SCREENSHOTS / "today-thank-yous-sent-1366.png", full_page=True)
    screenshot(page, "today-thank-yous-sent")

    bar.get_by_role("button", name="Undo").click()
    expect(card.get_by_text("Thank-you notes: Ana Ruiz, Ben Okafor, Cleo Park")).to_be_visible()
    expect(bar).to_have_count(0)
    assert open_notes(store, panel) == 3
    no_streamlit_errors(page)
