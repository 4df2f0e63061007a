"""The database file: opening it, its connections, BEGIN IMMEDIATE writes and the data version.

A `DatabaseFile` holds only a path. Each call opens its own connection, because Streamlit runs
every rerun on a new thread and a sqlite3 connection must stay on the thread that made it;
opening is cheap next to a rerun. Every write is one `BEGIN IMMEDIATE` transaction that also
bumps a data version, which the UI uses as its cache key. Errors that mean the file cannot be
opened or written reach the user as `DatabaseUnavailable`, in their terms.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from sqlite_utils import Database

from lib.store.schema import migrations
from lib.store.workdirs import clear_leftovers

NEVER_CACHED = "never_cached"
_Method = TypeVar("_Method", bound=Callable[..., Any])


def never_cached(method: _Method) -> _Method:
    """Mark a store method the UI's cached read path (`lib.ui.cache.data()`) must refuse.

    A write, or a read of rows written without a data-version bump (form drafts, calendar
    sequences): answered from a cache, a repeated write would silently not run and such a read
    would go stale.
    """
    setattr(method, NEVER_CACHED, True)
    return method


DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "debrief.db"  # <project>/data/debrief.db
SQLITE_HEADER = b"SQLite format 3\x00"


def default_path() -> Path:
    """DEBRIEF_DB, or <project>/data/debrief.db."""
    return Path(os.environ.get("DEBRIEF_DB") or DEFAULT_PATH)


class DatabaseUnavailable(Exception):
    """The database cannot be opened or written: the message names the real problem and what to do.

    Raised only for what SQLite or the OS really said (read-only, cannot open, permission denied,
    not a database); any other error reaches the caller as it was raised.
    """


class NoDatabase(DatabaseUnavailable, LookupError):
    """A path that holds no database where one must exist already; the message names it."""


_ELSEWHERE = "or choose another database file (--db or DEBRIEF_DB)"


def _not_debrief(path: Path) -> str:
    return f"{path} is not a Debrief database (check --db or DEBRIEF_DB); it was left unchanged"


def _unavailable(path: Path, error: BaseException) -> DatabaseUnavailable | None:
    """`error` in the user's terms when it says the database cannot be opened; None for anything else."""
    code = getattr(error, "sqlite_errorcode", -1) & 0xFF
    text = str(error)
    if isinstance(error, sqlite3.Error):
        if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
            return DatabaseUnavailable(_read_only(path))
        if code == sqlite3.SQLITE_CANTOPEN or "unable to open database file" in text:
            return DatabaseUnavailable(_cannot_open(path))
        if code == sqlite3.SQLITE_NOTADB or "file is not a database" in text:
            return NoDatabase(_not_debrief(path))
        return None
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return DatabaseUnavailable(f"{error.filename or path} is on a disk mounted read-only: Debrief needs to "
                                   f"write the database {path} and its -wal and -shm files, {_ELSEWHERE}")
    if isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM):
        return DatabaseUnavailable(f"permission denied on {error.filename or path}: Debrief needs to write the "
                                   f"database {path} and its -wal and -shm files. Fix the permissions {_ELSEWHERE}")
    if isinstance(error, OSError) and error.errno in (errno.ENOTDIR, errno.EISDIR):
        return DatabaseUnavailable(_cannot_open(path))
    return None


def _read_only(path: Path) -> str:
    """SQLite refused to write: say whether the file or its folder is read-only, as far as we can see."""
    folder = path.absolute().parent
    if path.exists() and not os.access(path, os.W_OK):
        return f"the database file {path} is read-only: make it writable (chmod u+w {path}) {_ELSEWHERE}"
    if not os.access(folder, os.W_OK):
        return (f"the folder {folder} is read-only: Debrief keeps the database and its -wal and -shm files "
                f"there. Make it writable (chmod u+w {folder}) {_ELSEWHERE}")
    return (f"SQLite cannot write the database {path} (it says it is read-only): check the permissions of the "
            f"file and of {folder}, and whether the disk is mounted read-only, {_ELSEWHERE}")


def _cannot_open(path: Path) -> str:
    """SQLite could not open the file: look at the path for why."""
    if path.is_dir():
        return f"{path} is a folder, not a database file: give the file's path, e.g. {path / 'debrief.db'}"
    folder = next((p for p in path.absolute().parents if p.exists()), Path("/"))
    if not folder.is_dir():
        return f"{path} is under {folder}, which is a file, not a folder: give a path inside a folder, {_ELSEWHERE}"
    if folder != path.absolute().parent:
        return f"the folder {path.parent} does not exist and Debrief could not make it: create it {_ELSEWHERE}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"the folder {folder} cannot be written or entered: Debrief keeps the database and its -wal and "
                f"-shm files there. Make it writable (chmod u+wx {folder}) {_ELSEWHERE}")
    return f"SQLite cannot open the database file {path}: check that it is a readable file, {_ELSEWHERE}"


def _opening(init: Callable[..., None]) -> Callable[..., None]:
    """Wrap `DatabaseFile.__init__`: errors that mean the database cannot be opened become DatabaseUnavailable."""

    @functools.wraps(init)
    def opened(self: DatabaseFile, *args, **kwargs) -> None:
        try:
            init(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as error:
            unavailable = _unavailable(getattr(self, "path", None) or default_path(), error)
            if unavailable is None:
                raise
            raise unavailable from error

    return opened


def _refuse_foreign_file(path: Path) -> None:
    """A non-empty file that is not Debrief's is never opened for writing: Debrief's schema would go into it.

    A SQLite file with no tables yet is an empty database (another first open may be setting it up);
    a locked or unreadable file is left to the open that follows, which says what is wrong.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        tables = _sqlite_tables(path)
    except sqlite3.Error:  # locked, unreadable or damaged: the open that follows reports SQLite's own words
        return
    if tables is None or (tables and migrations.migrations_table not in tables):
        raise NoDatabase(_not_debrief(path))


def _is_debrief_file(path: Path) -> bool:
    """Whether `path` is a SQLite file holding Debrief's record of its schema, read without writing.

    A locked, unreadable or damaged file raises the sqlite3 error that says so.
    """
    tables = _sqlite_tables(path)
    return tables is not None and migrations.migrations_table in tables


def _sqlite_tables(path: Path) -> set[str] | None:
    """The tables of the SQLite file at `path` over a read-only connection; None when it is not SQLite.

    The header comes first (an empty or text file is not SQLite). A locked, unreadable or damaged
    file raises the sqlite3 error that says so.
    """
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return None
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError as error:  # a SQLite header over something else is not SQLite; damage is damage
        if getattr(error, "sqlite_errorcode", -1) & 0xFF == sqlite3.SQLITE_NOTADB:
            return None
        raise
    finally:
        conn.close()
    return {row[0] for row in rows}


class DatabaseFile:
    """Debrief's database file. Cheap to create; holds no connection between calls."""

    @_opening
    def __init__(self, path: str | Path | None = None, after_write: Callable[[Any], object] | None = None):
        """Open (creating if need be) the database at `path`, owner-only, migrated and repaired.

        `after_write` runs after every committed `write()`, given this object: the app's automatic
        backup hangs here, so every page's save reaches it through one door.
        """
        self.path = Path(path) if path else default_path()
        self.after_write = after_write
        _refuse_foreign_file(self.path)
        _make_private(self.path)
        clear_leftovers(self.path)
        self._migrate()

    @classmethod
    def open_existing(cls, path: str | Path | None = None) -> Self:
        """The database at `path`, which must already be one: for commands that only read or export.

        Raises NoDatabase instead of creating folders and an empty database for a mistyped path.
        """
        path = Path(path) if path else default_path()
        if path.is_dir():
            raise NoDatabase(_cannot_open(path))
        if not path.is_file():
            raise NoDatabase(f"There is no Debrief database at {path} (check --db or DEBRIEF_DB)")
        if path.stat().st_size == 0:  # a new database before its first write (commands that write use it)
            raise NoDatabase(f"There is no Debrief database at {path}, only an empty file (check --db or "
                             "DEBRIEF_DB); it was left unchanged")
        if not _is_debrief_file(path):  # opening would write Debrief's schema into someone else's file
            raise NoDatabase(_not_debrief(path))
        return cls(path)

    @contextmanager
    def connect(self) -> Iterator[Database]:
        """A new connection with foreign keys on, closed when the block ends: one per call, never shared."""
        try:
            conn = sqlite3.connect(self.path, timeout=10)
        except sqlite3.Error as error:
            unavailable = _unavailable(self.path, error)
            if unavailable is None:
                raise
            raise unavailable from error
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA synchronous = FULL")
            yield Database(conn, execute_plugins=False)
        finally:
            conn.close()

    @contextmanager
    def write(self, *, after_write: bool = True, scores: bool = True) -> Iterator[Database]:
        """One IMMEDIATE transaction: all of it lands, or none of it (any BaseException).

        Then the `after_write` hook runs (unless `after_write=False`); its failure is logged, never
        raised: the save has landed. `scores=False`: the write leaves the interviews table alone
        (a step mark), so the scores version stays and what is computed from scores stays cached.
        """
        with self.connect() as db, immediate(db):
            yield db
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'")
            if scores:
                db.execute(SET_SCORES_VERSION)
        if after_write and self.after_write is not None:
            try:
                self.after_write(self)
            except Exception as error:  # any hook failure, after a committed save
                logging.getLogger(__name__).warning("after-write hook for %s failed: %r", self.path, error)

    def _migrate(self) -> None:
        """Inside one IMMEDIATE transaction, so two first opens at once migrate only once.

        The same transaction puts back bookkeeping the app relies on when a file lacks it (a
        `meta` table without its data version makes every read of the cache key fail).
        """
        with self.connect() as db:
            _use_wal(db)
            with immediate(db):
                migrations.apply(db)
                _repair_data_version(db)

    def schema_version(self) -> int:
        """How many migrations this file has had."""
        with self.connect() as db:
            return len(migrations.applied(db))

    def data_version(self) -> int:
        """Changes on every committed write: the key for every cached read."""
        with self.connect() as db:
            return int(db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])

    def scores_version(self) -> int:
        """The data version of the last write that could change the interviews table, the key of
        Trends' charts; without one (an older file, a restore) the data version: never stale."""
        with self.connect() as db:
            return int(db.execute(
                "SELECT COALESCE((SELECT value FROM meta WHERE key = 'scores_version'), "
                "(SELECT value FROM meta WHERE key = 'data_version'))"
            ).fetchone()[0])


SET_SCORES_VERSION = (  # a past data version, never a number of its own: it moves forward with it
    "INSERT INTO meta (key, value) SELECT 'scores_version', value FROM meta WHERE key = 'data_version' "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def _make_private(path: Path) -> None:
    """The database, its -wal and -shm owner-only (0600); its folder too when Debrief owns it.

    Debrief owns the folder it creates and the default `data/`; a folder the user named through
    DEBRIEF_DB that already existed (their home, say) keeps its mode. A new database file is
    created 0600 before SQLite opens it, and SQLite gives the -wal and -shm files the mode of
    the database file. A file we cannot change (someone else's) is left as it is.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _tighten(folder, 0o700)
    elif folder == DEFAULT_PATH.parent:
        _tighten(folder, 0o700)
    if folder.is_dir() and not path.exists():
        with suppress(OSError):  # the open that follows says what is wrong
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # an empty file is an empty database
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        _tighten(file, 0o600)


def _tighten(path: Path, mode: int) -> None:
    """chmod to `mode` if others can read it: a file to a file's mode, a folder to a folder's, never across."""
    try:
        kind_fits = path.is_dir() if mode & 0o100 else path.is_file()
        if kind_fits and path.stat().st_mode & 0o077:
            os.chmod(path, mode)
    except OSError:
        pass


def _repair_data_version(db: Database) -> None:
    """Give `meta` an integer data version when it has none (a file restored by hand, an old bug).

    The new number is the time in milliseconds: far above any version the UI may have cached
    for this path, so no stale page is served from the cache after the repair.
    """
    row = db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    if row is not None and str(row[0]).isascii() and str(row[0]).isdigit():
        return
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('data_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(time.time_ns() // 1_000_000)],
    )


def _use_wal(db: Database, attempts: int = 100) -> None:
    """WAL, once per file. SQLite converts without waiting on the busy timeout, so a first open
    racing another one (two sessions on a new database) retries briefly instead of failing."""
    for attempt in range(attempts):
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.01)


@contextmanager
def immediate(db: Database) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any BaseException (a Streamlit rerun included)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def stamp() -> str:
    """When a row was written, to the second: bookkeeping, never shown as the user's own date."""
    return datetime.now().isoformat(timespec="seconds")


def insert_row(db: Database, table: str, row: dict[str, object]) -> int:
    """Insert `row` into `table` and return the new row's id, which every Debrief table has."""
    new_id = db.table(table).insert(row).last_pk
    if not isinstance(new_id, int):  # sqlite-utils reports a rowid, or a tuple for a compound key
        raise TypeError(f"{table} gave the new row the key {new_id!r}, not a whole-number id")
    return new_id


def data_tables(db: Database | sqlite3.Connection, schema: str = "main") -> list[str]:
    """Every ordinary table in creation order, without SQLite's own and the migrations record."""
    rows = db.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "AND name != ? AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid",
        [migrations.migrations_table],
    )
    return [r[0] for r in rows]
