"""The Log form's sections that change with what the entry is: its application, scores or preparation, its plan.

A booking (an interview still ahead) takes preparation notes instead of scores, and shows its
follow-up as a preview of how it will stand once the interview is over; an entry that took place
takes scores with evidence, with any preparation kept in sight for reference. Keys are given by the
page (`prefix`), which owns the form's session state.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import streamlit as st

from lib.domain.days import human_date, human_datetime
from lib.domain.entry_form import EntryForm, application_choice, application_options, follow_up_preview
from lib.domain.followup import follow_up_timeline
from lib.domain.model import EVIDENCE_COLUMNS, LIMITS, NEW_APPLICATION, PREP_FIELDS, PRIVATE_FIELDS, Dimension
from lib.domain.rubric import RUBRIC, SCALE
from lib.domain.steps import Step, next_step
from lib.domain.text import md_escape
from lib.ui.app import user_zone
from lib.ui.cache import data
from lib.ui.timeline import timeline_view
from lib.ui.widgets import field_error

NEW_APPLICATION_LABEL = "A new application"


def application_picker(prefix: str, form: EntryForm, today: date) -> None:
    """Which application this round belongs to, when there is a choice; keeps `{prefix}application` valid.

    The choice lives in a key of its own (not the radio's), so it is still there on a run that does
    not draw the radio; a choice no longer offered (the company was retyped) falls back to the default.
    """
    reads = data().applications
    own = reads.of_interview(form.interview_id) if form.interview_id else None
    typed = form.company.strip() and form.role.strip()
    matching = reads.matching(form.company, form.role, form.is_demo) if typed else []
    options = application_options(own, matching)
    chosen_key, pick_key = f"{prefix}application", f"{prefix}application_pick"
    chosen = application_choice(st.session_state.get(chosen_key) or "", options, own.uid if own else "")
    st.session_state[chosen_key] = chosen
    if not options:
        return
    labels = {a.uid: md_escape(a.choice_label(today)) for a in [*matching, *([own] if own else [])]}  # Markdown
    labels[NEW_APPLICATION] = NEW_APPLICATION_LABEL
    st.session_state[pick_key] = chosen
    st.radio("Application", options, key=pick_key, format_func=lambda uid: labels.get(uid, uid),
             on_change=_keep_pick, args=(pick_key, chosen_key),
             help="Rounds of one application share one follow-up: a later round closes the earlier one's "
                  "check-in. Choose a new application if you applied again.")


def _keep_pick(pick_key: str, chosen_key: str) -> None:
    st.session_state[chosen_key] = st.session_state[pick_key]


def private_key(prefix: str, field: str) -> str:
    """The session-state key of the switch that keeps `field` (one of PRIVATE_FIELDS) private."""
    return f"{prefix}private.{field}"


# The name each switch gives its field: the field's own label on this form ("Anything else" is the notes).
SWITCH_NAMES = {**PRIVATE_FIELDS, "notes": "Anything else"}


@contextmanager
def private_field(prefix: str, field: str) -> Iterator[None]:
    """A field (drawn inside) with a small switch just above it, on the right: on, it stays with the candidate.

    The switch and its field share a tight container, so the switch reads as its field's and not
    as the one above. Its label names the field for a screen reader ("Keep “Anything else”
    private"), while the eye reads a short "Private": eight long labels would crowd the form.
    One Tab stop, no more.
    """
    with st.container(gap="xxsmall"):
        with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center", gap="xsmall"):
            st.toggle(f"Keep “{SWITCH_NAMES[field]}” private", key=private_key(prefix, field),
                      label_visibility="collapsed")
            st.caption(":material/lock: Private", width="content")
        yield


def score_blocks(prefix: str, errors: dict[str, str]) -> None:
    """"How did it go?": each dimension's score with its anchors, and the evidence behind it."""
    st.subheader("How did it go?", anchor=False)
    st.caption("Score what you can back with evidence. Unsure? Leave it unscored: that is an honest answer.")
    for dimension in Dimension:
        guide = RUBRIC[dimension]
        with st.container(border=True):
            score = st.segmented_control(guide.label, SCALE, key=f"{prefix}score.{dimension.value}",
                                         help=guide.anchors_help)
            st.caption(f"{guide.question}  \n**{score or 'Not sure yet'}**: {guide.anchor(score)}")
            with private_field(prefix, EVIDENCE_COLUMNS[dimension]):
                st.text_area("Evidence", key=f"{prefix}evidence.{dimension.value}", max_chars=LIMITS["evidence"],
                             placeholder=guide.evidence_prompt, height=80)
            field_error(errors, f"score.{dimension.value}", guide.label, f"{prefix}score.{dimension.value}")
            field_error(errors, f"evidence.{dimension.value}", f"The evidence for {guide.label.lower()}",
                        f"{prefix}evidence.{dimension.value}")
            if score is not None and not st.session_state.get(f"{prefix}evidence.{dimension.value}", "").strip():
                st.caption(":orange[No evidence yet: you can save, but the entry will be flagged.]")


PREP_PLACEHOLDERS = {
    "prep_questions": "How is success measured in the first six months? Who would I work with most?",
    "prep_stories": "The pipeline I rebuilt; the outage I led us through",
    "prep_pitch": "I ship data products end to end, and I explain them to non-engineers",
}


def prep_fields(prefix: str, errors: dict[str, str]) -> None:
    """The three preparation notes, as text areas."""
    for name, label in PREP_FIELDS.items():
        with private_field(prefix, name):
            st.text_area(label, key=prefix + name, max_chars=LIMITS["prep"], height=90,
                         placeholder=PREP_PLACEHOLDERS[name])
        field_error(errors, name, f"“{label}”", prefix + name)


def prepare_block(prefix: str, errors: dict[str, str]) -> None:
    """A booking's "Prepare", in place of the scores: scoring waits until the interview is over."""
    st.subheader("Prepare", anchor=False)
    st.caption("It has not happened yet: note what to bring. You score it once it is over.")
    prep_fields(prefix, errors)


def your_preparation(prefix: str, errors: dict[str, str]) -> None:
    """The preparation of an entry booked ahead, collapsed, for reference while scoring (still editable)."""
    with st.expander("Your preparation", icon=":material/checklist:"):
        prep_fields(prefix, errors)


def plan_steps(form: EntryForm, now: datetime, booking: bool) -> list[Step]:
    """The follow-up plan the form leads to: as it stands now, or for a booking as it will stand at its end."""
    if booking:
        return follow_up_preview(form, user_zone())
    draft = form.to_interview()
    reads = data().follow_up
    marks = reads.marks_for((draft.id,)).get(draft.id, []) if draft.id else []
    snoozes = reads.snoozes_for((draft.id,)).get(draft.id, []) if draft.id else []
    later = data().applications.later_rounds((draft.id,)).get(draft.id) if draft.id else None
    return follow_up_timeline(draft, marks, now, user_zone(), snoozes, later)


def follow_up_plan(form: EntryForm, steps: list[Step], now: datetime, booking: bool) -> None:
    """The plan column: the timeline, or for a booking its preview, labelled as one."""
    st.subheader("Follow-up plan", anchor=False)
    today = now.date()
    if booking:
        ends = form.ends_at
        st.info(f"The follow-up starts once the interview is over ({human_datetime(ends, today)}). "
                "Preview: the steps as they will stand then.", icon=":material/preview:")
        for step in steps:
            st.markdown(preview_text(step, today))
        return
    timeline_view(steps, today, key="plan")


def preview_text(step: Step, today: date) -> str:
    """One step of a booking's preview: its day as a date, never "today" or "overdue" (it has not begun)."""
    when = human_date(step.recommended, today) if step.reminder else "In the interview"
    return f"**{md_escape(step.title)}** :blue-badge[{md_escape(when)}]  \n:gray[{md_escape(step.why)}]"


def next_after_saving(steps: list[Step], today: date, booking: bool) -> None:
    """One line above Save: what saving leads to, so a phone user (plan below the form) sees it first."""
    upcoming = next_step(steps)
    if booking:
        st.caption("After saving: it is on Today as coming up, and its follow-up starts once it is over.")
    elif upcoming:
        st.caption(f"After saving, next: **{md_escape(upcoming.title)}** · {upcoming.status_text(today)}.")
