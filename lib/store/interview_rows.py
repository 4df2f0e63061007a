"""How an interview, its people and its step marks become rows, and rows become an `Interview` again.

Shared by the interviews and follow-up groups and by the restore's row check
(lib.store.readable_rows), so a row reads the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlite_utils import Database

from lib.domain.model import EVIDENCE_COLUMNS, SCORE_COLUMNS, Dimension, Format, Interview, Interviewer, Outcome, Stage
from lib.domain.steps import StepMark, StepStatus
from lib.store.db import stamp
from lib.store.statements import chunks, in_clause

# What a follow-up timeline reads from an interview's own row (lib.domain.followup).
FOLLOW_UP_COLUMNS = ("id", "company", "role", "stage", "format", "interview_at", "duration_min", "recruiter",
                     "stated_timeframe", "outcome", "outcome_on", "is_demo", "booked")

# Every read of whole interviews: the row and its application's uid (what the domain and files know it by).
INTERVIEW_SELECT = (
    "SELECT *, (SELECT uid FROM applications WHERE applications.id = interviews.application_id) AS application_uid "
    "FROM interviews"
)

# A new entry's marks can name a thank-you step only by the person's position ("thank_you:new0",
# what `thank_you_key` gives an unsaved person): the row id the timeline keys it on does not exist
# before the insert. `saved_thank_you_key` turns it into the saved person's key.
UNSAVED_THANK_YOU = "thank_you:new"


def interview_row(interview: Interview) -> dict:
    """The columns of the `interviews` row, without its id and bookkeeping."""
    row = {
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage.value,
        "format": interview.format.value,
        "interview_at": interview.interview_at.isoformat(timespec="minutes"),
        "duration_min": interview.duration_min,
        "recruiter": interview.recruiter,
        "stated_timeframe": interview.stated_timeframe,
        "questions": interview.questions,
        "notes": interview.notes,
        "outcome": interview.outcome.value,
        "outcome_on": interview.outcome_on.isoformat() if interview.outcome_on else None,
        "is_demo": int(interview.is_demo),
        "booked": int(interview.booked),
        "prep_questions": interview.prep_questions,
        "prep_stories": interview.prep_stories,
        "prep_pitch": interview.prep_pitch,
        "private_fields": " ".join(sorted(interview.private)),
    }
    for dimension in Dimension:
        row[SCORE_COLUMNS[dimension]] = interview.score(dimension)
        row[EVIDENCE_COLUMNS[dimension]] = interview.evidence_for(dimension)
    return row


def interview_from(row: dict, people: Sequence[Interviewer]) -> Interview:
    """The `Interview` of an `interviews` row and its people."""
    return Interview(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        stage=Stage(row["stage"]),
        format=Format(row["format"]),
        interview_at=datetime.fromisoformat(row["interview_at"]),
        duration_min=row["duration_min"],
        interviewers=tuple(people),
        recruiter=row["recruiter"],
        stated_timeframe=row["stated_timeframe"],
        questions=row["questions"],
        notes=row["notes"],
        scores={d: row[SCORE_COLUMNS[d]] for d in Dimension},
        evidence={d: row[EVIDENCE_COLUMNS[d]] for d in Dimension},
        outcome=Outcome(row["outcome"]),
        outcome_on=date.fromisoformat(row["outcome_on"]) if row["outcome_on"] else None,
        is_demo=bool(row["is_demo"]),
        # A row read straight from a table (a restore's check, a file of an older schema) has no uid or prep.
        application=row.get("application_uid") or "",
        booked=bool(row.get("booked") or 0),
        prep_questions=row.get("prep_questions") or "",
        prep_stories=row.get("prep_stories") or "",
        prep_pitch=row.get("prep_pitch") or "",
        private=frozenset((row.get("private_fields") or "").split()),
        uid=row.get("uid") or "",
    )


def save_interviewers(db: Database, interview_id: int, people: Sequence[Interviewer]) -> None:
    """Keep each person's row id across edits: their thank-you mark is keyed on it."""
    existing = {r[0] for r in db.execute("SELECT id FROM interviewers WHERE interview_id = ?", [interview_id])}
    kept = set()
    for position, person in enumerate(people):
        values = [position, person.name, person.title, person.email]
        if person.id in existing:
            db.execute(
                "UPDATE interviewers SET position = ?, name = ?, title = ?, email = ? WHERE id = ?",
                [*values, person.id],
            )
            kept.add(person.id)
        else:
            db.execute(
                "INSERT INTO interviewers (interview_id, position, name, title, email) VALUES (?, ?, ?, ?, ?)",
                [interview_id, *values],
            )
    for gone in existing - kept:
        db.execute("DELETE FROM interviewers WHERE id = ?", [gone])
    _drop_stale_thank_you_marks(db, interview_id)


def _drop_stale_thank_you_marks(db: Database, interview_id: int) -> None:
    """A thank-you mark (or snooze) belongs to one person (or, with nobody named, to the generic note)."""
    people = [r[0] for r in db.execute("SELECT id FROM interviewers WHERE interview_id = ?", [interview_id])]
    current = [f"thank_you:{person}" for person in people] or ["thank_you"]
    for table in ("step_marks", "step_snoozes"):
        db.execute(
            f"DELETE FROM {table} WHERE interview_id = ? AND (step_key = 'thank_you' OR step_key LIKE 'thank\\_you:%' "
            f"ESCAPE '\\') AND step_key NOT IN {in_clause(current)}",
            [interview_id, *current],
        )


def interviewers_by_interview(db: Database, ids: list[int]) -> dict[int, list[Interviewer]]:
    """Each interview's people, in their order on the form."""
    people: dict[int, list[Interviewer]] = {}
    for chunk in chunks(ids):
        rows = db.execute(
            "SELECT interview_id, id, name, title, email FROM interviewers "
            f"WHERE interview_id IN {in_clause(chunk)} ORDER BY interview_id, position",
            chunk,
        )
        for interview_id, person_id, name, title, email in rows:
            people.setdefault(interview_id, []).append(Interviewer(name, title, email, person_id))
    return people


def put_mark(db: Database, interview_id: int, mark: StepMark) -> None:
    """Done or skipped on a day; a new mark of the same step replaces the old one."""
    if mark.status not in (StepStatus.DONE, StepStatus.SKIPPED):
        raise ValueError("a step can only be marked done or skipped")
    db.execute(
        "INSERT INTO step_marks (interview_id, step_key, status, on_date, marked_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (interview_id, step_key) DO UPDATE SET status = excluded.status, "
        "on_date = excluded.on_date, marked_at = excluded.marked_at",
        [interview_id, mark.step_key, mark.status.value, mark.on.isoformat(), stamp()],
    )


def person_ids(db: Database, interview_id: int) -> list[int]:
    rows = db.execute("SELECT id FROM interviewers WHERE interview_id = ? ORDER BY position", [interview_id])
    return [r[0] for r in rows]


def saved_thank_you_key(unsaved_key: str, person_ids: list[int]) -> str:
    position = unsaved_key.removeprefix(UNSAVED_THANK_YOU)
    if not position.isdigit() or int(position) >= len(person_ids):
        raise ValueError(f"mark '{unsaved_key}' names no interviewer of this entry")
    return f"thank_you:{person_ids[int(position)]}"
