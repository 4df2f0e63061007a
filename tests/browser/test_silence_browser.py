"""Silence after a check-in, in real Chromium: the no-response suggestion on Today reads calmly, records the
outcome in one click, and a second check-in drafts as a reply."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.domain.model import Outcome
from lib.domain.steps import StepMark, StepStatus
from lib.store import Store
from tests.browser.helpers import no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, ON_THE_PAGE, D, build_interview

pytestmark = pytest.mark.browser
OCT_12 = datetime(2026, 10, 12, 14, 0)  # a Monday, five weeks before the pinned clock (Fri 20 Nov 2026)


def two_silent_applications(path) -> tuple[Store, int, int]:
    """Acme: both check-ins unanswered (the suggestion is open); Globex: the first check-in sent 9 Nov."""
    store = Store(path)
    silent = store.interviews.save(build_interview(**(ON_THE_PAGE | {"interview_at": OCT_12})), now=OCT_12)
    store.follow_up.mark(silent, StepMark("check_in", StepStatus.DONE, D("2026-10-26")))
    store.follow_up.mark(silent, StepMark("second_check_in", StepStatus.DONE, D("2026-11-02")))
    nudge = store.interviews.save(build_interview(**(ON_THE_PAGE | {"interview_at": OCT_12, "company": "Globex"})),
                                  now=OCT_12)
    store.follow_up.mark(nudge, StepMark("check_in", StepStatus.DONE, D("2026-11-09")))
    return store, silent, nudge


def test_record_no_response_from_today_in_one_click(serve, page, tmp_path):
    store, silent, nudge = two_silent_applications(tmp_path / "silence.db")
    server = serve(tmp_path / "silence.db")
    page.goto(server.url)
    wait_for_app(page, timeout=60_000)
    card = page.locator(f'[class*="st-key-due-{silent}-no_response"]')
    expect(card.get_by_text("No answer yet: record “no response”?")).to_be_visible()
    expect(card.get_by_text("Silence is common and it is not a verdict on you", exact=False)).to_be_visible()
    expect(card.get_by_role("button", name="Draft")).to_have_count(0)
    wait_for_app(page)
    screenshot(page, "today-no-response")

    page.locator(f'[class*="st-key-due-{nudge}-second_check_in"]').get_by_role("button", name="Draft").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator('[data-testid="stCode"]').first).to_contain_text("Re: Checking in: Data engineer at Globex")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    wait_for_app(page)

    card.get_by_role("button", name="Record no response").click()
    expect(card).to_have_count(0)
    expect(page.get_by_text("Recorded: no response. If they write back, change the outcome on Interviews.")
           ).to_be_visible()
    no_streamlit_errors(page)
    recorded = store.interviews.get(silent)
    assert (recorded.outcome, recorded.outcome_on) == (Outcome.NO_RESPONSE, FIXED_NOW.date())
