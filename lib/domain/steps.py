"""A follow-up step and what the user recorded about it: the types every rule and page shares.

The rules that make steps live in lib.domain.followup (one interview) and lib.domain.silence (after a
check-in); this module holds only what a step is and how its status reads to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum

from lib.domain.days import human_date, human_datetime
from lib.domain.model import Interviewer


class StepStatus(str, Enum):
    UPCOMING = "upcoming"
    OPEN = "open"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"
    DONE = "done"
    SKIPPED = "skipped"
    CLOSED = "closed"

    @property
    def settled(self) -> bool:
        """Nothing left to do: shown muted, never in a to-do list."""
        return self in (StepStatus.DONE, StepStatus.SKIPPED, StepStatus.CLOSED)


class StepKind(str, Enum):
    ASK_NEXT_STEPS = "ask_next_steps"
    RECRUITER_UPDATE = "recruiter_update"
    THANK_YOU = "thank_you"
    SOFT_TOUCH = "soft_touch"
    CHECK_IN = "check_in"
    SECOND_CHECK_IN = "second_check_in"
    NO_RESPONSE = "no_response"


@dataclass(frozen=True)
class StepMark:
    """What the user recorded about a step: done on a date, or skipped."""

    step_key: str
    status: StepStatus  # DONE or SKIPPED
    on: date


@dataclass(frozen=True)
class StepSnooze:
    """The user moved a step to a later day, and said why.

    Kept apart from `StepMark`: a snooze reschedules a step that is still to do, so a snoozed
    step can later be marked done (the mark wins) and the snooze comes back if that is undone.
    """

    step_key: str
    until: date
    reason: str


@dataclass(frozen=True)
class Step:
    key: str
    kind: StepKind
    title: str
    recommended: date
    opens: datetime  # earliest sensible moment
    deadline: datetime | None  # latest sensible moment, when there is one
    why: str
    status: StepStatus
    optional: bool = False
    reminder: bool = True  # False: recorded with the entry, never nagged about
    done_on: date | None = None
    recipient: Interviewer | None = None
    snoozed_from: date | None = None  # the rule's date, when a snooze moved the step later
    snooze_reason: str = ""
    day0: date = date.min  # the interview's day (follow_up_timeline sets it): nothing is done before it
    closed_why: str = ""  # what closed it, when not a recorded outcome: "round 2 is booked"
    moved_on: str = ""  # the sentence saying so: "Round 2 is booked (Tue 8 Dec), so no check-in is needed: …"

    def status_text(self, today: date) -> str:
        """A short, calm answer to "what about this one?"."""
        when = human_date(self.recommended, today)
        if not self.reminder:
            return "Recorded" if self.status is StepStatus.DONE else "Not recorded"
        match self.status:
            case StepStatus.UPCOMING:
                if self.snoozed_from:
                    return f"Snoozed until {when}"
                if self.opens.date() == today:
                    return f"Not yet: from {self.opens:%H:%M}, once the interview is over"
                return f"Not yet: wait until {human_date(self.opens.date(), today)}"
            case StepStatus.OPEN:
                return f"Open: best on {when}" if self.recommended > today else f"Open since {when}"
            case StepStatus.DUE_TODAY:
                if self.deadline and self.deadline.date() == today:
                    return f"Due today, by {self.deadline:%H:%M}"
                return "Due today"
            case StepStatus.OVERDUE:
                if self.deadline:
                    return f"Overdue since {human_datetime(self.deadline, today)}: still worth sending"
                return f"Overdue since {when}: still worth doing"
            case StepStatus.DONE:
                return f"Done {human_date(self.done_on, today)}" if self.done_on else "Done"
            case StepStatus.SKIPPED:
                return "Skipped"
        return f"Closed: {self.closed_why}" if self.closed_why else "Closed: an outcome is recorded"

    @property
    def needs_action(self) -> bool:
        return self.reminder and self.status in (
            StepStatus.OPEN,
            StepStatus.DUE_TODAY,
            StepStatus.OVERDUE,
        )


def thank_yous_to_send(timeline: list[Step]) -> list[Step]:
    """The thank-you notes still to send, one per interviewer: what "mark all sent" marks."""
    return [s for s in timeline if s.kind is StepKind.THANK_YOU and s.needs_action]


def next_step(timeline: list[Step]) -> Step | None:
    """The first reminder still to do: what the list shows as "next"."""
    pending = [s for s in timeline if s.reminder and not s.status.settled]
    return min(pending, key=lambda s: (s.optional, s.recommended), default=None)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def open_step(
    key: str,
    kind: StepKind,
    title: str,
    recommended: date,
    why: str,
    *,
    opens: datetime | None = None,
    deadline: datetime | None = None,
    optional: bool = False,
    reminder: bool = True,
    recipient: Interviewer | None = None,
) -> Step:
    """An open step; it opens at the start of its recommended day unless told otherwise."""
    opens = day_start(recommended) if opens is None else opens
    return Step(key, kind, title, recommended, opens, deadline, why, StepStatus.OPEN,
                optional=optional, reminder=reminder, recipient=recipient)
