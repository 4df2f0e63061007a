"""What the Log page shows once an entry is saved, at the Save button where the user's eye is.

"Saved." with the next step, its actions and the links on from there; for a booking "Booked: …"
and where it shows up. It stays while the page shows the entry just saved and the form is
unchanged, so the name prompt drawn in it (asked once, on the first save) survives its own reruns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

from lib.domain.days import human_datetime
from lib.domain.model import Interview
from lib.domain.steps import next_step
from lib.domain.text import md_escape
from lib.ui.app import PAGES
from lib.ui.cache import data
from lib.ui.follow_up import timeline
from lib.ui.step_actions import step_actions
from lib.ui.your_name import ask_name_once


def saved_message(saved: Interview, now: datetime) -> str:
    """"Saved. Next: **Thank-you note to Jane Doe** · Due today." or "Booked: **Acme: Data engineer**, …"."""
    today = now.date()
    if saved.is_ahead(now):
        when = human_datetime(saved.interview_at, today)
        return f"Booked: **{md_escape(saved.title)}**, {when}. Coming up on Today."
    upcoming = next_step(timeline(saved, now))  # with its marks, snoozes and later round
    if upcoming is None:
        return "Saved. Nothing left to follow up."
    return f"Saved. Next: **{md_escape(upcoming.title)}** · {upcoming.status_text(today)}."


def saved_top_line(saved_id: int) -> None:
    """A short line under the title, for whoever scrolls back up; the result itself is at Save."""
    saved = data().interviews.get(saved_id)
    if saved is None:  # deleted from another tab since
        return
    st.caption(f"Saved: {md_escape(saved.title)}. What happens next is at the Save button.")


def saved_result(saved_id: int, now: datetime, on_new_entry: Callable[[], None]) -> None:
    """At the Save button: the result, the next step with its actions, the links on, the name asked once."""
    saved = data().interviews.get(saved_id)
    if saved is None:
        return
    today = now.date()
    with st.container(border=True, key="log-saved-result"):
        st.success(saved_message(saved, now), icon=":material/check_circle:")
        if not saved.is_ahead(now) and (upcoming := next_step(timeline(saved, now))) is not None:
            step_actions(upcoming, saved_id, today, key="log.next")
        with st.container(horizontal=True, vertical_alignment="center"):
            if saved.is_ahead(now):
                st.page_link(PAGES["today"], label="See it on Today", icon=":material/today:")
            st.page_link(PAGES["interviews"], label="See it in Interviews", icon=":material/list_alt:",
                         query_params={"id": str(saved_id)})
            st.button("Log another interview", on_click=on_new_entry, icon=":material/add:", key="log.another")
        ask_name_once("log.your_name")
