"""Everything in the database as one JSON document, and interviews back in from one.

The export holds every table of the database (`lib.store.dump`) as a list of row objects,
so nothing a later migration adds is left out. Text is kept exactly as typed: JSON is for
programs, so nothing is neutralised the way the CSV is for spreadsheets.

    {"format": "debrief", "version": 1, "schema_version": 2, "migrations": [...],
     "exported_at": "2026-11-20T17:00:00", "tables": {"interviews": [{...}], ...}}

The import reads `interviews`, `interviewers` and `step_marks` back as new entries; every
problem is named by record index and field ("interviews[3], field skills_match"), and nothing
is written unless the whole file is right. `lib.files.json_input` first reads the untrusted
text into a document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any, TypeGuard

from lib.domain.applications import application_uid_problem
from lib.domain.days import date_out_of_range
from lib.domain.model import (
    EVIDENCE_COLUMNS,
    Dimension,
    Format,
    Interview,
    Interviewer,
    Outcome,
    Stage,
    ValidationError,
    parse_day,
    validate,
)
from lib.domain.steps import StepKind, StepMark, StepStatus
from lib.files.csv import DEFAULT_DURATION, Entry, wall_clock
from lib.files.import_limits import MAX_ROWS, Problems, importable
from lib.files.json_input import json_kind, read_document
from lib.store import UNSAVED_THANK_YOU, Store
from lib.store.dump import dump_database

FORMAT = "debrief"
FORMAT_VERSION = 1
PERSON_PARTS = ("name", "title", "email")
STEP_KEY = re.compile("|".join(k.value for k in StepKind if k is not StepKind.THANK_YOU) + r"|thank_you(?::\d{1,18})?")


# --- out ---------------------------------------------------------------------------------
def export_json(store: Store, now: datetime) -> str:
    """Every table of the database as JSON text (UTF-8, one row object per row)."""
    dump = dump_database(store)
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": len(dump.migrations),
        "migrations": dump.migrations,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": dump.tables,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return importable(text, len(dump.tables.get("interviews", [])), "JSON")


# --- in ----------------------------------------------------------------------------------
def read_json(data: str | bytes, now: datetime, tz: tzinfo | None = None) -> list[Entry]:
    """Every interview record of a Debrief JSON export as a new, validated entry; or ValidationError.

    Entries come back in record order, so entry N is `interviews[N]`.
    """
    tables = _tables(read_document(data))
    problems = Problems()
    records = _list(tables, "interviews", problems, required=True)
    people = _list(tables, "interviewers", problems)
    marks = _list(tables, "step_marks", problems)
    applications = _application_uids(_list(tables, "applications", problems), problems)
    problems.raise_any()
    if len(records) > MAX_ROWS:
        raise ValidationError("file", f"has {len(records):,} interviews; the limit is {MAX_ROWS:,} per file: split it")
    ids = _interview_ids(records, problems)
    people_of = _people_by_interview(people, ids, problems)
    marks_of = _marks_by_interview(marks, ids, people_of, problems)
    entries = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue  # already reported by _interview_ids
        interview_id = record.get("id")
        if _is_int(interview_id):
            own_people, own_marks = people_of.get(interview_id, []), marks_of.get(interview_id, [])
        else:  # a bad id, already reported by _interview_ids: the record's own fields are still checked
            own_people, own_marks = [], []
        entry = _entry(index, record, own_people, now, tz, problems, applications)
        if entry is not None:
            entries.append((entry, own_marks))  # every mark, exactly as exported
    problems.raise_any()
    return entries


def _tables(document: dict) -> dict:
    if document.get("format") != FORMAT:
        raise ValidationError("field format", f"is {json.dumps(document.get('format'))[:40]}, not \"{FORMAT}\": "
                                              "this is not a Debrief export")
    version = document.get("version")
    if type(version) is not int:
        raise ValidationError("field version", "is missing or not a whole number")
    if version != FORMAT_VERSION:
        newer = "a newer" if version > FORMAT_VERSION else "an unknown"
        raise ValidationError("field version", f"is {version}, written by {newer} Debrief; this one reads "
                                               f"version {FORMAT_VERSION}: update Debrief first")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ValidationError("field tables", "is missing or not an object of tables")
    return tables


def _list(tables: dict, name: str, problems: Problems, *, required: bool = False) -> list:
    value = tables.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        problems.add(f"field tables.{name}", "is missing or not a list of records")
        return []
    return value


def _interview_ids(records: list, problems: Problems) -> set[int]:
    ids: dict[int, int] = {}
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.add(f"interviews[{index}]", f"is a JSON {json_kind(record)}, not an object")
            continue
        value = record.get("id")
        if not _is_int(value):
            problems.add(f"interviews[{index}], field id", "must be a whole number")
        elif value in ids:
            problems.add(f"interviews[{index}], field id", f"repeats the id of interviews[{ids[value]}]")
        else:
            ids[value] = index
    return set(ids)


def _owned_records(records: list, table: str, ids: set[int], problems: Problems):
    """(index, where, record, interview id) of each record that is an object naming an interview
    of this file; the others are reported as problems and skipped."""
    for index, record in enumerate(records):
        where = f"{table}[{index}]"
        if not isinstance(record, dict):
            problems.add(where, f"is a JSON {json_kind(record)}, not an object")
            continue
        owner = record.get("interview_id")
        if not _is_int(owner) or owner not in ids:
            problems.add(f"{where}, field interview_id", f"{_shown(owner)} names no interview in this file")
            continue
        yield index, where, record, owner


def _people_by_interview(records: list, ids: set[int], problems: Problems) -> dict[int, list[tuple[int, dict]]]:
    """interview id -> [(record index, record)] in the order of `position`."""
    people: dict[int, list[tuple[int, int, dict]]] = {}
    for index, where, record, owner in _owned_records(records, "interviewers", ids, problems):
        for part in PERSON_PARTS:
            if not isinstance(record.get(part, ""), str | None):
                problems.add(f"{where}, field {part}", "must be text")
        position = record.get("position", index)
        people.setdefault(owner, []).append((position if _is_int(position) else index, index, record))
    return {owner: [(i, r) for _, i, r in sorted(rows, key=lambda t: t[:2])] for owner, rows in people.items()}


def _marks_by_interview(
    records: list, ids: set[int], people_of: dict[int, list[tuple[int, dict]]], problems: Problems
) -> dict[int, list[StepMark]]:
    """interview id -> its marks: every one of a known step kind, well-formed and in range.

    A mark of a step the entry's timeline no longer shows (its recruiter since removed) is kept:
    the database keeps it, so a round trip must too. A `thank_you:ID` must name a person of the
    entry, since it is stored under that person's new id.
    """
    marks: dict[int, list[StepMark]] = {}
    for _, where, record, owner in _owned_records(records, "step_marks", ids, problems):
        key, status, on = record.get("step_key"), record.get("status"), record.get("on_date")
        if not isinstance(key, str) or not STEP_KEY.fullmatch(key):
            problems.add(f"{where}, field step_key", f"{_shown(key)} is not a follow-up step of interview {owner}: "
                         "one of " + ", ".join(k.value for k in StepKind) + " (thank_you:ID for an interviewer)")
            continue
        if status not in (StepStatus.DONE.value, StepStatus.SKIPPED.value):
            problems.add(f"{where}, field status", f"{_shown(status)} is not \"done\" or \"skipped\"")
            continue
        if not isinstance(on, str):
            problems.add(f"{where}, field on_date", f"{_shown(on)} is not a date: write it as 2026-11-18")
            continue
        try:
            day = parse_day(on, "on_date")
        except ValidationError as error:
            problems.add(f"{where}, field on_date", f"{error.message}, in a mark of interview {owner}")
            continue
        if key.startswith("thank_you:"):
            positions = {r.get("id"): n for n, (_, r) in enumerate(people_of.get(owner, [])) if _is_int(r.get("id"))}
            person = _parse(int, key.removeprefix("thank_you:"))
            if person not in positions:
                problems.add(f"{where}, field step_key", f"“{key}” names no interviewer of interview {owner}")
                continue
            key = f"{UNSAVED_THANK_YOU}{positions[person]}"  # stored under the person's new id on import
        marks.setdefault(owner, []).append(StepMark(key, StepStatus(status), day))
    return marks


def _application_uids(records: list, problems: Problems) -> dict[int, str]:
    """The `applications` table's id -> uid; a file of an earlier version has none (rounds then group
    by company and role, as the store files them)."""
    uids: dict[int, str] = {}
    for index, record in enumerate(records):
        where = f"applications[{index}]"
        if not isinstance(record, dict) or not _is_int(record.get("id")):
            problems.add(f"{where}, field id", "is missing or not a whole number")
            continue
        uid = record.get("uid")
        problem: str | None = "is missing or not text"
        if isinstance(uid, str) and uid:
            problem = application_uid_problem(uid)
        if problem:
            problems.add(f"{where}, field uid", problem)
            continue
        if record["id"] in uids:
            problems.add(f"{where}, field id", f"{record['id']} repeats an earlier application's id")
            continue
        uids[record["id"]] = str(uid)
    return uids


def _entry(
    index: int, record: dict, people: list[tuple[int, dict]], now: datetime, tz: tzinfo | None, problems: Problems,
    applications: dict[int, str],
) -> Interview | None:
    """One record as a validated interview; every problem reported under `interviews[index], field F`."""
    where = f"interviews[{index}]"
    errors: dict[str, str] = {}

    def field(name: str, parse: Callable[[Any], Any], fallback: Any, default: Any = ...) -> Any:
        if name not in record or record[name] is None:
            if default is ...:
                errors[name] = "is missing"
                return fallback
            return default
        try:
            return parse(record[name])
        except ValidationError as error:  # from parse_day: its message, without the field name
            errors[name] = error.message
            return fallback
        except (ValueError, TypeError) as error:
            errors[name] = str(error)
            return fallback

    interview = Interview(
        company=field("company", _required_text, ""),
        role=field("role", _required_text, ""),
        stage=field("stage", lambda v: Stage.parse(_string(v)), Stage.OTHER),
        format=field("format", lambda v: Format.parse(_string(v)), Format.VIDEO),
        interview_at=field("interview_at", lambda v: _moment(v, tz), now),
        duration_min=field("duration_min", _whole_number, DEFAULT_DURATION, DEFAULT_DURATION),
        interviewers=tuple(_person(r) for _, r in people),
        recruiter=field("recruiter", _string, "", ""),
        stated_timeframe=field("stated_timeframe", _string, "", ""),
        questions=field("questions", _string, "", ""),
        notes=field("notes", _string, "", ""),
        scores={d: field(d.value, _score, None, None) for d in Dimension},
        evidence={d: field(EVIDENCE_COLUMNS[d], _string, "", "") for d in Dimension},
        outcome=field("outcome", lambda v: Outcome.parse(_string(v)), Outcome.PENDING, Outcome.PENDING),
        outcome_on=field("outcome_on", lambda v: parse_day(_string(v), "outcome_on"), None, None),
        is_demo=field("is_demo", _flag, False, False),
        booked=field("booked", _flag, False, False),
        prep_questions=field("prep_questions", _string, "", ""),
        prep_stories=field("prep_stories", _string, "", ""),
        prep_pitch=field("prep_pitch", _string, "", ""),
        application=field("application_id", lambda v: _application_uid(v, applications), "", ""),
        private=field("private_fields", lambda v: frozenset(_string(v).split()), frozenset(), frozenset()),
        uid=field("uid", _string, "", ""),
    )
    try:
        interview = validate(interview, now)
    except ValidationError as error:
        for key, message in error.errors.items():
            place, name = _field_of(key, where, people)
            if place == where:
                errors.setdefault(name, message)
            else:
                problems.add(f"{place}, field {name}", message)
    for name, message in errors.items():
        problems.add(f"{where}, field {name}", message)
    return None if errors else interview


def _field_of(key: str, where: str, people: list[tuple[int, dict]]) -> tuple[str, str]:
    """A model error key ("score.enthusiasm", "interviewers.1.name") as (record, field) of the file."""
    head, _, rest = key.partition(".")
    if head == "score":
        return where, rest
    if head == "evidence":
        return where, EVIDENCE_COLUMNS[Dimension(rest)]
    if head == "private":
        return where, "private_fields"
    if head == "interviewers" and rest:
        position, _, part = rest.partition(".")
        return f"interviewers[{people[int(position)][0]}]", part
    return where, head


# --- field parsers: ValueError / TypeError carry the message -----------------------------
def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be text, not a JSON {json_kind(value)}")
    return value


def _person(record: dict) -> Interviewer:
    name, title, email = (_text_or_blank(record.get(part)) for part in PERSON_PARTS)
    return Interviewer(name, title, email)


def _text_or_blank(value: Any) -> str:
    """An interviewer's part: a wrong type was already reported by _people_by_interview."""
    return value if isinstance(value, str) else ""


def _required_text(value: Any) -> str:
    text = _string(value)
    if not text.strip():
        raise ValueError("is required")
    return text


def _moment(value: Any, tz: tzinfo | None) -> datetime:
    text = _string(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text[:40]}” is not a date-time: write it as 2026-11-18T14:30 (ISO 8601)") from None
    if out_of_range := date_out_of_range(moment):
        raise ValueError(out_of_range)
    return wall_clock(moment, tz)


def _whole_number(value: Any) -> int:
    if not _is_int(value):
        raise ValueError(f"{_shown(value)} is not a whole number of minutes")
    return value


def _application_uid(value: Any, applications: dict[int, str]) -> str:
    if not _is_int(value) or value not in applications:
        raise ValueError(f"{_shown(value)} names no application of the file's applications table")
    return applications[value]


def _score(value: Any) -> int:
    if not _is_int(value):
        raise ValueError(f"{_shown(value)} is not a score: use a whole number from 1 to 5, or null for not sure")
    return value


def _flag(value: Any) -> bool:
    if value in (0, 1) and not isinstance(value, float):
        return bool(value)
    raise ValueError(f"{_shown(value)} is not true or false")


def _parse(parse: Callable[[str], Any], value: Any) -> Any:
    try:
        return parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
