"""Today's card for one interview's due thank-you notes: a Draft per person, and every note marked sent
in one click (with Undo), instead of one card and two clicks per interviewer."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib.domain.agenda import DueCard, recipient_name
from lib.domain.days import human_date
from lib.domain.steps import Step
from lib.domain.text import md_escape
from lib.ui.app import PAGES
from lib.ui.bulk_thank_you import mark_thank_yous_sent
from lib.ui.step_actions import step_actions
from lib.ui.timeline import status_badge_md

PAGE = "today"  # the page whose Undo bar offers to take "Mark all sent" back


def step_key_css(step: Step) -> str:
    """A step key as a widget-key fragment the browser can select on ("thank_you:7" -> "thank_you-7")."""
    return step.key.replace(":", "-")


def interview_line(card: DueCard, today: date) -> str:
    interview = card.interview
    detail = f"{interview.company}: {interview.role} · interviewed {human_date(interview.day0, today)}"
    return f":gray[{md_escape(detail)}]"


def snoozed_line(step: Step, today: date) -> str:
    if not step.snoozed_from:
        return ""
    return f":gray[{md_escape(f'Snoozed from {human_date(step.snoozed_from, today)}: {step.snooze_reason}')}]"


def thank_you_card(card: DueCard, today: date) -> None:
    """The notes' card: the worst badge and everyone's names, then per person Draft and More (done,
    snooze, skip: drawn only when opened), then Mark all sent. One note keeps the one-step layout."""
    interview_id = card.interview.saved_id
    with st.container(border=True, key=f"due-{interview_id}-thank_yous"):
        lines = [f"{status_badge_md(card.worst, today)} **{md_escape(card.title)}**", interview_line(card, today)]
        if len(card.steps) == 1 and (snoozed := snoozed_line(card.steps[0], today)):
            lines.append(snoozed)
        st.markdown("  \n".join(lines))
        if len(card.steps) > 1:
            for step in card.steps:
                note_row(card, step, today)
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            if len(card.steps) == 1:
                step_actions(card.steps[0], interview_id, today, key=f"td{interview_id}.{card.steps[0].key}")
            mark_all_button(card, today)
            st.page_link(PAGES["interviews"], label="Open entry", icon=":material/arrow_forward:",
                         query_params={"id": str(interview_id)})


def note_row(card: DueCard, step: Step, today: date) -> None:
    """One person's note: their name (and its own badge when it differs from the card's), Draft, More."""
    interview_id = card.interview.saved_id
    with st.container(horizontal=True, gap="small", vertical_alignment="center",
                      key=f"note-{interview_id}-{step_key_css(step)}"):
        parts = [f":material/mail: {md_escape(recipient_name(step))}"]
        if step.status is not card.worst.status:
            parts.append(status_badge_md(step, today))
        if snoozed := snoozed_line(step, today):
            parts.append(snoozed)
        st.markdown(" ".join(parts), width="stretch")
        step_actions(step, interview_id, today, key=f"td{interview_id}.{step.key}")


def mark_all_button(card: DueCard, today: date) -> None:
    interview = card.interview
    several = len(card.steps) > 1
    st.button("Mark all sent" if several else "Mark sent", key=f"td{interview.saved_id}.thank_yous.sent",
              type="primary", icon=":material/done_all:" if several else ":material/check:",
              on_click=mark_thank_yous_sent,
              args=(interview.saved_id, PAGE),
              help="Sent today, every one of them; Undo takes it back" if several else "Sent today; Undo takes it back")
