"""The follow-up group: step marks and snoozes, the timeline's batches and fingerprints, calendar sequences.

What `lib.domain.followup` needs to draw each interview's timeline: the marks (done, skipped),
the snoozes (moved to a later day), and the interviews' own columns, read in batches so walking
100,000 entries never holds them all in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

from sqlite_utils import Database

from lib.domain.discipline import FollowUpRows
from lib.domain.model import EVIDENCE_COLUMNS, SCORE_COLUMNS, Interview, Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.store.db import DatabaseFile, immediate, never_cached, stamp
from lib.store.interview_rows import FOLLOW_UP_COLUMNS, interview_from, interviewers_by_interview, put_mark
from lib.store.statements import MAX_VARIABLES, chunks, in_clause


class FollowUp:
    """Step marks, snoozes and calendar event sequences (`store.follow_up`)."""

    def __init__(self, db: DatabaseFile) -> None:
        self._db = db

    @never_cached
    def mark(self, interview_id: int, mark: StepMark) -> None:
        """Done or skipped on a day; a new mark of the same step replaces the old one."""
        with self._db.write(scores=False) as db:
            put_mark(db, interview_id, mark)

    @never_cached
    def mark_unmarked(self, interview_id: int, marks: Iterable[StepMark]) -> tuple[list[StepMark], str]:
        """Marks for the steps that have none yet, in one write ("all thank-you notes sent"); a step
        marked meanwhile (in another tab, say) keeps its own mark. Returns the marks written and
        their stamp, which `unmark_unchanged` asks for."""
        written, marked_at = [], stamp()
        with self._db.write(scores=False) as db:
            for mark in marks:
                if mark.status not in (StepStatus.DONE, StepStatus.SKIPPED):
                    raise ValueError("a step can only be marked done or skipped")
                cursor = db.execute(
                    "INSERT INTO step_marks (interview_id, step_key, status, on_date, marked_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (interview_id, step_key) DO NOTHING",
                    [interview_id, mark.step_key, mark.status.value, mark.on.isoformat(), marked_at],
                )
                if cursor.rowcount:
                    written.append(mark)
        return written, marked_at

    @never_cached
    def unmark(self, interview_id: int, step_key: str) -> None:
        with self._db.write(scores=False) as db:
            db.execute("DELETE FROM step_marks WHERE interview_id = ? AND step_key = ?", [interview_id, step_key])

    @never_cached
    def unmark_unchanged(self, interview_id: int, marks: Iterable[StepMark], marked_at: str) -> int:
        """The undo of `mark_unmarked`: each mark goes only while it is still exactly as written (its
        stamp too), so a step skipped, re-dated or made anew since keeps what the user did later
        (an id a deleted interview had is reused by the next one). Returns how many went."""
        removed = 0
        with self._db.write(scores=False) as db:
            for mark in marks:
                removed += db.execute(
                    "DELETE FROM step_marks WHERE interview_id = ? AND step_key = ? AND status = ? AND on_date = ? "
                    "AND marked_at = ?",
                    [interview_id, mark.step_key, mark.status.value, mark.on.isoformat(), marked_at],
                ).rowcount
        return removed

    def marks_for(self, interview_ids: Iterable[int]) -> dict[int, list[StepMark]]:
        """Each interview's marks (an empty list for one without any)."""
        ids = list(interview_ids)
        marks: dict[int, list[StepMark]] = {i: [] for i in ids}
        with self._db.connect() as db:
            for chunk in chunks(ids):
                rows = db.execute(
                    "SELECT interview_id, step_key, status, on_date FROM step_marks "
                    f"WHERE interview_id IN {in_clause(chunk)}",
                    chunk,
                )
                for interview_id, key, status, on in rows:
                    marks[interview_id].append(StepMark(key, StepStatus(status), date.fromisoformat(on)))
        return marks

    @never_cached
    def snooze(self, interview_id: int, snooze: StepSnooze) -> None:
        """Move a step to a later day (one snooze per step: a new one replaces it)."""
        with self._db.write(scores=False) as db:
            db.execute(
                "INSERT INTO step_snoozes (interview_id, step_key, until, reason, snoozed_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (interview_id, step_key) DO UPDATE SET until = excluded.until, "
                "reason = excluded.reason, snoozed_at = excluded.snoozed_at",
                [interview_id, snooze.step_key, snooze.until.isoformat(), snooze.reason, stamp()],
            )

    @never_cached
    def unsnooze(self, interview_id: int, step_key: str) -> None:
        with self._db.write(scores=False) as db:
            db.execute("DELETE FROM step_snoozes WHERE interview_id = ? AND step_key = ?", [interview_id, step_key])

    def snoozes_for(self, interview_ids: Iterable[int]) -> dict[int, list[StepSnooze]]:
        """Each interview's snoozes (an empty list for one without any)."""
        ids = list(interview_ids)
        snoozes: dict[int, list[StepSnooze]] = {i: [] for i in ids}
        with self._db.connect() as db:
            for chunk in chunks(ids):
                rows = db.execute(
                    "SELECT interview_id, step_key, until, reason FROM step_snoozes "
                    f"WHERE interview_id IN {in_clause(chunk)}",
                    chunk,
                )
                for interview_id, key, until, reason in rows:
                    snoozes[interview_id].append(StepSnooze(key, date.fromisoformat(until), reason))
        return snoozes

    @never_cached
    def exported_event_uids(self) -> set[str]:
        """Every calendar event UID ever exported from this database."""
        with self._db.connect() as db:
            return {row[0] for row in db.execute("SELECT uid FROM calendar_events")}

    @never_cached
    def calendar_sequences(self, fingerprints: Mapping[str, str]) -> dict[str, int]:
        """UID -> SEQUENCE for events about to be exported; bumped only for events whose content changed.

        The first export of an event is SEQUENCE 0. Bookkeeping, not user data: it does not bump the data
        version. A database that cannot be written (read-only, busy) still gets correct numbers, unsaved.
        """
        if not fingerprints:
            return {}
        try:
            with self._db.connect() as db, immediate(db):
                return _next_sequences(db, fingerprints, save=True)
        except sqlite3.OperationalError:
            with self._db.connect() as db:
                return _next_sequences(db, fingerprints, save=False)

    def batches(
        self, batch_size: int = 2_000, only: Iterable[int] | None = None
    ) -> Iterator[list[tuple[Interview, list[StepMark], list[StepSnooze]]]]:
        """Every interview (or those in `only`) with its step marks and snoozes, in batches,
        carrying only what the timeline needs.

        Notes, questions, scores and evidence are left out (empty), so walking 100,000 entries
        never holds more than one batch of full objects in memory.
        """
        blanks = ", ".join(
            ["'' AS questions", "'' AS notes"]
            + [f"NULL AS {c}" for c in SCORE_COLUMNS.values()]
            + [f"'' AS {c}" for c in EVIDENCE_COLUMNS.values()]
        )
        select = f"SELECT {', '.join(FOLLOW_UP_COLUMNS)}, {blanks} FROM interviews "
        if only is not None:
            for chunk in chunks(sorted(set(only)), min(batch_size, MAX_VARIABLES)):
                rows = self._rows(select + f"WHERE id IN {in_clause(chunk)} ORDER BY id", chunk)
                if rows:
                    yield self._with_marks(rows)
            return
        last_id = 0
        while rows := self._rows(select + "WHERE id > ? ORDER BY id LIMIT ?", [last_id, batch_size]):
            yield self._with_marks(rows)
            last_id = rows[-1]["id"]

    def discipline_batches(
        self, only: Iterable[int] | None = None, batch_size: int = 20_000
    ) -> Iterator[FollowUpRows]:
        """Every interview (or those in `only`) as the plain rows the discipline facts read, in batches:
        six columns, its people's row ids, its thank-you and check-in marks and its check-in snooze.

        Tuples from SQL, no `Interview` objects: at 100,000 entries well under a second, where
        `batches` takes several.
        """
        ids = None if only is None else sorted(set(only))
        with self._db.connect() as db:
            if ids is None:
                last_id = 0
                while rows := db.execute(_RECORD_SELECT + "WHERE id > ? ORDER BY id LIMIT ?",
                                         [last_id, batch_size]).fetchall():
                    yield _records(db, rows, "BETWEEN ? AND ?", [rows[0][0], rows[-1][0]])
                    last_id = rows[-1][0]
                return
            for chunk in chunks(ids, MAX_VARIABLES):
                rows = db.execute(_RECORD_SELECT + f"WHERE id IN {in_clause(chunk)} ORDER BY id", chunk).fetchall()
                if rows:
                    yield _records(db, rows, f"IN {in_clause(chunk)}", chunk)

    def _rows(self, sql: str, params: list) -> list[dict]:
        with self._db.connect() as db:
            return list(db.query(sql, params))

    def _with_marks(self, rows: list[dict]) -> list[tuple[Interview, list[StepMark], list[StepSnooze]]]:
        ids = [r["id"] for r in rows]
        with self._db.connect() as db:
            people = interviewers_by_interview(db, ids)
        marks, snoozes = self.marks_for(ids), self.snoozes_for(ids)
        return [(interview_from(r, people.get(r["id"], ())), marks[r["id"]], snoozes[r["id"]]) for r in rows]

    def fingerprints(self) -> dict[int, str]:
        """Per interview, one string that changes whenever anything its discipline facts read changes
        (the columns, people, marks and snooze of `discipline_batches`), and with nothing else.

        Lets the follow-up discipline chart redo only the interviews a write touched. It reads only
        those columns (no names, no notes, no other steps' marks): half the time of a fingerprint
        of every column, about 0.4 s at 100,000 entries.
        """
        sql = f"""
            SELECT i.id, i.interview_at || '|' || i.duration_min || '|' || coalesce(i.stated_timeframe, '') || '|'
                   || i.outcome || '|' || coalesce(i.outcome_on, '') || '|' || coalesce(p.sig, '') || '|'
                   || coalesce(m.sig, '') || '|' || coalesce(s.until, '')
            FROM interviews AS i
            LEFT JOIN (SELECT interview_id, group_concat(id) AS sig FROM interviewers GROUP BY interview_id) AS p
                   ON p.interview_id = i.id
            LEFT JOIN (SELECT interview_id, group_concat(step_key || ':' || status || ':' || on_date) AS sig
                       FROM step_marks WHERE {_FACT_MARKS} GROUP BY interview_id) AS m ON m.interview_id = i.id
            LEFT JOIN step_snoozes AS s ON s.interview_id = i.id AND s.step_key = 'check_in'
        """
        with self._db.connect() as db:
            return dict(db.execute(sql).fetchall())


_FACT_MARKS = "(step_key = 'check_in' OR step_key = 'thank_you' OR step_key LIKE 'thank\\_you:%' ESCAPE '\\')"
_RECORD_SELECT = "SELECT id, interview_at, duration_min, stated_timeframe, outcome, outcome_on FROM interviews "


def _records(db: Database, rows: list[tuple], where: str, params: list) -> FollowUpRows:
    """The `FollowUpRows` of interview rows; `where` on interview_id covers their ids (and maybe more)."""
    wanted = {row[0] for row in rows}
    people = [(i, person) for i, person in db.execute(
        f"SELECT interview_id, id FROM interviewers WHERE interview_id {where} ORDER BY interview_id, position",
        params) if i in wanted]
    statuses = {s.value: s for s in StepStatus}
    marks = [(i, key, statuses[status], date.fromisoformat(on)) for i, key, status, on in db.execute(
        f"SELECT interview_id, step_key, status, on_date FROM step_marks WHERE interview_id {where} "
        f"AND {_FACT_MARKS}", params) if i in wanted]
    snoozed = {i: date.fromisoformat(until) for i, until in db.execute(
        f"SELECT interview_id, until FROM step_snoozes WHERE interview_id {where} AND step_key = 'check_in'", params)
        if i in wanted}
    outcomes = {o.value: o for o in Outcome}
    interviews = [(i, datetime.fromisoformat(at), duration, timeframe or "", outcomes[outcome],
                   date.fromisoformat(outcome_on) if outcome_on else None)
                  for i, at, duration, timeframe, outcome, outcome_on in rows]
    return FollowUpRows(interviews, people, marks, snoozed)


def _next_sequences(db: Database, fingerprints: Mapping[str, str], *, save: bool) -> dict[str, int]:
    """Each UID's SEQUENCE: 0 when new, one more than before when its fingerprint changed; saved with `save`."""
    uids = list(fingerprints)
    stored: dict[str, tuple[str, int]] = {}
    for chunk in chunks(uids):
        sql = f"SELECT uid, fingerprint, sequence FROM calendar_events WHERE uid IN {in_clause(chunk)}"
        rows = db.execute(sql, chunk)
        stored |= {uid: (fingerprint, sequence) for uid, fingerprint, sequence in rows}
    sequences = {}
    for uid, fingerprint in fingerprints.items():
        before = stored.get(uid)
        sequences[uid] = 0 if before is None else before[1] + (before[0] != fingerprint)
        if save and before != (fingerprint, sequences[uid]):
            db.execute(
                "INSERT INTO calendar_events (uid, fingerprint, sequence, changed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET fingerprint = excluded.fingerprint, sequence = excluded.sequence, "
                "changed_at = excluded.changed_at",
                [uid, fingerprint, sequences[uid], stamp()],
            )
    return sequences
