"""A coaching report is made to be sent: it shows the questions asked and the shared notes, never private
text, and counts as discussed only what the mentor reviewed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.domain.coaching import ActionItem, CoachingSession, MentorReview
from lib.domain.mentor_view import reviewed_split, shared_notes, was_reviewed
from lib.domain.model import EVIDENCE_COLUMNS, PRIVATE_FIELDS, Dimension
from lib.domain.privacy import shared_copy
from lib.files.report import range_report, session_report
from lib.files.report_html import render_html
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

SKILLS, ENTHUSIASM, CULTURE = Dimension
MARKER = "PRIVATE-7f3a"


def all_private(**overrides):
    """Every field that can be private holds a unique marker, and every one is private."""
    texts = {name: f"{MARKER} {name}" for name in PRIVATE_FIELDS}
    evidence = {d: texts[column] for d, column in EVIDENCE_COLUMNS.items()}
    return build_interview(questions=texts["questions"], notes=texts["notes"], prep_questions=texts["prep_questions"],
                           prep_stories=texts["prep_stories"], prep_pitch=texts["prep_pitch"], evidence=evidence,
                           private=frozenset(PRIVATE_FIELDS), **overrides)


@pytest.fixture
def reported(store: Store) -> tuple[Store, int, list[int]]:
    """Sam's session on three interviews: one all private (reviewed), one open (reviewed), one not reviewed."""
    secret = store.interviews.save(all_private(company="Secretive", interview_at=datetime(2026, 11, 10, 10)),
                                   now=FIXED_NOW)
    open_ = store.interviews.save(build_interview(company="Open", interview_at=datetime(2026, 11, 12, 10),
                                                  questions="Why this team?", notes="They run on-call weekly",
                                                  prep_pitch="I ship end to end"), now=FIXED_NOW)
    skipped = store.interviews.save(build_interview(company="Skipped", interview_at=datetime(2026, 11, 16, 10)),
                                    now=FIXED_NOW)
    session = store.coaching.start_session(CoachingSession("Sam Lee", date(2026, 11, 19), (secret, open_, skipped)),
                                           now=FIXED_NOW)
    store.coaching.save_review(session, secret, MentorReview({SKILLS: 4}, "Good"))
    store.coaching.add_action(ActionItem("Rehearse the why-us answer", session_id=session, interview_id=open_))
    return store, session, [secret, open_, skipped]


def test_the_fixture_really_puts_the_marker_in_every_private_field():
    interview = all_private()
    assert all(MARKER in text for text in (interview.questions, interview.notes, interview.prep_questions,
                                           interview.prep_stories, interview.prep_pitch))
    assert all(MARKER in interview.evidence_for(d) for d in Dimension)


def test_no_private_text_reaches_a_session_or_a_range_report(reported):
    store, session, _ = reported
    for report in (session_report(store, session, FIXED_NOW),
                   range_report(store, date(2026, 11, 1), date(2026, 11, 20), FIXED_NOW)):
        page = render_html(report)
        assert MARKER not in page
        assert MARKER not in repr(report)  # nor in what the report was built from
        assert ("Kept private: Questions they asked, Evidence: skills match, Evidence: enthusiasm signaled, "
                "Evidence: culture fit, Notes, What to ask them, Stories to tell, What they must learn about you.") \
            in page


def test_the_report_shows_the_questions_asked_and_the_shared_notes(reported):
    store, session, _ = reported
    page = render_html(session_report(store, session, FIXED_NOW))
    assert '<h3>Questions they asked</h3><p class="note">Why this team?</p>' in page
    assert "<strong>Notes:</strong> They run on-call weekly" in page
    assert "<strong>What they must learn about you:</strong> I ship end to end" in page


def test_the_summary_lists_as_discussed_only_the_reviewed_and_the_others_once_as_not_reviewed(reported):
    store, session, (_, _, skipped) = reported
    report = session_report(store, session, FIXED_NOW)
    assert [bool(entry.reviews) for entry in report.entries] == [True, True, False]
    page = render_html(report)
    discussed, not_reviewed = page.split("<h3>Interviews discussed</h3>")[1].split("<h3>Not reviewed")
    assert "Secretive" in discussed and "Open" in discussed and "Skipped" not in discussed
    assert "Skipped" in not_reviewed.split("</ol>")[0]
    skipped_page = page.split(f'id="interview-{skipped}"')[1].split("</section>")[0]
    assert skipped_page.count("Not reviewed") == 1 and "not discussed" not in skipped_page


def test_a_review_is_a_score_a_comment_or_an_action_about_the_interview():
    assert not was_reviewed(None) and not was_reviewed(MentorReview({SKILLS: None}, "  "))
    assert was_reviewed(MentorReview({CULTURE: 2}))
    assert was_reviewed(MentorReview(comment="Say why this team"))
    assert was_reviewed(MentorReview(), actions_about=1)
    split = reviewed_split([3, 1, 2], {3: MentorReview({SKILLS: 4}), 1: MentorReview(), 2: MentorReview()},
                           [ActionItem("Rehearse", interview_id=2), ActionItem("General")])
    assert (split.discussed, split.not_reviewed) == ((3, 2), (1,))
    assert split.caption() == "2 of 3 interviews discussed"
    assert reviewed_split([1], {1: MentorReview(comment="ok")}, []).caption() == "1 interview discussed"


def test_the_notes_a_mentor_may_see_are_the_shared_copys_notes_then_its_preparation():
    interview = build_interview(notes="On-call weekly", prep_stories="The outage", prep_pitch="Hidden",
                                private=frozenset({"prep_pitch"}))
    assert shared_notes(shared_copy(interview).interview) == [("Notes", "On-call weekly"),
                                                              ("Stories to tell", "The outage")]
