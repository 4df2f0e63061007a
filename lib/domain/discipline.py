"""Follow-up discipline: how often thank-you notes and check-ins were done on time (pure).

Built on `lib.domain.followup.follow_up_timeline`, so the deadlines are the same ones the timeline
shows beside each interview, and on the step marks the user recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

import pandas as pd

from lib.domain.days import add_business_days
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview
from lib.domain.steps import StepKind, StepMark, StepSnooze, StepStatus

CHECK_IN_GRACE_DAYS = 2  # business days after the recommended day that still count as on time
THANK_YOU_MEASURE, CHECK_IN_MEASURE = "Thank-you within 24 h", "Check-in on time"
MEASURES = (THANK_YOU_MEASURE, CHECK_IN_MEASURE)
FollowUpEntry = tuple[Interview, Sequence[StepMark]] | tuple[Interview, Sequence[StepMark], Sequence[StepSnooze]]


def follow_up_facts(entries: Iterable[FollowUpEntry], tz: tzinfo | None = None) -> pd.DataFrame:
    """One row per thank-you note and check-in, from `follow_up_timeline` and the user's marks.

    `entries` are (interview, marks) or (interview, marks, snoozes). A snoozed check-in is judged
    against its new day; a thank-you never is: its 24 hours are a fact, not a plan.

    Columns: id, month (of the interview), measure, last_day (a thank-you's 24-hour deadline; a
    check-in's recommended day plus CHECK_IN_GRACE_DAYS business days), done_on, on_time,
    skipped, closed_on (outcome date) and closed_undated. Nothing here depends on today, so it
    can be cached until the data changes.
    """
    columns: dict[str, list[object]] = {k: [] for k in _FACT_COLUMNS}
    for interview, marks, *snoozed in entries:
        closes = interview.outcome.closes_follow_up
        check_in_snoozes = [s for s in (snoozed[0] if snoozed else ()) if s.step_key == "check_in"]
        for step in follow_up_timeline(interview, marks, interview.ends_at, tz, check_in_snoozes):
            if step.kind is StepKind.THANK_YOU and step.deadline is not None:  # a thank-you always has one
                measure, first_day, last_day = THANK_YOU_MEASURE, interview.day0, step.deadline.date()
            elif step.kind is StepKind.CHECK_IN:
                first_day = step.opens.date()
                measure, last_day = CHECK_IN_MEASURE, add_business_days(step.recommended, CHECK_IN_GRACE_DAYS)
            else:
                continue
            done_on = step.done_on if step.status is StepStatus.DONE else None
            row = (interview.id, interview.day0.replace(day=1), measure, last_day, done_on,
                   done_on is not None and first_day <= done_on <= last_day, step.status is StepStatus.SKIPPED,
                   interview.outcome_on if closes else None, closes and interview.outcome_on is None)
            for key, value in zip(_FACT_COLUMNS, row, strict=True):
                columns[key].append(value)
    frame = pd.DataFrame(columns)
    for key in ("month", "last_day", "done_on", "closed_on"):
        frame[key] = pd.to_datetime(frame[key]).astype("datetime64[us]")  # as store.interviews.score_rows
    return frame.astype({"id": "int64", "on_time": "bool", "skipped": "bool", "closed_undated": "bool"})


_FACT_COLUMNS = ("id", "month", "measure", "last_day", "done_on", "on_time", "skipped", "closed_on", "closed_undated")


@dataclass(frozen=True)
class KnownFacts:
    """The facts of every interview, and the fingerprint each was computed from."""

    fingerprints: Mapping[int, str]
    frame: pd.DataFrame


def refresh_facts(
    known: KnownFacts | None,
    fingerprints: Mapping[int, str],
    load: Callable[[list[int]], Iterable[Iterable[FollowUpEntry]]],
    tz: tzinfo | None = None,
) -> KnownFacts:
    """`known` brought up to date: only interviews whose fingerprint is new or changed are loaded
    (`load(ids)` yields batches of entries) and recomputed; deleted ones are dropped.

    One saved mark then costs one timeline, not one per interview: at 100,000 entries the
    difference between well under a second and most of a minute.
    """
    before = known.fingerprints if known else {}
    stale = [i for i, print_ in fingerprints.items() if before.get(i) != print_]
    if known is not None and not stale and len(before) == len(fingerprints):
        return known
    kept = [known.frame[known.frame["id"].isin(fingerprints.keys() - set(stale))]] if known else []
    fresh = [follow_up_facts(batch, tz) for batch in load(stale)] if stale else []
    parts = [part for part in (*kept, *fresh) if not part.empty]  # an empty part would turn text columns to object
    frame = pd.concat(parts, ignore_index=True) if parts else follow_up_facts([])
    return KnownFacts(dict(fingerprints), frame)


def discipline_by_month(facts: pd.DataFrame, today: date) -> pd.DataFrame:
    """Share of steps done on time per month and measure, among the steps that were due.

    A step counts once it is done, or once its last day has passed while the interview was still
    waiting for an outcome. Skipped steps, and steps an outcome made unnecessary, do not count.
    """
    done = facts["done_on"].notna()
    over = facts["last_day"] < pd.Timestamp(today)
    still_waiting = ~facts["closed_undated"] & (facts["closed_on"].isna() | (facts["closed_on"] > facts["last_day"]))
    due = facts[done | (~facts["skipped"] & over & still_waiting)]
    monthly = due.groupby(["month", "measure"])["on_time"].agg(on_time="sum", due="count").reset_index()
    monthly["share"] = (monthly["on_time"] / monthly["due"]).round(3)
    return monthly.astype({"on_time": "int64", "due": "int64"})


def discipline_caption(monthly: pd.DataFrame) -> str:
    """'You sent 18 of 24 thank-you notes within 24 hours (75%) and did 6 of 9 check-ins on time (67%).'"""
    totals = monthly.groupby("measure")[["on_time", "due"]].sum()
    parts = []
    for measure, words in ((THANK_YOU_MEASURE, "sent {k} of {n} thank-you notes within 24 hours"),
                           (CHECK_IN_MEASURE, "did {k} of {n} check-ins on time")):
        if measure in totals.index:
            k, n = int(totals["on_time"][measure]), int(totals["due"][measure])
            parts.append(words.format(k=f"{k:,}", n=f"{n:,}") + f" ({round(100 * k / n)}%)")
    if not parts:
        return "Nothing has come due yet: thank-you notes and check-ins appear here once their day has passed."
    return "You " + " and ".join(parts) + "."
