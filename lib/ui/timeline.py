"""A follow-up timeline on screen: status badges, step text, the cached chart, and the steps with their actions."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib import charts
from lib.charts.palette import STATUS_COLOURS, BadgeColour, step_colour
from lib.charts.timeline import timeline_chart
from lib.domain.steps import Step
from lib.domain.text import md_escape
from lib.ui.step_actions import step_actions, unmark_step
from lib.ui.widgets import menu

STATUS_BADGE_COLOURS: dict[str, BadgeColour] = {status.value: colour.badge for status, colour in STATUS_COLOURS.items()}


def status_badge_md(step: Step, today) -> str:
    """The status badge as Markdown: a step's title, badge and why then cost the browser one element."""
    return f":{step_colour(step).badge}-badge[{md_escape(step.status_text(today))}]"


def step_text(step: Step, today) -> str:
    """Title, status and why of one step, as one Markdown block."""
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

    spec = charts.vega_lite_spec(timeline_chart(_steps, today))
    datasets = spec.get("datasets", {})
    spec["datasets"] = {name: convert_anything_to_arrow_bytes(rows) for name, rows in datasets.items()}
    return spec


def timeline_view(
    steps: list[Step], today, *, interview_id: int | None = None, key: str = "tl", rows: bool = True
) -> None:
    """The follow-up timeline: a glanceable chart, then each step with its status, why and actions.

    Steps still to do get their why and their actions (Draft, and More: mark done, snooze, skip,
    given an `interview_id`); a step a later round closed keeps its why (that round is the reason);
    other settled ones (done, skipped, closed) share one line, with Undo behind a menu, so a page of
    ten entries reads as what is left, not as a wall of history. Every
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
            step_actions(step, interview_id, today, f"{key}.{step.key}", why_shown=True)
    for step in [s for s in settled if s.closed_why]:  # what a later round closed, with why it needs nothing now
        st.markdown(step_text(step, today))
    settled = [step for step in settled if not step.closed_why]
    if settled:
        settled_steps(settled, today, interview_id, key)


def settled_steps(steps: list[Step], today, interview_id: int | None, key: str) -> None:
    """Done, skipped and closed steps on one line; Undo for each behind one small menu."""
    line = " · ".join(f"{md_escape(step.title)} {status_badge_md(step, today)}" for step in steps)
    undoable = [step for step in steps if step.status.value in ("done", "skipped")] if interview_id else []
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(line, width="content")
        if undoable:
            with menu("Undo", f"{key}.undo_menu", icon=":material/undo:", type="tertiary",
                      help="Open a settled step again") as open_:
                for step in undoable if open_ else ():
                    st.button(f"Undo: {md_escape(step.title)}", key=f"{key}.{step.key}.undo", on_click=unmark_step,
                              args=(interview_id, step.key), type="tertiary", icon=":material/undo:")
