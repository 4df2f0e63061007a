"""A copy made for someone else holds no private text and only what the candidate chose to share."""

from __future__ import annotations

from lib.domain.model import Dimension
from lib.domain.privacy import Sharing, private_fields_with_text, shared_copy
from tests.factories import build_interview

CANDID = build_interview(
    questions="Why us?",
    notes="The manager seemed rushed",
    evidence={Dimension.SKILLS_MATCH: "Walked through the rebuild", Dimension.CULTURE_FIT: "Laughed at my joke"},
    prep_pitch="Mention the award",
)


def test_a_private_field_is_emptied_and_named_whatever_is_shared():
    interview = build_interview(**{**CANDID.__dict__, "private": frozenset({"notes", "culture_evidence"})})
    shared = shared_copy(interview)
    assert shared.interview.notes == ""
    assert shared.interview.evidence_for(Dimension.CULTURE_FIT) == ""
    assert shared.interview.evidence_for(Dimension.SKILLS_MATCH) == "Walked through the rebuild"
    assert shared.interview.prep_pitch == "Mention the award"  # notes are shared here and this one is not private
    assert shared.kept_private == ("Evidence: culture fit", "Notes")
    assert shared.private_note_line == "Kept private: Evidence: culture fit, Notes."
    assert "rushed" not in repr(shared) and "joke" not in repr(shared)


def test_a_private_field_without_text_is_not_announced():
    interview = build_interview(notes="", private=frozenset({"notes"}))
    assert private_fields_with_text(interview) == ()
    assert shared_copy(interview).private_note_line == ""


def test_what_sharing_leaves_out_is_absent_and_not_called_private():
    shared = shared_copy(CANDID, Sharing(scores=False, evidence=False, questions=False, notes=False))
    copy = shared.interview
    assert (copy.questions, copy.notes, copy.prep_pitch) == ("", "", "")
    assert all(copy.evidence_for(d) == "" and copy.score(d) is None for d in Dimension)
    assert shared.kept_private == ()
    assert (copy.company, copy.role, copy.interview_at) == (CANDID.company, CANDID.role, CANDID.interview_at)


def test_by_default_a_mentor_sees_scores_evidence_and_questions_but_not_the_notes():
    sharing = Sharing()
    assert (sharing.scores, sharing.evidence, sharing.questions, sharing.notes) == (True, True, True, False)
    copy = shared_copy(CANDID, sharing).interview
    assert copy.questions == "Why us?" and copy.notes == "" and copy.prep_pitch == ""
    assert copy.score(Dimension.SKILLS_MATCH) == CANDID.score(Dimension.SKILLS_MATCH)
