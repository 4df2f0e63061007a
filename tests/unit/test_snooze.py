"""Snoozing a step: it moves to a later day with a reason, honestly, and moves nothing else."""

from __future__ import annotations

from datetime import datetime

import pytest

from lib.domain.followup import follow_up_timeline, snooze_step, suggested_snooze_day
from lib.domain.model import Interview, Interviewer, Outcome, ValidationError
from lib.domain.steps import Step, StepMark, StepSnooze, StepStatus
from tests.factories import D, build_interview

T = datetime.fromisoformat
PRIYA = Interviewer("Priya Shah", "Engineering Manager", "priya@acme.example", id=7)
THANK_YOU = "thank_you:7"
# Tue 10 Nov 2026, 14:00-15:00. Without marks or snoozes: thank-you Tue 10 Nov (by Wed 11 Nov 15:00),
# soft touch Tue 17 Nov, check-in from Tue 17 Nov, best on Tue 24 Nov.


def interview(**overrides) -> Interview:
    overrides.setdefault("interviewers", (PRIYA,))
    return build_interview(**overrides)


def timeline(snoozes=(), marks=(), now="2026-11-12T09:00", **overrides) -> dict[str, Step]:
    steps = follow_up_timeline(interview(**overrides), marks, T(now), None, snoozes)
    return {s.key: s for s in steps}


def snoozed(key: str, until: str, reason: str = "they are away") -> StepSnooze:
    return StepSnooze(key, D(until), reason)


def test_a_snoozed_step_moves_to_the_snooze_day_and_says_why():
    step = timeline([snoozed("check_in", "2026-11-30", "the recruiter asked me to wait")])["check_in"]
    assert step.recommended == D("2026-11-30")
    assert step.opens == T("2026-11-30T00:00")
    assert step.status is StepStatus.UPCOMING
    assert step.status_text(D("2026-11-12")) == "Snoozed until Mon 30 Nov"
    assert step.why.startswith("Snoozed from Tue 24 Nov: the recruiter asked me to wait. No timeframe given")
    assert (step.snoozed_from, step.snooze_reason) == (D("2026-11-24"), "the recruiter asked me to wait")


def test_snoozing_one_step_moves_no_other():
    plain = timeline()
    after = timeline([snoozed("check_in", "2026-12-07")])
    for key in ("ask_next_steps", THANK_YOU, "soft_touch"):
        assert after[key] == plain[key]


def test_the_soft_touch_follows_a_snoozed_unsent_thank_you_because_its_rule_counts_from_it():
    steps = timeline([snoozed(THANK_YOU, "2026-11-13", "waiting to hear from Tom first")], now="2026-11-11T09:00")
    assert steps[THANK_YOU].recommended == D("2026-11-13")
    assert steps["soft_touch"].recommended == D("2026-11-20")  # a week after the new day, not after 10 Nov
    assert steps["check_in"] == timeline(now="2026-11-11T09:00")["check_in"]


def test_once_the_thank_you_is_sent_the_soft_touch_counts_from_the_day_it_was_sent():
    sent = StepMark(THANK_YOU, StepStatus.DONE, D("2026-11-11"))
    steps = timeline([snoozed(THANK_YOU, "2026-11-13")], [sent])
    assert steps[THANK_YOU].status is StepStatus.DONE
    assert steps["soft_touch"].recommended == D("2026-11-18")


def test_a_weekend_snooze_day_moves_to_monday():
    step = timeline([snoozed("check_in", "2026-11-28")])["check_in"]  # a Saturday
    assert step.recommended == D("2026-11-30")


@pytest.mark.parametrize(
    ("now", "status", "text"),
    [
        ("2026-11-27T09:00", StepStatus.UPCOMING, "Snoozed until Mon 30 Nov"),
        ("2026-11-30T09:00", StepStatus.DUE_TODAY, "Due today"),
        ("2026-12-01T09:00", StepStatus.OVERDUE, "Overdue since Mon 30 Nov: still worth doing"),
    ],
)
def test_a_snoozed_step_comes_due_on_its_new_day(now: str, status: StepStatus, text: str):
    step = timeline([snoozed("check_in", "2026-11-30")], now=now)["check_in"]
    assert (step.status, step.status_text(T(now).date())) == (status, text)


def test_a_snoozed_thank_you_is_due_on_its_new_day_not_by_the_24_hour_deadline():
    step = timeline([snoozed(THANK_YOU, "2026-11-13")], now="2026-11-12T09:00")[THANK_YOU]
    assert step.deadline is None
    assert step.status is StepStatus.UPCOMING  # not overdue since Wed 11 Nov
    assert "within 24 hours" in step.why  # the rule itself is still said plainly


def test_a_snoozed_optional_step_never_nags_after_its_day():
    step = timeline([snoozed("soft_touch", "2026-11-20")], now="2026-11-24T09:00")["soft_touch"]
    assert step.status is StepStatus.OPEN


def test_a_mark_wins_over_a_snooze_and_undoing_it_brings_the_snooze_back():
    snooze = [snoozed("check_in", "2026-11-30")]
    done = StepMark("check_in", StepStatus.DONE, D("2026-11-12"))
    assert timeline(snooze, [done])["check_in"].status is StepStatus.DONE
    assert timeline(snooze, [])["check_in"].status_text(D("2026-11-12")) == "Snoozed until Mon 30 Nov"


def test_an_outcome_closes_a_snoozed_step_like_any_other():
    step = timeline([snoozed("check_in", "2026-11-30")], outcome=Outcome.REJECTED)["check_in"]
    assert step.status is StepStatus.CLOSED


def test_a_snooze_that_would_not_move_the_step_later_is_ignored():
    plain = timeline()["check_in"]
    assert timeline([snoozed("check_in", "2026-11-20")])["check_in"] == plain
    assert timeline([snoozed("unknown_step", "2026-12-20")])["check_in"] == plain


def test_unsnoozing_is_passing_no_snooze():
    assert timeline([])["check_in"].snoozed_from is None


# --- checking a snooze before it is saved ------------------------------------------------------
TODAY = D("2026-11-12")


def check_in(snoozes=()) -> Step:
    return timeline(snoozes)["check_in"]


def test_a_good_snooze_is_returned_with_a_tidy_reason():
    assert snooze_step(check_in(), D("2026-11-30"), "  they are\naway ", TODAY) == snoozed("check_in", "2026-11-30")


@pytest.mark.parametrize(
    ("until", "reason", "errors"),
    [
        ("2026-11-12", "away", {"until": "pick a day after Tue 24 Nov"}),
        ("2026-11-24", "away", {"until": "pick a day after Tue 24 Nov"}),  # its own day is not later
        ("2027-11-30", "away", {"until": "is more than a year away"}),
        ("2026-11-30", "   ", {"reason": "say why, in a few words: it is shown beside the step"}),
        ("2026-11-30", "x" * 201, {"reason": "is too long (201 characters; the limit is 200)"}),
        ("2026-11-01", "", {"until": "pick a day after Tue 24 Nov", "reason": "say why, in a few words: it is "
                                                                                "shown beside the step"}),
    ],
)
def test_a_snooze_must_move_the_step_later_and_say_why(until: str, reason: str, errors: dict[str, str]):
    with pytest.raises(ValidationError) as caught:
        snooze_step(check_in(), D(until), reason, TODAY)
    assert caught.value.errors == errors


def test_an_open_step_can_be_snoozed_from_tomorrow():
    thank_you = timeline()[THANK_YOU]  # overdue since Wed 11 Nov
    with pytest.raises(ValidationError, match="pick a day after Thu 12 Nov"):
        snooze_step(thank_you, TODAY, "later", TODAY)
    assert snooze_step(thank_you, D("2026-11-13"), "later", TODAY).until == D("2026-11-13")


def test_a_snoozed_step_can_be_snoozed_again_counting_from_its_own_rule_day():
    again = check_in([snoozed("check_in", "2026-12-07")])
    assert snooze_step(again, D("2026-11-30"), "sooner after all", TODAY).until == D("2026-11-30")


def test_a_settled_step_cannot_be_snoozed():
    done = timeline(marks=[StepMark("check_in", StepStatus.DONE, TODAY)])["check_in"]
    with pytest.raises(ValidationError) as caught:
        snooze_step(done, D("2026-11-30"), "away", TODAY)
    assert caught.value.errors == {"step": "is done: only a step still to do can be snoozed"}


def test_the_form_offers_three_business_days_after_the_step_or_today():
    assert suggested_snooze_day(check_in(), TODAY) == D("2026-11-27")  # Tue 24 Nov + 3 business days
    assert suggested_snooze_day(timeline()[THANK_YOU], TODAY) == D("2026-11-17")  # Thu 12 Nov + 3
