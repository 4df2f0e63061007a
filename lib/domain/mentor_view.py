"""What a mentor sees of an interview (the questions asked, the notes shared), and which ones a session reviewed.

The walk-through and the coaching report show a mentor the questions the interviewers asked and
the candidate's notes, always from `lib.domain.privacy.shared_copy`, so a private field is only
named, never shown. A session lists every interview picked for it, but only those the mentor
actually read (a score, a comment, or an action agreed about it) count as discussed: the others
are "not reviewed", said once, rather than "not scored" once per dimension.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lib.domain.coaching import ActionItem, MentorReview
from lib.domain.model import PREP_FIELDS, Dimension, Interview

NOTES_LABEL = "Notes"


def shared_notes(interview: Interview) -> list[tuple[str, str]]:
    """(label, text) of each note a copy made by `shared_copy` still holds: notes first, then the preparation."""
    prep = [(label, getattr(interview, name)) for name, label in PREP_FIELDS.items()]
    notes = [(NOTES_LABEL, interview.notes), *prep]
    return [(label, text.strip()) for label, text in notes if text.strip()]


def was_reviewed(review: MentorReview | None, actions_about: int = 0) -> bool:
    """A mentor read this interview: a score on any dimension, a comment, or an action agreed about it."""
    scored = review is not None and any(review.score(d) is not None for d in Dimension)
    commented = review is not None and bool(review.comment.strip())
    return scored or commented or actions_about > 0


@dataclass(frozen=True)
class Reviewed:
    """A session's interviews split in two, each in the order discussed."""

    discussed: tuple[int, ...]
    not_reviewed: tuple[int, ...]

    def caption(self) -> str:
        """'2 of 8 interviews discussed' or '3 interviews discussed' when every one was."""
        total = len(self.discussed) + len(self.not_reviewed)
        noun = "interview" if total == 1 else "interviews"
        if not self.not_reviewed:
            return f"{total} {noun} discussed"
        return f"{len(self.discussed)} of {total} {noun} discussed"


def reviewed_split(interview_ids: Sequence[int], reviews: Mapping[int, MentorReview],
                   actions: Iterable[ActionItem]) -> Reviewed:
    """Which of `interview_ids` the mentor reviewed (`was_reviewed`), given this session's reviews and actions."""
    about: dict[int, int] = {}
    for item in actions:
        if item.interview_id is not None:
            about[item.interview_id] = about.get(item.interview_id, 0) + 1
    discussed = tuple(i for i in interview_ids if was_reviewed(reviews.get(i), about.get(i, 0)))
    return Reviewed(discussed, tuple(i for i in interview_ids if i not in discussed))
