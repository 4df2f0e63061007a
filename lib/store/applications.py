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
from lib.store.db import DatabaseFile, stamp
from lib.store.interview_rows import INTERVIEW_SELECT, interview_from, interviewers_by_interview
from lib.store.statements import chunks, in_clause

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
        self._taken_by_uid: dict[str, int] = {}  # a file's uids this database lacked -> where they went

    def application_id(self, interview: Interview) -> int:
        """The id to store for one round; one company (any case) and role is one application unless
        the user said otherwise (NEW_APPLICATION, or a file holding two uids for them).

        - a uid this database holds, whose other rounds are of the same company and role: that one;
        - a uid it lacks (another machine's export): the matching application here, unless another
          uid of the same file took it already, else a new application under that uid;
        - an edited round: its own application while its other rounds still fit its company and role;
        - otherwise the latest application of the same company and role, or a new one.
        A round renamed to another company, a spreadsheet row copied and edited, a pick the form
        had not redrawn yet: each is filed by its own company and role.
        """
        uid = interview.application
        if uid == NEW_APPLICATION:
            return self._remember(interview, new_application(self._db))
        if uid in self._taken_by_uid:
            return self._remember(interview, self._taken_by_uid[uid])
        if uid:
            row = self._db.execute("SELECT id FROM applications WHERE uid = ?", [uid]).fetchone()
            if row is None:
                found = self._matching(interview)
                if found is None or found in self._taken_by_uid.values():
                    found = new_application(self._db, uid)
                self._taken_by_uid[uid] = found
                return self._remember(interview, found)
            if self._others_fit(int(row[0]), interview):
                return self._remember(interview, int(row[0]))
        elif interview.id is not None:
            row = self._db.execute("SELECT application_id FROM interviews WHERE id = ?", [interview.id]).fetchone()
            if row and row[0] is not None and self._others_fit(int(row[0]), interview):
                return self._remember(interview, int(row[0]))
        found = self._matching(interview)
        return self._remember(interview, found if found is not None else new_application(self._db))

    def _matching(self, interview: Interview) -> int | None:
        key = _filing_key(interview.company, interview.role, interview.is_demo)
        if key not in self._by_match and not self._loaded:
            self._load(interview.company, interview.role)
        return self._by_match.get(key)

    def _others_fit(self, application_id: int, interview: Interview) -> bool:
        """Whether the application's other rounds are of the interview's company and role (and demo or not).

        With no other round it fits, unless the round was renamed and another application of its new
        company and role exists (a typo fixed on a single round joins the application it was meant for).
        """
        wanted = _filing_key(interview.company, interview.role, interview.is_demo)
        row = self._db.execute(
            "SELECT company, role, is_demo FROM interviews WHERE application_id = ? AND id IS NOT ? LIMIT 1",
            [application_id, interview.id],
        ).fetchone()
        if row is not None:
            return _filing_key(row[0], row[1], bool(row[2])) == wanted
        stored = self._db.execute("SELECT company, role, is_demo FROM interviews WHERE id = ?",
                                  [interview.id]).fetchone() if interview.id is not None else None
        if stored is not None and _filing_key(stored[0], stored[1], bool(stored[2])) == wanted:
            return True
        found = self._matching(interview)
        return found is None or found == application_id

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

    With `company` and `role`, only the rows whose company starts with the same letter (LIKE ignores
    an ASCII letter's case); the caller compares `application_match_key`s, whose casefold also makes
    "STRASSE" of "Straße". A name starting with another character reads every row.
    """
    sql = "SELECT company, role, is_demo, application_id FROM interviews WHERE application_id IS NOT NULL"
    params: list[str] = []
    first = (company or "").strip()[:1]
    if company is not None and role is not None and first.isascii() and first.isalnum():
        sql += " AND ltrim(company) LIKE ?"  # the first letter only: "STRASSE" casefolds like "Straße"
        params = [f"{first}%"]
    sql += " GROUP BY company, role, is_demo, application_id ORDER BY MAX(interview_at) DESC"
    return [(c, r, bool(demo), app) for c, r, demo, app in db.execute(sql, params)]


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
