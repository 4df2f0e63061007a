"""lib.erase: delete everything, so the text is gone from the database file and its WAL."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from lib import backup
from lib.backup import backup_now, data_tables, list_backups, quoted
from lib.erase import delete_everything
from lib.followup import StepMark, StepStatus
from lib.store import Store
from tests.unit.conftest import build_interview

MARKER = "candid-note-7f3a91"
NOW = datetime(2026, 11, 20, 17, 0)


def add(store: Store, company: str = "Acme", minute: int = 0, notes: str = "") -> int:
    interview = build_interview(company=company, notes=notes, interview_at=datetime(2026, 11, 10, 14, minute))
    [new_id] = store.import_entries([(interview, [])])
    return new_id


def companies(store: Store) -> list[str]:
    return sorted(i.company for i in store.find_interviews())


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {quoted(t)}").fetchone()[0] for t in data_tables(conn)}
    conn.close()
    return counts


def test_delete_everything_empties_every_table_and_the_file_forgets_the_text(store: Store):
    acme = add(store, notes=MARKER)
    store.mark_step(acme, StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date()))
    store.save_form_draft("new", f'{{"notes": "{MARKER}"}}')
    version = store.data_version()

    erased = delete_everything(store)

    assert erased.rows == 4 and erased.wal_truncated  # interview, interviewer, mark, draft
    assert set(row_counts(store.path).items()) - {("meta", 1)} == {(t, 0) for t in row_counts(store.path)
                                                                    if t != "meta"}  # fmt: skip
    assert store.data_version() == version + 1
    assert store.schema_version() == len(backup.KNOWN_MIGRATIONS)
    for companion in ("", "-wal", "-shm"):
        path = Path(f"{store.path}{companion}")
        if path.exists():
            assert MARKER.encode() not in path.read_bytes(), companion or "the database file"
    add(store, "After")  # and the app goes on working
    assert companies(store) == ["After"]


def test_delete_everything_leaves_backups_to_the_user(store: Store):
    add(store)
    made = backup_now(store, NOW)
    delete_everything(store)
    assert [b.path for b in list_backups(store.path)] == [made.path]


