"""Today with interviews booked ahead, in real Chromium: the one that just ended comes first and is scored
from there; Coming up shows the week with its preparation notes; Log an interview is in sight on a phone."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from lib.domain.model import Dimension, Stage
from lib.store import Store
from tests.browser.helpers import PHONE, SCREENSHOTS, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, ON_THE_PAGE, build_interview

pytestmark = pytest.mark.browser
WIDE = {"width": 1366, "height": 900}


def a_booked_week(path) -> dict[str, int]:
    """Friday 20 Nov, 17:00: one booked round ended at 11:00, one at 18:00 today, one on Tuesday; a due thank-you."""
    store = Store(path)

    def book(**fields) -> int:
        values = ON_THE_PAGE | dict(booked=True, scores={}, evidence={}) | fields
        return store.interviews.save(build_interview(**values), now=FIXED_NOW)

    return {
        "due": store.interviews.save(build_interview(**ON_THE_PAGE), now=FIXED_NOW),
        "ended": book(company="Kestrel", role="Backend engineer", stage=Stage.TECHNICAL,
                      interview_at=datetime(2026, 11, 20, 10, 0), duration_min=60),
        "tonight": book(company="Heron", role="SRE", stage=Stage.PHONE_SCREEN,
                        interview_at=datetime(2026, 11, 20, 18, 0), duration_min=30,
                        prep_questions="How is on-call shared?\nWho owns the runbooks?"),
        "tuesday": book(company="Osprey", role="Platform engineer", stage=Stage.HIRING_MANAGER,
                        interview_at=datetime(2026, 11, 24, 10, 0),
                        prep_stories="The pipeline rebuild, and the outage I led",
                        prep_pitch="I have run Kafka in production for three years"),
    }


def test_today_puts_score_it_first_shows_coming_up_and_scores_in_one_click(serve, page, tmp_path):
    ids = a_booked_week(tmp_path / "booked.db")
    server = serve(tmp_path / "booked.db")
    page.set_viewport_size(WIDE)
    page.goto(server.url)
    wait_for_app(page)
    score_it = page.get_by_role("heading", name="Score it while it's fresh")
    due_now = page.get_by_role("heading", name="Due now")
    expect(score_it).to_be_visible()
    assert score_it.bounding_box()["y"] < due_now.bounding_box()["y"]
    expect(page.get_by_text("Kestrel: Backend engineer · Technical, ended 11:00 today")).to_be_visible()
    expect(page.get_by_text("Ask about next steps and when they expect to decide")).to_have_count(1)  # tonight's
    page.locator(f'[class*="st-key-coming-up-{ids["tuesday"]}"]').get_by_text("Preparation notes").click()
    wait_for_app(page)
    expect(page.get_by_text("The pipeline rebuild, and the outage I led")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "today-booked-1366.png", full_page=True)
    screenshot(page, "today-booked")
    no_streamlit_errors(page)

    page.set_viewport_size(PHONE)
    wait_for_app(page)
    log = page.get_by_role("button", name="Log an interview")
    expect(log).to_be_in_viewport()  # beside the title, no menu to open first

    page.set_viewport_size(WIDE)
    clicks = 0

    def click(target) -> None:
        nonlocal clicks
        target.click()
        clicks += 1
        wait_for_app(page)

    click(page.get_by_role("button", name="Score it now"))
    expect(page).to_have_url(f"{server.url}/log?id={ids['ended']}")
    expect(page.get_by_label("Company")).to_have_value("Kestrel")  # filled in: only the scores are left
    expect(page.locator('[data-testid="stButtonGroup"]').nth(2)).to_be_visible()  # the Log page drawn to the scores
    for group in page.locator('[data-testid="stButtonGroup"]').all()[:3]:  # the three dimensions
        click(group.get_by_role("radio", name="4", exact=True))
    click(page.get_by_role("button", name=re.compile(r"^Save")))  # "Save changes" on an entry that exists
    scored = Store(tmp_path / "booked.db").interviews.get(ids["ended"])
    assert (scored.booked, [scored.score(d) for d in Dimension]) == (False, [4, 4, 4])
    assert clicks == 5  # Score it now, three scores, Save
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(page.get_by_role("heading", name="Score it while it's fresh")).to_have_count(0)
    no_streamlit_errors(page)
