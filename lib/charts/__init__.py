"""Altair builders for Trends and Coaching: data in, chart out. Pages only place what these return.

The follow-up timeline strip beside an entry is lib.charts.timeline.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import TypeVar

import altair as alt
import pandas as pd

from lib.charts.contrast import contrast, mix
from lib.charts.palette import TODAY_COLOUR
from lib.domain.trends import TrendsView

TopLevelChart = TypeVar("TopLevelChart", bound=alt.TopLevelMixin)  # _styled gives back the kind it was given


# === Trends ==================================================================================
# One look for every Trends chart: the Okabe–Ito colours (safe for colour-blind readers, with
# enough contrast on Streamlit's light and dark backgrounds), small type and legends on top so
# a 390 px phone keeps its width for data. Builders take the small frames of lib.domain.trends.

DIMENSION_COLOURS = {"Skills match": "#2b7fc4", "Enthusiasm signaled": "#D55E00", "Culture fit": "#009E73"}
RESULT_COLOURS = {"Advanced": "#16a34a", "Did not advance": "#737373"}
MEASURE_COLOURS = {"Thank-you within 24 h": "#2b7fc4", "Check-in on time": "#D55E00"}
EARLIER_COLOUR = "#8c8c8c"
# The heatmap from 1 (orange) through a pale middle to 5 (blue), as Vega draws it: linear in RGB.
HEATMAP_DOMAIN = (1.0, 2.0, 3.0, 4.0, 5.0)
HEATMAP_RANGE = ("#c2410c", "#fdba74", "#f3f4f6", "#93c5fd", "#1d4ed8")
EXPORT_WIDTH = 640
SCORE_SCALE = alt.Scale(domain=[0.6, 5.4], nice=False)
SCORE_AXIS = alt.Axis(values=[1, 2, 3, 4, 5], format="d", labelFontSize=11, titleFontSize=11)


def _styled(chart: TopLevelChart) -> TopLevelChart:
    """The shared theme: applied last, on the top-level chart only."""
    return (
        chart.configure_axis(labelFontSize=11, titleFontSize=11, labelLimit=110)
        .configure_legend(orient="top", title=None, labelFontSize=11, symbolSize=80, symbolOpacity=1, labelLimit=160)
        .configure_title(fontSize=13, anchor="start", offset=6)
        .configure_view(stroke=None)
    )


def _scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def _time_axis(frame: pd.DataFrame, column: str) -> alt.Axis:
    """Labels that never repeat: whole days for a short span, months beyond ten months."""
    span = frame[column].max() - frame[column].min() if len(frame) else pd.Timedelta(0)
    days = span.days if pd.notna(span) else 0
    ticks: dict | int = 5
    if days < 35:
        ticks = {"interval": "day", "step": max(1, -(-days // 5))}  # about five day-ticks
    return alt.Axis(format="%b %Y" if days > 300 else "%d %b", labelOverlap=True, tickCount=ticks,
                    labelFontSize=11, title=None)


def _today_layers(today: date) -> alt.LayerChart:
    frame = pd.DataFrame({"today": [pd.Timestamp(today) + pd.Timedelta(hours=12)], "label": ["today"]})
    rule = alt.Chart(frame).mark_rule(strokeDash=[4, 3], color=TODAY_COLOUR).encode(x="today:T")
    text = (
        alt.Chart(frame)
        .mark_text(align="right", dx=-3, dy=-2, color=TODAY_COLOUR, fontSize=10, baseline="bottom")
        .encode(x="today:T", y=alt.value({"expr": "height"}), text="label:N")
    )
    return rule + text


def _dimension_layer(
    frame: pd.DataFrame, dimension: str, today: date | None, granular: bool, height: int
) -> alt.LayerChart:
    part = frame[frame["dimension"] == dimension]
    colour = DIMENSION_COLOURS[dimension]
    x_field = "interview_at" if granular else "period"
    x = alt.X(f"{x_field}:T", axis=_time_axis(frame, x_field))
    y = alt.Y("score:Q" if granular else "mean:Q", scale=SCORE_SCALE, axis=SCORE_AXIS, title=None)
    if granular:
        tooltip = [alt.Tooltip("interview_at:T", title="Date", format="%a %d %b %Y"),
                   alt.Tooltip("company:N", title="Company"), alt.Tooltip("role:N", title="Role"),
                   alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("score:Q", title=dimension),
                   alt.Tooltip("rolling_mean:Q", title="Rolling mean", format=".1f")]
        if "evidence" in part:
            tooltip.append(alt.Tooltip("evidence:N", title="Evidence"))
        dots = alt.Chart(part).mark_circle(size=45, opacity=0.75, color=colour).encode(x=x, y=y, tooltip=tooltip)
    else:
        label = "Week of" if (part["period"].diff().dt.days.min() or 7) < 28 else "Month of"
        tooltip = [alt.Tooltip("period:T", title=label, format="%d %b %Y"),
                   alt.Tooltip("mean:Q", title="Mean", format=".2f"), alt.Tooltip("count:Q", title="Scored"),
                   alt.Tooltip("rolling_mean:Q", title="Rolling mean", format=".2f")]
        size = alt.Size("count:Q", scale=alt.Scale(range=[12, 160]), legend=None)
        dots = alt.Chart(part).mark_circle(opacity=0.6, color=colour).encode(x=x, y=y, size=size, tooltip=tooltip)
    line = (
        alt.Chart(part)
        .mark_line(color=colour, strokeWidth=2.5)
        .encode(x=x, y=alt.Y("rolling_mean:Q", scale=SCORE_SCALE, axis=SCORE_AXIS, title=None))
    )
    layers: list[alt.Chart | alt.LayerChart] = [dots, line]
    if today is not None:
        layers.append(_today_layers(today))
    title = alt.TitleParams(dimension, color=colour)
    return alt.LayerChart(layer=layers).properties(height=height, title=title)


def score_trend_chart(frame: pd.DataFrame, dimension: str, today: date | None, granular: bool) -> alt.LayerChart:
    """Chart 1, one dimension: scores (or period means) as dots, the rolling mean as a line, a rule for today.

    Unscored interviews have no row in `frame`, so they are gaps, never zeros.
    """
    return _styled(_dimension_layer(frame, dimension, today, granular, height=190))


def score_trend_export(frame: pd.DataFrame, today: date | None, granular: bool) -> alt.VConcatChart:
    """All three dimensions stacked, at a fixed width, for the PNG/SVG download."""
    layers = [
        _dimension_layer(frame, d, today, granular, height=190).properties(width=EXPORT_WIDTH)
        for d in DIMENSION_COLOURS
        if (frame["dimension"] == d).any()
    ]
    return _styled(alt.vconcat(*layers, spacing=18))


def recent_chart(frame: pd.DataFrame, last: int) -> alt.LayerChart:
    """Chart 2: per dimension, earlier mean (grey ring) → recent mean (coloured dot), and the change."""
    data = frame.dropna(subset=["recent_mean", "earlier_mean"]).assign(
        label=lambda f: f["change"].map(_signed_label),
        right=lambda f: f[["recent_mean", "earlier_mean"]].max(axis=1),
    )
    y = alt.Y("dimension:N", sort=list(DIMENSION_COLOURS), title=None, axis=alt.Axis(labelLimit=130, ticks=False))
    x_scale = alt.Scale(domain=[1, 5.6], nice=False)
    tooltip = [alt.Tooltip("dimension:N", title="Dimension"),
               alt.Tooltip("recent_mean:Q", title=f"Last {last}", format=".2f"),
               alt.Tooltip("recent_count:Q", title="Scored (recent)"),
               alt.Tooltip("earlier_mean:Q", title="Before", format=".2f"),
               alt.Tooltip("earlier_count:Q", title="Scored (before)"),
               alt.Tooltip("label:N", title="Change")]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    span = base.mark_rule(strokeWidth=3, color=EARLIER_COLOUR, opacity=0.5).encode(
        x=alt.X("earlier_mean:Q", scale=x_scale, axis=SCORE_AXIS, title="Mean score"), x2="recent_mean:Q"
    )
    earlier = base.mark_point(size=110, filled=False, strokeWidth=2, color=EARLIER_COLOUR).encode(x="earlier_mean:Q")
    recent = base.mark_circle(size=130, opacity=1).encode(
        x="recent_mean:Q", color=alt.Color("dimension:N", scale=_scale(DIMENSION_COLOURS), legend=None)
    )
    label = base.mark_text(align="left", dx=10, fontSize=12, fontWeight="bold").encode(
        x="right:Q", text="label:N", color=alt.Color("dimension:N", scale=_scale(DIMENSION_COLOURS), legend=None)
    )
    return _styled((span + earlier + recent + label).properties(height=40 + 46 * max(len(data), 1)))


def _signed_label(change: float) -> str:
    if pd.isna(change) or round(change, 1) == 0:
        return "±0.0"
    return f"+{change:.1f}" if change > 0 else f"−{abs(change):.1f}"


def group_heatmap(frame: pd.DataFrame, group_title: str) -> alt.LayerChart:
    """Chart 3: mean per group (stage or company) and dimension, coloured from 1 to 5, with the count."""
    order = list(dict.fromkeys(frame["group"]))
    text = frame["mean"].map("{:.1f}".format) + " (" + frame["count"].map("{:,}".format) + ")"
    data = frame.assign(short=frame["dimension"].map(SHORT_DIMENSION), text=text,
                        text_colour=frame["mean"].map(lambda mean: cell_text_colour(heatmap_cell_colour(mean))))
    base = alt.Chart(data).encode(
        x=alt.X("short:N", sort=[SHORT_DIMENSION[d] for d in DIMENSION_COLOURS], title=None,
                scale=alt.Scale(paddingInner=0.05),
                axis=alt.Axis(orient="top", labelAngle=0, ticks=False, domain=False)),
        y=alt.Y("group:N", sort=order, title=None, scale=alt.Scale(paddingInner=0.08),
                axis=alt.Axis(ticks=False, domain=False, labelLimit=120)),
        tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("dimension:N", title="Dimension"),
                 alt.Tooltip("mean:Q", title="Mean", format=".2f"), alt.Tooltip("count:Q", title="Scored")],
    )
    cells = base.mark_rect(cornerRadius=3).encode(
        color=alt.Color("mean:Q", scale=alt.Scale(domain=list(HEATMAP_DOMAIN), range=list(HEATMAP_RANGE),
                                                  interpolate="rgb"), legend=None)
    )
    text = base.mark_text(fontSize=11).encode(text="text:N", fill=alt.Fill("text_colour:N", scale=None))
    return _styled((cells + text).properties(height=34 + 30 * max(len(order), 1)))


def heatmap_cell_colour(mean: float) -> str:
    """The colour Vega draws a cell of this mean in: the range read linearly in RGB between its stops."""
    value = min(max(float(mean), HEATMAP_DOMAIN[0]), HEATMAP_DOMAIN[-1])
    for (low, low_colour), (high, high_colour) in pairwise(zip(HEATMAP_DOMAIN, HEATMAP_RANGE, strict=True)):
        if value <= high:
            return mix(low_colour, high_colour, (value - low) / (high - low))
    return HEATMAP_RANGE[-1]


def cell_text_colour(cell: str) -> str:
    """Black or white, whichever reads better on the cell: one of them is always above 4.5:1."""
    return "#000000" if contrast("#000000", cell) >= contrast("#ffffff", cell) else "#ffffff"


SHORT_DIMENSION = {"Skills match": "Skills", "Enthusiasm signaled": "Enthusiasm", "Culture fit": "Culture fit"}


def calibration_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Chart 4: per dimension, the mean self-score of interviews that advanced and of those that did not.

    The two dots of a dimension sit one above the other, so equal means never hide each other,
    and each is labelled with its mean and how many interviews it rests on.
    """
    data = frame.assign(text=frame["mean"].map("{:.1f}".format) + " (" + frame["count"].map("{:,}".format) + ")")
    y = alt.Y("dimension:N", sort=list(DIMENSION_COLOURS), title=None, axis=alt.Axis(labelLimit=130, ticks=False))
    offset = alt.YOffset("result:N", sort=list(RESULT_COLOURS))
    colour = alt.Color("result:N", scale=_scale(RESULT_COLOURS), title=None)
    tooltip = [alt.Tooltip("dimension:N", title="Dimension"), alt.Tooltip("result:N", title="Result"),
               alt.Tooltip("mean:Q", title="Mean self-score", format=".2f"),
               alt.Tooltip("count:Q", title="Interviews")]
    x = alt.X("mean:Q", scale=alt.Scale(domain=[1, 5.8], nice=False), axis=SCORE_AXIS, title="Mean self-score")
    base = alt.Chart(data).encode(y=y, yOffset=offset, x=x, color=colour, tooltip=tooltip)
    bars = base.mark_bar(height=3, opacity=0.35).encode(x2=alt.datum(1))
    dots = base.mark_circle(size=120, opacity=1)
    text = base.mark_text(align="left", dx=9, fontSize=11).encode(text="text:N")
    return _styled((bars + dots + text).properties(height=70 + 56 * 3))


def discipline_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Chart 5: per month, the share of thank-you notes sent within 24 h and of check-ins on time."""
    data = frame.assign(text=frame["on_time"].map("{:,}".format) + " of " + frame["due"].map("{:,}".format))
    colour = alt.Color("measure:N", scale=_scale(MEASURE_COLOURS), title=None)
    base = alt.Chart(data).encode(
        x=alt.X("month:T", axis=alt.Axis(format="%b %Y", labelOverlap=True, tickCount={"interval": "month", "step": 1},
                                         title=None)),
        y=alt.Y("share:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%", tickCount=5), title=None),
        color=colour,
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("measure:N", title="Step"),
                 alt.Tooltip("text:N", title="On time"), alt.Tooltip("share:Q", title="Share", format=".0%")],
    )
    line = base.mark_line(strokeWidth=2, opacity=0.8)
    dots = base.mark_circle(opacity=1).encode(size=alt.Size("due:Q", scale=alt.Scale(range=[20, 140]), legend=None))
    return _styled((line + dots).properties(height=220))


def trends_charts(view: TrendsView, today: date | None, section: str | None = None) -> dict[str, alt.TopLevelMixin]:
    """Every chart the Trends page draws for charts 1-4, by name; sections without enough data are left out.

    `section` ("over-time", "recent", "groups" or "calibration") builds only that section's charts:
    the page draws one section at a time, and a chart nobody sees need not be built.
    """
    built: dict[str, alt.TopLevelMixin] = {}
    wanted = {section} if section else {"over-time", "recent", "groups", "calibration"}
    if "over-time" in wanted and view.over_time.ready:
        frame, granular = view.over_time.frame, view.granularity == "interview"
        for dimension in DIMENSION_COLOURS:
            if (frame["dimension"] == dimension).any():
                built[dimension] = score_trend_chart(frame, dimension, today, granular)
    if "recent" in wanted and view.recent.ready:
        built["recent"] = recent_chart(view.recent.frame, view.window)
    if "groups" in wanted and view.by_stage.ready:
        built["by-stage"] = group_heatmap(view.by_stage.frame, "Stage")
    if "groups" in wanted and view.by_company.ready:
        built["by-company"] = group_heatmap(view.by_company.frame, "Company")
    if "calibration" in wanted and view.calibration.ready:
        built["calibration"] = calibration_chart(view.calibration.frame)
    return built


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a validated Vega-Lite dict, to cache and place with st.vega_lite_chart.

    Building and validating an Altair chart costs far more than drawing it, so the page caches
    this dict by data version and filters. Altair's default 300×300 view size is dropped, as
    st.altair_chart does, so the chart takes the page's width.
    """
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    return spec


def spec_png(spec: dict) -> bytes:
    """PNG bytes (2× scale) of a Vega-Lite dict, at a fixed width, through vl-convert."""
    import vl_convert

    return vl_convert.vegalite_to_png(_export_spec(spec), scale=2)


def spec_svg(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(_export_spec(spec))


def _export_spec(spec: dict) -> dict:
    if any(key in spec for key in ("vconcat", "hconcat", "concat", "facet")):
        return spec
    return {**spec, "width": EXPORT_WIDTH}


# === Coaching: your score beside your mentor's, interview by interview =======================
# The Trends look above (colours, score axis, _styled), on lib.domain.gaps.score_gaps for one mentor.

MENTOR_COLOUR = "#374151"
COACHING_POINTS = 150  # per dimension: the latest interviews only, more than a person can tell apart anyway


def _score_y(field: str) -> alt.Y:
    """The 1-5 score axis, untitled: the chart's title names the dimension."""
    return alt.Y(f"{field}:Q", scale=SCORE_SCALE, axis=SCORE_AXIS, title=None)


def _self_vs_mentor_layer(gaps: pd.DataFrame, dimension: str, mentor: str, height: int) -> alt.LayerChart:
    part = gaps[gaps["dimension"] == dimension].tail(COACHING_POINTS)
    part = part.assign(interview=part["company"] + ": " + part["role"], gap_text=part["gap"].map(_signed_label))
    colour = DIMENSION_COLOURS.get(dimension, MENTOR_COLOUR)
    x = alt.X("interview_at:T", axis=_time_axis(part, "interview_at"), scale=alt.Scale(padding=14, nice=False))
    tooltip = [alt.Tooltip("interview_at:T", title="Date", format="%a %d %b %Y"),
               alt.Tooltip("interview:N", title="Interview"), alt.Tooltip("self_score:Q", title="You"),
               alt.Tooltip("mentor_score:Q", title=mentor), alt.Tooltip("gap_text:N", title="Gap")]
    gap = (
        alt.Chart(part)
        .mark_rule(strokeWidth=3, color=EARLIER_COLOUR, opacity=0.45)
        .encode(x=x, y=_score_y("self_score"), y2="mentor_score:Q", tooltip=tooltip)
    )
    # Two fixed marks rather than a legend: in a stacked export a shared colour scale would paint
    # every "You" ring in the first dimension's colour. Captions say "ring: you, diamond: mentor".
    yours = (
        alt.Chart(part)
        .mark_point(shape="circle", size=130, strokeWidth=2, filled=False, opacity=1, color=colour)
        .encode(x=x, y=_score_y("self_score"), tooltip=tooltip)
    )
    theirs = (
        alt.Chart(part)
        .mark_point(shape="diamond", size=60, filled=True, opacity=1, color=MENTOR_COLOUR)
        .encode(x=x, y=_score_y("mentor_score"), tooltip=tooltip)
    )
    return (gap + yours + theirs).properties(height=height, title=alt.TitleParams(dimension, color=colour))


def self_vs_mentor_chart(gaps: pd.DataFrame, dimension: str, mentor: str) -> alt.LayerChart:
    """One dimension: your score (ring) and the mentor's (diamond) per interview, joined by the gap."""
    return _styled(_self_vs_mentor_layer(gaps, dimension, mentor, height=170))


def self_vs_mentor_export(gaps: pd.DataFrame, mentor: str) -> alt.VConcatChart:
    """Every dimension the mentor scored, stacked at a fixed width: for the HTML report (inline SVG)."""
    layers = [
        _self_vs_mentor_layer(gaps, d, mentor, height=130).properties(width=EXPORT_WIDTH)
        for d in DIMENSION_COLOURS
        if (gaps["dimension"] == d).any()
    ]
    return _styled(alt.vconcat(*layers, spacing=16))
