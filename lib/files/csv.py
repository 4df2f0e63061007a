"""The interviews as CSV, out and back in.

The CSV is for people: a spreadsheet they can read, fix and send back, with the same columns
in and out so a file round-trips, and one they can make themselves: import needs only company,
role and date (`csv_columns` maps a header onto the columns). Import is all or nothing: the whole file is checked first,
and every problem is named by row and column as a spreadsheet shows them (the header is
row 1), because a half-imported file is worse than none. Cells that a spreadsheet would run
as a formula get a leading apostrophe on export (OWASP's CSV-injection advice), taken off
again on import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import TypeVar

from lib.domain.applications import application_uid_problem
from lib.domain.model import (
    EVIDENCE_COLUMNS,
    PREP_FIELDS,
    SCORE_COLUMNS,
    Dimension,
    Format,
    Interview,
    Outcome,
    Stage,
    ValidationError,
    parse_day,
    validate,
)
from lib.domain.steps import StepMark
from lib.domain.text import count_of
from lib.files.csv_columns import COLUMNS, LEGACY_SENT, TIME, read_header
from lib.files.csv_people import people_cell, read_people, read_sent_days, sent_cell, sent_marks
from lib.files.import_limits import MAX_ROWS, Problems, import_text, importable
from lib.store import Store

Entry = tuple[Interview, list[StepMark]]
T = TypeVar("T")  # what one cell reads as
TEXT_COLUMNS = frozenset(
    ("company", "role", "interviewers", "recruiter", "stated_timeframe", *EVIDENCE_COLUMNS.values(), "notes",
     "application", *PREP_FIELDS, "questions", "uid", "private")
)
FLAGS = {"": False, "0": False, "false": False, "1": True, "true": True}  # the booked column, any case
DATE_ONLY_TIME = time(9, 0)  # a date without a time means a 09:00 interview
DEFAULT_DURATION = 60  # an empty duration_min means an hour
DEFAULT_STAGE, DEFAULT_FORMAT = Stage.OTHER, Format.VIDEO  # an empty (or missing) stage or format
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_HINT = "write it as 2026-11-18 or 2026-11-18 14:30 (ISO 8601)"
TIME_OF_DAY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?", re.IGNORECASE)


# --- CSV out ----------------------------------------------------------------------------
def write_csv(interviews: Iterable[Interview], marks_by_id: Mapping[int, Sequence[StepMark]]) -> str:
    """The interviews as CSV text, oldest first, so the spreadsheet reads like a diary.

    Sorted by (date, id) whatever order they come in, so export, import, export gives
    the same text.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for interview in sorted(interviews, key=lambda i: (i.interview_at, i.id or 0)):
        writer.writerow(_csv_row(interview, marks_by_id.get(interview.id, ()) if interview.id else ()))
    return out.getvalue()


def _csv_row(interview: Interview, marks: Sequence[StepMark]) -> list[str]:
    cells = {
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage.value,
        "format": interview.format.value,
        "interview_at": interview.interview_at.isoformat(timespec="minutes"),
        "duration_min": str(interview.duration_min),
        "interviewers": people_cell(interview),
        "recruiter": interview.recruiter,
        "stated_timeframe": interview.stated_timeframe,
        "notes": interview.notes,
        "outcome": interview.outcome.value,
        "thank_you_sent": sent_cell(interview, marks),
        "application": interview.application,
        "booked": "1" if interview.booked else "0",
        "questions": interview.questions,
        "outcome_on": interview.outcome_on.isoformat() if interview.outcome_on else "",
        "uid": interview.uid,
        "private": " ".join(sorted(interview.private)),
    } | {name: getattr(interview, name) for name in PREP_FIELDS}
    for dimension in Dimension:
        score = interview.score(dimension)
        cells[SCORE_COLUMNS[dimension]] = "" if score is None else str(score)
        cells[EVIDENCE_COLUMNS[dimension]] = interview.evidence_for(dimension)
    return [neutralise(cells[c]) if c in TEXT_COLUMNS else cells[c] for c in COLUMNS]


def neutralise(text: str) -> str:
    """Prefix `'` to a cell a spreadsheet would run as a formula.

    Also to a cell already starting with apostrophes before such a character, so that
    `unneutralise` (which takes one apostrophe off) gives back exactly what was written.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unneutralise(text: str) -> str:
    """Undo `neutralise`: one leading `'` comes off a cell it protects."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


# --- CSV in -----------------------------------------------------------------------------
def read_csv(data: str | bytes, now: datetime, tz: tzinfo | None = None) -> list[Entry]:
    """Every row as a new, validated entry with its thank-you marks; or ValidationError for all of it.

    Errors are keyed "row 3, column skills_match" (or "file", "row 1" for the whole file).
    A date-time with an offset is converted to `tz`; without `tz` its wall-clock time is kept.
    """
    return [entry for _, entry in read_csv_rows(data, now, tz)]


def read_csv_rows(data: str | bytes, now: datetime, tz: tzinfo | None = None) -> list[tuple[int, Entry]]:
    """`read_csv` with the spreadsheet row number of each entry (the header is row 1; blank rows are skipped)."""
    return read_csv_file(data, now, tz).rows


@dataclass(frozen=True)
class CsvFile:
    """A CSV read whole: each entry with its spreadsheet row number, and the columns Debrief ignored."""

    rows: list[tuple[int, Entry]]
    ignored_columns: tuple[str, ...]


def read_csv_file(data: str | bytes, now: datetime, tz: tzinfo | None = None) -> CsvFile:
    """`read_csv_rows`, also naming the file's columns Debrief has no field for (ignored, see csv_columns)."""
    records = _records(_csv_text(data))
    if len(records) < 2:
        raise ValidationError("file", "has no interviews below the header row")
    body = [(number, cells) for number, cells in enumerate(records[1:], start=2) if any(c.strip() for c in cells)]
    if len(body) > MAX_ROWS:
        raise ValidationError("file", f"has {len(body):,} interviews; the limit is {MAX_ROWS:,} per file: split it")
    header = read_header(records[0], [cells for _, cells in body])
    problems = Problems()
    entries = []
    for number, cells in body:
        if len(cells) != header.width:
            problems.add(f"row {number}", f"has {count_of(len(cells), 'cell')} but the header has {header.width}: "
                                          "look for a stray comma or an unclosed quote")
            continue
        try:
            row = {name: unneutralise(cell) for name, cell in header.cells(cells).items()}
            entries.append((number, _entry(row, now, tz, header.legacy)))
        except ValidationError as error:
            for column, message in error.errors.items():
                problems.add(f"row {number}, column {column}", message)
    problems.raise_any()
    return CsvFile(entries, header.ignored)


def _csv_text(data: str | bytes) -> str:
    """The file as text (`import_text` decodes it), refused when no CSV could be: empty, UTF-16, not text."""
    text = import_text(data, hint=": save it as “CSV UTF-8” and retry")
    if not isinstance(data, bytes | bytearray):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate: text given as str, not read from bytes
            line = text.count("\n", 0, error.start) + 1
            problem = f"holds a character that is not text (a lone surrogate, line {line})"
            raise ValidationError("file", problem) from None
    if not text.strip():
        raise ValidationError("file", "is empty: export a CSV from Debrief to see the columns it expects")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ValidationError("file", f"contains a NUL character (line {line}): is it UTF-16, or not CSV at all?")
    return text


def _records(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        raise ValidationError("file", f"cannot be read as CSV near line {reader.line_num}: {error}") from None


def _entry(row: dict[str, str], now: datetime, tz: tzinfo | None, legacy: bool = False) -> Entry:
    """One row as a validated entry; ValidationError keyed by column for everything wrong in it."""
    errors: dict[str, str] = {}

    def cell(column: str, parse: Callable[[str], T], fallback: T) -> T:
        try:
            return parse(row[column].strip())
        except ValueError as error:
            errors[column] = str(error)
            return fallback

    people = read_people(row["interviewers"], legacy=legacy)
    when, start = cell("interview_at", lambda t: _moment(t, tz), now), cell(TIME, _time_of_day, None)
    if start is not None and "interview_at" not in errors:
        when = cell(TIME, lambda _: _at_time(when, row["interview_at"].strip(), start), when)
    interview = Interview(
        company=row["company"],
        role=row["role"],
        stage=cell("stage", lambda t: Stage.parse(t) if t else DEFAULT_STAGE, DEFAULT_STAGE),
        format=cell("format", lambda t: Format.parse(t) if t else DEFAULT_FORMAT, DEFAULT_FORMAT),
        interview_at=when,
        duration_min=cell("duration_min", _duration, DEFAULT_DURATION),
        interviewers=people,
        recruiter=row["recruiter"],
        stated_timeframe=row["stated_timeframe"],
        notes=row["notes"],
        scores={d: cell(c, _score, None) for d, c in SCORE_COLUMNS.items()},
        evidence={d: row[c] for d, c in EVIDENCE_COLUMNS.items()},
        outcome=cell("outcome", lambda t: Outcome.parse(t) if t else Outcome.PENDING, Outcome.PENDING),
        application=cell("application", _application, ""),  # empty: filed by company (any case) and role
        booked=cell("booked", _booked, False),
        prep_questions=row["prep_questions"],
        prep_stories=row["prep_stories"],
        prep_pitch=row["prep_pitch"],
        questions=row["questions"],
        outcome_on=cell("outcome_on", lambda t: parse_day(t, "outcome_on") if t else None, None),
        uid=row["uid"],
        private=frozenset(row["private"].split()),
    )
    days: list[date | None]
    if legacy:
        days = [cell(LEGACY_SENT, _sent_on, None)] * max(len(people), 1)
    else:
        days = cell("thank_you_sent", lambda t: read_sent_days(t, len(people), _sent_on), [])
    try:
        interview = validate(interview, now)
    except ValidationError as error:
        for field, message in error.errors.items():
            column, message = _column_and_message(field, message)
            errors.setdefault(column, message)
    if errors:
        raise ValidationError(errors)
    return interview, sent_marks(interview.interviewers, days)


def _moment(text: str, tz: tzinfo | None) -> datetime:
    if not text:
        raise ValueError(f"is required: {DATE_HINT}")
    try:
        return datetime.combine(date.fromisoformat(text), DATE_ONLY_TIME)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{_short(text)}” is not a date: {DATE_HINT}") from None
    return wall_clock(moment, tz)


def _time_of_day(text: str) -> time | None:
    """A time cell beside a date: "14:30", "9:05:00", "2:30 PM"; None when empty."""
    if not text:
        return None
    match = TIME_OF_DAY.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        hour, minute, second = (int(part or 0) for part in match.group(1, 2, 3))
        if match.group(4):  # a 12-hour clock: 12 AM is midnight, 12 PM noon
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + (12 if match.group(4).lower() == "p" else 0)
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"“{_short(text)}” is not a time: write it as 14:30") from None


def _at_time(moment: datetime, written: str, start: time) -> datetime:
    """The interview's date at the time cell's time; ValueError when interview_at named a different time."""
    if not _is_date_alone(written) and moment.time() != start:
        raise ValueError(f"interview_at already gives the time {moment:%H:%M}: leave one of them empty")
    return datetime.combine(moment.date(), start)


def _is_date_alone(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def wall_clock(moment: datetime, tz: tzinfo | None) -> datetime:
    """A naive local time, as the store keeps them: an aware moment is first moved into `tz`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(tz) if tz else moment
    return moment.replace(tzinfo=None)


def _duration(text: str) -> int:
    if not text:
        return DEFAULT_DURATION
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValueError(f"“{_short(text)}” is not a whole number of minutes")
    return int(text)


def _score(text: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"[1-5]", text):
        raise ValueError(f"“{_short(text)}” is not a score: use a whole number from 1 to 5, or leave it empty")
    return int(text)


def _application(text: str) -> str:
    if text and (problem := application_uid_problem(text)):
        raise ValueError(problem)
    return text


def _booked(text: str) -> bool:
    if text.casefold() not in FLAGS:
        raise ValueError(f"“{_short(text)}” is not 0 or 1: write 1 (or true) for an interview logged ahead "
                         "of time, 0 (or false, or nothing) otherwise")
    return FLAGS[text.casefold()]


def _sent_on(text: str) -> date | None:
    """A thank-you day, None for an empty cell: any day in DATE_RANGE, the JSON import's rule too."""
    try:
        return parse_day(text, "thank_you_sent") if text else None
    except ValidationError as error:
        raise ValueError(error.message) from None


def _column_and_message(field: str, message: str) -> tuple[str, str]:
    """Point a model error ("score.enthusiasm", "interviewers.1.name") at its CSV column."""
    head, _, rest = field.partition(".")
    if head == "score":
        return rest, message
    if head == "evidence":
        return EVIDENCE_COLUMNS[Dimension(rest)], message
    if head == "interviewers" and rest:
        index, _, part = rest.partition(".")
        return "interviewers", f"interviewer {int(index) + 1} ({part}) {message}"
    return head, message


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the whole store, for the Data page and the CLI -------------------------------------
def export_csv(store: Store) -> str:
    """Every interview as CSV; ValidationError when the file would be too big to import back."""
    interviews = store.interviews.find()
    text = write_csv(interviews, store.follow_up.marks_for(i.id for i in interviews if i.id is not None))
    return importable(text, len(interviews), "CSV")

