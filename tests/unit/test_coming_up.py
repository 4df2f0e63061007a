"""Which booked interviews Today lists as coming up, which await their scores, and what it says on the day."""

from __future__ import annotations

from datetime import datetime

import pytest

from lib.domain.coming_up import ON_THE_DAY, awaiting_scores, coming_up, day_word
from lib.domain.model import Outcome, Stage
from tests.factories import FIXED_NOW, D, build_interview

# FIXED_NOW is Fri 20 Nov 2026, 17:00.


def booked_at(when: datetime, minutes: int = 60, **overrides):
    fields = dict(interview_at=when, duration_min=minutes, booked=True, scores={}, id=1)
    return build_interview(**(fields | overrides))


@pytest.mark.parametrize(
    ("case", "interview", "now", "coming", "to_score"),
    [
        ("booked tomorrow", booked_at(datetime(2026, 11, 21, 10, 0)), FIXED_NOW, True, False),
        ("ends in an hour", booked_at(datetime(2026, 11, 20, 17, 30), 30), FIXED_NOW, True, False),
        ("under way", booked_at(datetime(2026, 11, 20, 16, 30)), FIXED_NOW, True, False),
        ("ended five minutes ago", booked_at(datetime(2026, 11, 20, 15, 55)), FIXED_NOW, False, True),
        ("ends this very minute", booked_at(datetime(2026, 11, 20, 16, 0)), FIXED_NOW, False, True),
        ("ended last week, never scored", booked_at(datetime(2026, 11, 12, 9, 0)), FIXED_NOW, False, True),
        ("scored (saved after its end)", booked_at(datetime(2026, 11, 20, 15, 0), booked=False), FIXED_NOW,
         False, False),
        ("logged after the fact", build_interview(interview_at=datetime(2026, 11, 19, 9, 0)), FIXED_NOW,
         False, False),
        ("last day of the week, late", booked_at(datetime(2026, 11, 26, 23, 0)), FIXED_NOW, True, False),
        ("eighth day, first minute", booked_at(datetime(2026, 11, 27, 0, 0)), FIXED_NOW, False, False),
        ("cancelled ahead (withdrawn)", booked_at(datetime(2026, 11, 23, 10, 0), outcome=Outcome.WITHDRAWN),
         FIXED_NOW, False, False),
        ("withdrawn after it took place", booked_at(datetime(2026, 11, 20, 9, 0), outcome=Outcome.WITHDRAWN),
         FIXED_NOW, False, False),
        ("rejected before scoring", booked_at(datetime(2026, 11, 19, 9, 0), outcome=Outcome.REJECTED),
         FIXED_NOW, False, True),
        # midnight: a late interview runs into the next day, and one at 00:00 tomorrow is tomorrow's
        ("started last night, still on", booked_at(datetime(2026, 11, 19, 23, 30), 90), datetime(2026, 11, 20, 0, 30),
         True, False),
        ("ended just after midnight", booked_at(datetime(2026, 11, 19, 23, 30), 45), datetime(2026, 11, 20, 0, 30),
         False, True),
        # DST (Europe/London springs forward on Sun 28 Mar 2027): the week is seven calendar days, not 168 hours
        ("spring-forward week, day 7 late", booked_at(datetime(2027, 3, 31, 23, 30)), datetime(2027, 3, 25, 0, 15),
         True, False),
        ("spring-forward week, day 8", booked_at(datetime(2027, 4, 1, 0, 0)), datetime(2027, 3, 25, 0, 15),
         False, False),
        # ... and falls back on Sun 25 Oct 2026: 01:30 happens twice, the wall clock decides
        ("fall-back night, 01:30 interview", booked_at(datetime(2026, 10, 25, 1, 30)), datetime(2026, 10, 25, 1, 45),
         True, False),
    ],
)
def test_a_booked_interview_is_coming_up_or_awaits_scores_or_neither(case, interview, now, coming, to_score):
    assert bool(coming_up([interview], now)) is coming, case
    assert bool(awaiting_scores([interview], now)) is to_score, case


@pytest.mark.parametrize(
    ("start", "now", "reminder"),
    [
        (datetime(2026, 11, 20, 18, 0), FIXED_NOW, ON_THE_DAY),  # in an hour: on the day
        (datetime(2026, 11, 20, 16, 30), FIXED_NOW, ON_THE_DAY),  # under way
        (datetime(2026, 11, 21, 9, 0), FIXED_NOW, ""),  # tomorrow: not yet
        (datetime(2026, 11, 20, 0, 0), datetime(2026, 11, 19, 23, 59), ""),  # tomorrow in a minute: not yet
        (datetime(2026, 11, 19, 23, 30), datetime(2026, 11, 20, 0, 10), ON_THE_DAY),  # started before midnight
        (datetime(2027, 3, 28, 9, 0), datetime(2027, 3, 28, 7, 0), ON_THE_DAY),  # the day clocks go forward
    ],
)
def test_the_next_steps_reminder_shows_on_the_day_of_the_interview(start, now, reminder):
    (entry,) = coming_up([booked_at(start)], now)
    assert entry.reminder == reminder


def test_coming_up_is_soonest_first_and_reads_day_time_company_role_stage():
    later = booked_at(datetime(2026, 11, 24, 10, 0), company="Kestrel", role="Backend engineer", id=2)
    sooner = booked_at(datetime(2026, 11, 20, 18, 0), 45, company="Heron", role="SRE", stage=Stage.PHONE_SCREEN,
                       id=3)
    entries = coming_up([later, sooner], FIXED_NOW)
    assert [(e.when, e.what) for e in entries] == [
        ("Today, 18:00–18:45", "Heron: SRE · Phone screen"),
        ("Tue 24 Nov, 10:00–11:00", "Kestrel: Backend engineer · Technical"),
    ]


def test_an_interview_under_way_reads_now_until_its_end():
    (entry,) = coming_up([booked_at(datetime(2026, 11, 20, 16, 30))], FIXED_NOW)
    assert entry.when == "Now, until 17:30"


@pytest.mark.parametrize(
    ("start", "minutes", "line"),
    [
        (datetime(2026, 11, 20, 10, 0), 60, "Kestrel: Backend engineer · Technical, ended 11:00 today"),
        (datetime(2026, 11, 19, 16, 0), 30, "Kestrel: Backend engineer · Technical, ended yesterday at 16:30"),
        (datetime(2026, 11, 17, 9, 0), 60, "Kestrel: Backend engineer · Technical, ended Tue 17 Nov"),
        (datetime(2025, 11, 17, 9, 0), 60, "Kestrel: Backend engineer · Technical, ended Mon 17 Nov 2025"),
    ],
)
def test_an_interview_to_score_says_when_it_ended(start, minutes, line):
    interview = booked_at(start, minutes, company="Kestrel", role="Backend engineer")
    (entry,) = awaiting_scores([interview], FIXED_NOW)
    assert entry.line == line


def test_interviews_to_score_come_in_the_order_they_took_place():
    first = booked_at(datetime(2026, 11, 18, 9, 0), company="Early", id=5)
    second = booked_at(datetime(2026, 11, 20, 9, 0), company="Late", id=4)
    assert [e.interview.company for e in awaiting_scores([second, first], FIXED_NOW)] == ["Early", "Late"]


def test_nothing_booked_means_nothing_to_show():
    assert coming_up([], FIXED_NOW) == []
    assert awaiting_scores([], FIXED_NOW) == []


@pytest.mark.parametrize(
    ("day", "word"),
    [(D("2026-11-20"), "Today"), (D("2026-11-21"), "Tomorrow"), (D("2026-11-19"), "Yesterday"),
     (D("2026-11-23"), "Mon 23 Nov"), (D("2027-01-04"), "Mon 4 Jan 2027")],
)
def test_days_near_today_read_as_words(day, word):
    assert day_word(day, FIXED_NOW.date()) == word
