"""The follow-up timeline strip beside an entry: each step's window, its best day, and today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import altair as alt
import pandas as pd

from lib.charts.palette import COLOURS_BY_KEY, TODAY_COLOUR, colour_key
from lib.domain.days import human_date
from lib.domain.steps import Step, StepKind


def short_step_label(step: Step) -> str:
    """Axis-sized names: a phone screen has room for about 16 characters."""
    match step.kind:
        case StepKind.THANK_YOU:
            return f"Thank {step.recipient.first_name}" if step.recipient else "Thank-you note"
        case StepKind.RECRUITER_UPDATE:
            return "Tell recruiter"
        case StepKind.SOFT_TOUCH:
            return "Soft touch"
        case StepKind.CHECK_IN:
            return "Check in"
        case StepKind.SECOND_CHECK_IN:
            return "Second check-in"
        case StepKind.NO_RESPONSE:
            return "No response?"
    return "Ask next steps"


def timeline_frame(steps: Sequence[Step], today: date) -> pd.DataFrame:
    """One row per step: its window (opens → deadline or recommended day) and its recommended day."""
    rows = []
    for order, step in enumerate(steps):
        end = step.deadline or datetime.combine(step.recommended, datetime.min.time()) + timedelta(hours=23)
        rows.append(
            {
                "order": order,
                "step": short_step_label(step),
                "title": step.title,
                "opens": step.opens,
                "closes": max(end, step.opens),
                "recommended": pd.Timestamp(step.recommended) + pd.Timedelta(hours=12),
                "status": step.status.value,
                "colour": colour_key(step),
                "when": human_date(step.recommended, today),
                "state": step.status_text(today),
            }
        )
    return pd.DataFrame(rows)


def timeline_chart(steps: Sequence[Step], today: date) -> alt.LayerChart:
    """A compact Gantt-like strip: window bar, recommended-day dot coloured by status, a 'today' rule."""
    frame = timeline_frame(steps, today)
    colour = alt.Color(
        "colour:N",
        scale=alt.Scale(domain=list(COLOURS_BY_KEY), range=[c.chart for c in COLOURS_BY_KEY.values()]),
        legend=None,
    )
    order = alt.EncodingSortField(field="order", order="ascending")
    y = alt.Y(
        "step:N",
        sort=order,
        title=None,
        scale=alt.Scale(paddingInner=0.2, paddingOuter=0.3),
        axis=alt.Axis(labelLimit=110, ticks=False, domain=False, labelOverlap=False, labelFontSize=11),
    )
    tooltip = [
        alt.Tooltip("title:N", title="Step"),
        alt.Tooltip("when:N", title="Best day"),
        alt.Tooltip("state:N", title="Status"),
    ]
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
    window = base.mark_bar(height=6, cornerRadius=3, opacity=0.35).encode(
        x=alt.X(
            "opens:T",
            title=None,
            scale=alt.Scale(padding=14, nice=False),
            axis=alt.Axis(format="%d %b", labelOverlap=True, tickCount=4, grid=False),
        ),
        x2="closes:T",
        color=colour,
    )
    dot = base.mark_point(size=90, filled=True, opacity=1).encode(x="recommended:T", color=colour)
    today_frame = pd.DataFrame({"today": [pd.Timestamp(today) + pd.Timedelta(hours=12)], "label": ["today"]})
    today_rule = alt.Chart(today_frame).mark_rule(strokeDash=[4, 3], color=TODAY_COLOUR).encode(x="today:T")
    today_text = (
        alt.Chart(today_frame)
        .mark_text(align="left", dx=3, dy=-4, color=TODAY_COLOUR, fontSize=10, baseline="bottom")
        .encode(x="today:T", y=alt.value(0), text="label:N")
    )
    return (window + dot + today_rule + today_text).properties(height=alt.Step(24))
