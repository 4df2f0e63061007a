"""Coaching: go through recent interviews with a mentor, keep their read beside yours, agree actions, share a report.

`/coaching` starts a session and shows the history; `/coaching?session=N` walks through session N
(or, once finished, shows its summary).
"""

from __future__ import annotations

import uuid

import streamlit as st

from lib import charts, ui
from lib.domain.coaching import (
    COACHING_LIMITS,
    ActionItem,
    CoachingSession,
    MentorReview,
    Owner,
    default_due,
    default_report_range,
    follow_up_summary,
    score_gap_text,
    validate_action,
    validate_review,
    validate_session,
)
from lib.domain.days import human_date, human_time
from lib.domain.gaps import gap_sentences, gap_summary, score_gaps
from lib.domain.model import Dimension, Interview, ValidationError
from lib.domain.rubric import RUBRIC, SCALE, score_label
from lib.domain.text import md_escape
from lib.domain.trends import WINDOW_DEFAULT, TrendFilter
from lib.files.report import range_file_stem, range_report, session_file_stem, session_report
from lib.files.report_html import render_html

S = "c."  # every key of this page starts with it
ALL_MENTORS = "All mentors"


def interview_label(interview: Interview, today) -> str:
    return f"{human_date(interview.day0, today)} · {interview.company}: {interview.role}"


def requested_session() -> int | None:
    raw = st.query_params.get("session")
    return int(raw) if raw and raw.isdigit() else None


def open_session(session_id: int | None) -> None:
    if session_id is None:
        st.query_params.pop("session", None)
    else:
        st.query_params["session"] = str(session_id)


# --- starting a session ----------------------------------------------------------------------
def on_mentor_or_day() -> None:
    """A new mentor or day: suggest the interviews since the last session with that mentor."""
    state = st.session_state
    state[S + "picks"] = list(ui.store().coaching.suggest(state.get(S + "mentor", ""), state[S + "held_on"]).picks)


def on_known_mentor() -> None:
    if chosen := st.session_state.get(S + "known"):
        st.session_state[S + "mentor"] = chosen
        on_mentor_or_day()


def on_start() -> None:
    state = st.session_state
    session = CoachingSession(state.get(S + "mentor", ""), state[S + "held_on"], tuple(state.get(S + "picks", ())))
    try:
        session = validate_session(session, ui.now())
    except ValidationError as problem:
        state[S + "errors"] = problem.errors
        return
    session_id = ui.store().coaching.start_session(session, submit_token=state.get(S + "token"))
    for key in ("mentor", "picks", "errors", "token", "known"):
        state.pop(S + key, None)
    open_session(session_id)
    state["flash"] = f"Session with {session.mentor} started: {len(session.interview_ids)} interviews to go through."


def start_form(today) -> None:
    state = st.session_state
    state.setdefault(S + "held_on", today)
    state.setdefault(S + "token", uuid.uuid4().hex)
    errors = state.get(S + "errors", {})
    mentor = state.get(S + "mentor", "")
    suggestion = ui.store().coaching.suggest(mentor, state[S + "held_on"])
    state.setdefault(S + "picks", list(suggestion.picks))
    labels = {i.id: interview_label(i, today) for i in suggestion.choices}
    options = list(dict.fromkeys([*labels, *state[S + "picks"]]))
    for missing in ui.store().interviews.with_ids([i for i in options if i not in labels]):
        labels[missing.id] = interview_label(missing, today)
    with st.container(border=True, key="start-session"):
        st.subheader("Start a session")
        if known := ui.mentors():
            st.pills("Your mentors", known, key=S + "known", on_change=on_known_mentor)
        name_column, day_column = st.columns([3, 2])
        name_column.text_input("Mentor", key=S + "mentor", max_chars=COACHING_LIMITS["mentor"],
                               on_change=on_mentor_or_day,
                               placeholder="A coach, a friend in the industry, a career adviser")
        ui.field_error(errors, "mentor")
        day_column.date_input("Date", key=S + "held_on", format="YYYY-MM-DD", on_change=on_mentor_or_day)
        ui.field_error(errors, "held_on")
        st.multiselect("Interviews to discuss", [i for i in options if i in labels], key=S + "picks",
                       format_func=lambda i: labels.get(i, f"#{i}"), placeholder="Pick interviews")
        st.caption(md_escape(suggestion.reason))
        ui.field_error(errors, "interview_ids")
        st.button("Start session", type="primary", on_click=on_start, icon=":material/play_arrow:", key=S + "start")


# --- walking through a session -----------------------------------------------------------------
def score_key(session_id: int, interview_id: int, dimension: Dimension) -> str:
    return f"{S}m.{session_id}.{interview_id}.{dimension.value}"


def comment_key(session_id: int, interview_id: int) -> str:
    return f"{S}comment.{session_id}.{interview_id}"


def on_review(session_id: int, interview_id: int) -> None:
    """Every change to the mentor's scores or comments is saved at once: nothing is lost to a refresh."""
    state = st.session_state
    review = MentorReview({d: state.get(score_key(session_id, interview_id, d)) for d in Dimension},
                          state.get(comment_key(session_id, interview_id), ""))
    try:
        ui.store().coaching.save_review(session_id, interview_id, validate_review(review))
    except (ValidationError, LookupError) as problem:
        state["flash"] = f"Not saved: {problem}"


def on_move(position_key: str, step: int, last: int) -> None:
    st.session_state[position_key] = min(max(st.session_state.get(position_key, 0) + step, 0), last)


def on_add_action(session_id: int, interview_id: int | None) -> None:
    state = st.session_state
    about = interview_id if state.get(S + "a.about", True) else None
    item = ActionItem(state.get(S + "a.text", ""), state.get(S + "a.owner") or Owner.CANDIDATE,
                      state.get(S + "a.due"), session_id, about)
    try:
        item = validate_action(item)
    except ValidationError as problem:
        state[S + "a.errors"] = problem.errors
        return
    ui.store().coaching.add_action(item, submit_token=state.get(S + "a.token"))
    state[S + "a.text"] = ""  # a widget's value is reset by setting it (popping it keeps the old text)
    for key in ("a.token", "a.errors"):
        state.pop(S + key, None)
    state["flash"] = "Action added."


def on_notes(session_id: int) -> None:
    ui.store().coaching.update_session(session_id, notes=st.session_state.get(f"{S}notes.{session_id}", "").strip())


def on_finish(session_id: int) -> None:
    on_notes(session_id)
    ui.store().coaching.update_session(session_id, finished_at=ui.now())
    st.session_state["flash"] = "Session finished: here is the summary to share."


def on_reopen(session_id: int) -> None:
    ui.store().coaching.update_session(session_id, reopen=True)


def on_change_picks(session_id: int) -> None:
    picks = st.session_state.get(f"{S}edit.{session_id}", [])
    if not picks:
        st.session_state["flash"] = "A session needs at least one interview: nothing changed."
        return
    ui.store().coaching.update_session(session_id, interview_ids=picks)
    st.session_state[f"{S}pos.{session_id}"] = 0


def on_delete(session_id: int) -> None:
    ui.store().coaching.delete_session(session_id)
    open_session(None)
    st.session_state["flash"] = "Session deleted, with its scores, comments and actions."


def earlier_actions(session: CoachingSession, today) -> None:
    """Open actions from earlier sessions with this mentor: the first thing to look at."""
    items = [a for a in ui.action_items(open_only=True, mentor=session.mentor) if a.session_id != session.id]
    if not items:
        return
    with st.expander(f"Open actions from earlier sessions ({len(items)})", expanded=True, icon=":material/checklist:"):
        for item in items:
            ui.action_item_row(item, today, key=f"earlier-{item.id}", in_session=session.id, show_mentor=False)


def interview_card(session: CoachingSession, interview: Interview, review: MentorReview, now) -> None:
    today = now.date()
    mentor = session.mentor
    st.markdown(f"### {md_escape(interview.title)}")
    people = ", ".join(p.name for p in interview.interviewers) or "interviewer not recorded"
    st.caption(md_escape(f"{human_date(interview.day0, today)}, {human_time(interview.interview_at)} · "
                         f"{interview.stage.label} · {interview.format.label} · {people}"))
    steps = ui.timeline(interview, now)
    st.markdown(f"**Follow-up:** {md_escape(follow_up_summary(steps, interview, today))}")
    with st.container(horizontal=True, gap="small"):
        for step in (s for s in steps if s.reminder):
            st.badge(md_escape(f"{charts.short_step_label(step)}: {step.status.value}"),
                     color=ui.STATUS_BADGE_COLOURS[step.status.value])
    for dimension in Dimension:
        key = score_key(session.id, interview.id, dimension)
        st.session_state.setdefault(key, review.score(dimension))
        guide, own = RUBRIC[dimension], interview.score(dimension)
        with st.container(border=True):
            yours, theirs = st.columns(2, gap="medium")
            with yours:
                st.markdown(f"**{dimension.label}** · you: **{score_label(own)}**")
                if own is not None:
                    st.caption(md_escape(guide.anchor(own)))
                evidence = interview.evidence_for(dimension).strip()
                st.markdown(md_escape(evidence) if evidence else ":gray[_No evidence written._]")
            with theirs:
                anchors = "\n\n".join(f"**{n}**: {text}" for n, text in guide.anchors.items())
                score = st.segmented_control(f"{md_escape(mentor)}’s score", SCALE, key=key, help=anchors,
                                             on_change=on_review, args=(session.id, interview.id))
                if score is not None:
                    st.caption(md_escape(guide.anchor(score)))
                gap = score_gap_text(own, score, mentor)
                st.caption(md_escape(gap[:1].upper() + gap[1:]))
    key = comment_key(session.id, interview.id)
    st.session_state.setdefault(key, review.comment)
    st.text_area(f"{md_escape(mentor)}’s comments", key=key, max_chars=COACHING_LIMITS["comment"], height=110,
                 on_change=on_review, args=(session.id, interview.id),
                 placeholder="What stood out? What would they do differently?")


def add_action_form(session: CoachingSession, interview: Interview | None, today) -> None:
    state = st.session_state
    state.setdefault(S + "a.token", uuid.uuid4().hex)
    state.setdefault(S + "a.due", default_due(today))
    errors = state.get(S + "a.errors", {})
    with st.container(border=True, key="add-action"):
        st.text_input("New action", key=S + "a.text", max_chars=COACHING_LIMITS["action"],
                      placeholder="e.g. Rehearse two STAR stories about leading a migration")
        ui.field_error(errors, "text")
        who, due = st.columns(2)
        who.segmented_control("Who does it", list(Owner), key=S + "a.owner", default=Owner.CANDIDATE,
                              format_func=lambda o: "You" if o is Owner.CANDIDATE else session.mentor)
        due.date_input("Due", key=S + "a.due", format="YYYY-MM-DD")
        with due:
            ui.field_error(errors, "due_on")
        if interview is not None:
            st.checkbox(f"About {md_escape(interview.title)}", key=S + "a.about", value=True)
        st.button("Add action", on_click=on_add_action, args=(session.id, interview.id if interview else None),
                  icon=":material/add_task:", key=S + "a.add")


def walk(session: CoachingSession, now) -> None:
    today = now.date()
    interviews = ui.store().interviews.with_ids(session.interview_ids)
    reviews = ui.store().coaching.reviews(session.id)
    st.caption(f"{human_date(session.held_on, today)} · {len(interviews)} interviews · in progress, saved as you go")
    earlier_actions(session, today)
    if interviews:
        position_key = f"{S}pos.{session.id}"
        last = len(interviews) - 1
        position = st.session_state[position_key] = min(st.session_state.get(position_key, 0), last)
        st.selectbox("Interview", range(len(interviews)), key=position_key, width=480,
                     format_func=lambda n: f"{n + 1} of {len(interviews)}: {interviews[n].title}")
        current = interviews[position]
        with st.container(border=True, key="discussed-interview"):
            interview_card(session, current, reviews.get(current.id, MentorReview()), now)
            with st.container(horizontal=True, gap="small"):  # below the comments, where the talk ends
                st.button("Previous", on_click=on_move, args=(position_key, -1, last), disabled=position == 0,
                          icon=":material/arrow_back:", key=S + "prev")
                st.button("Next interview", on_click=on_move, args=(position_key, 1, last), disabled=position == last,
                          icon=":material/arrow_forward:", icon_position="right", key=S + "next")
    else:
        current = None
        st.warning("The interviews of this session were deleted. Pick others below.", icon=":material/warning:")
    st.subheader("Actions agreed")
    for item in ui.action_items(session_id=session.id):
        ui.action_item_row(item, today, key=f"action-{item.id}", in_session=session.id, show_mentor=False)
    add_action_form(session, current, today)
    wrap_up(session, today)


def wrap_up(session: CoachingSession, today) -> None:
    st.subheader("Wrap up")
    notes_key = f"{S}notes.{session.id}"
    st.session_state.setdefault(notes_key, session.notes)
    st.text_area("Session notes (optional)", key=notes_key, max_chars=COACHING_LIMITS["session_notes"], height=90,
                 on_change=on_notes, args=(session.id,),
                 placeholder="Anything said about the search as a whole")
    with st.container(horizontal=True, gap="small"):
        st.button("Finish session", type="primary", on_click=on_finish, args=(session.id,),
                  icon=":material/task_alt:", key=S + "finish")
        with st.popover("Change interviews", icon=":material/playlist_add:"):
            suggestion = ui.store().coaching.suggest(session.mentor, session.held_on)
            labels = {i.id: interview_label(i, today) for i in suggestion.choices}
            labels |= {i.id: interview_label(i, today) for i in ui.store().interviews.with_ids(session.interview_ids)}
            current = [i for i in session.interview_ids if i in labels]
            st.multiselect("Interviews to discuss", list(labels), default=current, format_func=labels.get,
                           key=f"{S}edit.{session.id}")
            st.caption("Removing an interview removes the mentor's scores and comments on it.")
            st.button("Save", on_click=on_change_picks, args=(session.id,), key=S + "edit.save")
        with st.popover("Delete session", icon=":material/delete:"):
            st.write("Delete this session with its scores, comments and actions? Your interviews stay.")
            st.button("Delete for good", type="primary", on_click=on_delete, args=(session.id,), key=S + "delete")


# --- the summary of a finished session -----------------------------------------------------------
def summary(session: CoachingSession, now) -> None:
    today = now.date()
    interviews = ui.store().interviews.with_ids(session.interview_ids)
    reviews = ui.store().coaching.reviews(session.id)
    st.caption(f"{human_date(session.held_on, today)} · {len(interviews)} interviews discussed · finished")
    with st.container(horizontal=True, gap="small"):
        report = lambda: render_html(session_report(ui.store(), session.id, ui.now(), ui.user_zone()))  # noqa: E731
        st.download_button("Download report (HTML)", report, f"{session_file_stem(session)}.html", "text/html",
                           on_click="ignore", type="primary", icon=":material/download:", key=S + "report")
        st.button("Continue editing", on_click=on_reopen, args=(session.id,), icon=":material/edit:", key=S + "reopen")
    st.caption("One self-contained file to send your mentor: it works offline, and prints to PDF from the browser.")
    st.subheader("Summary")
    gaps = score_gaps(ui.store().coaching.review_rows(session_ids=[session.id]))
    for line in gap_sentences(gap_summary(gaps)):
        st.markdown(f"- {md_escape(line)}")
    if gaps.empty:
        st.caption("No interview has both your score and the mentor's yet.")
    history = score_gaps(ui.store().coaching.review_rows(mentor=session.mentor, until=session.held_on))
    if history["session_id"].nunique() > 1:
        st.markdown(f"**Over all your sessions with {md_escape(session.mentor)}**")
        for line in gap_sentences(gap_summary(history)):
            st.markdown(f"- {md_escape(line)}")
    st.markdown("**Interviews discussed**")
    for interview in interviews:
        review = reviews.get(interview.id, MentorReview())
        with st.container(border=True):
            st.markdown(f"**{md_escape(interview.title)}** · {human_date(interview.day0, today)}")
            st.caption(md_escape(follow_up_summary(ui.timeline(interview, now), interview, today)))
            for d in Dimension:
                own, theirs = interview.score(d), review.score(d)
                mentor = md_escape(session.mentor)
                st.markdown(f"{d.label}: you **{score_label(own)}** · {mentor} **{score_label(theirs)}**"
                            f" · {md_escape(score_gap_text(own, theirs, session.mentor))}")
            if review.comment:
                st.markdown(f"_{md_escape(session.mentor)}:_ {md_escape(review.comment)}")
    st.markdown("**Actions agreed**")
    agreed = ui.action_items(session_id=session.id)
    if not agreed:
        st.caption("No actions agreed.")
    for item in agreed:
        ui.action_item_row(item, today, key=f"action-{item.id}", show_mentor=False)
    if session.notes:
        st.markdown(f"**Session notes:** {md_escape(session.notes)}")


# --- the overview: history with each mentor, gaps, reports --------------------------------------
def gaps_section(mentor: str | None, today) -> None:
    st.subheader("Your score and your mentor's", divider="gray")
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
            column.vega_lite_chart(spec=spec, width="stretch", theme="streamlit")
    # A toggle, not an expander: an expander's content runs even when closed, and Trends can be slow to build.
    if st.toggle("Show your self-scores over time (from Trends)", key=S + "trends"):
        specs = ui.trend_charts(TrendFilter(), WINDOW_DEFAULT, today)
        for dimension in charts.DIMENSION_COLOURS:
            if dimension in specs:
                st.vega_lite_chart(spec=specs[dimension], width="stretch", theme="streamlit")
        st.page_link(ui.PAGES["trends"], label="Open Trends", icon=":material/insights:")


def sessions_list(mentor: str | None, today) -> None:
    st.subheader("Sessions", divider="gray")
    sessions = ui.coaching_sessions(mentor)
    if not sessions:
        st.caption("No sessions yet.")
    for session in sessions:
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            state = "finished" if session.finished else "in progress"
            st.page_link(ui.PAGES["coaching"], label=f"{human_date(session.held_on, today)} · {session.mentor}",
                         query_params={"session": str(session.id)}, icon=":material/school:")
            st.caption(f"{len(session.interview_ids)} interviews · {state}")


def report_section(mentor: str | None, today) -> None:
    st.subheader("Share a report", divider="gray")
    st.caption("Every interview in a date range with your scores, evidence, follow-up status and your mentors' "
               "read: one HTML file that works offline. To make a PDF, print it from your browser.")
    start, end = st.date_input("From – to", value=default_report_range(today), key=S + "range", format="YYYY-MM-DD")
    who = f" with {mentor}" if mentor else ""
    st.download_button(f"Download report{who} (HTML)",
                       lambda: render_html(range_report(ui.store(), start, end, ui.now(), ui.user_zone(), mentor)),
                       f"{range_file_stem(start, end, mentor)}.html", "text/html", on_click="ignore",
                       icon=":material/download:", key=S + "range.report")


def overview(now) -> None:
    today = now.date()
    for session in (s for s in ui.coaching_sessions() if not s.finished):
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{md_escape(session.title)}** is in progress ({human_date(session.held_on, today)}).")
            st.button("Continue", on_click=open_session, args=(session.id,), key=f"{S}continue.{session.id}",
                      icon=":material/arrow_forward:", type="primary")
    start_form(today)
    mentor = None
    if known := ui.mentors():
        choice = st.selectbox("Show the history with", [ALL_MENTORS, *known], key=S + "filter", width=360,
                              index=1 if len(known) == 1 else 0)
        mentor = None if choice == ALL_MENTORS else choice
    open_items = ui.action_items(open_only=True, mentor=mentor)
    if open_items:
        st.subheader("Open actions", divider="gray")
        for item in open_items:
            ui.action_item_row(item, today, key=f"open-{item.id}")
    gaps_section(mentor, today)
    sessions_list(mentor, today)
    report_section(mentor, today)


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
session_id = requested_session()
if session_id is None:
    st.title("Coaching")
    st.caption("Go through recent interviews with a mentor: their read beside yours, comments, and the actions "
               "you agree. Everything is saved as you go.")
    if ui.count() == 0:
        st.info("No interviews yet. Log a few, then go through them here with a mentor.", icon=":material/school:")
        st.page_link(ui.PAGES["log"], label="Log an interview", icon=":material/edit_note:")
        st.stop()
    overview(now)
    st.stop()

session = ui.store().coaching.get_session(session_id)
st.button("All sessions", on_click=open_session, args=(None,), icon=":material/arrow_back:", type="tertiary",
          key=S + "back")
if session is None:
    st.title("Coaching")
    st.warning(f"There is no coaching session #{session_id}: it may have been deleted.")
    st.stop()
st.title(session.title)
if session.finished:
    summary(session, now)
else:
    walk(session, now)
