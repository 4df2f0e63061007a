"""The Log form's sections that read the same for a booking and a debrief: the people in it, the timing they gave.

Keys are given by the page (`prefix`), which owns the form's session state; the person rows are
kept in `{prefix}people` as short row ids, each row's fields under `{prefix}p.{row}.…`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import streamlit as st

from lib.domain.entry_form import BLANK_PERSON, EntryForm, timeframe_feedback
from lib.domain.model import LIMITS, timeframe_out_of_range
from lib.domain.text import md_escape
from lib.domain.timeframe import parse_timeframe
from lib.ui.app import user_zone
from lib.ui.widgets import field_error

PERSON_PARTS = ("name", "title", "email")
TIMEFRAME_NAME = "The timeframe"


def person_part_name(position: int, part: str) -> str:
    """How a message names one field of a person row: "Interviewer 2", "Interviewer 2's email"."""
    person = f"Interviewer {position + 1}"
    return person if part == "name" else f"{person}'s {part}"


def _add_person(prefix: str) -> None:
    row = uuid.uuid4().hex[:8]
    for part in PERSON_PARTS:
        st.session_state[f"{prefix}p.{row}.{part}"] = BLANK_PERSON[part]
    st.session_state[f"{prefix}p.{row}.id"] = None
    st.session_state[prefix + "people"] = [*st.session_state[prefix + "people"], row]


def _remove_person(prefix: str, row: str) -> None:
    st.session_state[prefix + "people"] = [r for r in st.session_state[prefix + "people"] if r != row]


def people_section(prefix: str, errors: dict[str, str]) -> None:
    """One row per interviewer (name, title, email, remove), Add another, and the recruiter."""
    state = st.session_state
    st.subheader("People", anchor=False)
    rows = state[prefix + "people"]
    filled_rows = [r for r in rows if any(state.get(f"{prefix}p.{r}.{p}", "").strip() for p in PERSON_PARTS)]
    for row in rows:
        name_col, title_col, email_col, remove_col = st.columns([3, 3, 3, 1], vertical_alignment="bottom")
        name_col.text_input("Interviewer", key=f"{prefix}p.{row}.name", max_chars=LIMITS["name"], placeholder="Name")
        title_col.text_input("Title (optional)", key=f"{prefix}p.{row}.title", max_chars=LIMITS["title"])
        email_col.text_input("Email (optional)", key=f"{prefix}p.{row}.email", max_chars=LIMITS["email"])
        remove_col.button("Remove", key=f"{prefix}p.{row}.remove", on_click=_remove_person, args=(prefix, row),
                          icon=":material/close:", help="Remove this person")
        if row in filled_rows:  # validation numbers the rows that hold something
            index = filled_rows.index(row)
            for part in PERSON_PARTS:
                field_error(errors, f"interviewers.{index}.{part}", person_part_name(rows.index(row), part),
                            f"{prefix}p.{row}.{part}")
    field_error(errors, "interviewers", "The interviewers", f"{prefix}p.{rows[-1]}.remove" if rows else None)
    st.button("Add another interviewer", on_click=_add_person, args=(prefix,), icon=":material/person_add:",
              type="tertiary", key=prefix + "add_person")
    st.text_input("Recruiter involved (optional)", key=prefix + "recruiter", max_chars=LIMITS["recruiter"],
                  placeholder="Name, if a recruiter set this up")
    field_error(errors, "recruiter", "The recruiter's name", prefix + "recruiter")


def timing_section(prefix: str, form: EntryForm, now: datetime, errors: dict[str, str]) -> None:
    """When they expect to decide, read back as it is typed with the check-in date it leads to."""
    st.subheader("What they said about timing", anchor=False)
    st.text_input("When do they expect to decide?", key=prefix + "stated_timeframe",
                  max_chars=LIMITS["stated_timeframe"], placeholder="within 2 weeks · 10 days · by 1 Dec",
                  help="Ask before you leave: the answer sets your check-in date.")
    timing = form.to_interview()
    widget = prefix + "stated_timeframe"
    if refused := timeframe_out_of_range(timing):  # Save's own words, at the field, while typing
        if "stated_timeframe" in errors:  # Save refused it too: the words typed now say why
            errors["stated_timeframe"] = refused
            field_error(errors, "stated_timeframe", TIMEFRAME_NAME, widget)
        else:
            field_error({"stated_timeframe": refused}, "stated_timeframe", TIMEFRAME_NAME, widget)
        return
    errors.pop("stated_timeframe", None)  # what Save said of earlier words does not hold for these
    feedback = md_escape(timeframe_feedback(form, now, user_zone()))
    if parse_timeframe(timing.stated_timeframe, timing.day0).problem:  # a flag, not an error: it saves
        st.warning(feedback, icon=":material/warning:")
    else:
        st.caption(feedback)
