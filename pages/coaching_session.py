"""Coaching's walk through one session: each interview with your read and your mentor's, actions, wrap-up.

`pages/coaching.py` routes here for `/coaching?session=N` while session N is in progress. Every
change is saved as it is made, so a refresh or a closed tab loses nothing.
"""

from __future__ import annotations

import uuid

import streamlit as st

from lib import ui
from lib.charts.timeline import short_step_label
from lib.domain.coaching import (
    COACHING_LIMITS,
    ActionItem,
    CoachingSession,
    MentorReview,
    Owner,
    default_due,
    follow_up_summary,
    score_gap_text,
)
from lib.domain.days import human_date, human_time
from lib.domain.mentor_view import shared_notes
from lib.domain.model import PRIVATE_FIELDS, Dimension, Interview, ValidationError
from lib.domain.privacy import EVERYTHING_SHAREABLE, SharedInterview, shared_copy
from lib.domain.rubric import RUBRIC, SCALE, score_label
from lib.domain.text import md_escape
from lib.ui.coaching_nav import S, interview_label, open_session


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
        ui.store().coaching.save_review(session_id, interview_id, review)
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
        ui.store().coaching.add_action(item, submit_token=state.get(S + "a.token"))
    except ValidationError as problem:
        state[S + "a.errors"] = problem.errors
        return
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


def what_was_said(shared: SharedInterview) -> None:
    """The questions the interviewers asked and the notes, as the mentor may see them; what stays private, named."""
    questions = shared.interview.questions.strip()
    if questions:
        st.markdown(f"**Questions they asked**  \n{md_escape(questions)}")
    elif PRIVATE_FIELDS["questions"] not in shared.kept_private:
        st.markdown("**Questions they asked**  \n:gray[_None written._]")
    for label, text in shared_notes(shared.interview):
        st.markdown(f"**{md_escape(label)}**  \n{md_escape(text)}")
    if shared.private_note_line:
        st.caption(f":material/lock: {md_escape(shared.private_note_line)}")


def interview_card(session: CoachingSession, interview: Interview, review: MentorReview, now) -> None:
    """One interview as candidate and mentor read it together: the mentor sits beside the screen, so every
    text shown comes from `shared_copy`, and a private field is named, never shown."""
    today, session_id = now.date(), session.saved_id
    shared = shared_copy(interview, EVERYTHING_SHAREABLE)
    mentor = session.mentor
    st.subheader(md_escape(interview.title), anchor=False)
    people = ", ".join(p.name for p in interview.interviewers) or "interviewer not recorded"
    st.caption(md_escape(f"{human_date(interview.day0, today)}, {human_time(interview.interview_at)} · "
                         f"{interview.stage.label} · {interview.format.label} · {people}"))
    steps = ui.timeline(interview, now)
    st.markdown(f"**Follow-up:** {md_escape(follow_up_summary(steps, interview, today))}")
    with st.container(horizontal=True, gap="small"):
        for step in (s for s in steps if s.reminder):
            st.badge(md_escape(f"{short_step_label(step)}: {step.status.value}"),
                     color=ui.STATUS_BADGE_COLOURS[step.status.value])
    for dimension in Dimension:
        key = score_key(session_id, interview.saved_id, dimension)
        st.session_state.setdefault(key, review.score(dimension))
        guide, own = RUBRIC[dimension], interview.score(dimension)
        with st.container(border=True):
            yours, theirs = st.columns(2, gap="medium")
            with yours:
                st.markdown(f"**{dimension.label}** · you: **{score_label(own)}**")
                if own is not None:
                    st.caption(md_escape(guide.anchor(own)))
                evidence = shared.interview.evidence_for(dimension).strip()
                st.markdown(md_escape(evidence) if evidence else ":gray[_No evidence written._]")
            with theirs:
                score = st.segmented_control(f"{md_escape(mentor)}’s score", SCALE, key=key, help=guide.anchors_help,
                                             on_change=on_review, args=(session_id, interview.saved_id))
                if score is not None:
                    st.caption(md_escape(guide.anchor(score)))
                gap = score_gap_text(own, score, mentor)
                st.caption(md_escape(gap[:1].upper() + gap[1:]))
    what_was_said(shared)
    key = comment_key(session_id, interview.saved_id)
    st.session_state.setdefault(key, review.comment)
    st.text_area(f"{md_escape(mentor)}’s comments", key=key, max_chars=COACHING_LIMITS["comment"], height=110,
                 on_change=on_review, args=(session_id, interview.saved_id),
                 placeholder="What stood out? What would they do differently?")


def add_action_form(session: CoachingSession, interview: Interview | None, today) -> None:
    state = st.session_state
    state.setdefault(S + "a.token", uuid.uuid4().hex)
    state.setdefault(S + "a.due", default_due(today))
    errors = state.get(S + "a.errors", {})
    with st.container(border=True, key="add-action"):
        st.text_input("New action", key=S + "a.text", max_chars=COACHING_LIMITS["action"],
                      placeholder="e.g. Rehearse two STAR stories about leading a migration")
        ui.field_error(errors, "text", "The action")
        who, due = st.columns(2)
        who.segmented_control("Who does it", list(Owner), key=S + "a.owner", default=Owner.CANDIDATE,
                              format_func=lambda o: "You" if o is Owner.CANDIDATE else session.mentor)
        due.date_input("Due", key=S + "a.due", format="YYYY-MM-DD", min_value=ui.FIRST_DAY, max_value=ui.LAST_DAY)
        with due:
            ui.field_error(errors, "due_on", "The due date")
        if interview is not None:
            st.checkbox(f"About {md_escape(interview.title)}", key=S + "a.about", value=True)
        st.button("Add action", on_click=on_add_action, args=(session.id, interview.id if interview else None),
                  icon=":material/add_task:", key=S + "a.add")


def show(session: CoachingSession, now) -> None:
    """The session in progress: earlier open actions, one interview at a time, the actions agreed, wrap-up."""
    today = now.date()
    interviews = ui.data().interviews.with_ids(session.interview_ids)
    reviews = ui.data().coaching.reviews(session.id)
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
    st.subheader("Actions agreed", anchor=False)
    for item in ui.action_items(session_id=session.id):
        ui.action_item_row(item, today, key=f"action-{item.id}", in_session=session.id, show_mentor=False)
    add_action_form(session, current, today)
    wrap_up(session, today)


def wrap_up(session: CoachingSession, today) -> None:
    st.subheader("Wrap up", anchor=False)
    notes_key = f"{S}notes.{session.id}"
    st.session_state.setdefault(notes_key, session.notes)
    st.text_area("Session notes (optional)", key=notes_key, max_chars=COACHING_LIMITS["session_notes"], height=90,
                 on_change=on_notes, args=(session.id,),
                 placeholder="Anything said about the search as a whole")
    with st.container(horizontal=True, gap="small"):
        st.button("Finish session", type="primary", on_click=on_finish, args=(session.id,),
                  icon=":material/task_alt:", key=S + "finish")
        with st.popover("Change interviews", icon=":material/playlist_add:"):
            suggestion = ui.data().coaching.suggest(session.mentor, session.held_on)
            labels = {i.id: interview_label(i, today) for i in suggestion.choices}
            labels |= {i.id: interview_label(i, today) for i in ui.data().interviews.with_ids(session.interview_ids)}
            current = [i for i in session.interview_ids if i in labels]
            st.multiselect("Interviews to discuss", list(labels), default=current, format_func=labels.__getitem__,
                           key=f"{S}edit.{session.id}")
            st.caption("Removing an interview removes the mentor's scores and comments on it.")
            st.button("Save", on_click=on_change_picks, args=(session.id,), key=S + "edit.save")
        with st.popover("Delete session", icon=":material/delete:"):
            st.write("Delete this session with its scores, comments and actions? Your interviews stay.")
            st.button("Delete for good", type="primary", on_click=on_delete, args=(session.id,), key=S + "delete")


