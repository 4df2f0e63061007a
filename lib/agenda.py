"""Across all interviews: what needs doing now, and what opens soon (the Today page)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from lib.followup import Step, StepMark, StepStatus, follow_up_timeline
from lib.model import Interview


@dataclass(frozen=True)
class AgendaItem:
    interview: Interview
    step: Step


@dataclass(frozen=True)
class Agenda:
    due: list[AgendaItem]  # overdue first, then due today, then open
    opening_soon: list[AgendaItem]  # windows that open within the coming week

    @property
    def all_caught_up(self) -> bool:
        return not self.due


_URGENCY = {StepStatus.OVERDUE: 0, StepStatus.DUE_TODAY: 1, StepStatus.OPEN: 2}


def build_agenda(
    interviews: Iterable[Interview],
    marks_by_id: Mapping[int, list[StepMark]],
    now: datetime,
    tz: tzinfo | None = None,
    horizon_days: int = 7,
) -> Agenda:
    """Optional steps never nag: they appear only on their recommended day."""
    due, soon = [], []
    horizon = now + timedelta(days=horizon_days)
    for interview in interviews:
        for step in follow_up_timeline(interview, marks_by_id.get(interview.id, []), now, tz):
            if not step.reminder:
                continue
            if step.status in _URGENCY and (not step.optional or step.status is StepStatus.DUE_TODAY):
                due.append(AgendaItem(interview, step))
            elif step.status is StepStatus.UPCOMING and step.opens <= horizon:
                soon.append(AgendaItem(interview, step))
    due.sort(key=lambda i: (_URGENCY[i.step.status], i.step.recommended, i.interview.interview_at))
    soon.sort(key=lambda i: (i.step.opens, i.interview.interview_at))
    return Agenda(due, soon)
