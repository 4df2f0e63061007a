"""Trends: how the three self-scores move across interviews, where they are high or low, whether
they agree with outcomes, and how well follow-ups keep to time. Filters and the open section live in
the URL; only the open section is computed and drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from lib import charts, ui
from lib.domain.model import Format, Outcome, Stage
from lib.domain.text import md_escape
from lib.domain.trends import (
    CUSTOM_PERIOD,
    PERIODS,
    WINDOW_DEFAULT,
    WINDOW_RANGE,
    Section,
    TrendFilter,
    TrendsView,
    default_custom_range,
    period_range,
)

FILTER_DEFAULTS = {"period": PERIODS[0], "company": [], "stage": [], "format": [], "outcome": []}  # not the window


def read_filters(today) -> tuple[TrendFilter, int]:
    """Every filter is bound to the URL, so a filtered view can be bookmarked or shared."""
    active = sum(1 for key, default in FILTER_DEFAULTS.items() if is_set(key, default))
    label = "Filters" + (f" ({active} set)" if active else "")
    with st.expander(label, icon=":material/filter_list:", expanded=bool(active)):
        left, middle, right = st.columns([2, 2, 3], vertical_alignment="bottom")
        period = left.selectbox("Period", PERIODS, key="period", bind="query-params")
        custom: tuple[date, ...] = ()
        if period == CUSTOM_PERIOD:
            custom = middle.date_input("From – to", value=default_custom_range(today), key="dates",
                                       bind="query-params", format="YYYY-MM-DD")
        window = right.slider("Rolling mean and “recent”: last N interviews", *WINDOW_RANGE, value=WINDOW_DEFAULT,
                              key="window", bind="query-params")
        first, second = st.columns(2)
        companies = first.multiselect("Company", ui.data().interviews.companies(), key="company", bind="query-params")
        stages = second.multiselect("Stage", list(Stage), key="stage", format_func=lambda s: s.label,
                                    bind="query-params")
        formats = first.multiselect("Format", list(Format), key="format", format_func=lambda f: f.label,
                                    bind="query-params")
        outcomes = second.multiselect("Outcome", list(Outcome), key="outcome", format_func=lambda o: o.label,
                                      bind="query-params")
        if active:
            st.button("Clear filters", on_click=clear_filters, key="clear_filters", icon=":material/filter_alt_off:",
                      type="tertiary")
    start, end = period_range(period, today, custom or ())
    where = TrendFilter(start, end, tuple(companies), tuple(stages), tuple(formats), tuple(outcomes))
    return where, window


def is_set(key: str, default) -> bool:
    """A filter differs from its default: from the URL on the first run, from the widget after."""
    if key in st.session_state:
        return st.session_state[key] != default
    return key in st.query_params  # a bound widget's parameter is in the URL only when not default


def clear_filters() -> None:
    """Bound widgets are reset through session_state (st.query_params cannot touch them)."""
    for key, default in FILTER_DEFAULTS.items():
        st.session_state[key] = default


def place(spec: dict, name: str) -> None:
    """A cached chart spec, full width, with its downloads."""
    ui.vega_chart(spec)
    downloads(name, lambda: spec)


def downloads(name: str, spec: Callable[[], dict]) -> None:
    """PNG and SVG, made by vl-convert only when clicked, so a rerun costs nothing."""
    files = (
        ("PNG", lambda: charts.spec_png(spec()), "image/png"),
        ("SVG", lambda: charts.spec_svg(spec()), "image/svg+xml"),
    )
    with st.container(horizontal=True, gap="small"):
        for kind, data, mime in files:
            st.download_button(kind, data, f"debrief-{name}.{kind.lower()}", mime, key=f"{name}.{kind.lower()}",
                               on_click="ignore", icon=":material/download:", type="tertiary")


def section_text(section: Section) -> bool:
    """The caption (user text such as company names is escaped), or what appears later. True: draw it."""
    if not section.ready:
        st.info(section.note, icon=":material/hourglass_empty:")
        return False
    st.markdown(md_escape(section.caption))
    st.caption(md_escape(section.note))
    return True


# --- the five sections, one per tab: each draws only its own charts ----------------------
def over_time(view: TrendsView, where: TrendFilter, window: int, today: date) -> None:
    if section_text(view.over_time):
        specs = ui.trend_charts(where, window, today, "over-time")
        for dimension in charts.DIMENSION_COLOURS:
            if dimension in specs:
                ui.vega_chart(specs[dimension])
        frame, granular = view.over_time.frame, view.granularity == "interview"
        marker = today if where.reaches(today) else None
        downloads("scores-over-time", lambda: charts.vega_lite_spec(charts.score_trend_export(frame, marker, granular)))


def recent(view: TrendsView, where: TrendFilter, window: int, today: date) -> None:
    st.markdown(f"**Your last {window} against the rest**")
    if section_text(view.recent):
        place(ui.trend_charts(where, window, today, "recent")["recent"], "recent")


def by_group(view: TrendsView, where: TrendFilter, window: int, today: date) -> None:
    by_stage, by_company = st.columns(2, gap="large")
    for column, section, name, title in ((by_stage, view.by_stage, "by-stage", "By stage"),
                                         (by_company, view.by_company, "by-company", "By company")):
        with column:
            st.markdown(f"**{title}**")
            if section_text(section):
                place(ui.trend_charts(where, window, today, "groups")[name], name)


def calibration(view: TrendsView, where: TrendFilter, window: int, today: date) -> None:
    st.markdown(md_escape(view.calibration.caption))
    if view.calibration.ready:
        st.caption(md_escape(view.calibration.note))
        place(ui.trend_charts(where, window, today, "calibration")["calibration"], "calibration")
    else:
        st.info(view.calibration.note, icon=":material/hourglass_empty:")


def follow_up(view: TrendsView, where: TrendFilter, window: int, today: date) -> None:
    section, spec = ui.follow_up_discipline(where, today)
    if section_text(section) and spec is not None:
        place(spec, "follow-up")


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
today = ui.now().date()
st.title("Trends", anchor=False)
st.caption("How your self-scores move, where you do best, whether they match outcomes, and your follow-up habits.")
if ui.data().interviews.count() == 0:
    st.info(
        "No interviews yet. Once you log them, this page shows your scores over time (from the 2nd), "
        "your latest interviews against earlier ones (from the 8th), scores by stage and company, "
        "and whether your scores match outcomes (from 5 that advanced and 5 that did not).",
        icon=":material/insights:",
    )
    st.page_link(ui.PAGES["log"], label="Log an interview", icon=":material/edit_note:")
    st.stop()

where, window = read_filters(today)
view = ui.trends(where, window)
if view.interviews == 0:
    st.info("No interviews match these filters.", icon=":material/filter_alt_off:")
    st.button("Clear filters", on_click=clear_filters, key="clear_empty", icon=":material/filter_alt_off:")
    st.stop()
st.caption(f"{view.interviews:,} interview{'s' if view.interviews != 1 else ''} in this view.")


# One section at a time, named in the URL (?section=...): only the open tab is computed and drawn,
# so the first view builds three charts, not eight, and follow-up discipline (every interview's
# facts) is read only when asked for.
SECTIONS = {"Scores over time": over_time, "Recent against earlier": recent, "By stage and company": by_group,
            "Scores and outcomes": calibration, "Follow-up discipline": follow_up}
for tab, draw in zip(st.tabs(list(SECTIONS), key="section", bind="query-params", on_change="rerun"),
                     SECTIONS.values(), strict=True):
    if tab.open:
        with tab:
            draw(view, where, window, today)
