"""The one module that talks to SQLite: schema, migrations, transactions and every query.

A `Store` holds only a path. Each call opens its own connection, because Streamlit runs
every rerun on a new thread and a sqlite3 connection must stay on the thread that made it;
opening is cheap next to a rerun. Every write is one `BEGIN IMMEDIATE` transaction that also
bumps a data version, which the UI uses as its cache key.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database, Migrations

from lib.domain.coaching import ActionItem, ActionStatus, CoachingSession, MentorReview, Owner
from lib.domain.drafts import Template
from lib.domain.followup import StepKind, StepMark, StepSnooze, StepStatus
from lib.domain.model import EVIDENCE_COLUMNS, SCORE_COLUMNS, Dimension, Format, Interview, Interviewer, Outcome, Stage
from lib.store.workdirs import clear_leftovers

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "debrief.db"  # <project>/data/debrief.db
# What a follow-up timeline reads from an interview's own row (lib.domain.followup).
FOLLOW_UP_COLUMNS = ("id", "company", "role", "stage", "format", "interview_at", "duration_min", "recruiter",
                     "stated_timeframe", "outcome", "outcome_on", "is_demo")

migrations = Migrations("debrief")


@migrations(name="001_initial_schema")
def _m001_initial_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL,
            stage TEXT NOT NULL,
            format TEXT NOT NULL,
            interview_at TEXT NOT NULL,
            duration_min INTEGER NOT NULL,
            recruiter TEXT NOT NULL DEFAULT '',
            stated_timeframe TEXT NOT NULL DEFAULT '',
            questions TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            skills_match INTEGER CHECK (skills_match BETWEEN 1 AND 5),
            enthusiasm INTEGER CHECK (enthusiasm BETWEEN 1 AND 5),
            culture_fit INTEGER CHECK (culture_fit BETWEEN 1 AND 5),
            skills_evidence TEXT NOT NULL DEFAULT '',
            enthusiasm_evidence TEXT NOT NULL DEFAULT '',
            culture_evidence TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT 'pending',
            outcome_on TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX interviews_by_date ON interviews (interview_at);
        CREATE INDEX interviews_by_company ON interviews (company);
        CREATE TABLE interviewers (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX interviewers_by_interview ON interviewers (interview_id);
        CREATE TABLE step_marks (
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
            on_date TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, step_key)
        );
        CREATE TABLE form_drafts (
            form_key TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('data_version', '0');
        """
    )


@migrations(name="002_follow_up_actions")
def _m002_follow_up_actions(db: Database) -> None:
    """Issue 4: snoozed steps, the user's email templates and settings, calendar event revisions."""
    db.executescript(
        """
        CREATE TABLE step_snoozes (
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            until TEXT NOT NULL,
            reason TEXT NOT NULL,
            snoozed_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, step_key)
        );
        CREATE TABLE draft_templates (
            kind TEXT PRIMARY KEY CHECK (kind IN ('recruiter_update', 'thank_you', 'soft_touch', 'check_in')),
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE calendar_events (
            uid TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
            changed_at TEXT NOT NULL
        );
        """
    )


@migrations(name="003_coaching")
def _m003_coaching(db: Database) -> None:
    """Issue 5: sessions with a mentor, the mentor's read of each interview discussed, action items."""
    db.executescript(
        """
        CREATE TABLE coaching_sessions (
            id INTEGER PRIMARY KEY,
            mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
            held_on TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            finished_at TEXT,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX coaching_sessions_by_mentor ON coaching_sessions (mentor COLLATE NOCASE, held_on);
        CREATE TABLE mentor_reviews (
            session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            skills_match INTEGER CHECK (skills_match BETWEEN 1 AND 5),
            enthusiasm INTEGER CHECK (enthusiasm BETWEEN 1 AND 5),
            culture_fit INTEGER CHECK (culture_fit BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, interview_id)
        );
        CREATE INDEX mentor_reviews_by_interview ON mentor_reviews (interview_id);
        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
            interview_id INTEGER REFERENCES interviews (id) ON DELETE SET NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            owner TEXT NOT NULL CHECK (owner IN ('candidate', 'mentor')),
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            closed_on TEXT,
            closed_in_session INTEGER REFERENCES coaching_sessions (id) ON DELETE SET NULL,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX action_items_by_session ON action_items (session_id);
        CREATE INDEX action_items_open ON action_items (status, due_on);
        """
    )


SCHEMA_VERSION = len(migrations._migrations)


@dataclass(frozen=True)
class InterviewFilter:
    """What the Interviews page narrows the list by; empty means everything."""

    companies: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    text: str = ""


def default_path() -> Path:
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
    """Wrap `Store.__init__`: errors that mean the database cannot be opened become DatabaseUnavailable."""

    @functools.wraps(init)
    def opened(self: Store, *args, **kwargs) -> None:
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
    from lib.store.backup import SQLITE_HEADER  # lib.store.backup imports this module

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


class Store:
    """Debrief's database. Cheap to create; holds no connection between calls."""

    @_opening
    def __init__(self, path: str | Path | None = None, after_write: Callable[[Store], object] | None = None):
        """Open (creating if need be) the database at `path`, owner-only, migrated and repaired.

        `after_write` runs after every committed `write()`: the app's automatic backup hangs here,
        so every page's save reaches it through one door.
        """
        self.path = Path(path) if path else default_path()
        self.after_write = after_write
        _refuse_foreign_file(self.path)
        _make_private(self.path)
        clear_leftovers(self.path)
        self._migrate()

    @classmethod
    def open_existing(cls, path: str | Path | None = None) -> Store:
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

    # --- connections and transactions -------------------------------------------------
    @contextmanager
    def connect(self) -> Iterator[Database]:
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
    def write(self, *, after_write: bool = True) -> Iterator[Database]:
        """One IMMEDIATE transaction: all of it lands, or none of it (any BaseException).

        Once it has committed, the `after_write` hook runs (unless `after_write=False`). Its
        failure is logged, never raised: the save has landed, and the caller must not show it
        as failed.
        """
        with self.connect() as db, immediate(db):
            yield db
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'")
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
        with self.connect() as db:
            return len(migrations.applied(db))

    def data_version(self) -> int:
        """Changes on every committed write: the key for every cached read."""
        with self.connect() as db:
            return int(db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])

    # --- interviews --------------------------------------------------------------------
    def save_interview(self, interview: Interview, submit_token: str | None = None) -> int:
        """Insert or update one interview with its interviewers; returns its id.

        A repeated `submit_token` (a double click on Save) returns the first entry's id.
        """
        with self.write() as db:
            return self._save(db, interview, submit_token)

    def save_interviews(self, entries: Sequence[tuple[Interview, Sequence[StepMark]]]) -> list[int]:
        """Save many entries and their step marks in one transaction (imports, demo data)."""
        with self.write() as db:
            ids = []
            for interview, marks in entries:
                new_id = self._save(db, interview, None)
                for mark in marks:
                    _put_mark(db, new_id, mark)
                ids.append(new_id)
            return ids

    def _save(self, db: Database, interview: Interview, submit_token: str | None) -> int:
        if submit_token and interview.id is None:  # a repeated "create" only; edits always apply
            seen = db.execute("SELECT id FROM interviews WHERE submit_token = ?", [submit_token]).fetchone()
            if seen:
                return int(seen[0])
        row = _interview_row(interview)
        stamp = _stamp()
        if interview.id is None:
            row |= {"submit_token": submit_token, "created_at": stamp, "updated_at": stamp}
            interview_id = db["interviews"].insert(row).last_pk
        else:
            interview_id = interview.id
            cursor = db.execute(
                f"UPDATE interviews SET {', '.join(f'{k} = ?' for k in row)}, updated_at = ? WHERE id = ?",
                [*row.values(), stamp, interview_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"interview {interview_id} no longer exists")
        _save_interviewers(db, interview_id, interview.interviewers)
        return int(interview_id)

    def get_interview(self, interview_id: int) -> Interview | None:
        with self.connect() as db:
            rows = list(db.query("SELECT * FROM interviews WHERE id = ?", [interview_id]))
            if not rows:
                return None
            people = _interviewers_by_interview(db, [interview_id])
            return _interview_from(rows[0], people.get(interview_id, ()))

    def find_interviews(
        self, where: InterviewFilter = InterviewFilter(), limit: int | None = None, offset: int = 0
    ) -> list[Interview]:
        """Newest first, narrowed by `where`; paged so a long history stays quick."""
        sql, params = _filter_sql(where)
        sql = f"SELECT * FROM interviews WHERE {sql} ORDER BY interview_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        with self.connect() as db:
            rows = list(db.query(sql, params))
            people = _interviewers_by_interview(db, [r["id"] for r in rows])
            return [_interview_from(r, people.get(r["id"], ())) for r in rows]

    def count_interviews(self, where: InterviewFilter = InterviewFilter(), demo: bool | None = None) -> int:
        sql, params = _filter_sql(where)
        if demo is not None:
            sql += " AND is_demo = ?"
            params.append(int(demo))
        with self.connect() as db:
            return int(db.execute(f"SELECT COUNT(*) FROM interviews WHERE {sql}", params).fetchone()[0])

    def score_averages(self, latest: int | None = None) -> dict[Dimension, tuple[float | None, int]]:
        """Mean and count of each dimension (unscored skipped), over all or the `latest` interviews."""
        source = "interviews"
        params: list = []
        if latest is not None:
            source = "(SELECT * FROM interviews ORDER BY interview_at DESC, id DESC LIMIT ?)"
            params.append(latest)
        columns = ", ".join(f"AVG({c}), COUNT({c})" for c in SCORE_COLUMNS.values())
        with self.connect() as db:
            row = db.execute(f"SELECT {columns} FROM {source}", params).fetchone()
        return {d: (row[2 * n], row[2 * n + 1]) for n, d in enumerate(Dimension)}

    def companies(self) -> list[str]:
        with self.connect() as db:
            rows = db.execute("SELECT DISTINCT company FROM interviews ORDER BY company COLLATE NOCASE")
            return [r[0] for r in rows]

    def interview_identities(self) -> list[tuple[str, str, str]]:
        """(company, role, interview_at) of every entry: what an import compares to spot duplicates."""
        with self.connect() as db:
            return [tuple(r) for r in db.execute("SELECT company, role, interview_at FROM interviews")]

    def open_interviews(self) -> list[Interview]:
        """Entries whose follow-up may still need something: outcome pending."""
        return self.find_interviews(InterviewFilter(outcomes=(Outcome.PENDING,)))

    def set_outcome(self, interview_id: int, outcome: Outcome, on: date | None) -> None:
        with self.write() as db:
            db.execute(
                "UPDATE interviews SET outcome = ?, outcome_on = ?, updated_at = ? WHERE id = ?",
                [outcome.value, on.isoformat() if on else None, _stamp(), interview_id],
            )

    def delete_interview(self, interview_id: int) -> None:
        with self.write() as db:
            db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])

    def delete_demo_data(self) -> int:
        """Remove the bundled demo entries, never the user's own; returns how many went."""
        with self.write() as db:
            return db.execute("DELETE FROM interviews WHERE is_demo = 1").rowcount

    # --- follow-up marks ---------------------------------------------------------------
    def mark_step(self, interview_id: int, mark: StepMark) -> None:
        with self.write() as db:
            _put_mark(db, interview_id, mark)

    def unmark_step(self, interview_id: int, step_key: str) -> None:
        with self.write() as db:
            db.execute("DELETE FROM step_marks WHERE interview_id = ? AND step_key = ?", [interview_id, step_key])

    def marks_for(self, interview_ids: Iterable[int]) -> dict[int, list[StepMark]]:
        ids = list(interview_ids)
        marks: dict[int, list[StepMark]] = {i: [] for i in ids}
        with self.connect() as db:
            for chunk in _chunks(ids):
                rows = db.execute(
                    "SELECT interview_id, step_key, status, on_date FROM step_marks "
                    f"WHERE interview_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                for interview_id, key, status, on in rows:
                    marks[interview_id].append(StepMark(key, StepStatus(status), date.fromisoformat(on)))
        return marks

    # --- follow-up actions (Issue 4): snoozes, email templates, settings, calendar sequences ---
    def snooze_step(self, interview_id: int, snooze: StepSnooze) -> None:
        """Move a step to a later day (one snooze per step: a new one replaces it)."""
        with self.write() as db:
            db.execute(
                "INSERT INTO step_snoozes (interview_id, step_key, until, reason, snoozed_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (interview_id, step_key) DO UPDATE SET until = excluded.until, "
                "reason = excluded.reason, snoozed_at = excluded.snoozed_at",
                [interview_id, snooze.step_key, snooze.until.isoformat(), snooze.reason, _stamp()],
            )

    def unsnooze_step(self, interview_id: int, step_key: str) -> None:
        with self.write() as db:
            db.execute("DELETE FROM step_snoozes WHERE interview_id = ? AND step_key = ?", [interview_id, step_key])

    def snoozes_for(self, interview_ids: Iterable[int]) -> dict[int, list[StepSnooze]]:
        ids = list(interview_ids)
        snoozes: dict[int, list[StepSnooze]] = {i: [] for i in ids}
        with self.connect() as db:
            for chunk in _chunks(ids):
                rows = db.execute(
                    "SELECT interview_id, step_key, until, reason FROM step_snoozes "
                    f"WHERE interview_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                for interview_id, key, until, reason in rows:
                    snoozes[interview_id].append(StepSnooze(key, date.fromisoformat(until), reason))
        return snoozes

    def draft_templates(self) -> dict[StepKind, Template]:
        """The user's own templates, by kind of step; a kind not here uses Debrief's wording."""
        with self.connect() as db:
            rows = db.execute("SELECT kind, subject, body FROM draft_templates")
            return {StepKind(kind): Template(StepKind(kind), subject, body) for kind, subject, body in rows}

    def save_draft_template(self, template: Template) -> None:
        """Store a template already checked by `lib.domain.drafts.check_template`."""
        with self.write() as db:
            db.execute(
                "INSERT INTO draft_templates (kind, subject, body, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject, body = excluded.body, "
                "updated_at = excluded.updated_at",
                [template.kind.value, template.subject, template.body, _stamp()],
            )

    def reset_draft_template(self, kind: StepKind) -> None:
        with self.write() as db:
            db.execute("DELETE FROM draft_templates WHERE kind = ?", [kind.value])

    def setting(self, key: str, default: str = "") -> str:
        with self.connect() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            return row[0] if row else default

    def save_setting(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def exported_event_uids(self) -> set[str]:
        """Every calendar event UID ever exported from this database."""
        with self.connect() as db:
            return {row[0] for row in db.execute("SELECT uid FROM calendar_events")}

    def calendar_sequences(self, fingerprints: Mapping[str, str]) -> dict[str, int]:
        """UID -> SEQUENCE for events about to be exported; bumped only for events whose content changed.

        The first export of an event is SEQUENCE 0. Bookkeeping, not user data: it does not bump the data
        version. A database that cannot be written (read-only, busy) still gets correct numbers, unsaved.
        """
        if not fingerprints:
            return {}
        try:
            with self.connect() as db, immediate(db):
                return _next_sequences(db, fingerprints, save=True)
        except sqlite3.OperationalError:
            with self.connect() as db:
                return _next_sequences(db, fingerprints, save=False)

    # --- form drafts (nothing typed is lost to a refresh) -------------------------------
    def save_form_draft(self, form_key: str, payload: str) -> None:
        with self.connect() as db, db.atomic():
            db.execute(
                "INSERT INTO form_drafts (form_key, payload, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (form_key) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at",
                [form_key, payload, _stamp()],
            )

    def form_draft(self, form_key: str) -> tuple[str, datetime] | None:
        with self.connect() as db:
            row = db.execute("SELECT payload, saved_at FROM form_drafts WHERE form_key = ?", [form_key]).fetchone()
            return (row[0], datetime.fromisoformat(row[1])) if row else None

    def discard_form_draft(self, form_key: str) -> None:
        with self.connect() as db, db.atomic():
            db.execute("DELETE FROM form_drafts WHERE form_key = ?", [form_key])

    # --- new entries with their marks (CSV import, demo data) ---------------------------
    # Added for lib/files/exports.py and lib/files/demo.py: a new entry's marks can name a thank-you step
    # only by the person's position ("thank_you:new0", what `thank_you_key` gives an unsaved
    # person), because the row id the timeline keys it on does not exist before the insert.
    def import_entries(
        self, entries: Iterable[tuple[Interview, Sequence[StepMark]]], *, if_no_demo: bool = False
    ) -> list[int]:
        """Save new entries and their marks in one transaction: all of them land, or none.

        Positional thank-you marks are stored under the person's new row id. With `if_no_demo`,
        nothing is saved when demo entries exist; the check runs inside the transaction, so a
        double click cannot load the demo twice.
        """
        with self.write() as db:
            if if_no_demo and db.execute("SELECT 1 FROM interviews WHERE is_demo = 1 LIMIT 1").fetchone():
                return []
            return [self._insert_entry(db, interview, marks) for interview, marks in entries]

    def import_new_entries(
        self, entries: Sequence[tuple[Interview, Sequence[StepMark]]], identity: Callable[[str, str, str], Hashable]
    ) -> list[int | None]:
        """Save the entries the database does not hold yet; per entry its new id, or None if it was there.

        `identity(company, role, interview_at)` says which entries are the same interview. The
        stored identities are read inside the write transaction, so two imports of one file at
        once (two tabs, two terminals) add it once: the second waits, then finds every entry.
        """
        with self.write() as db:
            rows = db.execute("SELECT company, role, interview_at FROM interviews")
            known = {identity(*row) for row in rows}
            ids: list[int | None] = []
            for interview, marks in entries:
                key = identity(interview.company, interview.role, interview.interview_at.isoformat(timespec="minutes"))
                ids.append(None if key in known else self._insert_entry(db, interview, marks))
                known.add(key)
            return ids

    def _insert_entry(self, db: Database, interview: Interview, marks: Sequence[StepMark]) -> int:
        if interview.id is not None:
            raise ValueError("only new entries can be imported; this one has an id")
        new_id = self._save(db, interview, None)
        person_ids: list[int] = []
        for mark in marks:
            if mark.step_key.startswith(UNSAVED_THANK_YOU):
                person_ids = person_ids or _person_ids(db, new_id)
                mark = StepMark(_saved_thank_you_key(mark.step_key, person_ids), mark.status, mark.on)
            _put_mark(db, new_id, mark)
        return new_id

    # --- trends (Issue 3): narrow frames for lib.domain.analytics ------------------------------
    # Only the columns the Trends page uses, filtered in SQL, so 100,000 entries stay a few
    # megabytes. pandas is imported here, not at the top, to keep the CLI quick to start.
    def score_rows(
        self,
        start: date | None = None,
        end: date | None = None,
        companies: Sequence[str] = (),
        stages: Sequence[str] = (),
        formats: Sequence[str] = (),
        outcomes: Sequence[str] = (),
    ):
        """One row per interview from `start` to `end` (inclusive), oldest first, as a DataFrame.

        Columns: id, interview_at, company, role, stage, format, outcome and one float column per
        dimension (`skills_match`, ...) where "not sure yet" stays missing (NaN), never 0.
        """
        import pandas as pd

        clauses, params = ["1 = 1"], []
        if start is not None:
            clauses.append("interview_at >= ?")
            params.append(start.isoformat())
        if end is not None:
            clauses.append("interview_at < ?")
            params.append(_after_the_day(end))
        for column, values in (("company", companies), ("stage", stages), ("format", formats), ("outcome", outcomes)):
            if values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params += [str(getattr(v, "value", v)) for v in values]
        scores = ", ".join(SCORE_COLUMNS.values())
        sql = (
            f"SELECT id, interview_at, company, role, stage, format, outcome, {scores} FROM interviews "
            f"WHERE {' AND '.join(clauses)} ORDER BY interview_at, id"
        )
        with self.connect() as db:
            frame = pd.read_sql_query(sql, db.conn, params=params)
        frame["interview_at"] = pd.to_datetime(frame["interview_at"], format="ISO8601")
        return frame.astype({column: "float64" for column in SCORE_COLUMNS.values()})

    def evidence_rows(self, interview_ids: Iterable[int]):
        """The evidence notes of the given interviews: id and one text column per dimension."""
        import pandas as pd

        ids = list(interview_ids)
        columns = ["id", *EVIDENCE_COLUMNS.values()]
        chunks = []
        with self.connect() as db:
            for chunk in _chunks(ids):
                sql = f"SELECT {', '.join(columns)} FROM interviews WHERE id IN ({','.join('?' * len(chunk))})"
                chunks.append(pd.read_sql_query(sql, db.conn, params=chunk))
        return pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=columns)

    def follow_up_batches(
        self, batch_size: int = 2_000, only: Iterable[int] | None = None
    ) -> Iterator[list[tuple[Interview, list[StepMark], list[StepSnooze]]]]:
        """Every interview (or those in `only`) with its step marks and snoozes, in batches,
        carrying only what the timeline needs.

        Notes, questions, scores and evidence are left out (empty), so walking 100,000 entries
        never holds more than one batch of full objects in memory.
        """
        blanks = ", ".join(
            ["'' AS questions", "'' AS notes"]
            + [f"NULL AS {c}" for c in SCORE_COLUMNS.values()]
            + [f"'' AS {c}" for c in EVIDENCE_COLUMNS.values()]
        )
        select = f"SELECT {', '.join(FOLLOW_UP_COLUMNS)}, {blanks} FROM interviews "
        if only is not None:
            for chunk in _chunks(sorted(set(only)), min(batch_size, 900)):  # 900: under SQLite's variable limit
                rows = self._rows(select + f"WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
                if rows:
                    yield self._with_follow_up_records(rows)
            return
        last_id = 0
        while rows := self._rows(select + "WHERE id > ? ORDER BY id LIMIT ?", [last_id, batch_size]):
            yield self._with_follow_up_records(rows)
            last_id = rows[-1]["id"]

    def _rows(self, sql: str, params: list) -> list[dict]:
        with self.connect() as db:
            return list(db.query(sql, params))

    def _with_follow_up_records(self, rows: list[dict]) -> list[tuple[Interview, list[StepMark], list[StepSnooze]]]:
        ids = [r["id"] for r in rows]
        with self.connect() as db:
            people = _interviewers_by_interview(db, ids)
        marks, snoozes = self.marks_for(ids), self.snoozes_for(ids)
        return [(_interview_from(r, people.get(r["id"], ())), marks[r["id"]], snoozes[r["id"]]) for r in rows]

    def follow_up_fingerprints(self) -> dict[int, str]:
        """Per interview, one string that changes whenever anything its follow-up timeline reads
        changes: its own columns, its interviewers, marks and snoozes.

        Lets the follow-up discipline chart redo only the interviews a write touched, instead of
        every timeline (about 45 s at 100,000 entries).
        """
        own = " || '|' || ".join(f"coalesce(i.{c}, '')" for c in FOLLOW_UP_COLUMNS)
        sql = f"""
            SELECT i.id, {own} || '|' || coalesce(p.sig, '') || '|' || coalesce(m.sig, '') || '|' || coalesce(s.sig, '')
            FROM interviews AS i
            LEFT JOIN (SELECT interview_id, group_concat(id || ':' || name, ',') AS sig
                       FROM interviewers GROUP BY interview_id) AS p ON p.interview_id = i.id
            LEFT JOIN (SELECT interview_id, group_concat(step_key || ':' || status || ':' || on_date, ',') AS sig
                       FROM step_marks GROUP BY interview_id) AS m ON m.interview_id = i.id
            LEFT JOIN (SELECT interview_id, group_concat(step_key || ':' || until, ',') AS sig
                       FROM step_snoozes GROUP BY interview_id) AS s ON s.interview_id = i.id
        """
        with self.connect() as db:
            return dict(db.execute(sql).fetchall())

    # === coaching (Issue 5): sessions with a mentor, the mentor's read, action items ===========
    # A mentor's scores live on `mentor_reviews`, one row per (session, interview); the session
    # names the mentor, so every score is the read of exactly one mentor on one day.
    def start_session(self, session: CoachingSession, submit_token: str | None = None) -> int:
        """Save a validated new session with its interviews (unscored); a repeated token returns the first id."""
        with self.write() as db:
            if submit_token:
                seen = db.execute("SELECT id FROM coaching_sessions WHERE submit_token = ?", [submit_token]).fetchone()
                if seen:
                    return int(seen[0])
            stamp = _stamp()
            session_id = db["coaching_sessions"].insert(
                {"mentor": session.mentor, "held_on": session.held_on.isoformat(), "notes": session.notes,
                 "finished_at": None, "submit_token": submit_token, "created_at": stamp, "updated_at": stamp}
            ).last_pk
            _put_session_interviews(db, session_id, session.interview_ids)
            return int(session_id)

    def get_session(self, session_id: int) -> CoachingSession | None:
        found = self.sessions(ids=[session_id])
        return found[0] if found else None

    def sessions(self, mentor: str | None = None, ids: Sequence[int] | None = None) -> list[CoachingSession]:
        """Newest first; only `mentor`'s (any case) or only `ids` when given."""
        clauses, params = ["1 = 1"], []
        if mentor:
            clauses.append("mentor = ? COLLATE NOCASE")
            params.append(mentor)
        if ids is not None:
            clauses.append(f"id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params += list(ids)
        sql = f"SELECT * FROM coaching_sessions WHERE {' AND '.join(clauses)} ORDER BY held_on DESC, id DESC"
        with self.connect() as db:
            rows = list(db.query(sql, params))
            picks = _session_interview_ids(db, [r["id"] for r in rows])
        return [_session_from(r, picks.get(r["id"], ())) for r in rows]

    def mentors(self) -> list[str]:
        """Every mentor's name, the most recently seen first (one spelling each: the latest)."""
        with self.connect() as db:
            rows = db.execute(  # a bare column beside MAX() comes from the row holding the maximum
                "SELECT mentor, MAX(held_on || printf('%012d', id)) AS latest FROM coaching_sessions "
                "GROUP BY mentor COLLATE NOCASE ORDER BY latest DESC"
            )
            return [r[0] for r in rows]

    def last_session_with(self, mentor: str, on_or_before: date) -> CoachingSession | None:
        with self.connect() as db:
            row = db.execute(
                "SELECT id FROM coaching_sessions WHERE mentor = ? COLLATE NOCASE AND held_on <= ? "
                "ORDER BY held_on DESC, id DESC LIMIT 1",
                [mentor, on_or_before.isoformat()],
            ).fetchone()
        return self.get_session(row[0]) if row else None

    def discussed_with(self, mentor: str) -> set[int]:
        """Ids of the interviews already on a session with this mentor."""
        with self.connect() as db:
            rows = db.execute(
                "SELECT DISTINCT r.interview_id FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
                "WHERE s.mentor = ? COLLATE NOCASE",
                [mentor],
            )
            return {r[0] for r in rows}

    def interviews_between(self, start: date, end: date, limit: int | None = None) -> list[Interview]:
        """Interviews from `start` to `end` inclusive, newest first."""
        sql = "SELECT * FROM interviews WHERE interview_at >= ? AND interview_at < ? "
        sql += "ORDER BY interview_at DESC, id DESC"
        params: list = [start.isoformat(), _after_the_day(end)]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._interviews_where(sql, params)

    def interviews_by_id(self, ids: Sequence[int]) -> list[Interview]:
        """The interviews of `ids` that still exist, in the order given."""
        found: dict[int, Interview] = {}
        for chunk in _chunks(list(ids)):
            sql = f"SELECT * FROM interviews WHERE id IN ({','.join('?' * len(chunk))})"
            found |= {i.id: i for i in self._interviews_where(sql, chunk)}
        return [found[i] for i in ids if i in found]

    def _interviews_where(self, sql: str, params: list) -> list[Interview]:
        with self.connect() as db:
            rows = list(db.query(sql, params))
            people = _interviewers_by_interview(db, [r["id"] for r in rows])
        return [_interview_from(r, people.get(r["id"], ())) for r in rows]

    def update_session(self, session_id: int, *, notes: str | None = None, finished_at: datetime | None = None,
                       reopen: bool = False, interview_ids: Sequence[int] | None = None) -> None:
        """Change a session's notes, finish (or reopen) it, or change its interviews (their reviews kept)."""
        with self.write() as db:
            changes: dict = {"updated_at": _stamp()}
            if notes is not None:
                changes["notes"] = notes
            if finished_at is not None or reopen:
                changes["finished_at"] = None if reopen else finished_at.isoformat(timespec="minutes")
            db.execute(f"UPDATE coaching_sessions SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       [*changes.values(), session_id])
            if interview_ids is not None:
                _put_session_interviews(db, session_id, interview_ids)

    def delete_session(self, session_id: int) -> None:
        """The session, its reviews and the actions agreed in it."""
        with self.write() as db:
            db.execute("DELETE FROM coaching_sessions WHERE id = ?", [session_id])

    def save_review(self, session_id: int, interview_id: int, review: MentorReview) -> None:
        """The mentor's (validated) scores and comments for one interview of the session."""
        columns = {SCORE_COLUMNS[d]: review.score(d) for d in Dimension} | {"comment": review.comment}
        with self.write() as db:
            cursor = db.execute(
                f"UPDATE mentor_reviews SET {', '.join(f'{k} = ?' for k in columns)}, updated_at = ? "
                "WHERE session_id = ? AND interview_id = ?",
                [*columns.values(), _stamp(), session_id, interview_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"interview {interview_id} is not on session {session_id}")

    def reviews(self, session_id: int) -> dict[int, MentorReview]:
        """Interview id -> the mentor's read, in the order discussed."""
        with self.connect() as db:
            rows = db.query("SELECT * FROM mentor_reviews WHERE session_id = ? ORDER BY position", [session_id])
            return {r["interview_id"]: _review_from(r) for r in rows}

    def reviews_of(self, interview_ids: Sequence[int]) -> dict[int, list[tuple[CoachingSession, MentorReview]]]:
        """For each interview, every session that discussed it (oldest first) with the mentor's read."""
        by_interview: dict[int, list[tuple[int, MentorReview]]] = {}
        with self.connect() as db:
            for chunk in _chunks(list(interview_ids)):
                rows = db.query(
                    "SELECT r.* FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
                    f"WHERE r.interview_id IN ({','.join('?' * len(chunk))}) ORDER BY s.held_on, s.id",
                    chunk,
                )
                for r in rows:
                    by_interview.setdefault(r["interview_id"], []).append((r["session_id"], _review_from(r)))
        sessions = {s.id: s for s in self.sessions(ids=sorted({s for v in by_interview.values() for s, _ in v}))}
        return {i: [(sessions[s], review) for s, review in v] for i, v in by_interview.items()}

    def add_action(self, item: ActionItem, submit_token: str | None = None) -> int:
        """Save a validated new action item; a repeated token (a double click) returns the first id."""
        with self.write() as db:
            if submit_token:
                seen = db.execute("SELECT id FROM action_items WHERE submit_token = ?", [submit_token]).fetchone()
                if seen:
                    return int(seen[0])
            stamp = _stamp()
            return int(db["action_items"].insert(
                {"session_id": item.session_id, "interview_id": item.interview_id, "text": item.text,
                 "owner": item.owner.value, "due_on": item.due_on.isoformat() if item.due_on else None,
                 "status": item.status.value, "submit_token": submit_token, "created_at": stamp, "updated_at": stamp}
            ).last_pk)

    def set_action_status(self, action_id: int, status: ActionStatus, on: date | None = None,
                          in_session: int | None = None) -> None:
        """Done or dropped on a day (and in which session, if one is open); OPEN reopens it."""
        closed = status is not ActionStatus.OPEN
        with self.write() as db:
            db.execute(
                "UPDATE action_items SET status = ?, closed_on = ?, closed_in_session = ?, updated_at = ? WHERE id = ?",
                [status.value, on.isoformat() if closed and on else None, in_session if closed else None, _stamp(),
                 action_id],
            )

    def delete_action(self, action_id: int) -> None:
        with self.write() as db:
            db.execute("DELETE FROM action_items WHERE id = ?", [action_id])

    def actions(self, *, session_id: int | None = None, status: ActionStatus | None = None,
                mentor: str | None = None, closed_in_session: int | None = None) -> list[ActionItem]:
        """Action items with their session's mentor, in the order they were agreed."""
        clauses, params = ["1 = 1"], []
        for clause, value in (
            ("a.session_id = ?", session_id),
            ("a.status = ?", status and status.value),
            ("s.mentor = ? COLLATE NOCASE", mentor),
            ("a.closed_in_session = ?", closed_in_session),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        sql = (
            "SELECT a.*, s.mentor FROM action_items a JOIN coaching_sessions s ON s.id = a.session_id "
            f"WHERE {' AND '.join(clauses)} ORDER BY a.id"
        )
        with self.connect() as db:
            return [_action_from(r) for r in db.query(sql, params)]

    def review_rows(self, mentor: str | None = None, session_ids: Sequence[int] | None = None,
                    until: date | None = None):
        """One row per (session, interview) discussed, as a DataFrame, for `lib.domain.gaps`.

        Columns: session_id, held_on, mentor, interview_id, interview_at, company, role, the self-scores
        (`skills_match`, ...) and the mentor's (`mentor_skills_match`, ...), floats with NaN for "not sure".
        """
        import pandas as pd

        clauses, params = ["1 = 1"], []
        if mentor:
            clauses.append("s.mentor = ? COLLATE NOCASE")
            params.append(mentor)
        if session_ids is not None:
            clauses.append(f"s.id IN ({','.join('?' * len(session_ids)) or 'NULL'})")
            params += list(session_ids)
        if until is not None:
            clauses.append("s.held_on <= ?")
            params.append(until.isoformat())
        own = ", ".join(f"i.{c}" for c in SCORE_COLUMNS.values())
        theirs = ", ".join(f"r.{c} AS mentor_{c}" for c in SCORE_COLUMNS.values())
        sql = (
            f"SELECT s.id AS session_id, s.held_on, s.mentor, i.id AS interview_id, i.interview_at, i.company, "
            f"i.role, {own}, {theirs} FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
            f"JOIN interviews i ON i.id = r.interview_id WHERE {' AND '.join(clauses)} "
            "ORDER BY s.held_on, s.id, r.position"
        )
        with self.connect() as db:
            frame = pd.read_sql_query(sql, db.conn, params=params)
        for column in ("held_on", "interview_at"):
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
        scores = [*SCORE_COLUMNS.values(), *(f"mentor_{c}" for c in SCORE_COLUMNS.values())]
        return frame.astype({c: "float64" for c in scores})


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


def _after_the_day(day: date) -> str:
    """The bound for `interview_at < ?` that keeps every time on `day`: the next day's date.

    On 9999-12-31 (a row an older version let in) there is no next day: "9999-12-31T99"
    sorts after every time of that day instead.
    """
    return (day + timedelta(days=1)).isoformat() if day < date.max else f"{day.isoformat()}T99"


def _stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _filter_sql(where: InterviewFilter) -> tuple[str, list]:
    clauses, params = ["1 = 1"], []
    for column, values in (
        ("company", where.companies),
        ("stage", [s.value for s in where.stages]),
        ("outcome", [o.value for o in where.outcomes]),
    ):
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params += list(values)
    if where.text.strip():
        like = "%" + where.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        searched = ["company", "role", "notes", "questions", "recruiter", *EVIDENCE_COLUMNS.values()]
        people = "id IN (SELECT interview_id FROM interviewers WHERE name LIKE ? ESCAPE '\\')"
        clauses.append("(" + " OR ".join([f"{c} LIKE ? ESCAPE '\\'" for c in searched] + [people]) + ")")
        params += [like] * (len(searched) + 1)
    return " AND ".join(clauses), params


def _interview_row(interview: Interview) -> dict:
    row = {
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage.value,
        "format": interview.format.value,
        "interview_at": interview.interview_at.isoformat(timespec="minutes"),
        "duration_min": interview.duration_min,
        "recruiter": interview.recruiter,
        "stated_timeframe": interview.stated_timeframe,
        "questions": interview.questions,
        "notes": interview.notes,
        "outcome": interview.outcome.value,
        "outcome_on": interview.outcome_on.isoformat() if interview.outcome_on else None,
        "is_demo": int(interview.is_demo),
    }
    for dimension in Dimension:
        row[SCORE_COLUMNS[dimension]] = interview.score(dimension)
        row[EVIDENCE_COLUMNS[dimension]] = interview.evidence_for(dimension)
    return row


def _interview_from(row: dict, people: Sequence[Interviewer]) -> Interview:
    return Interview(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        stage=Stage(row["stage"]),
        format=Format(row["format"]),
        interview_at=datetime.fromisoformat(row["interview_at"]),
        duration_min=row["duration_min"],
        interviewers=tuple(people),
        recruiter=row["recruiter"],
        stated_timeframe=row["stated_timeframe"],
        questions=row["questions"],
        notes=row["notes"],
        scores={d: row[SCORE_COLUMNS[d]] for d in Dimension},
        evidence={d: row[EVIDENCE_COLUMNS[d]] for d in Dimension},
        outcome=Outcome(row["outcome"]),
        outcome_on=date.fromisoformat(row["outcome_on"]) if row["outcome_on"] else None,
        is_demo=bool(row["is_demo"]),
    )


def _save_interviewers(db: Database, interview_id: int, people: Sequence[Interviewer]) -> None:
    """Keep each person's row id across edits: their thank-you mark is keyed on it."""
    existing = {r[0] for r in db.execute("SELECT id FROM interviewers WHERE interview_id = ?", [interview_id])}
    kept = set()
    for position, person in enumerate(people):
        values = [position, person.name, person.title, person.email]
        if person.id in existing:
            db.execute(
                "UPDATE interviewers SET position = ?, name = ?, title = ?, email = ? WHERE id = ?",
                [*values, person.id],
            )
            kept.add(person.id)
        else:
            db.execute(
                "INSERT INTO interviewers (interview_id, position, name, title, email) VALUES (?, ?, ?, ?, ?)",
                [interview_id, *values],
            )
    for gone in existing - kept:
        db.execute("DELETE FROM interviewers WHERE id = ?", [gone])
    _drop_stale_thank_you_marks(db, interview_id)


def _drop_stale_thank_you_marks(db: Database, interview_id: int) -> None:
    """A thank-you mark (or snooze) belongs to one person (or, with nobody named, to the generic note)."""
    people = [r[0] for r in db.execute("SELECT id FROM interviewers WHERE interview_id = ?", [interview_id])]
    current = [f"thank_you:{person}" for person in people] or ["thank_you"]
    for table in ("step_marks", "step_snoozes"):  # step_snoozes: Issue 4
        db.execute(
            f"DELETE FROM {table} WHERE interview_id = ? AND (step_key = 'thank_you' OR step_key LIKE 'thank\\_you:%' "
            f"ESCAPE '\\') AND step_key NOT IN ({','.join('?' * len(current))})",
            [interview_id, *current],
        )


def _interviewers_by_interview(db: Database, ids: list[int]) -> dict[int, list[Interviewer]]:
    people: dict[int, list[Interviewer]] = {}
    for chunk in _chunks(ids):
        rows = db.execute(
            "SELECT interview_id, id, name, title, email FROM interviewers "
            f"WHERE interview_id IN ({','.join('?' * len(chunk))}) ORDER BY interview_id, position",
            chunk,
        )
        for interview_id, person_id, name, title, email in rows:
            people.setdefault(interview_id, []).append(Interviewer(name, title, email, person_id))
    return people


def _put_mark(db: Database, interview_id: int, mark: StepMark) -> None:
    if mark.status not in (StepStatus.DONE, StepStatus.SKIPPED):
        raise ValueError("a step can only be marked done or skipped")
    db.execute(
        "INSERT INTO step_marks (interview_id, step_key, status, on_date, marked_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (interview_id, step_key) DO UPDATE SET status = excluded.status, "
        "on_date = excluded.on_date, marked_at = excluded.marked_at",
        [interview_id, mark.step_key, mark.status.value, mark.on.isoformat(), _stamp()],
    )


# --- helpers of the follow-up actions (Issue 4) --------------------------------------------
def _next_sequences(db: Database, fingerprints: Mapping[str, str], *, save: bool) -> dict[str, int]:
    uids = list(fingerprints)
    stored: dict[str, tuple[str, int]] = {}
    for start in range(0, len(uids), 900):
        chunk = uids[start : start + 900]
        rows = db.execute(
            f"SELECT uid, fingerprint, sequence FROM calendar_events WHERE uid IN ({','.join('?' * len(chunk))})", chunk
        )
        stored |= {uid: (fingerprint, sequence) for uid, fingerprint, sequence in rows}
    sequences = {}
    for uid, fingerprint in fingerprints.items():
        before = stored.get(uid)
        sequences[uid] = 0 if before is None else before[1] + (before[0] != fingerprint)
        if save and before != (fingerprint, sequences[uid]):
            db.execute(
                "INSERT INTO calendar_events (uid, fingerprint, sequence, changed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET fingerprint = excluded.fingerprint, sequence = excluded.sequence, "
                "changed_at = excluded.changed_at",
                [uid, fingerprint, sequences[uid], _stamp()],
            )
    return sequences


# --- helpers for saving new entries with their marks ------------------------------------
UNSAVED_THANK_YOU = "thank_you:new"


def _person_ids(db: Database, interview_id: int) -> list[int]:
    rows = db.execute("SELECT id FROM interviewers WHERE interview_id = ? ORDER BY position", [interview_id])
    return [r[0] for r in rows]


def _saved_thank_you_key(unsaved_key: str, person_ids: list[int]) -> str:
    position = unsaved_key.removeprefix(UNSAVED_THANK_YOU)
    if not position.isdigit() or int(position) >= len(person_ids):
        raise ValueError(f"mark '{unsaved_key}' names no interviewer of this entry")
    return f"thank_you:{person_ids[int(position)]}"


# --- helpers of the coaching section (Issue 5) --------------------------------------------
def _put_session_interviews(db: Database, session_id: int, interview_ids: Sequence[int]) -> None:
    """Make the session's interviews exactly `interview_ids`, in that order; reviews of those kept stay."""
    wanted = list(dict.fromkeys(interview_ids))
    kept = {r[0] for r in db.execute("SELECT interview_id FROM mentor_reviews WHERE session_id = ?", [session_id])}
    for gone in kept - set(wanted):
        db.execute("DELETE FROM mentor_reviews WHERE session_id = ? AND interview_id = ?", [session_id, gone])
    for position, interview_id in enumerate(wanted):
        db.execute(
            "INSERT INTO mentor_reviews (session_id, interview_id, position, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (session_id, interview_id) DO UPDATE SET position = excluded.position",
            [session_id, interview_id, position, _stamp()],
        )


def _session_interview_ids(db: Database, session_ids: list[int]) -> dict[int, tuple[int, ...]]:
    picks: dict[int, list[int]] = {}
    for chunk in _chunks(session_ids):
        rows = db.execute(
            "SELECT session_id, interview_id FROM mentor_reviews "
            f"WHERE session_id IN ({','.join('?' * len(chunk))}) ORDER BY session_id, position",
            chunk,
        )
        for session_id, interview_id in rows:
            picks.setdefault(session_id, []).append(interview_id)
    return {k: tuple(v) for k, v in picks.items()}


def _session_from(row: dict, interview_ids: Sequence[int]) -> CoachingSession:
    return CoachingSession(
        mentor=row["mentor"],
        held_on=date.fromisoformat(row["held_on"]),
        interview_ids=tuple(interview_ids),
        notes=row["notes"],
        finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
        id=row["id"],
    )


def _review_from(row: dict) -> MentorReview:
    return MentorReview({d: row[SCORE_COLUMNS[d]] for d in Dimension}, row["comment"])


def _action_from(row: dict) -> ActionItem:
    return ActionItem(
        text=row["text"],
        owner=Owner(row["owner"]),
        due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
        session_id=row["session_id"],
        interview_id=row["interview_id"],
        status=ActionStatus(row["status"]),
        closed_on=date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        closed_in_session=row["closed_in_session"],
        mentor=row["mentor"],
        id=row["id"],
    )
