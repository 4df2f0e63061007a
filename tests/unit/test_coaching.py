"""Coaching rules: validation, which interviews a session suggests, how actions and gaps read."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.domain.coaching import (
    ActionItem,
    ActionStatus,
    CoachingSession,
    MentorReview,
    Owner,
    action_state,
    actions_in_order,
    clean_mentor,
    default_due,
    discussion_start,
    follow_up_summary,
    owner_name,
    score_gap_text,
    suggested_picks,
    validate_action,
    validate_review,
    validate_session,
)
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Dimension, Outcome, ValidationError
from lib.store import Store
from tests.factories import FIXED_NOW as NOW
from tests.factories import MakeInterview

TODAY = NOW.date()


def test_a_session_needs_a_mentor_and_an_interview():
    with pytest.raises(ValidationError) as problem:
        validate_session(CoachingSession("   ", TODAY, ()), NOW)
    assert set(problem.value.errors) == {"mentor", "interview_ids"}


def test_a_session_is_saved_with_one_spelling_of_the_mentor_and_no_repeated_interview():
    clean = validate_session(CoachingSession("  Sam   Lee ", TODAY, (3, 1, 3)), NOW)
    assert (clean.mentor, clean.interview_ids) == ("Sam Lee", (3, 1))
    assert clean_mentor("\tsam\nlee ") == "sam lee"


def test_a_session_a_year_away_is_a_typo():
    with pytest.raises(ValidationError, match="held_on"):
        validate_session(CoachingSession("Sam", date(2028, 1, 1), (1,)), NOW)


@pytest.mark.parametrize("held_on", [date(1, 1, 1), date(1989, 12, 31)], ids=["year-1", "1989"])
def test_a_session_before_1990_is_refused_on_its_date(held_on):
    with pytest.raises(ValidationError) as problem:
        validate_session(CoachingSession("Sam", held_on, (1,)), NOW)
    assert problem.value.errors == {"held_on": f"must be between 1990 and 2100 (got {held_on.isoformat()})"}


def test_an_action_due_after_2100_is_refused_on_its_due_date():
    with pytest.raises(ValidationError) as problem:
        validate_action(ActionItem("Rehearse", due_on=date(9999, 12, 31)))
    assert problem.value.errors == {"due_on": "must be between 1990 and 2100 (got 9999-12-31)"}


def test_the_mentor_may_leave_any_dimension_unscored_but_never_off_the_scale():
    review = validate_review(MentorReview({Dimension.SKILLS_MATCH: 4}, "  fine  "))
    assert review == MentorReview({Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: None,
                                   Dimension.CULTURE_FIT: None}, "fine")
    with pytest.raises(ValidationError, match=r"mentor\.enthusiasm"):
        validate_review(MentorReview({Dimension.ENTHUSIASM: 0}))


def test_an_action_needs_words():
    assert validate_action(ActionItem("  Send  the\nportfolio ")).text == "Send the portfolio"
    with pytest.raises(ValidationError, match="text"):
        validate_action(ActionItem("   "))


def test_a_first_session_looks_back_four_weeks_a_later_one_since_the_last():
    assert discussion_start(None, TODAY) == date(2026, 10, 23)
    assert discussion_start(date(2026, 11, 6), TODAY) == date(2026, 11, 6)


def test_picks_are_the_interviews_in_the_window_not_yet_discussed_oldest_first(make_interview: MakeInterview):
    interviews = [make_interview(id=n, interview_at=datetime(2026, 11, day, 10)) for n, day in
                  ((1, 5), (2, 6), (3, 12), (4, 20), (5, 23))]
    assert suggested_picks(reversed(interviews), date(2026, 11, 6), TODAY, discussed={3}) == (2, 4)


def test_suggest_interviews_since_the_last_session_with_that_mentor_only(store: Store, make_interview: MakeInterview):
    ids = {day: store.interviews.save(make_interview(interview_at=datetime(2026, 11, day, 10)),
                                      now=NOW) for day in (2, 9, 16)}
    store.coaching.start_session(CoachingSession("Sam", date(2026, 11, 10), (ids[2], ids[9])), now=NOW)
    store.coaching.start_session(CoachingSession("Alex", date(2026, 11, 18), (ids[16],)), now=NOW)
    with_sam = store.coaching.suggest("  sam ", TODAY)
    assert with_sam.picks == (ids[16],)  # Alex's session does not count for Sam
    assert with_sam.reason == "Since your last session with sam (Tue 10 Nov): 1 interview not discussed yet."
    assert [i.id for i in with_sam.choices] == [ids[16], ids[9], ids[2]]
    first = store.coaching.suggest("Jo", TODAY)
    assert first.picks == (ids[2], ids[9], ids[16])
    assert first.reason == "First session with Jo: 3 interviews from the last 4 weeks."
    assert store.coaching.suggest("", TODAY).picks == ()


def test_a_booked_interview_not_debriefed_yet_is_neither_picked_nor_offered(store: Store,
                                                                            make_interview: MakeInterview):
    scored = store.interviews.save(make_interview(interview_at=datetime(2026, 11, 16, 10)), now=NOW)
    later_today = datetime.combine(TODAY, datetime.min.time()).replace(hour=23)
    booked = make_interview(interview_at=later_today, scores={}, evidence={})  # booked: saved ahead
    store.interviews.save(booked, now=NOW)
    suggestion = store.coaching.suggest("Jo", TODAY)
    assert suggestion.picks == (scored,)
    assert [i.id for i in suggestion.choices] == [scored]


@pytest.mark.parametrize(
    "item, state",
    [
        (ActionItem("x", due_on=date(2026, 11, 24)), "due Tue 24 Nov"),
        (ActionItem("x", due_on=TODAY), "due today"),
        (ActionItem("x", due_on=date(2026, 11, 17)), "was due Tue 17 Nov"),
        (ActionItem("x"), "no due date"),
        (ActionItem("x", status=ActionStatus.DONE, closed_on=date(2026, 11, 19)), "done Thu 19 Nov"),
        (ActionItem("x", status=ActionStatus.DROPPED, closed_on=date(2026, 11, 19)), "dropped"),
    ],
)
def test_an_action_says_calmly_where_it_stands(item, state):
    assert action_state(item, TODAY) == state


def test_a_new_action_is_due_a_week_later_on_a_business_day():
    assert default_due(TODAY) == date(2026, 11, 27)
    assert default_due(date(2026, 11, 21)) == date(2026, 11, 30)  # Saturday + 7 -> Monday


def test_who_does_it_in_the_readers_words():
    mine, theirs = ActionItem("x", mentor="Sam"), ActionItem("x", Owner.MENTOR, mentor="Sam")
    assert (owner_name(mine), owner_name(theirs)) == ("You", "Sam")
    assert owner_name(mine, for_mentor=True) == "Candidate"


def test_open_actions_come_first_by_due_date_then_the_closed_ones_newest_first():
    items = [
        ActionItem("done", status=ActionStatus.DONE, id=1),
        ActionItem("undated", id=2),
        ActionItem("late", due_on=date(2026, 11, 30), id=3),
        ActionItem("soon", due_on=date(2026, 11, 23), id=4),
        ActionItem("dropped", status=ActionStatus.DROPPED, id=5),
    ]
    assert [i.text for i in actions_in_order(items)] == ["soon", "late", "undated", "dropped", "done"]


@pytest.mark.parametrize(
    "own, theirs, text",
    [(3, 4, "Sam scored 1 higher"), (4, 2, "Sam scored 2 lower"), (3, 3, "you agree"),
     (None, 3, "you did not score it"), (3, None, "Sam has not scored it"), (None, None, "neither of you scored it")],
)
def test_the_gap_on_one_dimension_in_words(own, theirs, text):
    assert score_gap_text(own, theirs, "Sam") == text


def test_the_follow_up_line_says_what_is_next_or_why_nothing_is(make_interview: MakeInterview):
    open_one = make_interview(interview_at=datetime(2026, 11, 20, 10))
    steps = follow_up_timeline(open_one, [], NOW)
    assert follow_up_summary(steps, open_one, TODAY).startswith("Next: Thank-you note to Priya Shah · ")
    closed = make_interview(outcome=Outcome.OFFER)
    assert follow_up_summary(follow_up_timeline(closed, [], NOW), closed, TODAY) == "Follow-up closed: offer."
