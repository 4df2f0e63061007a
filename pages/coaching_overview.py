"""Coaching's overview: start a session, open actions, your score beside your mentors', past sessions, reports.

The first screen of `/coaching`; `pages/coaching.py` routes here when the URL names no session.
"""

from __future__ import annotations

import uuid

import streamlit as st

from lib import charts, ui
from lib.domain.coaching import (
    COACHING_LIMITS,
    CoachingSession,
    clean_mentor,
    default_report_range,
)
from lib.domain.days import human_date
from lib.domain.gaps import gap_sentences, gap_summary
from lib.domain.model import ValidationError
from lib.domain.text import md_escape
from lib.domain.trends import WINDOW_DEFAULT, TrendFilter
from lib.files.report import range_file_stem, range_report
from lib.files.report_html import render_html
from lib.ui.coaching_nav import S, interview_label, open_session
from lib.ui.review_import import review_import_section
from lib.ui.review_request import review_request_section

ALL_MENTORS = "All mentors"


def on_mentor_or_day() -> None:
    """A new mentor or day: suggest the interviews since the last session with that mentor."""
    state = st.session_state
    state[S + "picks"] = list(ui.data().coaching.suggest(state.get(S + "mentor", ""), state[S + "held_on"]).picks)


def on_pick_day() -> None:
    """The picked day is kept under a key of its own: the picker is drawn only while its menu is open."""
    st.session_state[S + "held_on"] = st.session_state[S + "held_on_pick"]
    on_mentor_or_day()


def day_picker(today) -> None:
    """The session's day on a button ("Fri 20 Nov"); its calendar is drawn only once the button is clicked.

    A date input on the first view made the browser load the calendar's code on every visit (~350 ms),
    for a day that is nearly always today.
    """
    state = st.session_state
    label = f"Date: {human_date(state[S + 'held_on'], today)}"
    with ui.menu(label, key=S + "held_on_menu", icon=":material/calendar_today:", width="stretch") as is_open:
        if is_open:
            state[S + "held_on_pick"] = state[S + "held_on"]
            st.date_input("Date", key=S + "held_on_pick", format="YYYY-MM-DD", on_change=on_pick_day,
                          min_value=ui.FIRST_DAY, max_value=ui.LAST_DAY)


def on_known_mentor() -> None:
    if chosen := st.session_state.get(S + "known"):
        st.session_state[S + "mentor"] = chosen
        on_mentor_or_day()


def on_start() -> None:
    state = st.session_state
    session = CoachingSession(state.get(S + "mentor", ""), state[S + "held_on"], tuple(state.get(S + "picks", ())))
    try:
        session_id = ui.store().coaching.start_session(session, submit_token=state.get(S + "token"), now=ui.now())
    except ValidationError as problem:
        state[S + "errors"] = problem.errors
        return
    for key in ("mentor", "picks", "errors", "token", "known"):
        state.pop(S + key, None)
    open_session(session_id)
    mentor, picked = clean_mentor(session.mentor), len(session.interview_ids)
    state["flash"] = f"Session with {mentor} started: {picked} interviews to go through."


def start_form(today) -> None:
    state = st.session_state
    state.setdefault(S + "held_on", today)
    state.setdefault(S + "token", uuid.uuid4().hex)
    errors = state.get(S + "errors", {})
    mentor = state.get(S + "mentor", "")
    suggestion = ui.data().coaching.suggest(mentor, state[S + "held_on"])
    state.setdefault(S + "picks", list(suggestion.picks))
    labels = {i.id: interview_label(i, today) for i in suggestion.choices}
    options = list(dict.fromkeys([*labels, *state[S + "picks"]]))
    for missing in ui.data().interviews.with_ids([i for i in options if i not in labels]):
        labels[missing.id] = interview_label(missing, today)
    with st.container(border=True, key="start-session"):
        st.subheader("Start a session", anchor=False)
        if known := ui.data().coaching.mentors():
            st.pills("Your mentors", known, key=S + "known", on_change=on_known_mentor)
        name_column, day_column = st.columns([3, 2], vertical_alignment="bottom")
        name_column.text_input("Mentor", key=S + "mentor", max_chars=COACHING_LIMITS["mentor"],
                               on_change=on_mentor_or_day,
                               placeholder="A coach, a friend in the industry, a career adviser")
        ui.field_error(errors, "mentor", "Mentor")
        with day_column:
            day_picker(today)
        ui.field_error(errors, "held_on", "The day")
        st.multiselect("Interviews to discuss", [i for i in options if i in labels], key=S + "picks",
                       format_func=lambda i: labels.get(i, f"#{i}"), placeholder="Pick interviews")
        st.caption(md_escape(suggestion.reason))
        ui.field_error(errors, "interview_ids", "Interviews to discuss")
        st.button("Start session", type="primary", on_click=on_start, icon=":material/play_arrow:", key=S + "start")


def gaps_section(mentor: str | None, today) -> None:
    st.subheader("Your score and your mentor's", divider="gray", anchor=False)
    gaps = ui.score_gaps(mentor)
    lines = gap_sentences(gap_summary(gaps))
    if not lines:
        st.info("Once a mentor scores an interview you scored too, the gap between you shows here.",
                icon=":material/hourglass_empty:")
        return
    for line in lines:
        st.markdown(f"- {md_escape(line)}")
    if mentor is None and gaps["mentor"].nunique() > 1:
        st.caption("Pick one mentor above to see your scores and theirs side by side.")
        return
    name = mentor or gaps["mentor"].iloc[0]
    st.caption(f"Your score (ring) and {md_escape(name)}'s (diamond) on each interview; the grey bar is the gap.")
    columns = st.columns(3)
    for column, dimension in zip(columns, charts.DIMENSION_COLOURS, strict=True):
        if (gaps["dimension"] == dimension).any():
            spec = charts.vega_lite_spec(charts.self_vs_mentor_chart(gaps, dimension, name))
            ui.vega_chart(spec, column)
    # A toggle, not an expander: an expander's content runs even when closed, and Trends can be slow to build.
    if st.toggle("Show your self-scores over time (from Trends)", key=S + "trends"):
        specs = ui.trend_charts(TrendFilter(), WINDOW_DEFAULT, today, "over-time")
        for dimension in charts.DIMENSION_COLOURS:
            if dimension in specs:
                ui.vega_chart(specs[dimension])
        st.page_link(ui.PAGES["trends"], label="Open Trends", icon=":material/insights:")


def sessions_list(mentor: str | None, today) -> None:
    st.subheader("Sessions", divider="gray", anchor=False)
    sessions = ui.coaching_sessions(mentor)
    if not sessions:
        st.caption("No sessions yet.")
    for session in sessions:
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            state = "finished" if session.finished else "in progress"
            label = md_escape(f"{human_date(session.held_on, today)} · {session.mentor}")  # a name is user text
            st.page_link(ui.PAGES["coaching"], label=label, query_params={"session": str(session.id)},
                         icon=":material/school:")
            st.caption(f"{len(session.interview_ids)} interviews · {state}")


def report_section(mentor: str | None, today) -> None:
    """The range and its download are drawn only once opened: a date range input costs every visit."""
    st.subheader("Share a report", divider="gray", anchor=False)
    st.caption("Every interview in a date range with your scores, evidence, follow-up status and your mentors' "
               "read: one HTML file that works offline. To make a PDF, print it from your browser.")
    with ui.opened(st.expander("Make a report", icon=":material/description:", key=S + "report",
                               on_change="rerun")) as is_open:
        if is_open:
            report_form(mentor, today)


def report_form(mentor: str | None, today) -> None:
    picked = st.date_input("From – to", value=default_report_range(today), key=S + "range", format="YYYY-MM-DD")
    if len(picked) != 2:  # while the user has picked the first day only
        st.caption("Pick the last day of the range to download its report.")
        return
    start, end = picked
    who = f" with {mentor}" if mentor else ""
    st.download_button(f"Download report{who} (HTML)",
                       lambda: render_html(range_report(ui.store(), start, end, ui.now(), ui.user_zone(), mentor)),
                       f"{range_file_stem(start, end, mentor)}.html", "text/html", on_click="ignore",
                       icon=":material/download:", key=S + "range.report")


def show(now) -> None:
    """The overview, top to bottom: sessions in progress, the start form, then the history."""
    today = now.date()
    for session in (s for s in ui.coaching_sessions() if not s.finished):
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{md_escape(session.title)}** is in progress ({human_date(session.held_on, today)}).")
            st.button("Continue", on_click=open_session, args=(session.id,), key=f"{S}continue.{session.id}",
                      icon=":material/arrow_forward:", type="primary")
    start_form(today)
    review_request_section(now)
    review_import_section(today)
    mentor = None
    if known := ui.data().coaching.mentors():
        choice = st.selectbox("Show the history with", [ALL_MENTORS, *known], key=S + "filter", width=360,
                              index=1 if len(known) == 1 else 0)
        mentor = None if choice == ALL_MENTORS else choice
    open_items = ui.action_items(open_only=True, mentor=mentor)
    if open_items:
        st.subheader("Open actions", divider="gray", anchor=False)
        for item in open_items:
            ui.action_item_row(item, today, key=f"open-{item.id}")
    gaps_section(mentor, today)
    sessions_list(mentor, today)
    report_section(mentor, today)


