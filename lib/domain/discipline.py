"""Follow-up discipline: how often thank-you notes and check-ins were done on time (pure).

The deadlines are the ones `lib.domain.followup.follow_up_timeline` shows beside each interview:
the facts call the same rule functions (`thank_you_deadline`, `check_in_days`, `snoozed_day`),
but only those, on a lean record per interview instead of a whole timeline of Step objects: at
100,000 interviews, about a second instead of half a minute. tests/unit/test_discipline_rules.py
pins the two against each other on generated and hand-made interviews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

import pandas as pd

from lib.domain.days import add_business_days, clamped_to_range
from lib.domain.followup import (
    check_in_days,
    moment_within_range,
    person_thank_you_key,
    snoozed_day,
    thank_you_deadline,
)
from lib.domain.model import MAX_INTERVIEWERS, Interview, Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus, day_start
from lib.domain.timeframe import parse_timeframe

CHECK_IN_GRACE_DAYS = 2  # business days after the recommended day that still count as on time
THANK_YOU_MEASURE, CHECK_IN_MEASURE = "Thank-you within 24 h", "Check-in on time"
MEASURES = (THANK_YOU_MEASURE, CHECK_IN_MEASURE)
FollowUpEntry = tuple[Interview, Sequence[StepMark]] | tuple[Interview, Sequence[StepMark], Sequence[StepSnooze]]


@dataclass(frozen=True)
class FollowUpRows:
    """What the facts read, as plain rows: per interview (id, interview_at, duration_min,
    stated_timeframe, outcome, outcome_on), its people (interview_id, person row id) in form
    order, its thank-you and check-in marks (interview_id, step_key, status, on) and the day
    each snoozed check-in is moved to. The store reads them straight from SQL."""

    interviews: Sequence[tuple[int, datetime, int, str, Outcome, date | None]]
    people: Sequence[tuple[int, int | None]] = ()
    marks: Sequence[tuple[int, str, StepStatus, date]] = ()
    check_in_snoozes: Mapping[int, date] = field(default_factory=dict)


def rows_of(entries: Iterable[FollowUpEntry]) -> FollowUpRows:
    """The rows of (interview, marks) or (interview, marks, snoozes) entries (saved: with ids)."""
    interviews, people, marks, snoozed = [], [], [], {}
    for interview, entry_marks, *snoozes in entries:
        i = interview.saved_id
        interviews.append((i, interview.interview_at, interview.duration_min, interview.stated_timeframe,
                           interview.outcome, interview.outcome_on))
        people += [(i, person.id) for person in interview.interviewers]
        marks += [(i, m.step_key, m.status, m.on) for m in entry_marks]
        for snooze in snoozes[0] if snoozes else ():
            if snooze.step_key == "check_in":
                snoozed[i] = snooze.until
    return FollowUpRows(interviews, people, marks, snoozed)


def follow_up_facts(entries: Iterable[FollowUpEntry], tz: tzinfo | None = None) -> pd.DataFrame:
    """`facts_of` for (interview, marks) or (interview, marks, snoozes) entries."""
    return facts_of(rows_of(entries), tz)


def facts_of(rows: FollowUpRows, tz: tzinfo | None = None) -> pd.DataFrame:
    """One row per thank-you note and check-in, as the timeline judges them at the interview's end.

    A snoozed check-in is judged against its new day; a thank-you never is: its 24 hours are a
    fact, not a plan. Columns: id, month (of the interview), measure, last_day (a thank-you's
    24-hour deadline; a check-in's recommended day plus CHECK_IN_GRACE_DAYS business days),
    done_on, on_time, skipped, closed_on (outcome date) and closed_undated. Nothing here depends
    on today, so it can be cached until the data changes.

    The rules run once per interview (the deadline) or once per distinct input (the check-in
    window); joining people and marks and judging them is one pass over frames (days as day
    numbers until the end: 300,000 date objects one by one cost seconds).
    """
    per_interview = _per_interview(rows, tz)
    steps = pd.concat([_thank_you_steps(per_interview, rows.people), _check_in_steps(per_interview)],
                      ignore_index=True).sort_values(["id", "order"], kind="stable", ignore_index=True)
    clamped: dict[date, int] = {}  # as the timeline clamps a mark's day; each distinct day once
    for _, _, _, on in rows.marks:
        if on not in clamped:
            clamped[on] = clamped_to_range(on).toordinal()
    marks = pd.DataFrame([(i, key, status.value, clamped[on]) for i, key, status, on in rows.marks],
                         columns=["id", "key", "status", "on"])
    marks = marks.astype({"id": "int64", "key": "str", "status": "str", "on": "Int64"})
    steps = steps.merge(marks, on=["id", "key"], how="left", validate="one_to_one")
    done_on = steps["on"].where(steps["status"] == StepStatus.DONE.value)
    on_time = (done_on >= steps["first_day"]) & (done_on <= steps["last_day"])
    return pd.DataFrame({
        "id": steps["id"], "month": _days(steps["month"]), "measure": steps["measure"].astype("str"),
        "last_day": _days(steps["last_day"]), "done_on": _days(done_on), "on_time": on_time.fillna(False).astype(bool),
        "skipped": (steps["status"] == StepStatus.SKIPPED.value).fillna(False).astype(bool),
        "closed_on": _days(steps["closed_on"]), "closed_undated": steps["closed_undated"].astype(bool),
    })


def _per_interview(rows: FollowUpRows, tz: tzinfo | None) -> pd.DataFrame:
    """Per interview, as day numbers: its month and day 0, its thank-you deadline, its check-in's
    window, and when its outcome closed follow-up. Each rule result is kept for inputs that repeat
    (interviews end at round times, on a few thousand days): half the calls at 100,000."""
    records = []
    days: dict[date, tuple[int, int]] = {}
    deadlines: dict[datetime, int] = {}
    check_ins: dict[tuple[str, date, date | None], tuple[int, int]] = {}
    for i, interview_at, duration_min, stated, outcome, outcome_on in rows.interviews:
        moment, duration = moment_within_range(interview_at, duration_min)
        ends_at = moment + timedelta(minutes=duration)
        if ends_at not in deadlines:
            deadlines[ends_at] = thank_you_deadline(ends_at, tz).toordinal()
        window = (stated, moment.date(), rows.check_in_snoozes.get(i))
        if window not in check_ins:
            check_ins[window] = _check_in_window(*window)
        day0 = interview_at.date()
        if day0 not in days:
            days[day0] = (day0.replace(day=1).toordinal(), day0.toordinal())
        closes = outcome.closes_follow_up
        records.append((i, *days[day0], deadlines[ends_at], *check_ins[window],
                        outcome_on.toordinal() if closes and outcome_on else None, closes and outcome_on is None))
    names = ["id", "month", "day0", "deadline", "check_in_first", "check_in_last", "closed_on", "closed_undated"]
    frame = pd.DataFrame.from_records(records, columns=names) if records else pd.DataFrame(columns=names)
    return frame.astype(dict.fromkeys(names[:6], "int64")).astype({"closed_on": "Int64", "closed_undated": "bool"})


def _thank_you_steps(per_interview: pd.DataFrame, people: Sequence[tuple[int, int | None]]) -> pd.DataFrame:
    """One note per person, keyed as the timeline keys it; the generic note when nobody is named.
    Counted from day 0 to the deadline: a note is not sent before the interview."""
    ids: list[int] = []
    order: list[int] = []
    keys: list[str] = []
    seen: dict[int, int] = {}
    for i, person in people:
        position = seen[i] = seen.get(i, -1) + 1
        ids.append(i)
        order.append(position)
        keys.append(person_thank_you_key(person, position))
    named = pd.DataFrame({"id": pd.Series(ids, dtype="int64"), "order": pd.Series(order, dtype="int64"),
                          "key": pd.Series(keys, dtype="str")})
    nobody = per_interview.loc[~per_interview["id"].isin(named["id"]), ["id"]].assign(order=0, key="thank_you")
    steps = pd.concat([named, nobody], ignore_index=True).merge(per_interview, on="id")
    return steps.assign(measure=THANK_YOU_MEASURE, first_day=steps["day0"], last_day=steps["deadline"])


def _check_in_steps(per_interview: pd.DataFrame) -> pd.DataFrame:
    """One check-in per interview, after its notes."""
    return per_interview.assign(order=MAX_INTERVIEWERS, key="check_in", measure=CHECK_IN_MEASURE,
                                first_day=per_interview["check_in_first"], last_day=per_interview["check_in_last"])


def _check_in_window(stated: str, day0: date, until: date | None) -> tuple[int, int]:
    """The first and last day (numbers) a check-in counts as on time: its window, then its grace days."""
    opens, recommended = check_in_days(day0, parse_timeframe(stated, day0))
    moved = snoozed_day(recommended, clamped_to_range(until)) if until is not None else None
    if moved is not None:
        recommended, opens = moved, max(opens, day_start(moved))
    return opens.date().toordinal(), add_business_days(recommended, CHECK_IN_GRACE_DAYS).toordinal()


_EPOCH = date(1970, 1, 1).toordinal()


def _days(ordinals: pd.Series) -> pd.Series:
    """Day numbers as datetime64[us] (as store.interviews.score_rows), missing as NaT."""
    return ((ordinals.astype("Int64") - _EPOCH) * 86_400_000_000).astype("datetime64[us]")


@dataclass(frozen=True)
class KnownFacts:
    """The facts of every interview, and the fingerprint each was computed from."""

    fingerprints: Mapping[int, str]
    frame: pd.DataFrame


def refresh_facts(
    known: KnownFacts | None,
    fingerprints: Mapping[int, str],
    load: Callable[[list[int]], Iterable[FollowUpRows]],
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
    fresh = [facts_of(batch, tz) for batch in load(stale)] if stale else []
    parts = [part for part in (*kept, *fresh) if not part.empty]  # an empty part would turn text columns to object
    frame = pd.concat(parts, ignore_index=True) if parts else facts_of(FollowUpRows(()))
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
