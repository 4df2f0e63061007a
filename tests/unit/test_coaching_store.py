"""Coaching in the store: migration 003, sessions, the mentor's reviews and action items, round trips."""

from __future__ import annotations

import math
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from lib.domain.coaching import ActionItem, ActionStatus, CoachingSession, MentorReview, Owner
from lib.domain.model import Dimension
from lib.store import Store, migrations
from tests.factories import FIXED_NOW, MakeInterview

SKILLS, ENTHUSIASM, CULTURE = Dimension


def a_session(store: Store, make_interview: MakeInterview, mentor: str = "Sam Lee", on=date(2026, 11, 20),
              count: int = 2) -> tuple[int, list[int]]:
    ids = [store.interviews.save(make_interview(interview_at=datetime(2026, 11, 2 + n, 10), company=f"Co{n}"),
                                 now=FIXED_NOW)
           for n in range(count)]
    return store.coaching.start_session(CoachingSession(mentor, on, tuple(ids)), now=FIXED_NOW), ids


def test_migration_003_adds_coaching_to_a_database_of_the_previous_schema_and_keeps_its_rows(
    tmp_path: Path, make_interview: MakeInterview
):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    from sqlite_utils import Database

    migrations.apply(Database(conn), stop_before="003_coaching")
    conn.execute("UPDATE meta SET value = '7' WHERE key = 'data_version'")
    conn.commit()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "coaching_sessions" not in tables and "interviews" in tables
    conn.close()
    store = Store(path)  # opening migrates
    assert store.data_version() == 7
    interview_id = store.interviews.save(make_interview(), now=FIXED_NOW)
    session_id = store.coaching.start_session(CoachingSession("Sam", date(2026, 11, 20), (interview_id,)),
                                              now=FIXED_NOW)
    assert store.coaching.get_session(session_id).interview_ids == (interview_id,)
    with store.connect() as db:
        names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == [m.name for m in migrations._migrations]  # 003 and every later one, once each


def test_a_session_round_trips_with_its_interviews_in_the_order_discussed(store: Store, make_interview):
    first = store.interviews.save(make_interview(company="First"), now=FIXED_NOW)
    second = store.interviews.save(make_interview(company="Second"), now=FIXED_NOW)
    session_id = store.coaching.start_session(CoachingSession("Sam Lee", date(2026, 11, 20), (second, first), "notes"),
                                              now=FIXED_NOW)
    saved = store.coaching.get_session(session_id)
    assert saved == CoachingSession("Sam Lee", date(2026, 11, 20), (second, first), "notes", None, session_id)
    assert [i.company for i in store.interviews.with_ids(saved.interview_ids)] == ["Second", "First"]
    assert store.coaching.reviews(session_id) == {second: MentorReview({d: None for d in Dimension}, ""),
                                         first: MentorReview({d: None for d in Dimension}, "")}


def test_a_double_click_on_start_makes_one_session(store: Store, make_interview):
    interview_id = store.interviews.save(make_interview(), now=FIXED_NOW)
    session = CoachingSession("Sam", date(2026, 11, 20), (interview_id,))
    first = store.coaching.start_session(session, "token-1", now=FIXED_NOW)
    assert store.coaching.start_session(session, "token-1", now=FIXED_NOW) == first
    assert len(store.coaching.sessions()) == 1


def test_the_mentors_read_round_trips_with_not_sure_kept_as_none(store: Store, make_interview):
    session_id, (one, two) = a_session(store, make_interview)
    review = MentorReview({SKILLS: 5, ENTHUSIASM: None, CULTURE: 2}, "Strong story; <b>tighten</b> the ending")
    store.coaching.save_review(session_id, one, review)
    assert store.coaching.reviews(session_id)[one] == review
    assert store.coaching.reviews(session_id)[two] == MentorReview({d: None for d in Dimension}, "")
    with pytest.raises(LookupError):
        store.coaching.save_review(session_id, 999, review)


def test_a_score_outside_one_to_five_never_lands(store: Store, make_interview):
    session_id, (one, _) = a_session(store, make_interview)
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:  # past the store's check: the schema's own
        db.execute("UPDATE mentor_reviews SET skills_match = 6 WHERE session_id = ? AND interview_id = ?",
                   [session_id, one])


def test_every_write_bumps_the_data_version(store: Store, make_interview):
    session_id, (one, _) = a_session(store, make_interview)
    before = store.data_version()
    store.coaching.save_review(session_id, one, MentorReview({SKILLS: 4}))
    store.coaching.add_action(ActionItem("Practise", session_id=session_id))
    store.coaching.update_session(session_id, notes="n")
    assert store.data_version() == before + 3


def test_changing_the_interviews_keeps_the_reviews_of_those_kept(store: Store, make_interview):
    session_id, (one, two) = a_session(store, make_interview)
    three = store.interviews.save(make_interview(company="Third"), now=FIXED_NOW)
    store.coaching.save_review(session_id, one, MentorReview({SKILLS: 4}, "kept"))
    store.coaching.save_review(session_id, two, MentorReview({SKILLS: 2}, "dropped"))
    store.coaching.update_session(session_id, interview_ids=[three, one])
    assert store.coaching.get_session(session_id).interview_ids == (three, one)
    assert store.coaching.reviews(session_id)[one].comment == "kept"
    assert two not in store.coaching.reviews(session_id)


def test_finish_and_reopen(store: Store, make_interview):
    session_id, _ = a_session(store, make_interview)
    store.coaching.update_session(session_id, finished_at=datetime(2026, 11, 20, 18, 30))
    assert store.coaching.get_session(session_id).finished_at == datetime(2026, 11, 20, 18, 30)
    store.coaching.update_session(session_id, reopen=True)
    assert not store.coaching.get_session(session_id).finished


def test_mentors_are_kept_apart_and_matched_in_any_case(store: Store, make_interview):
    sam, (one, _) = a_session(store, make_interview, "Sam Lee", date(2026, 11, 10))
    alex, _ = a_session(store, make_interview, "Alex Kim", date(2026, 11, 12))
    again = store.coaching.start_session(CoachingSession("sam lee", date(2026, 11, 19), (one,)), now=FIXED_NOW)
    assert store.coaching.mentors() == ["sam lee", "Alex Kim"]  # latest first, one spelling each: the latest
    assert [s.id for s in store.coaching.sessions(mentor="SAM LEE")] == [again, sam]
    assert [s.id for s in store.coaching.sessions(mentor="Alex Kim")] == [alex]
    assert store.coaching.last_session_with("Sam Lee", date(2026, 11, 18)).id == sam
    assert store.coaching.last_session_with("Nobody", date(2026, 11, 18)) is None
    assert store.coaching.discussed_with("Alex Kim") == set(store.coaching.get_session(alex).interview_ids)


def test_action_items_round_trip_and_close_as_done_or_dropped(store: Store, make_interview):
    session_id, (one, _) = a_session(store, make_interview)
    later, _ = a_session(store, make_interview, on=date(2026, 11, 27))
    item = ActionItem("Rehearse STAR stories", Owner.MENTOR, date(2026, 11, 27), session_id, one)
    action_id = store.coaching.add_action(item, submit_token="t")
    assert store.coaching.add_action(item, submit_token="t") == action_id  # a double click adds one
    [saved] = store.coaching.actions()
    assert saved == ActionItem("Rehearse STAR stories", Owner.MENTOR, date(2026, 11, 27), session_id, one,
                               mentor="Sam Lee", id=action_id)
    store.coaching.set_action_status(action_id, ActionStatus.DONE, date(2026, 11, 26), in_session=later)
    [done] = store.coaching.actions(closed_in_session=later)
    assert (done.status, done.closed_on, done.closed_in_session) == (ActionStatus.DONE, date(2026, 11, 26), later)
    assert store.coaching.actions(status=ActionStatus.OPEN) == []
    store.coaching.set_action_status(action_id, ActionStatus.OPEN)
    [reopened] = store.coaching.actions(status=ActionStatus.OPEN)
    assert (reopened.closed_on, reopened.closed_in_session) == (None, None)
    store.coaching.set_action_status(action_id, ActionStatus.DROPPED, date(2026, 11, 28))
    assert store.coaching.actions()[0].status is ActionStatus.DROPPED


def test_deleting_an_interview_drops_its_reviews_and_unlinks_its_actions(store: Store, make_interview):
    session_id, (one, two) = a_session(store, make_interview)
    store.coaching.save_review(session_id, one, MentorReview({SKILLS: 4}))
    store.coaching.add_action(ActionItem("Follow up on the case study", session_id=session_id, interview_id=one))
    store.interviews.delete(one)
    assert store.coaching.get_session(session_id).interview_ids == (two,)
    assert store.coaching.actions()[0].interview_id is None


def test_deleting_a_session_takes_its_reviews_and_actions_but_not_the_interviews(store: Store, make_interview):
    session_id, ids = a_session(store, make_interview)
    store.coaching.add_action(ActionItem("Practise", session_id=session_id))
    store.coaching.delete_session(session_id)
    assert store.coaching.sessions() == [] and store.coaching.actions() == []
    assert len(store.interviews.with_ids(ids)) == 2


def test_review_rows_carry_both_scores_with_not_sure_as_nan(store: Store, make_interview):
    session_id, (one, two) = a_session(store, make_interview)
    store.coaching.save_review(session_id, one, MentorReview({SKILLS: 5, CULTURE: 2}))
    rows = store.coaching.review_rows(mentor="sam lee")
    assert list(rows["interview_id"]) == [one, two]
    first = rows.iloc[0]
    assert (first["mentor"], first["skills_match"], first["mentor_skills_match"]) == ("Sam Lee", 4.0, 5.0)
    assert math.isnan(first["culture_fit"]) and first["mentor_culture_fit"] == 2.0
    assert math.isnan(rows.iloc[1]["mentor_skills_match"])
    assert store.coaching.review_rows(mentor="Alex").empty
    assert store.coaching.review_rows(until=date(2026, 11, 19)).empty


def test_interviews_between_is_inclusive_of_both_days_newest_first(store: Store, make_interview):
    for day in (1, 10, 20, 21):
        store.interviews.save(make_interview(interview_at=datetime(2026, 11, day, 23, 30), company=f"D{day}"),
                              now=FIXED_NOW)
    found = store.interviews.between(date(2026, 11, 10), date(2026, 11, 20))
    assert [i.company for i in found] == ["D20", "D10"]
    assert [i.company for i in store.interviews.between(date(2026, 11, 1), date(2026, 11, 30), limit=1)] == ["D21"]
