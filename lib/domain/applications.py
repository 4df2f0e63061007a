"""Applications: one company and one role pursued over several rounds, and what a later round means.

A candidate (and a mentor) talks about "the Kestrel process", not about one interview: its rounds in
order, their scores, its one next step and its status. A round that has a later round in the same
application has moved on (DOMAIN.md): its open follow-up closes, however the rounds arrived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from lib.domain.days import human_date
from lib.domain.model import Interview, Outcome

UID_LIMIT = 64


def application_uid_problem(uid: str) -> str | None:
    """Why `uid` cannot name an application in a file (the words for its cell), or None.

    Printable text without spaces, up to 64 characters; not "new", the Log form's own word for
    starting one.
    """
    if len(uid) > UID_LIMIT:
        return f"is too long ({len(uid):,} characters; an application's id has at most {UID_LIMIT})"
    if not uid.isprintable() or any(c.isspace() for c in uid) or "\u200b" in uid:
        return "is not an application's id: write it without spaces, line breaks or invisible characters"
    if uid.casefold() == "new":
        return "“new” is not an application's id: leave the cell empty to file the round by company and role"
    return None


def application_match_key(company: str, role: str) -> tuple[str, str]:
    """What makes two rounds the same application by default: company and role in any case and spacing."""
    return " ".join(company.split()).casefold(), " ".join(role.split()).casefold()


class ApplicationStatus(str, Enum):
    ACTIVE = "active"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return {"no_response": "No response"}.get(self.value, self.value.capitalize())


_STATUS_OF_OUTCOME = {
    Outcome.OFFER: ApplicationStatus.OFFER,
    Outcome.REJECTED: ApplicationStatus.REJECTED,
    Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
    Outcome.NO_RESPONSE: ApplicationStatus.NO_RESPONSE,
}


@dataclass(frozen=True)
class LaterRound:
    """The round that followed one interview in its application: why that interview moved on."""

    number: int  # 2 for the second round
    interview: Interview

    def what(self, now: datetime) -> str:
        """"round 2 is booked" (or "followed", once it took place): the short form a step's status shows."""
        return f"round {self.number} {'is booked' if self.interview.interview_at > now else 'followed'}"

    def why(self, now: datetime) -> str:
        """The sentence shown beside each step it closed."""
        when = human_date(self.interview.day0, now.date())
        return f"{self.what(now).capitalize()} ({when}), so no check-in is needed: this round moved you on."


@dataclass(frozen=True)
class Application:
    """One application's rounds, oldest first (by time, then by id)."""

    uid: str
    rounds: tuple[Interview, ...]

    @property
    def latest(self) -> Interview:
        return self.rounds[-1]

    @property
    def company(self) -> str:
        return self.latest.company

    @property
    def role(self) -> str:
        return self.latest.role

    @property
    def title(self) -> str:
        return f"{self.company}: {self.role}"

    @property
    def status(self) -> ApplicationStatus:
        """What the latest round's outcome says; a round without one (or with "next round") is active."""
        return _STATUS_OF_OUTCOME.get(self.latest.outcome, ApplicationStatus.ACTIVE)

    @property
    def is_demo(self) -> bool:
        return all(r.is_demo for r in self.rounds)

    def number_of(self, interview_id: int) -> int:
        """1 for the first round; 0 when the interview is not one of them."""
        return next((n for n, r in enumerate(self.rounds, 1) if r.id == interview_id), 0)

    def choice_label(self, today: date) -> str:
        """How the Log form offers it: "Kestrel: Backend engineer · 2 rounds, last Tue 8 Dec"."""
        count = len(self.rounds)
        rounds = f"{count} round{'s' if count != 1 else ''}"
        return f"{self.title} · {rounds}, last {human_date(self.latest.day0, today)}"


def in_order(rounds: Iterable[Interview]) -> tuple[Interview, ...]:
    """Rounds as they happened: by their time, then by the order they were saved."""
    return tuple(sorted(rounds, key=lambda r: (r.interview_at, r.id or 0)))
