"""The app by keyboard alone (WCAG 2.2 AA: 2.1.1 Keyboard, 2.4.3 Focus Order, 2.4.7 and 2.4.11 Focus Visible and
Not Obscured, 3.3.1 Error Identification), in real Chromium against `streamlit run`.

After the first page.goto a test only presses keys. At every Tab stop it checks that focus is on something a
sighted keyboard user can find: not the page body, on screen with a size, not inside anything hidden, not a
stop that leads nowhere ("Link to heading", "close icon"), and drawn differently focused than unfocused (its
box, with room for an outline, is shot focused and again after a blur: some pixels must change). The number
of stops from the top of the main region to the target is bounded, so a page that grows stops fails here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from lib.files.demo import load_demo
from lib.store import Store
from tests.browser.helpers import SCREENSHOTS, no_streamlit_errors, wait_for_app

pytestmark = pytest.mark.browser

# Stops from the main region itself to the target: one more than these is a regression.
LOG_STOPS_TO_SAVE = 38  # an empty new Log form: main, Company ... Outcome, Save interview
INTERVIEWS_STOPS_TO_DETAILS = 12  # the demo data: main, the filters, paging, the first card's links, Details
NAMES_LEADING_NOWHERE = ("Link to heading", "close icon")
RING_ROOM = 6  # px around the box that shows focus: an outline with its offset is drawn outside the element
FOCUS_RATIO = 3.0  # WCAG 2.2 1.4.11: a focus indicator against the same pixels unfocused
CHANGED = 40  # of 255 in some colour channel: a pixel that changed this much changed for the eye, not by smoothing

# Where focus is, after scrolling it into view: what a user could see of it. The box shot for the focus
# indicator is the nearest element that draws the ring for a form control (BaseWeb's input root or select
# control; the label around a switch's visually hidden input), else the element itself.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  e.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const r = e.getBoundingClientRect();
  let hidden = null;
  for (let a = e; a && !hidden; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.display === 'none' || s.visibility === 'hidden' || (a !== e && Number(s.opacity) === 0)) {
      hidden = a.dataset.testid || a.tagName;
    }
  }
  const ring = e.closest('[data-baseweb=input], [data-baseweb=textarea], [data-baseweb=select] > div')
    || (e.matches('input[type=checkbox], input[type=radio]') && e.closest('label')) || e;
  const b = ring.getBoundingClientRect();
  return {
    tag: e.tagName, testid: e.closest('[data-testid]')?.dataset.testid || '',
    inMain: !!e.closest('[data-testid=stMain]'), inDialog: !!e.closest('[role=dialog]'),
    width: r.width, height: r.height,
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    hidden, ring: {x: b.x, y: b.y, width: b.width, height: b.height},
  };
}"""
# Unfocused, for comparison: focus moves to a holder that draws nothing, placed in the dialog when the stop is in
# one (a dialog keeps focus inside: a plain blur there is undone at once); then it comes back to the stop.
UNFOCUS = """() => {
  const stop = window.__stop = document.activeElement;
  const holder = window.__holder = document.createElement('span');
  holder.tabIndex = -1;
  holder.style.cssText = 'position: fixed; left: -100px; top: 0; width: 1px; height: 1px; outline: none';
  (stop.closest('[role=dialog]') || document.body).append(holder);
  holder.focus();
  return document.activeElement !== stop;
}"""
REFOCUS = """() => {
  window.__stop.focus();
  window.__holder.remove();
  return document.activeElement === window.__stop && window.__stop.matches(':focus-visible');
}"""


# The app's own focus rings (lib/ui/page_style.py) are on the page.
STYLED = """() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stMain"]:focus-visible'))"""


def open_page(page, url: str) -> None:
    """Go to the page and wait until its run is over and its style drawn: a server's first run was seen to end
    (2.4 s) before the run that draws the style (2.7 s), and a Tab in between met Streamlit's look alone."""
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(STYLED, timeout=30_000)
    wait_for_app(page)


@dataclass
class Stop:
    name: str
    tag: str
    testid: str
    in_main: bool
    in_dialog: bool

    def __str__(self) -> str:
        return f"{self.tag} {self.testid} {self.name!r}"


@dataclass
class Keyboard:
    """Tab through the page, checking every stop on the way and keeping the list of them."""

    page: object
    checking: bool = True  # False: only find the way (a test of what happens there, whose stops another test checks)
    stops: list[Stop] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cdp = self.page.context.new_cdp_session(self.page)

    def tab(self, key: str = "Tab") -> Stop:
        self.page.keyboard.press(key)
        self.page.wait_for_timeout(50)
        stop = self.check_focus() if self.checking else self.where_focus_is()
        self.stops.append(stop)
        return stop

    def tab_to(self, name: str, limit: int, exact: bool = False) -> int:
        """Tab until a stop named `name` (whole name or within it); the number of stops it took."""
        for count in range(1, limit + 1):
            stop = self.tab()
            if stop.name == name or (not exact and name in stop.name):
                return count
        raise AssertionError(f"{name!r} not reached in {limit} stops:\n" + self.listing(limit))

    def tab_into_main(self, limit: int = 20) -> Stop:
        for _ in range(limit):
            stop = self.tab()
            if stop.in_main:
                return stop
        raise AssertionError("Tab never reached the main region:\n" + self.listing(limit))

    def listing(self, last: int) -> str:
        return "\n".join(f"{n:3d} {stop}" for n, stop in enumerate(self.stops[-last:], 1))

    def accessible_name(self) -> str:
        handle = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        tree = self.cdp.send("Accessibility.getPartialAXTree",
                             {"objectId": handle["result"]["objectId"], "fetchRelatives": False})
        return next((str(node.get("name", {}).get("value", "")) for node in tree["nodes"]), "")

    def where_focus_is(self) -> Stop:
        where = self.page.evaluate(FOCUSED) or {"tag": "BODY", "testid": "", "inMain": False, "inDialog": False}
        return Stop(self.accessible_name(), where["tag"], where["testid"], where["inMain"], where["inDialog"])

    def check_focus(self) -> Stop:
        where = self.page.evaluate(FOCUSED)
        after = self.listing(5)
        assert where is not None, f"focus fell to the page body after:\n{after}"
        stop = Stop(self.accessible_name(), where["tag"], where["testid"], where["inMain"], where["inDialog"])
        assert where["width"] > 0 and where["height"] > 0, f"{stop} has no size"
        assert where["onScreen"], f"{stop} is off screen even scrolled into view"
        assert where["hidden"] is None, f"{stop} sits inside a hidden {where['hidden']}"
        named = stop.name.strip() or stop.tag == "MAIN"  # the main region: its role names it
        assert named, f"{stop} has no accessible name, after:\n{after}"
        assert stop.name not in NAMES_LEADING_NOWHERE, f"{stop} is a stop that leads nowhere, after:\n{after}"
        assert self.focus_shows(where["ring"]), f"{stop} looks the same focused and unfocused"
        return stop

    def focus_shows(self, box: dict) -> bool:
        """Focused, the box (and the room an outline takes around it) differs from blurred in at least a
        one-pixel line along half its edge, each pixel by 3:1: a ring or a border that changes colour, not a shade
        on a thumb nor a pale shadow."""
        clip = {"x": max(box["x"] - RING_ROOM, 0), "y": max(box["y"] - RING_ROOM, 0),
                "width": box["width"] + 2 * RING_ROOM, "height": box["height"] + 2 * RING_ROOM}
        focused = self.shot(clip)
        assert self.page.evaluate(UNFOCUS), "the stop kept its focus"
        blurred = self.shot(clip)
        assert self.page.evaluate(REFOCUS), "the stop did not take its focus back, as a keyboard focus"
        if ring_pixels(focused, blurred) < box["width"] + box["height"]:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for state, image in (("focused", focused), ("blurred", blurred)):
                image.save(SCREENSHOTS / f"keyboard-stop-{len(self.stops) + 1}-{state}.png")
            return False
        return True

    def shot(self, clip: dict) -> Image.Image:
        png = self.page.screenshot(clip=clip, animations="disabled", caret="hide")
        return Image.open(io.BytesIO(png)).convert("RGB")


def luminance(pixel: tuple[int, int, int]) -> float:
    channels = [c / 255 for c in pixel]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ring_pixels(focused: Image.Image, blurred: Image.Image) -> int:
    """Pixels that changed with focus by WCAG's 3:1 for a focus indicator against its unfocused look."""
    mask = ImageChops.difference(focused, blurred).convert("L").point(lambda value: 255 if value >= CHANGED else 0)
    count = 0
    for x, y in ((i % mask.width, i // mask.width) for i, v in enumerate(mask.get_flattened_data()) if v):
        lighter, darker = sorted((luminance(focused.getpixel((x, y))), luminance(blurred.getpixel((x, y)))),
                                 reverse=True)
        count += (lighter + 0.05) / (darker + 0.05) >= FOCUS_RATIO
    return count


def test_logging_an_interview_and_marking_its_thank_you_sent_takes_only_keys_with_focus_in_sight(
        serve, page, tmp_path):
    server = serve(tmp_path / "keys.db")
    open_page(page, f"{server.url}/log")
    keys = Keyboard(page)

    keys.tab_into_main()
    assert keys.tab_to("Company", limit=3, exact=True) == 1
    page.keyboard.type("Acme")
    assert keys.tab().name == "Role"
    wait_for_app(page)  # Company's value taken
    page.keyboard.type("Data engineer")
    stops = 3 + keys.tab_to("Save interview", limit=LOG_STOPS_TO_SAVE)  # main, Company, Role, then on to Save
    assert stops <= LOG_STOPS_TO_SAVE, f"{stops} stops from the top of Log to Save:\n{keys.listing(stops)}"
    page.keyboard.press("Enter")
    wait_for_app(page)
    saved = page.locator('[class*="st-key-log-saved-result"]')
    expect(saved.get_by_text("Saved. Next:", exact=False)).to_be_visible()
    # The app keeps focus on Save (now "Save changes") once the page is drawn: from there, on to Draft.
    expect(page.get_by_role("button", name="Save changes")).to_be_focused()

    keys.tab_to("Draft", limit=10, exact=True)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    wait_for_app(page)
    keys.tab_to("Mark as sent", limit=20)
    assert keys.stops[-1].in_dialog
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "keyboard-mark-as-sent-focused.png")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(dialog).to_have_count(0)
    plan = page.locator('[data-testid="stMarkdownContainer"]')
    thank_you = plan.filter(has_text="Thank-you note to your interviewer")
    expect(thank_you.first).to_contain_text("Done Fri 20 Nov")  # sent today, the server's pinned Friday
    no_streamlit_errors(page)


def test_the_first_cards_details_on_interviews_is_a_few_visible_stops_from_the_top(serve, page, tmp_path):
    db = tmp_path / "demo.db"
    load_demo(Store(db), datetime(2026, 11, 20, 17, 0))
    server = serve(db)
    open_page(page, f"{server.url}/interviews")
    keys = Keyboard(page)

    keys.tab_into_main()
    stops = 1 + keys.tab_to("Details", limit=INTERVIEWS_STOPS_TO_DETAILS + 10, exact=True)
    assert stops <= INTERVIEWS_STOPS_TO_DETAILS, f"{stops} stops to Details:\n{keys.listing(stops)}"
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Hide details").first).to_be_visible()
    no_streamlit_errors(page)


def test_a_failed_save_puts_focus_on_the_first_invalid_field_and_its_message_names_it(serve, page, tmp_path):
    server = serve(tmp_path / "empty.db")
    open_page(page, f"{server.url}/log")
    keys = Keyboard(page, checking=False)

    keys.tab_into_main()
    keys.tab_to("Save interview", limit=LOG_STOPS_TO_SAVE)
    page.keyboard.press("Enter")
    wait_for_app(page)
    company = page.get_by_role("textbox", name="Company")
    expect(company).to_be_focused()
    expect(company).to_have_attribute("aria-invalid", "true")
    company_field = page.locator('[data-testid="stElementContainer"]').filter(
        has=page.locator('[data-testid="stTextInput"]').filter(has=company))
    message = company_field.locator('xpath=following-sibling::*[.//*[@data-testid="stAlertContentError"]][1]')
    expect(message.locator('[data-testid="stMarkdownContainer"]')).to_have_text("Company is required")
    keys.check_focus()
