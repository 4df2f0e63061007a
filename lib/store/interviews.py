"""The interviews group: saving, reading and filtering entries with their interviewers.

`store.interviews.save(interview, now=now)` validates with the domain's own rules before it writes, so
the Log page and the CLI get the same `ValidationError` and nothing is written. The bulk
imports (`import_entries`, `import_new_entries`) take entries the file readers already checked.
The Trends page's narrow frames (`score_rows`, `evidence_rows`) read only the columns it uses,
filtered in SQL, so 100,000 entries stay a few megabytes; pandas is imported inside them, not at
the top, to keep the CLI quick to start.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from lib.domain.model import EVIDENCE_COLUMNS, SCORE_COLUMNS, Dimension, Interview, Outcome, Stage, validate
from lib.domain.steps import StepMark
from lib.store.applications import ApplicationFiling
from lib.store.db import DatabaseFile, insert_row, never_cached, stamp
from lib.store.interview_rows import (
    INTERVIEW_SELECT,
    UNSAVED_THANK_YOU,
    interview_from,
    interview_row,
    interviewers_by_interview,
    person_ids,
    put_mark,
    save_interviewers,
    saved_thank_you_key,
)
from lib.store.settings import drop_form_draft
from lib.store.statements import chunks, in_clause

__all__ = ["InterviewFilter", "Interviews", "interview_from"]


@dataclass(frozen=True)
class InterviewFilter:
    """What the Interviews page narrows the list by; empty means everything."""

    companies: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    text: str = ""


class Interviews:
    """The interviews and their interviewers (`store.interviews`)."""

    def __init__(self, db: DatabaseFile) -> None:
        self._db = db

    @never_cached
    def save(self, interview: Interview, submit_token: str | None = None, *, now: datetime,
             discard_draft: str | None = None) -> int:
        """Insert or update one interview with its interviewers; returns its id.

        The interview is first checked by `lib.domain.model.validate`, with `now` what "a year
        away" is measured from: an invalid one raises ValidationError and nothing is written, and
        what is saved is the tidied interview. A repeated `submit_token` (a double click on Save)
        returns the first entry's id. `discard_draft` names the form's autosaved draft, deleted in
        the same transaction as the save.
        """
        clean = validate(interview, now)
        with self._db.write() as db:
            saved_id = self._save(db, clean, submit_token, ApplicationFiling(db))
            if discard_draft is not None:
                drop_form_draft(db, discard_draft)
            return saved_id

    def _save(self, db: Database, interview: Interview, submit_token: str | None, filing: ApplicationFiling) -> int:
        if submit_token and interview.id is None:  # a repeated "create" only; edits always apply
            seen = db.execute("SELECT id FROM interviews WHERE submit_token = ?", [submit_token]).fetchone()
            if seen:
                return int(seen[0])
        row = interview_row(interview) | {"application_id": filing.application_id(interview)}
        written_at = stamp()
        if interview.id is None:
            row |= {"uid": _free_uid(db, interview.uid), "submit_token": submit_token,
                    "created_at": written_at, "updated_at": written_at}
            interview_id = insert_row(db, "interviews", row)
        else:
            interview_id = interview.id
            cursor = db.execute(
                f"UPDATE interviews SET {', '.join(f'{k} = ?' for k in row)}, updated_at = ? WHERE id = ?",
                [*row.values(), written_at, interview_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"interview {interview_id} no longer exists")
        save_interviewers(db, interview_id, interview.interviewers)
        return interview_id

    def get(self, interview_id: int) -> Interview | None:
        with self._db.connect() as db:
            rows = list(db.query(f"{INTERVIEW_SELECT} WHERE id = ?", [interview_id]))
            if not rows:
                return None
            people = interviewers_by_interview(db, [interview_id])
            return interview_from(rows[0], people.get(interview_id, ()))

    def find(
        self, where: InterviewFilter = InterviewFilter(), limit: int | None = None, offset: int = 0
    ) -> list[Interview]:
        """Newest first, narrowed by `where`; paged so a long history stays quick."""
        sql, params = _filter_sql(where)
        sql = f"{INTERVIEW_SELECT} WHERE {sql} ORDER BY interview_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        with self._db.connect() as db:
            rows = list(db.query(sql, params))
            people = interviewers_by_interview(db, [r["id"] for r in rows])
            return [interview_from(r, people.get(r["id"], ())) for r in rows]

    def count(self, where: InterviewFilter = InterviewFilter(), demo: bool | None = None) -> int:
        """How many entries `where` keeps; only the demo ones (or only the user's own) with `demo`."""
        sql, params = _filter_sql(where)
        if demo is not None:
            sql += " AND is_demo = ?"
            params.append(int(demo))
        with self._db.connect() as db:
            return int(db.execute(f"SELECT COUNT(*) FROM interviews WHERE {sql}", params).fetchone()[0])

    def score_averages(self, latest: int | None = None) -> dict[Dimension, tuple[float | None, int]]:
        """Mean and count of each dimension (unscored skipped), over all or the `latest` debriefed interviews."""
        source = "(SELECT * FROM interviews WHERE booked = 0)"  # one logged ahead has no scores yet
        params: list = []
        if latest is not None:
            source = "(SELECT * FROM interviews WHERE booked = 0 ORDER BY interview_at DESC, id DESC LIMIT ?)"
            params.append(latest)
        columns = ", ".join(f"AVG({c}), COUNT({c})" for c in SCORE_COLUMNS.values())
        with self._db.connect() as db:
            row = db.execute(f"SELECT {columns} FROM {source}", params).fetchone()
        return {d: (row[2 * n], row[2 * n + 1]) for n, d in enumerate(Dimension)}

    def companies(self) -> list[str]:
        """Every company named, once, in alphabetical order (any case)."""
        with self._db.connect() as db:
            rows = db.execute("SELECT DISTINCT company FROM interviews ORDER BY company COLLATE NOCASE")
            return [r[0] for r in rows]

    def identities(self) -> list[tuple[str, str, str]]:
        """(company, role, interview_at) of every entry: what an import compares to spot duplicates."""
        with self._db.connect() as db:
            return [tuple(r) for r in db.execute("SELECT company, role, interview_at FROM interviews")]

    def booked(self) -> list[Interview]:
        """Interviews logged ahead and not debriefed yet, soonest first: Today's "coming up" and
        "score it while it is fresh" (a handful, so a partial index keeps this instant at any size)."""
        return self._where(f"{INTERVIEW_SELECT} WHERE booked = 1 ORDER BY interview_at, id", [])

    def open(self) -> list[Interview]:
        """Entries whose follow-up may still need something: outcome pending."""
        return self.find(InterviewFilter(outcomes=(Outcome.PENDING,)))

    @never_cached
    def set_outcome(self, interview_id: int, outcome: Outcome, on: date | None) -> None:
        """The interview's outcome, and the day it came (None while pending)."""
        with self._db.write() as db:
            db.execute(  # an outcome is a debrief: a booked round no longer waits for its scores
                "UPDATE interviews SET outcome = ?, outcome_on = ?, booked = booked * (? = 'pending'), "
                "updated_at = ? WHERE id = ?",
                [outcome.value, on.isoformat() if on else None, outcome.value, stamp(), interview_id],
            )

    @never_cached
    def delete(self, interview_id: int) -> None:
        """The entry with its interviewers, marks, snoozes and mentor reviews."""
        with self._db.write() as db:
            db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])

    @never_cached
    def delete_demo(self) -> int:
        """Remove the bundled demo entries, never the user's own; returns how many went."""
        with self._db.write() as db:
            return db.execute("DELETE FROM interviews WHERE is_demo = 1").rowcount

    @never_cached
    def import_entries(
        self, entries: Iterable[tuple[Interview, Sequence[StepMark]]], *, if_no_demo: bool = False
    ) -> list[int]:
        """Save new entries and their marks in one transaction: all of them land, or none.

        Positional thank-you marks are stored under the person's new row id. With `if_no_demo`,
        nothing is saved when demo entries exist; the check runs inside the transaction, so a
        double click cannot load the demo twice.
        """
        with self._db.write() as db:
            if if_no_demo and db.execute("SELECT 1 FROM interviews WHERE is_demo = 1 LIMIT 1").fetchone():
                return []
            filing = ApplicationFiling(db, bulk=True)
            return [self._insert_entry(db, interview, marks, filing) for interview, marks in entries]

    @never_cached
    def import_new_entries(
        self, entries: Sequence[tuple[Interview, Sequence[StepMark]]], identity: Callable[[str, str, str], Hashable]
    ) -> list[int | None]:
        """Save the entries the database does not hold yet; per entry its new id, or None if it was there.

        `identity(company, role, interview_at)` says which entries are the same interview. The
        stored identities are read inside the write transaction, so two imports of one file at
        once (two tabs, two terminals) add it once: the second waits, then finds every entry.
        """
        with self._db.write() as db:
            rows = db.execute("SELECT company, role, interview_at FROM interviews")
            known = {identity(*row) for row in rows}
            filing = ApplicationFiling(db, bulk=True)
            ids: list[int | None] = []
            for interview, marks in entries:
                key = identity(interview.company, interview.role, interview.interview_at.isoformat(timespec="minutes"))
                ids.append(None if key in known else self._insert_entry(db, interview, marks, filing))
                known.add(key)
            return ids

    def _insert_entry(
        self, db: Database, interview: Interview, marks: Sequence[StepMark], filing: ApplicationFiling
    ) -> int:
        if interview.id is not None:
            raise ValueError("only new entries can be imported; this one has an id")
        new_id = self._save(db, interview, None, filing)
        people: list[int] = []
        for mark in marks:
            if mark.step_key.startswith(UNSAVED_THANK_YOU):
                people = people or person_ids(db, new_id)
                mark = StepMark(saved_thank_you_key(mark.step_key, people), mark.status, mark.on)
            put_mark(db, new_id, mark)
        return new_id

    def score_rows(
        self,
        start: date | None = None,
        end: date | None = None,
        companies: Sequence[str] = (),
        stages: Sequence[str] = (),
        formats: Sequence[str] = (),
        outcomes: Sequence[str] = (),
    ):
        """One row per debriefed interview from `start` to `end` (inclusive), oldest first, as a DataFrame.

        Columns: id, interview_at, company, role, stage, format, outcome and one float column per
        dimension (`skills_match`, ...) where "not sure yet" stays missing (NaN), never 0.
        """
        import pandas as pd

        clauses, params = ["booked = 0"], []  # one logged ahead has no scores until it is debriefed
        if start is not None:
            clauses.append("interview_at >= ?")
            params.append(start.isoformat())
        if end is not None:
            clauses.append("interview_at < ?")
            params.append(_after_the_day(end))
        for column, values in (("company", companies), ("stage", stages), ("format", formats), ("outcome", outcomes)):
            if values:
                clauses.append(f"{column} IN {in_clause(values)}")
                params += [str(getattr(v, "value", v)) for v in values]
        scores = ", ".join(SCORE_COLUMNS.values())
        sql = (
            f"SELECT id, interview_at, company, role, stage, format, outcome, {scores} FROM interviews "
            f"WHERE {' AND '.join(clauses)} ORDER BY interview_at, id"
        )
        with self._db.connect() as db:
            frame = pd.read_sql_query(sql, db.conn, params=params)
        frame["interview_at"] = pd.to_datetime(frame["interview_at"], format="ISO8601")
        return frame.astype({column: "float64" for column in SCORE_COLUMNS.values()})

    def evidence_rows(self, interview_ids: Iterable[int]):
        """The evidence notes of the given interviews: id and one text column per dimension."""
        import pandas as pd

        ids = list(interview_ids)
        columns = ["id", *EVIDENCE_COLUMNS.values()]
        frames = []
        with self._db.connect() as db:
            for chunk in chunks(ids):
                sql = f"SELECT {', '.join(columns)} FROM interviews WHERE id IN {in_clause(chunk)}"
                frames.append(pd.read_sql_query(sql, db.conn, params=chunk))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    def between(self, start: date, end: date, limit: int | None = None) -> list[Interview]:
        """Interviews from `start` to `end` inclusive, newest first."""
        sql = f"{INTERVIEW_SELECT} WHERE interview_at >= ? AND interview_at < ? "
        sql += "ORDER BY interview_at DESC, id DESC"
        params: list = [start.isoformat(), _after_the_day(end)]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._where(sql, params)

    def with_ids(self, ids: Sequence[int]) -> list[Interview]:
        """The interviews of `ids` that still exist, in the order given."""
        found: dict[int, Interview] = {}
        for chunk in chunks(list(ids)):
            sql = f"{INTERVIEW_SELECT} WHERE id IN {in_clause(chunk)}"
            found |= {i.saved_id: i for i in self._where(sql, chunk)}
        return [found[i] for i in ids if i in found]

    def _where(self, sql: str, params: list) -> list[Interview]:
        with self._db.connect() as db:
            rows = list(db.query(sql, params))
            people = interviewers_by_interview(db, [r["id"] for r in rows])
        return [interview_from(r, people.get(r["id"], ())) for r in rows]


def new_uid() -> str:
    return f"iv-{secrets.token_hex(8)}"


def _free_uid(db: Database, wanted: str) -> str:
    """The uid a new row keeps: the one it brings (an imported entry), unless that is taken or empty."""
    if wanted and not db.execute("SELECT 1 FROM interviews WHERE uid = ?", [wanted]).fetchone():
        return wanted
    return new_uid()


def _after_the_day(day: date) -> str:
    """The bound for `interview_at < ?` that keeps every time on `day`: the next day's date.

    On 9999-12-31 (a row an older version let in) there is no next day: "9999-12-31T99"
    sorts after every time of that day instead.
    """
    return (day + timedelta(days=1)).isoformat() if day < date.max else f"{day.isoformat()}T99"


def _filter_sql(where: InterviewFilter) -> tuple[str, list]:
    """The WHERE clause and its parameters; the text search looks through every written field and the people."""
    clauses, params = ["1 = 1"], []
    for column, values in (
        ("company", where.companies),
        ("stage", [s.value for s in where.stages]),
        ("outcome", [o.value for o in where.outcomes]),
    ):
        if values:
            clauses.append(f"{column} IN {in_clause(values)}")
            params += list(values)
    if where.text.strip():
        like = "%" + where.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        searched = ["company", "role", "notes", "questions", "recruiter", *EVIDENCE_COLUMNS.values()]
        people = "id IN (SELECT interview_id FROM interviewers WHERE name LIKE ? ESCAPE '\\')"
        clauses.append("(" + " OR ".join([f"{c} LIKE ? ESCAPE '\\'" for c in searched] + [people]) + ")")
        params += [like] * (len(searched) + 1)
    return " AND ".join(clauses), params
