"""The log form's values, as plain data: to and from an Interview, and to JSON for drafts.

Kept out of the page so the page stays a thin list of widgets, and so the draft that protects
a half-typed entry from a browser refresh can be tested without a browser.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from lib.domain.applications import Application
from lib.domain.days import clamped_to_range, human_date
from lib.domain.followup import follow_up_timeline
from lib.domain.model import (
    NEW_APPLICATION,
    PREP_FIELDS,
    PRIVATE_FIELDS,
    SCORE_MAX,
    SCORE_MIN,
    Dimension,
    Format,
    Interview,
    Interviewer,
    Outcome,
    Stage,
    normalised,
)
from lib.domain.steps import Step, StepKind
from lib.domain.timeframe import parse_timeframe

BLANK_PERSON = {"name": "", "title": "", "email": "", "id": None}


@dataclass
class EntryForm:
    """Everything the log form holds; `people` rows carry their saved id, if any."""

    company: str = ""
    role: str = ""
    stage: Stage = Stage.PHONE_SCREEN
    format: Format = Format.VIDEO
    day: date = field(default_factory=date.today)
    start: time = time(10, 0)
    duration_min: int = 45
    people: list[dict[str, Any]] = field(default_factory=lambda: [dict(BLANK_PERSON)])
    recruiter: str = ""
    stated_timeframe: str = ""
    scores: dict[str, int | None] = field(default_factory=lambda: {d.value: None for d in Dimension})
    evidence: dict[str, str] = field(default_factory=lambda: {d.value: "" for d in Dimension})
    questions: str = ""
    notes: str = ""
    outcome: Outcome = Outcome.PENDING
    outcome_on: date | None = None
    interview_id: int | None = None
    is_demo: bool = False
    application: str = ""  # the uid picked, NEW_APPLICATION, or "" (the store's default filing)
    prep_questions: str = ""
    prep_stories: str = ""
    prep_pitch: str = ""
    logged_ahead: bool = False  # the saved entry was booked ahead and has not been debriefed yet
    private: list[str] = field(default_factory=list)  # which of PRIVATE_FIELDS stay with the candidate, sorted

    @classmethod
    def blank(cls, now: datetime) -> EntryForm:
        """Defaults for logging right after an interview: today, started about an hour ago."""
        start = (now - timedelta(hours=1)).replace(second=0, microsecond=0)
        start = start.replace(minute=start.minute - start.minute % 15)
        return cls(day=start.date(), start=start.time())

    @classmethod
    def from_interview(cls, interview: Interview) -> EntryForm:
        people = [{"name": p.name, "title": p.title, "email": p.email, "id": p.id} for p in interview.interviewers]
        return cls(
            company=interview.company,
            role=interview.role,
            stage=interview.stage,
            format=interview.format,
            day=interview.interview_at.date(),
            start=interview.interview_at.time(),
            duration_min=interview.duration_min,
            people=people or [dict(BLANK_PERSON)],
            recruiter=interview.recruiter,
            stated_timeframe=interview.stated_timeframe,
            scores={d.value: interview.score(d) for d in Dimension},
            evidence={d.value: interview.evidence_for(d) for d in Dimension},
            questions=interview.questions,
            notes=interview.notes,
            outcome=interview.outcome,
            outcome_on=interview.outcome_on,
            interview_id=interview.id,
            is_demo=interview.is_demo,
            application=interview.application,
            prep_questions=interview.prep_questions,
            prep_stories=interview.prep_stories,
            prep_pitch=interview.prep_pitch,
            logged_ahead=interview.booked,
            private=sorted(interview.private),
        )

    def to_interview(self) -> Interview:
        """Normalised but unvalidated: `lib.domain.model.validate` decides what may be saved.

        Never `booked`: validate books an entry saved before its end, and one saved after it is its
        debrief, which takes it off "score it while it is fresh".
        """
        return normalised(
            Interview(
                id=self.interview_id,
                company=self.company,
                role=self.role,
                stage=self.stage,
                format=self.format,
                interview_at=datetime.combine(self.day, self.start),
                duration_min=int(self.duration_min or 0),
                interviewers=tuple(
                    Interviewer(p.get("name") or "", p.get("title") or "", p.get("email") or "", p.get("id"))
                    for p in self.people
                ),
                recruiter=self.recruiter,
                stated_timeframe=self.stated_timeframe,
                questions=self.questions,
                notes=self.notes,
                scores={d: self.scores.get(d.value) for d in Dimension},
                evidence={d: self.evidence.get(d.value, "") for d in Dimension},
                outcome=self.outcome,
                outcome_on=self.outcome_on if self.outcome is not Outcome.PENDING else None,
                application=self.application,
                prep_questions=self.prep_questions,
                prep_stories=self.prep_stories,
                prep_pitch=self.prep_pitch,
                is_demo=self.is_demo,
                booked=self.logged_ahead,  # still booked until it holds a debrief (`validate` decides)
                private=frozenset(self.private),
            )
        )

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.day, self.start) + timedelta(minutes=int(self.duration_min or 0))

    def has_debrief(self) -> bool:
        """Scores, evidence or an outcome: what only an interview that took place has."""
        return self.to_interview().has_debrief

    def is_booking(self, now: datetime) -> bool:
        """Logged ahead: its date and time have not ended yet, so it takes preparation, not scores.

        A form that already holds a debrief stays a scoring form whatever its date, so a date
        typed wrong never hides (and a save never drops) scores and evidence.
        """
        return now < self.ends_at and not self.has_debrief()

    def awaits_scores(self, now: datetime) -> bool:
        """A saved booking that is over: "score it while it is fresh"."""
        return self.logged_ahead and now >= self.ends_at

    def has_content(self) -> bool:
        """Worth keeping as a draft: the user typed something of their own."""
        typed = [self.company, self.role, self.recruiter, self.stated_timeframe, self.questions, self.notes]
        typed += list(self.evidence.values()) + [p.get("name") or "" for p in self.people]
        typed += [getattr(self, name) for name in PREP_FIELDS]
        return any(t.strip() for t in typed) or any(v is not None for v in self.scores.values())

    def to_json(self) -> str:
        data = dict(self.__dict__)
        data |= {
            "stage": self.stage.value,
            "format": self.format.value,
            "outcome": self.outcome.value,
            "day": self.day.isoformat(),
            "start": self.start.isoformat(timespec="minutes"),
            "outcome_on": self.outcome_on.isoformat() if self.outcome_on else None,
        }
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_saved(cls, payload: str, base: EntryForm) -> EntryForm | None:
        """A saved draft over the form it was typed into; None for a payload this form cannot hold.

        Older versions saved partial drafts (only the fields typed), so a missing field keeps
        `base`'s value. A draft that is not a JSON object, names a stage that does not exist, holds
        text that is not UTF-8 or a value of the wrong kind is unreadable: the page offers no draft
        rather than raising, and a restore refuses the file (lib.store.readable_rows uses this reader).
        """
        try:
            data = json.loads(payload)
            if not isinstance(data, dict):
                return None
            json.dumps(data, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\ud800") cannot be shown
            form = cls.from_json(json.dumps(json.loads(base.to_json()) | data))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return form if form._well_typed() else None

    def _well_typed(self) -> bool:
        """Every value of the kind its widget takes (a widget given another kind raises)."""
        texts = [self.company, self.role, self.recruiter, self.stated_timeframe, self.questions, self.notes,
                 self.application, self.prep_questions, self.prep_stories, self.prep_pitch]
        people_ok = isinstance(self.people, list) and all(
            isinstance(p, dict)
            and all(isinstance(p.get(part, ""), str) for part in ("name", "title", "email"))
            and _whole_or_none(p.get("id"))
            for p in self.people
        )
        return (
            all(isinstance(t, str) for t in texts)
            and isinstance(self.duration_min, int) and not isinstance(self.duration_min, bool)
            and people_ok
            and isinstance(self.scores, dict)
            and all(v is None or (_whole_or_none(v) and SCORE_MIN <= v <= SCORE_MAX) for v in self.scores.values())
            and isinstance(self.evidence, dict) and all(isinstance(v, str) for v in self.evidence.values())
            and _whole_or_none(self.interview_id)
            and isinstance(self.is_demo, bool)
            and isinstance(self.logged_ahead, bool)
            and isinstance(self.private, list) and all(f in PRIVATE_FIELDS for f in self.private)
        )

    @classmethod
    def from_json(cls, text: str) -> EntryForm:
        """The form `to_json` wrote; raises ValueError, KeyError or TypeError for anything else."""
        data: Mapping[str, Any] = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        typed: dict[str, Any] = {
            "stage": Stage(data["stage"]),
            "format": Format(data["format"]),
            "outcome": Outcome(data["outcome"]),
            "day": date.fromisoformat(data["day"]),
            "start": time.fromisoformat(data["start"]),
            "outcome_on": date.fromisoformat(data["outcome_on"]) if data.get("outcome_on") else None,
        }
        return cls(**known | typed)


def _whole_or_none(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def timeframe_feedback(form: EntryForm, now: datetime, tz: tzinfo | None = None) -> str:
    """What the typed timeframe means, and the check-in it leads to: 'Decision expected by …'."""
    interview = form.to_interview()
    meaning = parse_timeframe(form.stated_timeframe, interview.day0).meaning(now.date())
    as_held = replace(interview, booked=False)  # a booking's check-in, as it will be once it is over
    check_in = next(s for s in follow_up_timeline(as_held, [], now, tz) if s.kind is StepKind.CHECK_IN)
    return f"{meaning} Check in on {human_date(check_in.recommended, now.date())}."


def follow_up_preview(form: EntryForm, tz: tzinfo | None = None) -> list[Step]:
    """A booking's follow-up as it will stand the moment the interview ends, before any step is marked."""
    interview = replace(form.to_interview(), booked=False)
    return follow_up_timeline(interview, [], interview.ends_at, tz)


def application_options(own: Application | None, matching: Sequence[Application]) -> list[str]:
    """What the form's application picker offers (uids, then NEW_APPLICATION); [] when there is no choice.

    `own` is the application of the entry being edited, offered first so an edit keeps it; a new
    entry's default is the latest matching application. With no match, and no application of its
    own but this one round, the picker is not drawn: the store files the round on its own.
    """
    own_uid = own.uid if own else ""
    others = [a.uid for a in matching if a.uid != own_uid]
    if not others and (own is None or len(own.rounds) <= 1):
        return []
    return ([own_uid] if own_uid else []) + others + [NEW_APPLICATION]


def application_choice(chosen: str, options: Sequence[str], own_uid: str) -> str:
    """The application the form saves: the one picked if still offered, else the first offered.

    With nothing offered it is the entry's own (an edit) or "" (the store's default filing): a
    uid picked before the company or role was retyped never files the round under another one.
    """
    if not options:
        return own_uid
    return chosen if chosen in options else options[0]


def heard_on_choices(interview: Interview, today: date) -> tuple[date, date, date]:
    """The "Heard on" picker's (default, earliest, latest): from the interview's day to today.

    A row from an older version may hold an interview or outcome dated in year 9999; the picker
    is then pulled into the accepted range instead of refusing to open (min after max).
    """
    latest = clamped_to_range(today)
    earliest = min(clamped_to_range(interview.day0), latest)
    default = min(max(interview.outcome_on or today, earliest), latest)
    return default, earliest, latest
