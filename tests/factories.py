"""The one way tests build interviews and the constants every layer shares (the fixed clock, the project root)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from lib.domain.model import Dimension, Format, Interview, Interviewer, Stage

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = datetime(2026, 11, 20, 17, 0)  # a Friday afternoon: the "now" of every test that needs one

# Tue 10 Nov 2026, 14:00-15:00: a plain weekday with no month end or DST change nearby.
INTERVIEW_AT = datetime(2026, 11, 10, 14, 0)

D = date.fromisoformat  # D("2026-11-20"): a day written as the tests read it

MakeInterview = Callable[..., Interview]


def build_interview(**overrides) -> Interview:
    """An interview a candidate might log; any field can be overridden by keyword."""
    base = Interview(
        company="Acme Analytics",
        role="Data Engineer",
        stage=Stage.TECHNICAL,
        format=Format.VIDEO,
        interview_at=INTERVIEW_AT,
        duration_min=60,
        interviewers=(Interviewer("Priya Shah", "Engineering Manager", "priya@acme.example"),),
        scores={Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 3, Dimension.CULTURE_FIT: None},
        evidence={
            Dimension.SKILLS_MATCH: "Walked through the pipeline redesign",
            Dimension.ENTHUSIASM: "Asked about their roadmap",
            Dimension.CULTURE_FIT: "",
        },
    )
    return replace(base, **overrides)


# The entry the app and browser tests meet on their pages: Jane Doe at Acme, a hiring-manager round on
# FIXED_NOW's Friday at 15:00 (the values the Log form's test helper types), so a thank-you is due today.
ON_THE_PAGE = dict(
    company="Acme",
    role="Data engineer",
    stage=Stage.HIRING_MANAGER,
    interview_at=datetime(2026, 11, 20, 15, 0),
    duration_min=45,
    interviewers=(Interviewer("Jane Doe", "Engineering manager", "jane@acme.example"),),
    evidence={
        Dimension.SKILLS_MATCH: "Walked through the pipeline rebuild",
        Dimension.ENTHUSIASM: "Asked about roadmap",
    },
)
