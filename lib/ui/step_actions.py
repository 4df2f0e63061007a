"""What a user does to a follow-up step, the same on every page: draft, mark done, snooze, skip, undo, add to calendar;
and for the suggestion to record "no response", that one click (or "Not yet").

Saves run in callbacks, never mid-render. A draft opens in a dialog whose open/closed state lives
in session_state (DRAFT_OPEN), so it survives the reruns its own widgets cause, and closes on
dismiss, on "Mark as sent", or on a page that does not draw it.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from lib import clock
from lib.domain.days import human_date
from lib.domain.drafts import DRAFT_KINDS
from lib.domain.followup import done_mark, snooze_step, suggested_snooze_day
from lib.domain.model import Outcome, ValidationError
from lib.domain.steps import Step, StepKind, StepMark, StepStatus
from lib.domain.text import md_escape
from lib.store import Store
from lib.ui.cache import store
from lib.ui.widgets import field_error, menu

DRAFT_OPEN = "draft.open"


def open_draft(interview_id: int, step_key: str) -> None:
    st.session_state[DRAFT_OPEN] = (interview_id, step_key)


def close_draft() -> None:
    st.session_state.pop(DRAFT_OPEN, None)


def mark_step_done(interview_id: int, step_key: str, on: date) -> None:
    """The one way a step gets marked done, from Today, from Interviews, or from its draft."""
    store().follow_up.mark(interview_id, StepMark(step_key, StepStatus.DONE, on))
    st.session_state["flash"] = "Marked done."


def _mark(interview_id: int, step_key: str, status_value: str, on_key: str | None, today, day0=date.min) -> None:
    on = st.session_state.get(on_key) if on_key else today
    if status_value == "done":
        try:
            mark = done_mark(step_key, on or today, today, day0)
        except ValidationError as error:
            st.session_state[f"{on_key}.errors"] = error.errors
            return
        st.session_state.pop(f"{on_key}.errors", None)
        mark_step_done(interview_id, step_key, mark.on)
        return
    store().follow_up.mark(interview_id, StepMark(step_key, StepStatus(status_value), on or today))
    st.session_state["flash"] = "Skipped."


def unmark_step(interview_id: int, step_key: str) -> None:
    store().follow_up.unmark(interview_id, step_key)
    st.session_state["flash"] = "Undone: the step is open again."


def _snooze(interview_id: int, step: Step, today: date, key: str) -> None:
    try:
        snooze = snooze_step(step, st.session_state.get(f"{key}.until"), st.session_state.get(f"{key}.reason", ""),
                             today)
    except ValidationError as error:
        st.session_state[f"{key}.snooze_errors"] = error.errors
        return
    store().follow_up.snooze(interview_id, snooze)
    st.session_state.pop(f"{key}.snooze_errors", None)
    st.session_state[f"{key}.more"] = False  # close the menu: the timeline shows the new day
    st.session_state["flash"] = f"Snoozed until {human_date(snooze.until, today)}."


def _unsnooze(interview_id: int, step_key: str) -> None:
    store().follow_up.unsnooze(interview_id, step_key)
    st.session_state["flash"] = "Snooze removed: the step is back on its usual day."


def record_no_response(interview_id: int, today: date) -> None:
    """The outcome "no response", recorded on the user's click (never automatically): it closes the follow-up."""
    store().interviews.set_outcome(interview_id, Outcome.NO_RESPONSE, today)
    close_draft()
    st.session_state["flash"] = "Recorded: no response. If they write back, change the outcome on Interviews."


def step_actions(step: Step, interview_id: int, today: date, key: str, *, why_shown: bool = False) -> None:
    """Draft, then More (mark done, snooze, skip) for a step still to do.

    The same buttons, the same callbacks and the same records on the Today and Interviews pages.
    Draft stays in sight (drafting and marking sent is two clicks); the rest opens from one menu.
    The no-response suggestion has no email: see `no_response_actions`.
    """
    if step.status.settled:
        return
    if step.kind is StepKind.NO_RESPONSE:
        no_response_actions(step, interview_id, today, key, why_shown=why_shown)
        return
    with st.container(horizontal=True, gap="xsmall", vertical_alignment="center", width="content"):
        if step.kind in DRAFT_KINDS:
            st.button("Draft", key=f"{key}.draft", on_click=open_draft, args=(interview_id, step.key),
                      icon=":material/edit_note:")
        with menu("More", f"{key}.more", icon=":material/more_horiz:", help="Mark done, snooze or skip") as open_:
            if open_:
                _more_actions(step, interview_id, today, key)


def no_response_actions(step: Step, interview_id: int, today: date, key: str, *, why_shown: bool = False) -> None:
    """Record no response (one click), or Not yet (snooze, skip); with the step's reassuring why unless the
    page already shows it beside the title."""
    with st.container(gap="small"):
        if not why_shown:
            st.caption(md_escape(step.why))
        with st.container(horizontal=True, gap="xsmall", vertical_alignment="center", width="content"):
            st.button("Record no response", key=f"{key}.no_response", on_click=record_no_response,
                      args=(interview_id, today), icon=":material/do_not_disturb_on:",
                      help="Sets the outcome to “No response” and closes this follow-up. You can change it later.")
            with menu("Not yet", f"{key}.more", icon=":material/schedule:", help="Ask again later, or skip") as open_:
                if open_:
                    _snooze_form(step, interview_id, today, key)
                    _skip_button(step, interview_id, today, key)


def _more_actions(step: Step, interview_id: int, today: date, key: str) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        earliest = min(step.day0, today)  # for an interview still to come, done_mark refuses any day
        st.date_input("Done on", value=today, min_value=earliest, max_value=today, key=f"{key}.on",
                      format="YYYY-MM-DD", width=150)
        st.button("Mark done", key=f"{key}.done", type="primary", icon=":material/check:", on_click=_mark,
                  args=(interview_id, step.key, "done", f"{key}.on", today, step.day0))
    field_error(st.session_state.get(f"{key}.on.errors"), "on", "The day")
    st.divider()
    _snooze_form(step, interview_id, today, key)
    _skip_button(step, interview_id, today, key)


def _snooze_form(step: Step, interview_id: int, today: date, key: str) -> None:
    errors = st.session_state.get(f"{key}.snooze_errors")
    st.date_input("Snooze until", value=suggested_snooze_day(step, today), min_value=today + timedelta(days=1),
                  key=f"{key}.until", format="YYYY-MM-DD")
    field_error(errors, "until", "The day")
    st.text_input("Why?", key=f"{key}.reason", max_chars=200, placeholder="e.g. they are away until Monday")
    field_error(errors, "reason", "The reason")
    field_error(errors, "step", "This step")
    st.caption("Only this step moves (and a soft touch that counts from it). A weekend day moves to Monday.")
    with st.container(horizontal=True, gap="small"):
        st.button("Snooze", key=f"{key}.snooze", icon=":material/snooze:", on_click=_snooze,
                  args=(interview_id, step, today, key))
        if step.snoozed_from:
            st.button("Unsnooze", key=f"{key}.unsnooze", on_click=_unsnooze, args=(interview_id, step.key),
                      type="tertiary", icon=":material/alarm_off:")


def _skip_button(step: Step, interview_id: int, today: date, key: str) -> None:
    st.divider()
    st.button("Skip this step", key=f"{key}.skip", on_click=_mark,
              args=(interview_id, step.key, "skipped", None, today), type="tertiary",
              icon=":material/skip_next:", help="Nothing to send here: it leaves your to-do list")


def calendar_button(label: str, key: str, interview_id: int | None = None, step_key: str | None = None,
                    file_name: str = "debrief-follow-ups.ics", **style) -> None:
    """A download of open follow-up steps as .ics: all of them, one interview's, or one step's.

    Built on click (deferred), so drawing the button costs nothing and the SEQUENCE bookkeeping
    happens only for what is really exported.
    """
    from lib.files.ics import export_ics

    path = str(store().path)

    def build() -> bytes:
        return export_ics(Store(path), clock.now_local(), clock.local_zone(), interview_id, step_key).encode("utf-8")

    st.download_button(label, data=build, file_name=file_name, mime="text/calendar", key=key, on_click="ignore",
                       icon=":material/calendar_add_on:", **style)
