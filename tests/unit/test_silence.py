"""Silence after a check-in, and an interview logged ahead: the rules of DOMAIN.md, with `now` injected."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Outcome, validate
from lib.domain.steps import StepKind, StepMark, StepStatus
from tests.factories import FIXED_NOW, D, build_interview

LONDON = ZoneInfo("Europe/London")


def done(key: str, day: str) -> StepMark:
    return StepMark(key, StepStatus.DONE, D(day))


def skipped(key: str, day: str) -> StepMark:
    return StepMark(key, StepStatus.SKIPPED, D(day))


def steps_at(now: str, marks=(), **overrides):
    interview = build_interview(interviewers=(), **overrides)
    return {s.key: s for s in follow_up_timeline(interview, marks, datetime.fromisoformat(now), LONDON)}


# --- the second check-in and the no-response suggestion --------------------------------------
@pytest.mark.parametrize(
    ("check_in_sent", "second_on"),
    [
        pytest.param("2026-11-24", "2026-12-01", id="tuesday-to-next-tuesday"),
        pytest.param("2026-11-27", "2026-12-04", id="friday-to-next-friday"),
        pytest.param("2026-11-28", "2026-12-04", id="sent-on-a-saturday-counts-from-monday"),
        pytest.param("2026-03-27", "2026-04-03", id="across-the-spring-dst-change"),
        pytest.param("2026-10-23", "2026-10-30", id="across-the-autumn-dst-change"),
    ],
)
def test_a_check_in_sent_without_an_answer_brings_one_more_five_business_days_later(check_in_sent, second_on):
    interviewed = datetime.fromisoformat(check_in_sent + "T10:00") - timedelta(days=14)
    steps = steps_at(check_in_sent + "T18:00", [done("check_in", check_in_sent)], interview_at=interviewed)
    second = steps["second_check_in"]
    assert second.kind is StepKind.SECOND_CHECK_IN
    assert second.recommended == D(second_on)
    assert second.status is StepStatus.UPCOMING
    assert "no_response" not in steps  # only once the second one went out
    assert "One polite nudge is fine, and a single unanswered email is common" in second.why


def test_the_second_check_in_goes_via_the_recruiter_when_one_is_involved():
    steps = steps_at("2026-11-25T09:00", [done("check_in", "2026-11-24")], recruiter="Sam Lee")
    assert steps["second_check_in"].title == "Second check-in, via Sam Lee (recruiter)"


@pytest.mark.parametrize(
    ("second", "suggested_on"),
    [
        pytest.param(done("second_check_in", "2026-12-01"), "2026-12-15", id="sent"),
        pytest.param(skipped("second_check_in", "2026-12-02"), "2026-12-16", id="skipped-counts-from-the-skip"),
        pytest.param(done("second_check_in", "2026-12-05"), "2026-12-18", id="sent-on-a-saturday"),
    ],
)
def test_ten_business_days_after_the_second_check_in_the_app_suggests_recording_no_response(second, suggested_on):
    steps = steps_at("2026-12-05T09:00", [done("check_in", "2026-11-24"), second])
    suggestion = steps["no_response"]
    assert suggestion.kind is StepKind.NO_RESPONSE
    assert suggestion.recommended == D(suggested_on)
    assert "Silence is common and it is not a verdict on you" in suggestion.why
    assert "No third check-in" in suggestion.why
    assert not any(k.startswith("third") for k in steps)


def test_the_no_response_suggestion_waits_and_never_turns_overdue():
    marks = [done("check_in", "2026-11-24"), done("second_check_in", "2026-12-01")]
    assert steps_at("2026-12-14T09:00", marks)["no_response"].status is StepStatus.UPCOMING
    assert steps_at("2026-12-15T09:00", marks)["no_response"].status is StepStatus.DUE_TODAY
    later = steps_at("2027-01-20T09:00", marks)["no_response"]
    assert later.status is StepStatus.OPEN and later.needs_action


def test_recording_no_response_settles_the_suggestion_and_closes_the_rest():
    marks = [done("check_in", "2026-11-24"), done("second_check_in", "2026-12-01")]
    steps = steps_at("2026-12-16T09:00", marks, outcome=Outcome.NO_RESPONSE, outcome_on=D("2026-12-16"))
    assert (steps["no_response"].status, steps["no_response"].done_on) == (StepStatus.DONE, D("2026-12-16"))
    assert steps["soft_touch"].status is StepStatus.CLOSED


@pytest.mark.parametrize(
    "marks",
    [
        pytest.param((), id="check-in-not-sent"),
        pytest.param((skipped("check_in", "2026-11-24"),), id="check-in-skipped"),
    ],
)
def test_no_second_check_in_without_a_first_one_sent(marks):
    steps = steps_at("2026-12-20T09:00", marks)
    assert "second_check_in" not in steps and "no_response" not in steps


def test_an_outcome_closes_the_second_check_in_too():
    steps = steps_at("2026-12-02T09:00", [done("check_in", "2026-11-24")], outcome=Outcome.REJECTED,
                     outcome_on=D("2026-11-30"))
    assert steps["second_check_in"].status is StepStatus.CLOSED


# --- an interview logged ahead -------------------------------------------------------------------
TOMORROW = FIXED_NOW + timedelta(days=1)


@pytest.mark.parametrize(
    ("now", "ahead", "awaits"),
    [
        pytest.param(FIXED_NOW, True, False, id="booked-for-tomorrow"),
        pytest.param(TOMORROW + timedelta(minutes=59), True, False, id="still-going"),
        pytest.param(TOMORROW + timedelta(minutes=60), False, True, id="just-ended"),
        pytest.param(TOMORROW + timedelta(days=9), False, True, id="a-week-later-still-waits"),
    ],
)
def test_a_booked_interview_is_ahead_until_its_end_then_awaits_its_scores(now, ahead, awaits):
    booked = validate(build_interview(interview_at=TOMORROW, duration_min=60, scores={}, evidence={}), FIXED_NOW)
    assert booked.booked
    assert (booked.is_ahead(now), booked.awaits_scores(now)) == (ahead, awaits)


def test_a_booked_interview_has_no_follow_up_until_it_is_over():
    booked = validate(build_interview(interview_at=TOMORROW, scores={}, evidence={}), FIXED_NOW)
    assert follow_up_timeline(booked, [], FIXED_NOW) == []
    after = follow_up_timeline(booked, [], TOMORROW + timedelta(hours=2))
    assert [s.kind for s in after if s.needs_action] == [StepKind.THANK_YOU]


def test_saving_a_booked_interview_after_its_end_is_its_debrief_but_an_import_keeps_the_flag():
    booked = validate(build_interview(interview_at=TOMORROW, scores={}, evidence={}), FIXED_NOW)
    later = TOMORROW + timedelta(hours=3)

    assert not validate(replace(booked, booked=False), later).booked  # the log form saves it debriefed
    assert validate(booked, later).booked  # a file that says booked keeps it: still to score
    assert not validate(build_interview(), FIXED_NOW).booked  # logged after the fact


def test_an_interview_scored_before_its_booked_end_is_debriefed_not_booked():
    """It ended early and was scored at once: never 'score it while it's fresh', its scores count."""
    ended_early = build_interview(interview_at=FIXED_NOW - timedelta(minutes=30), duration_min=60)
    saved = validate(ended_early, FIXED_NOW)
    assert not saved.booked and not saved.awaits_scores(FIXED_NOW + timedelta(hours=1))
    assert validate(replace(ended_early, booked=True), FIXED_NOW).booked is False  # an outcome or scores debrief it


def test_a_booking_edited_after_its_end_without_scores_still_waits_for_them():
    from lib.domain.entry_form import EntryForm

    booked = replace(validate(build_interview(interview_at=TOMORROW, scores={}, evidence={}), FIXED_NOW), id=3)
    later = TOMORROW + timedelta(hours=3)
    form = EntryForm.from_interview(booked)
    form.notes = "Fixed Jane's surname"
    assert validate(form.to_interview(), later).awaits_scores(later)
    form.scores["skills_match"] = 4
    assert not validate(form.to_interview(), later).booked
