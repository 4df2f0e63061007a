"""The few style rules Streamlit 1.67's theme options cannot set, each one for WCAG 2.2 AA.

Only constant CSS, no user text. st.html sends a <style> alone to the page's event area, where it
takes no room. No rule may use a child combinator: Streamlit's sanitizer (DOMPurify) drops the whole
<style> when its text holds ">" (seen: every rule here gone, the sidebar's ring with them).
What each rule fixes, as axe-core or the keyboard test measured it:

- Captions: Streamlit fades them with opacity 0.6, which made their text 3.88:1 on white (4.5:1
  needed) and faded whatever sits in them (a "Done" badge fell to 2.99:1). The text keeps its
  colour at 75% instead (6.1:1 on white, 8.9:1 on the dark background) and a badge keeps its own.
- Date and time inputs: each day/month/year and hour/minute box was 17.9 × 19.6 px; a target
  needs 24 × 24.
- Links, page links and the sidebar's page list: a focus ring, not the faint tint Streamlit gives a page link.
- Switches (st.toggle): the focused input is visually hidden and Streamlit draws nothing on the track, so a
  keyboard user could not see which switch had focus; the track gets the ring.
- The main region is a Tab stop (Streamlit gives it tabindex 0, the skip link's target); it and a dialog's Close
  button get the same 2 px ring as the rest, instead of Chromium's thin default and Streamlit's pale blue.
  tests/browser/test_keyboard.py checks every stop on the way to Save and through a draft for a ring.
- Buttons (a link button, a date input's calendar button and a help icon too) an expander's title and a
  block that scrolls (a draft's text in st.code): Streamlit's ring is its
  primary colour at half strength, 2.4:1 against the unfocused button in the light scheme and
  2.7:1 in the dark (3:1 needed); a ring in the text colour (the primary colour round a primary
  button, whose text is white on it) is 6.7:1 or more.
- Pictures: st.image puts a Fullscreen button in a hover toolbar that a keyboard still reaches
  while it stays invisible; the timeline pictures need no full screen.
- Primary buttons in the dark scheme: white text on the light primary blue was 2.54:1; dark text
  on it is 7.1:1. The scheme is the one the browser reported for this run (st.context.theme).
"""

from __future__ import annotations

import streamlit as st

from lib.ui.widgets import dark_page

FOCUS_RING = "2px solid currentColor"
PRIMARY = {False: "#1d4ed8", True: "#60a5fa"}  # .streamlit/config.toml's primaryColor, light and dark

COMMON = f"""
[data-testid="stCaptionContainer"] {{ opacity: 1; color: color-mix(in srgb, currentColor 75%, transparent); }}
[data-testid="stDateInput"] [role="spinbutton"], [data-testid="stTimeInput"] [role="spinbutton"] {{
  display: inline-flex; align-items: center; justify-content: center; min-width: 24px; min-height: 24px;
}}
a:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible,
[data-testid="stSidebarNavLink"]:focus-visible {{ outline: {FOCUS_RING}; outline-offset: 2px; }}
[data-testid="stCheckbox"] label:has(input:focus-visible) span + div {{ outline: {FOCUS_RING}; outline-offset: 2px; }}
[data-testid="stMain"] :is(button, a):focus-visible, [data-testid="stDialog"] :is(button, a):focus-visible,
[data-testid="stSidebar"] :is(button, a):focus-visible {{ outline: {FOCUS_RING}; outline-offset: 2px; }}
[data-testid="stMain"] div[tabindex]:focus-visible, [data-testid="stDialog"] div[tabindex]:focus-visible {{
  outline: {FOCUS_RING}; outline-offset: -2px;
}}
[data-testid="stExpander"] summary:focus-visible {{ outline: {FOCUS_RING}; outline-offset: -2px; }}
button[data-testid^="stBaseButton-primary"]:focus-visible {{ outline-color: {PRIMARY[False]}; }}
[data-testid="stMain"]:focus-visible {{ outline: {FOCUS_RING}; outline-offset: -2px; }}
[data-testid="stDialog"] button[aria-label="Close"]:focus-visible {{ outline: {FOCUS_RING}; outline-offset: 2px; }}
[data-testid="stElementContainer"]:has([data-testid="stImage"]) [data-testid="stElementToolbar"] {{ display: none; }}
"""

DARK_ONLY = f"""
[data-testid^="stBaseButton-primary"], [data-testid^="stBaseButton-primary"] * {{ color: #171614; }}
button[data-testid^="stBaseButton-primary"]:focus-visible {{ outline-color: {PRIMARY[True]}; }}
"""


def page_style() -> None:
    """Draw the style rules for this run's scheme: once per run, from the entrypoint."""
    css = COMMON + (DARK_ONLY if dark_page() else "")
    st.html(f"<style>{css}</style>")
