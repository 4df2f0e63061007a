"""Interviews logged ahead, as Today shows them: which are coming up, which await their scores, what to say.

Both lists come from the booked interviews alone (a handful), and use the interview's own rules
(`Interview.is_ahead`, `Interview.awaits_scores`), so one booked interview is in exactly one list,
and a page, a test and the Log page agree on when it is over. Days are calendar days of the user's
wall clock, so a DST change never stretches or shrinks the week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lib.domain.days import human_date, human_time
from lib.domain.model import Interview, Outcome

COMING_UP_DAYS = 7  # today and the six days after it
ON_THE_DAY = "Ask about next steps and when they expect to decide: the answer sets your check-in."


def day_word(day: date, today: date) -> str:
    """"Today", "Tomorrow", "Yesterday", else "Tue 24 Nov": how a day reads in a list of a few days."""
    words = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}
    return words.get((day - today).days, human_date(day, today))


@dataclass(frozen=True)
class ComingUp:
    """A booked interview that is not over yet, within the coming week."""

    interview: Interview
    now: datetime

    @property
    def under_way(self) -> bool:
        return self.interview.interview_at <= self.now

    @property
    def on_the_day(self) -> bool:
        """Its day has come (or it has started, late last night): time to ask about next steps."""
        return self.under_way or self.interview.day0 == self.now.date()

    @property
    def reminder(self) -> str:
        """The on-the-day line, or "" before the day."""
        return ON_THE_DAY if self.on_the_day else ""

    @property
    def when(self) -> str:
        """"Tomorrow, 10:00–11:00"; "Now, until 16:00" once it has started."""
        start, end = self.interview.interview_at, self.interview.ends_at
        if self.under_way:
            return f"Now, until {human_time(end)}"
        return f"{day_word(start.date(), self.now.date())}, {human_time(start)}–{human_time(end)}"

    @property
    def what(self) -> str:
        """"Kestrel: Backend engineer · Technical": plain text, to be escaped where Markdown renders."""
        return f"{self.interview.title} · {self.interview.stage.label}"


@dataclass(frozen=True)
class ToScore:
    """A booked interview that is over and not debriefed: score it while it is fresh."""

    interview: Interview
    now: datetime

    @property
    def ended(self) -> str:
        """"ended 11:00 today", "ended yesterday at 16:30", "ended Tue 17 Nov"."""
        end, today = self.interview.ends_at, self.now.date()
        gap = (today - end.date()).days
        if gap == 0:
            return f"ended {human_time(end)} today"
        if gap == 1:
            return f"ended yesterday at {human_time(end)}"
        return f"ended {human_date(end.date(), today)}"

    @property
    def line(self) -> str:
        """"Kestrel: Backend engineer · Technical, ended 11:00 today": plain text, to be escaped."""
        return f"{self.interview.title} · {self.interview.stage.label}, {self.ended}"


def horizon_end(now: datetime, days: int = COMING_UP_DAYS) -> datetime:
    """The first moment after the coming week: midnight at the start of day `days` from today."""
    return datetime.combine(now.date() + timedelta(days=days), time.min)


def coming_up(booked: Iterable[Interview], now: datetime, days: int = COMING_UP_DAYS) -> list[ComingUp]:
    """Booked interviews not over yet that start before the horizon, soonest first.

    One under way (it started last night and runs past midnight) still counts. An outcome recorded
    ahead of the interview (withdrawn, rejected) means it will not take place as booked: left out.
    """
    end = horizon_end(now, days)
    ahead = [i for i in booked if i.is_ahead(now) and i.interview_at < end and i.outcome is Outcome.PENDING]
    return [ComingUp(i, now) for i in sorted(ahead, key=lambda i: (i.interview_at, i.id or 0))]


def awaiting_scores(booked: Iterable[Interview], now: datetime) -> list[ToScore]:
    """Booked interviews that are over and not debriefed yet, in the order they took place.

    Left out: one the user withdrew from (nothing to score). Saving the entry after its end takes
    it off (it is then not booked).
    """
    over = [i for i in booked if i.awaits_scores(now) and i.outcome is not Outcome.WITHDRAWN]
    return [ToScore(i, now) for i in sorted(over, key=lambda i: (i.ends_at, i.id or 0))]
