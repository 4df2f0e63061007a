"""A failed Save on Log, as a keyboard or screen-reader user meets it: focus at the first field to fix, each
field marked invalid and described by its message; a successful one keeps focus at Save."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import no_streamlit_errors, wait_for_app

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const box = el && el.closest('[class*="st-key-"]');
  return {key: box ? [...box.classList].find(c => c.startsWith('st-key-')) : null};
}"""

FIELD_STATE = """(key) => {
  const field = document.querySelector('.' + key + ' input, .' + key + ' textarea');
  const described = field.getAttribute('aria-describedby');
  const message = described && document.getElementById(described);
  return {invalid: field.getAttribute('aria-invalid'), message: message ? message.innerText.trim() : null};
}"""


def press_save(page) -> None:
    page.get_by_role("button", name="Save interview").click()
    wait_for_app(page)


def test_a_failed_save_puts_focus_on_the_first_field_to_fix_and_marks_each_one(serve, page, tmp_path):
    server = serve(tmp_path / "debrief.db")
    page.goto(f"{server.url}/log")
    wait_for_app(page)
    press_save(page)

    assert page.evaluate(FOCUSED)["key"] == "st-key-f-company"
    assert page.evaluate(FIELD_STATE, "st-key-f-company") == {"invalid": "true", "message": "Company is required"}
    assert page.evaluate(FIELD_STATE, "st-key-f-role") == {"invalid": "true", "message": "Role is required"}
    assert page.get_by_text("Nothing was saved. 2 fields to fix: Company, Role.").is_visible()

    page.keyboard.type("Acme")
    page.keyboard.press("Tab")  # commits Company: the page reruns with the same messages
    wait_for_app(page)
    assert page.evaluate(FOCUSED)["key"] == "st-key-f-role", "a rerun while fixing leaves focus where the user is"
    page.keyboard.type("Data engineer")
    page.keyboard.press("Tab")
    wait_for_app(page)
    press_save(page)

    assert page.get_by_text("Saved. Next:").is_visible()
    expect(page.get_by_role("button", name="Save changes")).to_be_focused()
    company = page.evaluate("() => document.querySelector('.st-key-f-company input').getAttribute('aria-invalid')")
    assert company is None, "nothing is marked invalid once it saved"
    no_streamlit_errors(page)
    assert not page.js_errors


def test_a_second_failed_save_moves_focus_to_what_is_wrong_now(serve, page, tmp_path):
    server = serve(tmp_path / "debrief.db")
    page.goto(f"{server.url}/log")
    wait_for_app(page)
    press_save(page)
    page.keyboard.type("Acme")
    press_save(page)

    assert page.evaluate(FOCUSED)["key"] == "st-key-f-role"
    assert page.evaluate(FIELD_STATE, "st-key-f-company") == {"invalid": None, "message": None}
    assert page.evaluate(FIELD_STATE, "st-key-f-role") == {"invalid": "true", "message": "Role is required"}
    assert page.get_by_text("Nothing was saved. 1 field to fix: Role.").is_visible()
