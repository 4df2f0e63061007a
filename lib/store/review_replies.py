"""A mentor's reply to a review packet, imported as a finished coaching session (`store.coaching.replies`).

The session records the reply's packet id and digest (`coaching_sessions.reply_packet`,
`reply_digest`, UNIQUE), so the same reply imported twice, from two tabs or two terminals at
once, makes one session: the check runs inside the import's IMMEDIATE transaction, and the
unique index stands behind it. Deleting the session forgets the import, so the reply can be
imported again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from lib.domain.coaching import (
    ActionItem,
    CoachingSession,
    default_due,
    validate_action,
    validate_review,
    validate_session,
)
from lib.domain.model import SCORE_COLUMNS, Dimension, Interview, ValidationError
from lib.domain.review_reply import EarlierImport, Reply
from lib.store.db import DatabaseFile, insert_row, never_cached, stamp
from lib.store.interviews import Interviews
from lib.store.statements import chunks, in_clause

IMPORTED_COLUMNS = "id, mentor, held_on, reply_imported_at"


@dataclass(frozen=True)
class ImportedReply:
    """What an import did: the session it made (or the one an earlier import made), and what it added."""

    session_id: int
    added: bool  # False: this reply was imported before, nothing was written
    interviews: int = 0
    actions: int = 0


class ReviewReplies:
    """Replies to review packets, turned into coaching sessions."""

    def __init__(self, db: DatabaseFile, interviews: Interviews) -> None:
        self._db, self._interviews = db, interviews

    def interviews_by_uid(self, uids: Sequence[str]) -> dict[str, Interview]:
        """The interviews still in the database among `uids`, by uid (never by row id: ids differ per database)."""
        with self._db.connect() as db:
            ids = _ids_by_uid(db, uids)
        return {i.uid: i for i in self._interviews.with_ids(list(ids.values()))}

    def earlier_imports(self, packet: str, digest: str) -> tuple[EarlierImport | None, EarlierImport | None]:
        """(the session this very reply made, the latest session another reply to the same packet made)."""
        with self._db.connect() as db:
            same = db.execute(f"SELECT {IMPORTED_COLUMNS} FROM coaching_sessions WHERE reply_digest = ?",
                              [digest]).fetchone()
            other = db.execute(f"SELECT {IMPORTED_COLUMNS} FROM coaching_sessions WHERE reply_packet = ? "
                               "AND reply_digest != ? ORDER BY id DESC LIMIT 1", [packet, digest]).fetchone()
        return _earlier(same), _earlier(other)

    @never_cached
    def import_reply(self, reply: Reply, now: datetime) -> ImportedReply:
        """The reply as one finished session with its mentor, on the day they wrote it: one transaction.

        Its interviews are the reviewed ones still in the database (matched by uid, in the packet's
        order), each with the mentor's read, and each suggested action an open item for the candidate,
        due a week from `now`. Actions a reply to the same packet already brought are not added again.
        ValidationError (nothing written) when no interview is left to import or a value breaks a rule.
        """
        if seen := self._session_of(reply.digest):  # a second click: no write, no backup, caches kept
            return ImportedReply(seen, added=False)
        with self._db.write() as db:
            if seen := self._session_of(reply.digest, db):  # imported meanwhile, by another tab or process
                return ImportedReply(seen, added=False)
            ids = _ids_by_uid(db, [item.uid for item in reply.interviews if item.reviewed])
            items = [(item, ids[item.uid]) for item in reply.interviews if item.reviewed and item.uid in ids]
            if not items:
                raise ValidationError("interviews", "none of the interviews the mentor reviewed is in Debrief any "
                                                    "more: nothing to import")
            session = _valid_session(reply, tuple(i for _, i in items), now)
            reviews = [(interview_id, validate_review(item.review)) for item, interview_id in items]
            known = _actions_of_packet(db, reply.packet)
            actions = [validate_action(ActionItem(text, due_on=default_due(now.date()), interview_id=interview_id))
                       for item, interview_id in items for text in dict.fromkeys(item.actions)
                       if (interview_id, text) not in known]
            session_id = _insert_session(db, session, reply, now)
            for position, (interview_id, review) in enumerate(reviews):
                columns = {SCORE_COLUMNS[d]: review.score(d) for d in Dimension} | {"comment": review.comment}
                insert_row(db, "mentor_reviews", {"session_id": session_id, "interview_id": interview_id,
                                                  "position": position, **columns, "updated_at": stamp()})
            for action in actions:
                insert_row(db, "action_items", {
                    "session_id": session_id, "interview_id": action.interview_id, "text": action.text,
                    "owner": action.owner.value, "due_on": action.due_on and action.due_on.isoformat(),
                    "status": action.status.value, "created_at": stamp(), "updated_at": stamp()})
            return ImportedReply(session_id, True, len(reviews), len(actions))


    def _session_of(self, digest: str, db: Database | None = None) -> int | None:
        """The session this reply made, read in the write transaction `db` when given."""
        if db is None:
            with self._db.connect() as fresh:
                return self._session_of(digest, fresh)
        row = db.execute("SELECT id FROM coaching_sessions WHERE reply_digest = ?", [digest]).fetchone()
        return int(row[0]) if row else None


def _valid_session(reply: Reply, interview_ids: tuple[int, ...], now: datetime) -> CoachingSession:
    """The session as the Coaching page's own rule checks it; its day is the reply's written_at."""
    try:
        return validate_session(CoachingSession(reply.mentor, reply.held_on, interview_ids), now)
    except ValidationError as problem:
        raise ValidationError({"written_at" if k == "held_on" else k: v for k, v in problem.errors.items()}) from None


def _insert_session(db: Database, session: CoachingSession, reply: Reply, now: datetime) -> int:
    written_at = stamp()
    return insert_row(db, "coaching_sessions", {
        "mentor": session.mentor, "held_on": session.held_on.isoformat(), "notes": "",
        "finished_at": reply.written_at.isoformat(timespec="minutes"), "created_at": written_at,
        "updated_at": written_at, "reply_packet": reply.packet, "reply_digest": reply.digest,
        "reply_imported_at": now.isoformat(timespec="seconds"),
    })


def _ids_by_uid(db: Database, uids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(list(dict.fromkeys(uids))):
        rows = db.execute(f"SELECT uid, id FROM interviews WHERE uid IN {in_clause(chunk)}", chunk)
        found |= {uid: interview_id for uid, interview_id in rows}
    return found


def _actions_of_packet(db: Database, packet: str) -> set[tuple[int | None, str]]:
    rows = db.execute("SELECT a.interview_id, a.text FROM action_items a JOIN coaching_sessions s "
                      "ON s.id = a.session_id WHERE s.reply_packet = ?", [packet])
    return {(interview_id, text) for interview_id, text in rows}


def _earlier(row: tuple | None) -> EarlierImport | None:
    if row is None:
        return None
    session_id, mentor, held_on, imported_at = row
    held = date.fromisoformat(held_on)
    # A restored file may lack the time (its rows are checked one column at a time): the session's day then.
    imported = datetime.fromisoformat(imported_at).date() if imported_at else held
    return EarlierImport(session_id, mentor, held, imported)
