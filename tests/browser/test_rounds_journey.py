"""The whole interview loop in real Chromium, as a candidate lives it over two days (the clock moved by DEBRIEF_NOW):
book an interview for tomorrow, see it under Coming up, score it from Today once it is over, book round 2 of the
same application, and find round 1's check-in closed with its why."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.domain.model import Dimension
from lib.store import Store
from tests.app.helpers import an_interview
from tests.browser.helpers import commit, no_streamlit_errors, screenshot, type_day, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
THURSDAY = {"DEBRIEF_NOW": "2026-11-19T09:00"}  # the day the interview gets booked
FRIDAY = {"DEBRIEF_NOW": "2026-11-20T10:00"}  # the next morning: it took place 08:00-08:45


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def test_book_prepare_score_and_move_on_to_round_two(serve, page, tmp_path):
    db = tmp_path / "loop.db"
    Store(db).interviews.save(an_interview(company="Globex", interview_at=datetime(2026, 11, 2, 10)), now=FIXED_NOW)

    # Thursday: book tomorrow's technical round, with what to tell them.
    thursday = serve(db, env=THURSDAY)
    open_page(page, thursday.url)
    open_page(page, f"{thursday.url}/log")
    page.get_by_role("textbox", name="Company").fill("Kestrel")
    commit(page)
    page.get_by_role("textbox", name="Role", exact=True).fill("Backend engineer")
    commit(page)
    type_day(page, "20")
    expect(page.get_by_role("heading", name="Book an interview")).to_be_visible()
    page.get_by_role("textbox", name="Interviewer").fill("Jane Ashworth")
    commit(page)
    page.get_by_role("textbox", name="Stories to tell").fill("The ledger migration, with the numbers")
    commit(page)
    page.get_by_role("button", name="Save booking").click()
    expect(page.get_by_text("Coming up on Today.")).to_be_visible()
    [booked] = [i for i in Store(db).interviews.find() if i.company == "Kestrel"]
    assert booked.booked and booked.is_ahead(datetime(2026, 11, 19, 9)) and not any(booked.scores.values())

    open_page(page, thursday.url)
    card = page.locator(f'[class*="st-key-coming-up-{booked.id}"]')
    expect(card.get_by_text("Kestrel: Backend engineer", exact=False)).to_be_visible()
    card.get_by_text("Preparation notes").click()
    expect(page.get_by_text("The ledger migration, with the numbers")).to_be_visible()
    screenshot(page, "journey-coming-up")
    thursday.stop()

    # Friday, 10:00: it is over. Score it from Today: one click to the form, three scores, Save.
    friday = serve(db, env=FRIDAY)
    open_page(page, friday.url)
    clicks = 0

    def click(target) -> None:
        nonlocal clicks
        target.click()
        clicks += 1
        wait_for_app(page)

    expect(page.get_by_role("heading", name="Score it while it's fresh")).to_be_visible()
    click(page.get_by_role("button", name="Score it now"))
    expect(page.get_by_text("It's over: score it while it's fresh.")).to_be_visible()
    expect(page.locator('[data-testid="stButtonGroup"]').nth(2)).to_be_visible()
    for group in page.locator('[data-testid="stButtonGroup"]').all()[:3]:
        click(group.get_by_role("radio", name="4", exact=True))
    click(page.get_by_role("button", name=re.compile(r"^Save")))
    expect(page.locator('[class*="st-key-log-saved-result"]').get_by_text("Saved.", exact=False)).to_be_visible()
    assert clicks == 5  # from Today to a scored interview that was booked ahead
    scored = Store(db).interviews.get(booked.saved_id)
    assert not scored.booked and [scored.score(d) for d in Dimension] == [4, 4, 4]

    # They invite her back: round 2 of the same application, typed in another case.
    page.locator('[class*="st-key-log-another"]').get_by_role("button").click()
    wait_for_app(page)
    page.get_by_role("textbox", name="Company").fill("KESTREL")
    commit(page)
    page.get_by_role("textbox", name="Role", exact=True).fill("Backend engineer")
    commit(page)
    expect(page.get_by_text("Kestrel: Backend engineer · 1 round, last Fri 20 Nov")).to_be_visible()
    type_day(page, "27")
    page.get_by_role("button", name="Save booking").click()
    expect(page.get_by_text("Coming up on Today.")).to_be_visible()
    application = Store(db).applications.of_interview(booked.saved_id)
    assert [r.id for r in application.rounds][:1] == [booked.id] and len(application.rounds) == 2

    # Round 1's check-in is closed, and says why.
    open_page(page, f"{friday.url}/interviews?id={booked.id}")
    entry = page.locator(f'[class*="st-key-entry-{booked.id}"]')
    expect(entry.get_by_text("Round 1 of 2 · Kestrel: Backend engineer")).to_be_visible()
    expect(entry.get_by_text("Closed: round 2 is booked").first).to_be_visible()
    expect(entry.get_by_text("Round 2 is booked (Fri 27 Nov), so no check-in is needed", exact=False).first
           ).to_be_visible()
    screenshot(page, "journey-round-one-moved-on")
    no_streamlit_errors(page)
