"""Restore: replace all the data with a backup's, after checking it and backing up what is there.

The incoming file is copied through SQLite (`VACUUM INTO`, which reads its `-wal` if it has one)
to a private staging file, checked (sound, a Debrief database, a schema no newer than ours),
brought up to our schema by the usual migrations, and refused if it then holds any table,
index or trigger ours does not. The current data is backed up, and every row of the live
database is replaced inside one `BEGIN IMMEDIATE` transaction: readers see the old data or the
new, never a mix. The live file is never swapped or overwritten from outside SQLite, so open
connections and the WAL stay consistent, and a crash at any moment leaves one or the other.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lib.backup import Backup, DatabaseCheck, backup_now, check_database, data_tables, quoted
from lib.model import ValidationError
from lib.store import Store, immediate
from lib.workdirs import working_folder


@dataclass(frozen=True)
class Restored:
    interviews: int
    safety_backup: Backup  # the data as it was just before the restore


def restore(store: Store, source: Path, now: datetime) -> Restored:
    """Replace every row of the database with those of `source`, after checking it and backing up.

    Raises ValidationError (field "file") when `source` is not a healthy Debrief database this
    version can read; nothing is changed then.
    """
    with working_folder(store.path, ".restore-") as work:
        staging = Path(work) / "incoming.db"
        _copy_in(Path(source), staging)
        Store(staging)  # the usual migrations bring an older backup up to this schema
        _refuse_unknown_shape(store, staging)
        safety = backup_now(store, now, kind="before-restore")
        interviews = _replace_rows(store, staging)
    return Restored(interviews, safety)


def restore_bytes(store: Store, data: bytes, now: datetime) -> Restored:
    """`restore` from an uploaded file's bytes."""
    with working_folder(store.path, ".upload-") as work:
        upload = Path(work) / "upload.db"
        upload.write_bytes(data)
        return restore(store, upload, now)


def check_upload(store: Store, data: bytes) -> DatabaseCheck:
    """What restoring these bytes would bring, checked on a private copy (nothing is changed)."""
    with working_folder(store.path, ".upload-") as work:
        upload = Path(work) / "upload.db"
        upload.write_bytes(data)
        return check_database(upload)


def _copy_in(source: Path, staging: Path) -> None:
    check = check_database(source)
    if not check.ok:
        raise ValidationError("file", check.problems[0])
    with closing(sqlite3.connect(source, timeout=10)) as conn:  # query_only would refuse VACUUM INTO
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("VACUUM INTO ?", [str(staging)])


def _refuse_unknown_shape(store: Store, staging: Path) -> None:
    """After migration the incoming file must have exactly our tables and columns, nothing more."""
    with store.connect() as db:
        ours = _shape(db.conn)
    with closing(sqlite3.connect(staging)) as conn:
        theirs = _shape(conn)
    if theirs != ours:
        extra = sorted(f"{kind} {name}" for kind, name in set(theirs) - set(ours))
        detail = f": {', '.join(extra)}" if extra else ""
        raise ValidationError("file", f"has tables or columns this Debrief does not know{detail}")


def _shape(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, ...]]:
    rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    shape = {}
    for kind, name in rows:
        columns = ()
        if kind == "table":
            columns = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({quoted(name)})"))
        shape[(kind, name)] = columns
    return shape


def _replace_rows(store: Store, staging: Path) -> int:
    """Every table emptied and refilled from `staging`, and the data version moved on, in one transaction."""
    with store.connect() as db:
        db.execute("ATTACH DATABASE ? AS incoming", [str(staging)])
        try:
            with immediate(db):
                db.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT, when every table is full
                version = int(db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])
                for table in data_tables(db):
                    columns = ", ".join(quoted(c) for c in db[table].columns_dict)
                    db.execute(f"DELETE FROM main.{quoted(table)}")
                    db.execute(
                        f"INSERT INTO main.{quoted(table)} ({columns}) SELECT {columns} FROM incoming.{quoted(table)}"
                    )
                # never back to an older number: the UI caches reads by it
                db.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version + 1)])
                interviews = db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
        finally:
            db.execute("DETACH DATABASE incoming")
    return int(interviews)
