"""Follow-up actions in the app: drafts, snooze, the week plan, templates, and one "mark done"."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.domain.drafts import Template
from lib.domain.steps import StepKind, StepMark, StepSnooze, StepStatus
from lib.store import Store
from tests.app.helpers import (
    INTERVIEWS,
    TODAY,
    an_interview,
    badges,
    open_details,
    open_menu,
    open_page,
    open_tab,
    texts,
)
from tests.factories import FIXED_NOW

TEMPLATES = "pages/templates.py"
FRIDAY = date(2026, 11, 20)  # the pinned clock: Fri 20 Nov 2026, 17:00


def saved(store: Store, **overrides):
    overrides.setdefault("notes", "Their move to Kafka next quarter\nTeam of six")
    return store.interviews.get(store.interviews.save(an_interview(**overrides), now=FIXED_NOW))


def thank_you_key(interview) -> str:
    return f"thank_you:{interview.interviewers[0].id}"


def open_draft(at, key: str):
    """Click a step's Draft button; the draft opens in a dialog."""
    return at.button(key=f"{key}.draft").click().run()


def code_blocks(at) -> list[str]:
    return [c.value for c in at.code]


def previews(at) -> list[str]:
    """The Templates page's previews: plain text, read like the email they become."""
    return [t.value for t in at.text]


# --- drafts -------------------------------------------------------------------------------------


def test_a_due_thank_you_opens_as_a_draft_ready_to_copy_and_mail(app, store):
    interview = saved(store)
    at = open_page(app, TODAY)
    at = open_draft(at, f"td{interview.id}.{thank_you_key(interview)}")
    assert not at.exception
    subject, body = code_blocks(at)  # st.code: each has a copy button
    assert subject == "Thank you: Data engineer interview"
    assert body.startswith("Hi Jane,\n\nThank you for taking the time to talk with me on Friday 20 November")
    assert "[your name]" in body
    assert "Fill in before sending: \\[your name\\]" in [w.value for w in at.warning]
    [mail] = at.get("link_button")
    url = urlsplit(mail.proto.url)
    assert (url.scheme, url.path) == ("mailto", "jane@acme.example")
    assert parse_qs(url.query)["subject"] == [subject]
    assert parse_qs(url.query)["body"] == [body.replace("\n", "\r\n")]
    assert [b.label for b in at.get("download_button")][-1] == "Add to calendar"


def test_picking_a_topic_from_the_notes_puts_it_in_the_draft(app, store):
    interview = saved(store)
    at = open_draft(open_page(app, TODAY), f"td{interview.id}.{thank_you_key(interview)}")
    key = f"draft.{interview.id}.{thank_you_key(interview)}"
    assert at.selectbox(key=f"{key}.topic").options[:2] == ["the move to Kafka next quarter", "team of six"]
    at = at.selectbox(key=f"{key}.topic").select("the move to Kafka next quarter").run()
    assert "I especially enjoyed discussing the move to Kafka next quarter." in code_blocks(at)[1]


def test_the_draft_can_be_edited_in_place_and_the_edit_is_what_gets_mailed(app, store):
    interview = saved(store)
    at = open_draft(open_page(app, TODAY), f"td{interview.id}.{thank_you_key(interview)}")
    key = f"draft.{interview.id}.{thank_you_key(interview)}"
    at = at.toggle(key=f"{key}.editing").set_value(True).run()
    assert at.text_area(key=f"{key}.body_w").value.startswith("Hi Jane,")
    at.text_area(key=f"{key}.body_w").input("Hi Jane,\n\nThanks so much!\n\nAlex")
    at = at.toggle(key=f"{key}.editing").set_value(False).run()
    assert code_blocks(at)[1] == "Hi Jane,\n\nThanks so much!\n\nAlex"
    [mail] = at.get("link_button")
    assert parse_qs(urlsplit(mail.proto.url).query)["body"] == ["Hi Jane,\r\n\r\nThanks so much!\r\n\r\nAlex"]
    at = at.toggle(key=f"{key}.editing").set_value(True).run()
    at = at.button(key=f"{key}.reset").click().run()
    assert code_blocks(at)[1].startswith("Hi Jane,\n\nThank you for taking the time")


def test_marking_it_sent_from_the_draft_records_it_and_today_updates(app, store):
    interview = saved(store)
    at = open_page(app, TODAY)
    assert "Thank-you note to Jane Doe" in texts(at)
    key = f"draft.{interview.id}.{thank_you_key(interview)}"
    at = open_draft(at, f"td{interview.id}.{thank_you_key(interview)}")
    at = at.button(key=f"{key}.sent").click().run()
    assert not at.exception
    assert store.follow_up.marks_for([interview.id])[interview.id] == [
        StepMark(thank_you_key(interview), StepStatus.DONE, FRIDAY)
    ]
    assert f"{key}.sent" not in [b.key for b in at.button]  # the dialog closed
    assert "All caught up" in texts(at)


@pytest.mark.parametrize("where", ["today", "interviews", "draft"])
def test_marking_done_from_today_interviews_or_the_draft_is_the_same_record(app, store, where):
    interview = saved(store)
    step = thank_you_key(interview)
    page, prefix = (INTERVIEWS, f"iv{interview.id}") if where == "interviews" else (TODAY, f"td{interview.id}")
    at = open_page(app, page)
    if where == "interviews":
        at = open_details(at, interview.id)
    if where == "draft":
        at = open_draft(at, f"{prefix}.{step}")
        at.button(key=f"draft.{interview.id}.{step}.sent").click().run()
    else:
        at = open_menu(at, f"{prefix}.{step}.more")  # More…
        at.button(key=f"{prefix}.{step}.done").click().run()  # … Mark done, dated today
    assert store.follow_up.marks_for([interview.id])[interview.id] == [StepMark(step, StepStatus.DONE, FRIDAY)]


def test_the_done_on_picker_runs_from_the_interview_day_to_today(app, store):
    interview = saved(store, interview_at=datetime(2026, 11, 18, 10, 0))  # Wed 18 Nov
    key = f"iv{interview.id}.{thank_you_key(interview)}"
    at = open_menu(open_details(open_page(app, INTERVIEWS), interview.id), f"{key}.more")
    picker = at.date_input(key=f"{key}.on")
    assert (picker.min, picker.max) == (date(2026, 11, 18), FRIDAY)


def test_a_users_template_and_name_are_used_in_every_draft(app, store):
    interview = saved(store)
    store.settings.save_draft_template(
        Template(StepKind.THANK_YOU, "Thanks, {first_name}!", "Dear {first_name},\n{your_name}")
    )
    store.settings.save("your_name", "Alex Morgan")
    at = open_draft(open_page(app, TODAY), f"td{interview.id}.{thank_you_key(interview)}")
    assert code_blocks(at) == ["Thanks, Jane!", "Dear Jane,\nAlex Morgan"]
    assert "Written from your template." in texts(at)
    assert not any("Fill in" in w.value for w in at.warning)


# --- snooze -------------------------------------------------------------------------------------


def test_a_step_is_snoozed_with_a_reason_and_the_timeline_says_so(app, store):
    interview = saved(store)
    key = f"iv{interview.id}.check_in"
    at = open_menu(open_details(open_page(app, INTERVIEWS), interview.id), f"{key}.more")
    at.date_input(key=f"{key}.until").set_value(date(2026, 12, 9))
    at.text_input(key=f"{key}.reason").input("Recruiter said the team is at a conference")
    at = at.button(key=f"{key}.snooze").click().run()
    assert not at.exception
    [snooze] = store.follow_up.snoozes_for([interview.id])[interview.id]
    assert (snooze.step_key, snooze.until) == ("check_in", date(2026, 12, 9))
    assert any("Snoozed until Wed 9 Dec" in b for b in badges(at))
    assert "Snoozed from Fri 4 Dec: Recruiter said the team is at a conference." in texts(at)
    assert any("Due today" in b for b in badges(at))  # the thank-you did not move
    assert "Calendar" in [b.label for b in at.get("download_button")]  # this interview's open steps
    assert not at.session_state[f"{key}.more"]  # the menu closed on its own
    at = open_menu(at, f"{key}.more").button(key=f"{key}.unsnooze").click().run()
    assert store.follow_up.snoozes_for([interview.id])[interview.id] == []
    assert not any("Snoozed" in b for b in badges(at))


def test_a_snooze_without_a_reason_is_refused_beside_the_field(app, store):
    interview = saved(store)
    key = f"iv{interview.id}.check_in"
    at = open_menu(open_details(open_page(app, INTERVIEWS), interview.id), f"{key}.more")
    at.date_input(key=f"{key}.until").set_value(date(2026, 12, 9))
    at = at.button(key=f"{key}.snooze").click().run()
    assert store.follow_up.snoozes_for([interview.id])[interview.id] == []
    assert "Say why, in a few words: it is shown beside the step" in [e.value for e in at.error]


def test_a_snoozed_step_due_again_shows_on_today_with_its_reason(app, store):
    interview = saved(store, interview_at=datetime(2026, 11, 10, 14, 0))
    store.follow_up.snooze(interview.id, StepSnooze(thank_you_key(interview), date(2026, 11, 19), "waited for Tom"))
    at = open_page(app, TODAY)
    assert "Snoozed from Tue 10 Nov: waited for Tom" in texts(at)
    assert any("Overdue since Thu 19 Nov" in b for b in badges(at))


# --- the week plan ------------------------------------------------------------------------------


def test_today_shows_the_week_ahead_day_by_day(app, store):
    interview = saved(store, interview_at=datetime(2026, 11, 16, 10, 0), stated_timeframe="within 1 week")
    store.follow_up.mark(interview.id, StepMark(thank_you_key(interview), StepStatus.DONE, date(2026, 11, 16)))
    at = open_page(app, TODAY)
    page = texts(at)
    assert "Your week" in page
    assert "**Today, Fri 20 Nov**: nothing to send" in page
    assert "Nothing to send on Sat 21 Nov, Sun 22 Nov, Tue 24 Nov, Wed 25 Nov." in page
    assert "**Mon 23 Nov**\n- Soft touch · Acme" in page and "**Thu 26 Nov**\n- Status check-in · Acme" in page
    assert not [b for b in at.button if b.key and b.key.startswith("wk")]  # drafts wait behind "Draft ahead"
    at = open_menu(open_menu(at, "wk.2026-11-23"), "wk.2026-11-26")
    week_items = [b.label for b in at.button if b.key and b.key.startswith("wk")]
    assert week_items == ["Soft touch · Acme", "Status check\\-in · Acme"]  # labels are Markdown, escaped
    assert "All caught up" in page
    assert "Add all open steps to your calendar" in [b.label for b in at.get("download_button")]
    at = at.button(key=f"wk{interview.id}.soft_touch.draft").click().run()
    assert code_blocks(at)[0] == "Thought you might enjoy this"


def test_a_quiet_week_gets_a_warm_word(app, store):
    interview = saved(store, interview_at=datetime(2026, 11, 20, 9, 0))
    store.follow_up.mark(interview.id, StepMark(thank_you_key(interview), StepStatus.DONE, FRIDAY))
    store.follow_up.mark(interview.id, StepMark("soft_touch", StepStatus.SKIPPED, FRIDAY))
    at = open_page(app, TODAY)
    assert "All caught up: nothing to send right now" in texts(at)
    assert "A quiet week" in texts(at)


def test_overdue_steps_are_pinned_to_today(app, store):
    saved(store, interview_at=datetime(2026, 11, 10, 14, 0))
    at = open_page(app, TODAY)
    assert "**Today, Fri 20 Nov**: 2 to send, 1 overdue" in texts(at)  # the thank-you and the open check-in


# --- templates page -------------------------------------------------------------------------------


def test_the_templates_page_saves_a_template_and_names_an_unknown_placeholder(app, store):
    at = open_tab(open_page(app, TEMPLATES), "tpl.tab", "Thank-you note")  # the tab these assertions read
    assert not at.exception
    assert at.title[0].value == "Templates"
    body = at.text_area(key="tpl.thank_you.body")
    assert body.value.startswith("Hi {first_name},")
    body.input("Hi {frist_name},\nThanks!")
    at = at.button(key="tpl.thank_you.save").click().run()
    assert store.settings.draft_templates() == {}
    [message] = [e.value for e in at.error]
    assert "uses {frist_name}, which is not a placeholder. Did you mean {first_name}?" in message
    at.text_area(key="tpl.thank_you.body").input("Hi {first_name},\nThanks! {{braces}}")
    at = at.button(key="tpl.thank_you.save").click().run()
    assert store.settings.draft_templates()[StepKind.THANK_YOU].body == "Hi {first_name},\nThanks! {{braces}}"
    assert at.error == []
    assert any("Hi Jane,\nThanks! {braces}" in c for c in previews(at))  # no entries yet: the sample fills it
    at = at.button(key="tpl.thank_you.reset").click().run()
    assert store.settings.draft_templates() == {}
    assert at.text_area(key="tpl.thank_you.body").value.startswith("Hi {first_name},\n\nThank you")


def test_unbalanced_braces_are_refused_on_the_templates_page(app, store):
    at = open_page(app, TEMPLATES)
    at = open_tab(at, "tpl.tab", "Status check-in")  # only the open tab's editor is drawn
    at.text_input(key="tpl.check_in.subject").input("Checking in {role")
    at = at.button(key="tpl.check_in.save").click().run()
    assert "has a “{” that is never closed" in at.error[0].value
    assert store.settings.draft_templates() == {}


def test_your_name_is_saved_and_signs_the_preview(app, store):
    at = open_tab(open_page(app, TEMPLATES), "tpl.tab", "Thank-you note")  # the tab these assertions read
    at.text_input(key="tpl.your_name").input("  Alex   Morgan ")
    at = at.button(key="tpl.save_name").click().run()
    assert store.settings.get("your_name") == "Alex Morgan"
    assert any(c.endswith("Best wishes,\nAlex Morgan") for c in previews(at))


def test_the_preview_says_whether_a_topic_from_the_notes_was_used(app, store):
    saved(store, notes="")
    at = open_tab(open_page(app, TEMPLATES), "tpl.tab", "Thank-you note")  # the tab these assertions read
    assert "with no topic: its notes are empty" in texts(at)
    saved(store, notes="Their move to Kafka next quarter", interview_at=datetime(2026, 11, 20, 16, 0))
    at = open_tab(open_page(app, TEMPLATES), "tpl.tab", "Thank-you note")  # the tab these assertions read
    assert "with the first topic from its notes" in texts(at)
    assert any("the move to Kafka next quarter" in c for c in previews(at))
    assert not at.code  # a preview, not a block of code: the copy button is the draft's
