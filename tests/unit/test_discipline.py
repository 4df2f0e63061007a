"""Follow-up discipline: thank-you notes within 24 hours and check-ins on time, by month."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from pandas.testing import assert_frame_equal

from lib.domain.discipline import (
    CHECK_IN_MEASURE,
    THANK_YOU_MEASURE,
    discipline_by_month,
    discipline_caption,
    follow_up_facts,
    refresh_facts,
    rows_of,
)
from lib.domain.model import Interviewer, Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from tests.factories import D, build_interview

TODAY = D("2026-11-20")
DONE, SKIPPED = StepStatus.DONE, StepStatus.SKIPPED


def person(person_id: int) -> tuple[Interviewer, ...]:
    return (Interviewer(f"Person {person_id}", id=person_id),)


# Tue 10 Nov, 14:00-15:00, no timeframe: thank-you by Wed 11 Nov 15:00; check-in window opens
# Tue 17 Nov, best day Tue 24 Nov, on time until Thu 26 Nov (2 business days later).
ON_TIME_NOTE_LATE_CHECK_IN = (
    build_interview(id=1, interviewers=person(7)),
    [StepMark("thank_you:7", DONE, D("2026-11-11")), StepMark("check_in", DONE, D("2026-11-27"))],
)
# Mon 2 Nov, rejected on Thu 5 Nov: the note (due Tue 3 Nov) was missed; the check-in was never needed.
MISSED_NOTE_THEN_REJECTED = (
    build_interview(id=2, interviewers=person(8), interview_at=datetime(2026, 11, 2, 10, 0),
                    outcome=Outcome.REJECTED, outcome_on=D("2026-11-05")),
    [],
)
# Mon 2 Nov, two people: one note skipped (left out), one never sent; check-in overdue since 18 Nov.
SKIPPED_AND_MISSING = (
    build_interview(id=3, interviewers=(*person(9), *person(10)), interview_at=datetime(2026, 11, 2, 10, 0)),
    [StepMark("thank_you:9", SKIPPED, D("2026-11-02"))],
)
# Thu 15 Oct: note sent the next morning (on time); check-in best on Thu 29 Oct, last day Mon 2 Nov, not done.
OCTOBER = (build_interview(id=4, interviewers=person(11), interview_at=datetime(2026, 10, 15, 10, 0)),
           [StepMark("thank_you:11", DONE, D("2026-10-16"))])
ENTRIES = [ON_TIME_NOTE_LATE_CHECK_IN, MISSED_NOTE_THEN_REJECTED, SKIPPED_AND_MISSING, OCTOBER]


def test_facts_come_from_the_follow_up_timeline_and_the_marks():
    facts = follow_up_facts([ON_TIME_NOTE_LATE_CHECK_IN, MISSED_NOTE_THEN_REJECTED])
    expected = pd.DataFrame(
        {
            "id": [1, 1, 2, 2],
            "month": pd.to_datetime(["2026-11-01"] * 4),
            "measure": [THANK_YOU_MEASURE, CHECK_IN_MEASURE] * 2,
            "last_day": pd.to_datetime(["2026-11-11", "2026-11-26", "2026-11-03", "2026-11-18"]),
            "done_on": pd.to_datetime(["2026-11-11", "2026-11-27", None, None]),
            "on_time": [True, False, False, False],
            "skipped": [False] * 4,
            "closed_on": pd.to_datetime([None, None, "2026-11-05", "2026-11-05"]),
            "closed_undated": [False] * 4,
        }
    )
    assert_frame_equal(facts, expected, check_dtype=False)


def test_share_on_time_counts_only_the_steps_that_came_due():
    monthly = discipline_by_month(follow_up_facts(ENTRIES), TODAY)
    expected = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-10-01", "2026-10-01", "2026-11-01", "2026-11-01"]),
            "measure": [CHECK_IN_MEASURE, THANK_YOU_MEASURE] * 2,
            "on_time": [0, 1, 0, 1],
            "due": [1, 1, 2, 3],
            "share": [0.0, 1.0, 0.0, 0.333],
        }
    )
    assert_frame_equal(monthly, expected, check_dtype=False)
    assert discipline_caption(monthly) == (
        "You sent 2 of 4 thank-you notes within 24 hours (50%) and did 0 of 3 check-ins on time (0%)."
    )


def test_a_step_whose_last_day_has_not_passed_does_not_count_yet():
    monthly = discipline_by_month(follow_up_facts([ON_TIME_NOTE_LATE_CHECK_IN]), D("2026-11-12"))
    assert monthly[["measure", "on_time", "due"]].to_dict("records") == [
        {"measure": CHECK_IN_MEASURE, "on_time": 0, "due": 1},  # done (late) counts at once
        {"measure": THANK_YOU_MEASURE, "on_time": 1, "due": 1},
    ]
    nothing_done = (ON_TIME_NOTE_LATE_CHECK_IN[0], [])
    assert discipline_by_month(follow_up_facts([nothing_done]), D("2026-11-11")).empty


def test_an_early_check_in_is_not_on_time():
    early = (ON_TIME_NOTE_LATE_CHECK_IN[0], [StepMark("check_in", DONE, D("2026-11-13"))])
    facts = follow_up_facts([early])
    assert facts.loc[facts["measure"] == CHECK_IN_MEASURE, "on_time"].tolist() == [False]
    in_window = (ON_TIME_NOTE_LATE_CHECK_IN[0], [StepMark("check_in", DONE, D("2026-11-17"))])
    facts = follow_up_facts([in_window])
    assert facts.loc[facts["measure"] == CHECK_IN_MEASURE, "on_time"].tolist() == [True]


def test_an_outcome_without_a_date_leaves_only_the_steps_done():
    withdrawn = (build_interview(id=5, interviewers=person(12), outcome=Outcome.WITHDRAWN), [])
    assert discipline_by_month(follow_up_facts([withdrawn]), TODAY).empty


def test_caption_when_nothing_has_come_due():
    assert discipline_caption(discipline_by_month(follow_up_facts([]), TODAY)) == (
        "Nothing has come due yet: thank-you notes and check-ins appear here once their day has passed."
    )


def test_a_snoozed_check_in_is_judged_against_its_new_day_but_a_thank_you_never_is():
    interview, _ = ON_TIME_NOTE_LATE_CHECK_IN
    marks = [StepMark("thank_you:7", DONE, D("2026-11-13")), StepMark("check_in", DONE, D("2026-12-02"))]
    snoozes = [StepSnooze("check_in", D("2026-12-01"), "recruiter on holiday"),
               StepSnooze("thank_you:7", D("2026-11-13"), "waiting for the panel to finish")]
    facts = follow_up_facts([(interview, marks, snoozes)]).set_index("measure")
    assert facts.loc[CHECK_IN_MEASURE, "on_time"]  # best day Tue 1 Dec, done Wed 2 Dec: within 2 business days
    assert facts.loc[THANK_YOU_MEASURE, "last_day"] == pd.Timestamp("2026-11-11")
    assert not facts.loc[THANK_YOU_MEASURE, "on_time"]  # sent 13 Nov: not within 24 hours, snoozed or not


def test_refreshing_known_facts_recomputes_only_what_changed_and_matches_a_full_pass():
    entries = {e[0].id: e for e in (ON_TIME_NOTE_LATE_CHECK_IN, MISSED_NOTE_THEN_REJECTED, SKIPPED_AND_MISSING)}
    loaded: list[list[int]] = []

    def load(ids: list[int]):
        loaded.append(sorted(ids))
        return [rows_of(entries[i] for i in ids)]

    def by_id(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values(["id", "measure"]).reset_index(drop=True)

    known = refresh_facts(None, {1: "a", 2: "b", 3: "c"}, load)
    assert loaded == [[1, 2, 3]]
    assert refresh_facts(known, {1: "a", 2: "b", 3: "c"}, load) is known  # nothing changed: nothing loaded
    assert loaded == [[1, 2, 3]]

    late = (entries[1][0], [StepMark("thank_you:7", DONE, D("2026-11-12"))])  # the note marked a day late
    entries[1] = late
    known = refresh_facts(known, {1: "a2", 3: "c"}, load)  # 1 changed, 2 deleted
    assert loaded[-1] == [1]
    assert_frame_equal(by_id(known.frame), by_id(follow_up_facts([late, SKIPPED_AND_MISSING])))
