"""Unit fixtures: a fresh Store per test, the interview factory, and a CLI that never sees today."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.store import Store
from tests.factories import FIXED_NOW, MakeInterview, build_interview


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
