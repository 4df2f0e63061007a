"""Log or edit an interview: details, people, the timing they gave, three scores with evidence; or book one ahead."""

from __future__ import annotations

import uuid
from typing import Any

import streamlit as st

from lib import ui
from lib.domain.entry_form import EntryForm
from lib.domain.model import LIMITS, PREP_FIELDS, PRIVATE_FIELDS, Dimension, Format, Outcome, Stage, ValidationError
from lib.ui.log_details import people_section, timing_section
from lib.ui.log_result import saved_result, saved_top_line
from lib.ui.log_sections import (
    application_picker,
    follow_up_plan,
    next_after_saving,
    plan_steps,
    prepare_block,
    private_field,
    private_key,
    score_blocks,
    your_preparation,
)

F = "f."  # every key of this form starts with it
PLAIN_FIELDS = ("company", "role", "stage", "format", "day", "start", "duration_min", "recruiter",
                "stated_timeframe", "questions", "notes", "outcome", "outcome_on")
KEPT_FIELDS = ("interview_id", "is_demo", "application", "logged_ahead")  # state of no widget: never cleared


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
    for name in (*PREP_FIELDS, *KEPT_FIELDS):
        st.session_state[F + name] = getattr(form, name)
    for name in PRIVATE_FIELDS:
        st.session_state[private_key(F, name)] = name in form.private


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
    plain["outcome"] = plain["outcome"] or Outcome.PENDING  # not drawn for a booking
    plain |= {name: state.get(F + name) or "" for name in PREP_FIELDS}  # drawn only when they may hold something
    return EntryForm(
        **plain,
        people=people,
        scores={d.value: state.get(f"{F}score.{d.value}") for d in Dimension},
        evidence={d.value: state.get(f"{F}evidence.{d.value}", "") for d in Dimension},
        interview_id=state.get(F + "interview_id"),
        is_demo=state.get(F + "is_demo", False),
        application=state.get(F + "application") or "",
        logged_ahead=state.get(F + "logged_ahead", False),
        private=sorted(name for name in PRIVATE_FIELDS if state.get(private_key(F, name))),
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
        state[F + "focus"] = uuid.uuid4().hex  # a new failed Save: focus goes to its first field
        return
    except LookupError:
        state[F + "errors"] = {"form": "This interview was deleted in the meantime; nothing was saved."}
        return
    typed_key = state[F + "form_key"]
    state[F + "form_key"] = form_key_for(saved_id)
    if not start_form(saved_id):  # reload: the interviewers now have ids their thank-you marks hang on
        state[F + "form_key"] = typed_key  # deleted from another tab right after the save
        state[F + "errors"] = {"form": "Saved, but this interview has since been deleted. What you typed is "
                                       "still here: save again to keep it."}
        return
    st.session_state[F + "saved"] = saved_id  # the result at Save, while this entry is shown unchanged
    st.session_state[F + "focus"] = uuid.uuid4().hex  # Save is drawn afresh: focus stays on it
    st.query_params["id"] = str(saved_id)


def unsaved_message(errors: ui.FieldErrors) -> str:
    """At Save, after a failed one: that nothing was saved, and which fields to fix, by the names shown above."""
    named = [label[:1].lower() + label[1:] for label in errors.labels]  # within a sentence; a quoted one as is
    named += [f"{key} {message}" for key, message in errors.unshown.items()]
    return f"Nothing was saved. {len(named)} field{'s' if len(named) > 1 else ''} to fix: {', '.join(named)}."


def on_new_entry() -> None:
    st.query_params.clear()
    st.session_state[F + "form_key"] = None
    st.session_state.pop(F + "saved", None)


def showing_saved_result(interview_id: int | None) -> bool:
    """The entry just saved is on the page, unchanged since; once it is changed, Save comes back alone."""
    saved = st.session_state.get(F + "saved")
    if saved is None or saved != interview_id:
        return False
    if collect().to_json() != st.session_state.get(F + "base"):
        st.session_state.pop(F + "saved")
        return False
    return True


def on_restore_draft() -> None:
    payload, _ = st.session_state.pop(F + "draft_offer")
    restored = EntryForm.from_saved(payload, EntryForm.from_json(st.session_state[F + "base"]))
    if restored is not None:
        load(restored)


def on_discard_draft() -> None:
    st.session_state.pop(F + "draft_offer", None)
    ui.store().settings.discard_form_draft(st.session_state[F + "form_key"])


def on_delete(interview_id: int) -> None:
    ui.store().interviews.delete(interview_id)
    ui.store().settings.discard_form_draft(form_key_for(interview_id))
    on_new_entry()
    st.session_state["flash"] = "Interview deleted."


KEPT = F + "kept"  # (form key, each field's value as last drawn): what a dropped widget value comes back from


def form_widget_keys() -> list[str]:
    rows = st.session_state.get(F + "people", [])
    return ([F + name for name in (*PLAIN_FIELDS, *PREP_FIELDS)]
            + [f"{F}{part}.{d.value}" for d in Dimension for part in ("score", "evidence")]
            + [f"{F}p.{row}.{part}" for row in rows for part in ("name", "title", "email")]
            + [private_key(F, name) for name in PRIVATE_FIELDS])


def keep_what_was_typed() -> None:
    """Copy each field's value to a key no widget owns, at the end of every run.

    Streamlit forgets a widget's value when a run completes without it (a booking hides the scores),
    and a browser test saw the start time and duration come back as Streamlit's own defaults (now, 0)
    after the form turned into a booking. Whatever the cause, nothing typed is lost: a value gone
    missing is put back from this copy before the widgets are drawn.
    """
    state = st.session_state
    state[KEPT] = (state.get(F + "form_key"), {k: state[k] for k in form_widget_keys() if k in state})


PINNED_FIELDS = ("stage", "format", "day", "start", "duration_min")


def put_back_dropped_fields() -> None:
    """Put back a value Streamlit dropped, and send the picked-once fields' values with every run.

    Turning the form into a booking redraws much of the page, and Chromium then showed the start
    time and duration at their widget defaults (the time now, 0) 1 time in 6 while the server still
    held 08:00 and 45; the next click sent those defaults back. A value set through session state
    is sent to the browser with the widget, so it shows what the server holds.
    """
    form_key, values = st.session_state.get(KEPT) or (None, {})
    if form_key == st.session_state.get(F + "form_key"):
        for key, value in values.items():
            if key not in st.session_state:
                st.session_state[key] = value
    for name in PINNED_FIELDS:
        if F + name in st.session_state:
            st.session_state[F + name] = st.session_state[F + name]


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
    st.title("Log an interview", anchor=False)
    st.warning(f"There is no interview #{interview_id}: it may have been deleted.")
    st.button("Log a new interview", on_click=on_new_entry, type="primary")
    st.stop()
put_back_dropped_fields()
errors = ui.FieldErrors(st.session_state.get(F + "errors", {}))
editing = st.session_state.get(F + "interview_id") is not None
typed = collect()
booking = typed.is_booking(now)  # still ahead: preparation instead of scores, no outcome yet
saved_shown = showing_saved_result(interview_id)

if booking:
    st.title("Edit booked interview" if editing else "Book an interview", anchor=False)
else:
    st.title("Edit interview" if editing else "Log an interview", anchor=False)
if saved_shown and interview_id is not None:
    saved_top_line(interview_id)
elif typed.awaits_scores(now):
    st.info("It's over: score it while it's fresh.", icon=":material/edit_note:")
elif booking:
    st.caption("Logged ahead: prepare now, score it once it is over. It shows on Today as coming up.")
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
    st.subheader("The interview", anchor=False)
    left, right = st.columns(2)
    with left:
        st.text_input("Company", key=F + "company", max_chars=LIMITS["company"], placeholder="Acme Corp")
        ui.field_error(errors, "company", "Company", F + "company")
    with right:
        st.text_input("Role", key=F + "role", max_chars=LIMITS["role"], placeholder="Data engineer")
        ui.field_error(errors, "role", "Role", F + "role")
    with st.container():  # a slot always there: the picker coming and going never shifts the fields below it
        application_picker(F, typed, today)
    left, right = st.columns(2)
    left.selectbox("Stage", list(Stage), key=F + "stage", format_func=lambda s: s.label)
    right.selectbox("Format", list(Format), key=F + "format", format_func=lambda f: f.label)
    day_col, time_col, length_col = st.columns(3)
    day_col.date_input("Date", key=F + "day", format="YYYY-MM-DD", min_value=ui.FIRST_DAY, max_value=ui.LAST_DAY)
    time_col.time_input("Start time", key=F + "start", step=900)
    length_col.number_input("Duration (minutes)", key=F + "duration_min", step=5)
    ui.field_error(errors, "interview_at", "The interview's date", F + "day")
    ui.field_error(errors, "duration_min", "Duration", F + "duration_min")
    if not booking and now < typed.ends_at:  # a debrief dated ahead: its scores stay in sight
        st.warning("This date and time are still ahead, yet the entry has scores, evidence or an outcome: "
                   "check the date.", icon=":material/event:")

    people_section(F, errors)
    timing_section(F, typed, now, errors)

    if booking:
        prepare_block(F, errors)
    else:
        if typed.prep_questions or typed.prep_stories or typed.prep_pitch:
            your_preparation(F, errors)
        score_blocks(F, errors)

    st.subheader("Notes", anchor=False)
    st.caption("A field switched to Private stays with you: a review packet or coaching report says only "
               "that a private note exists. Your own exports and backups keep everything.")
    with private_field(F, "questions"):
        st.text_area("Questions they asked", key=F + "questions", max_chars=LIMITS["questions"], height=100)
    ui.field_error(errors, "questions", "“Questions they asked”", F + "questions")
    with private_field(F, "notes"):
        st.text_area("Anything else", key=F + "notes", max_chars=LIMITS["notes"], height=100)
    ui.field_error(errors, "notes", "“Anything else”", F + "notes")

    if not booking:
        st.subheader("Outcome", anchor=False)
        outcome_col, on_col = st.columns(2)
        outcome = outcome_col.selectbox("Outcome", list(Outcome), key=F + "outcome", format_func=lambda o: o.label)
        if outcome is not Outcome.PENDING:
            if st.session_state.get(F + "outcome_on") is None:
                st.session_state[F + "outcome_on"] = today
            on_col.date_input("Heard on", key=F + "outcome_on", format="YYYY-MM-DD", min_value=ui.FIRST_DAY,
                              max_value=ui.LAST_DAY)
            st.caption("An outcome closes this interview's open follow-up steps.")
        ui.field_error(errors, "outcome_on", "“Heard on”", F + "outcome_on")

    form = collect()
    steps = plan_steps(form, now, booking)
    if errors:
        st.error(errors.get("form") or unsaved_message(errors), icon=":material/error:")
    elif not saved_shown:
        next_after_saving(steps, today, booking)
    with st.container(horizontal=True):
        st.button("Save changes" if editing else ("Save booking" if booking else "Save interview"), type="primary",
                  on_click=on_save, icon=":material/save:", key=F + "save")
        if editing:
            with st.popover("Delete", icon=":material/delete:"):
                st.write("Delete this interview and its follow-up record? This cannot be undone.")
                st.button("Delete for good", type="primary", on_click=on_delete,
                          args=(st.session_state[F + "interview_id"],), key=F + "delete")
            if not saved_shown:
                st.button("Log another interview", on_click=on_new_entry, key=F + "new", type="tertiary")
    if saved_shown and interview_id is not None:
        saved_result(interview_id, now, on_new_entry)

with plan_column:
    follow_up_plan(form, steps, now, booking)

ui.draft_dialog_if_open(now)  # a draft opened from the next step at Save
keep_what_was_typed()
autosave_draft()
if errors.shown:
    ui.point_at_invalid(errors, st.session_state.get(F + "focus", ""))
elif saved_shown:
    ui.focus_on(F + "save", st.session_state.get(F + "focus", ""))
