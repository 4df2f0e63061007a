"""The only Streamlit-aware module in lib: the cached store handle, cached reads, shared widgets.

Reads are cached by the store's data version, so a write invalidates exactly what it changed
and a rerun that changed nothing costs one tiny query.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

import streamlit as st

from lib import clock
from lib.agenda import Agenda, build_agenda
from lib.followup import Step, StepMark, follow_up_timeline
from lib.model import Interview, ValidationError
from lib.store import InterviewFilter, Store, default_path

PAGES = {
    "today": "pages/today.py",
    "log": "pages/log.py",
    "interviews": "pages/interviews.py",
}


def route_through_entrypoint() -> None:
    """Make sure this page runs under streamlit_app.py's st.navigation.

    Streamlit 1.67 picks "legacy pages/ mode" once per process, at the first session, when a
    `pages/` folder exists; if a fresh server's first request is a deep link (/interviews),
    the page runs alone and the legacy sidebar sticks for every later session. Switching the
    flag off and rerunning sends the request through the entrypoint, which keeps the URL.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(max_entries=8)
def _store_at(path: str) -> Store:
    """A Store holds only its path (no connection), so sharing it across threads is safe."""
    return Store(path)


def store() -> Store:
    return _store_at(str(default_path()))


def now() -> datetime:
    """The one place the app asks the time; pages pass it down."""
    return clock.now_local()


def user_zone() -> tzinfo:
    return clock.local_zone()


def data_version() -> int:
    return store().data_version()


@st.cache_data(max_entries=64, show_spinner=False)
def _interviews(path: str, version: int, where: InterviewFilter, limit: int | None, offset: int) -> list[Interview]:
    return _store_at(path).find_interviews(where, limit, offset)


@st.cache_data(max_entries=64, show_spinner=False)
def _count(path: str, version: int, where: InterviewFilter, demo: bool | None) -> int:
    return _store_at(path).count_interviews(where, demo)


@st.cache_data(max_entries=64, show_spinner=False)
def _marks(path: str, version: int, ids: tuple[int, ...]) -> dict[int, list[StepMark]]:
    return _store_at(path).marks_for(ids)


@st.cache_data(max_entries=16, show_spinner=False)
def _agenda(path: str, version: int, now: datetime) -> Agenda:
    open_ones = _store_at(path).open_interviews()
    marks = _store_at(path).marks_for([i.id for i in open_ones])
    return build_agenda(open_ones, marks, now, clock.local_zone())


@st.cache_data(max_entries=16, show_spinner=False)
def _averages(path: str, version: int, latest: int | None):
    return _store_at(path).score_averages(latest)


def score_averages(latest: int | None = None):
    return _averages(str(store().path), data_version(), latest)


def interviews(where: InterviewFilter = InterviewFilter(), limit: int | None = None, offset: int = 0):
    return _interviews(str(store().path), data_version(), where, limit, offset)


def count(where: InterviewFilter = InterviewFilter(), demo: bool | None = None) -> int:
    return _count(str(store().path), data_version(), where, demo)


def marks(ids: list[int]) -> dict[int, list[StepMark]]:
    return _marks(str(store().path), data_version(), tuple(ids))


def agenda(at: datetime) -> Agenda:
    return _agenda(str(store().path), data_version(), at.replace(second=0, microsecond=0))


def timeline(interview: Interview, at: datetime) -> list[Step]:
    return follow_up_timeline(interview, marks([interview.id]).get(interview.id, []), at, user_zone())


def field_error(errors: dict[str, str] | None, key: str) -> None:
    """Show the message for one field right under it, if there is one."""
    if errors and key in errors:
        st.error(errors[key], icon=":material/error:")


def errors_of(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{k}": v for k, v in exc.errors.items()}


def _remove_demo() -> None:
    removed = store().delete_demo_data()
    st.session_state["flash"] = f"Removed {removed} demo interviews. Your own entries are untouched."


def demo_banner() -> None:
    """While demo entries exist, say so and offer to remove them in one click."""
    demo_count = count(demo=True)
    if not demo_count:
        return
    st.info(f"{demo_count} demo interviews are shown alongside your own.", icon=":material/science:")
    st.button("Remove demo data", on_click=_remove_demo, key="remove_demo", icon=":material/delete_sweep:")


def flash() -> None:
    """Show, once, the message a callback left for the next run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.toast(message, icon=":material/check_circle:")


STATUS_BADGE_COLOURS = {
    "overdue": "red",
    "due today": "orange",
    "open": "blue",
    "upcoming": "gray",
    "done": "green",
    "skipped": "gray",
    "closed": "gray",
}


def status_badge(step: Step, today) -> None:
    st.badge(step.status_text(today), color=STATUS_BADGE_COLOURS[step.status.value])


def timeline_view(steps: list[Step], today, *, interview_id: int | None = None, key: str = "tl") -> None:
    """The follow-up timeline: a glanceable chart, then each step with its status, why and actions.

    With an `interview_id`, open steps get Done / Skip and settled ones Undo.
    """
    from lib.charts import timeline_chart
    from lib.text import md_escape

    st.altair_chart(timeline_chart(steps, today), width="stretch", key=f"{key}.chart")
    for step in steps:
        with st.container(gap=None):
            st.markdown(f"**{md_escape(step.title)}**")
            status_badge(step, today)
            st.caption(md_escape(step.why))
            if interview_id is not None and step.reminder:
                _step_actions(step, interview_id, today, f"{key}.{step.key}")


def _mark(interview_id: int, step_key: str, status_value: str, on_key: str | None, today) -> None:
    from lib.followup import StepMark, StepStatus

    on = st.session_state.get(on_key) if on_key else today
    store().mark_step(interview_id, StepMark(step_key, StepStatus(status_value), on or today))
    st.session_state["flash"] = "Marked done." if status_value == "done" else "Skipped."


def _unmark(interview_id: int, step_key: str) -> None:
    store().unmark_step(interview_id, step_key)
    st.session_state["flash"] = "Undone: the step is open again."


def _step_actions(step: Step, interview_id: int, today, key: str) -> None:
    if step.status.value in ("done", "skipped"):
        st.button("Undo", key=f"{key}.undo", on_click=_unmark, args=(interview_id, step.key), type="tertiary",
                  icon=":material/undo:")  # fmt: skip
        return
    if step.status.value == "closed":
        return
    with st.container(horizontal=True, gap="small"):
        with st.popover("Mark done", icon=":material/check:"):
            st.date_input("Done on", value=today, max_value=today, key=f"{key}.on", format="YYYY-MM-DD")
            st.button("Save", key=f"{key}.done", type="primary", on_click=_mark,
                      args=(interview_id, step.key, "done", f"{key}.on", today))  # fmt: skip
        st.button("Skip", key=f"{key}.skip", on_click=_mark, args=(interview_id, step.key, "skipped", None, today),
                  type="tertiary")  # fmt: skip
