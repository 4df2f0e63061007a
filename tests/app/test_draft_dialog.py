"""The Draft dialog: topics offered as short phrases, a typed topic cleaned, and your name asked for once."""

from __future__ import annotations

from datetime import datetime

from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.app.helpers import ENTRYPOINT, TODAY, an_interview, open_page, open_tab, texts
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
    at = open_tab(open_page(app, TEMPLATES), "tpl.tab", "Thank-you note")  # the tab these assertions read
    assert "with no topic: its notes hold no short phrase to offer" in texts(at)


# --- your name, asked once ---------------------------------------------------------------------------

NAME = "draft.your_name"  # the prompt's keys in the Draft dialog


def test_with_no_name_saved_the_draft_asks_for_it_and_is_signed_with_it_once_saved(app, store):
    interview = saved(store)
    at = open_thank_you(app, interview)
    field = at.text_input(key=f"{NAME}.name")
    assert field.label == "Your name (used to sign your emails)"
    assert body(at).endswith("Best wishes,\n[your name]")
    field.input("  Alex   Morgan ")
    at = at.button(key=f"{NAME}.save").click().run()
    assert not at.exception
    assert (store.settings.get("your_name"), store.settings.get("your_name_asked")) == ("Alex Morgan", "saved")
    assert body(at).endswith("Best wishes,\nAlex Morgan")  # the dialog stays open, signed
    assert [s.value for s in at.success] == ["Saved: your emails are signed “Alex Morgan”."]
    assert f"{NAME}.name" not in [t.key for t in at.text_input]
    assert not any("Fill in" in w.value for w in at.warning)


def test_a_saved_name_is_never_asked_for(app, store):
    interview = saved(store)
    store.settings.save("your_name", "Alex Morgan")
    at = open_thank_you(app, interview)
    assert body(at).endswith("Best wishes,\nAlex Morgan")
    assert f"{NAME}.name" not in [t.key for t in at.text_input]


def test_not_now_is_remembered_so_the_next_draft_does_not_ask_again(app, store):
    interview = saved(store)
    at = open_thank_you(app, interview)
    at = at.button(key=f"{NAME}.not_now").click().run()
    assert store.settings.get("your_name_asked") == "not now"
    assert store.settings.get("your_name") == ""
    assert f"{NAME}.name" not in [t.key for t in at.text_input]
    assert body(at).endswith("[your name]")  # still flagged to fill in before sending
    assert "Not asked again: add your name on the Templates page whenever you like." in texts(at)
    again = open_thank_you(AppTest.from_file(ENTRYPOINT, default_timeout=30), interview)  # a new session
    assert code_blocks_shown(again) and f"{NAME}.name" not in [t.key for t in again.text_input]


def test_saving_an_empty_name_says_so_beside_the_field_and_saves_nothing(app, store):
    interview = saved(store)
    at = open_thank_you(app, interview)
    at = at.button(key=f"{NAME}.save").click().run()
    assert "Your name is empty: type it, or choose Not now." in [e.value for e in at.error]
    assert (store.settings.get("your_name"), store.settings.get("your_name_asked")) == ("", "")
    assert f"{NAME}.name" in [t.key for t in at.text_input]  # still asking


def test_a_name_saved_on_templates_then_cleared_is_not_asked_for_again(app, store):
    interview = saved(store)
    at = open_page(app, TEMPLATES)
    at.text_input(key="tpl.your_name").input("Alex")
    at = at.button(key="tpl.save_name").click().run()
    at.text_input(key="tpl.your_name").input("")
    at.button(key="tpl.save_name").click().run()
    assert store.settings.get("your_name") == ""
    at = open_thank_you(AppTest.from_file(ENTRYPOINT, default_timeout=30), interview)
    assert code_blocks_shown(at) and f"{NAME}.name" not in [t.key for t in at.text_input]


def _a_page_that_asks_after_a_save() -> None:
    from lib.ui.your_name import ask_name_once

    ask_name_once("log.your_name")


def test_the_prompt_other_pages_can_call_shows_only_until_the_name_is_saved(store):
    at = AppTest.from_function(_a_page_that_asks_after_a_save, default_timeout=30).run()
    assert [t.label for t in at.text_input] == ["Your name (used to sign your emails)"]
    at.text_input(key="log.your_name.name").input("Sam Lee")
    at = at.button(key="log.your_name.save").click().run()
    assert store.settings.get("your_name") == "Sam Lee"
    assert not at.text_input and not at.button
    assert not AppTest.from_function(_a_page_that_asks_after_a_save, default_timeout=30).run().text_input


def code_blocks_shown(at) -> bool:
    return len(at.code) == 2  # the draft's subject and body: the dialog is open
