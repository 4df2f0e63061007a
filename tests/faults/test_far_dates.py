"""Far-future dates, the hostile way: through every import door, and in a real `debrief` process.

A date at the end of Python's calendar (year 9999) once made every page and `export ics`
overflow. Imports must refuse it at the field, and a database that already holds such rows
(written by an older version) must still export from a real command-line process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from lib.domain.model import Format, Interview, Outcome, Stage, ValidationError
from lib.files.imports import import_file
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW, ROOT, store_unchecked

ACME = Interview("Acme", "Data engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, 14, 0))


@pytest.fixture
def doc(tmp_path: Path) -> dict:
    source = Store(tmp_path / "source.db")
    source.interviews.import_entries([(ACME, [])])
    return json.loads(export_json(source, FIXED_NOW))


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("stated_timeframe", "by 9999-12-31", "names a date that must be between 1990 and 2100 (got 9999-12-31)"),
        ("stated_timeframe", "by 2101-01-01", "names a date that must be between 1990 and 2100 (got 2101-01-01)"),
        ("interview_at", "9999-12-31T10:00", "must be between 1990 and 2100 (got 9999-12-31)"),
        ("interview_at", "0001-01-01T10:00", "must be between 1990 and 2100 (got 0001-01-01)"),
    ],
    ids=["timeframe-year-9999", "timeframe-year-2101", "interview-year-9999", "interview-year-1"],
)
def test_a_json_import_carrying_a_far_date_is_refused_at_its_field(doc: dict, tmp_path: Path, field, value, words):
    doc["tables"]["interviews"][0][field] = value
    target = Store(tmp_path / "target.db")
    with pytest.raises(ValidationError) as caught:
        import_file(target, json.dumps(doc).encode("utf-8"), "export.json", FIXED_NOW)
    assert any(words in message for message in caught.value.errors.values()), caught.value.errors
    assert target.interviews.count() == 0


def test_a_json_import_carrying_a_decision_years_away_before_2100_is_imported_not_refused(doc: dict, tmp_path: Path):
    doc["tables"]["interviews"][0]["stated_timeframe"] = "by 2062-12-01"  # flagged in the app, never refused
    target = Store(tmp_path / "target.db")
    import_file(target, json.dumps(doc).encode("utf-8"), "export.json", FIXED_NOW)
    assert [i.stated_timeframe for i in target.interviews.find()] == ["by 2062-12-01"]


def test_a_real_debrief_process_exports_a_database_holding_far_dates(tmp_path: Path):
    db = tmp_path / "old.db"
    store = Store(db)
    store_unchecked(
        store,
        Interview("Far timeframe", "Engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, 14, 0),
                  stated_timeframe="by 9999-12-31"),
        Interview("Far day", "Engineer", Stage.TECHNICAL, Format.VIDEO, datetime(9999, 12, 31, 23, 0),
                  outcome=Outcome.PENDING),
    )
    env = os.environ | {"DEBRIEF_NOW": FIXED_NOW.isoformat(), "DEBRIEF_TZ": "Europe/London", "DEBRIEF_DB": str(db),
                        "PYTHONPATH": str(ROOT)}
    for kind in ("ics", "csv"):
        out = tmp_path / f"out.{kind}"
        done = subprocess.run([sys.executable, "-m", "lib", "export", kind, "--out", str(out)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    events = Calendar.from_ical((tmp_path / "out.ics").read_text(encoding="utf-8")).walk("VEVENT")
    print(f"\n{len(events)} calendar events exported from a database holding year-9999 rows")
    assert any("Far timeframe" in str(e["SUMMARY"]) for e in events)
