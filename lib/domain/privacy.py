"""What a copy of an interview made for someone else holds: never a private note, only what was shared.

Privacy is per field: any of `PRIVATE_FIELDS` (the questions asked, each dimension's evidence,
the notes, the preparation notes) can be kept private on its own, because a candid line about an
interviewer sits beside evidence the candidate wants a mentor to read. A private field stays in
the candidate's own database, exports and backups. Everything made for another person (a review
packet, a coaching report, the walk-through shown to a mentor) is built from `shared_copy`, which
blanks the private text and names only that a private note exists.

Sharing is a second, coarser choice made per packet: whether the mentor sees the scores, the
evidence, the questions asked and the notes. A field left out by that choice is simply absent; a
field that is private is absent whatever the choice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lib.domain.model import EVIDENCE_COLUMNS, PRIVATE_FIELDS, Dimension, Interview

EVIDENCE_FIELDS = {column: dimension for dimension, column in EVIDENCE_COLUMNS.items()}


@dataclass(frozen=True)
class Sharing:
    """What the candidate lets someone else see of each interview, beyond company, role, date and stage."""

    scores: bool = True
    evidence: bool = True
    questions: bool = True
    notes: bool = False  # the candid ones: off unless the candidate turns them on

    def shares(self, field: str) -> bool:
        """Whether this choice lets `field` (one of PRIVATE_FIELDS) through."""
        if field in EVIDENCE_FIELDS:
            return self.evidence
        if field == "questions":
            return self.questions
        return self.notes


EVERYTHING_SHAREABLE = Sharing(notes=True)


@dataclass(frozen=True)
class SharedInterview:
    """An interview as someone else may see it, and which of its private fields hold text."""

    interview: Interview
    kept_private: tuple[str, ...]  # labels of PRIVATE_FIELDS that hold private text, in form order

    @property
    def private_note_line(self) -> str:
        """'Kept private: Notes, Evidence: culture fit.' or '' when nothing was held back."""
        return f"Kept private: {', '.join(self.kept_private)}." if self.kept_private else ""


def field_text(interview: Interview, field: str) -> str:
    """The text of one of PRIVATE_FIELDS."""
    if field in EVIDENCE_FIELDS:
        return interview.evidence_for(EVIDENCE_FIELDS[field])
    return str(getattr(interview, field))


def private_fields_with_text(interview: Interview) -> tuple[str, ...]:
    """The private fields that hold anything, in the form's order."""
    return tuple(f for f in PRIVATE_FIELDS if f in interview.private and field_text(interview, f).strip())


def shared_copy(interview: Interview, sharing: Sharing = EVERYTHING_SHAREABLE) -> SharedInterview:
    """`interview` with every private field, and every field `sharing` leaves out, emptied.

    The scores go too when `sharing.scores` is off. Private fields are named in `kept_private`
    only when they hold text, so the reader learns that a note exists and nothing of what it says.
    """
    hidden = {f for f in PRIVATE_FIELDS if f in interview.private or not sharing.shares(f)}
    evidence = {d: "" if EVIDENCE_COLUMNS[d] in hidden else interview.evidence_for(d) for d in Dimension}
    scores = dict(interview.scores) if sharing.scores else {d: None for d in Dimension}

    def kept(name: str) -> str:
        return "" if name in hidden else str(getattr(interview, name))

    copy = replace(interview, evidence=evidence, scores=scores, private=frozenset(), questions=kept("questions"),
                   notes=kept("notes"), prep_questions=kept("prep_questions"), prep_stories=kept("prep_stories"),
                   prep_pitch=kept("prep_pitch"))
    labels = tuple(PRIVATE_FIELDS[f] for f in private_fields_with_text(interview))
    return SharedInterview(copy, labels)
