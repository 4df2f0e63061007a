"""lib.store.erase: delete everything, so the text is gone from the database file and its WAL."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lib.domain.steps import StepMark, StepStatus
from lib.store import Store, backup
from lib.store.backup import backup_now, list_backups
from lib.store.erase import delete_everything
from tests.factories import FIXED_NOW as NOW
from tests.unit.data_helpers import MARKER, add, companies, row_counts


def test_delete_everything_empties_every_table_and_the_file_forgets_the_text(store: Store):
    acme = add(store, notes=MARKER)
    store.follow_up.mark(acme, StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date()))
    store.settings.save_form_draft("new", f'{{"notes": "{MARKER}"}}')
    version = store.data_version()

    erased = delete_everything(store)

    assert erased.rows == 5 and erased.wal_truncated  # interview, its application, interviewer, mark, draft
    assert set(row_counts(store.path).items()) - {("meta", 1)} == {(t, 0) for t in row_counts(store.path)
                                                                    if t != "meta"}
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
