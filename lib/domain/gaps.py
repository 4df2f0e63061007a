"""Self-score against the mentor's read: the gap per dimension, and whether it is closing (pure).

The gap is the mentor's score minus yours, on interviews both of you scored: +0.9 means the
mentor scores you higher, so you under-rate yourself; "not sure yet" on either side leaves that
interview out, never counted as 0. Input: the frame of `store.coaching.review_rows`.
"""

from __future__ import annotations

import pandas as pd

from lib.domain.analytics import signed
from lib.domain.model import SCORE_COLUMNS, Dimension

AGREE = 0.25  # a mean gap smaller than this is agreement
SPREAD = 0.75  # ...unless the interviews differ by this much on average, in both directions
MOVE = 0.25  # the later half's gap must shrink (or grow) by this much to be "closing" ("widening")
MIN_FOR_TREND = 4  # paired scores needed before saying anything about the trend
GAP_COLUMNS = ["mentor", "interview_id", "interview_at", "company", "role", "session_id", "held_on",
               "dimension", "self_score", "mentor_score", "gap"]
SUMMARY_COLUMNS = ["mentor", "dimension", "count", "mean_gap", "mean_abs_gap", "earlier_abs_gap", "later_abs_gap",
                   "trend"]


def score_gaps(reviews: pd.DataFrame) -> pd.DataFrame:
    """One row per (mentor, interview, dimension) both scored: self, mentor and gap (mentor − self).

    An interview a mentor scored in two sessions counts once, with the latest session's score.
    Ordered by mentor (first seen), dimension (rubric order), then interview date.
    """
    parts = []
    for order, (d, column) in enumerate(SCORE_COLUMNS.items()):
        part = reviews.assign(dimension=d.label, order=order, self_score=reviews[column],
                              mentor_score=reviews[f"mentor_{column}"])
        parts.append(part.dropna(subset=["self_score", "mentor_score"]))
    if not parts or all(p.empty for p in parts):
        return _empty_gaps()
    long = pd.concat(parts, ignore_index=True)
    long = long.sort_values(["held_on", "session_id"], kind="stable")
    long = long.drop_duplicates(["mentor", "interview_id", "dimension"], keep="last")
    mentor_rank = {m: i for i, m in enumerate(dict.fromkeys(reviews["mentor"]))}
    long = long.assign(mentor_rank=long["mentor"].map(mentor_rank), gap=long["mentor_score"] - long["self_score"])
    long = long.sort_values(["mentor_rank", "order", "interview_at", "interview_id"], kind="stable")
    return long[GAP_COLUMNS].reset_index(drop=True)


def _empty_gaps() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in GAP_COLUMNS})
    return frame.astype({"mentor": "str", "dimension": "str", "company": "str", "role": "str"})


def gap_summary(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per mentor and dimension: how many interviews, mean gap, mean size of the gap, and its trend.

    The trend splits the interviews by date into an earlier and a later half (the middle one goes
    to the later half) and compares the mean size of the gap: 'closing', 'widening', 'steady',
    or 'too early' below MIN_FOR_TREND interviews.
    """
    records = []
    for (mentor, dimension), part in gaps.groupby(["mentor", "dimension"], sort=False):
        size = part.sort_values(["interview_at", "interview_id"], kind="stable")["gap"].abs()
        half = len(size) // 2
        earlier, later = size.iloc[:half], size.iloc[half:]
        records.append(
            {
                "mentor": mentor,
                "dimension": dimension,
                "count": len(part),
                "mean_gap": round(float(part["gap"].mean()), 2),
                "mean_abs_gap": round(float(size.mean()), 2),
                "earlier_abs_gap": round(float(earlier.mean()), 2) if half else float("nan"),
                "later_abs_gap": round(float(later.mean()), 2),
                "trend": _trend(earlier, later),
            }
        )
    return pd.DataFrame(records, columns=SUMMARY_COLUMNS).astype({"count": "int64"})


def _trend(earlier: pd.Series, later: pd.Series) -> str:
    if len(earlier) + len(later) < MIN_FOR_TREND:
        return "too early"
    change = later.mean() - earlier.mean()
    if change <= -MOVE:
        return "closing"
    if change >= MOVE:
        return "widening"
    return "steady"


def gap_sentence(row: pd.Series) -> str:
    """'You under-rate your skills match by 0.9 on average (5 interviews); the gap is closing (1.5 → 0.3).'"""
    what = row["dimension"].lower() if row["dimension"] != "Enthusiasm signaled" else "enthusiasm"
    mentor, mean = row["mentor"], row["mean_gap"]
    n = f"{row['count']} interview{'s' if row['count'] != 1 else ''}"
    if mean >= AGREE:
        lead = f"You under-rate your {what} by {mean:.1f} on average: {mentor} scores it higher ({n})"
    elif mean <= -AGREE:
        lead = f"You over-rate your {what} by {abs(mean):.1f} on average: {mentor} scores it lower ({n})"
    elif row["mean_abs_gap"] >= SPREAD:
        lead = f"You and {mentor} differ on {what} by {row['mean_abs_gap']:.1f} on average, both ways ({n})"
    else:
        off = f", {signed(mean)} on average" if round(abs(mean), 1) > 0 else ""
        lead = f"You and {mentor} agree on {what} ({n}{off})"
    trend = row["trend"]
    agree_all_along = trend == "steady" and row["mean_abs_gap"] < AGREE
    if trend == "too early" or agree_all_along:
        return lead + "."
    moved = f"({row['earlier_abs_gap']:.1f} → {row['later_abs_gap']:.1f} points apart)"
    if trend == "steady":
        return f"{lead}; the gap is steady {moved}."
    return f"{lead}; the gap is {trend} {moved}."


def gap_sentences(summary: pd.DataFrame, mentor: str | None = None) -> list[str]:
    rows = summary if mentor is None else summary[summary["mentor"].str.casefold() == mentor.casefold()]
    return [gap_sentence(row) for _, row in rows.iterrows()]


def mean_scores(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per dimension (rubric order): mean self-score, mean mentor score and mean gap, over `gaps`."""
    records = []
    for d in Dimension:
        part = gaps[gaps["dimension"] == d.label]
        if len(part):
            records.append({"dimension": d.label, "count": len(part), "self_mean": round(part["self_score"].mean(), 2),
                            "mentor_mean": round(part["mentor_score"].mean(), 2),
                            "mean_gap": round(part["gap"].mean(), 2)})
    columns = ["dimension", "count", "self_mean", "mentor_mean", "mean_gap"]
    return pd.DataFrame(records, columns=columns).astype({"count": "int64"})


def signed_gap(value: float) -> str:
    """+0.9 / −0.4 / ±0.0, as the Trends page writes a change."""
    return signed(value)
