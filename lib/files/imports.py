"""Importing a CSV or JSON file: read it whole, show what would be added, then add only that.

A **duplicate** is an interview with the same company, role and date-time (to the minute;
company and role compared without regard to case or surrounding spaces). A file that repeats
an interview is refused, naming both places; an interview already in Debrief is shown in the
preview and skipped on import, so importing the same file twice adds nothing the second time.
A CSV's columns Debrief has no field for are ignored, and the preview and the CLI name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from lib.domain.model import Interview, ValidationError
from lib.domain.text import count_of
from lib.files.csv import Entry, read_csv_file
from lib.files.json import read_json
from lib.files.review_reply import is_reply
from lib.store import Store

InterviewKey = tuple[str, str, str]
# A mentor's reply brought to the Data page's import instead of Coaching's.
REPLY_ELSEWHERE = ("is a mentor's reply to a review packet, not an export of interviews: import it on Coaching, "
                   "under “Import a mentor's review” (or with `debrief import`)")
NAMED_IGNORED = 10  # ignored columns named in a message before "and N more"


@dataclass(frozen=True)
class ImportFile:
    """A file read whole and checked: its kind ("CSV" or "JSON"), its entries, the columns it ignored."""

    kind: str
    entries: list[Entry]
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do: `new` entries are added, `duplicates` skipped."""

    kind: str  # "CSV" or "JSON"
    new: list[Entry]
    duplicates: list[Entry]
    ignored_columns: tuple[str, ...] = ()  # a CSV's headers Debrief has no field for

    def preview_words(self) -> str:
        """ "2 new interviews to add, 1 already in Debrief (skipped)." """
        known = f", {len(self.duplicates):,} already in Debrief (skipped)" if self.duplicates else ""
        return f"{count_of(len(self.new), 'new interview')} to add{known}."

    def ignored_words(self) -> str | None:
        """ "Ignored the columns Source, Mood: Debrief has no field for them." or None (user text: escape it)."""
        return ignored_words(self.ignored_columns)

    def preview_rows(self) -> list[dict[str, str]]:
        """One row per interview in the file, for the preview table, in file order."""
        rows = [(entry, "new") for entry in self.new] + [(entry, "already in Debrief") for entry in self.duplicates]
        rows.sort(key=lambda pair: (pair[0][0].interview_at, pair[0][0].company))
        return [
            {
                "When": interview.interview_at.strftime("%Y-%m-%d %H:%M"),
                "Company": interview.company,
                "Role": interview.role,
                "Stage": interview.stage.label,
                "Import": status,
            }
            for (interview, _), status in rows
        ]


def interview_key(interview: Interview) -> InterviewKey:
    """What makes two entries the same interview: company, role and date-time to the minute."""
    return identity(interview.company, interview.role, interview.interview_at.isoformat(timespec="minutes"))


def identity(company: str, role: str, interview_at: str) -> InterviewKey:
    """`interview_key` of stored text: `interview_at` is ISO 8601, compared to the minute."""
    return (company.strip().casefold(), role.strip().casefold(), interview_at[:16])


def file_kind(data: bytes | str, file_name: str = "") -> str:
    """"JSON" for a .json name or a body that starts like JSON; otherwise "CSV"."""
    name = file_name.lower()
    if name.endswith(".json"):
        return "JSON"
    if name.endswith(".csv"):
        return "CSV"
    # Only a sniff: invalid bytes are dropped here, so a UTF-16 JSON body still reads as JSON and its
    # reader then names the real problem; decoding the upload is import_limits.import_text's job.
    start = bytes(data[:64]).decode("utf-8", "ignore") if isinstance(data, bytes | bytearray) else data[:64]
    return "JSON" if start.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "CSV"


def ignored_words(columns: tuple[str, ...]) -> str | None:
    """The sentence that names a file's ignored columns (the first NAMED_IGNORED, then how many more)."""
    if not columns:
        return None
    names = ", ".join(_short(c) for c in columns[:NAMED_IGNORED])
    more = f" and {len(columns) - NAMED_IGNORED:,} more" if len(columns) > NAMED_IGNORED else ""
    one = len(columns) == 1
    return f"Ignored the column{'' if one else 's'} {names}{more}: Debrief has no field for {'it' if one else 'them'}."


def read_entries(data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> ImportFile:
    """Every entry of the file, checked whole (ValidationError names row and column, or record and field)."""
    kind = file_kind(data, file_name)
    ignored: tuple[str, ...] = ()
    if kind == "JSON" and is_reply(data):
        raise ValidationError("file", REPLY_ELSEWHERE)
    if kind == "JSON":
        entries = read_json(data, now, tz)
        places = [(f"interviews[{n}]", "field") for n in range(len(entries))]
    else:
        read = read_csv_file(data, now, tz)
        entries = [entry for _, entry in read.rows]
        places = [(f"row {n}", "column") for n, _ in read.rows]
        ignored = read.ignored_columns
    _refuse_repeats(entries, places)
    return ImportFile(kind, entries, ignored)


def plan_import(store: Store, data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> ImportPlan:
    """Read the file and split it into new entries and those already in the database. Writes nothing."""
    return split_new(store, read_entries(data, file_name, now, tz))


def split_new(store: Store, file: ImportFile) -> ImportPlan:
    """Entries already read, split into new ones and those the database already holds."""
    existing = existing_keys(store)
    new: list[Entry] = []
    duplicates: list[Entry] = []
    for entry in file.entries:
        (duplicates if interview_key(entry[0]) in existing else new).append(entry)
    return ImportPlan(file.kind, new, duplicates, file.ignored_columns)


def import_file(store: Store, data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> ImportPlan:
    """Read the file again and add the entries the database does not hold at the moment of writing.

    All of them land in one transaction, or none; the returned plan says what was added.
    """
    return add_new(store, read_entries(data, file_name, now, tz))


def add_new(store: Store, file: ImportFile) -> ImportPlan:
    """Add the entries not in the database yet, deciding which those are inside the write transaction.

    A preview may be stale by the time of the click (another tab imported the same file): what
    this returns is what happened, not what the preview said.
    """
    entries = file.entries
    ids = store.interviews.import_new_entries(entries, identity) if entries else []
    new = [entry for entry, new_id in zip(entries, ids, strict=True) if new_id is not None]
    duplicates = [entry for entry, new_id in zip(entries, ids, strict=True) if new_id is None]
    return ImportPlan(file.kind, new, duplicates, file.ignored_columns)


def existing_keys(store: Store) -> set[InterviewKey]:
    return {identity(c, r, at) for c, r, at in store.interviews.identities()}


def _refuse_repeats(entries: list[Entry], places: list[tuple[str, str]]) -> None:
    first: dict[InterviewKey, str] = {}
    errors: dict[str, str] = {}
    for (interview, _), (place, noun) in zip(entries, places, strict=True):
        key = interview_key(interview)
        if key in first:
            errors[f"{place}, {noun} interview_at"] = (
                f"repeats {first[key]}: the same company, role and date-time. Remove one of them"
            )
        else:
            first[key] = place
    if errors:
        raise ValidationError(errors)



def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
