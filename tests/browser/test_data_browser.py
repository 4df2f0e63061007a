"""The Data page's demo section in real Chromium, and where its confirmation toast lands on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.files.demo import DEMO_SIZE
from lib.store import Store
from tests.browser.helpers import PHONE, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, build_interview

pytestmark = pytest.mark.browser
WIDE = {"width": 1366, "height": 900}


def overlaps(a: dict, b: dict) -> bool:
    """Whether two bounding boxes share any area."""
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def toast_and_title(page, text: str) -> tuple[dict, dict]:
    """The toast saying `text` and the page title, boxed with the page scrolled to its top (title in view)."""
    toast = page.locator('[data-testid="stToast"]').filter(has_text=text)
    expect(toast).to_be_visible()
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    title = page.get_by_role("heading", name="Your data", level=1)
    expect(title).to_be_in_viewport()
    return toast.bounding_box(), title.bounding_box()


def test_load_and_remove_the_demo_from_the_data_page_with_toasts_clear_of_the_title(serve, page, tmp_path: Path):
    db = tmp_path / "own.db"
    store = Store(db)
    store.interviews.save(build_interview(), now=FIXED_NOW)
    server = serve(db)
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/data")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')

    main.get_by_role("button", name="Load demo data").click()
    toast, title = toast_and_title(page, f"Loaded {DEMO_SIZE} demo interviews")
    assert not overlaps(toast, title), (toast, title)
    expect(main.get_by_role("button", name="Load demo data")).to_be_disabled()
    assert (store.interviews.count(demo=True), store.interviews.count(demo=False)) == (DEMO_SIZE, 1)
    expect(page.locator('[data-testid="stToast"]')).to_have_count(0, timeout=10_000)
    wait_for_app(page)
    screenshot(page, "data-with-demo")

    page.set_viewport_size(WIDE)
    main.get_by_role("button", name="Remove demo data").click()
    toast, title = toast_and_title(page, f"Removed {DEMO_SIZE} demo interviews")
    assert not overlaps(toast, title), (toast, title)
    expect(main.get_by_role("button", name="Load demo data")).to_be_enabled()
    assert (store.interviews.count(demo=True), store.interviews.count(demo=False)) == (0, 1)
    no_streamlit_errors(page)


def test_the_import_form_is_drawn_when_its_expander_opens(serve, page, tmp_path: Path):
    db = tmp_path / "own.db"
    Store(db).interviews.save(build_interview(), now=FIXED_NOW)
    server = serve(db)
    page.set_viewport_size(WIDE)
    page.goto(f"{server.url}/data")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("button", name="Download CSV")).to_be_visible()
    expect(main.locator('[data-testid="stFileUploader"]')).to_have_count(0)  # nothing to load until it is wanted
    main.get_by_text("Import a file").click()
    expect(main.get_by_text("CSV or JSON file", exact=True)).to_be_visible()
    expect(main.locator('[data-testid="stFileUploader"]')).to_have_count(1)
    no_streamlit_errors(page)
