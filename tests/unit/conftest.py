"""Unit fixtures: a fresh Store per test and a factory for a plausible interview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from lib.domain.model import Dimension, Format, Interview, Interviewer, Stage
from lib.store import Store
from tests.conftest import FIXED_NOW

# Tue 10 Nov 2026, 14:00-15:00: a plain weekday with no month end or DST change nearby.
INTERVIEW_AT = datetime(2026, 11, 10, 14, 0)

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


@pytest.fixture
def make_interview() -> MakeInterview:
    return build_interview


@pytest.fixture
def store(db_path: Path) -> Store:
    """A fresh database file per test (db_path is in tmp_path); Store holds no connection to close."""
    return Store(db_path)


@pytest.fixture
def cli_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The CLI reads `now` through lib.clock, which honours DEBRIEF_NOW: tests never see today.
    Its default database is a file of the test's own, never the user's."""
    monkeypatch.setenv("DEBRIEF_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("DEBRIEF_TZ", "Europe/London")
    monkeypatch.setenv("DEBRIEF_DB", str(tmp_path / "default.db"))
