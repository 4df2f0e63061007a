"""The Trends page in real Chromium: every chart renders, on a desktop and on a 390 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.helpers import DESKTOP, PHONE, screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
DEMO_CHARTS = 8  # three dimensions, recent, by stage, by company, calibration, follow-up


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
    wait_for_charts(page, DEMO_CHARTS)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.js_errors == []
    assert not [e for e in console_errors if "vega" in e.lower() or "error rendering" in e.lower()]
    expect(page.get_by_text("26 interviews in this view.")).to_be_visible()
    expect(page.get_by_role("button", name="PNG", exact=True)).to_have_count(6)  # and SVG beside each
    screenshot(page, "trends")

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
    page.goto(f"{server.url}/trends?company=Kestrel+Pay&window=3")
    expect(page.get_by_text("5 interviews in this view.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your last 3 against the rest")).to_be_visible()
    expect(page.get_by_text("Filters (1 set)")).to_be_visible()
    # one company, every interview advanced, 2 before the last 3: no company, calibration or recent chart
    wait_for_charts(page, 5)
    expect(page.get_by_text("Appears after 6 interviews in this view")).to_be_visible()
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
        wait_for_charts(page, DEMO_CHARTS)
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
        )
        red, green, blue = (int(n) for n in background.removeprefix("rgb(").rstrip(")").split(",")[:3])
        assert max(red, green, blue) < 64, background  # the app follows the system into dark mode
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        screenshot(page, "trends-dark")
    finally:
        context.close()
