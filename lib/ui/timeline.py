"""A follow-up timeline on screen: the picture (an SVG made once per content), and the steps in words
with their status badges and actions."""

from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from lib.charts.palette import STATUS_COLOURS, BadgeColour, step_colour
from lib.charts.timeline import timeline_alt_text, timeline_svg
from lib.domain.steps import Step
from lib.domain.text import md_escape
from lib.ui.step_actions import step_actions, unmark_step
from lib.ui.widgets import dark_page, menu

STATUS_BADGE_COLOURS: dict[str, BadgeColour] = {status.value: colour.badge for status, colour in STATUS_COLOURS.items()}


def status_badge_md(step: Step, today) -> str:
    """The status badge as Markdown: a step's title, badge and why then cost the browser one element."""
    return f":{step_colour(step).badge}-badge[{md_escape(step.status_text(today))}]"


def step_text(step: Step, today) -> str:
    """Title, status and why of one step, as one Markdown block."""
    return f"**{md_escape(step.title)}** {status_badge_md(step, today)}  \n:gray[{md_escape(step.why)}]"


@st.cache_data(max_entries=1_024, show_spinner=False)
def _svg(fingerprint: str, _steps: tuple[Step, ...], today: date, dark: bool) -> str:
    """Keyed by the steps' repr (a value: same steps, same picture): hashing the dataclasses
    themselves cost more than the lookup. vl-convert takes ~20 ms a picture, so a page of ten
    entries pays it once per change, not once per rerun; an image costs the browser a fraction
    of an interactive chart (measured: ten images 1.10–1.19x a blank page, ten charts 1.68–1.80x).
    """
    return timeline_svg(_steps, today, dark)


@st.cache_resource(show_spinner=False)
def warm_pictures() -> threading.Thread:
    """Start vl-convert's engine once per process, in the background: its first picture costs
    ~0.9 s, which the first visit to Interviews would otherwise wait for."""
    from lib.charts.timeline import timeline_svg

    thread = threading.Thread(target=timeline_svg, args=((), date(2026, 1, 1)), name="warm-pictures", daemon=True)
    thread.start()
    return thread


def timeline_picture(steps: list[Step], today: date) -> None:
    """The timeline as an image, with the same facts in its alt text for a screen reader."""
    if not steps:
        return
    svg = _svg(repr(steps), tuple(steps), today, dark_page())
    st.image(svg, alt=timeline_alt_text(steps, today), width="content")


def step_list(steps: list[Step], today, *, interview_id: int | None = None, key: str = "tl") -> None:
    """Each step in words: still to do with its why and actions (Draft; More: mark done, snooze,
    skip, given an `interview_id`); a step a later round closed with its why (that round is the
    reason); the other settled ones (done, skipped, closed) on one line, with Undo behind a menu.

    Every Streamlit element costs the browser milliseconds on each page load, so a step is one
    Markdown block and its rarer actions sit in a popover, which draws nothing until opened.
    """
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


def timeline_view(steps: list[Step], today, *, key: str = "tl") -> None:
    """The picture, then the steps in words, without actions: the plan a form previews."""
    timeline_picture(steps, today)
    step_list(steps, today, key=key)


def settled_steps(steps: list[Step], today, interview_id: int | None, key: str) -> None:
    """Done, skipped and closed steps on one line; Undo for each behind one small menu."""
    line = " · ".join(f"{md_escape(step.title)} {status_badge_md(step, today)}" for step in steps)
    undoable = [step for step in steps if step.status.value in ("done", "skipped")] if interview_id else []
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(line, width="content")
        if undoable:
            with menu("Undo", f"{key}.undo_menu", icon=":material/undo:", type="tertiary",
                      help="Open a settled step again") as open_:
                for step in undoable if open_ else ():
                    st.button(f"Undo: {md_escape(step.title)}", key=f"{key}.{step.key}.undo", on_click=unmark_step,
                              args=(interview_id, step.key), type="tertiary", icon=":material/undo:")
