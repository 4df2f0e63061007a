"""Coaching sessions with a mentor: the session, the mentor's read of each interview, action items.

The mentor scores the same three dimensions on the same anchored 1–5 scale as the candidate
(`lib.domain.rubric`), and may leave any of them unscored. A mentor's score belongs to one session,
and the session names the mentor, so several mentors over time never mix. Pure rules only:
which interviews a new session suggests, how an action's due date reads, what a gap means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from lib.domain.days import date_out_of_range, human_date, next_business_day
from lib.domain.model import (
    SCORE_MAX,
    SCORE_MIN,
    Dimension,
    Interview,
    LabelledEnum,
    ValidationError,
)
from lib.domain.steps import Step, next_step

COACHING_LIMITS = {"mentor": 120, "comment": 5_000, "session_notes": 10_000, "action": 500}
LOOKBACK_DAYS = 28  # a first session with a mentor suggests the interviews of the last four weeks
CHOICE_DAYS = 365  # the interviews a session can pick from: the year before it
MAX_CHOICES = 200
DUE_IN_DAYS = 7  # a new action is due a week later (the next business day, if that is a weekend)


class Owner(LabelledEnum):
    CANDIDATE = ("candidate", "You")
    MENTOR = ("mentor", "Mentor")


class ActionStatus(LabelledEnum):
    OPEN = ("open", "Open")
    DONE = ("done", "Done")
    DROPPED = ("dropped", "Dropped")


@dataclass(frozen=True)
class CoachingSession:
    """One sitting with one mentor: when, with whom, which interviews (in the order discussed)."""

    mentor: str
    held_on: date
    interview_ids: tuple[int, ...] = ()
    notes: str = ""
    finished_at: datetime | None = None
    id: int | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def saved_id(self) -> int:
        """The id of a session read from the store; asking an unsaved session for one is a bug."""
        if self.id is None:
            raise ValueError(f"the session with {self.mentor} on {self.held_on} has not been saved, so it has no id")
        return self.id

    @property
    def title(self) -> str:
        return f"Session with {self.mentor}"


@dataclass(frozen=True)
class MentorReview:
    """The mentor's own read of one interview in one session: scores (None = not sure) and comments."""

    scores: Mapping[Dimension, int | None] = field(default_factory=dict)
    comment: str = ""

    def score(self, dimension: Dimension) -> int | None:
        return self.scores.get(dimension)


@dataclass(frozen=True)
class ActionItem:
    """Something agreed in a session, tracked until it is done or dropped."""

    text: str
    owner: Owner = Owner.CANDIDATE
    due_on: date | None = None
    session_id: int | None = None
    interview_id: int | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_on: date | None = None
    closed_in_session: int | None = None
    mentor: str = ""  # read from its session; never written
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN


# --- validation: one ValidationError carrying a message per field ---------------------------
def clean_mentor(name: str) -> str:
    """'  sam   lee ' -> 'sam lee': one spelling per mentor, so sessions group under one name."""
    return re.sub(r"\s+", " ", name or "").strip()


def validate_session(session: CoachingSession, now: datetime) -> CoachingSession:
    clean = replace(session, mentor=clean_mentor(session.mentor), notes=(session.notes or "").strip())
    errors: dict[str, str] = {}
    if not clean.mentor:
        errors["mentor"] = "needs a name: who is coaching you?"
    elif len(clean.mentor) > COACHING_LIMITS["mentor"]:
        errors["mentor"] = f"is too long (the limit is {COACHING_LIMITS['mentor']} characters)"
    if out_of_range := date_out_of_range(clean.held_on):
        errors["held_on"] = out_of_range
    elif clean.held_on > now.date() + timedelta(days=366):
        errors["held_on"] = "is more than a year away: check the year"
    if not clean.interview_ids:
        errors["interview_ids"] = "pick at least one interview to discuss"
    if len(clean.notes) > COACHING_LIMITS["session_notes"]:
        errors["notes"] = f"is too long (the limit is {COACHING_LIMITS['session_notes']:,} characters)"
    if errors:
        raise ValidationError(errors)
    return replace(clean, interview_ids=tuple(dict.fromkeys(clean.interview_ids)))


def validate_review(review: MentorReview) -> MentorReview:
    errors: dict[str, str] = {}
    for dimension in Dimension:
        value = review.score(dimension)
        if value is not None and not SCORE_MIN <= value <= SCORE_MAX:
            errors[f"mentor.{dimension.value}"] = f"must be {SCORE_MIN} to {SCORE_MAX}, or not sure yet"
    comment = (review.comment or "").strip()
    if len(comment) > COACHING_LIMITS["comment"]:
        errors["comment"] = f"is too long (the limit is {COACHING_LIMITS['comment']:,} characters)"
    if errors:
        raise ValidationError(errors)
    return MentorReview({d: review.score(d) for d in Dimension}, comment)


def validate_action(item: ActionItem) -> ActionItem:
    clean = replace(item, text=re.sub(r"\s+", " ", item.text or "").strip())
    if not clean.text:
        raise ValidationError("text", "say what was agreed")
    if len(clean.text) > COACHING_LIMITS["action"]:
        raise ValidationError("text", f"is too long (the limit is {COACHING_LIMITS['action']} characters)")
    if clean.due_on and (out_of_range := date_out_of_range(clean.due_on)):
        raise ValidationError("due_on", out_of_range)
    return clean


# --- which interviews a new session suggests -----------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    """The interviews a new session starts with, the ones it can pick from, and why."""

    picks: tuple[int, ...]
    choices: tuple[Interview, ...]  # newest first
    reason: str


def discussion_start(last_session_on: date | None, on: date) -> date:
    """Since the last session with this mentor; for a first session, the last four weeks."""
    return last_session_on if last_session_on is not None else on - timedelta(days=LOOKBACK_DAYS)


def suggested_picks(interviews: Iterable[Interview], start: date, on: date, discussed: set[int]) -> tuple[int, ...]:
    """Interviews from `start` to `on` (inclusive) not yet discussed with this mentor, oldest first."""
    chosen = [i for i in interviews if start <= i.day0 <= on and i.saved_id not in discussed]
    return tuple(i.saved_id for i in sorted(chosen, key=lambda i: (i.interview_at, i.saved_id)))


def picks_reason(mentor: str, last_session_on: date | None, on: date, count: int) -> str:
    what = f"{count} interview{'s' if count != 1 else ''}" if count else "no interviews"
    if not mentor:
        return "Type your mentor's name to see the interviews since your last session with them."
    if last_session_on is None:
        return f"First session with {mentor}: {what} from the last {LOOKBACK_DAYS // 7} weeks."
    return f"Since your last session with {mentor} ({human_date(last_session_on, on)}): {what} not discussed yet."


def suggestion_for(
    mentor: str,
    on: date,
    *,
    last_session_on: date | None,
    choices: Sequence[Interview],
    since_last: Iterable[Interview],
    discussed: set[int],
) -> Suggestion:
    """The default for a new session with `mentor` (already cleaned) on `on`.

    `choices` are the interviews it can pick from (the year before, newest first), `since_last`
    those from `discussion_start` to `on`, `discussed` the ids already on a session with this
    mentor. The picks are the interviews since the last session not discussed yet; none without
    a mentor's name. An interview booked and not debriefed yet has nothing to review: it is neither
    picked nor offered. `store.coaching.suggest(mentor, on)` reads these and calls this.
    """
    picks: tuple[int, ...] = ()
    if mentor:
        debriefed = [i for i in since_last if not i.booked]
        picks = suggested_picks(debriefed, discussion_start(last_session_on, on), on, discussed)
    offered = tuple(i for i in choices if not i.booked)
    return Suggestion(picks, offered, picks_reason(mentor, last_session_on, on, len(picks)))


# --- how things read ------------------------------------------------------------------------
def default_due(today: date) -> date:
    return next_business_day(today + timedelta(days=DUE_IN_DAYS))


REPORT_DAYS = 30  # a date-range report starts as the last 30 days


def default_report_range(today: date) -> tuple[date, date]:
    return today - timedelta(days=REPORT_DAYS), today


def action_state(item: ActionItem, today: date) -> str:
    """'due Tue 24 Nov', 'due today', 'was due Tue 17 Nov', 'done Fri 20 Nov', 'dropped'. Calm, never alarming."""
    if item.status is ActionStatus.DONE:
        return f"done {human_date(item.closed_on, today)}" if item.closed_on else "done"
    if item.status is ActionStatus.DROPPED:
        return "dropped"
    if item.due_on is None:
        return "no due date"
    if item.due_on == today:
        return "due today"
    when = human_date(item.due_on, today)
    return f"due {when}" if item.due_on > today else f"was due {when}"


def owner_name(item: ActionItem, *, for_mentor: bool = False) -> str:
    """Who does it, in the reader's words: 'You' / 'Sam' in the app; 'Candidate' / 'Sam' in the report."""
    if item.owner is Owner.MENTOR:
        return item.mentor or "Mentor"
    return "Candidate" if for_mentor else "You"


def actions_in_order(items: Iterable[ActionItem]) -> list[ActionItem]:
    """Open first, by due date (undated last); then the rest, newest first."""
    items = list(items)
    open_ones = sorted((i for i in items if i.is_open), key=lambda i: (i.due_on is None, i.due_on or date.max, i.id))
    closed = sorted((i for i in items if not i.is_open), key=lambda i: -(i.id or 0))
    return open_ones + closed


def follow_up_summary(steps: Sequence[Step], interview: Interview, today: date) -> str:
    """One line about the follow-up, as the Interviews page says it."""
    upcoming = next_step(list(steps))
    if upcoming:
        return f"Next: {upcoming.title} · {upcoming.status_text(today)}"
    if interview.outcome.closes_follow_up:
        return f"Follow-up closed: {interview.outcome.label.lower()}."
    return "All follow-up done: waiting is the right move now."


def score_gap_text(own: int | None, mentor_score: int | None, mentor: str) -> str:
    """'Sam scored 1 higher', 'Sam scored 2 lower', 'you agree', or what is missing."""
    if own is None and mentor_score is None:
        return "neither of you scored it"
    if mentor_score is None:
        return f"{mentor} has not scored it"
    if own is None:
        return "you did not score it"
    gap = mentor_score - own
    if gap == 0:
        return "you agree"
    return f"{mentor} scored {abs(gap)} {'higher' if gap > 0 else 'lower'}"
