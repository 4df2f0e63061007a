"""The coaching group: sessions with a mentor, the mentor's read of each interview, action items.

A mentor's scores live on `mentor_reviews`, one row per (session, interview); the session names
the mentor, so every score is the read of exactly one mentor on one day. Writes of what the user
typed are checked first with lib.domain.coaching's own rules, so nothing invalid is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from lib.domain.coaching import (
    CHOICE_DAYS,
    MAX_CHOICES,
    ActionItem,
    ActionStatus,
    CoachingSession,
    MentorReview,
    Owner,
    Suggestion,
    clean_mentor,
    discussion_start,
    suggestion_for,
    validate_action,
    validate_review,
    validate_session,
)
from lib.domain.model import SCORE_COLUMNS, Dimension
from lib.store.db import DatabaseFile, insert_row, never_cached, stamp
from lib.store.interviews import Interviews
from lib.store.review_replies import ReviewReplies
from lib.store.statements import chunks, in_clause


class Coaching:
    """Coaching sessions, mentor reviews and action items (`store.coaching`)."""

    def __init__(self, db: DatabaseFile, interviews: Interviews) -> None:
        self._db, self._interviews = db, interviews
        self.replies = ReviewReplies(db, interviews)

    @never_cached
    def start_session(self, session: CoachingSession, submit_token: str | None = None, *, now: datetime) -> int:
        """Save a new session with its interviews (unscored); a repeated token returns the first id.

        The session is first checked by `validate_session`, with `now` what "a year away" is
        measured from: an invalid one raises ValidationError and nothing is written.
        """
        session = validate_session(session, now)
        with self._db.write() as db:
            if submit_token:
                seen = db.execute("SELECT id FROM coaching_sessions WHERE submit_token = ?", [submit_token]).fetchone()
                if seen:
                    return int(seen[0])
            written_at = stamp()
            session_id = insert_row(db, "coaching_sessions",
                {"mentor": session.mentor, "held_on": session.held_on.isoformat(), "notes": session.notes,
                 "finished_at": None, "submit_token": submit_token, "created_at": written_at, "updated_at": written_at}
            )
            _put_session_interviews(db, session_id, session.interview_ids)
            return session_id

    def get_session(self, session_id: int) -> CoachingSession | None:
        found = self.sessions(ids=[session_id])
        return found[0] if found else None

    def sessions(self, mentor: str | None = None, ids: Sequence[int] | None = None) -> list[CoachingSession]:
        """Newest first; only `mentor`'s (any case) or only `ids` when given."""
        clauses, params = _sessions_of(mentor, ids)
        sql = f"SELECT * FROM coaching_sessions WHERE {' AND '.join(clauses)} ORDER BY held_on DESC, id DESC"
        with self._db.connect() as db:
            rows = list(db.query(sql, params))
            picks = _session_interview_ids(db, [r["id"] for r in rows])
        return [_session_from(r, picks.get(r["id"], ())) for r in rows]

    def mentors(self) -> list[str]:
        """Every mentor's name, the most recently seen first (one spelling each: the latest)."""
        with self._db.connect() as db:
            rows = db.execute(  # a bare column beside MAX() comes from the row holding the maximum
                "SELECT mentor, MAX(held_on || printf('%012d', id)) AS latest FROM coaching_sessions "
                "GROUP BY mentor COLLATE NOCASE ORDER BY latest DESC"
            )
            return [r[0] for r in rows]

    def last_session_with(self, mentor: str, on_or_before: date) -> CoachingSession | None:
        """The latest session with this mentor (any case) on or before the day, or None."""
        with self._db.connect() as db:
            row = db.execute(
                "SELECT id FROM coaching_sessions WHERE mentor = ? COLLATE NOCASE AND held_on <= ? "
                "ORDER BY held_on DESC, id DESC LIMIT 1",
                [mentor, on_or_before.isoformat()],
            ).fetchone()
        return self.get_session(row[0]) if row else None

    def discussed_with(self, mentor: str) -> set[int]:
        """Ids of the interviews already on a session with this mentor."""
        with self._db.connect() as db:
            rows = db.execute(
                "SELECT DISTINCT r.interview_id FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
                "WHERE s.mentor = ? COLLATE NOCASE",
                [mentor],
            )
            return {r[0] for r in rows}

    def suggest(self, mentor: str, held_on: date) -> Suggestion:
        """The interviews a new session with `mentor` on `held_on` starts with, what it can pick from, and why.

        Reads what `lib.domain.coaching.suggestion_for` weighs: the last session with this mentor,
        the year's interviews, those since the last session, and those already discussed.
        """
        mentor = clean_mentor(mentor)
        last = self.last_session_with(mentor, held_on) if mentor else None
        last_on = last.held_on if last else None
        choices = self._interviews.between(held_on - timedelta(days=CHOICE_DAYS), held_on, limit=MAX_CHOICES)
        since_last, discussed = [], set()
        if mentor:
            since_last = self._interviews.between(discussion_start(last_on, held_on), held_on)
            discussed = self.discussed_with(mentor)
        return suggestion_for(mentor, held_on, last_session_on=last_on, choices=choices, since_last=since_last,
                              discussed=discussed)

    @never_cached
    def update_session(self, session_id: int, *, notes: str | None = None, finished_at: datetime | None = None,
                       reopen: bool = False, interview_ids: Sequence[int] | None = None) -> None:
        """Change a session's notes, finish (or reopen) it, or change its interviews (their reviews kept)."""
        with self._db.write() as db:
            changes: dict = {"updated_at": stamp()}
            if notes is not None:
                changes["notes"] = notes
            if reopen:
                changes["finished_at"] = None
            elif finished_at is not None:
                changes["finished_at"] = finished_at.isoformat(timespec="minutes")
            db.execute(f"UPDATE coaching_sessions SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       [*changes.values(), session_id])
            if interview_ids is not None:
                _put_session_interviews(db, session_id, interview_ids)

    @never_cached
    def delete_session(self, session_id: int) -> None:
        """The session, its reviews and the actions agreed in it."""
        with self._db.write() as db:
            db.execute("DELETE FROM coaching_sessions WHERE id = ?", [session_id])

    @never_cached
    def save_review(self, session_id: int, interview_id: int, review: MentorReview) -> None:
        """The mentor's scores and comments for one interview of the session, checked first (ValidationError)."""
        review = validate_review(review)
        columns = {SCORE_COLUMNS[d]: review.score(d) for d in Dimension} | {"comment": review.comment}
        with self._db.write() as db:
            cursor = db.execute(
                f"UPDATE mentor_reviews SET {', '.join(f'{k} = ?' for k in columns)}, updated_at = ? "
                "WHERE session_id = ? AND interview_id = ?",
                [*columns.values(), stamp(), session_id, interview_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"interview {interview_id} is not on session {session_id}")

    def reviews(self, session_id: int) -> dict[int, MentorReview]:
        """Interview id -> the mentor's read, in the order discussed."""
        with self._db.connect() as db:
            rows = db.query("SELECT * FROM mentor_reviews WHERE session_id = ? ORDER BY position", [session_id])
            return {r["interview_id"]: _review_from(r) for r in rows}

    def reviews_of(self, interview_ids: Sequence[int]) -> dict[int, list[tuple[CoachingSession, MentorReview]]]:
        """For each interview, every session that discussed it (oldest first) with the mentor's read."""
        by_interview: dict[int, list[tuple[int, MentorReview]]] = {}
        with self._db.connect() as db:
            for chunk in chunks(list(interview_ids)):
                rows = db.query(
                    "SELECT r.* FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
                    f"WHERE r.interview_id IN {in_clause(chunk)} ORDER BY s.held_on, s.id",
                    chunk,
                )
                for r in rows:
                    by_interview.setdefault(r["interview_id"], []).append((r["session_id"], _review_from(r)))
        sessions = {s.id: s for s in self.sessions(ids=sorted({s for v in by_interview.values() for s, _ in v}))}
        return {i: [(sessions[s], review) for s, review in v] for i, v in by_interview.items()}

    @never_cached
    def add_action(self, item: ActionItem, submit_token: str | None = None) -> int:
        """Save a new action item; a repeated token (a double click) returns the first id.

        The item is first checked by `validate_action`: an invalid one raises ValidationError and
        nothing is written.
        """
        item = validate_action(item)
        with self._db.write() as db:
            if submit_token:
                seen = db.execute("SELECT id FROM action_items WHERE submit_token = ?", [submit_token]).fetchone()
                if seen:
                    return int(seen[0])
            written_at = stamp()
            return insert_row(db, "action_items",
                {"session_id": item.session_id, "interview_id": item.interview_id, "text": item.text,
                 "owner": item.owner.value, "due_on": item.due_on.isoformat() if item.due_on else None,
                 "status": item.status.value, "submit_token": submit_token, "created_at": written_at,
                 "updated_at": written_at}
            )

    @never_cached
    def set_action_status(self, action_id: int, status: ActionStatus, on: date | None = None,
                          in_session: int | None = None) -> None:
        """Done or dropped on a day (and in which session, if one is open); OPEN reopens it."""
        closed = status is not ActionStatus.OPEN
        with self._db.write() as db:
            db.execute(
                "UPDATE action_items SET status = ?, closed_on = ?, closed_in_session = ?, updated_at = ? WHERE id = ?",
                [status.value, on.isoformat() if closed and on else None, in_session if closed else None, stamp(),
                 action_id],
            )

    def actions(self, *, session_id: int | None = None, status: ActionStatus | None = None,
                mentor: str | None = None, closed_in_session: int | None = None) -> list[ActionItem]:
        """Action items with their session's mentor, in the order they were agreed."""
        clauses, params = ["1 = 1"], []
        for clause, value in (
            ("a.session_id = ?", session_id),
            ("a.status = ?", status and status.value),
            ("s.mentor = ? COLLATE NOCASE", mentor),
            ("a.closed_in_session = ?", closed_in_session),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        sql = (
            "SELECT a.*, s.mentor FROM action_items a JOIN coaching_sessions s ON s.id = a.session_id "
            f"WHERE {' AND '.join(clauses)} ORDER BY a.id"
        )
        with self._db.connect() as db:
            return [_action_from(r) for r in db.query(sql, params)]

    def review_rows(self, mentor: str | None = None, session_ids: Sequence[int] | None = None,
                    until: date | None = None):
        """One row per (session, interview) discussed, as a DataFrame, for `lib.domain.gaps`.

        Columns: session_id, held_on, mentor, interview_id, interview_at, company, role, the self-scores
        (`skills_match`, ...) and the mentor's (`mentor_skills_match`, ...), floats with NaN for "not sure".
        """
        import pandas as pd

        clauses, params = _sessions_of(mentor, session_ids, alias="s.")
        if until is not None:
            clauses.append("s.held_on <= ?")
            params.append(until.isoformat())
        own = ", ".join(f"i.{c}" for c in SCORE_COLUMNS.values())
        theirs = ", ".join(f"r.{c} AS mentor_{c}" for c in SCORE_COLUMNS.values())
        sql = (
            f"SELECT s.id AS session_id, s.held_on, s.mentor, i.id AS interview_id, i.interview_at, i.company, "
            f"i.role, {own}, {theirs} FROM mentor_reviews r JOIN coaching_sessions s ON s.id = r.session_id "
            f"JOIN interviews i ON i.id = r.interview_id WHERE {' AND '.join(clauses)} "
            "ORDER BY s.held_on, s.id, r.position"
        )
        with self._db.connect() as db:
            frame = pd.read_sql_query(sql, db.conn, params=params)
        for column in ("held_on", "interview_at"):
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
        scores = [*SCORE_COLUMNS.values(), *(f"mentor_{c}" for c in SCORE_COLUMNS.values())]
        return frame.astype({c: "float64" for c in scores})


def _put_session_interviews(db: Database, session_id: int, interview_ids: Sequence[int]) -> None:
    """Make the session's interviews exactly `interview_ids`, in that order; reviews of those kept stay."""
    wanted = list(dict.fromkeys(interview_ids))
    kept = {r[0] for r in db.execute("SELECT interview_id FROM mentor_reviews WHERE session_id = ?", [session_id])}
    for gone in kept - set(wanted):
        db.execute("DELETE FROM mentor_reviews WHERE session_id = ? AND interview_id = ?", [session_id, gone])
    for position, interview_id in enumerate(wanted):
        db.execute(
            "INSERT INTO mentor_reviews (session_id, interview_id, position, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (session_id, interview_id) DO UPDATE SET position = excluded.position",
            [session_id, interview_id, position, stamp()],
        )


def _session_interview_ids(db: Database, session_ids: list[int]) -> dict[int, tuple[int, ...]]:
    picks: dict[int, list[int]] = {}
    for chunk in chunks(session_ids):
        rows = db.execute(
            "SELECT session_id, interview_id FROM mentor_reviews "
            f"WHERE session_id IN {in_clause(chunk)} ORDER BY session_id, position",
            chunk,
        )
        for session_id, interview_id in rows:
            picks.setdefault(session_id, []).append(interview_id)
    return {k: tuple(v) for k, v in picks.items()}


def _session_from(row: dict, interview_ids: Sequence[int]) -> CoachingSession:
    return CoachingSession(
        mentor=row["mentor"],
        held_on=date.fromisoformat(row["held_on"]),
        interview_ids=tuple(interview_ids),
        notes=row["notes"],
        finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
        id=row["id"],
    )


def _review_from(row: dict) -> MentorReview:
    return MentorReview({d: row[SCORE_COLUMNS[d]] for d in Dimension}, row["comment"])


def _action_from(row: dict) -> ActionItem:
    return ActionItem(
        text=row["text"],
        owner=Owner(row["owner"]),
        due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
        session_id=row["session_id"],
        interview_id=row["interview_id"],
        status=ActionStatus(row["status"]),
        closed_on=date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        closed_in_session=row["closed_in_session"],
        mentor=row["mentor"],
        id=row["id"],
    )


def _sessions_of(mentor: str | None, ids: Sequence[int] | None, alias: str = "") -> tuple[list[str], list[str | int]]:
    """WHERE clauses (and their parameters) for "only `mentor`'s sessions, any case" and "only these sessions"."""
    clauses: list[str] = ["1 = 1"]
    params: list[str | int] = []
    if mentor:
        clauses.append(f"{alias}mentor = ? COLLATE NOCASE")
        params.append(mentor)
    if ids is not None:
        clauses.append(f"{alias}id IN {in_clause(ids)}")
        params += list(ids)
    return clauses, params
