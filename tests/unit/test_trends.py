"""The Trends page's view: periods, sparse and empty states, and what each chart gets."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.domain.discipline import follow_up_facts
from lib.domain.trends import TrendFilter, default_custom_range, follow_up_view, period_range, trends_view
from tests.factories import D, rows_of

TODAY = D("2026-11-20")


@pytest.mark.parametrize(
    ("period", "custom", "expected"),
    [
        ("All time", (), (None, None)),
        ("Last 30 days", (), (D("2026-10-21"), TODAY)),
        ("Last 3 months", (), (D("2026-08-20"), TODAY)),
        ("Last 12 months", (), (D("2025-11-20"), TODAY)),
        ("Custom dates", (D("2026-09-30"), D("2026-01-01")), (D("2026-01-01"), D("2026-09-30"))),
        ("Custom dates", (D("2026-01-01"),), (D("2026-01-01"), None)),  # half-picked range
        ("Custom dates", (), (None, None)),
    ],
)
def test_period_range(period, custom, expected):
    assert period_range(period, TODAY, custom) == expected


def test_default_custom_range_is_the_last_90_days():
    assert default_custom_range(TODAY) == (D("2026-08-22"), TODAY)


@pytest.mark.parametrize(
    ("start", "end", "reaches"),
    [(None, None, True), (D("2026-01-01"), None, True), (None, D("2026-06-30"), False),
     (D("2026-12-01"), None, False), (D("2026-11-01"), TODAY, True)],
)
def test_today_rule_only_when_the_range_includes_today(start, end, reaches):
    assert TrendFilter(start, end).reaches(TODAY) is reaches


def test_empty_view_says_what_will_appear_and_when():
    view = trends_view(rows_of(0), window=5)
    assert view.interviews == 0
    assert not view.over_time.ready
    assert "from your second scored interview" in view.over_time.note
    assert not view.recent.ready
    assert view.recent.note == (
        "Appears after 8 interviews in this view: your last 5 against at least 3 before them (so far: 0)."
    )
    assert not view.by_stage.ready and not view.by_company.ready and not view.calibration.ready
    assert view.calibration.caption.startswith("Not enough data yet: 0 scored interviews advanced and 0 did not")


def test_sparse_view_shows_the_trend_but_not_yet_the_comparison():
    view = trends_view(rows_of(6), window=5)
    assert view.over_time.ready and view.granularity == "interview"
    assert not view.recent.ready and "(so far: 6)" in view.recent.note
    assert view.by_company.ready and not view.by_stage.ready  # two companies, one stage
    assert view.by_stage.note == "Appears once you have scored interviews at two different stages."


def test_unscored_interviews_do_not_make_a_trend():
    view = trends_view(rows_of(6, scored=False), window=5)
    assert not view.over_time.ready
    assert view.over_time.frame.empty


def test_a_big_range_is_summarised_by_week_or_month_and_says_so():
    rows = rows_of(600)
    view = trends_view(rows, window=4)
    assert view.granularity == "month"
    assert set(view.over_time.frame.columns) == {"period", "dimension", "mean", "count", "rolling_mean"}
    assert len(view.over_time.frame) <= 3 * 40  # one point per month and dimension, not 1,800
    assert view.over_time.note.startswith("600 interviews in this view, too many to show one by one: each dot is a")
    assert view.recent.ready and view.recent.note == "Grey: the 596 interviews before; coloured: your last 4."


def test_company_view_names_the_cut_when_there_are_many_companies():
    rows = rows_of(30).assign(company=[f"Company {i:02d}" for i in range(30)])
    view = trends_view(rows, window=5)
    assert view.by_company.frame["group"].nunique() == 10
    assert view.by_company.note.endswith("Your 10 most-interviewed companies of 30.")


def test_follow_up_view_keeps_only_the_interviews_in_view():
    from tests.unit.test_discipline import ENTRIES

    facts = follow_up_facts(ENTRIES)
    everything = follow_up_view(facts, pd.Series([1, 2, 3, 4]), TODAY)
    october_only = follow_up_view(facts, pd.Series([4]), TODAY)
    assert everything.ready and everything.frame["due"].sum() == 7
    assert october_only.frame["due"].sum() == 2
    assert october_only.caption == (
        "You sent 1 of 1 thank-you notes within 24 hours (100%) and did 0 of 1 check-ins on time (0%)."
    )
    nothing = follow_up_view(facts, pd.Series([], dtype="int64"), TODAY)
    assert not nothing.ready
