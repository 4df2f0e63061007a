"""The discipline facts keep to the follow-up timeline's rules: one source of truth, pinned.

`facts_of` calls only the timeline's date rules, on a lean record per interview. Here its result
is compared with facts read off whole `follow_up_timeline`s (the way they were first computed,
kept below as the reference) on generated interviews and on hand-made edge cases, and the
store's lean records with the interview objects the timeline is drawn from.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib.domain.days import add_business_days
from lib.domain.discipline import (
    CHECK_IN_GRACE_DAYS,
    CHECK_IN_MEASURE,
    THANK_YOU_MEASURE,
    FollowUpEntry,
    facts_of,
    follow_up_facts,
    rows_of,
)
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interviewer, Outcome
from lib.domain.steps import StepKind, StepMark, StepSnooze, StepStatus
from lib.files.demo import generate_interviews
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview, store_unchecked

LONDON = ZoneInfo("Europe/London")
DONE, SKIPPED = StepStatus.DONE, StepStatus.SKIPPED
COLUMNS = ("id", "month", "measure", "last_day", "done_on", "on_time", "skipped", "closed_on", "closed_undated")


def timeline_facts(entries: list[FollowUpEntry], tz=None) -> pd.DataFrame:
    """The reference: every step of every timeline, keeping the thank-you notes and the check-in."""
    rows = []
    for interview, marks, *snoozed in entries:
        closes = interview.outcome.closes_follow_up
        check_in_snoozes = [s for s in (snoozed[0] if snoozed else ()) if s.step_key == "check_in"]
        for step in follow_up_timeline(interview, marks, interview.ends_at, tz, check_in_snoozes):
            if step.kind is StepKind.THANK_YOU and step.deadline is not None:
                measure, first_day, last_day = THANK_YOU_MEASURE, interview.day0, step.deadline.date()
            elif step.kind is StepKind.CHECK_IN:
                first_day = step.opens.date()
                measure, last_day = CHECK_IN_MEASURE, add_business_days(step.recommended, CHECK_IN_GRACE_DAYS)
            else:
                continue
            done_on = step.done_on if step.status is StepStatus.DONE else None
            rows.append((interview.id, interview.day0.replace(day=1), measure, last_day, done_on,
                         done_on is not None and first_day <= done_on <= last_day, step.status is StepStatus.SKIPPED,
                         interview.outcome_on if closes else None, closes and interview.outcome_on is None))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for key in ("month", "last_day", "done_on", "closed_on"):
        frame[key] = pd.to_datetime(frame[key]).astype("datetime64[us]")
    return frame.astype({"id": "int64", "measure": "str", "on_time": "bool", "skipped": "bool",
                         "closed_undated": "bool"})


def generated(count: int) -> list[FollowUpEntry]:
    """Generated entries with ids; their people stay unsaved, so their marks key on position."""
    return [(replace(interview, id=index), marks) for index, (interview, marks) in
            enumerate(generate_interviews(count, FIXED_NOW, seed=11), start=1)]


def person(person_id: int, name: str = "Ann") -> Interviewer:
    return Interviewer(name, id=person_id)


def edge(id_: int, marks=(), snoozes=(), **fields) -> FollowUpEntry:
    return build_interview(id=id_, interviewers=(person(100 + id_),), **fields), list(marks), list(snoozes)


EDGES: list[FollowUpEntry] = [
    edge(1, interview_at=datetime(2026, 11, 7, 10, 0),  # a Saturday: the note is still due in 24 hours
         marks=[StepMark("thank_you:101", DONE, D("2026-11-08")), StepMark("check_in", DONE, D("2026-11-23"))]),
    edge(2, interview_at=datetime(2026, 11, 8, 16, 0)),  # a Sunday, nothing done
    edge(3, marks=[StepMark("check_in", DONE, D("2026-12-02"))],  # a snoozed check-in is judged on its new day
         snoozes=[StepSnooze("check_in", D("2026-12-01"), "on holiday")]),
    edge(4, snoozes=[StepSnooze("check_in", D("2026-11-12"), "moot: before its own day")]),
    edge(5, snoozes=[StepSnooze("check_in", D("2026-11-28"), "lands on a Saturday")]),
    edge(6, marks=[StepMark("thank_you:106", DONE, D("2026-11-13"))],  # a thank-you snooze changes nothing
         snoozes=[StepSnooze("thank_you:106", D("2026-11-13"), "waiting")]),
    edge(7, outcome=Outcome.REJECTED, outcome_on=D("2026-11-12")),  # an outcome closes follow-up
    edge(8, outcome=Outcome.WITHDRAWN),  # closed with no date
    edge(9, outcome=Outcome.OFFER, outcome_on=D("2026-11-30"), marks=[StepMark("check_in", SKIPPED, D("2026-11-20"))]),
    edge(10, stated_timeframe="within 2 weeks", marks=[StepMark("check_in", DONE, D("2026-11-26"))]),
    edge(11, stated_timeframe="by 1 Dec", marks=[StepMark("check_in", DONE, D("2026-12-04"))]),
    edge(12, stated_timeframe="at least 3 weeks"),
    edge(13, stated_timeframe="when the CEO is back"),  # unread: the usual weeks
    edge(14, stated_timeframe="by 1 Dec 2027"),  # more than a year away: flagged, the usual weeks
    edge(15, stated_timeframe="by Friday", snoozes=[StepSnooze("check_in", D("2026-11-30"), "later")]),
    edge(16, marks=[StepMark("check_in", DONE, D("2026-11-12"))]),  # before its window opened
    edge(17, interview_at=datetime(2026, 3, 28, 23, 0), duration_min=30,  # ends before the clocks go forward
         marks=[StepMark("thank_you:117", DONE, D("2026-03-30"))]),
    edge(18, interview_at=datetime(2026, 10, 24, 23, 30), duration_min=45),  # ... and back
    edge(19, interview_at=datetime(2150, 1, 5, 10, 0), duration_min=2_000,  # out of range: clamped
         marks=[StepMark("thank_you:119", DONE, D("2200-01-01"))],
         snoozes=[StepSnooze("check_in", D("2300-01-01"), "x")]),
    edge(20, booked=True),  # booked ahead, now over
    (build_interview(id=21, interviewers=()), [StepMark("thank_you", DONE, D("2026-11-10"))]),  # nobody named
    (build_interview(id=22, interviewers=(person(1), person(2, "Bo"), person(3, "Cy"))),
     [StepMark("thank_you:1", DONE, D("2026-11-11")), StepMark("thank_you:2", SKIPPED, D("2026-11-11")),
      StepMark("soft_touch", DONE, D("2026-11-18"))]),
]


@pytest.mark.parametrize("tz", [None, LONDON], ids=["naive", "london"])
def test_fast_facts_match_the_timeline_on_generated_interviews(tz):
    entries = generated(3_000)
    assert_frame_equal(follow_up_facts(entries, tz), timeline_facts(entries, tz))


@pytest.mark.parametrize("tz", [None, LONDON], ids=["naive", "london"])
def test_fast_facts_match_the_timeline_on_edge_cases(tz):
    assert_frame_equal(follow_up_facts(EDGES, tz), timeline_facts(EDGES, tz))


def test_the_edge_cases_reach_the_rules_they_are_named_for():
    """Guards the comparison above against cases that all fall through to the same branch."""
    facts = follow_up_facts(EDGES, LONDON).set_index(["id", "measure"])
    assert facts.loc[(3, CHECK_IN_MEASURE), "on_time"]  # snoozed to Tue 1 Dec, done Wed 2 Dec
    assert facts.loc[(17, THANK_YOU_MEASURE), "last_day"] == pd.Timestamp("2026-03-30")  # 24 real hours
    assert follow_up_facts(EDGES[16:17]).set_index("measure").loc[THANK_YOU_MEASURE, "last_day"] == pd.Timestamp(
        "2026-03-29")  # without a zone, 24 wall-clock hours
    assert facts.loc[(8, CHECK_IN_MEASURE), "closed_undated"]
    assert not facts.loc[(16, CHECK_IN_MEASURE), "on_time"]  # done before its window opened
    assert facts.loc[(22, THANK_YOU_MEASURE), "skipped"].tolist() == [False, True, False]


def test_records_from_the_store_give_the_facts_of_its_interviews(store: Store):
    """The store's lean records and its full interviews (what the timeline is drawn from) agree."""
    store.interviews.import_entries([e[:2] for e in generate_interviews(400, FIXED_NOW, seed=3)])
    store_unchecked(store, build_interview(interview_at=datetime(9999, 12, 31, 10, 0), stated_timeframe="by Friday"))
    store.follow_up.snooze(5, StepSnooze("check_in", D("2026-12-24"), "holiday"))
    store.follow_up.snooze(6, StepSnooze("thank_you", D("2026-12-24"), "not a check-in: ignored"))
    entries = [entry for batch in store.follow_up.batches() for entry in batch]
    batches = list(store.follow_up.discipline_batches(batch_size=150))
    assert len(batches) == 3
    full = rows_of(entries)
    for part in ("interviews", "people"):
        assert [row for batch in batches for row in getattr(batch, part)] == list(getattr(full, part))
    assert {i: d for b in batches for i, d in b.check_in_snoozes.items()} == {5: D("2026-12-24")}
    marks = [row for batch in batches for row in batch.marks]
    assert sorted(marks) == sorted(m for m in full.marks if m[1].startswith(("check_in", "thank_you")))
    assert len(marks) < len(full.marks)  # the store leaves out the marks no fact reads
    facts = pd.concat([facts_of(batch, LONDON) for batch in batches], ignore_index=True)
    assert_frame_equal(facts, timeline_facts(entries, LONDON))
    only = list(store.follow_up.discipline_batches(only=[7, 3, 99_999]))
    assert [row[0] for batch in only for row in batch.interviews] == [3, 7]
