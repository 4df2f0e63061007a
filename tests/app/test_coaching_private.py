"""What the mentor sees in a coaching session: the questions asked and the shared notes, never a private
field's text; and a summary that counts as discussed only what the mentor reviewed."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.coaching import CoachingSession, MentorReview
from lib.domain.model import Dimension
from tests.app.helpers import an_interview, open_page, texts
from tests.factories import FIXED_NOW

COACHING = "pages/coaching.py"
SECRET = "SECRET-MARKER"


def test_the_walk_through_shows_the_questions_and_shared_notes_and_names_what_is_kept_private(app, store):
    interview_id = store.interviews.save(an_interview(
        questions="Why this team? Tell me about an outage.", notes=f"{SECRET} the manager seemed rushed",
        prep_stories="The pipeline rebuild",
        evidence={Dimension.SKILLS_MATCH: "Walked through the rebuild", Dimension.CULTURE_FIT: f"{SECRET} joke"},
        private=frozenset({"notes", "culture_evidence"})), now=FIXED_NOW)
    session = store.coaching.start_session(CoachingSession("Sam Lee", date(2026, 11, 20), (interview_id,)),
                                           now=FIXED_NOW)
    at = open_page(app, COACHING, session=str(session))
    assert not at.exception
    page = texts(at)
    assert "**Questions they asked**  \nWhy this team? Tell me about an outage." in page
    assert "**Stories to tell**  \nThe pipeline rebuild" in page
    assert "Walked through the rebuild" in page
    assert ":material/lock: Kept private: Evidence: culture fit, Notes." in page
    assert SECRET not in page
    assert not [a for a in at.text_area if SECRET in str(a.value)]


def test_the_summary_counts_only_reviewed_interviews_and_lists_the_others_once(app, store):
    ids = [store.interviews.save(an_interview(company=name, interview_at=datetime(2026, 11, day, 10)),
                                 now=FIXED_NOW)
           for name, day in (("Acme", 10), ("Globex", 12), ("Initech", 16))]
    session = store.coaching.start_session(CoachingSession("Sam Lee", date(2026, 11, 20), tuple(ids)), now=FIXED_NOW)
    store.coaching.save_review(session, ids[0], MentorReview({Dimension.SKILLS_MATCH: 4}, ""))
    store.coaching.update_session(session, finished_at=datetime(2026, 11, 20, 18, 0))
    at = open_page(app, COACHING, session=str(session))
    page = texts(at)
    assert "1 of 3 interviews discussed · finished" in page
    assert "**Not reviewed** (not scored, no comment): Globex: Data engineer (Thu 12 Nov); " \
           "Initech: Data engineer (Mon 16 Nov)" in page
    assert page.count("scored it") == 2  # Acme's two dimensions Sam left open; nothing per unreviewed one
    assert page.count("Globex") == 1
