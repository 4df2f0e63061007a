"""Everything the Trends page shows, computed in one pure call and cached as one value.

`trends_view(rows, window)` takes the filtered frame of `store.interviews.score_rows` (charts 1 to 4) and
`follow_up_view(facts, ids, today)` the facts of `lib.domain.discipline.follow_up_facts` (chart 5).
Each chart gets a `Section`: its small frame, a one-sentence caption computed from the data,
and a note on how to read it or, when there is too little data, what will appear and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from lib.domain.analytics import (
    MIN_EARLIER,
    MIN_PER_SIDE,
    TOP_COMPANIES,
    Calibration,
    calibration,
    calibration_caption,
    calibration_scores,
    group_caption,
    periodic_scores,
    recent_caption,
    recent_vs_earlier,
    rolling_scores,
    scores_by,
    trend_caption,
    trend_granularity,
)
from lib.domain.days import add_months
from lib.domain.discipline import CHECK_IN_GRACE_DAYS, discipline_by_month, discipline_caption
from lib.domain.model import SCORE_COLUMNS, Format, Outcome, Stage

CUSTOM_PERIOD = "Custom dates"
PERIODS = ("All time", "Last 30 days", "Last 3 months", "Last 6 months", "Last 12 months", CUSTOM_PERIOD)
_MONTHS_BACK = {"Last 3 months": 3, "Last 6 months": 6, "Last 12 months": 12}
WINDOW_DEFAULT, WINDOW_RANGE = 5, (2, 20)
CUSTOM_DAYS = 90  # a new custom range starts as the last 90 days


@dataclass(frozen=True)
class TrendFilter:
    """What the Trends page narrows to: dates (inclusive) and any of company/stage/format/outcome."""

    start: date | None = None
    end: date | None = None
    companies: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    formats: tuple[Format, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    def reaches(self, today: date) -> bool:
        """Does the range include today? Only then does the chart draw a rule for today."""
        return (self.start is None or self.start <= today) and (self.end is None or self.end >= today)


def default_custom_range(today: date) -> tuple[date, date]:
    return today - timedelta(days=CUSTOM_DAYS), today


def period_range(period: str, today: date, custom: Sequence[date] = ()) -> tuple[date | None, date | None]:
    """The dates a period choice covers: 'Last 3 months' on 20 Nov is 20 Aug to 20 Nov."""
    if period == CUSTOM_PERIOD:
        if len(custom) == 2:
            return min(custom), max(custom)
        return (custom[0], None) if custom else (None, None)
    if period == "Last 30 days":
        return today - timedelta(days=30), today
    if period in _MONTHS_BACK:
        return add_months(today, -_MONTHS_BACK[period]), today
    return None, None


@dataclass(frozen=True)
class Section:
    """One chart's data, its one-sentence caption, and what to say when there is too little."""

    frame: pd.DataFrame
    caption: str
    ready: bool  # enough data to draw the chart
    note: str = ""  # how to read it, or what appears here and when


@dataclass(frozen=True)
class TrendsView:
    interviews: int  # in the filtered range
    window: int
    granularity: str  # 'interview', 'week' or 'month' (chart 1)
    over_time: Section
    recent: Section
    by_stage: Section
    by_company: Section
    calibration: Section
    calibration_result: Calibration


def trends_view(rows: pd.DataFrame, window: int, evidence: pd.DataFrame | None = None) -> TrendsView:
    """The numbers of charts 1 to 4 from the filtered rows (and, for tooltips, their evidence)."""
    granularity = trend_granularity(rows)
    result = calibration(rows)
    return TrendsView(
        interviews=len(rows),
        window=window,
        granularity=granularity,
        over_time=_over_time(rows, window, granularity, evidence),
        recent=_recent(rows, window),
        by_stage=_by_group(rows, "stage", None),
        by_company=_by_group(rows, "company", TOP_COMPANIES),
        calibration=_calibration(rows, result),
        calibration_result=result,
    )


def _over_time(rows: pd.DataFrame, window: int, granularity: str, evidence: pd.DataFrame | None) -> Section:
    if granularity == "interview":
        frame = rolling_scores(rows, window, evidence)
        note = f"Dots are your scores; the line is the mean of your last {window} interviews."
    else:
        frame = periodic_scores(rows, window, granularity)
        note = (
            f"{len(rows):,} interviews in this view, too many to show one by one: each dot is a "
            f"{granularity}'s mean (bigger dots, more scores) and the line is the mean over {window} {granularity}s."
        )
    scored = int(rows[list(SCORE_COLUMNS.values())].notna().any(axis=1).sum())
    if scored < 2:
        note = f"Your scores over time appear here from your second scored interview; the line settles after {window}."
        return Section(frame, "", False, note)
    return Section(frame, trend_caption(rows, frame), True, note)


def _recent(rows: pd.DataFrame, window: int) -> Section:
    frame = recent_vs_earlier(rows, window)
    earlier = max(len(rows) - window, 0)
    if earlier < MIN_EARLIER:
        note = (
            f"Appears after {window + MIN_EARLIER} interviews in this view: your last {window} against at "
            f"least {MIN_EARLIER} before them (so far: {len(rows)})."
        )
        return Section(frame, "", False, note)
    note = f"Grey: the {earlier:,} interviews before; coloured: your last {window}."
    return Section(frame, recent_caption(frame, window, earlier), True, note)


def _by_group(rows: pd.DataFrame, column: str, top: int | None) -> Section:
    frame = scores_by(rows, column, top)
    what, plural = ("stage", "stages") if column == "stage" else ("company", "companies")
    if frame["group"].nunique() < 2:
        return Section(frame, "", False, f"Appears once you have scored interviews at two different {plural}.")
    note = "Each cell: the mean score (blue higher, orange lower) and, in brackets, how many scored it."
    total = rows[column].nunique()
    if top and total > top:
        note += f" Your {top} most-interviewed companies of {total:,}."
    return Section(frame, group_caption(frame, what), True, note)


def _calibration(rows: pd.DataFrame, result: Calibration) -> Section:
    frame = calibration_scores(rows)
    note = (
        "Advanced: next round booked or offer. Did not: rejected or no response. Withdrawn and pending count as "
        f"neither. A verdict needs {MIN_PER_SIDE} of each."
    )
    ready = result.advanced > 0 and result.not_advanced > 0
    return Section(frame, calibration_caption(result), ready, note)


def follow_up_view(facts: pd.DataFrame, interview_ids: pd.Series, today: date) -> Section:
    """Chart 5 for the interviews in view: `facts` covers every interview, so filters cost nothing."""
    frame = discipline_by_month(facts[facts["id"].isin(interview_ids)], today)
    note = (
        "Thank-you: marked sent by the day its 24 hours run out. Check-in: not before its window opened "
        f"and at most {CHECK_IN_GRACE_DAYS} business days after its best day. Skipped steps are left out."
    )
    if frame.empty:
        return Section(frame, discipline_caption(frame), False, note)
    return Section(frame, discipline_caption(frame), True, note)
