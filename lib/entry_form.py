"""The log form's values, as plain data: to and from an Interview, and to JSON for drafts.

Kept out of the page so the page stays a thin list of widgets, and so the draft that protects
a half-typed entry from a browser refresh can be tested without a browser.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from lib.days import human_date
from lib.followup import StepKind, follow_up_timeline
from lib.model import Dimension, Format, Interview, Interviewer, Outcome, Stage, normalised
from lib.timeframe import parse_timeframe

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
        )

    def to_interview(self) -> Interview:
        """Normalised but unvalidated: `lib.model.validate` decides what may be saved."""
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
                is_demo=self.is_demo,
            )
        )

    def has_content(self) -> bool:
        """Worth keeping as a draft: the user typed something of their own."""
        typed = [self.company, self.role, self.recruiter, self.stated_timeframe, self.questions, self.notes]
        typed += list(self.evidence.values()) + [p.get("name") or "" for p in self.people]
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
    def from_json(cls, text: str) -> EntryForm:
        data: Mapping[str, Any] = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(
            **known
            | {
                "stage": Stage(data["stage"]),
                "format": Format(data["format"]),
                "outcome": Outcome(data["outcome"]),
                "day": date.fromisoformat(data["day"]),
                "start": time.fromisoformat(data["start"]),
                "outcome_on": date.fromisoformat(data["outcome_on"]) if data.get("outcome_on") else None,
            }
        )


def timeframe_feedback(form: EntryForm, now: datetime, tz: tzinfo | None = None) -> str:
    """What the typed timeframe means, and the check-in it leads to: 'Decision expected by …'."""
    interview = form.to_interview()
    meaning = parse_timeframe(form.stated_timeframe, interview.day0).meaning(now.date())
    check_in = next(s for s in follow_up_timeline(interview, [], now, tz) if s.kind is StepKind.CHECK_IN)
    return f"{meaning} Check in on {human_date(check_in.recommended, now.date())}."
