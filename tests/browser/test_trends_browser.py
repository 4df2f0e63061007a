"""The Trends page in real Chromium: every chart renders, on a desktop and on a 390 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.helpers import DESKTOP, PHONE, screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
# Per section (a tab each, drawn only when open): three dimensions; recent; by stage and by company;
# calibration; follow-up discipline.
DEMO_CHARTS = {"Scores over time": 3, "Recent against earlier": 1, "By stage and company": 2,
               "Scores and outcomes": 1, "Follow-up discipline": 1}


def wait_for_charts(page, count: int, timeout: float = 60_000) -> None:
    """Until `count` Vega embeds have drawn (a canvas or an svg inside each) and the run is over."""
    page.wait_for_function(
        """(count) => {
            const embeds = [...document.querySelectorAll('.vega-embed')];
            return embeds.length === count && embeds.every(e => e.querySelector('canvas, svg'));
        }""",
        arg=count,
        timeout=timeout,
    )
    wait_for_app(page)


def test_every_trends_chart_renders_with_demo_data(serve, page, tmp_path):
    db_path = tmp_path / "trends.db"
    load_demo(Store(db_path), FIXED_NOW)
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    server = serve(db_path)
    page.goto(f"{server.url}/trends")
    expect(page.get_by_role("heading", name="Trends", exact=True)).to_be_visible()
    wait_for_charts(page, DEMO_CHARTS["Scores over time"])
    expect(page.get_by_text("26 interviews in this view.")).to_be_visible()
    screenshot(page, "trends")
    for label, count in DEMO_CHARTS.items():
        page.get_by_role("tab", name=label, exact=True).click()
        wait_for_charts(page, count)  # the other sections' charts are gone, not just hidden
        expect(page.get_by_role("button", name="PNG", exact=True)).to_have_count(1 + (label == "By stage and company"))
        assert f"section={label.replace(' ', '+')}" in page.url or label == "Scores over time"
    expect(page.get_by_text("thank-you notes within 24 hours")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.js_errors == []
    assert not [e for e in console_errors if "vega" in e.lower() or "error rendering" in e.lower()]
    page.get_by_role("tab", name="By stage and company", exact=True).click()
    wait_for_charts(page, 2)

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.vega-embed')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length"""
    )
    assert overflow == 0  # no chart runs off a 390 px screen


def test_a_filtered_view_opens_from_its_url(serve, page, tmp_path):
    db_path = tmp_path / "trends.db"
    load_demo(Store(db_path), FIXED_NOW)
    server = serve(db_path)
    page.goto(f"{server.url}/trends?company=Kestrel+Pay&window=3&section=Recent+against+earlier")
    expect(page.get_by_text("5 interviews in this view.")).to_be_visible()
    expect(page.get_by_text("Your last 3 against the rest")).to_be_visible()
    expect(page.get_by_text("Filters (1 set)")).to_be_visible()
    # 2 interviews before the last 3: no recent chart yet
    expect(page.get_by_text("Appears after 6 interviews in this view")).to_be_visible()
    wait_for_charts(page, 0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert "company=Kestrel+Pay" in page.url


def test_a_dark_system_gets_the_dark_theme_and_every_chart_still_draws(serve, browser, tmp_path):
    db_path = tmp_path / "trends.db"
    load_demo(Store(db_path), FIXED_NOW)
    server = serve(db_path)
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{server.url}/trends")
        wait_for_charts(page, DEMO_CHARTS["Scores over time"])
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
        )
        red, green, blue = (int(n) for n in background.removeprefix("rgb(").rstrip(")").split(",")[:3])
        assert max(red, green, blue) < 64, background  # the app follows the system into dark mode
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        screenshot(page, "trends-dark")
    finally:
        context.close()
