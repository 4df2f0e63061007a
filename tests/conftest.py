"""Fixtures every test layer shares: a fresh database per test, a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = datetime(2026, 11, 20, 17, 0)  # a Friday afternoon


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "debrief.db"
