"""The follow-up timeline picture beside an entry: one row per step, a dot on its day with the date
written beside it, a legend of the statuses shown, and a dashed line for today.

A plain Vega-Lite dict, built without Altair: the picture only shows, so it is rendered once to SVG
(`timeline_svg`) and placed as an image; validating an Altair chart on every rerun cost more than
drawing it. Every dot and label sits inside the axis: the date range is widened to hold them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from lib.charts.contrast import CHART_SCHEMES, in_scheme
from lib.charts.palette import COLOURS_BY_KEY, SUGGESTION, TODAY_COLOUR, colour_key
from lib.domain.steps import Step, StepKind, StepStatus

RECORDED, NOT_RECORDED = "recorded", "not recorded"  # what the interview itself answered: never a reminder
ROW_PX, WIDTH_PX = 19, 230  # drawn at its own size beside a card: about 340 px with its labels
MIN_DAYS = 8  # a plan of two days still gets a week of axis, so its dots do not sit at the edges
LABEL_ROOM = 0.22  # of the axis kept free right of the last dot: its date is written beside it
LEGEND_NAMES = {
    StepStatus.OVERDUE.value: "Overdue",
    StepStatus.DUE_TODAY.value: "Due today",
    StepStatus.OPEN.value: "Open",
    StepStatus.UPCOMING.value: "Not yet",
    StepStatus.DONE.value: "Done",
    StepStatus.SKIPPED.value: "Skipped",
    StepStatus.CLOSED.value: "Closed",
    SUGGESTION: "Suggestion",
    RECORDED: "Recorded",
    NOT_RECORDED: "Not recorded",
}
SHAPES = {StepStatus.OVERDUE.value: "triangle-up", StepStatus.DUE_TODAY.value: "diamond"}  # urgency not by colour alone
TODAY_TEXT = {False: TODAY_COLOUR, True: "#a78bfa"}  # the "today" rule and word, per scheme (dark: True)
# The picture carries its background: the theme can change without a rerun, and a picture made
# for the other scheme must stay readable. Text and background are the page's (lib.charts.contrast).
TEXT = {dark: {"strong": scheme.text, "muted": scheme.muted, "today": TODAY_TEXT[dark], "background": scheme.background}
        for dark, scheme in CHART_SCHEMES.items()}


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


def dot_day(step: Step) -> date:
    """Where a step's dot sits: the day it was done, or the day it is best done."""
    return step.done_on if step.status is StepStatus.DONE and step.done_on else step.recommended


def _noon(day: date) -> str:
    return datetime.combine(day, datetime.min.time()).replace(hour=12).isoformat()


def axis_range(steps: Sequence[Step], today: date) -> tuple[date, date]:
    """First and last day of the axis: every dot, today, room for the last date label, at least a week."""
    days = [dot_day(step) for step in steps] + [today]
    first, last = min(days), max(days)
    span = max((last - first).days, MIN_DAYS - 1)
    room = max(1, round(span * LABEL_ROOM / (1 - LABEL_ROOM)))
    return first - timedelta(days=1), first + timedelta(days=span + room)


def legend_key(step: Step) -> str:
    """The status a dot shows; a step the interview itself answers ("ask about next steps") is
    recorded or not, never done or skipped."""
    if not step.reminder:
        return RECORDED if step.status is StepStatus.DONE else NOT_RECORDED
    return colour_key(step)


def row_names(steps: Sequence[Step]) -> list[str]:
    """Each step's axis name, unique: two interviewers called Ana are "Thank Ana R." and "Thank Ana L."."""
    short = [short_step_label(step) for step in steps]
    names = list(short)
    for index, step in enumerate(steps):
        if short.count(short[index]) > 1 and step.recipient and len(step.recipient.name.split()) > 1:
            names[index] += f" {step.recipient.name.split()[-1][0]}."
    seen: dict[str, int] = {}
    for index, name in enumerate(names):  # the same full name twice still needs two rows
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[index] = f"{name} ({seen[name]})"
    return names


def timeline_rows(steps: Sequence[Step], today: date) -> list[dict]:
    """One row per step: its axis name, dot day, date label, legend key and status words."""
    rows = []
    for order, (step, name) in enumerate(zip(steps, row_names(steps), strict=True)):
        day, key = dot_day(step), legend_key(step)
        rows.append({
            "order": order,
            "step": name,
            "day": _noon(day),
            "label": f"{day:%a} {day.day} {day:%b}",
            "colour": key,
            "status": LEGEND_NAMES[key],
        })
    return rows


def timeline_spec(steps: Sequence[Step], today: date, dark: bool = False) -> dict:
    """The picture as a Vega-Lite dict; `dark` picks text colours for a dark page."""
    text = TEXT[dark]
    rows = timeline_rows(steps, today)
    shown = [key for key in LEGEND_NAMES if any(row["colour"] == key for row in rows)]
    first, last = axis_range(steps, today)
    x = {"field": "day", "type": "temporal", "title": None,
         "scale": {"domain": [_noon(first), _noon(last)], "nice": False},
         "axis": {"labels": False, "ticks": False, "grid": False, "domainColor": text["muted"]}}  # dots carry dates
    y = {"field": "step", "type": "nominal", "title": None, "sort": {"field": "order"},
         "scale": {"paddingInner": 0.2, "paddingOuter": 0.3},
         "axis": {"labelLimit": 120, "ticks": False, "domain": False, "labelColor": text["strong"],
                  "labelFontSize": 12}}
    shape = {"field": "colour", "type": "nominal", "legend": None,
             "scale": {"domain": shown, "range": [SHAPES.get(key, "circle") for key in shown]}}
    colour = {"field": "colour", "type": "nominal",
              "scale": {"domain": shown, "range": [dot_colour(key) for key in shown]},
              "legend": {"orient": "bottom", "direction": "horizontal", "title": None, "labelColor": text["strong"],
                         "labelFontSize": 11, "symbolSize": 60, "offset": 16, "labelExpr": _legend_expr(shown)}}
    today_row = [{"today": _noon(today), "label": "today"}]
    return in_scheme({
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH_PX,
        "height": ROW_PX * max(len(rows), 1),
        "background": text["background"],
        "config": {"view": {"stroke": None}, "font": "sans-serif"},
        "layer": [
            {"data": {"values": today_row}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": text["today"]},
             "encoding": {"x": {**x, "field": "today"}}},
            {"data": {"values": today_row},
             "mark": {"type": "text", "align": "center", "baseline": "top", "dy": 3, "color": text["today"],
                      "fontSize": 10, "fontWeight": "bold"},  # under the axis, above the legend
             "encoding": {"x": {"field": "today", "type": "temporal"}, "y": {"value": ROW_PX * max(len(rows), 1)},
                          "text": {"field": "label"}}},
            {"data": {"values": rows}, "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
             "encoding": {"x": x, "y": y, "color": colour, "shape": shape}},
            {"data": {"values": rows},
             "mark": {"type": "text", "align": "left", "dx": 9, "fontSize": 11, "color": text["strong"]},
             "encoding": {"x": {"field": "day", "type": "temporal"}, "y": {"field": "step", "type": "nominal",
                                                                           "sort": {"field": "order"}},
                          "text": {"field": "label"}}},
        ],
        "resolve": {"scale": {"x": "shared", "y": "shared"}},
    }, dark)


def dot_colour(key: str) -> str:
    """A legend key's colour: recorded as done, not recorded as skipped."""
    status = {RECORDED: StepStatus.DONE.value, NOT_RECORDED: StepStatus.SKIPPED.value}.get(key, key)
    return COLOURS_BY_KEY[status].chart


def _legend_expr(keys: list[str]) -> str:
    """Vega's legend label, from the colour key to the user's word for it."""
    cases = " : ".join(f"datum.value === '{key}' ? '{LEGEND_NAMES[key]}'" for key in keys)
    return f"{cases} : datum.value" if cases else "datum.value"


def timeline_svg(steps: Sequence[Step], today: date, dark: bool = False) -> str:
    """The picture as SVG text, through vl-convert (about 20 ms: callers cache it by content)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(timeline_spec(steps, today, dark))


def timeline_alt_text(steps: Sequence[Step], today: date) -> str:
    """What the picture shows, in words, for a screen reader."""
    parts = [f"{row['step']}: {row['status'].lower()}, {row['label']}" for row in timeline_rows(steps, today)]
    return "Follow-up timeline. " + "; ".join(parts) + f". Today is {today:%a} {today.day} {today:%b}."
