"""Guarantee 3: a database made by every earlier schema version opens with every row intact.

For each prefix of the migrations (1, then 1-2, then 1-2-3, ...) a database is built by applying
just that prefix, filled with rows by plain SQL of that version, and opened with `Store`, which
migrates it to the newest schema. Every row must still be there with every old value unchanged,
and the app's own reads must return it. A new migration is covered as soon as it is registered:
its new tables get a synthesised row each (add an explicit filler to FILLERS when the synthesised
row cannot satisfy its constraints; the test says so).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from lib.domain.model import Dimension, Outcome
from lib.domain.steps import StepStatus
from lib.store import Store, migrations
from lib.store.backup import data_tables, quoted
from tests.factories import FIXED_NOW, ROOT

NAMES = [m.name for m in migrations._migrations]
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "schema_v1.db"
Snapshot = dict[str, dict[int, dict]]


def fill_001(conn: sqlite3.Connection) -> None:
    """Rows as the version-1 app wrote them, with the text that tends to break things."""
    conn.executescript(
        """
        INSERT INTO interviews (id, company, role, stage, format, interview_at, duration_min, recruiter,
            stated_timeframe, questions, notes, skills_match, enthusiasm, culture_fit, skills_evidence,
            enthusiasm_evidence, culture_evidence, outcome, outcome_on, is_demo, submit_token, created_at, updated_at)
        VALUES
            (1, 'Acme', 'Data engineer', 'technical', 'video', '2026-11-10T14:00', 60, 'Sam', 'within 2 weeks',
             'Why us?', 'Line one' || char(10) || 'Zoë, 李, 🚀, "quotes"', 4, 3, NULL, '=SUM(A1)', '', '',
             'pending', NULL, 0, 'tok-1', '2026-11-10T15:00:00', '2026-11-10T15:00:00'),
            (2, 'Borealis', 'Analyst', 'phone_screen', 'phone', '2026-11-03T09:30', 30, '', '', '', '',
             NULL, NULL, 2, '', '', 'Felt formal', 'rejected', '2026-11-12', 1, NULL,
             '2026-11-03T10:00:00', '2026-11-12T08:00:00');
        INSERT INTO interviewers (id, interview_id, position, name, title, email) VALUES
            (10, 1, 0, 'Priya Shah', 'Engineering manager', 'priya@acme.example'),
            (11, 1, 1, 'Tom Lee', '', '');
        INSERT INTO step_marks (interview_id, step_key, status, on_date, marked_at) VALUES
            (1, 'thank_you:10', 'done', '2026-11-10', '2026-11-10T18:00:00'),
            (2, 'check_in', 'skipped', '2026-11-11', '2026-11-11T09:00:00');
        INSERT INTO form_drafts (form_key, payload, saved_at)
            VALUES ('new', '{"company": "Half"}', '2026-11-11T09:00:00');
        UPDATE meta SET value = '7' WHERE key = 'data_version';
        """
    )


FILLERS: dict[str, Callable[[sqlite3.Connection], None]] = {"001_initial_schema": fill_001}


# --- a synthesised row for a table nobody wrote a filler for -------------------------------
def synthesise_row(conn: sqlite3.Connection, table: str) -> None:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    choices = {m[1]: m[2] for m in re.finditer(r"CHECK\s*\(\s*(\w+)\s+IN\s*\(\s*'([^']*)'", sql, re.IGNORECASE)}
    parents = {r[3]: (r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({quoted(table)})")}
    values = {}
    for _, column, kind, _, _, pk in conn.execute(f"PRAGMA table_info({quoted(table)})"):
        if column in parents:
            parent, key = parents[column]
            row = conn.execute(f"SELECT {quoted(key or 'rowid')} FROM {quoted(parent)} LIMIT 1").fetchone()
            values[column] = row[0] if row else None
        elif pk and kind.upper() == "INTEGER":
            continue  # the rowid
        elif column in choices:
            values[column] = choices[column]
        elif "INT" in kind.upper():
            values[column] = 3  # inside 1-5 scores and >= 0 counters
        elif re.search(r"(_on|_at|until|date)$", column):
            values[column] = "2026-11-10"
        else:
            values[column] = f"{table} {column} ✓"
    names, marks = ", ".join(quoted(c) for c in values), ", ".join("?" * len(values))
    conn.execute(f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})", list(values.values()))


def build_at_version(path: Path, version: int) -> None:
    """A database with only the first `version` migrations, filled as that version's app would."""
    conn = sqlite3.connect(path)
    db = Database(conn)
    before: set[str] = set()
    for name in NAMES[:version]:
        stop = NAMES[NAMES.index(name) + 1 :]
        migrations.apply(db, stop_before=stop[0] if stop else None)  # one migration further
        new_tables = [t for t in data_tables(conn) if t not in before]
        with conn:
            if name in FILLERS:
                FILLERS[name](conn)
            for table in new_tables:
                if table != "meta" and not conn.execute(f"SELECT 1 FROM {quoted(table)}").fetchone():
                    try:
                        synthesise_row(conn, table)
                    except sqlite3.Error as error:
                        pytest.fail(f"migration {name}: add a filler for table {table} to FILLERS ({error})")
        before |= set(new_tables)
    assert [m.name for m in migrations.applied(db)] == NAMES[:version]
    conn.close()


def snapshot(path: Path) -> Snapshot:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = {}
    for table in data_tables(conn):
        rows = [dict(r) for r in conn.execute(f"SELECT rowid AS row_key_, * FROM {quoted(table)}")]
        tables[table] = {row.pop("row_key_"): row for row in rows}
    conn.close()
    return tables


def assert_every_row_survived(before: Snapshot, after: Snapshot) -> int:
    """Same rows, same old values (new columns may appear); returns how many rows were compared."""
    compared = 0
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        assert set(after[table]) == set(rows), f"rows of {table} changed"
        for rowid, old in rows.items():
            new = after[table][rowid]
            assert {k: new[k] for k in old} == old, f"{table} row {rowid}"
            compared += 1
    return compared


@pytest.mark.parametrize("version", range(1, len(NAMES) + 1), ids=[f"v{n}-{NAMES[n - 1]}" for n in
                                                                   range(1, len(NAMES) + 1)])
def test_a_database_of_every_schema_version_opens_with_every_row_intact(tmp_path: Path, version: int):
    path = tmp_path / f"v{version}.db"
    build_at_version(path, version)
    before = snapshot(path)

    store = Store(path)  # migrates to the newest schema

    assert store.schema_version() == len(NAMES)
    compared = assert_every_row_survived(before, snapshot(path))
    assert compared >= 7
    acme, borealis = sorted(store.interviews.find(), key=lambda i: i.company)
    assert acme.notes == 'Line one\nZoë, 李, 🚀, "quotes"'
    assert acme.evidence_for(Dimension.SKILLS_MATCH) == "=SUM(A1)"
    assert [p.name for p in acme.interviewers] == ["Priya Shah", "Tom Lee"]
    assert (borealis.outcome, borealis.outcome_on, borealis.is_demo) == (Outcome.REJECTED, date(2026, 11, 12), True)
    marks = store.follow_up.marks_for([1, 2])
    assert [(m.step_key, m.status) for m in marks[1]] == [("thank_you:10", StepStatus.DONE)]
    assert store.data_version() == 7
    uids = [i.uid for i in (acme, borealis)]
    assert all(uid.startswith("iv-") for uid in uids) and len(set(uids)) == 2  # every round can be named
    store.interviews.save(acme, now=FIXED_NOW)  # and it takes writes
    assert store.interviews.get(acme.saved_id).uid == acme.uid  # an edit keeps it


def test_the_committed_version_1_database_opens_with_every_row_intact(tmp_path: Path):
    """A file made by the version-1 code itself (tests/fixtures/README.md), not by this test's SQL."""
    path = tmp_path / "schema_v1.db"
    shutil.copyfile(FIXTURE_V1, path)  # never open the committed file in place
    before = snapshot(path)

    store = Store(path)

    assert store.schema_version() == len(NAMES)
    assert assert_every_row_survived(before, snapshot(path)) >= 9
    interviews = {i.company: i for i in store.interviews.find()}
    assert set(interviews) == {"Acme Analytics", "Borealis", "Cobalt"}
    acme = interviews["Acme Analytics"]
    assert acme.interview_at == datetime(2026, 11, 10, 14, 0)
    assert acme.notes == "Candid: the manager seemed rushed.\nSecond line, Zoë 🚀"
    assert [p.name for p in acme.interviewers] == ["Priya Shah", "Tom Lee"]
    assert {m.step_key for m in store.follow_up.marks_for([acme.id])[acme.id]} == {
        f"thank_you:{acme.interviewers[0].id}", "recruiter_update"}
    assert store.settings.form_draft("new")[0] == '{"company": "Half-typed Co"}'
