"""The store checks what the user typed with the domain's own rules before it writes: bad input raises
ValidationError(field, message) and writes nothing, whoever the caller is (a page, the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from lib.domain.coaching import ActionItem, CoachingSession, MentorReview
from lib.domain.drafts import NAME_LIMIT, Template
from lib.domain.model import Dimension, ValidationError
from lib.domain.steps import StepKind
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

HELD_ON = date(2026, 11, 20)


def a_session(store: Store) -> int:
    interview_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    return store.coaching.start_session(CoachingSession("Sam Lee", HELD_ON, (interview_id,)), now=FIXED_NOW)


def writes_nothing(store: Store, write: Callable[[], object], field: str) -> None:
    """`write` raises ValidationError naming `field`, and neither the data nor its version changed."""
    version = store.data_version()
    with pytest.raises(ValidationError) as raised:
        write()
    assert field in raised.value.errors
    assert store.data_version() == version


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"company": "  "}, "company", id="no-company"),
        pytest.param({"duration_min": 0}, "duration_min", id="no-duration"),
        pytest.param({"interview_at": FIXED_NOW + timedelta(days=400)}, "interview_at", id="a-year-away"),
        pytest.param({"scores": {Dimension.SKILLS_MATCH: 6}}, "score.skills_match", id="score-6"),
    ],
)
def test_an_invalid_interview_raises_validation_error_and_writes_nothing(store: Store, change: dict, field: str):
    writes_nothing(store, lambda: store.interviews.save(build_interview(**change), now=FIXED_NOW), field)
    assert store.interviews.count() == 0


def test_a_valid_interview_is_saved_tidied(store: Store):
    saved_id = store.interviews.save(build_interview(company="  Acme  "), now=FIXED_NOW)
    assert store.interviews.get(saved_id).company == "Acme"


def test_saving_an_entry_discards_its_form_draft_in_the_same_write(store: Store):
    store.settings.save_form_draft("new", '{"company": "Acme"}')
    version = store.data_version()
    store.interviews.save(build_interview(), now=FIXED_NOW, discard_draft="new")
    assert store.settings.form_draft("new") is None
    assert store.data_version() == version + 1  # one transaction


def test_an_invalid_entry_keeps_its_form_draft(store: Store):
    store.settings.save_form_draft("new", '{"company": ""}')
    with pytest.raises(ValidationError):
        store.interviews.save(build_interview(company=""), now=FIXED_NOW, discard_draft="new")
    assert store.settings.form_draft("new") is not None


@pytest.mark.parametrize(
    ("session", "field"),
    [
        pytest.param(CoachingSession(" ", HELD_ON, (1,)), "mentor", id="no-mentor"),
        pytest.param(CoachingSession("Sam", HELD_ON, ()), "interview_ids", id="no-interviews"),
        pytest.param(CoachingSession("Sam", HELD_ON + timedelta(days=800), (1,)), "held_on", id="a-year-away"),
    ],
)
def test_an_invalid_session_raises_validation_error_and_writes_nothing(store: Store, session, field: str):
    store.interviews.save(build_interview(), now=FIXED_NOW)
    writes_nothing(store, lambda: store.coaching.start_session(session, now=FIXED_NOW), field)
    assert store.coaching.sessions() == []


def test_an_invalid_review_raises_validation_error_and_writes_nothing(store: Store):
    session_id = a_session(store)
    [interview_id] = store.coaching.get_session(session_id).interview_ids
    review = MentorReview({Dimension.SKILLS_MATCH: 0}, "fine")
    writes_nothing(store, lambda: store.coaching.save_review(session_id, interview_id, review), "mentor.skills_match")
    assert store.coaching.reviews(session_id)[interview_id] == MentorReview({d: None for d in Dimension}, "")


def test_an_invalid_action_raises_validation_error_and_writes_nothing(store: Store):
    session_id = a_session(store)
    blank = ActionItem("   ", session_id=session_id)
    writes_nothing(store, lambda: store.coaching.add_action(blank), "text")
    assert store.coaching.actions() == []


def test_an_invalid_draft_template_raises_validation_error_and_writes_nothing(store: Store):
    broken = Template(StepKind.THANK_YOU, "Thanks", "Dear {frist_name}")
    writes_nothing(store, lambda: store.settings.save_draft_template(broken), "body")
    assert store.settings.draft_templates() == {}


def test_a_too_long_name_raises_validation_error_and_writes_nothing(store: Store):
    writes_nothing(store, lambda: store.settings.save("your_name", "A" * (NAME_LIMIT + 1)), "your_name")
    assert store.settings.get("your_name", "unset") == "unset"


def test_your_name_is_saved_tidied(store: Store):
    store.settings.save("your_name", "  Alex   Morgan ")
    assert store.settings.get("your_name") == "Alex Morgan"
