"""Is every row of a database one the app can read? The check a restore runs before it changes anything.

A backup file can hold anything SQLite accepts: a stage "lunch", an interview at "soon", bytes
that are not UTF-8, a score stored as text. Pages would raise on such a row long after the
restore said it worked. So each incoming row is read here the way the app reads it: every text
decoded as UTF-8, every value checked against the domain's absolute rules (the enums, ISO
dates within `lib.model.DATE_RANGE`, score and duration ranges, length limits), and each
interview built by the store's own row conversion. Rules relative to today ("more than five
years ago") are not applied: an old backup rightly holds old interviews.

A table no rule here names (one a later migration adds) still gets the UTF-8 and binary check.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from lib.coaching import COACHING_LIMITS, ActionStatus, Owner
from lib.drafts import BODY_LIMIT, NAME_LIMIT, SUBJECT_LIMIT
from lib.entry_form import EntryForm
from lib.followup import StepKind
from lib.model import (
    DATE_RANGE,
    DURATION_RANGE,
    EMAIL_RE,
    LIMITS,
    SCORE_MAX,
    SCORE_MIN,
    Dimension,
    Format,
    Outcome,
    Stage,
    date_out_of_range,
)
from lib.store import _interview_from  # the store's own row -> Interview conversion

Check = Callable[[object], str | None]  # a value -> why the app cannot read it, or None
MISSING = object()
PROBLEMS_SHOWN = 3
DRAFT_BASE = EntryForm(day=DATE_RANGE[0])  # what a partial draft is read over (a fixed day, not today)


@dataclass(frozen=True)
class RowProblem:
    """One value the app cannot read: where it is and what is wrong with it."""

    table: str
    row: str  # "id 7", "key 'your_name'", "interview_id 3, step_key 'x'"
    column: str
    message: str

    def __str__(self) -> str:
        return f"table {self.table}, row {self.row}, column {self.column} {self.message}"


# --- what a value must be --------------------------------------------------------------------
def text(limit: int | None = None, required: bool = False) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if required and not value.strip():
            return "must not be empty"
        if limit is not None and len(value) > limit:
            return f"is too long ({len(value):,} characters; the limit is {limit:,})"
        return None

    return check


def integer(low: int | None = None, high: int | None = None) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"must be from {low} to {high} (got {value})" if high is not None else f"must be {low} or more"
        return None

    return check


def choice(kind: type[Enum] | tuple[str, ...]) -> Check:
    allowed = list(kind) if isinstance(kind, tuple) else [m.value for m in kind]

    def check(value: object) -> str | None:
        if value not in allowed:
            return f"holds {_shown(value)}, which is not one of: {', '.join(allowed)}"
        return None

    return check


def day(value: object) -> str | None:
    """A date exactly as the store writes one (2026-11-20), within DATE_RANGE."""
    return _iso(value, date.fromisoformat, _day_texts, "a date like 2026-11-20")


def moment(value: object) -> str | None:
    """A date and time exactly as the store writes one (2026-11-20T17:00 or 2026-11-20T17:00:05), within DATE_RANGE.

    `datetime.fromisoformat` alone would let in a time zone (pages compare it with naive times and
    raise), week dates or the basic format (which sort wrongly in the store's range queries).
    """
    return _iso(value, datetime.fromisoformat, _moment_texts, "a date and time like 2026-11-20T17:00")


def _day_texts(parsed: date) -> tuple[str, ...]:
    return (parsed.isoformat(),)


def _moment_texts(parsed: datetime) -> tuple[str, ...]:
    if parsed.tzinfo is not None:  # the store writes local times without a zone
        return ()
    return (parsed.isoformat(timespec="minutes"), parsed.isoformat(timespec="seconds"))


def optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def email(value: object) -> str | None:
    return text(LIMITS["email"])(value) or (
        None if value == "" or EMAIL_RE.match(str(value)) else f"holds {_shown(value)}, not an email address"
    )


def step_key(value: object) -> str | None:
    """A step of the follow-up timeline; a thank-you may name the person's row id."""
    if isinstance(value, str) and (value in {k.value for k in StepKind} or re.fullmatch(r"thank_you:\d+", value)):
        return None
    return f"holds {_shown(value)}, which is not a follow-up step"


def form_payload(value: object) -> str | None:
    """A saved draft of the log form that the Log page's own reader can hold (partial ones included)."""
    if not isinstance(value, str):
        return "must be text"
    if EntryForm.from_saved(value, DRAFT_BASE) is None:
        return f"holds {_shown(value)}, which is not a saved log form Debrief can read"
    return None


def _iso(value: object, parse: Callable[[str], Any], texts: Callable[[Any], tuple[str, ...]], what: str) -> str | None:
    """Parsed by `parse`, and written back by the store's own format as the very same text."""
    if not isinstance(value, str):
        return f"must be {what}"
    try:
        parsed = parse(value)
    except ValueError:
        return f"holds {_shown(value)}, not {what}"
    if value not in texts(parsed):
        return f"holds {_shown(value)}, not {what}"
    out_of_range = date_out_of_range(parsed)
    return f"{out_of_range}" if out_of_range else None


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


# --- the rules, table by table ------------------------------------------------------------------
SCORE = optional(integer(SCORE_MIN, SCORE_MAX))
ID = integer(1)
SCORES = {d.value: SCORE for d in Dimension}
RULES: dict[str, dict[str, Check]] = {
    "interviews": {
        "id": ID, "company": text(LIMITS["company"], required=True), "role": text(LIMITS["role"], required=True),
        "stage": choice(Stage), "format": choice(Format), "interview_at": moment,
        "duration_min": integer(*DURATION_RANGE), "recruiter": text(LIMITS["recruiter"]),
        "stated_timeframe": text(LIMITS["stated_timeframe"]), "questions": text(LIMITS["questions"]),
        "notes": text(LIMITS["notes"]), **SCORES, "skills_evidence": text(LIMITS["evidence"]),
        "enthusiasm_evidence": text(LIMITS["evidence"]), "culture_evidence": text(LIMITS["evidence"]),
        "outcome": choice(Outcome), "outcome_on": optional(day), "is_demo": integer(0, 1),
        "submit_token": optional(text()), "created_at": moment, "updated_at": moment,
    },
    "interviewers": {
        "id": ID, "interview_id": ID, "position": integer(0), "name": text(LIMITS["name"], required=True),
        "title": text(LIMITS["title"]), "email": email,
    },
    "step_marks": {
        "interview_id": ID, "step_key": step_key, "status": choice(("done", "skipped")),
        "on_date": day, "marked_at": moment,
    },
    "step_snoozes": {"interview_id": ID, "step_key": step_key, "until": day, "reason": text(), "snoozed_at": moment},
    "draft_templates": {
        "kind": choice(StepKind), "subject": text(SUBJECT_LIMIT), "body": text(BODY_LIMIT), "updated_at": moment,
    },
    "settings": {"key": text(required=True), "value": text()},
    "calendar_events": {
        "uid": text(required=True), "fingerprint": text(), "sequence": integer(0), "changed_at": moment,
    },
    "form_drafts": {"form_key": text(required=True), "payload": form_payload, "saved_at": moment},
    "meta": {"key": text(required=True), "value": text()},
    "coaching_sessions": {
        "id": ID, "mentor": text(COACHING_LIMITS["mentor"], required=True), "held_on": day,
        "notes": text(COACHING_LIMITS["session_notes"]), "finished_at": optional(moment),
        "submit_token": optional(text()), "created_at": moment, "updated_at": moment,
    },
    "mentor_reviews": {
        "session_id": ID, "interview_id": ID, "position": integer(0), **SCORES,
        "comment": text(COACHING_LIMITS["comment"]), "updated_at": moment,
    },
    "action_items": {
        "id": ID, "session_id": ID, "interview_id": optional(ID),
        "text": text(COACHING_LIMITS["action"], required=True), "owner": choice(Owner), "due_on": optional(day),
        "status": choice(ActionStatus), "closed_on": optional(day),
        "closed_in_session": optional(ID), "submit_token": optional(text()), "created_at": moment, "updated_at": moment,
    },
}  # fmt: skip
# Rows whose meaning depends on their key, not only their columns.
KEYED_VALUES: dict[tuple[str, str], Check] = {
    ("meta", "data_version"): integer(0),
    ("settings", "your_name"): text(NAME_LIMIT),
}


# --- reading the rows --------------------------------------------------------------------------
def unreadable_rows(conn: sqlite3.Connection, tables: list[str], schema: str = "main") -> list[RowProblem]:
    """The first few values in `tables` the app could not read (an empty list: every row is fine)."""
    problems: list[RowProblem] = []
    for table in tables:
        for problem in _table_problems(conn, schema, table):
            problems.append(problem)
            if len(problems) >= PROBLEMS_SHOWN:
                return problems
    return problems


def _table_problems(conn: sqlite3.Connection, schema: str, table: str) -> Iterator[RowProblem]:
    columns = [(r[1], r[5]) for r in conn.execute(f"PRAGMA {schema}.table_info({_quoted(table)})")]
    names = [name for name, _ in columns]
    keys = [name for name, pk in sorted(columns, key=lambda c: c[1]) if pk] or ["rowid"]
    rules = RULES.get(table, {})
    selected = ", ".join(f"{_quoted(n)}, typeof({_quoted(n)})" for n in names)
    key_sql = ", ".join(_quoted(k) for k in keys)
    conn.text_factory = bytes  # decoded below, column by column, so a bad byte names its column
    try:
        for raw in conn.execute(f"SELECT {key_sql}, {selected} FROM {schema}.{_quoted(table)}"):
            key_values, pairs = raw[: len(keys)], raw[len(keys) :]
            where = ", ".join(f"{k} {_shown(_decoded(v))}" for k, v in zip(keys, key_values, strict=True))
            row: dict[str, object] = {}
            for index, name in enumerate(names):
                value, kind = pairs[2 * index], pairs[2 * index + 1]
                message, row[name] = _read(value, kind)
                message = message or (rules[name](row[name]) if name in rules else None)
                keyed = KEYED_VALUES.get((table, _decoded(key_values[0]))) if name == "value" else None
                if message is None and keyed is not None:
                    message = keyed(_as_number(row[name]))
                if message:
                    yield RowProblem(table, where, name, message)
                    break
            else:
                if table == "interviews":
                    yield from _conversion_problem(table, where, row)
    finally:
        conn.text_factory = str


def _read(value: object, kind: bytes | str) -> tuple[str | None, object]:
    """The value as the app's sqlite3 would hand it over, or why it cannot."""
    kind = kind.decode() if isinstance(kind, bytes) else kind
    if kind == "blob":
        return "holds binary data, not text", value
    if kind == "text":
        try:
            return None, bytes(value).decode("utf-8")  # type: ignore[arg-type]
        except UnicodeDecodeError:
            return "holds bytes that are not UTF-8 text", value
    return None, value


def _conversion_problem(table: str, where: str, row: dict[str, object]) -> Iterator[RowProblem]:
    """Build the interview the way the store reads it; any failure is a row the app cannot read."""
    try:
        _interview_from(row, [])
    except (ValueError, TypeError, KeyError) as error:
        yield RowProblem(table, where, "?", f"cannot be read: {error}")


def _as_number(value: object) -> object:
    """meta stores its numbers as text ('12'): read them the way the store does, as whole numbers only."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


def _decoded(value: object) -> object:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
