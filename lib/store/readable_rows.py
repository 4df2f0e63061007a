"""Is every row of a database one the app can read? The check a restore runs before it changes anything.

A backup file can hold anything SQLite accepts: a stage "lunch", an interview at "soon", bytes
that are not UTF-8, a score stored as text. Pages would raise on such a row long after the
restore said it worked. So each incoming row is read here the way the app reads it: every text
decoded as UTF-8, every value checked against the domain's absolute rules (the enums, ISO
dates within `lib.domain.days.DATE_RANGE`), and then each row that the form, an import or an editor
writes is put through that door's own validator (`lib.domain.model.validate` for an interview, built
by the store's own row conversion; `validate_interviewer`; `lib.domain.drafts.check_template` and
`check_your_name`): one rule, called from both, so a restore accepts exactly the rows the app's
own imports of its exports accept. Rules relative to today ("more than five years ago") are not
applied: an old backup rightly holds old interviews.

A table no rule here names (one a later migration adds) still gets the UTF-8 and binary check.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from lib.domain.coaching import (
    ActionItem,
    ActionStatus,
    CoachingSession,
    MentorReview,
    Owner,
    validate_action,
    validate_review,
    validate_session,
)
from lib.domain.days import DATE_RANGE, date_out_of_range
from lib.domain.drafts import check_template, check_your_name
from lib.domain.entry_form import EntryForm
from lib.domain.model import (
    EVIDENCE_COLUMNS,
    SCORE_COLUMNS,
    Dimension,
    Format,
    Interviewer,
    Outcome,
    Stage,
    ValidationError,
    validate,
    validate_interviewer,
)
from lib.domain.steps import StepKind
from lib.store.backup import quoted
from lib.store.interview_rows import interview_from  # the store's own row -> Interview

Check = Callable[[object], str | None]  # a value -> why the app cannot read it, or None
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
# Column rules say what the app's reader needs (a type, an enum, a stored date format). The limits
# and the rules a person's input must meet are the doors' own validators, applied row by row below.
ID = integer(1)
SCORES = {d.value: optional(integer()) for d in Dimension}
RULES: dict[str, dict[str, Check]] = {
    "interviews": {
        "id": ID, "company": text(), "role": text(),
        "stage": choice(Stage), "format": choice(Format), "interview_at": moment,
        "duration_min": integer(), "recruiter": text(),
        "stated_timeframe": text(), "questions": text(),
        "notes": text(), **SCORES, "skills_evidence": text(),
        "enthusiasm_evidence": text(), "culture_evidence": text(),
        "outcome": choice(Outcome), "outcome_on": optional(day), "is_demo": integer(0, 1),
        "submit_token": optional(text()), "created_at": moment, "updated_at": moment, "booked": integer(0, 1),
        "application_id": optional(ID), "prep_questions": text(), "prep_stories": text(), "prep_pitch": text(),
    },
    "applications": {"id": ID, "uid": text(64, required=True),  # created_at also as migration 004's datetime()
        "created_at": lambda v: moment(v.replace(" ", "T") if isinstance(v, str) and v[10:11] == " " else v),
    },
    "interviewers": {
        "id": ID, "interview_id": ID, "position": integer(0), "name": text(), "title": text(), "email": text(),
    },
    "step_marks": {
        "interview_id": ID, "step_key": step_key, "status": choice(("done", "skipped")),
        "on_date": day, "marked_at": moment,
    },
    "step_snoozes": {"interview_id": ID, "step_key": step_key, "until": day, "reason": text(), "snoozed_at": moment},
    "draft_templates": {"kind": choice(StepKind), "subject": text(), "body": text(), "updated_at": moment},
    "settings": {"key": text(required=True), "value": text()},
    "calendar_events": {
        "uid": text(required=True), "fingerprint": text(), "sequence": integer(0), "changed_at": moment,
    },
    "form_drafts": {"form_key": text(required=True), "payload": form_payload, "saved_at": moment},
    "meta": {"key": text(required=True), "value": text()},
    "coaching_sessions": {
        "id": ID, "mentor": text(), "held_on": day, "notes": text(), "finished_at": optional(moment),
        "submit_token": optional(text()), "created_at": moment, "updated_at": moment,
        "reply_packet": optional(text(64)), "reply_digest": optional(text(64)), "reply_imported_at": optional(moment),
    },
    "mentor_reviews": {
        "session_id": ID, "interview_id": ID, "position": integer(0), **SCORES,
        "comment": text(), "updated_at": moment,
    },
    "action_items": {
        "id": ID, "session_id": ID, "interview_id": optional(ID),
        "text": text(), "owner": choice(Owner), "due_on": optional(day),
        "status": choice(ActionStatus), "closed_on": optional(day),
        "closed_in_session": optional(ID), "submit_token": optional(text()), "created_at": moment, "updated_at": moment,
    },
}


def your_name(value: object) -> str | None:
    """The Templates page's own check of the name drafts are signed with."""
    try:
        check_your_name(str(value))
    except ValidationError as problem:
        return problem.message
    return None


# Rows whose meaning depends on their key, not only their columns.
KEYED_VALUES: dict[tuple[str, object], Check] = {  # looked up by a row's key as read: any SQLite value
    ("meta", "data_version"): integer(0),
    ("settings", "your_name"): your_name,
}


# --- the doors' own validators, one row at a time ----------------------------------------------
Rows = Callable[[str, list[object]], list[tuple[object, ...]]]  # (SQL naming {schema}, params) -> rows
RowCheck = Callable[[dict[str, object], Rows], tuple[str, str] | None]  # a row -> (column, why), or None
# A validator's field -> the column it comes from (the rest are named alike).
INTERVIEW_COLUMNS = {
    **{f"score.{d.value}": SCORE_COLUMNS[d] for d in Dimension},
    **{f"evidence.{d.value}": EVIDENCE_COLUMNS[d] for d in Dimension},
}


def interview_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The interview the store would read from this row, with its people, put through the form's and
    imports' `validate`.

    `now` is the interview's own time, so the rules relative to today (a year away, five years
    ago) hold trivially and every absolute one (lengths, ranges, the timeframe's date, how many
    people) applies.
    """
    found = rows("SELECT name, title, email FROM {schema}.interviewers WHERE interview_id = ? ORDER BY position",
                 [row["id"]])
    people = [_person(values) for values in found]
    try:
        interview = interview_from(row, people)
    except (ValueError, TypeError, KeyError) as error:
        return "?", f"cannot be read: {error}"
    return _first_problem(lambda: validate(interview, interview.interview_at), INTERVIEW_COLUMNS)


def _person(values: tuple[object, ...]) -> Interviewer:
    """An interviewer from its (name, title, email) as read here: text as bytes, decoded."""
    name, title, email = (str(_decoded(v)) for v in values)
    return Interviewer(name, title, email)


def interviewer_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The person checked by the form's and imports' `validate_interviewer`."""
    person = Interviewer(str(row["name"]), str(row["title"]), str(row["email"]))
    errors = validate_interviewer(person, 0)
    return (next(iter(errors)).removeprefix("interviewers.0."), next(iter(errors.values()))) if errors else None


def template_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The template checked by the Templates editor's own `check_template`."""
    return _first_problem(lambda: check_template(StepKind(row["kind"]), str(row["subject"]), str(row["body"])), {})


def review_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The mentor's review checked by the Coaching page's own `validate_review`."""
    # the row passed its column rules first, so each score is a whole number or NULL, as MentorReview takes
    review = MentorReview({d: row[SCORE_COLUMNS[d]] for d in Dimension}, str(row["comment"]))  # type: ignore[misc]
    return _first_problem(lambda: validate_review(review), {f"mentor.{d.value}": SCORE_COLUMNS[d] for d in Dimension})


def session_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The session checked by the Coaching page's own `validate_session`.

    `now` is the session's own day (the rule relative to today holds trivially), and it is given
    one interview: which ones it discussed are rows of mentor_reviews, checked there.
    """
    held_on = date.fromisoformat(str(row["held_on"]))
    session = CoachingSession(str(row["mentor"]), held_on, (1,), str(row["notes"]))
    return _first_problem(lambda: validate_session(session, datetime.combine(held_on, time())), {})


def action_row(row: dict[str, object], rows: Rows) -> tuple[str, str] | None:
    """The action item checked by the Coaching page's own `validate_action`."""
    due_on = date.fromisoformat(str(row["due_on"])) if row["due_on"] else None
    return _first_problem(lambda: validate_action(ActionItem(str(row["text"]), due_on=due_on)), {})


def _first_problem(check: Callable[[], object], columns: dict[str, str]) -> tuple[str, str] | None:
    try:
        check()
    except ValidationError as problem:
        return columns.get(problem.field, problem.field), problem.message
    return None


ROW_CHECKS: dict[str, RowCheck] = {
    "interviews": interview_row,
    "interviewers": interviewer_row,
    "draft_templates": template_row,
    "coaching_sessions": session_row,
    "mentor_reviews": review_row,
    "action_items": action_row,
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
    columns = [(r[1], r[5]) for r in conn.execute(f"PRAGMA {schema}.table_info({quoted(table)})")]
    names = [name for name, _ in columns]
    keys = [name for name, pk in sorted(columns, key=lambda c: c[1]) if pk] or ["rowid"]
    rules = RULES.get(table, {})
    selected = ", ".join(f"{quoted(n)}, typeof({quoted(n)})" for n in names)
    key_sql = ", ".join(quoted(k) for k in keys)

    def rows(sql: str, params: list[object]) -> list[tuple[object, ...]]:
        return conn.execute(sql.format(schema=schema), params).fetchall()

    conn.text_factory = bytes  # decoded below, column by column, so a bad byte names its column
    try:
        for raw in conn.execute(f"SELECT {key_sql}, {selected} FROM {schema}.{quoted(table)}"):
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
                if table in ROW_CHECKS and (found := ROW_CHECKS[table](row, rows)):
                    yield RowProblem(table, where, *found)
    finally:
        conn.text_factory = str


def _read(value: object, kind: bytes | str) -> tuple[str | None, object]:
    """The value as the app's sqlite3 would hand it over, or why it cannot."""
    kind = kind.decode() if isinstance(kind, bytes) else kind
    if kind == "blob":
        return "holds binary data, not text", value
    if kind == "text" and isinstance(value, bytes):  # text arrives as bytes: the cursor's text_factory
        try:
            return None, value.decode("utf-8")
        except UnicodeDecodeError:
            return "holds bytes that are not UTF-8 text", value
    return None, value


def _as_number(value: object) -> object:
    """meta stores its numbers as text ('12'): read them the way the store does, as whole numbers only."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


def _decoded(value: object) -> object:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value

