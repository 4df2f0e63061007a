"""Where keyboard focus goes after a submit, and which fields a screen reader hears as invalid.

Streamlit 1.67 offers no way to move focus or to mark a widget invalid from Python, and a failed
Save left focus on the page body: a keyboard user had to find the messages by tabbing through the
form again. This draws one small script (an st.components.v2 component, which runs in the page,
not in an iframe) only on the runs that need it. The script gets only CSS class names built from
widget keys and a nonce, never user text.

- `FieldErrors` is a form's messages by field that also records, as the page draws each message,
  the widget it belongs to, so the first invalid field is the first one on the page, whatever
  order the checks ran in.
- On a new failed submit (a new nonce) focus goes to the first invalid field; every invalid
  field gets aria-invalid="true" and aria-describedby pointing at its message, for as long as
  the messages are shown. Typing in a field reruns the page with the same nonce: focus stays put.
"""

from __future__ import annotations

import re

import streamlit as st

# Streamlit's own rule for the class it gives a keyed element's container (frontend `st-key-` + key,
# every character outside [a-zA-Z0-9_-] as "-").
_NOT_IN_CLASS = re.compile(r"[^a-zA-Z0-9_-]")


def key_class(widget_key: str) -> str:
    """The CSS class of the container Streamlit draws for the widget with this key."""
    return "st-key-" + _NOT_IN_CLASS.sub("-", widget_key.strip())


def message_key(widget_key: str) -> str:
    """The key of the container a field's message is drawn in, next to its widget's."""
    return f"{widget_key}-error"


class FieldErrors(dict[str, str]):
    """A form's messages by field, plus where each was drawn, in the order the page drew them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.shown: dict[str, tuple[str, str]] = {}  # message key -> (widget key, the field's name)

    def record(self, key: str, widget: str, label: str) -> None:
        self.shown.setdefault(key, (widget, label))

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.shown.values()]

    @property
    def widgets(self) -> list[str]:
        return list(dict.fromkeys(widget for widget, _ in self.shown.values()))

    @property
    def unshown(self) -> dict[str, str]:
        """The messages no field of the form drew (a check of a field the form does not show)."""
        return {k: v for k, v in self.items() if k not in self.shown}


_SCRIPT = """
// The field a person types in, before any button its container also holds (a help icon, a stepper). A date's
// first box comes before the hidden input its widget keeps the value in.
const FIELDS = ['[role="spinbutton"]', 'input:not([type="hidden"]):not([tabindex="-1"]), textarea', '[role="combobox"]',
                'button', '[tabindex="0"]'];

const MESSAGE = '-error [data-testid="stAlertContentError"] [data-testid="stMarkdownContainer"]';

function fieldIn(name) {
  const box = document.querySelector('.' + name);
  for (const selector of FIELDS) {
    const field = box && box.querySelector(selector);
    if (field) return field;
  }
  return null;
}

function mark(invalid) {
  const fields = new Set();
  for (const name of invalid) {
    const field = fieldIn(name);
    if (!field) continue;
    fields.add(field);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('data-debrief-invalid', '');
    const message = document.querySelector('.' + name + MESSAGE);
    if (message) {
      message.id = name + '-message';
      field.setAttribute('aria-describedby', message.id);
    }
  }
  unmark(fields);
}

function unmark(keep) {
  for (const field of document.querySelectorAll('[data-debrief-invalid]')) {
    if (keep.has(field)) continue;
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
    field.removeAttribute('data-debrief-invalid');
  }
}

// Streamlit calls the function again when its data changes without calling the cleanup it returned (only
// when the component leaves the page): the last run's observer is stopped here, or it would keep marking
// the fields of a Save long since fixed. Kept on window: one page, one form in play.
export default function (component) {
  if (window.__debriefStopFocus) window.__debriefStopFocus();
  const { data } = component;
  const invalid = data.invalid || [];
  mark(invalid);
  const target = data.focus && window.__debriefFocusNonce !== data.nonce ? fieldIn(data.focus) : null;
  if (target) {
    window.__debriefFocusNonce = data.nonce;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }
  // Streamlit may draw a field afresh on a later rerun: mark it again whenever the page changes.
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const observer = new MutationObserver(() => mark(invalid));
  observer.observe(main, { childList: true, subtree: true });
  const stop = () => {
    observer.disconnect();
    unmark(new Set());
    if (window.__debriefStopFocus === stop) window.__debriefStopFocus = null;
  };
  window.__debriefStopFocus = stop;
  return stop;
}
"""

_focus = st.components.v2.component("debrief_focus", js=_SCRIPT)


def point_at_invalid(errors: FieldErrors, nonce: str) -> None:
    """Mark the fields whose messages were drawn invalid, and on a new nonce put focus on the first."""
    if not errors.shown:
        return
    invalid = [key_class(widget) for widget in errors.widgets]
    _focus(data={"invalid": invalid, "focus": invalid[0], "nonce": nonce}, key="debrief-focus", height=0)


def focus_on(widget_key: str, nonce: str) -> None:
    """Put focus on a widget once per nonce: where the user's next step is after a submit that redrew the page."""
    _focus(data={"invalid": [], "focus": key_class(widget_key), "nonce": nonce}, key="debrief-focus", height=0)
