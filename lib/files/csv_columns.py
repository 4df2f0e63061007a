"""The CSV's columns, and how a header row, exported or typed by hand, maps onto them.

Export writes every column of COLUMNS in that order, so a file round-trips byte for byte. Import
takes a header in any order, any case, with spaces for underscores ("Interview at"), and needs
only REQUIRED: a spreadsheet made by hand with company, role and date imports, and a column it
leaves out reads exactly as an empty cell of it would. A column Debrief has no field for is
ignored and named (the preview and the CLI say so), because refusing a whole file for a column
of the user's own, such as "source", helps nobody; a column that appears twice is refused,
because Debrief cannot know which of the two the user meant.

A new optional column is one more name in COLUMNS (and its cell in `csv.py`'s row and entry).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.domain.model import EVIDENCE_COLUMNS, PREP_FIELDS, SCORE_COLUMNS, ValidationError

COLUMNS = (
    "company", "role", "stage", "format", "interview_at", "duration_min", "interviewers", "recruiter",
    "stated_timeframe", *SCORE_COLUMNS.values(), *EVIDENCE_COLUMNS.values(), "notes", "outcome",
    "thank_you_sent",
    # appended, so the columns of a file from an earlier version keep their places
    "application", "booked", *PREP_FIELDS, "questions", "outcome_on", "uid", "private",
)
REQUIRED = ("company", "role", "interview_at")
TIME = "time"  # read, never written: a spreadsheet's separate time of day beside a date
LEGACY_SENT = "thank_you_sent_on"  # earlier versions: one date for every thank-you, names split at each ";"
LEGACY_COLUMNS = tuple(LEGACY_SENT if c == "thank_you_sent" else c for c in COLUMNS)
READ_ONLY = (TIME, LEGACY_SENT)
ALIASES = {"date": "interview_at"}  # a header a person may write -> the column it is
NEWER_FORMS = {LEGACY_SENT: "thank_you_sent"}
REQUIRED_WORDS = ("every file needs company, role and interview_at (the interview's date, or date and time; "
                  "a header “date” works too); every other column may be left out")


@dataclass(frozen=True)
class Header:
    """Where each known column is in the file's rows, and the file's columns Debrief ignores."""

    positions: dict[str, int]  # column name -> position in a row
    width: int  # cells in the header row
    ignored: tuple[str, ...]  # headers as written, or "column D (no header)" for an unnamed one holding text

    @property
    def legacy(self) -> bool:
        return LEGACY_SENT in self.positions

    def cells(self, row: Sequence[str]) -> dict[str, str]:
        """Every column Debrief reads -> its cell in `row`; "" for a column the file leaves out."""
        present = {name: row[position] for name, position in self.positions.items()}
        return {name: present.get(name, "") for name in (*COLUMNS, *READ_ONLY)}


def column_name(header: str) -> str:
    """ " Interview at" -> "interview_at", "Thank-you sent" -> "thank_you_sent"; "date" -> "interview_at"."""
    name = _spelled(header)
    return ALIASES.get(name, name)


def _trimmed(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip()


def _spelled(header: str) -> str:
    """A header as a column name would be written, before aliases: trimmed, lower case, `_` for spaces."""
    return re.sub(r"[\s-]+", "_", _trimmed(header).casefold())


def read_header(cells: Sequence[str], body: Sequence[Sequence[str]]) -> Header:
    """The header row as positions; ValidationError keyed "row 1…" for a required column missing or one repeated.

    `body` (the rows below) only decides whether an unnamed column holds anything worth naming.
    """
    known = frozenset((*COLUMNS, *READ_ONLY))
    positions: dict[str, int] = {}
    spelled: dict[str, str] = {}  # column name -> the header that named it, as a column name
    ignored: list[str] = []
    errors: dict[str, str] = {}
    for position, cell in enumerate(cells):
        header, name = _trimmed(cell), column_name(cell)
        if name not in known:
            if header or any(position < len(row) and row[position].strip() for row in body):
                ignored.append(header or f"column {column_letter(position)} (no header)")
        elif name in positions:
            first, again = spelled[name], _spelled(cell)
            errors[f"row 1, column {again}"] = ("appears more than once" if first == again
                                                else f"is the same column as {first}: keep one of them")
        else:
            positions[name], spelled[name] = position, _spelled(cell)
    for older, newer in NEWER_FORMS.items():
        if older in positions and newer in positions:
            errors[f"row 1, column {older}"] = f"is the older form of {newer}: keep one of them"
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        errors["row 1"] = f"is missing the column{'s' * (len(missing) > 1)} {', '.join(missing)}: {REQUIRED_WORDS}"
    if errors:
        raise ValidationError(errors)
    return Header(positions, len(cells), tuple(ignored))


def column_letter(position: int) -> str:
    """0 -> A, 26 -> AA: how a spreadsheet names a column without a header."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
