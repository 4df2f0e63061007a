"""The interviews as CSV, out and back in.

The CSV is for people: a spreadsheet they can read, fix and send back, with the same columns
in and out so a file round-trips. Import is all or nothing: the whole file is checked first,
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
from datetime import date, datetime, time, tzinfo
from typing import TypeVar

from lib.domain.model import (
    EVIDENCE_COLUMNS,
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
from lib.files.csv_people import people_cell, read_people, read_sent_days, sent_cell, sent_marks
from lib.files.import_limits import MAX_ROWS, Problems, import_text, importable
from lib.store import Store

Entry = tuple[Interview, list[StepMark]]
T = TypeVar("T")  # what one cell reads as
COLUMNS = (
    "company", "role", "stage", "format", "interview_at", "duration_min", "interviewers", "recruiter",
    "stated_timeframe", *SCORE_COLUMNS.values(), *EVIDENCE_COLUMNS.values(), "notes", "outcome",
    "thank_you_sent",
)
LEGACY_SENT = "thank_you_sent_on"  # earlier versions: one date for every thank-you, names split at each ";"
LEGACY_COLUMNS = tuple(LEGACY_SENT if c == "thank_you_sent" else c for c in COLUMNS)
TEXT_COLUMNS = frozenset(
    ("company", "role", "interviewers", "recruiter", "stated_timeframe", *EVIDENCE_COLUMNS.values(), "notes")
)
DATE_ONLY_TIME = time(9, 0)  # a date without a time means a 09:00 interview
DEFAULT_DURATION = 60  # an empty duration_min means an hour
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_HINT = "write it as 2026-11-18 or 2026-11-18 14:30 (ISO 8601)"


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
    }
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
    records = _records(_csv_text(data))
    if len(records) < 2:
        raise ValidationError("file", "has no interviews below the header row")
    positions = _header(records[0])
    legacy = LEGACY_SENT in positions
    body = [(number, cells) for number, cells in enumerate(records[1:], start=2) if any(c.strip() for c in cells)]
    if len(body) > MAX_ROWS:
        raise ValidationError("file", f"has {len(body):,} interviews; the limit is {MAX_ROWS:,} per file: split it")
    problems = Problems()
    entries = []
    for number, cells in body:
        if len(cells) != len(positions):
            problems.add(f"row {number}", f"has {len(cells)} cells but the header has {len(positions)}: "
                                          "look for a stray comma or an unclosed quote")
            continue
        try:
            row = {name: unneutralise(cells[i]) for name, i in positions.items()}
            entries.append((number, _entry(row, now, tz, legacy)))
        except ValidationError as error:
            for column, message in error.errors.items():
                problems.add(f"row {number}, column {column}", message)
    problems.raise_any()
    return entries


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


def _header(cells: list[str]) -> dict[str, int]:
    """Column name -> position. Names are matched trimmed and in any case, in any order."""
    names = [c.strip().lower() for c in cells]
    expected = LEGACY_COLUMNS if LEGACY_SENT in names and "thank_you_sent" not in names else COLUMNS
    errors = {}
    for position, name in enumerate(names):
        where = f"row 1, column {name or _column_letter(position)}"
        if name not in expected:
            errors[where] = f"“{cells[position].strip()}” is not a Debrief column" if name else "has no name"
        elif names.index(name) != position:
            errors[where] = "appears more than once"
    missing = [c for c in expected if c not in names]
    if missing:
        errors["row 1"] = f"is missing the column{'s' * (len(missing) > 1)} {', '.join(missing)}"
    if errors:
        errors["columns"] = "expected, in this order: " + ", ".join(COLUMNS)
        raise ValidationError(errors)
    return {name: position for position, name in enumerate(names)}


def _column_letter(position: int) -> str:
    """0 -> A, 26 -> AA: how a spreadsheet names a column without a header."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
    interview = Interview(
        company=row["company"],
        role=row["role"],
        stage=cell("stage", _required(Stage.parse), Stage.OTHER),
        format=cell("format", _required(Format.parse), Format.VIDEO),
        interview_at=cell("interview_at", lambda t: _moment(t, tz), now),
        duration_min=cell("duration_min", _duration, DEFAULT_DURATION),
        interviewers=people,
        recruiter=row["recruiter"],
        stated_timeframe=row["stated_timeframe"],
        notes=row["notes"],
        scores={d: cell(c, _score, None) for d, c in SCORE_COLUMNS.items()},
        evidence={d: row[c] for d, c in EVIDENCE_COLUMNS.items()},
        outcome=cell("outcome", lambda t: Outcome.parse(t) if t else Outcome.PENDING, Outcome.PENDING),
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


def _required(parse: Callable[[str], T]) -> Callable[[str], T]:
    def parse_required(text: str) -> T:
        if not text:
            raise ValueError("is required")
        return parse(text)

    return parse_required


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
    return ("outcome" if head == "outcome_on" else head), message


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the whole store, for the Data page and the CLI -------------------------------------
def export_csv(store: Store) -> str:
    """Every interview as CSV; ValidationError when the file would be too big to import back."""
    interviews = store.interviews.find()
    text = write_csv(interviews, store.follow_up.marks_for(i.id for i in interviews if i.id is not None))
    return importable(text, len(interviews), "CSV")

