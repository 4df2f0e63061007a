"""Restore: replace all the data with a backup's, after checking it and backing up what is there.

The incoming file is copied through SQLite (`VACUUM INTO`, which reads its `-wal` if it has one)
to a private staging file, checked (sound, a Debrief database, a schema no newer than ours),
brought up to our schema by the usual migrations, refused if it then holds any table, index or
trigger ours does not, and refused if any row is one the app could not read
(lib.store.readable_rows). A refused file changes nothing and makes no backup.

Then one critical section on the live database: `BEGIN IMMEDIATE` takes the write lock, every
row is replaced inside that transaction (a CHECK, UNIQUE or foreign key the rows break refuses
the file, rolled back), and only then is the safety backup made, by a second connection: it
reads the last committed state, which is the data just before the restore, and no other save
can commit while the lock is held. So every save lands either before the lock (it is in the
safety backup) or after the commit (it is in the restored data). Readers see the old data or
the new, never a mix; the live file is never swapped or overwritten from outside SQLite.
A database that held no rows (just created, as on a new computer or under a mistyped path)
gets no safety backup: there was nothing to keep. The calendar feed's address is not the
backup's data but this database's: the token it has stays (lib.store.settings).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from lib.domain.model import ValidationError
from lib.store import Store, immediate
from lib.store.backup import Backup, DatabaseCheck, backup_now, check_database
from lib.store.db import data_tables
from lib.store.readable_rows import unreadable_rows
from lib.store.settings import keep_calendar_token, stored_token
from lib.store.statements import quoted
from lib.store.workdirs import working_folder

# What can still go wrong with a file that passed every check (a full disk during the safety
# backup, say): the transaction is rolled back, and the caller says so in the error's words.
RESTORE_FAILURES = (sqlite3.Error, OSError)


@dataclass(frozen=True)
class Restored:
    interviews: int
    safety_backup: Backup | None  # the data as it was just before; None when the database held none

    @property
    def into_new_database(self) -> bool:
        return self.safety_backup is None


def restore(store: Store, source: Path, now: datetime) -> Restored:
    """Replace every row of the database with those of `source`, after checking it and backing up.

    Raises ValidationError (field "file") when `source` is not a healthy Debrief database whose
    every row this version can read; nothing is changed then, and no backup is made.
    """
    with working_folder(store.path, "restore-") as work:
        staging = _checked_copy(store, Path(source), work)
        return _replace_rows(store, staging, now)


def restore_bytes(store: Store, data: bytes, now: datetime) -> Restored:
    """`restore` from an uploaded file's bytes."""
    with working_folder(store.path, "upload-") as work:
        upload = work / "upload.db"
        upload.write_bytes(data)
        return restore(store, upload, now)


def check_upload(store: Store, data: bytes) -> DatabaseCheck:
    """What restoring these bytes would bring, checked on a private copy (nothing is changed)."""
    with working_folder(store.path, "upload-") as work:
        upload = work / "upload.db"
        upload.write_bytes(data)
        check = check_database(upload)
        if check.ok:
            try:
                _checked_copy(store, upload, work)
            except ValidationError as problem:
                return DatabaseCheck((problem.message,), check.schema_version, check.interviews)
        return check


def _checked_copy(store: Store, source: Path, work: Path) -> Path:
    """`source` copied into `work`, migrated, and checked for every table, column and row; its path."""
    staging = work / "incoming.db"
    _copy_in(source, staging)
    try:
        Store(staging)  # the usual migrations bring an older backup up to this schema
    except sqlite3.Error as error:  # e.g. a record of its schema that does not match its tables
        raise ValidationError("file", f"cannot be brought up to this Debrief's schema: {error}") from None
    _refuse_unknown_shape(store, staging)
    _refuse_unreadable_rows(staging)
    return staging


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
    shape: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind, name in rows:
        columns: tuple[str, ...] = ()
        if kind == "table":
            columns = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({quoted(name)})"))
        shape[(kind, name)] = columns
    return shape


def _refuse_unreadable_rows(staging: Path) -> None:
    with closing(sqlite3.connect(staging)) as conn:
        problems = unreadable_rows(conn, data_tables(conn))
    if problems:
        raise ValidationError("file", "has rows Debrief cannot read: " + "; ".join(str(p) for p in problems))


def _replace_rows(store: Store, staging: Path, now: datetime) -> Restored:
    """Every table refilled from `staging`, the safety backup made, the data version moved on: one transaction."""
    with store.connect() as db:
        db.execute("ATTACH DATABASE ? AS incoming", [str(staging)])  # not allowed inside a transaction
        try:
            with immediate(db):
                version = db.execute(
                    "SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM meta WHERE key = 'data_version'"
                ).fetchone()[0]
                held_data = _holds_rows(db)  # read under the write lock: no save can land before the copy
                feed_token = stored_token(db)
                _copy_tables(db)
                keep_calendar_token(db, feed_token)  # subscribed calendars keep their address
                # another connection: it reads the committed data, the state just before the restore
                safety = backup_now(store, now, kind="before-restore") if held_data else None
                # never back to an older number: the UI caches reads by it
                db.execute(
                    "INSERT INTO meta (key, value) VALUES ('data_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [str(int(version) + 1)],
                )
                db.execute("DELETE FROM meta WHERE key = 'scores_version'")  # the data version stands for it
                interviews = db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
        finally:
            db.execute("DETACH DATABASE incoming")
    return Restored(int(interviews), safety)


def _holds_rows(db: Database) -> bool:
    """Whether any table but the bookkeeping (meta) holds a row: False for a database just created."""
    return any(
        db.execute(f"SELECT EXISTS (SELECT 1 FROM main.{quoted(table)})").fetchone()[0]
        for table in data_tables(db)
        if table != "meta"
    )


def _copy_tables(db: Database) -> None:
    """Empty and refill every table; a row breaking a rule of our schema refuses the file (rolled back)."""
    db.execute("PRAGMA defer_foreign_keys = ON")  # checked below, once every table is full
    table = ""
    try:
        for table in data_tables(db):
            columns = ", ".join(quoted(c) for c in db[table].columns_dict)
            db.execute(f"DELETE FROM main.{quoted(table)}")
            db.execute(f"INSERT INTO main.{quoted(table)} ({columns}) SELECT {columns} FROM incoming.{quoted(table)}")
    except sqlite3.IntegrityError as error:
        raise ValidationError("file", f"breaks a rule of Debrief's database in table {table}: {error}") from None
    broken = db.execute("PRAGMA main.foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise ValidationError(
            "file", f"has {len(broken)} rows pointing at rows that do not exist (table {table}, row {rowid} "
            f"points at a missing row of {parent})"
        )
