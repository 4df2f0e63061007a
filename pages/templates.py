"""Your follow-up emails' wording: one template per kind of step, your name, and a live preview."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.drafts import (
    DEFAULT_TEMPLATES,
    DRAFT_KINDS,
    KIND_LABELS,
    PLACEHOLDERS,
    check_template,
    check_your_name,
    topic_suggestions,
)
from lib.domain.drafts import preview_draft as fill_preview
from lib.domain.model import ValidationError
from lib.domain.privacy import shared_copy
from lib.domain.steps import StepKind
from lib.domain.text import md_escape
from lib.ui.your_name import remember_asked

T = "tpl."  # every key of this page starts with it
TAB = T + "tab"  # the open tab: its label


def field_key(kind: StepKind, part: str) -> str:
    return f"{T}{kind.value}.{part}"


def load_fields() -> None:
    """Fill the inputs from the database the first time (and after a reset), never over typing.

    Only the open tab's inputs are drawn, and Streamlit forgets the state of a widget a run does
    not draw: each value is set again here so unsaved typing in a closed tab waits for its return.
    """
    state = st.session_state
    custom = ui.data().settings.draft_templates()
    for kind in DRAFT_KINDS:
        template = custom.get(kind, DEFAULT_TEMPLATES[kind])
        for part, value in (("subject", template.subject), ("body", template.body)):
            key = field_key(kind, part)
            state[key] = state.get(key, value)
    state.setdefault(T + "your_name", ui.data().settings.get("your_name"))


def on_save_name() -> None:
    try:
        name = check_your_name(st.session_state[T + "your_name"])
    except ValidationError as error:
        st.session_state[T + "errors"] = ui.errors_of(error)
        return
    ui.store().settings.save("your_name", name)
    remember_asked("saved")  # a name set here is never asked for again, even once cleared
    st.session_state.pop(T + "errors", None)
    st.session_state["flash"] = f"Saved: your emails are signed “{md_escape(name)}”." if name else "Name cleared."


def on_save(kind: StepKind) -> None:
    state = st.session_state
    try:
        template = check_template(kind, state[field_key(kind, "subject")], state[field_key(kind, "body")])
    except ValidationError as error:
        state[T + "errors"] = ui.errors_of(error, prefix=f"{kind.value}.")
        return
    ui.store().settings.save_draft_template(template)
    state.pop(T + "errors", None)
    state["flash"] = f"Saved your {KIND_LABELS[kind].lower()} template."


def on_reset(kind: StepKind) -> None:
    ui.store().settings.reset_draft_template(kind)
    st.session_state[field_key(kind, "subject")] = DEFAULT_TEMPLATES[kind].subject
    st.session_state[field_key(kind, "body")] = DEFAULT_TEMPLATES[kind].body
    st.session_state.pop(T + "errors", None)
    st.session_state["flash"] = f"Back to Debrief's wording for the {KIND_LABELS[kind].lower()}."


def your_name_field(errors: dict[str, str]) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.text_input("Your name", key=T + "your_name", placeholder="e.g. Alex Morgan", max_chars=120,
                      help="Signs every email, where a template says {your_name}.")
        st.button("Save name", key=T + "save_name", on_click=on_save_name, icon=":material/save:")
    ui.field_error(errors, "your_name", "Your name")


def placeholder_help() -> None:
    """Drawn only while open, and as one Markdown block: few people open it, everyone paid for it."""
    with ui.opened(st.expander("Placeholders you can use", icon=":material/data_object:", key=T + "placeholders",
                               on_change="rerun")) as is_open:
        if is_open:
            st.markdown("  \n".join(f"`{{{name}}}`: {meaning}" for name, meaning in PLACEHOLDERS.items()))
            st.caption("Write {{ or }} for a brace of your own. Square brackets, like [link to the article], "
                       "are left as they are and flagged as something to fill in before sending.")


def template_editor(kind: StepKind, customised: bool, errors: dict[str, str], latest) -> None:
    st.caption("Your own wording." if customised else "Debrief's wording: change anything, then save.")
    st.text_input("Subject", key=field_key(kind, "subject"), max_chars=200)
    ui.field_error(errors, f"{kind.value}.subject", "Subject")
    st.text_area("Body", key=field_key(kind, "body"), height=300)
    ui.field_error(errors, f"{kind.value}.body", "Body")
    with st.container(horizontal=True, gap="small"):
        st.button("Save template", key=field_key(kind, "save"), type="primary", on_click=on_save, args=(kind,),
                  icon=":material/save:")
        if customised:
            st.button("Back to Debrief's wording", key=field_key(kind, "reset"), on_click=on_reset, args=(kind,),
                      type="tertiary", icon=":material/restart_alt:")
    preview(kind, latest)


def preview(kind: StepKind, latest) -> None:
    state = st.session_state
    try:
        template = check_template(kind, state[field_key(kind, "subject")], state[field_key(kind, "body")])
    except ValidationError:
        st.caption("The preview comes back once the template is fixed.")
        return
    draft, source = fill_preview(template, latest, ui.now(), ui.data().settings.get("your_name"))
    where = "a sample interview" if source is not latest else f"your latest entry ({source.title})"
    st.markdown("**Preview**")
    if topic_suggestions(source, limit=1):
        topic = "the first topic from its notes"
    elif (shared := shared_copy(source).interview).notes.strip() or shared.questions.strip():
        topic = "no topic: its notes hold no short phrase to offer"
    elif source.notes.strip() or source.questions.strip():
        topic = "no topic: its notes are private"
    else:
        topic = "no topic: its notes are empty"
    st.caption(md_escape(f"Filled from {where}, with {topic}."))
    with st.container(border=True):  # read like the email it becomes; the draft itself has the copy button
        st.text(f"{draft.subject}\n\n{draft.body}")


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
st.title("Templates", anchor=False)
st.caption("The wording of your follow-up emails. Debrief fills in the details from each entry; "
           "you can still edit every draft before it goes.")
load_fields()
errors: dict[str, str] = st.session_state.get(T + "errors", {})
your_name_field(errors)
placeholder_help()
custom = ui.data().settings.draft_templates()
newest = ui.data().interviews.find(limit=1)
latest = newest[0] if newest else None
# Only the open tab's editor is drawn: five editors at once were most of the page's elements.
tabs = st.tabs([KIND_LABELS[k] for k in DRAFT_KINDS], key=TAB, on_change="rerun")
for kind, tab in zip(DRAFT_KINDS, tabs, strict=True):
    with ui.opened(tab) as is_open:
        if is_open:
            template_editor(kind, kind in custom, errors, latest)
