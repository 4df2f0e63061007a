"""The email for one follow-up step, in a dialog: your name (asked once), a topic, the text to copy or edit,
mail, calendar, Mark as sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import streamlit as st

from lib.domain.days import human_date
from lib.domain.drafts import DEFAULT_TEMPLATES, DRAFT_KINDS, draft_for, template_for, topic_suggestions
from lib.domain.model import Interview
from lib.domain.steps import Step
from lib.domain.text import md_escape
from lib.ui.app import PAGES
from lib.ui.cache import data
from lib.ui.follow_up import timeline
from lib.ui.step_actions import DRAFT_OPEN, calendar_button, close_draft, mark_step_done, step_actions
from lib.ui.timeline import status_badge_md, step_text
from lib.ui.your_name import ask_name_once


def draft_dialog_if_open(at: datetime) -> None:
    """Pages with step actions call this once per run: it shows the draft the user opened, if any."""
    opened = st.session_state.get(DRAFT_OPEN)
    if opened:
        _draft_dialog(opened[0], opened[1], at)


@st.dialog("Draft", width="medium", icon=":material/edit_note:", on_dismiss=close_draft)
def _draft_dialog(interview_id: int, step_key: str, at: datetime) -> None:
    if DRAFT_OPEN not in st.session_state:  # "Mark as sent" closed it: rerun the page, which shows the change
        st.rerun()
    interview = data().interviews.get(interview_id)
    step = next((s for s in timeline(interview, at) if s.key == step_key), None) if interview else None
    if interview is None or step is None:
        st.warning("This step is no longer there: the entry was changed or deleted.")
        return
    if step.kind not in DRAFT_KINDS:  # the week plan offers every step: one without an email shows its actions
        st.markdown(step_text(step, at.date()))
        step_actions(step, interview_id, at.date(), f"draft.{interview_id}.{step_key}", why_shown=True)
        return
    draft_view(interview, step, at.date(), key=f"draft.{interview_id}.{step_key}")


def draft_view(interview: Interview, step: Step, today: date, key: str) -> None:
    """The email for one step: your name (asked once), a topic to mention, the text to copy or edit, mail,
    calendar, Mark as sent."""
    ask_name_once("draft.your_name")  # until a name is saved or declined, so the draft can be signed
    st.markdown(f"**{md_escape(step.title)}**")
    st.caption(md_escape(f"{interview.company}: {interview.role} · interviewed {human_date(interview.day0, today)}"))
    st.markdown(status_badge_md(step, today))
    edited = st.session_state.get(f"{key}.edited")
    topic = st.selectbox("A topic you discussed (optional)", topic_suggestions(interview), index=None,
                         accept_new_options=True, key=f"{key}.topic", disabled=edited is not None,
                         placeholder="Pick a phrase from your notes, or type your own",
                         help="Mentioning one thing you talked about makes the note yours. "
                              "Start again from the template to change it after editing.")
    reads = data()
    template = template_for(step.kind, reads.settings.draft_templates())
    draft = draft_for(interview, step, template, your_name=reads.settings.get("your_name"), topic=topic or "")
    if edited:
        draft = replace(draft, **edited)
    _draft_text(draft, key)
    _draft_hints(draft, template is DEFAULT_TEMPLATES[step.kind])
    _draft_actions(interview, step, draft, today, key)


def _draft_text(draft, key: str) -> None:
    editing = st.toggle("Edit the text", key=f"{key}.editing", on_change=_start_editing, args=(draft, key))
    if editing:
        st.text_input("To", key=f"{key}.to_w", on_change=_keep_edits, args=(key,), placeholder="name@company.com")
        st.text_input("Subject", key=f"{key}.subject_w", on_change=_keep_edits, args=(key,))
        st.text_area("Body", key=f"{key}.body_w", on_change=_keep_edits, args=(key,), height=300)
        st.button("Start again from the template", key=f"{key}.reset", on_click=_reset_edits, args=(key,),
                  type="tertiary", icon=":material/restart_alt:")
        return
    st.caption(f"To: {md_escape(draft.to)}" if draft.to else "To: no address saved: add it in your mail app.")
    st.caption("Subject")
    st.code(draft.subject, language=None, wrap_lines=True)
    st.caption("Body: the copy button is at its top right")
    st.code(draft.body, language=None, wrap_lines=True)


def _start_editing(draft, key: str) -> None:
    if st.session_state.get(f"{key}.editing"):
        st.session_state[f"{key}.to_w"] = draft.to
        st.session_state[f"{key}.subject_w"] = draft.subject
        st.session_state[f"{key}.body_w"] = draft.body
        _keep_edits(key)


def _keep_edits(key: str) -> None:
    """Widget values vanish once their widgets are hidden: keep the text under a key of our own."""
    parts = {"to": f"{key}.to_w", "subject": f"{key}.subject_w", "body": f"{key}.body_w"}
    st.session_state[f"{key}.edited"] = {name: st.session_state.get(widget, "") for name, widget in parts.items()}


def _reset_edits(key: str) -> None:
    for suffix in ("edited", "to_w", "subject_w", "body_w"):
        st.session_state.pop(f"{key}.{suffix}", None)
    st.session_state[f"{key}.editing"] = False


def _draft_hints(draft, default_wording: bool) -> None:
    if draft.to_fill:
        st.warning("Fill in before sending: " + ", ".join(md_escape(h) for h in draft.to_fill),
                   icon=":material/edit:")
    wording = "Debrief's wording" if default_wording else "your template"
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.caption(f"Written from {wording}.")
        st.page_link(PAGES["templates"], label="Templates and your name", icon=":material/tune:")


def _draft_actions(interview: Interview, step: Step, draft, today: date, key: str) -> None:
    with st.container(horizontal=True, gap="small"):
        st.link_button("Open in your mail app", draft.mailto, icon=":material/mail:")
        if not step.status.settled:
            calendar_button("Add to calendar", f"{key}.ics", interview.id, step.key,
                            file_name=f"debrief-{interview.id}-{step.kind.value}.ics")
            st.button("Mark as sent", key=f"{key}.sent", type="primary", icon=":material/send:",
                      on_click=_mark_sent, args=(interview.id, step.key, today))


def _mark_sent(interview_id: int, step_key: str, today: date) -> None:
    mark_step_done(interview_id, step_key, today)
    close_draft()
