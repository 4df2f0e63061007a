"""Coaching's summary of a finished session: the gaps, each interview's two reads, the actions, the report.

`pages/coaching.py` routes here for `/coaching?session=N` once session N is finished.
"""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.coaching import CoachingSession, MentorReview, follow_up_summary, score_gap_text
from lib.domain.days import human_date
from lib.domain.gaps import gap_sentences, gap_summary, score_gaps
from lib.domain.mentor_view import reviewed_split
from lib.domain.model import Dimension
from lib.domain.rubric import score_label
from lib.domain.text import md_escape
from lib.files.report import session_file_stem, session_report
from lib.files.report_html import render_html
from lib.ui.coaching_nav import S


def on_reopen(session_id: int) -> None:
    ui.store().coaching.update_session(session_id, reopen=True)


def show(session: CoachingSession, now) -> None:
    """The finished session, to read and to share."""
    today, session_id = now.date(), session.saved_id
    interviews = ui.data().interviews.with_ids(session.interview_ids)
    reviews = ui.data().coaching.reviews(session_id)
    agreed = ui.action_items(session_id=session_id)
    split = reviewed_split([i.saved_id for i in interviews], reviews, agreed)
    st.caption(f"{human_date(session.held_on, today)} · {split.caption()} · finished")
    with st.container(horizontal=True, gap="small"):
        report = lambda: render_html(session_report(ui.store(), session_id, ui.now(), ui.user_zone()))  # noqa: E731
        st.download_button("Download report (HTML)", report, f"{session_file_stem(session)}.html", "text/html",
                           on_click="ignore", type="primary", icon=":material/download:", key=S + "report")
        st.button("Continue editing", on_click=on_reopen, args=(session_id,), icon=":material/edit:", key=S + "reopen")
    st.caption("One self-contained file to send your mentor: it works offline, and prints to PDF from the browser.")
    st.subheader("Summary", anchor=False)
    gaps = score_gaps(ui.data().coaching.review_rows(session_ids=[session_id]))
    for line in gap_sentences(gap_summary(gaps)):
        st.markdown(f"- {md_escape(line)}")
    if gaps.empty:
        st.caption("No interview has both your score and the mentor's yet.")
    history = score_gaps(ui.data().coaching.review_rows(mentor=session.mentor, until=session.held_on))
    if history["session_id"].nunique() > 1:
        st.markdown(f"**Over all your sessions with {md_escape(session.mentor)}**")
        for line in gap_sentences(gap_summary(history)):
            st.markdown(f"- {md_escape(line)}")
    st.markdown("**Interviews discussed**")
    if not split.discussed:
        st.caption("None: the mentor scored, commented on or agreed an action about none of them.")
    for interview in (i for i in interviews if i.saved_id in split.discussed):
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
    if left := [i for i in interviews if i.saved_id in split.not_reviewed]:
        listed = "; ".join(f"{i.title} ({human_date(i.day0, today)})" for i in left)
        st.markdown(f"**Not reviewed** (not scored, no comment): {md_escape(listed)}")
    st.markdown("**Actions agreed**")
    if not agreed:
        st.caption("No actions agreed.")
    for item in agreed:
        ui.action_item_row(item, today, key=f"action-{item.id}", show_mentor=False)
    if session.notes:
        st.markdown(f"**Session notes:** {md_escape(session.notes)}")


