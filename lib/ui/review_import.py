"""Coaching's "Import a mentor's review": upload the reply a mentor made in a review packet, preview, import.

Shaped like the Data page's import: the uploader and its preview are drawn only once the
expander is opened, nothing is added until the button is clicked, and the click reads the file
again and decides inside the write what to add (another tab may have imported it meanwhile).
"""

from __future__ import annotations

import uuid
from datetime import date

import streamlit as st

from lib import ui
from lib.domain.model import ValidationError
from lib.domain.review_reply import MAX_REPLY_BYTES, ReplyPlan
from lib.domain.text import count_of, md_escape
from lib.files.import_limits import MEGABYTE
from lib.files.review_reply import ignored_words, plan_reply, read_reply
from lib.ui.coaching_nav import S, open_session

FORM = S + "reply_form"  # whether the expander is open
IMPORTED = S + "reply.imported"  # the session the last import made, for its link
PROBLEMS_SHOWN = 20


def review_import_section(today: date) -> None:
    """Under the review request's heading; its uploader is drawn only while the expander is open."""
    with ui.opened(st.expander("Import a mentor's reply file", icon=":material/upload_file:", key=FORM,
                               on_change="rerun")) as is_open:
        if is_open:
            reply_form(today)


def reply_form(today: date) -> None:
    if (session_id := st.session_state.get(IMPORTED)) is not None:
        st.button("Open the imported session's summary", on_click=open_session, args=(session_id,),
                  icon=":material/arrow_forward:", key=S + "reply.open")
    st.caption("The reply file (JSON) your mentor emailed back. Nothing is added until you confirm; then it "
               "becomes a finished session with them, as if you had sat together.")
    uploaded = st.file_uploader("Reply file (JSON)", type=["json"], max_upload_size=MAX_REPLY_BYTES // MEGABYTE,
                                key=f"{S}reply.file.{st.session_state.get(S + 'reply.uploads', '')}")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        plan = plan_reply(ui.store(), read_reply(data))
    except ValidationError as problem:
        st.error("Nothing was imported: this file is not a reply Debrief can read. Ask your mentor to download "
                 "their review again from the packet, or fix these:", icon=":material/error:")
        problems_list(problem)
        return
    preview(plan, today)
    label = f"Import as a session with {plan.reply.mentor}"
    st.button(md_escape(label), type="primary", disabled=not plan.can_import, on_click=on_import, args=(data,),
              icon=":material/upload:", key=S + "reply.import")


def problems_list(problem: ValidationError) -> None:
    """Every problem found, one line each (at most PROBLEMS_SHOWN, then how many more)."""
    lines = [message if where == "file" else f"{where}: {message}" for where, message in problem.errors.items()]
    more = len(lines) - PROBLEMS_SHOWN
    shown = lines[:PROBLEMS_SHOWN] + ([f"and {count_of(more, 'more problem')}"] if more > 0 else [])
    st.markdown("\n".join(f"- {md_escape(line)}" for line in shown))


def preview(plan: ReplyPlan, today: date) -> None:
    st.markdown(f"**Preview:** {md_escape(plan.summary(today))}")
    if ignored := ignored_words(plan.reply):
        st.info(md_escape(ignored), icon=":material/info:")
    if notes := plan.notes(today):
        st.markdown("\n".join(f"- {md_escape(line)}" for line in notes))
    if rows := plan.rows(today):
        st.dataframe(rows, hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 320),
                     column_config={"Mentor": plan.reply.mentor})
    if actions := plan.action_lines(today):
        st.markdown("**Suggested actions** (yours, due a week from today)\n\n"
                    + "\n".join(f"- {md_escape(line)}" for line in actions))
    if plan.same_reply:
        st.button("Open that session", on_click=open_session, args=(plan.same_reply.session_id,),
                  icon=":material/arrow_forward:", key=S + "reply.earlier")


def on_import(data: bytes) -> None:
    """Read again on confirm, and imported once: a double click, or a second tab, finds it already there."""
    state = st.session_state
    try:
        reply = read_reply(data)
        imported = ui.store().coaching.replies.import_reply(reply, ui.now())
    except ValidationError as problem:
        state["flash"] = f"Nothing imported: {md_escape(problem.field)} {md_escape(problem.message)}"
        return
    if imported.added:
        state["flash"] = (f"Imported {md_escape(reply.mentor)}'s review: a session with "
                          f"{count_of(imported.interviews, 'interview')} and {count_of(imported.actions, 'action')}.")
    elif state.get(IMPORTED) != imported.session_id:  # not this tab's own click a moment ago
        state["flash"] = "Nothing imported: this review was already imported."
    state[IMPORTED] = imported.session_id
    state[S + "reply.uploads"] = uuid.uuid4().hex[:8]  # a new uploader key: the browser drops the file
