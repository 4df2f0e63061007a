"""Small widgets every page uses: a field's error, the message a callback leaves, menus drawn only when open."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import streamlit as st

from lib.charts.contrast import in_scheme
from lib.domain.model import ValidationError
from lib.ui.focus import FieldErrors, message_key

# Bounds for a date the user types: Streamlit's own (ten years either side of today) silently put
# back the default when a year beyond them was typed, so 2099 saved as today. Any calendar day
# goes in (an older version's row may hold 9999-12-31), and the app's own checks say what is wrong.
FIRST_DAY, LAST_DAY = date.min, date.max


# How the checks' messages that follow a field's name begin ("is required", "must be between …");
# the others are instructions ("pick the day it was done") that stand alone under their field.
FOLLOWS_A_NAME = frozenset({"is", "are", "must", "needs", "names", "has", "uses", "does", "cannot", "breaks", "line"})


def named(label: str | None, message: str) -> str:
    """A check's message as a form shows it: after the field's name, or alone as a sentence."""
    if not label:
        return message
    if message.split(" ", 1)[0] in FOLLOWS_A_NAME:
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


def field_error(errors: dict[str, str] | None, key: str, label: str | None = None, widget: str | None = None) -> None:
    """Show the message for one field right under it, if there is one, naming the field.

    The checks word their messages to follow a field's name ("is required", "is too long (…)"),
    so an import can say "row 3, column company is required" and a form "Company is required".
    Given the field's `widget` key and a `FieldErrors`, it records where the message was drawn,
    so the page can mark that widget invalid and put focus on the first one.
    """
    if not errors or key not in errors:
        return
    text = named(label, errors[key])
    recorded = errors if isinstance(errors, FieldErrors) else None
    if widget is None or (recorded is not None and widget in recorded.widgets):  # its first message describes it
        st.error(text, icon=":material/error:")
    else:
        with st.container(key=message_key(widget)):
            st.error(text, icon=":material/error:")
    if recorded is not None and widget is not None:
        recorded.record(key, widget, label or key)


def errors_of(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{k}": v for k, v in exc.errors.items()}


# Streamlit 1.67 pins toasts under the header, top right, and has no option to move them: on a
# 390 px phone one covers the page title (on a wide screen it overlaps the title's row too).
# Bottom right is clear of every title. Only CSS, no user text: st.html sends a <style> alone to
# the page's event area, where it takes no room.
TOAST_AT_THE_BOTTOM = "<style>.stToastContainer { top: auto !important; bottom: 1rem; }</style>"


TOAST_STYLE_UNTIL = "toast.style_until"
TOAST_STYLE_S = 10  # a toast shows ~4 s: the style outlives it, so a rerun meanwhile keeps it at the bottom


def flash() -> None:
    """Show, once, the message a callback left for the next run, as a toast at the bottom of the screen.

    The style is drawn from a toast's run until well after it has gone, not on every run: a toast
    outlives the run that made it, and would jump back over the title if the next run dropped the
    style; but a page that shows no toast need not load the browser code of st.html at all.
    """
    message = st.session_state.pop("flash", None)
    if message:
        st.session_state[TOAST_STYLE_UNTIL] = time.monotonic() + TOAST_STYLE_S
    if st.session_state.get(TOAST_STYLE_UNTIL, 0.0) > time.monotonic():
        st.html(TOAST_AT_THE_BOTTOM)
    if message:
        st.toast(message, icon=":material/check_circle:")


@contextmanager
def menu(label: str, key: str, **style) -> Iterator[bool]:
    """A popover whose content is drawn only while it is open: yields whether it is.

    A page of ten entries has dozens of these menus; drawing their widgets on every run cost the
    server ~250 ms (each widget scans session state) for content nobody had opened. Opening one
    reruns the page once, with its content in.
    """
    with opened(st.popover(label, key=key, on_change="rerun", **style)) as is_open:
        yield is_open


@contextmanager
def opened(container) -> Iterator[bool]:
    """Enter a popover or expander made with on_change="rerun": yields whether it is open now."""
    with container:
        yield bool(container.open)


def dark_page() -> bool:
    """Whether the browser shows Streamlit's dark theme (None in tests without a browser: light)."""
    theme = getattr(st.context, "theme", None)
    return getattr(theme, "type", None) == "dark"


def vega_chart(spec: dict, container=None) -> None:
    """A chart in the page's colours for this run's scheme, every colour meeting WCAG's ratio."""
    (container or st).vega_lite_chart(spec=in_scheme(spec, dark_page()), width="stretch", theme="streamlit")
