"""Across all interviews: what needs doing now, and what opens soon (the Today page)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from lib.domain.applications import LaterRound
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview
from lib.domain.steps import Step, StepKind, StepMark, StepSnooze, StepStatus


@dataclass(frozen=True)
class AgendaItem:
    interview: Interview
    step: Step


@dataclass(frozen=True)
class PlanDay:
    """One day of the weekly plan and what to send on it."""

    day: date
    items: list[AgendaItem]
    is_today: bool = False


@dataclass(frozen=True)
class Agenda:
    due: list[AgendaItem]  # overdue first, then due today, then open
    opening_soon: list[AgendaItem]  # windows that open within the coming week
    later: list[AgendaItem] = field(default_factory=list)  # not open yet, planned within the coming week

    def week(self, today: date, days: int = 7) -> list[PlanDay]:
        """Today and the next days: today holds everything due now (overdue pinned here), each
        later day the steps planned on it (their recommended day, or an earlier deadline)."""
        plan = [PlanDay(today, list(self.due), is_today=True)]
        plan += [PlanDay(today + timedelta(days=n), []) for n in range(1, days)]
        for item in self.later:
            offset = (plan_day(item.step) - today).days
            if 0 <= offset < days:  # offset 0: a thank-you that opens once today's interview is over
                plan[offset].items.append(item)
        return plan


def plan_day(step: Step) -> date:
    """The day a step belongs to in the plan: its recommended day, or its deadline's when earlier."""
    return min(step.recommended, step.deadline.date()) if step.deadline else step.recommended


_URGENCY = {StepStatus.OVERDUE: 0, StepStatus.DUE_TODAY: 1, StepStatus.OPEN: 2}


def build_agenda(
    interviews: Iterable[Interview],
    marks_by_id: Mapping[int, list[StepMark]],
    now: datetime,
    tz: tzinfo | None = None,
    horizon_days: int = 7,
    snoozes_by_id: Mapping[int, Sequence[StepSnooze]] | None = None,
    later_by_id: Mapping[int, LaterRound] | None = None,
) -> Agenda:
    """Optional steps never nag: they appear only on their recommended day. A round with a later
    round in its application (`later_by_id`) has moved on: nothing of it is due."""
    due, soon, later = [], [], []
    horizon = now + timedelta(days=horizon_days)
    last_day = now.date() + timedelta(days=horizon_days - 1)
    for interview in interviews:
        snoozes = (snoozes_by_id or {}).get(interview.saved_id, [])
        moved_on = (later_by_id or {}).get(interview.saved_id)
        for step in follow_up_timeline(interview, marks_by_id.get(interview.saved_id, []), now, tz, snoozes, moved_on):
            if not step.reminder:
                continue
            if step.status in _URGENCY and (not step.optional or step.status is StepStatus.DUE_TODAY):
                due.append(AgendaItem(interview, step))
            elif step.status is StepStatus.UPCOMING and step.opens <= horizon:
                soon.append(AgendaItem(interview, step))
            if step.status is StepStatus.UPCOMING and plan_day(step) <= last_day:
                later.append(AgendaItem(interview, step))
    due.sort(key=lambda i: (_URGENCY[i.step.status], i.step.recommended, i.interview.interview_at))
    soon.sort(key=lambda i: (i.step.opens, i.interview.interview_at))
    later.sort(key=lambda i: (plan_day(i.step), i.step.optional, i.interview.interview_at))
    return Agenda(due, soon, later)


@dataclass(frozen=True)
class DueCard:
    """One card of Today's "Due now": a single step, or every due thank-you note of one interview.

    Three interviewers make three notes, written one by one but sent in one sitting: one card for
    them, with one "Mark all sent", rather than three cards of two clicks each.
    """

    items: list[AgendaItem]  # one, or the interview's thank-you notes, most urgent first

    @property
    def interview(self) -> Interview:
        return self.items[0].interview

    @property
    def steps(self) -> list[Step]:
        return [item.step for item in self.items]

    @property
    def is_thank_yous(self) -> bool:
        return self.items[0].step.kind is StepKind.THANK_YOU

    @property
    def worst(self) -> Step:
        """The step whose status the card's badge shows: overdue before due today before open."""
        return min(self.steps, key=lambda s: _URGENCY.get(s.status, len(_URGENCY)))

    @property
    def title(self) -> str:
        """Several notes read "Thank-you notes: Ana Ruiz, Ben Okafor"; a single step keeps its own title."""
        if len(self.items) == 1:
            return self.items[0].step.title
        return "Thank-you notes: " + ", ".join(recipient_name(s) for s in self.steps)


def recipient_name(step: Step) -> str:
    return step.recipient.name if step.recipient else step.title


def due_cards(items: Sequence[AgendaItem]) -> list[DueCard]:
    """Due items (in urgency order) as Today's cards: an interview's thank-you notes join the card of
    its most urgent one, where that note would sit; every other step keeps a card of its own."""
    slots: list[list[AgendaItem]] = []
    notes_of: dict[int, list[AgendaItem]] = {}  # interview id -> the slot of its thank-you notes
    for item in items:
        if item.step.kind is not StepKind.THANK_YOU:
            slots.append([item])
        elif (notes := notes_of.get(item.interview.saved_id)) is not None:
            notes.append(item)
        else:
            notes_of[item.interview.saved_id] = notes = [item]
            slots.append(notes)
    return [DueCard(slot) for slot in slots]
