"""axe-core (WCAG 2.2 A and AA) on every page and the states that draw something of their own, at a laptop's
and a phone's width, in the light and the dark scheme, over the demo data.

One server and one page for the module; one test per width and scheme, so a failure says where. Each test
loads the app once and reaches every state as a user does, by the app's own navigation and clicks, waiting
for each run to end and its charts and pictures to be drawn. The light scheme gets every WCAG rule, the
dark one the rules a scheme can change (SCHEME_RULES), both at every screenful. A test fails on a serious
or critical violation in the app's own content and prints Streamlit's (see tests/browser/a11y.py), and
the time each state took.
The findings are written to tests/browser/screenshots/axe-results.json (or $DEBRIEF_AXE_RESULTS).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from lib.domain.coaching import CoachingSession, MentorReview
from lib.domain.model import Dimension
from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.a11y import SCHEME_RULES, Finding, audit, chrome_report, failure_message, save
from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    is_local_request,
    start_server,
)
from tests.factories import FIXED_NOW

pytestmark = [pytest.mark.browser, pytest.mark.a11y]
RESULTS = Path(os.environ.get("DEBRIEF_AXE_RESULTS", SCREENSHOTS / "axe-results.json"))
TRENDS_TABS = ("Scores over time", "Recent against earlier", "By stage and company", "Scores and outcomes",
               "Follow-up discipline")
FINISHED, IN_PROGRESS = 1, 2  # the coaching sessions the database holds: a summary and a live session
DRAW_BUDGET_MS = 10_000  # after its run, how long a chart or picture may take to appear before it counts as failed

# Counts what tells of a run: a change of Streamlit's script-run state, and every message from the server.
# The state alone can miss a run: when the browser is busy, React may draw "running" and "notRunning" as
# one update (seen twice in a dark-scheme pass, a click whose run never showed).
COUNT_RUNS = """window.__a11yRunChanges = 0;
new MutationObserver(records => { window.__a11yRunChanges += records.length; })
    .observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
        super(...args);
        this.addEventListener('message', () => { window.__a11yRunChanges += 1; });
    }
};"""
RUN_CHANGES = "() => window.__a11yRunChanges"
# A run began after `before` changes and is over, no element is a placeholder or stale, and no fade or
# slide is under way (axe measured a tooltip fading in at 1.06:1).
RUN_OVER = """(before) => window.__a11yRunChanges > before
    && document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton], [data-stale=true]')
    && document.getAnimations().every(a => a.playState !== 'running'
                                        || a.effect?.getTiming().iterations === Infinity)"""
# RUN_OVER holds two frames on, with no new sign of a run: a message's update has been drawn.
STILL = f"""async (before) => {{
    const signs = window.__a11yRunChanges;
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    return signs === window.__a11yRunChanges && ({RUN_OVER})(before);
}}"""
# What is not drawn: a chart with no svg or canvas of some size (Streamlit leaves a chart that Vega-Lite
# refused as an empty box), a picture that did not load, a traceback. Empty when all is drawn.
NOT_DRAWN = """() => {
    const sized = el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
    const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
    const pictures = [...document.querySelectorAll('[data-testid=stImage]')];
    return [
        ...charts.map((chart, i) => [...chart.querySelectorAll('.vega-embed svg, .vega-embed canvas')].some(sized)
            ? null : `chart ${i + 1} of ${charts.length} drew nothing`),
        ...pictures.map((picture, i) => [...picture.querySelectorAll('img')].some(img => img.complete
            && img.naturalWidth > 0 && sized(img)) ? null : `picture ${i + 1} of ${pictures.length} did not load`),
        ...[...document.images].map(img => img.complete ? null : `${img.src.slice(0, 80)} still loading`),
        ...[...document.querySelectorAll('[data-testid=stException]')].map(e => e.innerText.slice(0, 200)),
    ].filter(Boolean);
}"""


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


@pytest.fixture(scope="module")
def app(browser, server):
    """One page for every width and scheme: each test resizes it and switches its scheme, and moves between
    states the way a user does, inside the app, instead of loading it again per state."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(COUNT_RUNS)
    page = context.new_page()
    page.server_url = server.url
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def settle(page, before: int) -> None:
    """Until the run that `before` came before is over and everything it shows is drawn. A chart Vega-Lite
    refused, or a picture that never loaded, fails here: axe would pass an empty box."""
    for _ in range(50):
        try:
            page.wait_for_function(RUN_OVER, arg=before, timeout=30_000)
        except PlaywrightTimeout:
            raise AssertionError(f"no run started and ended on {page.url} (run signs: {before} before, "
                                 f"{page.evaluate(RUN_CHANGES)} now)") from None
        if page.evaluate(STILL, before):
            break
    else:
        raise AssertionError(f"{page.url} kept running")
    try:
        page.wait_for_function(f"() => ({NOT_DRAWN})().length === 0", timeout=DRAW_BUDGET_MS)
    except PlaywrightTimeout:
        raise AssertionError(f"not drawn on {page.url}: {page.evaluate(NOT_DRAWN)}") from None


def act(page, action: Callable[[], object]) -> None:
    """Do what starts a run (a click, a navigation) and wait until the page it leads to is drawn."""
    before = page.evaluate(RUN_CHANGES)
    action()
    settle(page, before)


def act_without_run(page, action: Callable[[], object]) -> None:
    """Do what changes the page without a run (a hover), and wait until it is still and drawn."""
    action()
    settle(page, -1)  # any count will do: no run is awaited


def visit(page, path: str) -> None:
    """Go to a page of the app the way its own links do: a history entry Streamlit reads, no reload."""
    act(page, lambda: page.evaluate(
        "path => { history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate')); }", f"/{path}"))


def open_trends_tab(label: str) -> Callable:
    def steps(page) -> None:
        visit(page, "trends")
        tab = page.get_by_role("tab", name=label, exact=True)
        if tab.get_attribute("aria-selected") != "true":  # the open tab's click starts no run
            act(page, tab.click)
    return steps


def open_a_draft(page) -> None:
    visit(page, "")
    act(page, page.get_by_role("button", name="Draft", exact=True).first.click)
    expect(page.get_by_role("dialog")).to_be_visible()


def close_the_draft(page) -> None:
    """Escape closes it, as a user would; otherwise the next page that can show a draft shows it again."""
    act(page, lambda: page.keyboard.press("Escape"))
    expect(page.get_by_role("dialog")).to_have_count(0)


def save_an_empty_log_form(page) -> None:
    visit(page, "log")
    act(page, page.get_by_role("button", name="Save interview").click)
    expect(page.get_by_text("Nothing was saved.", exact=False)).to_be_visible()


def open_card_details(page) -> None:
    visit(page, "interviews")
    card = page.locator('[data-testid="stVerticalBlock"][class*="st-key-entry-"]').filter(has_text="Orchard & Vale")
    act(page, card.get_by_role("button", name="Details").click)
    expect(card.get_by_text("Interviewers:")).to_be_visible()
    act_without_run(page, lambda: page.mouse.move(0, 0))  # the state is the card open, not its button's tooltip


def load_afresh(page) -> None:
    """The app loaded anew: a new session, nothing kept from the last width and scheme."""
    page.goto(page.server_url)
    settle(page, 0)  # a new document counts from 0


def page_at(path: str) -> Callable:
    return lambda page: visit(page, path)


# (state, how to reach it, the part of the page it is about: None for all of it, what to do after it)
STATES: list[tuple[str, Callable, str | None, Callable | None]] = [
    ("Today", load_afresh, None, None),
    ("Log", page_at("log"), None, None),
    ("Interviews", page_at("interviews"), None, None),
    ("Applications", page_at("applications"), None, None),
    *[(f"Trends: {label}", open_trends_tab(label), None, None) for label in TRENDS_TABS],
    ("Coaching overview", page_at("coaching"), None, None),
    ("Coaching live session", page_at(f"coaching?session={IN_PROGRESS}"), None, None),
    ("Coaching summary", page_at(f"coaching?session={FINISHED}"), None, None),
    ("Templates", page_at("templates"), None, None),
    ("Your data", page_at("data"), None, None),
    ("Draft dialog (Today)", open_a_draft, '[role="dialog"]', close_the_draft),
    ("Log after a failed Save", save_an_empty_log_form, None, None),
    ("Interviews card Details", open_card_details, None, None),
]


def audit_state(page, state: str, within: str | None, width: str, scheme: str) -> tuple[list[Finding], int]:
    """Audit the state reached; again if a run started meanwhile (a page may rerun right after its first
    run), for then axe saw a page on its way out."""
    for _ in range(3):
        before = page.evaluate(RUN_CHANGES)
        audited = audit(page, state, width, scheme, within, None if scheme == "light" else SCHEME_RULES)
        if page.evaluate(RUN_CHANGES) == before:
            return audited
        settle(page, before)
    raise AssertionError(f"{state} kept rerunning")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_accessibility_violation_in_the_apps_content(app, server, width, scheme):
    app.set_viewport_size(DESKTOP if width == "desktop" else PHONE)
    app.emulate_media(color_scheme=scheme)
    first_request = len(app.requests)
    findings: list[Finding] = []
    tally = []
    for state, reach, within, leave in STATES:
        started = time.monotonic()
        reach(app)
        reached = time.monotonic()
        found, stops = audit_state(app, state, within, width, scheme)
        failing = [f for f in found if f.fails]
        if failing:
            app.screenshot(path=SCREENSHOTS / f"a11y-{slug(state)}-{width}-{scheme}.png")
        tally.append(f"  {state}: {len(failing)} failing, {len(found) - len(failing)} other, {1 + stops} screenfuls, "
                     f"reached in {reached - started:.1f} s, audited in {time.monotonic() - reached:.1f} s")
        findings += found
        if leave:
            leave(app)
    save(findings, RESULTS, width, scheme)
    print(f"{width}, {scheme}:", *tally, chrome_report(findings), sep="\n")
    foreign = [url for url in app.requests[first_request:] if not is_local_request(url)]
    assert not foreign, f"the page reached beyond 127.0.0.1: {foreign}"
    assert not [f for f in findings if f.fails], failure_message(findings)


def slug(state: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in state.lower()).strip("-")
