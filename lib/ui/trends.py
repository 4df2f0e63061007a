"""The Trends page's loaders, cached by the data version.

Three layers, so each change recomputes only what it must: the filtered rows (a new filter),
the small frames of charts 1-4 (a new window too) and one section's charts at a time, and the
follow-up facts of every interview (only after a write, and then only for the interviews it
touched; never redone for a filter). The page asks for the facts only when Follow-up discipline
is open.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib import charts, clock
from lib.domain.analytics import POINT_LIMIT
from lib.domain.discipline import refresh_facts
from lib.domain.trends import Section, TrendFilter, TrendsView, follow_up_view, trends_view
from lib.store import Store
from lib.ui.cache import derived


@derived(max_entries=16, scores_only=True)  # the interviews table alone: a step mark leaves it cached
def _score_rows(store: Store, where: TrendFilter) -> pd.DataFrame:
    w = where
    return store.interviews.score_rows(w.start, w.end, w.companies, w.stages, w.formats, w.outcomes)


@derived(max_entries=32, scores_only=True)
def trends(store: Store, where: TrendFilter, window: int) -> TrendsView:
    rows = _score_rows(where)
    evidence = store.interviews.evidence_rows(rows["id"]) if len(rows) <= POINT_LIMIT else None
    return trends_view(rows, window, evidence)


@derived(max_entries=64, scores_only=True)
def trend_charts(store: Store, where: TrendFilter, window: int, today: date, section: str) -> dict[str, dict]:
    """One section's charts as Vega-Lite dicts: built and validated once per data version, filter and section."""
    built = charts.trends_charts(trends(where, window), today if where.reaches(today) else None, section)
    return {name: charts.vega_lite_spec(chart) for name, chart in built.items()}


@st.cache_resource(max_entries=4, show_spinner=False)
def _known_facts(path: str, zone: str) -> dict:
    """The last KnownFacts of a database, kept across writes so a write recomputes only what it
    touched. A cache, shared by sessions: two computing at once each store a correct result."""
    return {}


@derived(max_entries=2, spinner="Going through the follow-up of every interview, once after the app starts: "
         "with tens of thousands of entries this takes a few seconds.")
def _follow_up_facts(store: Store) -> pd.DataFrame:
    zone = clock.local_zone()
    known = _known_facts(str(store.path), str(zone))
    fresh = refresh_facts(known.get("facts"), store.follow_up.fingerprints(),
                          lambda ids: store.follow_up.discipline_batches(only=ids), zone)
    known["facts"] = fresh
    return fresh.frame


@derived(max_entries=32)
def _follow_up(store: Store, where: TrendFilter, today: date) -> Section:
    return follow_up_view(_follow_up_facts(), _score_rows(where)["id"], today)


@derived(max_entries=32)
def _follow_up_spec(store: Store, where: TrendFilter, today: date) -> dict | None:
    section = _follow_up(where, today)
    return charts.vega_lite_spec(charts.discipline_chart(section.frame)) if section.ready else None


def follow_up_discipline(where: TrendFilter, today: date) -> tuple[Section, dict | None]:
    """Chart 5's numbers and chart: the first call after a start reads every interview's facts, one
    after a write only those of the interviews it touched."""
    _follow_up_facts()  # called here first: Streamlit shows no spinner for a cache inside a cache
    return _follow_up(where, today), _follow_up_spec(where, today)
