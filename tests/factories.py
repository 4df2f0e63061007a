"""The one way tests build interviews and score frames, and the constants every test layer shares.

It also stores rows an older version let in (a year-9999 date, untrimmed text), which today's
store refuses or tidies: written unchecked, the way an import or a restored file brings them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.domain.coaching import ActionItem, CoachingSession
from lib.domain.model import Dimension, Format, Interview, Interviewer, Stage
from lib.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = datetime(2026, 11, 20, 17, 0)  # a Friday afternoon: the "now" of every test that needs one

# Tue 10 Nov 2026, 14:00-15:00: a plain weekday with no month end or DST change nearby.
INTERVIEW_AT = datetime(2026, 11, 10, 14, 0)

D = date.fromisoformat  # D("2026-11-20"): a day written as the tests read it

MakeInterview = Callable[..., Interview]


def build_interview(**overrides) -> Interview:
    """An interview a candidate might log; any field can be overridden by keyword."""
    base = Interview(
        company="Acme Analytics",
        role="Data Engineer",
        stage=Stage.TECHNICAL,
        format=Format.VIDEO,
        interview_at=INTERVIEW_AT,
        duration_min=60,
        interviewers=(Interviewer("Priya Shah", "Engineering Manager", "priya@acme.example"),),
        scores={Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 3, Dimension.CULTURE_FIT: None},
        evidence={
            Dimension.SKILLS_MATCH: "Walked through the pipeline redesign",
            Dimension.ENTHUSIASM: "Asked about their roadmap",
            Dimension.CULTURE_FIT: "",
        },
    )
    return replace(base, **overrides)


# The entry the app and browser tests meet on their pages: Jane Doe at Acme, a 45-minute hiring-manager round
# on FIXED_NOW's Friday at 15:00 (what fill_log_form types by default), so a thank-you is due that day.
ON_THE_PAGE = dict(
    company="Acme",
    role="Data engineer",
    stage=Stage.HIRING_MANAGER,
    interview_at=datetime(2026, 11, 20, 15, 0),
    duration_min=45,
    interviewers=(Interviewer("Jane Doe", "Engineering manager", "jane@acme.example"),),
    evidence={
        Dimension.SKILLS_MATCH: "Walked through the pipeline rebuild",
        Dimension.ENTHUSIASM: "Asked about roadmap",
    },
)


# The created_at / updated_at of the unchecked rows below.
WRITTEN_AT = FIXED_NOW.isoformat(timespec="seconds")


def store_unchecked(store: Store, *interviews: Interview) -> list[int]:
    """Store interviews as given, through the import path (file readers check; the import does not)."""
    return store.interviews.import_entries((interview, ()) for interview in interviews)


def store_unchecked_session(store: Store, session: CoachingSession) -> int:
    """Write a coaching session straight into its tables, as an older version let it in."""
    with store.write() as db:
        session_id = db["coaching_sessions"].insert(
            {"mentor": session.mentor, "held_on": session.held_on.isoformat(), "notes": session.notes,
             "created_at": WRITTEN_AT, "updated_at": WRITTEN_AT}
        ).last_pk
        for position, interview_id in enumerate(session.interview_ids):
            db["mentor_reviews"].insert(
                {"session_id": session_id, "interview_id": interview_id, "position": position,
                 "updated_at": WRITTEN_AT}
            )
    return int(session_id)


def store_unchecked_action(store: Store, item: ActionItem) -> int:
    """Write an action item straight into its table, as an older version let it in."""
    with store.write() as db:
        return int(db["action_items"].insert(
            {"session_id": item.session_id, "interview_id": item.interview_id, "text": item.text,
             "owner": item.owner.value, "due_on": item.due_on.isoformat() if item.due_on else None,
             "status": item.status.value, "created_at": WRITTEN_AT, "updated_at": WRITTEN_AT}
        ).last_pk)


def score_rows(*records: tuple) -> pd.DataFrame:
    """The shape store.interviews.score_rows returns.

    A record: (when, company, stage, outcome, skills, enthusiasm, culture).
    """
    frame = pd.DataFrame(
        [(i + 1, when, company, "Data engineer", stage, "video", outcome, *scores)
         for i, (when, company, stage, outcome, *scores) in enumerate(records)],
        columns=["id", "interview_at", "company", "role", "stage", "format", "outcome",
                 "skills_match", "enthusiasm", "culture_fit"],
    )
    frame["interview_at"] = pd.to_datetime(frame["interview_at"], format="ISO8601")
    return frame.astype({"skills_match": "float64", "enthusiasm": "float64", "culture_fit": "float64"})


def rows_of(count: int, scored: bool = True) -> pd.DataFrame:
    """`count` interviews two days apart from Mon 2 Jan 2023, all scored 3 (or none), for sizes of a view."""
    score = 3 if scored else None
    days = pd.date_range("2023-01-02 10:00", periods=count, freq="2D")  # 600 of them span over 3 years
    return score_rows(*[(str(day), f"Co {i % 2}", "technical", "pending", score, score, score)
                        for i, day in enumerate(days)])


PACKET = "pk-0123456789abcdef"


def reply_entry(interview: Interview, scores: tuple[int | None, int | None, int | None] = (None, None, None),
                comment: str = "", actions: tuple[str, ...] = ()) -> dict:
    """One interview of a mentor's reply (tests/unit/test_review_reply.py), as the packet writes it:
    named by the saved interview's uid, with the copies that name it once it is gone."""
    return {
        "uid": interview.uid, "company": interview.company, "role": interview.role,
        "interview_at": interview.interview_at.isoformat(timespec="minutes"),
        "scores": {d.value: s for d, s in zip(Dimension, scores, strict=True)},
        "comment": comment, "actions": list(actions),
    }


def reply_document(*entries: dict, mentor: str = "Sam Lee", written_at: str = "2026-11-21T10:15:00",
                   packet: str = PACKET) -> dict:
    """A mentor's reply file as a JSON-ready dict (`json.dumps` it for the importer)."""
    return {"format": "debrief-review-reply", "version": 1, "packet": packet, "mentor": mentor,
            "written_at": written_at, "interviews": list(entries)}
