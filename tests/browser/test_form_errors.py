"""A failed Save on Log, as a keyboard or screen-reader user meets it: focus at the first field to fix, each
field marked invalid and described by its message; a successful one keeps focus at Save."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import no_streamlit_errors, wait_for_app

pytestmark = pytest.mark.browser

DESCRIPTION = """(selector) => {
  const field = document.querySelector(selector);
  const described = field && field.getAttribute('aria-describedby');
  const message = described && document.getElementById(described);
  return message ? message.innerText.trim() : null;
}"""


def field(page, key: str):
    return page.locator(f".st-key-{key} input, .st-key-{key} textarea").first


def expect_described(page, key: str, message: str) -> None:
    """The field's aria-describedby names the element that reads `message` (waited for: a script sets it)."""
    selector = f".st-key-{key} input"
    page.wait_for_function(f"(m) => ({DESCRIPTION})({selector!r}) === m", arg=message)


def press_save(page) -> None:
    page.locator(".st-key-f-save button").click()  # "Save interview", or "Save booking" for one ahead
    wait_for_app(page)


def open_log(serve, page, tmp_path) -> None:
    server = serve(tmp_path / "debrief.db")
    page.goto(f"{server.url}/log")
    wait_for_app(page)


def test_a_failed_save_puts_focus_on_the_first_field_to_fix_and_marks_each_one(serve, page, tmp_path):
    open_log(serve, page, tmp_path)
    press_save(page)

    expect(field(page, "f-company")).to_be_focused()
    for key, message in (("f-company", "Company is required"), ("f-role", "Role is required")):
        expect(field(page, key)).to_have_attribute("aria-invalid", "true")
        expect_described(page, key, message)
    expect(page.get_by_text("Nothing was saved. 2 fields to fix: company, role.")).to_be_visible()

    page.keyboard.type("Acme")
    page.keyboard.press("Tab")  # commits Company: the page reruns with the same messages
    wait_for_app(page)
    expect(field(page, "f-role")).to_be_focused()  # a rerun while fixing leaves focus where the user is
    page.keyboard.type("Data engineer")
    page.keyboard.press("Tab")
    wait_for_app(page)
    press_save(page)

    expect(page.get_by_text("Saved. Next:")).to_be_visible()
    expect(page.get_by_role("button", name="Save changes")).to_be_focused()
    expect(page.locator("[aria-invalid]")).to_have_count(0)
    no_streamlit_errors(page)
    assert not page.js_errors


def test_a_second_failed_save_moves_focus_to_what_is_wrong_now(serve, page, tmp_path):
    open_log(serve, page, tmp_path)
    press_save(page)
    expect(field(page, "f-company")).to_be_focused()
    page.keyboard.type("Acme")
    press_save(page)

    expect(field(page, "f-role")).to_be_focused()
    expect(field(page, "f-role")).to_have_attribute("aria-invalid", "true")
    expect(field(page, "f-company")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Nothing was saved. 1 field to fix: role.")).to_be_visible()


def test_no_field_stays_marked_once_the_entry_saved_and_the_page_moved_on(serve, page, tmp_path):
    """Each failed Save's script kept watching the page: the first one marked Company again after later runs."""
    open_log(serve, page, tmp_path)
    press_save(page)
    page.keyboard.type("Acme")
    press_save(page)  # a second failed Save: Role only
    expect(field(page, "f-role")).to_be_focused()
    page.keyboard.type("Data engineer")
    press_save(page)
    expect(page.get_by_text("Saved. Next:")).to_be_visible()

    page.get_by_role("button", name="Log another interview").first.click()
    wait_for_app(page)
    expect(field(page, "f-company")).to_have_value("")
    page.get_by_label("Role").fill("Analyst")
    page.get_by_label("Role").press("Tab")  # another run, with new elements on the page
    wait_for_app(page)
    expect(page.locator("[aria-invalid]")).to_have_count(0)


def test_a_date_to_fix_takes_focus_in_its_first_box_not_the_hidden_value_behind_it(serve, page, tmp_path):
    open_log(serve, page, tmp_path)
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Role").fill("Data engineer")
    page.get_by_label("Role").press("Tab")
    wait_for_app(page)
    year = page.get_by_role("spinbutton", name="year, Date")
    year.click()
    page.keyboard.type("2028")  # two years ahead: "more than a year away"
    page.locator("h1").first.click()
    wait_for_app(page)
    expect(year).to_have_text("2028")
    press_save(page)

    first_box = page.locator(".st-key-f-day [role=spinbutton]").first
    expect(first_box).to_be_focused()
    expect(first_box).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("The interview's date is more than a year away: check the year")).to_be_visible()
