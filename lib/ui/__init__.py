"""The only Streamlit-aware module in lib: the cached store handle, cached reads, shared widgets.

Reads are cached by the store's data version, so a write invalidates exactly what it changed
and a rerun that changed nothing costs one tiny query.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo

import pandas as pd
import streamlit as st

from lib import charts, clock
from lib.domain.agenda import Agenda, build_agenda
from lib.domain.analytics import POINT_LIMIT
from lib.domain.discipline import refresh_facts
from lib.domain.followup import Step, StepMark, StepSnooze, follow_up_timeline
from lib.domain.model import Interview, ValidationError
from lib.domain.trends import Section, TrendFilter, TrendsView, follow_up_view, trends_view
from lib.store import DatabaseUnavailable, InterviewFilter, Store, default_path
from lib.ui.cache import _store_at, auto_backup, data, data_version, derived, store  # noqa: F401 (the package face)

PAGES = {
    "today": "pages/today.py",
    "log": "pages/log.py",
    "interviews": "pages/interviews.py",
    "trends": "pages/trends.py",
    "templates": "pages/templates.py",
    "data": "pages/data.py",
    "coaching": "pages/coaching.py",
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


def require_database() -> None:
    """Stop the run with one plain screen when the database cannot be opened, instead of a traceback.

    The entrypoint calls it before any page runs, so every page shows the same screen. Nothing is
    cached on failure: the next rerun tries again, so fixing the path or permissions is enough.
    """
    try:
        store()
    except DatabaseUnavailable as error:
        st.error(f"Debrief cannot open its database: {error}.", icon=":material/database:")
        st.markdown(
            f"Debrief uses the database file `{default_path()}` (set by the `DEBRIEF_DB` environment variable, "
            "or `data/debrief.db` when it is not set). Fix the problem above, or set `DEBRIEF_DB` to another "
            "file path and start Debrief again; then reload this page."
        )
        st.stop()


def now() -> datetime:
    """The one place the app asks the time; pages pass it down."""
    return clock.now_local()


def user_zone() -> tzinfo:
    return clock.local_zone()


@st.cache_data(max_entries=64, show_spinner=False)
def _interviews(path: str, version: int, where: InterviewFilter, limit: int | None, offset: int) -> list[Interview]:
    return _store_at(path).interviews.find(where, limit, offset)


@st.cache_data(max_entries=64, show_spinner=False)
def _count(path: str, version: int, where: InterviewFilter, demo: bool | None) -> int:
    return _store_at(path).interviews.count(where, demo)


@st.cache_data(max_entries=64, show_spinner=False)
def _marks(path: str, version: int, ids: tuple[int, ...]) -> dict[int, list[StepMark]]:
    return _store_at(path).follow_up.marks_for(ids)


@st.cache_resource(max_entries=4, show_spinner=False)
def _agenda(path: str, version: int, now: datetime) -> Agenda:
    """A resource, not data: st.cache_data would unpickle every due step on every rerun (0.7 s at
    100,000 entries). Safe to share: the Agenda is frozen and its readers copy what they change."""
    open_ones = _store_at(path).interviews.open()
    marks = _store_at(path).follow_up.marks_for([i.id for i in open_ones])
    snoozes = _store_at(path).follow_up.snoozes_for([i.id for i in open_ones])  # Issue 4
    return build_agenda(open_ones, marks, now, clock.local_zone(), snoozes_by_id=snoozes)


@st.cache_data(max_entries=16, show_spinner=False)
def _averages(path: str, version: int, latest: int | None):
    return _store_at(path).interviews.score_averages(latest)


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
    done = marks([interview.id]).get(interview.id, [])
    return follow_up_timeline(interview, done, at, user_zone(), snoozes([interview.id]).get(interview.id, []))


def field_error(errors: dict[str, str] | None, key: str) -> None:
    """Show the message for one field right under it, if there is one."""
    if errors and key in errors:
        st.error(errors[key], icon=":material/error:")


def errors_of(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{k}": v for k, v in exc.errors.items()}


def _remove_demo() -> None:
    removed = store().interviews.delete_demo()
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


@contextmanager
def menu(label: str, key: str, **style) -> Iterator[bool]:
    """A popover whose content is drawn only while it is open: yields whether it is.

    A page of ten entries has dozens of these menus; drawing their widgets on every run cost the
    server ~250 ms (each widget scans session state) for content nobody had opened. Opening one
    reruns the page once, with its content in.
    """
    with opened(st.popover(label, key=key, on_change="rerun", **style)) as is_open:
        yield is_open


@contextmanager
def opened(container) -> Iterator[bool]:
    """Enter a popover or expander made with on_change="rerun": yields whether it is open now."""
    with container:
        yield bool(container.open)


STATUS_BADGE_COLOURS = {
    "overdue": "red",
    "due today": "orange",
    "open": "blue",
    "upcoming": "gray",
    "done": "green",
    "skipped": "gray",
    "closed": "gray",
}


def status_badge_md(step: Step, today) -> str:
    """The status badge as Markdown: a step's title, badge and why then cost the browser one element."""
    from lib.domain.text import md_escape

    return f":{STATUS_BADGE_COLOURS[step.status.value]}-badge[{md_escape(step.status_text(today))}]"


def step_text(step: Step, today) -> str:
    """Title, status and why of one step, as one Markdown block."""
    from lib.domain.text import md_escape

    return f"**{md_escape(step.title)}** {status_badge_md(step, today)}  \n:gray[{md_escape(step.why)}]"


@st.cache_data(max_entries=256, show_spinner=False)
def _timeline_spec(fingerprint: str, _steps: tuple[Step, ...], today: date) -> dict:
    """Building and validating an Altair chart costs ~60 ms, drawing its spec almost nothing: a
    page of ten entries would pay it on every rerun.

    Keyed by the steps' repr (a value: same steps, same chart), since hashing the dataclasses
    themselves cost more than the chart. The rows go out already in Arrow, the form
    st.vega_lite_chart would otherwise convert them to on every run.
    """
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    spec = charts.vega_lite_spec(charts.timeline_chart(_steps, today))
    datasets = spec.get("datasets", {})
    spec["datasets"] = {name: convert_anything_to_arrow_bytes(rows) for name, rows in datasets.items()}
    return spec


def timeline_view(
    steps: list[Step], today, *, interview_id: int | None = None, key: str = "tl", rows: bool = True
) -> None:
    """The follow-up timeline: a glanceable chart, then each step with its status, why and actions.

    Steps still to do get their why and their actions (Draft, and More: mark done, snooze, skip,
    given an `interview_id`); settled ones (done, skipped, closed) share one line, with Undo behind
    a menu, so a page of ten entries reads as what is left, not as a wall of history. Every
    Streamlit element costs the browser milliseconds on each page load, so a step is one Markdown
    block and its rarer actions sit in a popover, which draws nothing until opened. `rows=False`
    draws the chart alone.
    """
    st.vega_lite_chart(spec=_timeline_spec(repr(steps), tuple(steps), today), width="stretch", key=f"{key}.chart")
    if not rows:
        return
    settled = [step for step in steps if step.status.settled and step.reminder]
    for step in steps:
        if step in settled:
            continue
        st.markdown(step_text(step, today))
        if interview_id is not None and step.reminder:
            step_actions(step, interview_id, today, f"{key}.{step.key}")
    if settled:
        settled_steps(settled, today, interview_id, key)


def settled_steps(steps: list[Step], today, interview_id: int | None, key: str) -> None:
    """Done, skipped and closed steps on one line; Undo for each behind one small menu."""
    from lib.domain.text import md_escape

    line = " · ".join(f"{md_escape(step.title)} {status_badge_md(step, today)}" for step in steps)
    undoable = [step for step in steps if step.status.value in ("done", "skipped")] if interview_id else []
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(line, width="content")
        if undoable:
            with menu("Undo", f"{key}.undo_menu", icon=":material/undo:", type="tertiary",
                      help="Open a settled step again") as open_:
                for step in undoable if open_ else ():
                    st.button(f"Undo: {md_escape(step.title)}", key=f"{key}.{step.key}.undo", on_click=_unmark,
                              args=(interview_id, step.key), type="tertiary", icon=":material/undo:")


def _mark(interview_id: int, step_key: str, status_value: str, on_key: str | None, today, day0=date.min) -> None:
    from lib.domain.followup import StepMark, StepStatus, done_mark

    on = st.session_state.get(on_key) if on_key else today
    if status_value == "done":
        try:
            mark = done_mark(step_key, on or today, today, day0)
        except ValidationError as error:
            st.session_state[f"{on_key}.errors"] = error.errors
            return
        st.session_state.pop(f"{on_key}.errors", None)
        mark_step_done(interview_id, step_key, mark.on)
        return
    store().follow_up.mark(interview_id, StepMark(step_key, StepStatus(status_value), on or today))
    st.session_state["flash"] = "Skipped."


def _unmark(interview_id: int, step_key: str) -> None:
    store().follow_up.unmark(interview_id, step_key)
    st.session_state["flash"] = "Undone: the step is open again."


# --- Follow-up actions (Issue 4): drafts, snooze, calendar, one "mark done" for every page -------
# A draft opens in a dialog whose open/closed state lives in session_state (DRAFT_OPEN), so it
# survives the reruns its own widgets cause, and closes on dismiss, on "Mark as sent", or on a
# page that does not draw it. Saves run in callbacks, or right before st.rerun(), never mid-render.
DRAFT_OPEN = "draft.open"


@st.cache_data(max_entries=64, show_spinner=False)
def _snoozes(path: str, version: int, ids: tuple[int, ...]) -> dict[int, list[StepSnooze]]:
    return _store_at(path).follow_up.snoozes_for(ids)


@st.cache_data(max_entries=4, show_spinner=False)
def _templates(path: str, version: int) -> dict:
    return _store_at(path).settings.draft_templates()


@st.cache_data(max_entries=4, show_spinner=False)
def _setting(path: str, version: int, name: str) -> str:
    return _store_at(path).settings.get(name)


def snoozes(ids: list[int]) -> dict[int, list[StepSnooze]]:
    return _snoozes(str(store().path), data_version(), tuple(ids))


def draft_templates() -> dict:
    """The user's own email templates by kind of step (Debrief's wording for the rest)."""
    return _templates(str(store().path), data_version())


def your_name() -> str:
    return _setting(str(store().path), data_version(), "your_name")


def mark_step_done(interview_id: int, step_key: str, on: date) -> None:
    """The one way a step gets marked done, from Today, from Interviews, or from its draft."""
    from lib.domain.followup import StepMark, StepStatus

    store().follow_up.mark(interview_id, StepMark(step_key, StepStatus.DONE, on))
    st.session_state["flash"] = "Marked done."


def _snooze(interview_id: int, step: Step, today: date, key: str) -> None:
    from lib.domain.days import human_date
    from lib.domain.followup import snooze_step

    try:
        snooze = snooze_step(step, st.session_state.get(f"{key}.until"), st.session_state.get(f"{key}.reason", ""),
                             today)
    except ValidationError as error:
        st.session_state[f"{key}.snooze_errors"] = error.errors
        return
    store().follow_up.snooze(interview_id, snooze)
    st.session_state.pop(f"{key}.snooze_errors", None)
    st.session_state[f"{key}.more"] = False  # close the menu: the timeline shows the new day
    st.session_state["flash"] = f"Snoozed until {human_date(snooze.until, today)}."


def _unsnooze(interview_id: int, step_key: str) -> None:
    store().follow_up.unsnooze(interview_id, step_key)
    st.session_state["flash"] = "Snooze removed: the step is back on its usual day."


def open_draft(interview_id: int, step_key: str) -> None:
    st.session_state[DRAFT_OPEN] = (interview_id, step_key)


def close_draft() -> None:
    st.session_state.pop(DRAFT_OPEN, None)


def step_actions(step: Step, interview_id: int, today: date, key: str) -> None:
    """Draft, then More (mark done, snooze, skip) for a step still to do.

    The same buttons, the same callbacks and the same records on the Today and Interviews pages.
    Draft stays in sight (drafting and marking sent is two clicks); the rest opens from one menu.
    """
    from lib.domain.drafts import DRAFT_KINDS

    if step.status.settled:
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if step.kind in DRAFT_KINDS:
            st.button("Draft", key=f"{key}.draft", on_click=open_draft, args=(interview_id, step.key),
                      icon=":material/edit_note:")
        with menu("More", f"{key}.more", icon=":material/more_horiz:", help="Mark done, snooze or skip") as open_:
            if open_:
                _more_actions(step, interview_id, today, key)


def _more_actions(step: Step, interview_id: int, today: date, key: str) -> None:
    from datetime import timedelta

    from lib.domain.followup import suggested_snooze_day

    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        earliest = min(step.day0, today)  # for an interview still to come, done_mark refuses any day
        st.date_input("Done on", value=today, min_value=earliest, max_value=today, key=f"{key}.on",
                      format="YYYY-MM-DD", width=150)
        st.button("Mark done", key=f"{key}.done", type="primary", icon=":material/check:", on_click=_mark,
                  args=(interview_id, step.key, "done", f"{key}.on", today, step.day0))
    field_error(st.session_state.get(f"{key}.on.errors"), "on")
    st.divider()
    errors = st.session_state.get(f"{key}.snooze_errors")
    st.date_input("Snooze until", value=suggested_snooze_day(step, today), min_value=today + timedelta(days=1),
                  key=f"{key}.until", format="YYYY-MM-DD")
    field_error(errors, "until")
    st.text_input("Why?", key=f"{key}.reason", max_chars=200, placeholder="e.g. they are away until Monday")
    field_error(errors, "reason")
    field_error(errors, "step")
    st.caption("Only this step moves (and a soft touch that counts from it). A weekend day moves to Monday.")
    with st.container(horizontal=True, gap="small"):
        st.button("Snooze", key=f"{key}.snooze", icon=":material/snooze:", on_click=_snooze,
                  args=(interview_id, step, today, key))
        if step.snoozed_from:
            st.button("Unsnooze", key=f"{key}.unsnooze", on_click=_unsnooze, args=(interview_id, step.key),
                      type="tertiary", icon=":material/alarm_off:")
    st.divider()
    st.button("Skip this step", key=f"{key}.skip", on_click=_mark,
              args=(interview_id, step.key, "skipped", None, today), type="tertiary",
              icon=":material/skip_next:", help="Nothing to send here: it leaves your to-do list")


def calendar_button(label: str, key: str, interview_id: int | None = None, step_key: str | None = None,
                    file_name: str = "debrief-follow-ups.ics", **style) -> None:
    """A download of open follow-up steps as .ics: all of them, one interview's, or one step's.

    Built on click (deferred), so drawing the button costs nothing and the SEQUENCE bookkeeping
    happens only for what is really exported.
    """
    from lib.files.ics import export_ics

    path = str(store().path)

    def build() -> bytes:
        return export_ics(Store(path), clock.now_local(), clock.local_zone(), interview_id, step_key).encode("utf-8")

    st.download_button(label, data=build, file_name=file_name, mime="text/calendar", key=key, on_click="ignore",
                       icon=":material/calendar_add_on:", **style)


def draft_dialog_if_open(at: datetime) -> None:
    """Pages with step actions call this once per run: it shows the draft the user opened, if any."""
    opened = st.session_state.get(DRAFT_OPEN)
    if opened:
        _draft_dialog(opened[0], opened[1], at)


@st.dialog("Draft", width="medium", icon=":material/edit_note:", on_dismiss=close_draft)
def _draft_dialog(interview_id: int, step_key: str, at: datetime) -> None:
    if DRAFT_OPEN not in st.session_state:  # "Mark as sent" closed it: rerun the page, which shows the change
        st.rerun()
    interview = store().interviews.get(interview_id)
    step = next((s for s in timeline(interview, at) if s.key == step_key), None) if interview else None
    if interview is None or step is None:
        st.warning("This step is no longer there: the entry was changed or deleted.")
        return
    draft_view(interview, step, at.date(), key=f"draft.{interview_id}.{step_key}")


def draft_view(interview: Interview, step: Step, today: date, key: str) -> None:
    """The email for one step: a topic to mention, the text to copy or edit, mail, calendar, Mark as sent."""
    from lib.domain.days import human_date
    from lib.domain.drafts import DEFAULT_TEMPLATES, draft_for, template_for, topic_suggestions
    from lib.domain.text import md_escape

    st.markdown(f"**{md_escape(step.title)}**")
    st.caption(md_escape(f"{interview.company}: {interview.role} · interviewed {human_date(interview.day0, today)}"))
    st.markdown(status_badge_md(step, today))
    edited = st.session_state.get(f"{key}.edited")
    topic = st.selectbox("A topic you discussed (optional)", topic_suggestions(interview), index=None,
                         accept_new_options=True, key=f"{key}.topic", disabled=edited is not None,
                         placeholder="Pick a line from your notes, or type your own",
                         help="Mentioning one thing you talked about makes the note yours. "
                              "Start again from the template to change it after editing.")
    template = template_for(step.kind, draft_templates())
    draft = draft_for(interview, step, template, your_name=your_name(), topic=topic or "")
    if edited:
        from dataclasses import replace

        draft = replace(draft, **edited)
    _draft_text(draft, key)
    _draft_hints(draft, template is DEFAULT_TEMPLATES[step.kind])
    _draft_actions(interview, step, draft, today, key)


def _draft_text(draft, key: str) -> None:
    from lib.domain.text import md_escape

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
    from lib.domain.text import md_escape

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



# --- Trends (Issue 3): cached loaders, keyed by the data version ------------------------------
# Three layers, so each change recomputes only what it must: the filtered rows (a new filter),
# the small frames of charts 1-4 (a new window too), and the follow-up facts of every interview
# (only after a write: the slow part, one timeline per interview, never redone for a filter).


@st.cache_data(max_entries=16, show_spinner=False)
def _score_rows(path: str, version: int, where: TrendFilter) -> pd.DataFrame:
    w = where
    return _store_at(path).interviews.score_rows(w.start, w.end, w.companies, w.stages, w.formats, w.outcomes)


@st.cache_data(max_entries=32, show_spinner=False)
def _trends(path: str, version: int, where: TrendFilter, window: int) -> TrendsView:
    rows = _score_rows(path, version, where)
    evidence = _store_at(path).interviews.evidence_rows(rows["id"]) if len(rows) <= POINT_LIMIT else None
    return trends_view(rows, window, evidence)


@st.cache_data(max_entries=32, show_spinner=False)
def _trend_specs(path: str, version: int, where: TrendFilter, window: int, today: date) -> dict[str, dict]:
    """Charts 1-4 as Vega-Lite dicts: built and validated once per data version and filter."""
    built = charts.trends_charts(_trends(path, version, where, window), today if where.reaches(today) else None)
    return {name: charts.vega_lite_spec(chart) for name, chart in built.items()}


@st.cache_data(max_entries=32, show_spinner=False)
def _follow_up_spec(path: str, version: int, where: TrendFilter, today: date) -> dict | None:
    section = _follow_up(path, version, where, today)
    return charts.vega_lite_spec(charts.discipline_chart(section.frame)) if section.ready else None


@st.cache_resource(max_entries=4, show_spinner=False)
def _known_facts(path: str, zone: str) -> dict:
    """The last KnownFacts of a database, kept across writes so a write recomputes only what it
    touched. A cache, shared by sessions: two computing at once each store a correct result."""
    return {}


@st.cache_data(max_entries=2, show_spinner="Going through the follow-up of every interview, once after the app starts: "
               "with tens of thousands of entries this takes a while.")
def _follow_up_facts(path: str, version: int) -> pd.DataFrame:
    zone = clock.local_zone()
    store, known = _store_at(path), _known_facts(path, str(zone))
    fresh = refresh_facts(known.get("facts"), store.follow_up.fingerprints(),
                          lambda ids: store.follow_up.batches(only=ids), zone)
    known["facts"] = fresh
    return fresh.frame


@st.cache_data(max_entries=32, show_spinner=False)
def _follow_up(path: str, version: int, where: TrendFilter, today: date) -> Section:
    rows = _score_rows(path, version, where)
    return follow_up_view(_follow_up_facts(path, version), rows["id"], today)


@st.cache_data(max_entries=8, show_spinner=False)
def _companies(path: str, version: int) -> list[str]:
    return _store_at(path).interviews.companies()


def trends(where: TrendFilter, window: int) -> TrendsView:
    return _trends(str(store().path), data_version(), where, window)


def trend_charts(where: TrendFilter, window: int, today: date) -> dict[str, dict]:
    return _trend_specs(str(store().path), data_version(), where, window, today)


def follow_up_discipline(where: TrendFilter, today: date) -> tuple[Section, dict | None]:
    """Chart 5's numbers and chart: the first call after a write walks every interview's timeline."""
    path, version = str(store().path), data_version()
    _follow_up_facts(path, version)  # called here first: Streamlit shows no spinner for a cache inside a cache
    return _follow_up(path, version, where, today), _follow_up_spec(path, version, where, today)


def companies() -> list[str]:
    return _companies(str(store().path), data_version())


def bench_pages() -> list:
    """Reference pages for `make bench` to time against, only when DEBRIEF_BENCH_BLANK=1.

    A blank page (the target's yardstick); a page with one three-point chart, the floor that
    Streamlit's chart library sets for any page with a chart; and two floors made of nothing but
    what an issue asks a page to hold: Trends' five filters with five three-point charts, and one
    input of each kind the Log form needs. Streamlit's browser code loads each kind of widget on
    its first use in a page, so these say what any page with those widgets costs, data or not.
    """
    if os.environ.get("DEBRIEF_BENCH_BLANK") != "1":
        return []
    pages = {
        "bench-blank": (_bench_blank, "Blank"),
        "bench-one-chart": (_bench_one_chart, "One chart"),
        "bench-trends-floor": (_bench_trends_floor, "Trends floor"),
        "bench-form-floor": (_bench_form_floor, "Form floor"),
    }
    return [st.Page(run, title=f"{title} (bench)", url_path=path, icon=":material/speed:")
            for path, (run, title) in pages.items()]


_BENCH_SPEC = {
    "data": {"values": [{"x": 1, "y": 3}, {"x": 2, "y": 1}, {"x": 3, "y": 2}]},
    "mark": "line",
    "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}},
}


def _bench_blank() -> None:
    st.title("Blank")


def _bench_one_chart() -> None:
    st.title("One chart")
    st.vega_lite_chart(spec=_BENCH_SPEC, width="stretch")


def _bench_trends_floor() -> None:
    st.title("Trends floor")
    with st.container(horizontal=True):
        st.date_input("Period", (date(2026, 1, 1), date(2026, 11, 20)))
        for label in ("Company", "Stage", "Format", "Outcome"):
            st.multiselect(label, ["a", "b"])
    for _ in range(5):
        st.vega_lite_chart(spec=_BENCH_SPEC, width="stretch")


def _bench_form_floor() -> None:
    st.title("Form floor")
    st.text_input("Company")
    st.date_input("Date", date(2026, 11, 20))
    st.selectbox("Stage", ["a", "b"])
    st.multiselect("Interviewers", ["a", "b"])
    st.text_area("Evidence")
    st.button("Save")


# --- Coaching (Issue 5): cached reads, and the open action items shown on Today and Coaching -----
# Imports are local so this block stays apart from the module's shared header.


@st.cache_data(max_entries=16, show_spinner=False)
def _coaching_sessions(path: str, version: int, mentor: str | None) -> list:
    return _store_at(path).coaching.sessions(mentor or None)


@st.cache_data(max_entries=8, show_spinner=False)
def _mentors(path: str, version: int) -> list[str]:
    return _store_at(path).coaching.mentors()


@st.cache_data(max_entries=32, show_spinner=False)
def _action_items(path: str, version: int, session_id: int | None, open_only: bool, mentor: str | None) -> list:
    from lib.domain.coaching import ActionStatus, actions_in_order

    status = ActionStatus.OPEN if open_only else None
    return actions_in_order(
        _store_at(path).coaching.actions(session_id=session_id, status=status, mentor=mentor or None)
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _score_gaps(path: str, version: int, mentor: str | None) -> pd.DataFrame:
    from lib.domain.gaps import score_gaps as gaps_of

    return gaps_of(_store_at(path).coaching.review_rows(mentor=mentor or None))


def coaching_sessions(mentor: str | None = None) -> list:
    """CoachingSession list, newest first (only `mentor`'s when given)."""
    return _coaching_sessions(str(store().path), data_version(), mentor)


def mentors() -> list[str]:
    return _mentors(str(store().path), data_version())


def action_items(session_id: int | None = None, open_only: bool = False, mentor: str | None = None) -> list:
    """ActionItem list: open ones first, by due date."""
    return _action_items(str(store().path), data_version(), session_id, open_only, mentor)


def score_gaps(mentor: str | None = None) -> pd.DataFrame:
    """lib.domain.gaps.score_gaps over every session (or only `mentor`'s)."""
    return _score_gaps(str(store().path), data_version(), mentor)


def _set_action(action_id: int, status_value: str, today: date, in_session: int | None) -> None:
    from lib.domain.coaching import ActionStatus

    status = ActionStatus(status_value)
    store().coaching.set_action_status(action_id, status, today, in_session)
    words = {"done": "Marked done.", "dropped": "Dropped: it will not come up again.", "open": "Open again."}
    st.session_state["flash"] = words[status.value]


ACTION_BADGE_COLOURS = {"open": "blue", "due today": "orange", "was due": "orange", "done": "green", "dropped": "gray"}


def action_item_row(item, today: date, key: str, *, in_session: int | None = None, show_mentor: bool = True) -> None:
    """One action item: its state, text, who and with whom; Done / Drop while open, Reopen after."""
    from lib.domain.coaching import action_state, owner_name
    from lib.domain.text import md_escape

    state = action_state(item, today)
    colour = next((c for prefix, c in ACTION_BADGE_COLOURS.items() if state.startswith(prefix)), "blue")
    with st.container(border=True, key=key, gap="small"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.badge(state, color=colour)
            st.markdown(md_escape(item.text))
        who = f"Who: {owner_name(item)}" + (f" · agreed with {item.mentor}" if show_mentor and item.mentor else "")
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.caption(md_escape(who))
            if item.is_open:
                st.button("Done", key=f"{key}.done", on_click=_set_action, args=(item.id, "done", today, in_session),
                          icon=":material/check:", type="secondary")
                st.button("Drop", key=f"{key}.drop", on_click=_set_action, icon=":material/close:", type="tertiary",
                          args=(item.id, "dropped", today, in_session))
            else:
                st.button("Reopen", key=f"{key}.reopen", on_click=_set_action, args=(item.id, "open", today, None),
                          icon=":material/undo:", type="tertiary")


def open_action_items(today: date, limit: int = 6) -> None:
    """Today's reminder of what was agreed with a mentor and is still open (nothing when none is)."""
    items = action_items(open_only=True)
    if not items:
        return
    st.subheader("Agreed with your mentor")
    for item in items[:limit]:
        action_item_row(item, today, key=f"today-action-{item.id}")
    more = f"{len(items) - limit} more open · " if len(items) > limit else ""
    st.page_link(PAGES["coaching"], label=f"{more}Open Coaching", icon=":material/school:")
