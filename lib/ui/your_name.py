"""Asking for the name emails are signed with: once, inline, until it is saved or the user says "Not now".

Without a name every draft ends in "[your name]", and nothing else would ask for it. The prompt
is a plain field and two buttons, no dialog of its own, so it can sit inside the Draft dialog
or under a page's result; it must not sit inside an `st.form` (its buttons run callbacks).
Once the name is saved, or "Not now" is chosen, the `your_name_asked` setting remembers it and
the prompt never shows again; the Templates page still edits the name.
"""

from __future__ import annotations

import streamlit as st

from lib.domain.drafts import NAME_LIMIT, check_your_name
from lib.domain.model import ValidationError
from lib.domain.text import md_escape
from lib.ui.cache import data, store
from lib.ui.widgets import field_error

YOUR_NAME = "your_name"  # the setting drafts are signed with, edited on the Templates page
ASKED = "your_name_asked"  # "saved" or "not now": the prompt has had its one chance
LABEL = "Your name (used to sign your emails)"


def name_still_to_ask() -> bool:
    """No name saved, and the user has not yet saved one or said "Not now"."""
    settings = data().settings
    return not settings.get(YOUR_NAME) and not settings.get(ASKED)


def ask_name_once(key: str) -> None:
    """Draw the "Your name" field with Save and Not now while `name_still_to_ask()`; else nothing.

    `key` prefixes its widgets' keys, so two places on one page do not clash. The run after Save
    or Not now says what happened in its place: a toast would wait for the page's next full run,
    and inside a dialog only the dialog reruns.
    """
    if done := st.session_state.pop(f"{key}.done", None):
        st.success(done, icon=":material/check_circle:")
    if not name_still_to_ask():
        return
    with st.container(border=True, key=f"{key}-ask"):
        st.text_input(LABEL, key=f"{key}.name", max_chars=NAME_LIMIT, placeholder="e.g. Alex Morgan")
        field_error(st.session_state.get(f"{key}.errors"), YOUR_NAME, "Your name")
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.button("Save", key=f"{key}.save", type="primary", icon=":material/save:", on_click=_save, args=(key,))
            st.button("Not now", key=f"{key}.not_now", type="tertiary", on_click=_not_now, args=(key,))
            st.caption("Asked once: you can change it any time on the Templates page.")


def remember_asked(how: str) -> None:
    """Never ask again: the Templates page calls this when a name is saved there too."""
    store().settings.save(ASKED, how)


def _save(key: str) -> None:
    try:
        name = check_your_name(st.session_state.get(f"{key}.name", ""))
        if not name:
            raise ValidationError(YOUR_NAME, "is empty: type it, or choose Not now")
    except ValidationError as error:
        st.session_state[f"{key}.errors"] = {YOUR_NAME: f"Your name {error.message}."}
        return
    store().settings.save(YOUR_NAME, name)
    remember_asked("saved")
    st.session_state.pop(f"{key}.errors", None)
    st.session_state[f"{key}.done"] = f"Saved: your emails are signed “{md_escape(name)}”."


def _not_now(key: str) -> None:
    remember_asked("not now")
    st.session_state.pop(f"{key}.errors", None)
    st.session_state[f"{key}.done"] = "Not asked again: add your name on the Templates page whenever you like."
