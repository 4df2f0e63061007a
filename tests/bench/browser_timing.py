"""Real-browser timings for `make bench`: navigation to the last chart drawn, in Debian's Chromium.

A page counts as ready when its script run is over, its title is on screen and every Vega embed
holds a canvas or an svg. The moment is taken inside the page (performance.now(), from the start
of navigation) and kept only if nothing changes for a second afterwards, so a rerun that starts
late (Streamlit's own, or a page's) is not mistaken for the end.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.helpers import CHROMIUM, CHROMIUM_FLAGS, DESKTOP

READY_PROBE = """
(() => {
  window.__readyAt = null;
  const ready = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (!document.querySelector('[data-testid="stMain"] h1')) return false;
    if (document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]')) return false;
    const embeds = [...document.querySelectorAll('.vega-embed')];
    return embeds.every(e => e.querySelector('canvas, svg'));
  };
  const tick = () => {
    if (ready()) { if (window.__readyAt === null) window.__readyAt = performance.now(); }
    else { window.__readyAt = null; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
ELEMENTS = '[data-testid="stMain"] [data-testid="stElementContainer"]'  # what Streamlit drew in the page
STABLE_MS = 1_000
SLOW_MS = 5_000


def browser_available() -> bool:
    return Path(CHROMIUM).exists()


def time_page(context, url: str, timeout_s: float = 300) -> tuple[float, int, int]:
    """Milliseconds from navigation to ready, how many charts the page drew and how many elements."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        deadline = time.monotonic() + timeout_s
        seen, since = None, 0.0
        while time.monotonic() < deadline:
            ready_at = page.evaluate("window.__readyAt")
            if ready_at is not None and ready_at == seen:
                if time.monotonic() - since >= STABLE_MS / 1000:
                    return ready_at, page.locator(".vega-embed").count(), page.locator(ELEMENTS).count()
            elif ready_at is not None:
                seen, since = ready_at, time.monotonic()
            page.wait_for_timeout(100)
        raise TimeoutError(f"{url} was not ready within {timeout_s:.0f} s")
    finally:
        page.close()


@contextmanager
def probed_context() -> Iterator:
    """A desktop-sized Chromium context whose every page carries READY_PROBE."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(viewport=DESKTOP)
            context.add_init_script(READY_PROBE)
            yield context
        finally:
            browser.close()


def time_pages(base_url: str, paths: dict[str, str], runs: int) -> dict[str, dict]:
    """Median ms per page over `runs` loads, after one warm-up load of each (fills the server's caches)."""
    results: dict[str, dict] = {}
    with probed_context() as context:
        for name, path in paths.items():
            cold, charts, elements = time_page(context, f"{base_url}/{path}")
            results[name] = {"cold_ms": cold, "charts": charts, "elements": elements}
        for run in range(runs):  # interleaved, so a slow moment of the machine hits every page alike
            for name, path in paths.items():
                if run and results[name]["cold_ms"] > SLOW_MS:
                    continue  # one timed load is enough to show a page this slow
                results[name].setdefault("runs", []).append(time_page(context, f"{base_url}/{path}")[0])
    for result in results.values():
        result["median_ms"] = statistics.median(result["runs"])
    return results


def load_every_page(base_url: str, paths: dict[str, str], timeout_s: float, after_each) -> dict[str, float | None]:
    """Open each page once, cold, in order; ms per page (None: not ready within `timeout_s`).

    `after_each(name)` runs after every page, e.g. to read the server's peak memory so far.
    """
    times: dict[str, float | None] = {}
    with probed_context() as context:
        for name, path in paths.items():
            try:
                times[name] = time_page(context, f"{base_url}/{path}", timeout_s)[0]
            except TimeoutError:
                times[name] = None
            after_each(name)
    return times
