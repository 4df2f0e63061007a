"""Which interviews a new coaching session starts with: the pure rule, over plain interviews, no database."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.coaching import suggestion_for
from tests.factories import build_interview

TODAY = date(2026, 11, 20)
YEAR = [build_interview(id=n, interview_at=datetime(2026, 11, day, 10)) for n, day in ((3, 16), (2, 9), (1, 2))]


def test_the_picks_are_the_interviews_since_the_last_session_not_yet_discussed():
    since_last = [i for i in YEAR if i.day0 >= date(2026, 11, 9)]
    found = suggestion_for("sam", TODAY, last_session_on=date(2026, 11, 9), choices=YEAR, since_last=since_last,
                           discussed={2})
    assert found.picks == (3,)
    assert [i.id for i in found.choices] == [3, 2, 1]
    assert found.reason == "Since your last session with sam (Mon 9 Nov): 1 interview not discussed yet."


def test_a_first_session_picks_every_interview_of_the_last_four_weeks_oldest_first():
    found = suggestion_for("Jo", TODAY, last_session_on=None, choices=YEAR, since_last=YEAR, discussed=set())
    assert found.picks == (1, 2, 3)
    assert found.reason == "First session with Jo: 3 interviews from the last 4 weeks."


def test_without_a_mentor_nothing_is_picked_but_every_choice_is_offered():
    found = suggestion_for("", TODAY, last_session_on=None, choices=YEAR, since_last=[], discussed=set())
    assert found.picks == ()
    assert len(found.choices) == 3
    assert found.reason.startswith("Type your mentor's name")
