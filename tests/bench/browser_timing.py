"""Real-browser timings for `make bench`: full loads and in-app switches, in Debian's Chromium.

A page counts as ready when its script run is over, its title is on screen and every Vega embed
holds a canvas or an svg (and every image has loaded). The moment is taken inside the page
(performance.now()) and kept only if nothing changes for a second afterwards, so a rerun that
starts late (Streamlit's own, or a page's) or an element drawn after the first quiet frame is
not mistaken for the end.

A full load is timed from the start of navigation. A switch is a click on the page's link in the
sidebar, from the page listed before it, timed from the click to ready with the new title.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.helpers import CHROMIUM, CHROMIUM_FLAGS

READY_PROBE = """
(() => {
  window.__readyAt = null;
  window.__leaving = null;  // the title of the page a switch leaves: ready means another title
  const ready = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (!title || title.textContent === window.__leaving) return false;
    if (document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]')) return false;
    if ([...document.querySelectorAll('[data-testid="stMain"] img')].some(i => !i.complete)) return false;
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
HEIGHT = "document.querySelector('[data-testid=stMain]').scrollHeight"  # Streamlit scrolls inside stMain
LAPTOP = {"width": 1366, "height": 768}
STABLE_MS = 1_000
SLOW_MS = 5_000
CLICK = """(path) => {
  const links = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')];
  const bare = p => p.replace(/\\/+$/, '');
  const link = links.find(a => bare(new URL(a.href).pathname) === bare('/' + path));
  if (!link) throw new Error('no sidebar link to /' + path);
  const title = document.querySelector('[data-testid="stMain"] h1');
  window.__leaving = title ? title.textContent : null;
  window.__readyAt = null;
  window.__clickAt = performance.now();
  link.click();
}"""


def browser_available() -> bool:
    return Path(CHROMIUM).exists()


def wait_ready(page, what: str, timeout_s: float) -> float:
    """performance.now() at the first ready frame that stayed quiet for STABLE_MS."""
    deadline = time.monotonic() + timeout_s
    seen, since = None, 0.0
    while time.monotonic() < deadline:
        ready_at = page.evaluate("window.__readyAt")
        if ready_at is not None and ready_at == seen:
            if time.monotonic() - since >= STABLE_MS / 1000:
                return ready_at
        elif ready_at is not None:
            seen, since = ready_at, time.monotonic()
        page.wait_for_timeout(100)
    raise TimeoutError(f"{what} was not ready within {timeout_s:.0f} s")


def time_page(context, url: str, timeout_s: float = 300) -> tuple[float, int, int, int]:
    """Milliseconds from navigation to ready, how many charts and elements the page drew, its height in px."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        ready_at = wait_ready(page, url, timeout_s)
        return ready_at, page.locator(".vega-embed").count(), page.locator(ELEMENTS).count(), page.evaluate(HEIGHT)
    finally:
        page.close()


def time_switches(context, base_url: str, paths: dict[str, str], runs: int, timeout_s: float = 120) -> dict:
    """Median ms of a sidebar click to each page from the one before it, over `runs` walks of the sidebar.

    One browser tab walks the pages in their sidebar order and back to the first, `runs + 1` times;
    the first walk warms the server's caches and the browser's code and is not counted.
    """
    names = list(paths)
    times: dict[str, list[float]] = {name: [] for name in names}
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{paths[names[-1]]}", wait_until="commit")
        wait_ready(page, names[-1], timeout_s)
        for walk in range(runs + 1):
            for name in names:
                page.evaluate(CLICK, paths[name])
                ready_at = wait_ready(page, f"switch to {name}", timeout_s)
                if walk:
                    times[name].append(ready_at - page.evaluate("window.__clickAt"))
            print(f"  switch walk {walk} of {runs} done", file=sys.stderr, flush=True)
    finally:
        page.close()
    return {name: statistics.median(values) for name, values in times.items()}


@contextmanager
def probed_context() -> Iterator:
    """A laptop-sized (1366 px) Chromium context whose every page carries READY_PROBE."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(viewport=LAPTOP)
            context.add_init_script(READY_PROBE)
            yield context
        finally:
            browser.close()


def time_pages(base_url: str, paths: dict[str, str], runs: int) -> dict[str, dict]:
    """Median ms per page over `runs` loads, after one warm-up load of each (fills the server's caches)."""
    results: dict[str, dict] = {}
    with probed_context() as context:
        for name, path in paths.items():
            cold, charts, elements, height = time_page(context, f"{base_url}/{path}")
            results[name] = {"cold_ms": cold, "charts": charts, "elements": elements, "height": height}
        for run in range(runs):  # interleaved, so a slow moment of the machine hits every page alike
            for name, path in paths.items():
                if run and results[name]["cold_ms"] > SLOW_MS:
                    continue  # one timed load is enough to show a page this slow
                results[name].setdefault("runs", []).append(time_page(context, f"{base_url}/{path}")[0])
            print(f"  full-load run {run + 1} of {runs} done", file=sys.stderr, flush=True)
        switches = time_switches(context, base_url, paths, runs)
    for name, result in results.items():
        result["median_ms"] = statistics.median(result["runs"])
        result["switch_ms"] = switches[name]
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
