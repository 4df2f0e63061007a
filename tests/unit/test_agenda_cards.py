"""Today's "Due now" cards: an interview's thank-you notes share one card, every other step has its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from lib.domain.agenda import DueCard, build_agenda, due_cards
from lib.domain.model import Interview, Interviewer
from lib.domain.steps import StepSnooze, StepStatus
from tests.factories import D, build_interview

T = datetime.fromisoformat
FRIDAY = T("2026-11-20T17:00")


def entry(interview_id: int, when: str, names: tuple[str, ...] = ("Priya Shah",), **overrides) -> Interview:
    people = tuple(Interviewer(name, id=interview_id * 10 + n) for n, name in enumerate(names))
    return replace(build_interview(interview_at=T(when), interviewers=people, **overrides), id=interview_id)


def cards_of(interviews, snoozes=None) -> list[DueCard]:
    return due_cards(build_agenda(interviews, {}, FRIDAY, None, snoozes_by_id=snoozes or {}).due)


def shape(cards: list[DueCard]) -> list[tuple[int, list[str]]]:
    return [(card.interview.saved_id, [s.key for s in card.steps]) for card in cards]


def test_three_interviewers_give_one_card_naming_all_three():
    acme = entry(1, "2026-11-20T10:00", ("Ana Ruiz", "Ben Okafor", "Cleo Park"))
    [card] = cards_of([acme])
    assert card.is_thank_yous
    assert [s.key for s in card.steps] == ["thank_you:10", "thank_you:11", "thank_you:12"]
    assert card.title == "Thank-you notes: Ana Ruiz, Ben Okafor, Cleo Park"
    assert card.worst.status is StepStatus.DUE_TODAY


def test_one_interviewer_keeps_the_single_notes_title():
    [card] = cards_of([entry(1, "2026-11-20T10:00", ("Ana Ruiz",))])
    assert card.is_thank_yous
    assert card.title == "Thank-you note to Ana Ruiz"


def test_the_group_sits_where_its_most_urgent_note_would_and_other_steps_keep_their_own_cards():
    late = entry(1, "2026-11-10T14:00", ("Ana Ruiz", "Ben Okafor"))  # both notes overdue, a check-in open
    today = entry(2, "2026-11-20T10:00", ("Cleo Park", "Dev Rao"))  # both notes due today
    items = build_agenda([late, today], {}, FRIDAY).due
    assert [(i.interview.id, i.step.key) for i in items] == [
        (1, "thank_you:10"), (1, "thank_you:11"), (2, "thank_you:20"), (2, "thank_you:21"), (1, "check_in"),
    ]
    assert shape(due_cards(items)) == [
        (1, ["thank_you:10", "thank_you:11"]),
        (2, ["thank_you:20", "thank_you:21"]),
        (1, ["check_in"]),
    ]


def test_notes_split_by_urgency_still_share_one_card_at_the_most_urgent_place_with_the_worst_badge():
    late = entry(1, "2026-11-10T14:00", ("Ana Ruiz", "Ben Okafor", "Cleo Park"))
    other = entry(2, "2026-11-20T09:00", ("Dev Rao",))  # due today, earlier than Ben's rescheduled note
    snoozes = {1: [StepSnooze("thank_you:11", D("2026-11-20"), "he was away")]}  # Ben: due today, not overdue
    cards = cards_of([late, other], snoozes)
    assert shape(cards) == [
        (1, ["thank_you:10", "thank_you:12", "thank_you:11"]),
        (2, ["thank_you:20"]),
        (1, ["check_in"]),
    ]
    assert [s.status for s in cards[0].steps] == [StepStatus.OVERDUE, StepStatus.OVERDUE, StepStatus.DUE_TODAY]
    assert cards[0].worst.status is StepStatus.OVERDUE
    assert cards[0].title == "Thank-you notes: Ana Ruiz, Cleo Park, Ben Okafor"  # most urgent first


def test_the_badge_is_the_worst_status_whatever_order_the_card_holds():
    late = entry(1, "2026-11-10T14:00", ("Ana Ruiz", "Ben Okafor"))
    [card, _check_in] = cards_of([late], {1: [StepSnooze("thank_you:10", D("2026-11-20"), "away")]})
    due_today_first = DueCard(sorted(card.items, key=lambda i: i.step.status is StepStatus.OVERDUE))
    assert due_today_first.steps[0].status is StepStatus.DUE_TODAY
    assert due_today_first.worst.key == "thank_you:11"


def test_thank_yous_of_two_interviews_with_the_same_people_stay_apart():
    first = entry(1, "2026-11-20T09:00", ("Ana Ruiz", "Ben Okafor"))
    second = entry(2, "2026-11-20T11:00", ("Ana Ruiz", "Ben Okafor"), role="Analytics engineer")
    assert shape(cards_of([first, second])) == [
        (1, ["thank_you:10", "thank_you:11"]),
        (2, ["thank_you:20", "thank_you:21"]),
    ]


def test_no_due_items_make_no_cards():
    assert due_cards([]) == []
