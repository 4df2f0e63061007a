"""The weekly plan on Today: what to send on which day, overdue steps pinned to today."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from lib.domain.agenda import build_agenda, plan_day
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview, Interviewer
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from tests.factories import D, build_interview

T = datetime.fromisoformat
FRIDAY = T("2026-11-20T17:00")


def entry(interview_id: int, when: str, **overrides) -> Interview:
    person = Interviewer("Priya Shah", id=interview_id * 10)
    return replace(build_interview(interview_at=T(when), interviewers=(person,), **overrides), id=interview_id)


def plan(interviews, marks=None, snoozes=None, now=FRIDAY):
    agenda = build_agenda(interviews, marks or {}, now, None, snoozes_by_id=snoozes or {})
    return agenda, agenda.week(now.date())


def titles(day) -> list[tuple[int, str]]:
    return [(item.interview.id, item.step.key) for item in day.items]


def test_a_week_of_follow_ups_is_grouped_by_day_with_overdue_ones_pinned_to_today():
    late = entry(1, "2026-11-10T14:00")  # thank-you overdue, check-in open (best on Tue 24 Nov)
    today = entry(2, "2026-11-20T10:00")  # thank-you due today
    waiting = entry(3, "2026-11-16T10:00", stated_timeframe="within 1 week")  # check-in Thu 26 Nov
    snoozed = entry(4, "2026-11-09T10:00")
    marks = {3: [StepMark("thank_you:30", StepStatus.DONE, D("2026-11-16"))],  # soft touch Mon 23 Nov
             4: [StepMark("thank_you:40", StepStatus.DONE, D("2026-11-09"))]}
    snoozes = {4: [StepSnooze("check_in", D("2026-11-24"), "they are away")]}
    agenda, week = plan([late, today, waiting, snoozed], marks, snoozes)
    assert [d.day for d in week] == [D("2026-11-20") + timedelta(days=n) for n in range(7)]
    assert week[0].is_today and not any(d.is_today for d in week[1:])
    assert titles(week[0]) == [(1, "thank_you:10"), (2, "thank_you:20"), (1, "check_in")]
    assert week[0].items == agenda.due
    by_day = {d.day: titles(d) for d in week[1:]}
    assert by_day == {
        D("2026-11-21"): [],
        D("2026-11-22"): [],
        D("2026-11-23"): [(3, "soft_touch")],
        D("2026-11-24"): [(4, "check_in")],  # snoozed there from Mon 23 Nov
        D("2026-11-25"): [],
        D("2026-11-26"): [(3, "check_in")],
    }


def test_steps_beyond_the_week_and_optional_ones_already_past_are_left_out():
    _, week = plan([entry(2, "2026-11-20T10:00")])  # soft touch Fri 27 Nov, check-in from Fri 27 Nov
    assert [titles(d) for d in week[1:]] == [[]] * 6
    _, week = plan([entry(1, "2026-11-10T14:00")])  # its soft touch was best on Tue 17 Nov: optional, never nags
    assert "soft_touch" not in [key for d in week for _, key in titles(d)]


def test_a_thank_you_for_an_interview_later_today_is_on_todays_list():
    later_today = entry(5, "2026-11-20T15:00")
    agenda, week = plan([later_today], now=T("2026-11-20T09:00"))
    assert agenda.due == []
    assert titles(week[0]) == [(5, "thank_you:50")]
    assert week[0].items[0].step.status is StepStatus.UPCOMING


def test_a_weekend_interviews_thank_you_is_planned_on_its_own_day():
    saturday = entry(7, "2026-11-21T10:00")
    [thank_you] = [s for s in follow_up_timeline(saturday, (), FRIDAY) if s.key == "thank_you:70"]
    assert thank_you.recommended == plan_day(thank_you) == D("2026-11-21")  # the 24 hours win over the weekend
