"""The applications group: which application a round is filed under, and the rounds of each.

An application row holds only its stable `uid` (what files carry, so a round stays in its application
across export and import); its company and role are its rounds'. A trigger drops an application
when its last round goes (lib.store.schema), so deleting, moving or restoring rounds never leaves an
empty one behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlite_utils import Database

from lib.domain.applications import Application, LaterRound, application_match_key, in_order
from lib.domain.model import NEW_APPLICATION, Interview
from lib.store.db import DatabaseFile, chunks, in_clause, stamp
from lib.store.interview_rows import INTERVIEW_SELECT, interview_from, interviewers_by_interview

__all__ = ["ApplicationFiling", "Applications", "new_application"]


def new_application(db: Database, uid: str = "") -> int:
    """A new application row (a random uid unless one is given); returns its id."""
    cursor = db.execute("INSERT INTO applications (uid, created_at) VALUES (?, ?)",
                        [uid or f"app-{secrets.token_hex(8)}", stamp()])
    return int(cursor.lastrowid or 0)


class ApplicationFiling:
    """Within one write transaction: the application id each saved round goes under.

    For a bulk import (`bulk=True`) the (company, role) -> latest application map is loaded once,
    so 10,000 rounds file without a query each; a single save reads only the rows of its own company.
    Either way it sees the applications the same transaction started.
    """

    def __init__(self, db: Database, bulk: bool = False) -> None:
        self._db = db
        self._bulk = bulk
        self._by_match: dict[tuple[str, str, bool], int] = {}
        self._loaded = False

    def application_id(self, interview: Interview) -> int:
        """The id to store: the named application (created when a file names one this database lacks),
        the current one of an edited round, the latest of the same company and role, or a new one."""
        uid = interview.application
        if uid == NEW_APPLICATION:
            return self._remember(interview, new_application(self._db))
        if uid:
            row = self._db.execute("SELECT id FROM applications WHERE uid = ?", [uid]).fetchone()
            if row is None:
                return self._remember(interview, new_application(self._db, uid))
            if interview.id is not None or self._fits(int(row[0]), interview):
                return self._remember(interview, int(row[0]))
            # A new round naming an application of another company or role (a spreadsheet row copied and
            # edited, a pick the form had not redrawn yet): filed by its own company and role instead.
        if interview.id is not None:
            row = self._db.execute("SELECT application_id FROM interviews WHERE id = ?", [interview.id]).fetchone()
            if row and row[0] is not None:
                return int(row[0])
        key = _filing_key(interview.company, interview.role, interview.is_demo)
        if key not in self._by_match and not self._loaded:
            self._load(interview.company, interview.role)
        found = self._by_match.get(key)
        return self._remember(interview, found if found is not None else new_application(self._db))

    def _fits(self, application_id: int, interview: Interview) -> bool:
        """Whether the application's rounds are of the interview's company and role (and demo or not)."""
        row = self._db.execute("SELECT company, role, is_demo FROM interviews WHERE application_id = ? LIMIT 1",
                               [application_id]).fetchone()
        return row is None or _filing_key(row[0], row[1], bool(row[2])) == _filing_key(
            interview.company, interview.role, interview.is_demo)

    def _load(self, company: str, role: str) -> None:
        rows = rounds_by_spelling(self._db, None if self._bulk else company, None if self._bulk else role)
        self._by_match |= {_filing_key(c, r, demo): app for c, r, demo, app in reversed(rows)}  # latest wins
        self._loaded = self._bulk

    def _remember(self, interview: Interview, application_id: int) -> int:
        """A round filed just now is the latest of its company and role for the rest of the transaction."""
        self._by_match[_filing_key(interview.company, interview.role, interview.is_demo)] = application_id
        return application_id


def _filing_key(company: str, role: str, demo: bool) -> tuple[str, str, bool]:
    """Demo rounds and the user's own never share an application, whatever their names."""
    return (*application_match_key(company, role), demo)


def rounds_by_spelling(
    db: Database, company: str | None = None, role: str | None = None
) -> list[tuple[str, str, bool, int]]:
    """(company, role, is_demo, application_id) once per spelling and application, latest application first.

    With `company` and `role`, only the rows that may match them: SQLite's LIKE ignores case for
    ASCII letters only, so a name with other letters ("Ærø Energi") reads every row and leaves the
    match to `application_match_key`'s casefold.
    """
    sql = "SELECT company, role, is_demo, application_id FROM interviews WHERE application_id IS NOT NULL"
    params: list[str] = []
    if company is not None and role is not None and (company + role).isascii():
        sql += " AND company LIKE ? ESCAPE '\\' AND role LIKE ? ESCAPE '\\'"
        params = [_like_any_spacing(company), _like_any_spacing(role)]
    sql += " GROUP BY company, role, is_demo, application_id ORDER BY MAX(interview_at) DESC"
    return [(c, r, bool(demo), app) for c, r, demo, app in db.execute(sql, params)]


def _like_any_spacing(text: str) -> str:
    """A LIKE pattern that `text` in any case and spacing matches (and a few more: the caller checks)."""
    words = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in text.split()]
    return "%" + "%".join(words) + "%"


class Applications:
    """Applications and their rounds (`store.applications`)."""

    def __init__(self, db: DatabaseFile) -> None:
        self._db = db

    def count(self) -> int:
        with self._db.connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM applications").fetchone()[0])

    def page(self, limit: int | None = None, offset: int = 0) -> list[Application]:
        """Applications whose latest round is newest first, each with all its rounds."""
        sql = ("SELECT application_id FROM interviews WHERE application_id IS NOT NULL GROUP BY application_id "
               "ORDER BY MAX(interview_at) DESC, MAX(id) DESC")
        params: list = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        with self._db.connect() as db:
            ids = [r[0] for r in db.execute(sql, params)]
            return self._with_rounds(db, ids)

    def get(self, uid: str) -> Application | None:
        with self._db.connect() as db:
            row = db.execute("SELECT id FROM applications WHERE uid = ?", [uid]).fetchone()
            found = self._with_rounds(db, [row[0]]) if row else []
        return found[0] if found else None

    def of_interview(self, interview_id: int) -> Application | None:
        """The application an interview is a round of."""
        with self._db.connect() as db:
            row = db.execute("SELECT application_id FROM interviews WHERE id = ?", [interview_id]).fetchone()
            found = self._with_rounds(db, [row[0]]) if row and row[0] is not None else []
        return found[0] if found else None

    def matching(self, company: str, role: str, demo: bool = False) -> list[Application]:
        """The applications a new round of this company (any case) and role could join, latest first
        (the demo's for a demo round, the user's own otherwise)."""
        wanted = _filing_key(company, role, demo)
        if not all(wanted[:2]):
            return []
        with self._db.connect() as db:
            rows = rounds_by_spelling(db, company, role)
            ids = list(dict.fromkeys(app for c, r, d, app in rows if _filing_key(c, r, d) == wanted))
            return self._with_rounds(db, ids)

    def later_rounds(self, interview_ids: Sequence[int]) -> dict[int, LaterRound]:
        """For each given interview still pending that has a later round in its application: that round.

        What closes the earlier round's follow-up (lib.domain.followup), however the rounds arrived.
        """
        pairs: dict[int, tuple[int, int]] = {}
        with self._db.connect() as db:
            for chunk in chunks(list(interview_ids)):
                rows = db.execute(
                    "SELECT i.id, "
                    "(SELECT j.id FROM interviews j WHERE j.application_id = i.application_id "
                    " AND (j.interview_at, j.id) > (i.interview_at, i.id) ORDER BY j.interview_at, j.id LIMIT 1), "
                    "(SELECT COUNT(*) FROM interviews k WHERE k.application_id = i.application_id "
                    " AND (k.interview_at, k.id) <= (i.interview_at, i.id)) "
                    f"FROM interviews i WHERE i.id IN {in_clause(chunk)} AND i.outcome = 'pending' "
                    "AND i.application_id IS NOT NULL",
                    chunk,
                )
                pairs |= {earlier: (later, position + 1) for earlier, later, position in rows if later is not None}
            later = {i.saved_id: i for i in _interviews(db, sorted({p[0] for p in pairs.values()}))}
        return {earlier: LaterRound(number, later[next_id]) for earlier, (next_id, number) in pairs.items()}

    def _with_rounds(self, db: Database, application_ids: list[int]) -> list[Application]:
        rounds: dict[int, list[Interview]] = {}
        uids: dict[int, str] = {}
        for chunk in chunks(application_ids):
            uids |= dict(db.execute(f"SELECT id, uid FROM applications WHERE id IN {in_clause(chunk)}", chunk))
            rows = list(db.query(f"{INTERVIEW_SELECT} WHERE application_id IN {in_clause(chunk)}", chunk))
            people = interviewers_by_interview(db, [r["id"] for r in rows])
            for row in rows:
                rounds.setdefault(row["application_id"], []).append(interview_from(row, people.get(row["id"], ())))
        return [Application(uids[a], in_order(rounds[a])) for a in application_ids if a in rounds and a in uids]


def _interviews(db: Database, ids: list[int]) -> list[Interview]:
    found: list[Interview] = []
    for chunk in chunks(ids):
        rows = list(db.query(f"{INTERVIEW_SELECT} WHERE id IN {in_clause(chunk)}", chunk))
        people = interviewers_by_interview(db, [r["id"] for r in rows])
        found += [interview_from(r, people.get(r["id"], ())) for r in rows]
    return found
