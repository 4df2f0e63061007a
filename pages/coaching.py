"""Coaching: go through recent interviews with a mentor, keep their read beside yours, agree actions, share a report.

A router over three screens: `/coaching` is the overview (start a session, the history);
`/coaching?session=N` walks through session N while it is in progress, and shows its summary
once it is finished.
"""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.ui.coaching_nav import S, open_session, requested_session
from pages import coaching_overview, coaching_session, coaching_summary

ui.route_through_entrypoint()
ui.flash()
now = ui.now()
session_id = requested_session()
if session_id is None:
    st.title("Coaching", anchor=False)
    st.caption("Go through recent interviews with a mentor: their read beside yours, comments, and the actions "
               "you agree. Everything is saved as you go.")
    if ui.data().interviews.count() == 0:
        st.info("No interviews yet. Log a few, then go through them here with a mentor.", icon=":material/school:")
        st.page_link(ui.PAGES["log"], label="Log an interview", icon=":material/edit_note:")
        st.stop()
    coaching_overview.show(now)
    st.stop()

session = ui.data().coaching.get_session(session_id)
st.button("All sessions", on_click=open_session, args=(None,), icon=":material/arrow_back:", type="tertiary",
          key=S + "back")
if session is None:
    st.title("Coaching", anchor=False)
    st.warning(f"There is no coaching session #{session_id}: it may have been deleted.")
    st.stop()
st.title(session.title, anchor=False)
if session.finished:
    coaching_summary.show(session, now)
else:
    coaching_session.show(session, now)
