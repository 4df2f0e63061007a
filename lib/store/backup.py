"""Backups: checked copies of the database, the newest ten of each kind kept, and checks of any database file.

Nothing here copies the file of an open database, and nothing separates it from its `-wal`.
A backup is `VACUUM INTO` a fresh temporary file in `<db dir>/backups/`, checked with
`PRAGMA integrity_check`, flushed to disk, then linked into place under its final name, so a
listed backup is always whole (a crash leaves only a hidden `.partial-*` file, cleared later).
Restoring one is lib/store/restore.py; deleting everything is lib/store/erase.py. Retention counts each
kind apart (automatic, made by you, before a restore), so safety copies never push out the
user's own backups.

The helpers work on the database as files and tables, generic over the schema, so a table a
later migration adds is backed up, exported, restored and deleted with no change here.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lib.store import Store, migrations
from lib.store.db import SQLITE_HEADER, data_tables
from lib.store.statements import quoted
from lib.store.workdirs import working_folder

BACKUPS_KEPT = 10
KIND_LABELS = {"auto": "Automatic", "manual": "Made by you", "before-restore": "Before a restore"}
AUTO_LOCK = ".auto.lock"  # in backups/: one process at a time decides on the automatic backup
DATABASE_MEDIA_TYPE = "application/vnd.sqlite3"  # what a downloaded database is, for the browser
DATABASE_SUFFIXES = ("db", "sqlite", "sqlite3")  # what the restore upload accepts
PARTIAL_PREFIX = ".partial-"
STALE_PARTIAL_SECONDS = 3600
KNOWN_MIGRATIONS = [m.name for m in migrations._migrations]
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One backup file: when it was made, why, and what it holds."""

    path: Path
    made_at: datetime
    kind: str  # a key of KIND_LABELS
    sequence: int  # 1, 2, ... when several were made in the same second
    size_bytes: int
    interviews: int | None  # None: the file could not be read
    data_version: int | None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class DatabaseCheck:
    """What `check_database` found: no problems means the file is a healthy Debrief database."""

    problems: tuple[str, ...]
    schema_version: int | None = None
    interviews: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


# --- backups -------------------------------------------------------------------------------
def backups_folder(db_path: Path) -> Path:
    """`<db dir>/backups`: beside the database, so it stays under the user's own folder."""
    return db_path.parent / "backups"


def backup_now(store: Store, now: datetime, kind: str = "manual", keep: int = BACKUPS_KEPT) -> Backup:
    """A checked copy of the database under `backups/`; then only the newest `keep` stay.

    >>> backup_now(Store("data/debrief.db"), now).path.name
    'debrief-20261120-170000-manual.db'
    """
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown backup kind {kind!r}")
    folder = _ensure_folder(store.path)
    _clear_stale_partials(folder)
    handle, partial_name = tempfile.mkstemp(dir=folder, prefix=PARTIAL_PREFIX, suffix=".db")  # 0600, empty
    os.close(handle)
    partial = Path(partial_name)
    try:
        with store.connect() as db:
            db.execute("VACUUM INTO ?", [str(partial)])  # an empty target file is allowed
        _verify_copy(partial)
        target = _link_under_free_name(partial, folder, store.path.stem, now, kind)
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(folder)
    made = _describe(target, _parse_name(target.name, store.path.stem))
    prune_backups(store.path, keep, spare=target)
    return made


def list_backups(db_path: Path) -> list[Backup]:
    """This database's backups, newest first."""
    return [_describe(path, (made_at, sequence, kind))
            for made_at, sequence, kind, path in _named_backups(db_path) if path.is_file()]


def prune_backups(db_path: Path, keep: int = BACKUPS_KEPT, spare: Path | None = None) -> list[Path]:
    """Of each kind, remove all but the newest `keep` backups (never `spare`, the one just made).

    Newest by the time in the name; `spare` matters when the clock went back (an hour at the end of
    summer time): the backup just made must survive even if its name sorts older. Kinds are kept
    apart so that many restores (each making a "before-restore" copy) never delete a backup the
    user made or the daily one.
    """
    spared = _parse_name(spare.name, db_path.stem) if spare is not None else None
    removed = []
    for kind in KIND_LABELS:
        backups = [b for b in _named_backups(db_path) if b[2] == kind and b[3] != spare]
        room = keep - (spared is not None and spared[2] == kind)
        removed += [path for *_, path in backups[room:]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _named_backups(db_path: Path) -> list[tuple[datetime, int, str, Path]]:
    """(made at, sequence, kind, path) of every backup, newest first, read from the names alone (no file opened)."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = _parse_name(path.name, db_path.stem)
        if parsed:
            found.append((*parsed, path))
    return sorted(found, key=lambda b: (b[0], b[1]), reverse=True)


def delete_backups(db_path: Path) -> int:
    """Remove every backup of this database (and any half-written one); returns how many went."""
    backups = list_backups(db_path)
    for backup in backups:
        backup.path.unlink(missing_ok=True)
    folder = backups_folder(db_path)
    if folder.is_dir():
        for leftover in folder.glob(PARTIAL_PREFIX + "*"):
            leftover.unlink(missing_ok=True)
    return len(backups)


def auto_backup(store: Store, now: datetime) -> Backup | None:
    """At most one automatic backup a day, and only when the data changed since the newest backup.

    A database without interviews (never written, or just emptied by "Delete everything") has
    nothing worth a backup. Cheap when there is nothing to do: two small queries, a folder
    listing (names only), and one read of the newest backup's data version.
    """
    version = store.data_version()
    if version == 0 or store.interviews.count() == 0:
        return None
    if _auto_exists(store.path, now):
        return None
    with _auto_lock(store.path):  # another process may be making today's right now: look again inside
        named = _named_backups(store.path)
        if _auto_exists(store.path, now, named):
            return None
        if named and _describe(named[0][3], named[0][:3]).data_version == version:
            return None
        return backup_now(store, now, kind="auto")


def _auto_exists(db_path: Path, now: datetime, named: list | None = None) -> bool:
    named = _named_backups(db_path) if named is None else named
    return any(kind == "auto" and made.date() == now.date() for made, _, kind, _ in named)


@contextmanager
def _auto_lock(db_path: Path) -> Iterator[None]:
    """`backups/.auto.lock`, held by the one process deciding whether to make the automatic backup."""
    handle = os.open(_ensure_folder(db_path) / AUTO_LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when closed, or when the process dies
        yield
    finally:
        os.close(handle)


class DailyBackup:
    """The automatic backup as a hook: `Store(path, after_write=DailyBackup(clock))`, also called on each rerun.

    After any committed write (and on each rerun, for changes made outside the app, by the CLI)
    it makes the day's automatic backup unless one exists. What it learnt is kept in memory:
    once today's automatic backup exists, a call costs one clock read; while the data is unchanged
    since a check found nothing to do, one data-version query. A lock keeps two sessions of one
    process from both making the day's backup; `auto_backup`'s file lock does so across processes.
    """

    def __init__(self, clock: Callable[[], datetime]):
        self._clock = clock
        self._lock = threading.Lock()
        self._done_on: date | None = None  # the day whose automatic backup exists
        self._checked: tuple[date, int] | None = None  # (day, data version) found with nothing to do

    def __call__(self, store: Store) -> Backup | None:
        now = self._clock()
        if self._done_on == now.date():
            return None
        with self._lock:
            version = store.data_version()
            if self._done_on == now.date() or self._checked == (now.date(), version):
                return None
            made = auto_backup(store, now)
            if made or _auto_exists(store.path, now):
                self._done_on = now.date()
            else:
                self._checked = (now.date(), version)
            return made


def database_snapshot(store: Store) -> bytes:
    """The whole database as one consistent SQLite file's bytes (for a download), never the live file."""
    with working_folder(store.path, "snapshot-") as work:
        copy = work / "snapshot.db"
        with store.connect() as db:
            db.execute("VACUUM INTO ?", [str(copy)])
        _verify_copy(copy)
        return copy.read_bytes()


# --- checking a database file ------------------------------------------------------------
def check_database(path: Path) -> DatabaseCheck:
    """Integrity, foreign keys, and whether it is a Debrief database this version can read.

    Reads only; a database with an older schema is fine (it is upgraded when opened).
    """
    path = Path(path)
    if path.is_dir():
        return DatabaseCheck((f"is a folder, not a database file: give the file's path, e.g. {path / 'debrief.db'}",))
    if not path.is_file():
        return DatabaseCheck(("does not exist",))  # shown after the path, as every problem here is
    if path.stat().st_size == 0:  # what a new database looks like before Debrief first writes to it
        return DatabaseCheck(("is an empty file, with no Debrief database in it",))
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return DatabaseCheck(("is not a SQLite database (a Debrief backup is a .db file)",))
    try:
        with _reading(path) as conn:
            return _check_open_database(conn)
    except sqlite3.DatabaseError as error:
        return DatabaseCheck((f"cannot be read: {error}",))


def _check_open_database(conn: sqlite3.Connection) -> DatabaseCheck:
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    if integrity != ["ok"]:
        return DatabaseCheck(("is damaged: " + "; ".join(integrity[:3]),))
    problems = []
    broken_links = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken_links:
        problems.append(f"has {len(broken_links)} rows pointing at rows that do not exist")
    applied = _applied_migrations(conn)
    if applied is None:
        return DatabaseCheck((*problems, "is not a Debrief database (it has no record of Debrief's schema)"))
    if applied != KNOWN_MIGRATIONS[: len(applied)]:
        problems.append(
            f"was made by a newer or different Debrief (schema version {len(applied)}; "
            f"this Debrief reads up to version {len(KNOWN_MIGRATIONS)}): update Debrief first"
        )
        return DatabaseCheck(tuple(problems), len(applied))
    tables = set(data_tables(conn))
    if applied and not {"interviews", "meta"} <= tables:
        problems.append("is missing Debrief's tables")
        return DatabaseCheck(tuple(problems), len(applied))
    version = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    if version is None or not (str(version[0]).isascii() and str(version[0]).isdigit()):
        problems.append("has no data version in its meta table (Debrief's bookkeeping is missing)")
    interviews = conn.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] if applied else 0
    return DatabaseCheck(tuple(problems), len(applied), interviews)


def _applied_migrations(conn: sqlite3.Connection) -> list[str] | None:
    table = migrations.migrations_table
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone():
        return None
    rows = conn.execute(f"SELECT name FROM {quoted(table)} WHERE migration_set = ? ORDER BY rowid", [migrations.name])
    names = [r[0] for r in rows]
    return names or None


# --- small helpers ---------------------------------------------------------------------------
def human_size(size_bytes: int) -> str:
    """1536 -> '1.5 KB': how a file manager writes a size."""
    for limit, unit in ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB")):
        if size_bytes >= limit:
            return f"{size_bytes / limit:.1f} {unit}"
    return f"{size_bytes} bytes"


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write and does not trust anything stored in the schema."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        yield conn
    finally:
        conn.close()


def _verify_copy(path: Path) -> None:
    """A fresh copy must pass integrity_check and reach the disk before anyone relies on it."""
    with closing(sqlite3.connect(path)) as conn:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    if result != ["ok"]:
        raise sqlite3.DatabaseError("the copy failed its integrity check: " + "; ".join(result))
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _ensure_folder(db_path: Path) -> Path:
    folder = backups_folder(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # candid notes: the owner only
    return folder


def _link_under_free_name(partial: Path, folder: Path, stem: str, now: datetime, kind: str) -> Path:
    """Give the finished copy its name without ever replacing another backup (os.link never overwrites)."""
    for sequence in range(1, 1000):
        suffix = "" if sequence == 1 else f"-{sequence}"
        target = folder / f"{stem}-{now.strftime(_STAMP)}{suffix}-{kind}.db"
        try:
            os.link(partial, target)
            return target
        except FileExistsError:
            continue
    raise FileExistsError(f"too many backups made at {now:%Y-%m-%d %H:%M:%S}")


def _parse_name(name: str, stem: str) -> tuple[datetime, int, str] | None:
    kinds = "|".join(re.escape(k) for k in KIND_LABELS)
    match = re.fullmatch(rf"{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?-({kinds})\.db", name)
    if not match:
        return None
    try:
        made_at = datetime.strptime(match[1], _STAMP)
    except ValueError:
        return None
    return made_at, int(match[2] or 1), match[3]


def _describe(path: Path, parsed: tuple[datetime, int, str] | None) -> Backup:
    made_at, sequence, kind = parsed or (datetime.min, 1, "manual")
    interviews = version = None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            interviews = conn.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
            version = int(conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])
    except (sqlite3.Error, TypeError, ValueError):
        pass
    return Backup(path, made_at, kind, sequence, path.stat().st_size, interviews, version)


def _clear_stale_partials(folder: Path) -> None:
    """A backup killed half-way leaves a hidden partial file; remove those older than an hour."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for leftover in folder.glob(PARTIAL_PREFIX + "*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except FileNotFoundError:
            pass


def fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
