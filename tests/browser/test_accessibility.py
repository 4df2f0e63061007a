"""axe-core (WCAG 2.2 A and AA) on every page and the states that draw something of their own, at a laptop's
and a phone's width, in the light and the dark scheme, over the demo data.

One server for the module; one test per width and scheme, so a failure says where. A test fails on a
serious or critical violation in the app's own content and prints Streamlit's (see tests/browser/a11y.py).
The findings are written to tests/browser/screenshots/axe-results.json (or $DEBRIEF_AXE_RESULTS).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.domain.coaching import CoachingSession, MentorReview
from lib.domain.model import Dimension
from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.a11y import Finding, audit, chrome_report, failure_message, save
from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    is_local_request,
    start_server,
    wait_for_app,
)
from tests.factories import FIXED_NOW

pytestmark = [pytest.mark.browser, pytest.mark.a11y]
RESULTS = Path(os.environ.get("DEBRIEF_AXE_RESULTS", SCREENSHOTS / "axe-results.json"))
TRENDS_TABS = ("Scores over time", "Recent against earlier", "By stage and company", "Scores and outcomes",
               "Follow-up discipline")
FINISHED, IN_PROGRESS = 1, 2  # the coaching sessions the database holds: a summary and a live session
# The run is over, no element is a placeholder or stale, every chart and picture is drawn.
SETTLED = """() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton], [data-stale=true]')
    && [...document.querySelectorAll('.vega-embed')].every(embed => embed.querySelector('canvas, svg'))
    && [...document.images].every(image => image.complete)"""


def demo_with_two_coaching_sessions(db: Path) -> None:
    """The demo data, a finished session with Sam two weeks ago and one in progress today."""
    store = Store(db)
    load_demo(store, FIXED_NOW)
    for held_on, finished in ((date(2026, 11, 6), True), (FIXED_NOW.date(), False)):
        picks = store.coaching.suggest("Sam Lee", held_on).picks
        session = store.coaching.start_session(CoachingSession("Sam Lee", held_on, picks), now=FIXED_NOW)
        for interview in store.interviews.with_ids(picks)[: None if finished else 1]:
            scores = {d: interview.score(d) for d in Dimension}
            assert interview.id is not None  # read back from the store
            store.coaching.save_review(session, interview.id, MentorReview(scores, "Solid; more numbers next time."))
        if finished:
            store.coaching.update_session(session, finished_at=FIXED_NOW.replace(day=6))


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("a11y")
    demo_with_two_coaching_sessions(folder / "demo.db")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    running = start_server(folder / "demo.db", folder / "server.log")
    yield running
    running.stop()
    assert not running.outbound_attempts(), f"the server tried to reach the network: {running.outbound_attempts()}"


def settle(page) -> None:
    """Until the page is drawn and stays so for half a second: a page may rerun right after its first run
    (a query parameter written), and a first run's end showed skeletons of the widgets still to load."""
    wait_for_app(page)
    for _ in range(20):
        page.wait_for_function(SETTLED, timeout=30_000)
        page.wait_for_timeout(500)
        if page.evaluate(SETTLED):
            return
    raise AssertionError("the page never settled")


def visit(page, server: Server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    settle(page)


def open_trends_tab(label: str) -> Callable:
    def steps(page, server: Server) -> None:
        visit(page, server, "trends")
        page.get_by_role("tab", name=label, exact=True).click()
        settle(page)
    return steps


def open_a_draft(page, server: Server) -> None:
    visit(page, server, "")
    page.get_by_role("button", name="Draft", exact=True).first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    settle(page)


def save_an_empty_log_form(page, server: Server) -> None:
    visit(page, server, "log")
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Please fix the", exact=False)).to_be_visible()
    settle(page)


def open_card_details(page, server: Server) -> None:
    visit(page, server, "interviews")
    card = page.locator('[data-testid="stVerticalBlock"][class*="st-key-entry-"]').filter(has_text="Orchard & Vale")
    card.get_by_role("button", name="Details").click()
    expect(card.get_by_text("Interviewers:")).to_be_visible()
    settle(page)


def page_at(path: str) -> Callable:
    return lambda page, server: visit(page, server, path)


# (state, how to reach it, the part of the page it is about: None for all of it)
STATES: list[tuple[str, Callable, str | None]] = [
    ("Today", page_at(""), None),
    ("Log", page_at("log"), None),
    ("Interviews", page_at("interviews"), None),
    ("Applications", page_at("applications"), None),
    *[(f"Trends: {label}", open_trends_tab(label), None) for label in TRENDS_TABS],
    ("Coaching overview", page_at("coaching"), None),
    ("Coaching live session", page_at(f"coaching?session={IN_PROGRESS}"), None),
    ("Coaching summary", page_at(f"coaching?session={FINISHED}"), None),
    ("Templates", page_at("templates"), None),
    ("Your data", page_at("data"), None),
    ("Draft dialog (Today)", open_a_draft, '[role="dialog"]'),
    ("Log after a failed Save", save_an_empty_log_form, None),
    ("Interviews card Details", open_card_details, None),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_accessibility_violation_in_the_apps_content(browser, server, width, scheme):
    context = browser.new_context(viewport=DESKTOP if width == "desktop" else PHONE, color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    findings: list[Finding] = []
    try:
        for state, reach, within in STATES:
            reach(page, server)
            page.screenshot(path=SCREENSHOTS / f"a11y-{slug(state)}-{width}-{scheme}.png")
            findings += audit(page, state, width, scheme, within)
    finally:
        context.close()
    save(findings, RESULTS, width, scheme)
    print(chrome_report(findings))
    assert not [url for url in requests if not is_local_request(url)], "the page reached beyond 127.0.0.1"
    assert not [f for f in findings if f.fails], failure_message(findings)


def slug(state: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in state.lower()).strip("-")

