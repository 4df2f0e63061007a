"""All thank-you notes of an interview marked sent in one click, and the Undo that takes exactly that back.

The notes are read again when the click lands, not when the button was drawn: another tab may
have marked one meanwhile, and that mark stays as it is. Undo removes only the marks this click
wrote and only while they are unchanged, so a note skipped or re-dated since keeps the later act.
"""

from __future__ import annotations

import streamlit as st

from lib import clock
from lib.domain.followup import done_mark
from lib.domain.steps import thank_yous_to_send
from lib.domain.text import count_of, md_escape
from lib.ui.cache import data, store
from lib.ui.follow_up import timeline

UNDO = "undo.offer"  # what the last bulk action wrote, and where to offer taking it back


def mark_thank_yous_sent(interview_id: int, page: str) -> None:
    """Every thank-you note of the interview still to send, marked sent today in one write."""
    interview = data().interviews.get(interview_id)
    now = clock.now_local()
    if interview is None:
        st.session_state["flash"] = "That interview is no longer there: nothing was marked."
        return
    marks = [done_mark(step.key, now.date(), now.date(), step.day0)
             for step in thank_yous_to_send(timeline(interview, now))]
    written, marked_at = store().follow_up.mark_unmarked(interview_id, marks)
    names = count_of(len(written), "thank-you note")
    where = f"{interview.company}: {interview.role}"
    if not written:
        st.session_state["flash"] = f"Nothing to mark: every thank-you note for {md_escape(where)} is already recorded."
        return
    st.session_state[UNDO] = {"interview_id": interview_id, "marks": written, "marked_at": marked_at, "page": page,
                              "message": f"Marked {names} sent for {where}."}
    st.session_state["flash"] = f"Marked {names} sent."


def _undo(offer: dict) -> None:
    removed = store().follow_up.unmark_unchanged(offer["interview_id"], offer["marks"], offer["marked_at"])
    st.session_state.pop(UNDO, None)
    kept = len(offer["marks"]) - removed
    if not removed:
        st.session_state["flash"] = "Nothing to undo: those notes were changed or deleted since."
    elif kept:
        st.session_state["flash"] = f"Undone, except {count_of(kept, 'note')} changed since, left as they are."
    else:
        st.session_state["flash"] = "Undone: those notes are open again."


def undo_bar(page: str, interview_id: int | None = None) -> None:
    """The last bulk action made on this page (on this interview's card, given `interview_id`),
    with Undo, until undone or dismissed."""
    offer = st.session_state.get(UNDO)
    if not offer or offer["page"] != page or interview_id not in (None, offer["interview_id"]):
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center", gap="small", key="undo-bar"):
        st.markdown(f":material/check_circle: {md_escape(offer['message'])}", width="content")
        st.button("Undo", key="undo.do", on_click=_undo, args=(offer,), icon=":material/undo:")
        st.button("Dismiss", key="undo.dismiss", on_click=lambda: st.session_state.pop(UNDO, None), type="tertiary")
