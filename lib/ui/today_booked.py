"""Today's sections for interviews logged ahead: "Score it while it's fresh" and "Coming up".

Both read `data().interviews.booked()` (a handful of rows, by a partial index) and draw nothing
when they have nothing to say: no empty heading on a page that is already long.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from lib.domain.coming_up import ComingUp, ToScore, awaiting_scores, coming_up
from lib.domain.model import PREP_FIELDS, Interview
from lib.domain.text import md_escape
from lib.ui.app import PAGES
from lib.ui.cache import data
from lib.ui.widgets import opened

LOG_ASKED = "today.open_log"  # the Log page a click asked for: {} for a new entry, {"id": "7"} for one entry


def open_log(interview_id: int | None = None) -> None:
    """Button callback: open the Log page, on one entry or on a new one, at the start of the next run.

    A callback rather than `if st.button(...)`: a click's True lasts one run, and a run that is
    restarted before the button is drawn (route_through_entrypoint's) would lose it.
    """
    st.session_state[LOG_ASKED] = {"id": str(interview_id)} if interview_id else {}


def open_log_if_asked() -> None:
    """Follow a click of open_log: call it near the top of the page, before anything is drawn."""
    asked = st.session_state.pop(LOG_ASKED, None)
    if asked is not None:
        st.switch_page(PAGES["log"], query_params=asked)


def booked(now: datetime) -> tuple[list[ToScore], list[ComingUp]]:
    """What awaits its scores and what is coming up, from one read of the booked interviews."""
    interviews = data().interviews.booked()
    return awaiting_scores(interviews, now), coming_up(interviews, now)


def score_it(items: list[ToScore]) -> None:
    """One compact card per interview that is over and not scored, each with Score it now.

    A primary button rather than a link so it stands out as the first thing to do; it opens the
    Log page on that entry (the URL carries its id), where the scores are the only part left.
    """
    if not items:
        return
    st.subheader("Score it while it's fresh", anchor=False)
    for item in items:
        interview_id = item.interview.saved_id
        with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"score-it-{interview_id}"):
            st.markdown(f"**{md_escape(item.line)}**", width="stretch")
            st.button("Score it now", key=f"score-it.{interview_id}", type="primary", icon=":material/star:",
                      on_click=open_log, args=(interview_id,))


def coming_up_section(items: list[ComingUp]) -> None:
    """The booked interviews of the coming week, soonest first, with their preparation one click away."""
    if not items:
        return
    st.subheader("Coming up", anchor=False)
    with st.container(horizontal=True, gap="small"):
        for item in items:
            coming_up_card(item)


def coming_up_card(item: ComingUp) -> None:
    interview = item.interview
    interview_id = interview.saved_id
    with st.container(border=True, width=340, key=f"coming-up-{interview_id}"):
        st.markdown(f"**{md_escape(item.when)}**  \n{md_escape(item.what)}")
        if item.reminder:
            st.markdown(f":blue[:material/record_voice_over: {md_escape(item.reminder)}]")
        if interview.has_prep:
            prep_notes(interview)
        else:
            st.page_link(PAGES["log"], label="Add preparation notes", icon=":material/edit_note:",
                         query_params={"id": str(interview_id)})


def prep_notes(interview: Interview) -> None:
    """The preparation notes in an expander whose body is drawn only while it is open."""
    key = f"prep.{interview.saved_id}"
    with opened(st.expander("Preparation notes", key=key, on_change="rerun", icon=":material/checklist:")) as open_:
        if not open_:
            return
        for name, label in PREP_FIELDS.items():
            text = getattr(interview, name).strip()
            if text:
                st.markdown(f"**{label}**  \n{md_escape(text)}")
        st.page_link(PAGES["log"], label="Edit these notes", icon=":material/edit:",
                     query_params={"id": str(interview.saved_id)})
