"""AppTest fixtures: each test gets its own database (via DEBRIEF_DB) and a pinned clock."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.app.helpers import ENTRYPOINT
from tests.factories import FIXED_NOW


@pytest.fixture(autouse=True)
def fresh_app_state(monkeypatch: pytest.MonkeyPatch, db_path: Path):
    """Caches are process-global and outlive an AppTest: clear them around every test."""
    monkeypatch.setenv("DEBRIEF_DB", str(db_path))
    monkeypatch.setenv("DEBRIEF_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("DEBRIEF_TZ", "Europe/London")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


@pytest.fixture
def app() -> AppTest:
    """The whole app through its entrypoint, as a user gets it (navigation included)."""
    return AppTest.from_file(ENTRYPOINT, default_timeout=30)
