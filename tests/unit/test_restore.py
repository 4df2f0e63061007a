"""lib.restore: a checked file replaces every row in one transaction, after a backup of what was there."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib.backup import backup_now, check_database, database_snapshot, list_backups
from lib.followup import StepMark, StepStatus
from lib.model import ValidationError
from lib.restore import check_upload, restore, restore_bytes
from lib.store import Store
from tests.conftest import ROOT
from tests.unit.data_helpers import NOW, add, companies, row_counts


def test_restore_replaces_every_table_and_keeps_a_copy_of_what_was_there(store: Store):
    acme = add(store, "Acme")
    store.mark_step(acme, StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date()))
    store.save_form_draft("new", '{"company": "Draft Co"}')
    saved = backup_now(store, NOW)
    add(store, "Borealis")
    store.discard_form_draft("new")
    version = store.data_version()

    restored = restore(store, saved.path, NOW + timedelta(minutes=5))

    assert restored.interviews == 1
    assert companies(store) == ["Acme"]
    assert store.marks_for([acme])[acme] == [StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date())]
    assert store.form_draft("new")[0] == '{"company": "Draft Co"}'
    assert restored.safety_backup.kind == "before-restore" and restored.safety_backup.interviews == 2
    assert store.data_version() > version  # never back to a number the UI may have cached
    assert row_counts(store.path) == row_counts(saved.path) | {"meta": 1}


def test_restore_of_a_version_1_database_migrates_it_first(store: Store, tmp_path: Path):
    add(store, "Current")
    old = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_v1.db", old)
    assert restore(store, old, NOW).interviews == 3
    assert companies(store) == ["Acme Analytics", "Borealis", "Cobalt"]
    assert check_database(old).schema_version == 1  # the source file itself is left as it was


def test_restore_reads_a_live_source_together_with_its_wal(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    holder = sqlite3.connect(source.path)  # while it is open, the next commit stays in source.db-wal
    holder.execute("SELECT COUNT(*) FROM interviews").fetchall()
    add(source, "In the WAL only")
    assert (tmp_path / "source.db-wal").stat().st_size > 0
    restore(store, source.path, NOW)
    holder.close()
    assert companies(store) == ["In the WAL only"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"hello"), "is not a SQLite database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id)").connection.commit(),
         "is not a Debrief database"),
    ],
    ids=["not SQLite", "another app's database"],
)  # fmt: skip
def test_restore_refuses_a_wrong_file_and_changes_nothing(store: Store, tmp_path: Path, make, words):
    add(store, "Keep me")
    version = store.data_version()
    source = tmp_path / "wrong.db"
    make(source)
    with pytest.raises(ValidationError) as refused:
        restore(store, source, NOW)
    assert words in refused.value.errors["file"]
    assert (companies(store), store.data_version(), list_backups(store.path)) == (["Keep me"], version, [])


def test_restore_refuses_a_database_with_tables_debrief_does_not_know(store: Store, tmp_path: Path):
    odd = tmp_path / "odd.db"
    odd.write_bytes(database_snapshot(store))
    with sqlite3.connect(odd) as conn:
        conn.execute("CREATE TABLE secrets (x)")
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON interviews BEGIN DELETE FROM meta; END")
    conn.close()
    with pytest.raises(ValidationError, match="does not know: table secrets, trigger sneaky"):
        restore(store, odd, NOW)


def test_restore_bytes_restores_an_uploaded_file(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    add(source, "Uploaded")
    restore_bytes(store, database_snapshot(source), NOW)
    assert companies(store) == ["Uploaded"]
    assert [p.name for p in store.path.parent.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_check_upload_looks_at_a_private_copy_and_changes_nothing(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    add(source, "Uploaded")
    add(store, "Mine")
    check = check_upload(store, database_snapshot(source))
    assert (check.ok, check.interviews) == (True, 1)
    assert companies(store) == ["Mine"]
    assert not check_upload(store, b"SQLite format 3\x00 but nothing else").ok
