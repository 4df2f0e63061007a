"""Importing a CSV or JSON file: read it whole, show what would be added, then add only that.

A **duplicate** is an interview with the same company, role and date-time (to the minute;
company and role compared without regard to case or surrounding spaces). A file that repeats
an interview is refused, naming both places; an interview already in Debrief is shown in the
preview and skipped on import, so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from lib.domain.model import Interview, ValidationError
from lib.files.csv import Entry, read_csv_rows
from lib.files.json import read_json
from lib.store import Store

InterviewKey = tuple[str, str, str]


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do: `new` entries are added, `duplicates` skipped."""

    kind: str  # "CSV" or "JSON"
    new: list[Entry]
    duplicates: list[Entry]

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


def read_entries(data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> tuple[str, list[Entry]]:
    """Every entry of the file, checked whole (ValidationError names row and column, or record and field)."""
    kind = file_kind(data, file_name)
    if kind == "JSON":
        entries = read_json(data, now, tz)
        places = [(f"interviews[{n}]", "field") for n in range(len(entries))]
    else:
        numbered = read_csv_rows(data, now, tz)
        entries = [entry for _, entry in numbered]
        places = [(f"row {n}", "column") for n, _ in numbered]
    _refuse_repeats(entries, places)
    return kind, entries


def plan_import(store: Store, data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> ImportPlan:
    """Read the file and split it into new entries and those already in the database. Writes nothing."""
    return split_new(store, *read_entries(data, file_name, now, tz))


def split_new(store: Store, kind: str, entries: list[Entry]) -> ImportPlan:
    """Entries already read, split into new ones and those the database already holds."""
    existing = existing_keys(store)
    new: list[Entry] = []
    duplicates: list[Entry] = []
    for entry in entries:
        (duplicates if interview_key(entry[0]) in existing else new).append(entry)
    return ImportPlan(kind, new, duplicates)


def import_file(store: Store, data: bytes | str, file_name: str, now: datetime, tz: tzinfo | None = None) -> ImportPlan:
    """Read the file again and add the entries the database does not hold at the moment of writing.

    All of them land in one transaction, or none; the returned plan says what was added.
    """
    return add_new(store, *read_entries(data, file_name, now, tz))


def add_new(store: Store, kind: str, entries: list[Entry]) -> ImportPlan:
    """Add the entries not in the database yet, deciding which those are inside the write transaction.

    A preview may be stale by the time of the click (another tab imported the same file): what
    this returns is what happened, not what the preview said.
    """
    ids = store.interviews.import_new_entries(entries, identity) if entries else []
    new = [entry for entry, new_id in zip(entries, ids, strict=True) if new_id is not None]
    duplicates = [entry for entry, new_id in zip(entries, ids, strict=True) if new_id is None]
    return ImportPlan(kind, new, duplicates)


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

