"""The domain of Debrief: an interview, the people in it, the self-scores and the outcome.

Validation lives here so every door (the form, the CSV import, the CLI) refuses the same
bad input with the same words. A bad value raises :class:`ValidationError`, which carries a
message per field so a page can show each one beside the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Self

from lib.domain.days import date_out_of_range
from lib.domain.timeframe import parse_timeframe


class ValidationError(ValueError):
    """Bad input: one message per field it concerns, in the user's words."""

    def __init__(self, errors: Mapping[str, str] | str, message: str | None = None):
        if isinstance(errors, str):
            errors = {errors: message or "is not valid"}
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))

    @property
    def field(self) -> str:
        return next(iter(self.errors))

    @property
    def message(self) -> str:
        return self.errors[self.field]


class LabelledEnum(str, Enum):
    """An enum whose value is stored and whose label is shown."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    if TYPE_CHECKING:
        # How a type checker should read `Stage("phone")`: Enum's lookup by stored value takes one
        # argument and never calls `__new__`, which only builds the members from (value, label).
        def __init__(self, value: str) -> None: ...

    @classmethod
    def parse(cls, text: str | LabelledEnum) -> Self:
        """Accept the stored value or the label shown in the app, in any case."""
        if isinstance(text, cls):
            return text
        wanted = _fold(str(text))
        for member in cls:
            if wanted in (_fold(member.value), _fold(member.label)):
                return member
        choices = ", ".join(m.label for m in cls)
        raise ValueError(f"'{text}' is not one of: {choices}")


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


class Stage(LabelledEnum):
    RECRUITER_SCREEN = ("recruiter_screen", "Recruiter screen")
    PHONE_SCREEN = ("phone_screen", "Phone screen")
    TECHNICAL = ("technical", "Technical")
    HIRING_MANAGER = ("hiring_manager", "Hiring manager")
    PANEL = ("panel", "Panel / onsite")
    FINAL = ("final", "Final")
    OTHER = ("other", "Other")


class Format(LabelledEnum):
    PHONE = ("phone", "Phone")
    VIDEO = ("video", "Video")
    IN_PERSON = ("in_person", "In person")


class Outcome(LabelledEnum):
    PENDING = ("pending", "Pending")
    NEXT_ROUND = ("next_round", "Next round booked")
    OFFER = ("offer", "Offer")
    REJECTED = ("rejected", "Rejected")
    WITHDRAWN = ("withdrawn", "Withdrawn")
    NO_RESPONSE = ("no_response", "No response")

    @property
    def closes_follow_up(self) -> bool:
        """Once anything but 'pending' is recorded there is nothing left to chase."""
        return self is not Outcome.PENDING

    @property
    def advanced(self) -> bool | None:
        """Did the candidate move forward? None while it is not known."""
        if self in (Outcome.NEXT_ROUND, Outcome.OFFER):
            return True
        if self in (Outcome.REJECTED, Outcome.NO_RESPONSE):
            return False
        return None


class Dimension(LabelledEnum):
    SKILLS_MATCH = ("skills_match", "Skills match")
    ENTHUSIASM = ("enthusiasm", "Enthusiasm signaled")
    CULTURE_FIT = ("culture_fit", "Culture fit")


SCORE_MIN, SCORE_MAX = 1, 5

# The name of each dimension's score and evidence wherever an interview is written down: the
# database's columns, the CSV's headers, the JSON's keys.
SCORE_COLUMNS = {d: d.value for d in Dimension}  # skills_match, enthusiasm, culture_fit
EVIDENCE_COLUMNS = {
    Dimension.SKILLS_MATCH: "skills_evidence",
    Dimension.ENTHUSIASM: "enthusiasm_evidence",
    Dimension.CULTURE_FIT: "culture_evidence",
}

# Limits: generous for a person, small enough that nothing pathological lands.
LIMITS = {
    "company": 120,
    "role": 120,
    "recruiter": 120,
    "stated_timeframe": 200,
    "name": 120,
    "title": 120,
    "email": 254,
    "evidence": 1_000,
    "questions": 5_000,
    "notes": 10_000,
    "prep": 5_000,
}
# The preparation notes of an interview logged ahead: what each field holds, in the user's words.
PREP_FIELDS = {
    "prep_questions": "What to ask them",
    "prep_stories": "Stories to tell",
    "prep_pitch": "What they must learn about you",
}
# The free-text fields a candidate may keep private, by their names on the Log form: kept in their own
# exports and backups, never in anything made for someone else (`lib.domain.privacy` makes those copies).
PRIVATE_FIELDS = {
    "questions": "Questions they asked",
    **{column: f"Evidence: {d.label.lower()}" for d, column in EVIDENCE_COLUMNS.items()},
    "notes": "Notes",
    **PREP_FIELDS,
}
UID_LIMIT = 64  # an interview's stable identity: printable, no spaces, what exports and replies name it by
# What a new round's `application` says when the user starts a new application for a company and
# role they already have one for (someone who reapplies a year later).
NEW_APPLICATION = "new"
DURATION_RANGE = (5, 600)
MAX_INTERVIEWERS = 12
FUTURE_LIMIT = timedelta(days=366)
PAST_LIMIT = timedelta(days=5 * 366)
def timeframe_out_of_range(interview: Interview) -> str | None:
    """Why the stated timeframe is refused ("by 9999-12-31" names a date outside DATE_RANGE), or None.

    The one source of these words: Save refuses with them and the Log page shows them while the
    user types. A date merely more than a year away is only flagged (`Timeframe.problem`) and saves.
    None while the interview's own date is out of range: that is reported at its own field.
    """
    if date_out_of_range(interview.interview_at):
        return None
    named = parse_timeframe(interview.stated_timeframe, interview.day0).named
    if named is not None and (out_of_range := date_out_of_range(named)):
        return f"names a date that {out_of_range}: check the year"
    return None


EMAIL_RE = re.compile(r"^[^@\s<>\"',]+@(?:[^@\s<>\"',.]+\.)+[^@\s<>\"',.]{2,}$")  # no empty domain label


@dataclass(frozen=True)
class Interviewer:
    name: str
    title: str = ""
    email: str = ""
    id: int | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


@dataclass(frozen=True)
class Interview:
    """One interview as the candidate remembers it, with their own read of how it went."""

    company: str
    role: str
    stage: Stage
    format: Format
    interview_at: datetime  # naive, the user's local wall-clock time
    duration_min: int = 60
    interviewers: tuple[Interviewer, ...] = ()
    recruiter: str = ""
    stated_timeframe: str = ""
    questions: str = ""
    notes: str = ""
    scores: Mapping[Dimension, int | None] = field(default_factory=dict)
    evidence: Mapping[Dimension, str] = field(default_factory=dict)
    outcome: Outcome = Outcome.PENDING
    outcome_on: date | None = None
    # The application (company + role, over several rounds) this round belongs to, by its stable uid.
    # Empty on an entry not saved yet: the store then files it with the application of the same
    # company (any case) and role, or starts one; NEW_APPLICATION starts one regardless.
    application: str = ""
    booked: bool = False  # logged ahead, before it ended: waits for its scores once it is over
    prep_questions: str = ""
    prep_stories: str = ""
    prep_pitch: str = ""
    is_demo: bool = False
    # Which of PRIVATE_FIELDS the candidate keeps to themselves.
    private: frozenset[str] = frozenset()
    # Who it is wherever it travels (exports, packets, replies): given at the first save, never changed.
    uid: str = ""
    id: int | None = None

    def is_ahead(self, now: datetime) -> bool:
        """Booked and not over yet: it has preparation notes, no scores and no follow-up."""
        return self.booked and now < self.ends_at

    def awaits_scores(self, now: datetime) -> bool:
        """Booked ahead and now over: "score it while it is fresh" until it is saved again."""
        return self.booked and now >= self.ends_at

    @property
    def has_debrief(self) -> bool:
        """Scores, evidence or an outcome: what only an interview that took place has."""
        return (any(v is not None for v in self.scores.values()) or any(e.strip() for e in self.evidence.values())
                or self.outcome is not Outcome.PENDING)

    @property
    def has_prep(self) -> bool:
        return any(getattr(self, name).strip() for name in PREP_FIELDS)

    @property
    def ends_at(self) -> datetime:
        return self.interview_at + timedelta(minutes=self.duration_min)

    @property
    def day0(self) -> date:
        return self.interview_at.date()

    def score(self, dimension: Dimension) -> int | None:
        return self.scores.get(dimension)

    def evidence_for(self, dimension: Dimension) -> str:
        return self.evidence.get(dimension, "")

    @property
    def evidence_missing(self) -> tuple[Dimension, ...]:
        """Dimensions scored without a word of evidence: the list flags them."""
        return tuple(d for d in Dimension if self.score(d) is not None and not self.evidence_for(d).strip())

    @property
    def title(self) -> str:
        return f"{self.company}: {self.role}"

    @property
    def saved_id(self) -> int:
        """The id of an entry read from the store; asking an unsaved entry for one is a bug."""
        if self.id is None:
            raise ValueError(f"{self.title} has not been saved, so it has no id")
        return self.id


def _clean(text: object) -> str:
    return "" if text is None else str(text).strip()


def _check_length(errors: dict[str, str], key: str, value: str, limit_key: str) -> None:
    limit = LIMITS[limit_key]
    if len(value) > limit:
        errors[key] = f"is too long ({len(value):,} characters; the limit is {limit:,})"


def validate_interviewer(person: Interviewer, index: int) -> dict[str, str]:
    """Messages keyed 'interviewers.N.field' so the form can point at the row."""
    errors: dict[str, str] = {}
    prefix = f"interviewers.{index}"
    if not person.name.strip():
        errors[f"{prefix}.name"] = "needs a name (or remove this row)"
    _check_length(errors, f"{prefix}.name", person.name, "name")
    _check_length(errors, f"{prefix}.title", person.title, "title")
    if person.email and not EMAIL_RE.match(person.email):
        errors[f"{prefix}.email"] = f"does not look like an email address: '{person.email}'"
    _check_length(errors, f"{prefix}.email", person.email, "email")
    return errors


def validate(interview: Interview, now: datetime) -> Interview:
    """Return the interview with its text trimmed, or raise ValidationError for every bad field.

    `now` is passed in so a test can pin "a year away" without touching the clock. An entry saved
    before it ends comes back `booked` (logged ahead), unless it already holds scores, evidence or
    an outcome (an interview that ended early and was scored at once); one that holds them is never
    booked, so scoring takes it off "score it while it is fresh". An entry saved booked without any
    of them stays booked after its end (an edit of its people, an import of its file).
    """
    clean = normalised(interview)
    errors: dict[str, str] = {}
    for key in ("company", "role"):
        if not getattr(clean, key):
            errors[key] = "is required"
    for key in ("company", "role", "recruiter", "stated_timeframe", "questions", "notes"):
        if key not in errors:
            _check_length(errors, key, getattr(clean, key), key)
    for key in PREP_FIELDS:
        _check_length(errors, key, getattr(clean, key), "prep")
    if out_of_range := date_out_of_range(clean.interview_at):
        errors["interview_at"] = out_of_range
    elif clean.interview_at > now + FUTURE_LIMIT:
        errors["interview_at"] = "is more than a year away: check the year"
    elif clean.interview_at < now - PAST_LIMIT:
        errors["interview_at"] = "is more than five years ago: check the year"
    low, high = DURATION_RANGE
    if not low <= clean.duration_min <= high:
        errors["duration_min"] = f"must be between {low} and {high} minutes"
    if len(clean.interviewers) > MAX_INTERVIEWERS:
        count = len(clean.interviewers)
        errors["interviewers"] = f"are too many ({count}; the limit is {MAX_INTERVIEWERS} per interview)"
    for index, person in enumerate(clean.interviewers):
        errors.update(validate_interviewer(person, index))
    for dimension in Dimension:
        value = clean.score(dimension)
        if value is not None and not SCORE_MIN <= value <= SCORE_MAX:
            errors[f"score.{dimension.value}"] = f"must be {SCORE_MIN} to {SCORE_MAX}, or not sure yet"
        _check_length(errors, f"evidence.{dimension.value}", clean.evidence_for(dimension), "evidence")
    if clean.outcome_on and (out_of_range := date_out_of_range(clean.outcome_on)):
        errors["outcome_on"] = out_of_range
    elif clean.outcome_on and clean.outcome_on < clean.day0:
        errors["outcome_on"] = "is before the interview"
    if unknown := sorted(clean.private - PRIVATE_FIELDS.keys()):
        errors["private"] = f"names no field that can be private: {', '.join(unknown)}"
    if clean.uid and (len(clean.uid) > UID_LIMIT or not clean.uid.isprintable() or any(c.isspace() for c in clean.uid)):
        errors["uid"] = f"is not an interview's id: printable, no spaces, at most {UID_LIMIT} characters"
    if "stated_timeframe" not in errors and (refused := timeframe_out_of_range(clean)):
        errors["stated_timeframe"] = refused
    if errors:
        raise ValidationError(errors)
    return replace(clean, booked=not clean.has_debrief and (clean.booked or now < clean.ends_at))


def normalised(interview: Interview) -> Interview:
    """Text trimmed, empty interviewer rows dropped, every dimension present: what gets saved."""
    people = tuple(
        Interviewer(_clean(p.name), _clean(p.title), _clean(p.email), p.id)
        for p in interview.interviewers
        if _clean(p.name) or _clean(p.title) or _clean(p.email)
    )
    return replace(
        interview,
        company=_clean(interview.company),
        role=_clean(interview.role),
        recruiter=_clean(interview.recruiter),
        stated_timeframe=_clean(interview.stated_timeframe),
        questions=_clean(interview.questions),
        notes=_clean(interview.notes),
        application=_clean(interview.application),
        private=frozenset(interview.private),
        uid=_clean(interview.uid),
        prep_questions=_clean(interview.prep_questions),
        prep_stories=_clean(interview.prep_stories),
        prep_pitch=_clean(interview.prep_pitch),
        interviewers=people,
        scores={d: interview.scores.get(d) for d in Dimension},
        evidence={d: _clean(interview.evidence.get(d, "")) for d in Dimension},
        interview_at=interview.interview_at.replace(second=0, microsecond=0, tzinfo=None),
    )


# --- the one parser of a day typed or read from a file, bounded by DATE_RANGE ---------------
def parse_day(text: str, field: str) -> date:
    """`text` as a day Debrief accepts, or ValidationError(field, why): every import reads days with it.

    ISO 8601 ("2026-11-18"), or a date-time whose day is taken ("2026-11-18T14:30", as a
    spreadsheet may rewrite a date), within DATE_RANGE. Nothing else about the day is checked
    (not the interview's day, not today), so whatever Debrief stored, it reads back.
    """
    try:
        day = date.fromisoformat(text)
    except ValueError:
        try:
            day = datetime.fromisoformat(text).date()
        except ValueError:
            shown = text if len(text) <= 40 else text[:39] + "…"
            raise ValidationError(field, f"“{shown}” is not a date: write it as 2026-11-18 (ISO 8601)") from None
    if problem := date_out_of_range(day):
        raise ValidationError(field, problem)
    return day
