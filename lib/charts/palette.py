"""The one palette of follow-up step statuses (the timeline chart's colour and the badge's beside each other),
and the colour of "today" on every chart.

Free of Streamlit and Altair: the chart builders (lib.charts) and the badges (lib.ui) both read it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from lib.domain.steps import Step, StepKind, StepStatus

# The colours Streamlit's badges know (st.badge's `color`, the `:colour-badge[...]` Markdown).
BadgeColour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary"]


class StatusColour(NamedTuple):
    chart: str  # a hex colour, readable in light and dark themes
    badge: BadgeColour  # the nearest colour a Streamlit badge knows


STATUS_COLOURS = {
    StepStatus.OVERDUE: StatusColour("#dc2626", "red"),
    StepStatus.DUE_TODAY: StatusColour("#ea580c", "orange"),
    StepStatus.OPEN: StatusColour("#2563eb", "blue"),
    StepStatus.UPCOMING: StatusColour("#64748b", "gray"),
    StepStatus.DONE: StatusColour("#16a34a", "green"),
    StepStatus.SKIPPED: StatusColour("#a3a3a3", "gray"),
    StepStatus.CLOSED: StatusColour("#a3a3a3", "gray"),
}

SUGGESTION = "suggestion"  # the colour key of a step that only offers something (recording "no response")
SUGGESTION_COLOUR = StatusColour("#0891b2", "blue")  # calm on any day: a suggestion is never a warning
COLOURS_BY_KEY = {status.value: colour for status, colour in STATUS_COLOURS.items()} | {SUGGESTION: SUGGESTION_COLOUR}


def colour_key(step: Step) -> str:
    """The key of a step's colour: its status, or SUGGESTION for the no-response offer still open."""
    if step.kind is StepKind.NO_RESPONSE and not step.status.settled:
        return SUGGESTION
    return step.status.value


def step_colour(step: Step) -> StatusColour:
    return COLOURS_BY_KEY[colour_key(step)]


TODAY_COLOUR = "#7c3aed"  # the "today" rule on the follow-up timeline and the Trends charts
