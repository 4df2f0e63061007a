"""The settings group: the user's settings, their own email templates, and the forms' autosaved drafts.

Writes that take what the user typed check it with the domain's own rules first
(`check_template`, `check_your_name` in lib.domain.drafts), so every caller gets the same
`ValidationError` and nothing is written. A form draft is saved on every keystroke's rerun, so
nothing typed is lost to a refresh; it is not user data and does not bump the data version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

from lib.domain.drafts import Template, check_template, check_your_name
from lib.domain.steps import StepKind
from lib.store.db import DatabaseFile, never_cached, stamp

# What a setting's value must pass before it is saved, by key; a key not here is saved as given.
SETTING_CHECKS: dict[str, Callable[[str], str]] = {"your_name": check_your_name}


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
