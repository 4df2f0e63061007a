"""A mentor's reply to a review packet, and what importing it would do: pure rules, no file, no SQL.

A reply names each interview by its `uid` (row ids differ between databases, so a reply must
survive an export and import), and carries a copy of its company, role and time so that one
deleted since can still be named. The mentor may leave an interview untouched: every score
null, no comment, no actions. Only the interviews they reviewed become part of the session.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from lib.domain.coaching import MentorReview, score_gap_text
from lib.domain.days import human_date
from lib.domain.model import Dimension, Interview
from lib.domain.text import count_of

MAX_REPLY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ReplyInterview:
    """The mentor's read of one interview of the packet, with the copies that name it if it is gone."""

    uid: str
    company: str
    role: str
    interview_at: str  # as copied into the packet; shown only, never parsed for a rule
    scores: Mapping[Dimension, int | None]
    comment: str = ""
    actions: tuple[str, ...] = ()

    @property
    def reviewed(self) -> bool:
        """Whether the mentor said anything about it: a score, a comment or an action."""
        return any(v is not None for v in self.scores.values()) or bool(self.comment) or bool(self.actions)

    @property
    def review(self) -> MentorReview:
        return MentorReview({d: self.scores.get(d) for d in Dimension}, self.comment)

    def copied_label(self, today: date) -> str:
        """ "Acme · Data engineer · Fri 20 Nov", from the packet's copies (the interview may be gone)."""
        try:
            when = human_date(datetime.fromisoformat(self.interview_at).date(), today)
        except ValueError:
            when = self.interview_at
        return " · ".join(part for part in (self.company, self.role, when) if part) or self.uid


@dataclass(frozen=True)
class Reply:
    """A reply file read and checked whole. `ignored` names the fields Debrief has no use for."""

    packet: str
    mentor: str
    written_at: datetime
    interviews: tuple[ReplyInterview, ...]
    ignored: tuple[str, ...] = ()

    @property
    def held_on(self) -> date:
        """The session's day: the day the mentor wrote the review."""
        return self.written_at.date()

    @property
    def digest(self) -> str:
        """What makes two replies the same: their content as read, not their spacing, key order or the
        moment of download (a mentor who clicks Download twice sends one review, not two)."""
        content = {
            "packet": self.packet, "mentor": self.mentor,
            "interviews": [[i.uid, [i.scores.get(d) for d in Dimension], i.comment, list(i.actions)]
                           for i in self.interviews],
        }
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EarlierImport:
    """A session an earlier import of this packet made."""

    session_id: int
    mentor: str
    held_on: date
    imported_on: date


@dataclass(frozen=True)
class ReplyPlan:
    """What importing a reply would do, for the preview; importing decides again when it writes."""

    reply: Reply
    matched: tuple[tuple[ReplyInterview, Interview], ...]  # reviewed and still in the database, packet order
    not_reviewed: tuple[tuple[ReplyInterview, Interview], ...]
    deleted: tuple[ReplyInterview, ...]  # in the reply, no longer in the database
    same_reply: EarlierImport | None = None  # this very reply was imported before
    earlier_version: EarlierImport | None = None  # another reply to the same packet was

    @property
    def actions(self) -> int:
        return sum(len(item.actions) for item, _ in self.matched)

    @property
    def can_import(self) -> bool:
        return self.same_reply is None and bool(self.matched)

    def summary(self, today: date) -> str:
        """One sentence: what the import adds, or why it adds nothing."""
        mentor = self.reply.mentor
        if self.same_reply:
            return f"Already imported on {human_date(self.same_reply.imported_on, today)} as the session with " \
                   f"{self.same_reply.mentor} on {human_date(self.same_reply.held_on, today)}: nothing to do."
        if not self.matched:
            why = "none of its interviews is in Debrief any more" if self.deleted and not self.not_reviewed \
                else f"{mentor} reviewed none of the interviews still in Debrief"
            return f"Nothing to import: {why}."
        actions = f" and {count_of(self.actions, 'suggested action')}" if self.actions else ""
        return f"{mentor}'s review of {count_of(len(self.matched), 'interview')}{actions}, written " \
               f"{human_date(self.reply.held_on, today)}: it becomes a finished session with {mentor} on that day."

    def notes(self, today: date) -> list[str]:
        """The lines beside the table: a revised reply, the interviews left out and why."""
        lines = []
        if self.earlier_version and not self.same_reply:
            earlier = self.earlier_version
            lines.append(f"A revised review: a reply to the same packet was imported on "
                         f"{human_date(earlier.imported_on, today)} (the session with {earlier.mentor} on "
                         f"{human_date(earlier.held_on, today)}). This one is added as a new session, so its "
                         "later scores count in the gaps; the earlier session stays until you delete it, and "
                         "actions already imported from it are not added again.")
        lines += [f"{item.copied_label(today)}: deleted since, left out." for item in self.deleted]
        lines += [f"{_label(interview, today)}: not reviewed, left out." for _, interview in self.not_reviewed]
        return lines

    def rows(self, today: date) -> list[dict[str, str]]:
        """One row per interview and dimension, for the preview's table: the mentor's score beside yours."""
        mentor = self.reply.mentor
        return [
            {"Interview": _label(interview, today), "Dimension": d.label, "You": _score(interview.score(d)),
             "Mentor": _score(item.scores.get(d)),
             "Gap": score_gap_text(interview.score(d), item.scores.get(d), mentor)}
            for item, interview in self.matched for d in Dimension
        ]

    def lines(self, today: date) -> list[str]:
        """One line per interview to import, for a terminal: "Acme · Data engineer · Fri 20 Nov: Skills match
        you 4, Sam 5 (Sam scored 1 higher); …; 1 action"."""
        mentor, lines = self.reply.mentor, []
        for item, interview in self.matched:
            scores = "; ".join(f"{d.label} you {_score(interview.score(d))}, {mentor} {_score(item.scores.get(d))} "
                               f"({score_gap_text(interview.score(d), item.scores.get(d), mentor)})" for d in Dimension)
            lines.append(f"{_label(interview, today)}: {scores}; {count_of(len(item.actions), 'action')}")
        return lines

    def action_lines(self, today: date) -> list[str]:
        """Each suggested action, with the interview it is about."""
        return [f"{_label(interview, today)}: {text}" for item, interview in self.matched for text in item.actions]


def _label(interview: Interview, today: date) -> str:
    return f"{interview.company} · {interview.role} · {human_date(interview.day0, today)}"


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def plan_for(reply: Reply, found: Mapping[str, Interview], same_reply: EarlierImport | None = None,
             earlier_version: EarlierImport | None = None) -> ReplyPlan:
    """Split the reply's interviews by what the database holds now (`found`: uid -> interview)."""
    matched: list[tuple[ReplyInterview, Interview]] = []
    not_reviewed: list[tuple[ReplyInterview, Interview]] = []
    deleted: list[ReplyInterview] = []
    for item in reply.interviews:
        interview = found.get(item.uid)
        if interview is None:
            deleted.append(item)
        else:
            (matched if item.reviewed else not_reviewed).append((item, interview))
    return ReplyPlan(reply, tuple(matched), tuple(not_reviewed), tuple(deleted), same_reply, earlier_version)
