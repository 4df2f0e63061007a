"""The settings group: the user's settings, their own email templates, and the forms' autosaved drafts.

Writes that take what the user typed check it with the domain's own rules first
(`check_template`, `check_your_name` in lib.domain.drafts), so every caller gets the same
`ValidationError` and nothing is written. A form draft is saved on every keystroke's rerun, so
nothing typed is lost to a refresh; it is not user data and does not bump the data version.

The calendar feed's token is the secret part of the feed's address: made on first ask, kept
until the user asks for a new address. Delete everything removes it with every other row (the
next ask makes a new one, so the old address stops working); a restore keeps the address this
database already has, or its having none (`keep_calendar_token`), so subscribed calendars go on
working and an address the user replaced or erased does not come back with an older backup.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from lib.domain.drafts import Template, check_template, check_your_name
from lib.domain.steps import StepKind
from lib.store.db import DatabaseFile, never_cached, stamp

# What a setting's value must pass before it is saved, by key; a key not here is saved as given.
SETTING_CHECKS: dict[str, Callable[[str], str]] = {"your_name": check_your_name}
CALENDAR_TOKEN = "calendar_token"
CALENDAR_TOKEN_BYTES = 24  # 32 URL-safe characters: 192 random bits


class Settings:
    """Settings, draft templates and form drafts (`store.settings`)."""

    def __init__(self, db: DatabaseFile) -> None:
        self._db = db

    def get(self, key: str, default: str = "") -> str:
        """The saved value, or `default` when it was never set."""
        with self._db.connect() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            return row[0] if row else default

    @never_cached
    def save(self, key: str, value: str) -> None:
        """Save a setting, checked first when its key has a check (your name: ValidationError if too long)."""
        if check := SETTING_CHECKS.get(key):
            value = check(value)
        with self._db.write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    @never_cached
    def calendar_token(self) -> str:
        """The feed's token, made and saved on the first ask; every later ask gets the same one.

        Made inside one IMMEDIATE transaction that reads first, so two first asks at once (two
        tabs) agree on one token. Not user data: it bumps the data version once, as every write
        does, and makes no automatic backup.
        """
        if token := self.stored_calendar_token():
            return token
        with self._db.write(after_write=False, scores=False) as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                       [CALENDAR_TOKEN, new_calendar_token()])
            return str(stored_token(db))

    @never_cached
    def regenerate_calendar_token(self) -> str:
        """A new token in place of the old one, which stops working at once; the new one."""
        token = new_calendar_token()
        with self._db.write(after_write=False, scores=False) as db:
            keep_calendar_token(db, token)
        return token

    @never_cached
    def stored_calendar_token(self) -> str | None:
        """The token as saved, or None before the first ask (read only: a feed request never makes one)."""
        with self._db.connect() as db:
            return stored_token(db)

    def calendar_token_matches(self, candidate: str) -> bool:
        """Whether `candidate` is the feed's token, in time that does not depend on how much of it is right.

        Both sides are hashed first, so the comparison is over equal lengths whatever was sent.
        """
        return token_is(self.stored_calendar_token(), candidate)

    def draft_templates(self) -> dict[StepKind, Template]:
        """The user's own templates, by kind of step; a kind not here uses Debrief's wording."""
        with self._db.connect() as db:
            rows = db.execute("SELECT kind, subject, body FROM draft_templates")
            return {StepKind(kind): Template(StepKind(kind), subject, body) for kind, subject, body in rows}

    @never_cached
    def save_draft_template(self, template: Template) -> None:
        """Check the template (ValidationError keyed "subject" or "body", nothing written), then store it tidied."""
        template = check_template(template.kind, template.subject, template.body)
        with self._db.write() as db:
            db.execute(
                "INSERT INTO draft_templates (kind, subject, body, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject, body = excluded.body, "
                "updated_at = excluded.updated_at",
                [template.kind.value, template.subject, template.body, stamp()],
            )

    @never_cached
    def reset_draft_template(self, kind: StepKind) -> None:
        """Back to Debrief's wording for this kind of step."""
        with self._db.write() as db:
            db.execute("DELETE FROM draft_templates WHERE kind = ?", [kind.value])

    @never_cached
    def save_form_draft(self, form_key: str, payload: str) -> None:
        """The form's fields as typed so far (`payload`, JSON), replacing the last draft of that form."""
        with self._db.connect() as db, db.atomic():
            db.execute(
                "INSERT INTO form_drafts (form_key, payload, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (form_key) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at",
                [form_key, payload, stamp()],
            )

    @never_cached
    def form_draft(self, form_key: str) -> tuple[str, datetime] | None:
        """The last draft of that form and when it was saved, or None."""
        with self._db.connect() as db:
            row = db.execute("SELECT payload, saved_at FROM form_drafts WHERE form_key = ?", [form_key]).fetchone()
            return (row[0], datetime.fromisoformat(row[1])) if row else None

    @never_cached
    def discard_form_draft(self, form_key: str) -> None:
        with self._db.connect() as db, db.atomic():
            drop_form_draft(db, form_key)


def drop_form_draft(db: Database, form_key: str) -> None:
    """Delete a form's draft inside the caller's transaction (a save discards the draft it replaces)."""
    db.execute("DELETE FROM form_drafts WHERE form_key = ?", [form_key])


def new_calendar_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def stored_token(db: Database) -> str | None:
    """The calendar token inside the caller's connection or transaction, or None."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [CALENDAR_TOKEN]).fetchone()
    return str(row[0]) if row and row[0] else None


def token_is(token: str | None, candidate: str) -> bool:
    """`candidate` is `token`, compared over two digests of equal length whatever was sent."""
    expected = hashlib.sha256((token or "").encode("utf-8")).digest()
    given = hashlib.sha256(candidate.encode("utf-8", "surrogatepass")).digest()
    return hmac.compare_digest(expected, given) and token is not None


def calendar_token_in_file_matches(path: Path, candidate: str) -> bool:
    """Whether `candidate` is the feed's token of the database at `path`, read over a read-only connection.

    A request from outside the app (any page in the user's browser can send one) must neither
    take the write lock nor migrate the file: only a matching token opens the `Store`. Under WAL
    a reader never waits for a writer, so a wrong token is a quick 404 even during a restore.
    """
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    try:  # an unreadable file raises sqlite3.Error: the feed says 503, as for any read that fails
        row = connection.execute("SELECT value FROM settings WHERE key = ?", [CALENDAR_TOKEN]).fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):  # a database from before settings existed has no feed
            return False
        raise
    finally:
        connection.close()
    return token_is(str(row[0]) if row and row[0] else None, candidate)


def keep_calendar_token(db: Database, token: str | None) -> None:
    """Make `token` the calendar token inside the caller's transaction; None means there is none.

    A restore passes the token the database had before it, so a backup never brings back an
    address that was replaced, or erased by Delete everything.
    """
    if token is None:
        db.execute("DELETE FROM settings WHERE key = ?", [CALENDAR_TOKEN])
    else:
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [CALENDAR_TOKEN, token])
