"""The Draft dialog: topics offered as short phrases, a typed topic cleaned, and your name asked for once."""

from __future__ import annotations

from datetime import datetime

from lib.store import Store
from tests.app.helpers import TODAY, an_interview, open_page, texts
from tests.factories import FIXED_NOW

TEMPLATES = "pages/templates.py"


def saved(store: Store, **overrides):
    overrides.setdefault("notes", "They asked about on-call.\nDiscussed the migration to Kafka and team rituals")
    return store.interviews.get(store.interviews.save(an_interview(**overrides), now=FIXED_NOW))


def draft_key(interview) -> str:
    return f"draft.{interview.id}.thank_you:{interview.interviewers[0].id}"


def open_thank_you(app, interview):
    at = open_page(app, TODAY)
    return at.button(key=f"td{interview.id}.thank_you:{interview.interviewers[0].id}.draft").click().run()


def body(at) -> str:
    return at.code[1].value


# --- topics ----------------------------------------------------------------------------------------


def test_the_draft_offers_short_phrases_not_the_notes_sentences(app, store):
    interview = saved(store)
    at = open_thank_you(app, interview)
    picker = at.selectbox(key=f"{draft_key(interview)}.topic")
    assert picker.options == ["on-call", "the migration to Kafka", "team rituals"]
    at = picker.select("on-call").run()
    assert "I especially enjoyed discussing on-call.\n" in body(at)


def test_a_topic_typed_as_a_sentence_is_cleaned_before_it_goes_in_the_draft(app, store):
    interview = saved(store)
    at = open_thank_you(app, interview)
    picker = at.selectbox(key=f"{draft_key(interview)}.topic")
    picker.options.append("We talked about The roadmap.")  # typed: the browser sends it as a new option
    at = picker.select("We talked about The roadmap.").run()
    assert "I especially enjoyed discussing the roadmap.\n" in body(at)


def test_the_templates_preview_says_when_the_notes_offer_no_short_phrase(app, store):
    saved(store, notes="Felt nervous at the start", interview_at=datetime(2026, 11, 20, 16, 0))
    at = open_page(app, TEMPLATES)
    assert "with no topic: its notes hold no short phrase to offer" in texts(at)
