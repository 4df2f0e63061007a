"""What is due now across all interviews, what opens this week, the latest entries, progress."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.agenda import AgendaItem
from lib.analytics import progress_from_averages, progress_line
from lib.days import human_date
from lib.demo import load_demo
from lib.model import Dimension
from lib.rubric import RUBRIC, score_label
from lib.text import md_escape


def on_load_demo() -> None:
    added = load_demo(ui.store(), ui.now())
    st.session_state["flash"] = f"Loaded {added} demo interviews. Remove them any time from the sidebar."


def welcome() -> None:
    st.title("Welcome to Debrief")
    st.markdown(
        "Reflect on every interview while it is fresh, back each score with evidence, "
        "and always know which follow-up to send, and when."
    )
    st.markdown("After an interview, hiring managers weigh three things. You score yourself on the same three:")
    for dimension in Dimension:
        st.markdown(f"- **{dimension.label}**: {RUBRIC[dimension].question}")
    with st.container(horizontal=True):
        if st.button("Log your first interview", type="primary", icon=":material/edit_note:"):
            st.switch_page(ui.PAGES["log"])
        st.button("Explore with demo data", on_click=on_load_demo, icon=":material/science:")
    st.caption("Everything stays on this computer, in one SQLite file.")


def agenda_item(item: AgendaItem, today, when: str | None = None) -> None:
    interview, step = item.interview, item.step
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            ui.status_badge(step, today)
            st.markdown(f"**{md_escape(step.title)}**")
        detail = f"{interview.company}: {interview.role} · interviewed {human_date(interview.day0, today)}"
        st.caption(md_escape(detail) + (f" · {when}" if when else ""))
        st.page_link(ui.PAGES["interviews"], label="Open entry", icon=":material/arrow_forward:",
                     query_params={"id": str(interview.id)})  # fmt: skip


def due_now(items: list[AgendaItem], today) -> None:
    st.subheader("Due now")
    if not items:
        st.success("All caught up: nothing to send today. Waiting is the right move.", icon=":material/done_all:")
    for item in items:
        agenda_item(item, today)


def opening_soon(items: list[AgendaItem], today) -> None:
    st.subheader("Opens this week")
    if not items:
        st.caption("Nothing else opens in the next 7 days.")
    for item in items:
        agenda_item(item, today, when=f"from {human_date(item.step.opens.date(), today)}")


def latest_entries(today) -> None:
    st.subheader("Latest entries")
    for interview in ui.interviews(limit=5):
        scores = " · ".join(f"{d.label} {score_label(interview.score(d))}" for d in Dimension)
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.page_link(ui.PAGES["interviews"], label=f"{interview.company}: {interview.role}",
                         query_params={"id": str(interview.id)})  # fmt: skip
            st.caption(f"{human_date(interview.day0, today)} · {scores}")


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
today = now.date()
if ui.count() == 0:
    welcome()
    st.stop()

st.title("Today")
st.caption(human_date(today, today))
progress = progress_from_averages(ui.score_averages(latest=5), ui.score_averages())
st.markdown(f"**Progress, last 5 vs all:** {progress_line(progress)}")
agenda = ui.agenda(now)
due_column, soon_column = st.columns(2, gap="large")
with due_column:
    due_now(agenda.due, today)
with soon_column:
    opening_soon(agenda.opening_soon, today)
latest_entries(today)
