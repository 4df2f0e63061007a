"""How an application and its rounds read on screen: the score row, the round line, the one next step.

Pure text over lib.domain.applications, so the Applications page, its detail view and the
Interviews cards word a round the same way, and tests pin the words without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lib.domain.applications import Application, ApplicationStatus
from lib.domain.days import human_date, human_datetime
from lib.domain.model import Dimension, Interview, Outcome
from lib.domain.steps import Step, next_step

SHORT_DIMENSION_NAMES = {Dimension.SKILLS_MATCH: "Skills", Dimension.ENTHUSIASM: "Enthusiasm",
                         Dimension.CULTURE_FIT: "Culture"}
UNSCORED = "–"


def score_row(interview: Interview) -> str:
    """The three scores on one line: "Skills 4 · Enthusiasm 3 · Culture –" (– for not scored)."""
    return " · ".join(f"{name} {_score_text(interview.score(d))}" for d, name in SHORT_DIMENSION_NAMES.items())


def _score_text(score: int | None) -> str:
    return UNSCORED if score is None else str(score)


def round_line(application: Application, interview: Interview) -> str:
    """"Round 2 of 3 · Kestrel: Backend engineer": where an interview sits in its application."""
    return f"Round {application.number_of(interview.saved_id)} of {len(application.rounds)} · {application.title}"


def booked_line(interview: Interview, today: date) -> str:
    """"Booked for Thu 3 Dec, 14:00": an interview logged ahead, before it takes place."""
    return f"Booked for {human_datetime(interview.interview_at, today)}"


@dataclass(frozen=True)
class NextMove:
    """The one next step of a whole application, and the round it concerns."""

    text: str
    kind: str  # "prepare", "score", "step", "log", "wait" or "closed": what the page links it to
    interview: Interview


def next_move(application: Application, latest_steps: list[Step], now: datetime) -> NextMove:
    """What to do next about the application, from its latest round (earlier rounds have moved on).

    `latest_steps` is the latest round's follow-up timeline as it stands at `now`. A round booked
    ahead asks for preparation, one that is over but not debriefed asks for its scores, a closed
    application says its status, an open one names its next follow-up step, one whose next round
    is booked but not logged asks for it, and one with nothing to send says so.
    """
    latest, today = application.latest, now.date()
    number = len(application.rounds)
    if latest.is_ahead(now):
        return NextMove(f"Round {number} on {human_date(latest.day0, today)}: prepare", "prepare", latest)
    if latest.awaits_scores(now):
        return NextMove(f"Score round {number} while it's fresh", "score", latest)
    if application.status is not ApplicationStatus.ACTIVE:
        return NextMove(application.status.label, "closed", latest)
    step = next_step(latest_steps)
    if step is not None:
        return NextMove(f"{step.title} · {step.status_text(today)}", "step", latest)
    if latest.outcome is Outcome.NEXT_ROUND:
        return NextMove(f"Round {number + 1} is booked: log it to prepare", "log", latest)
    return NextMove("Nothing to send: waiting is the right move now", "wait", latest)


def grouped_by_application(interviews: list[Interview]) -> list[Interview]:
    """A page of entries with the rounds of one application side by side, where its first one stood;
    an entry without an application stays alone."""
    groups: dict[str, list[Interview]] = {}
    for interview in interviews:
        uid = interview.application or f"#{interview.saved_id}"
        groups.setdefault(uid, []).append(interview)
    return [interview for group in groups.values() for interview in group]
