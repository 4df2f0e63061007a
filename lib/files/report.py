"""What a coaching report holds, for one session or a date range, gathered from the store.

`session_report` and `range_report` collect the interviews with their follow-up status, the
self-scores and evidence, the questions asked and the notes, the mentor's scores and comments,
the gaps, the actions and the charts (as SVG, drawn here by vl-convert so the report needs no
network). `lib.files.report_html` turns a `Report` into one self-contained HTML file.

A report is made to be sent, so each interview in it is the copy `shared_copy` makes: a private
field's text never reaches it, only the line that names it ("Kept private: Notes.").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

import pandas as pd

from lib import charts
from lib.domain.coaching import ActionItem, CoachingSession, MentorReview, actions_in_order, follow_up_summary
from lib.domain.days import human_date
from lib.domain.followup import follow_up_timeline
from lib.domain.gaps import gap_sentences, gap_summary, mean_scores, score_gaps
from lib.domain.mentor_view import reviewed_split, was_reviewed
from lib.domain.model import Interview
from lib.domain.privacy import EVERYTHING_SHAREABLE, SharedInterview, shared_copy
from lib.domain.steps import Step
from lib.domain.trends import WINDOW_DEFAULT, trends_view
from lib.store import Store

MAX_ENTRIES = 300  # a range report lists at most this many interviews (the latest); narrow the range for more
MAX_MENTOR_CHARTS = 3


@dataclass(frozen=True)
class ReportEntry:
    """One interview as the report shows it: `interview` is its shared copy, with no private text."""

    interview: Interview
    follow_up: str
    steps: tuple[Step, ...]
    reviews: tuple[tuple[CoachingSession, MentorReview], ...]  # only the sessions that reviewed it
    actions: tuple[ActionItem, ...]
    kept_private: tuple[str, ...] = ()  # labels of the private fields that hold text

    @property
    def private_note_line(self) -> str:
        """'Kept private: Notes.' or ''."""
        return SharedInterview(self.interview, self.kept_private).private_note_line


@dataclass(frozen=True)
class ReportChart:
    title: str
    caption: str
    svg: str


@dataclass(frozen=True)
class Report:
    title: str
    period: str  # 'Fri 20 Nov 2026' or 'Sun 1 Nov 2026 to Mon 30 Nov 2026'
    generated_at: datetime
    entries: tuple[ReportEntry, ...]
    sessions: tuple[CoachingSession, ...]
    actions: tuple[ActionItem, ...]  # agreed in the report's sessions
    earlier_actions: tuple[ActionItem, ...] = ()  # from earlier sessions: still open, or closed in this one
    gap_lines: tuple[str, ...] = ()
    means: pd.DataFrame = field(default_factory=pd.DataFrame)
    charts: tuple[ReportChart, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (whose, text): the sessions' general notes
    left_out: int = 0  # interviews in range beyond MAX_ENTRIES
    file_stem: str = "debrief-report"


def session_report(store: Store, session_id: int, now: datetime, tz: tzinfo | None = None) -> Report:
    """One session: its interviews in the order discussed, this mentor's read, and the history with them."""
    session = store.coaching.get_session(session_id)
    if session is None:
        raise LookupError(f"there is no coaching session #{session_id}")
    reviews = store.coaching.reviews(session_id)
    interviews = store.interviews.with_ids(session.interview_ids)
    split = reviewed_split([i for i, _ in _saved(interviews)], reviews, store.coaching.actions(session_id=session_id))
    discussed = {interview_id: [(session, reviews[interview_id])] for interview_id in split.discussed}
    entries = _entries(store, interviews, discussed, now, tz)
    history = score_gaps(store.coaching.review_rows(mentor=session.mentor, until=session.held_on))
    this_one = score_gaps(store.coaching.review_rows(session_ids=[session_id]))
    earlier = [a for a in store.coaching.actions(mentor=session.mentor) if a.session_id != session_id]
    earlier = [a for a in earlier if a.is_open or a.closed_in_session == session_id]
    return Report(
        title=f"Coaching session with {session.mentor}",
        period=human_date(session.held_on),
        generated_at=now,
        entries=tuple(entries),
        sessions=(session,),
        actions=tuple(actions_in_order(store.coaching.actions(session_id=session_id))),
        earlier_actions=tuple(actions_in_order(earlier)),
        gap_lines=tuple(gap_sentences(gap_summary(history))),
        means=mean_scores(this_one),
        charts=tuple(_charts(store, history, None, session.held_on)),
        notes=((session.mentor, session.notes),) if session.notes else (),
        file_stem=session_file_stem(session),
    )


def range_report(
    store: Store, start: date, end: date, now: datetime, tz: tzinfo | None = None, mentor: str | None = None
) -> Report:
    """Every interview from `start` to `end` (oldest first), with the read of each mentor (or only `mentor`)."""
    if end < start:
        start, end = end, start
    newest = store.interviews.between(start, end, limit=MAX_ENTRIES + 1)
    interviews = list(reversed(newest[:MAX_ENTRIES]))
    sessions = [s for s in store.coaching.sessions(mentor=mentor) if start <= s.held_on <= end]
    in_range = {s.saved_id for s in sessions}
    saved_ids = [interview_id for interview_id, _ in _saved(interviews)]
    actions = [a for a in store.coaching.actions(mentor=mentor) if a.session_id in in_range]
    agreed_about = {(a.session_id, a.interview_id) for a in store.coaching.actions(mentor=mentor)}
    reviews = {
        interview_id: [(s, r) for s, r in found if (mentor is None or s.mentor.casefold() == mentor.casefold())
                       and was_reviewed(r, int((s.id, interview_id) in agreed_about))]
        for interview_id, found in store.coaching.reviews_of(saved_ids).items()
    }
    gaps = score_gaps(store.coaching.review_rows(mentor=mentor, session_ids=sorted(in_range)))
    who = f" with {mentor}" if mentor else ""
    left_out = max(len(newest) - MAX_ENTRIES, 0)
    return Report(
        title=f"Interviews and coaching{who}",
        period=f"{human_date(start)} to {human_date(end)}",
        generated_at=now,
        entries=tuple(_entries(store, interviews, reviews, now, tz)),
        sessions=tuple(sorted(sessions, key=lambda s: (s.held_on, s.id))),
        actions=tuple(actions_in_order(actions)),
        gap_lines=tuple(gap_sentences(gap_summary(gaps))),
        means=mean_scores(gaps),
        charts=tuple(_charts(store, gaps, start, end)),
        notes=tuple((f"{s.mentor}, {human_date(s.held_on)}", s.notes) for s in sessions if s.notes),
        left_out=left_out,
        file_stem=range_file_stem(start, end, mentor),
    )


def _entries(
    store: Store,
    interviews: Sequence[Interview],
    reviews: dict[int, list[tuple[CoachingSession, MentorReview]]],
    now: datetime,
    tz: tzinfo | None,
) -> list[ReportEntry]:
    saved = _saved(interviews)
    ids = [interview_id for interview_id, _ in saved]
    marks, snoozes = store.follow_up.marks_for(ids), store.follow_up.snoozes_for(ids)
    later = store.applications.later_rounds(ids)
    actions: dict[int, list[ActionItem]] = {}
    for item in store.coaching.actions():
        if item.interview_id is not None and item.interview_id in marks:
            actions.setdefault(item.interview_id, []).append(item)
    entries = []
    for interview_id, interview in saved:
        moved_on = later.get(interview_id)
        steps = follow_up_timeline(interview, marks[interview_id], now, tz, snoozes[interview_id], moved_on)
        shared = shared_copy(interview, EVERYTHING_SHAREABLE)
        entries.append(
            ReportEntry(shared.interview, follow_up_summary(steps, interview, now.date()), tuple(steps),
                        tuple(reviews.get(interview_id, ())), tuple(actions_in_order(actions.get(interview_id, ()))),
                        shared.kept_private)
        )
    return entries


def _saved(interviews: Sequence[Interview]) -> list[tuple[int, Interview]]:
    """(row id, interview) of each: a report shows interviews read from the store, and every one has an id."""
    saved = [(interview.id, interview) for interview in interviews if interview.id is not None]
    if len(saved) != len(interviews):
        raise ValueError("a report needs saved interviews: its follow-up steps and reviews are found by row id")
    return saved


def _charts(store: Store, gaps: pd.DataFrame, start: date | None, end: date) -> list[ReportChart]:
    """Self against mentor (one chart per mentor, at most three), then the self-scores over time."""
    built = []
    for mentor in list(dict.fromkeys(gaps["mentor"]))[:MAX_MENTOR_CHARTS]:
        mine = gaps[gaps["mentor"] == mentor]
        chart = charts.self_vs_mentor_export(mine, mentor)
        caption = (f"Each interview {mentor} scored: the candidate's self-score (ring) and {mentor}'s (diamond); "
                   "the grey bar between them is the gap.")
        built.append(ReportChart(f"Self-score and {mentor}'s read", caption, _svg(chart)))
    rows = store.interviews.score_rows(start, end)
    view = trends_view(rows, WINDOW_DEFAULT)
    if view.over_time.ready:
        chart = charts.score_trend_export(view.over_time.frame, None, view.granularity == "interview")
        what = "every interview (dots)" if view.granularity == "interview" else f"each {view.granularity} (dots)"
        note = f"The candidate's self-scores of {what} and their rolling mean over {WINDOW_DEFAULT} (line)."
        built.append(ReportChart("Self-scores over time", note, _svg(chart)))
    return built


def _svg(chart) -> str:
    return charts.spec_svg(charts.vega_lite_spec(chart))


def session_file_stem(session: CoachingSession) -> str:
    """'debrief-coaching-sam-lee-2026-11-20': the download's name, known before the report is built."""
    return f"debrief-coaching-{_slug(session.mentor)}-{session.held_on.isoformat()}"


def range_file_stem(start: date, end: date, mentor: str | None = None) -> str:
    start, end = min(start, end), max(start, end)
    return f"debrief-report-{start.isoformat()}-to-{end.isoformat()}" + (f"-{_slug(mentor)}" if mentor else "")


def _slug(text: str | None) -> str:
    """A file-name-safe form of a name: 'Sam O’Neil' -> 'sam-oneil'."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold().replace("'", "")).strip("-")[:40] or "mentor"
