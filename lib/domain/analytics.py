"""Numbers about the candidate's own progress, computed from their entries (pure)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.domain.model import EVIDENCE_COLUMNS, SCORE_COLUMNS, Dimension, Format, Outcome, Stage
from lib.domain.text import one_line


@dataclass(frozen=True)
class DimensionProgress:
    dimension: Dimension
    recent_mean: float | None  # over the last `window` scored interviews
    overall_mean: float | None
    recent_count: int
    overall_count: int

    @property
    def change(self) -> float | None:
        if self.recent_mean is None or self.overall_mean is None:
            return None
        return self.recent_mean - self.overall_mean


def progress_from_averages(
    recent: Mapping[Dimension, tuple[float | None, int]], overall: Mapping[Dimension, tuple[float | None, int]]
) -> list[DimensionProgress]:
    """Each dimension's recent mean beside its overall mean, from averages the database computed
    (so Today never loads every entry to say whether the candidate is improving)."""
    return [DimensionProgress(d, recent[d][0], overall[d][0], recent[d][1], overall[d][1]) for d in Dimension]


def progress_line(progress: Sequence[DimensionProgress]) -> str:
    """'Skills match 3.8 (last 5) vs 3.2 overall · …': the one-line summary on Today."""
    parts = []
    for item in progress:
        if item.overall_mean is None:
            parts.append(f"{item.dimension.label}: not scored yet")
            continue
        recent = f"{item.recent_mean:.1f}" if item.recent_mean is not None else "–"
        parts.append(f"{item.dimension.label} {recent} vs {item.overall_mean:.1f}")
    return " · ".join(parts)


# === Trends: frames and plain-language captions for the Trends page =======================
# Everything below takes the narrow frame of `store.interviews.score_rows` (one row per interview, oldest
# first, one float column per dimension where "not sure yet" is NaN) and returns small frames:
# the browser never gets more points than a person can see.

POINT_LIMIT = 500  # above this many interviews in range, chart 1 shows weekly/monthly means
MIN_EARLIER = 3  # recent vs earlier needs at least this many interviews before the recent ones
MIN_GROUP = 3  # a stage or company needs this many scores before a caption names it
MIN_PER_SIDE = 5  # calibration: at least this many interviews that advanced, and that did not
LINK = 0.1  # calibration: how far from a coin toss (50%) the scores must be to count as a link
TOP_COMPANIES = 10
ADVANCED, NOT_ADVANCED = "Advanced", "Did not advance"
_LABEL_OF = {
    "stage": {s.value: s.label for s in Stage},
    "format": {f.value: f.label for f in Format},
    "outcome": {o.value: o.label for o in Outcome},
}


def scores_long(rows: pd.DataFrame, keep: Sequence[str] = ()) -> pd.DataFrame:
    """One row per scored (interview, dimension): unscored is left out, never counted as 0."""
    columns = ["id", "interview_at", *keep, "dimension", "score"]
    parts = [rows.assign(dimension=d.label, score=rows[column])[columns] for d, column in SCORE_COLUMNS.items()]
    long = pd.concat(parts, ignore_index=True).dropna(subset=["score"])
    return long.sort_values(["interview_at", "id"], kind="stable").reset_index(drop=True)


def rolling_scores(rows: pd.DataFrame, window: int, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every scored point with the rolling mean of that dimension over the last `window` interviews.

    The window counts interviews, as Today's "last 5" does; unscored ones inside it are skipped.
    With `evidence` (store.interviews.evidence_rows), each point carries its note for the tooltip.
    """
    parts = []
    for d, column in SCORE_COLUMNS.items():
        part = rows[["id", "interview_at", "company", "role", "stage"]].assign(
            dimension=d.label,
            score=rows[column],
            rolling_mean=rows[column].rolling(window, min_periods=1).mean().round(2),
            stage=rows["stage"].map(_LABEL_OF["stage"]),
        )
        if evidence is not None:
            notes = evidence.set_index("id")[EVIDENCE_COLUMNS[d]]
            part["evidence"] = part["id"].map(notes).fillna("").map(one_line)
        parts.append(part.dropna(subset=["score"]))
    return pd.concat(parts, ignore_index=True)


def trend_granularity(rows: pd.DataFrame) -> str:
    """'interview' up to POINT_LIMIT interviews; beyond, 'week' for two years or less, else 'month'."""
    if len(rows) <= POINT_LIMIT:
        return "interview"
    span = rows["interview_at"].max() - rows["interview_at"].min()
    return "week" if span <= pd.Timedelta(days=730) else "month"


def periodic_scores(rows: pd.DataFrame, window: int, granularity: str) -> pd.DataFrame:
    """Mean and count per week or month and dimension, and a rolling mean over `window` periods.

    The rolling mean weighs each period by how many scores it holds (sum of scores / count),
    so a busy week counts for more than a quiet one. Periods without scores are left out.
    """
    freq = {"week": "W", "month": "M"}[granularity]
    period = rows["interview_at"].dt.to_period(freq)
    everything = pd.period_range(period.min(), period.max(), freq=freq)
    parts = []
    for d, column in SCORE_COLUMNS.items():
        grouped = rows[column].groupby(period).agg(["sum", "count"]).reindex(everything, fill_value=0)
        rolling = grouped.rolling(window, min_periods=1).sum()
        part = pd.DataFrame(
            {
                "period": everything.start_time,
                "dimension": d.label,
                "mean": (grouped["sum"] / grouped["count"]).round(2),
                "count": grouped["count"].astype("int64"),
                "rolling_mean": (rolling["sum"] / rolling["count"]).round(2),
            }
        )
        parts.append(part[part["count"] > 0])
    return pd.concat(parts, ignore_index=True)


def lowest_dimension(rows: pd.DataFrame, last: int = 8) -> tuple[Dimension, int, int] | None:
    """(dimension, k, n): the one strictly lowest in k of the last n interviews with 2+ scores.

    Returned only when it is a real pattern: at least 4 interviews and lowest in more than half.
    """
    scores = rows[list(SCORE_COLUMNS.values())]
    recent = scores[scores.notna().sum(axis=1) >= 2].tail(last)
    if len(recent) < 4:
        return None
    lowest = recent.min(axis=1)
    strictly = recent.eq(lowest, axis=0) & (recent.eq(lowest, axis=0).sum(axis=1) == 1).to_numpy()[:, None]
    counts = strictly.sum()
    column = str(counts.idxmax())
    if counts[column] * 2 <= len(recent):
        return None
    return Dimension(column), int(counts[column]), len(recent)


def trend_caption(rows: pd.DataFrame, trend: pd.DataFrame) -> str:
    """One sentence about chart 1: the weakest dimension if one keeps lagging, else what moved most."""
    pattern = lowest_dimension(rows)
    if pattern is not None:
        dimension, k, n = pattern
        return f"{dimension.label} is your lowest dimension in {k} of your last {n} interviews."
    moves = {}
    for label, part in trend.groupby("dimension", sort=False):
        line = part["rolling_mean"].dropna()
        if len(line) >= 2:
            moves[label] = (line.iloc[0], line.iloc[-1])
    if not moves:
        return "Score a few more interviews to see a trend."
    label, (first, latest) = max(moves.items(), key=lambda item: abs(item[1][1] - item[1][0]))
    if abs(latest - first) < 0.25:
        return f"Your scores are steady: every rolling mean stayed within a quarter point ({label} {latest:.1f})."
    direction = "rose" if latest > first else "fell"
    return f"{label} moved most: its rolling mean {direction} from {first:.1f} to {latest:.1f} over this period."


def recent_vs_earlier(rows: pd.DataFrame, last: int) -> pd.DataFrame:
    """Per dimension: mean and count over the last `last` interviews and over all earlier ones."""
    recent, earlier = rows.tail(last), rows.iloc[: max(len(rows) - last, 0)]
    records = []
    for d, column in SCORE_COLUMNS.items():
        recent_mean, earlier_mean = recent[column].mean(), earlier[column].mean()
        records.append(
            {
                "dimension": d.label,
                "recent_mean": round(recent_mean, 2),
                "recent_count": int(recent[column].count()),
                "earlier_mean": round(earlier_mean, 2),
                "earlier_count": int(earlier[column].count()),
                "change": round(recent_mean - earlier_mean, 2),
            }
        )
    return pd.DataFrame(records)


def recent_caption(comparison: pd.DataFrame, last: int, earlier: int) -> str:
    """'Enthusiasm signaled +0.8 over your last 5 interviews (3.8, against 3.0 in the 37 before).'"""
    known = comparison.dropna(subset=["change"])
    if known.empty:
        return f"Score your last {last} interviews and some earlier ones to compare them."
    top = known.iloc[known["change"].abs().argmax()]
    if abs(top["change"]) < 0.25:
        return (
            f"Your last {last} interviews score about the same as the {earlier:,} before them "
            "(every dimension within a quarter point)."
        )
    pairs = zip(known["dimension"], known["change"], strict=True)
    others = ", ".join(f"{dimension} {signed(change)}" for dimension, change in pairs if dimension != top["dimension"])
    tail = f"; {others}" if others else ""
    return (
        f"{top['dimension']} {signed(float(top['change']))} over your last {last} interviews "
        f"({top['recent_mean']:.1f}, against {top['earlier_mean']:.1f} in the {earlier:,} before){tail}."
    )


def signed(change: float) -> str:
    """+0.8, −0.3 (a real minus sign), ±0.0."""
    if round(change, 1) == 0:
        return "±0.0"
    return f"+{change:.1f}" if change > 0 else f"−{abs(change):.1f}"


def scores_by(rows: pd.DataFrame, column: str, top: int | None = None) -> pd.DataFrame:
    """Mean and count of each dimension per stage (enum order) or per company (most interviews first).

    With `top`, only the `top` groups with the most interviews are kept.
    """
    groups = rows[column].map(_LABEL_OF[column]) if column in _LABEL_OF else rows[column]
    if column == "stage":
        present = set(groups.unique())  # once: a set of 100,000 labels per stage cost most of a second
        order = [s.label for s in Stage if s.label in present]
    else:
        order = list(groups.value_counts(sort=True).index)  # ties keep first-seen order
    order = order[:top] if top else order
    long = scores_long(rows.assign(group=groups), keep=["group"])
    long = long[long["group"].isin(order)]
    summary = long.groupby(["group", "dimension"])["score"].agg(["mean", "count"]).reset_index()
    summary["mean"] = summary["mean"].round(2)
    ranks = {g: i for i, g in enumerate(order)} | {d.label: i for i, d in enumerate(Dimension)}
    summary = summary.sort_values(["group", "dimension"], key=lambda c: c.map(ranks)).reset_index(drop=True)
    return summary.astype({"count": "int64"})


def group_caption(summary: pd.DataFrame, what: str) -> str:
    """'Skills match is highest in Phone screen (4.1, 12 scored) and lowest in Panel / onsite (2.9, 6).'"""
    solid = summary[summary["count"] >= MIN_GROUP]
    best = None
    for label, part in solid.groupby("dimension", sort=False):
        if part["group"].nunique() >= 2:
            high, low = part.iloc[part["mean"].argmax()], part.iloc[part["mean"].argmin()]
            if best is None or high["mean"] - low["mean"] > best[1]["mean"] - best[2]["mean"]:
                best = (label, high, low)
    if best is None:
        return f"Once two {what}s each have {MIN_GROUP} scored interviews, this shows where you do best."
    label, high, low = best
    if high["mean"] - low["mean"] < 0.25:
        return f"No {what} stands out: every {what} scores within a quarter point of the others."
    return (
        f"{label} is highest in {high['group']} ({high['mean']:.1f}, {high['count']} scored) "
        f"and lowest in {low['group']} ({low['mean']:.1f}, {low['count']})."
    )


@dataclass(frozen=True)
class Calibration:
    """Do self-scores tell apart the interviews that advanced from those that did not?"""

    advanced: int  # interviews with at least one score whose outcome moved forward
    not_advanced: int
    advanced_mean: float | None  # of each interview's own mean score
    not_advanced_mean: float | None
    auc: float | None  # chance a random advanced one outscored a random other one (ties half)
    p_value: float | None  # two-sided, Mann-Whitney normal approximation with tie correction

    @property
    def enough(self) -> bool:
        return self.advanced >= MIN_PER_SIDE and self.not_advanced >= MIN_PER_SIDE

    @property
    def separates(self) -> bool:
        """Enough data, a clear link either way, and unlikely to be chance."""
        if not self.enough or self.auc is None or self.p_value is None:
            return False
        return abs(self.auc - 0.5) >= LINK and self.p_value < 0.05


def _with_result(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose outcome says advanced (next round, offer) or not (rejected, no response)."""
    advanced = rows["outcome"].map({o.value: o.advanced for o in Outcome})
    known = rows[advanced.notna()]
    return known.assign(result=advanced[advanced.notna()].map({True: ADVANCED, False: NOT_ADVANCED}))


def calibration_scores(rows: pd.DataFrame) -> pd.DataFrame:
    """Mean and count of each dimension for interviews that advanced and for those that did not."""
    long = scores_long(_with_result(rows), keep=["result"])
    summary = long.groupby(["dimension", "result"])["score"].agg(["mean", "count"]).reset_index()
    summary["mean"] = summary["mean"].round(2)
    ranks = {d.label: i for i, d in enumerate(Dimension)} | {ADVANCED: 0, NOT_ADVANCED: 1}
    summary = summary.sort_values(["dimension", "result"], key=lambda c: c.map(ranks)).reset_index(drop=True)
    return summary.astype({"count": "int64"})


def calibration(rows: pd.DataFrame) -> Calibration:
    """Compare each interview's mean self-score (unscored dimensions skipped) across the two results."""
    known = _with_result(rows)
    overall = known[list(SCORE_COLUMNS.values())].mean(axis=1)
    known = known.assign(overall=overall)[overall.notna()]
    up = known.loc[known["result"] == ADVANCED, "overall"]
    down = known.loc[known["result"] == NOT_ADVANCED, "overall"]
    n1, n2 = len(up), len(down)
    auc = p_value = None
    if n1 and n2:
        ranks = pd.concat([up, down]).rank()
        u = ranks.iloc[:n1].sum() - n1 * (n1 + 1) / 2
        auc = float(u / (n1 * n2))
        n = n1 + n2
        ties = pd.concat([up, down]).value_counts()
        variance = n1 * n2 / 12 * ((n + 1) - ((ties**3 - ties).sum()) / (n * (n - 1)))
        z = (u - n1 * n2 / 2) / math.sqrt(variance) if variance > 0 else 0.0
        p_value = float(math.erfc(abs(z) / math.sqrt(2)))
    return Calibration(n1, n2, _mean_or_none(up), _mean_or_none(down), auc, p_value)


def _mean_or_none(scores: pd.Series) -> float | None:
    return round(float(scores.mean()), 2) if len(scores) else None


def calibration_caption(result: Calibration) -> str:
    """A plain answer, with the counts, and 'not enough data yet' below MIN_PER_SIDE of each.

    'Yes' needs both a clear link (a random advanced interview outscoring a random other one at
    least 60% of the time, or at most 40%) and one unlikely to be chance (p < 0.05).
    """
    a, b, auc = result.advanced, result.not_advanced, result.auc
    if not result.enough or auc is None:  # enough data always gives an auc
        return (
            f"Not enough data yet: {a:,} scored interviews advanced and {b:,} did not; a fair comparison "
            f"needs at least {MIN_PER_SIDE} of each."
        )
    counts = f"across {a + b:,} interviews with a result ({a:,} advanced, {b:,} did not)"
    means = f"{result.advanced_mean:.1f} when you advanced and {result.not_advanced_mean:.1f} when you did not"
    share = f"{round(auc * 100)}%"
    if result.separates and auc >= 0.5:
        return (
            f"Yes, so far: {counts}, your self-scores averaged {means}; an interview that advanced "
            f"outscored one that did not {share} of the time (50% would mean no link)."
        )
    if result.separates:
        return (
            f"Not the way you'd expect: {counts}, your self-scores averaged {means}; you may be hardest "
            "on yourself after the interviews that go well."
        )
    if abs(auc - 0.5) < LINK and min(a, b) >= 20:
        return (
            f"No, so far: {counts}, your self-scores averaged {means}; an interview that advanced outscored "
            f"one that did not only {share} of the time, close to the 50% of a coin toss."
        )
    return (
        f"Not clearly yet: {counts}, your self-scores averaged {means}; with this many, a gap this size "
        "could be chance."
    )