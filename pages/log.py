"""Log or edit an interview: details, people, the timing they gave, three scores with evidence."""

from __future__ import annotations

import uuid
from typing import Any

import streamlit as st

from lib import ui
from lib.domain.entry_form import BLANK_PERSON, EntryForm, timeframe_feedback
from lib.domain.followup import follow_up_timeline
from lib.domain.model import (
    LIMITS,
    Dimension,
    Format,
    Outcome,
    Stage,
    ValidationError,
    timeframe_out_of_range,
)
from lib.domain.rubric import RUBRIC, SCALE
from lib.domain.steps import next_step
from lib.domain.text import md_escape
from lib.domain.timeframe import parse_timeframe

F = "f."  # every key of this form starts with it
PERSON_PARTS = ("name", "title", "email")
PLAIN_FIELDS = ("company", "role", "stage", "format", "day", "start", "duration_min", "recruiter",
                "stated_timeframe", "questions", "notes", "outcome", "outcome_on")


def requested_id() -> int | None:
    raw = st.query_params.get("id")
    return int(raw) if raw and raw.isdigit() else None


def form_key_for(interview_id: int | None) -> str:
    return f"edit:{interview_id}" if interview_id else "new"


def load(form: EntryForm) -> None:
    """Put a form's values into the widgets' state (before the widgets are drawn)."""
    for name in PLAIN_FIELDS:
        st.session_state[F + name] = getattr(form, name)
    for d in Dimension:
        st.session_state[f"{F}score.{d.value}"] = form.scores.get(d.value)
        st.session_state[f"{F}evidence.{d.value}"] = form.evidence.get(d.value, "")
    rows = []
    for person in form.people:
        row = uuid.uuid4().hex[:8]
        rows.append(row)
        for part in ("name", "title", "email"):
            st.session_state[f"{F}p.{row}.{part}"] = person.get(part) or ""
        st.session_state[f"{F}p.{row}.id"] = person.get("id")
    st.session_state[F + "people"] = rows
    st.session_state[F + "interview_id"] = form.interview_id
    st.session_state[F + "is_demo"] = form.is_demo


def collect() -> EntryForm:
    """The form as the user has filled it in so far."""
    state = st.session_state
    people = [
        {part: state.get(f"{F}p.{row}.{part}", "") for part in ("name", "title", "email")}
        | {"id": state.get(f"{F}p.{row}.id")}
        for row in state.get(F + "people", [])
    ]
    # Widget values: session_state holds them untyped; the widget bound to each key gives its field's type.
    plain: dict[str, Any] = {name: state.get(F + name) for name in PLAIN_FIELDS}
    return EntryForm(
        **plain,
        people=people,
        scores={d.value: state.get(f"{F}score.{d.value}") for d in Dimension},
        evidence={d.value: state.get(f"{F}evidence.{d.value}", "") for d in Dimension},
        interview_id=state.get(F + "interview_id"),
        is_demo=state.get(F + "is_demo", False),
    )


def start_form(interview_id: int | None) -> bool:
    """Fill the form for a new entry or the one in the URL; False if that entry does not exist."""
    key = form_key_for(interview_id)
    returning = st.session_state.get(F + "form_key") == key  # came back from another page
    if interview_id:
        saved = ui.data().interviews.get(interview_id)
        if saved is None:
            return False
        base = EntryForm.from_interview(saved)
    else:
        base = EntryForm.blank(ui.now())
    load(base)
    st.session_state.update({F + "form_key": key, F + "base": base.to_json(), F + "errors": {}})
    if not returning:
        st.session_state[F + "token"] = uuid.uuid4().hex
    # Uncached: autosaving a draft on every keystroke leaves the data version (and every cache) alone.
    draft = ui.store().settings.form_draft(key)
    restored = EntryForm.from_saved(draft[0], base) if draft else None  # an unreadable draft is no draft
    if draft and restored is not None and restored.to_json() != base.to_json():
        if returning:
            load(restored)
        else:
            st.session_state[F + "draft_offer"] = draft
    return True


def on_save() -> None:
    state = st.session_state
    try:
        saved_id = ui.store().interviews.save(collect().to_interview(), submit_token=state.get(F + "token"),
                                              now=ui.now(), discard_draft=state[F + "form_key"])
    except ValidationError as problem:
        state[F + "errors"] = problem.errors
        return
    except LookupError:
        state[F + "errors"] = {"form": "This interview was deleted in the meantime; nothing was saved."}
        return
    st.session_state[F + "form_key"] = form_key_for(saved_id)
    start_form(saved_id)  # reload: the interviewers now have ids their thank-you marks hang on
    st.session_state[F + "just_saved"] = saved_id
    st.query_params["id"] = str(saved_id)


def on_new_entry() -> None:
    st.query_params.clear()
    st.session_state[F + "form_key"] = None
    st.session_state.pop(F + "just_saved", None)


def on_restore_draft() -> None:
    payload, _ = st.session_state.pop(F + "draft_offer")
    restored = EntryForm.from_saved(payload, EntryForm.from_json(st.session_state[F + "base"]))
    if restored is not None:
        load(restored)


def on_discard_draft() -> None:
    st.session_state.pop(F + "draft_offer", None)
    ui.store().settings.discard_form_draft(st.session_state[F + "form_key"])


def on_add_person() -> None:
    row = uuid.uuid4().hex[:8]
    for part in ("name", "title", "email"):
        st.session_state[f"{F}p.{row}.{part}"] = BLANK_PERSON[part]
    st.session_state[f"{F}p.{row}.id"] = None
    st.session_state[F + "people"] = [*st.session_state[F + "people"], row]


def on_remove_person(row: str) -> None:
    st.session_state[F + "people"] = [r for r in st.session_state[F + "people"] if r != row]


def on_delete(interview_id: int) -> None:
    ui.store().interviews.delete(interview_id)
    ui.store().settings.discard_form_draft(form_key_for(interview_id))
    on_new_entry()
    st.session_state["flash"] = "Interview deleted."


def autosave_draft() -> None:
    """Keep what was typed in the database, so a refresh or a closed tab loses nothing."""
    form = collect()
    payload = form.to_json()
    if payload == st.session_state.get(F + "base") or payload == st.session_state.get(F + "autosaved"):
        return
    if form.has_content():
        ui.store().settings.save_form_draft(st.session_state[F + "form_key"], payload)
        st.session_state[F + "autosaved"] = payload


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
today = now.date()
interview_id = requested_id()
needs_start = (
    st.session_state.get(F + "form_key") != form_key_for(interview_id) or F + "company" not in st.session_state
)
if needs_start and not start_form(interview_id):
    st.title("Log an interview")
    st.warning(f"There is no interview #{interview_id}: it may have been deleted.")
    st.button("Log a new interview", on_click=on_new_entry, type="primary")
    st.stop()
errors: dict[str, str] = st.session_state.get(F + "errors", {})
editing = st.session_state.get(F + "interview_id") is not None

st.title("Edit interview" if editing else "Log an interview")
just_saved = st.session_state.pop(F + "just_saved", None)
if just_saved:
    saved = ui.data().interviews.get(just_saved)
    if saved is None:  # deleted from another tab between the save and this run
        st.warning("Saved, but this interview has since been deleted.", icon=":material/warning:")
    else:
        upcoming = next_step(ui.timeline(saved, now))  # with its marks and snoozes
        what_next = f" Next: **{md_escape(upcoming.title)}** · {upcoming.status_text(today)}." if upcoming else ""
        st.success(f"Saved.{what_next}", icon=":material/check_circle:")
    with st.container(horizontal=True):
        st.page_link(ui.PAGES["interviews"], label="See it in Interviews", icon=":material/list_alt:",
                     query_params={"id": str(just_saved)})
        st.button("Log another interview", on_click=on_new_entry, icon=":material/add:")
elif editing:
    st.caption("Changes are kept as a draft until you save.")
else:
    st.caption("Two minutes, while it is fresh. Only company and role are required.")

if offer := st.session_state.get(F + "draft_offer"):
    with st.container(border=True):
        st.markdown(f"You have unsaved changes from {offer[1]:%a %d %b, %H:%M}.")
        with st.container(horizontal=True):
            st.button("Restore them", on_click=on_restore_draft, type="primary", icon=":material/restore:")
            st.button("Discard", on_click=on_discard_draft, icon=":material/delete:")

form_column, plan_column = st.columns([3, 2], gap="large")
with form_column:
    st.subheader("The interview")
    left, right = st.columns(2)
    with left:
        st.text_input("Company", key=F + "company", max_chars=LIMITS["company"], placeholder="Acme Corp")
        ui.field_error(errors, "company")
    with right:
        st.text_input("Role", key=F + "role", max_chars=LIMITS["role"], placeholder="Data engineer")
        ui.field_error(errors, "role")
    left, right = st.columns(2)
    left.selectbox("Stage", list(Stage), key=F + "stage", format_func=lambda s: s.label)
    right.selectbox("Format", list(Format), key=F + "format", format_func=lambda f: f.label)
    day_col, time_col, length_col = st.columns(3)
    day_col.date_input("Date", key=F + "day", format="YYYY-MM-DD", min_value=ui.FIRST_DAY, max_value=ui.LAST_DAY)
    time_col.time_input("Start time", key=F + "start", step=900)
    length_col.number_input("Duration (minutes)", key=F + "duration_min", step=5)
    ui.field_error(errors, "interview_at")
    ui.field_error(errors, "duration_min")

    st.subheader("People")
    rows = st.session_state[F + "people"]
    filled_rows = [
        r for r in rows if any(st.session_state.get(f"{F}p.{r}.{p}", "").strip() for p in ("name", "title", "email"))
    ]
    for row in rows:
        name_col, title_col, email_col, remove_col = st.columns([3, 3, 3, 1], vertical_alignment="bottom")
        name_col.text_input("Interviewer", key=f"{F}p.{row}.name", max_chars=LIMITS["name"], placeholder="Name")
        title_col.text_input("Title (optional)", key=f"{F}p.{row}.title", max_chars=LIMITS["title"])
        email_col.text_input("Email (optional)", key=f"{F}p.{row}.email", max_chars=LIMITS["email"])
        remove_col.button("", key=f"{F}p.{row}.remove", on_click=on_remove_person, args=(row,),
                          icon=":material/close:", help="Remove this person")
        if row in filled_rows:
            index = filled_rows.index(row)
            for part in ("name", "title", "email"):
                ui.field_error(errors, f"interviewers.{index}.{part}")
    ui.field_error(errors, "interviewers")
    st.button("Add another interviewer", on_click=on_add_person, icon=":material/person_add:", type="tertiary")
    st.text_input("Recruiter involved (optional)", key=F + "recruiter", max_chars=LIMITS["recruiter"],
                  placeholder="Name, if a recruiter set this up")
    ui.field_error(errors, "recruiter")

    st.subheader("What they said about timing")
    st.text_input("When do they expect to decide?", key=F + "stated_timeframe",
                  max_chars=LIMITS["stated_timeframe"], placeholder="within 2 weeks · 10 days · by 1 Dec",
                  help="Ask before you leave: the answer sets your check-in date.")
    timing = collect().to_interview()
    if refused := timeframe_out_of_range(timing):  # Save's own words, at the field, while typing
        ui.field_error({"stated_timeframe": refused}, "stated_timeframe")
    else:
        feedback = md_escape(timeframe_feedback(collect(), now, ui.user_zone()))
        if parse_timeframe(timing.stated_timeframe, timing.day0).problem:  # a flag, not an error: it saves
            st.warning(feedback, icon=":material/warning:")
        else:
            st.caption(feedback)
    if errors.get("stated_timeframe") != refused:  # not the same words twice after Save
        ui.field_error(errors, "stated_timeframe")

    st.subheader("How did it go?")
    st.caption("Score what you can back with evidence. Unsure? Leave it unscored: that is an honest answer.")
    for dimension in Dimension:
        guide = RUBRIC[dimension]
        with st.container(border=True):
            score = st.segmented_control(guide.label, SCALE, key=f"{F}score.{dimension.value}",
                                         help=guide.anchors_help)
            st.caption(f"{guide.question}  \n**{score or 'Not sure yet'}**: {guide.anchor(score)}")
            st.text_area("Evidence", key=f"{F}evidence.{dimension.value}", max_chars=LIMITS["evidence"],
                         placeholder=guide.evidence_prompt, height=80)
            ui.field_error(errors, f"score.{dimension.value}")
            ui.field_error(errors, f"evidence.{dimension.value}")
            if score is not None and not st.session_state.get(f"{F}evidence.{dimension.value}", "").strip():
                st.caption(":orange[No evidence yet: you can save, but the entry will be flagged.]")

    st.subheader("Notes")
    st.text_area("Questions they asked", key=F + "questions", max_chars=LIMITS["questions"], height=100)
    ui.field_error(errors, "questions")
    st.text_area("Anything else", key=F + "notes", max_chars=LIMITS["notes"], height=100)
    ui.field_error(errors, "notes")

    st.subheader("Outcome")
    outcome_col, on_col = st.columns(2)
    outcome = outcome_col.selectbox("Outcome", list(Outcome), key=F + "outcome", format_func=lambda o: o.label)
    if outcome is not Outcome.PENDING:
        if st.session_state.get(F + "outcome_on") is None:
            st.session_state[F + "outcome_on"] = today
        on_col.date_input("Heard on", key=F + "outcome_on", format="YYYY-MM-DD", min_value=ui.FIRST_DAY,
                          max_value=ui.LAST_DAY)
        st.caption("An outcome closes this interview's open follow-up steps.")
    ui.field_error(errors, "outcome_on")

    if errors:
        count = len(errors)
        st.error(errors.get("form") or f"Please fix the {count} field{'s' if count > 1 else ''} marked above.")
    with st.container(horizontal=True):
        st.button("Save changes" if editing else "Save interview", type="primary", on_click=on_save,
                  icon=":material/save:", key=F + "save")
        if editing:
            with st.popover("Delete", icon=":material/delete:"):
                st.write("Delete this interview and its follow-up record? This cannot be undone.")
                st.button("Delete for good", type="primary", on_click=on_delete,
                          args=(st.session_state[F + "interview_id"],), key=F + "delete")
            st.button("Log another interview", on_click=on_new_entry, key=F + "new", type="tertiary")

with plan_column:
    st.subheader("Follow-up plan")
    draft = collect().to_interview()
    marks = ui.data().follow_up.marks_for((draft.id,)).get(draft.id, []) if draft.id else []
    snoozes = ui.data().follow_up.snoozes_for((draft.id,)).get(draft.id, []) if draft.id else []
    ui.timeline_view(follow_up_timeline(draft, marks, now, ui.user_zone(), snoozes), today, key="plan")

autosave_draft()
