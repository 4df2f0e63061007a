"""Silence after a check-in in the app: the second check-in's draft and template, the one-click "no response",
and a round that a later round closed showing why."""

from __future__ import annotations

from datetime import datetime

from lib.domain.model import Outcome
from lib.domain.steps import StepKind, StepMark, StepStatus
from lib.store import Store
from tests.app.helpers import INTERVIEWS, TODAY, an_interview, badges, open_menu, open_page, open_tab, texts
from tests.factories import FIXED_NOW, D

TEMPLATES = "pages/templates.py"
OCT_12 = datetime(2026, 10, 12, 14, 0)  # a Monday, five weeks before the pinned clock (Fri 20 Nov 2026, 17:00)


def silent_since_the_second_check_in(store: Store) -> int:
    """Check-in sent Mon 26 Oct, second one Mon 2 Nov, no answer: the suggestion is open since Mon 16 Nov."""
    interview_id = store.interviews.save(an_interview(interview_at=OCT_12), now=OCT_12)
    store.follow_up.mark(interview_id, StepMark("check_in", StepStatus.DONE, D("2026-10-26")))
    store.follow_up.mark(interview_id, StepMark("second_check_in", StepStatus.DONE, D("2026-11-02")))
    return interview_id


def test_the_no_response_suggestion_offers_one_click_and_reassures(app, store):
    interview_id = silent_since_the_second_check_in(store)
    at = open_page(app, TODAY)
    assert not at.exception
    key = f"td{interview_id}.no_response"
    assert at.button(key=f"{key}.no_response").label == "Record no response"
    assert f"{key}.draft" not in [b.key for b in at.button]  # no email goes with it
    assert "Silence is common and it is not a verdict on you" in texts(at)
    assert ":blue-badge[Open since Mon 16 Nov]" in badges(at)  # a suggestion, never overdue


def test_recording_no_response_sets_the_outcome_and_closes_the_follow_up(app, store):
    interview_id = silent_since_the_second_check_in(store)
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview_id}.no_response.no_response").click().run()
    assert not at.exception
    saved = store.interviews.get(interview_id)
    assert (saved.outcome, saved.outcome_on) == (Outcome.NO_RESPONSE, FIXED_NOW.date())
    flash = "Recorded: no response. If they write back, change the outcome on Interviews."
    assert [t.value for t in at.toast] == [flash]
    assert f"td{interview_id}.no_response.no_response" not in [b.key for b in at.button]
    assert store.interviews.open() == []


def test_not_yet_snoozes_the_suggestion(app, store):
    interview_id = silent_since_the_second_check_in(store)
    key = f"td{interview_id}.no_response"
    at = open_menu(open_page(app, TODAY), f"{key}.more")
    at.date_input(key=f"{key}.until").set_value(D("2026-11-30"))
    at.text_input(key=f"{key}.reason").input("the recruiter is on leave")
    at = at.button(key=f"{key}.snooze").click().run()
    assert not at.exception
    [snooze] = store.follow_up.snoozes_for([interview_id])[interview_id]
    assert (snooze.step_key, snooze.until) == ("no_response", D("2026-11-30"))
    assert store.interviews.get(interview_id).outcome is Outcome.PENDING


def test_the_interviews_timeline_shows_the_suggestion_with_its_why_once(app, store):
    interview_id = silent_since_the_second_check_in(store)
    at = open_page(app, INTERVIEWS, id=str(interview_id))
    assert not at.exception
    assert texts(at).count("Silence is common and it is not a verdict on you") == 1
    assert any(b.label == "Record no response" for b in at.button)


def test_drafting_ahead_a_suggestion_from_the_week_plan_shows_its_actions_not_an_email(app, store):
    interview_id = silent_since_the_second_check_in(store)
    at = open_page(app, TODAY)
    at.session_state["draft.open"] = (interview_id, "no_response")
    at = at.run()
    assert not at.exception
    assert not at.code  # no email text
    at = at.button(key=f"draft.{interview_id}.no_response.no_response").click().run()
    assert store.interviews.get(interview_id).outcome is Outcome.NO_RESPONSE
    assert "draft.open" not in at.session_state


def test_a_sent_check_in_brings_the_second_one_with_its_draft(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=OCT_12), now=OCT_12)
    store.follow_up.mark(interview_id, StepMark("check_in", StepStatus.DONE, D("2026-11-09")))
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview_id}.second_check_in.draft").click().run()
    assert not at.exception
    subject, body = [c.value for c in at.code]
    assert subject == "Re: Checking in: Data engineer at Acme"
    assert "I am following up on my earlier note about the Data engineer role." in body


def test_the_templates_page_lists_the_second_check_in_and_saves_it(app, store):
    at = open_page(app, TEMPLATES)
    assert not at.exception
    assert "Second check-in" in [tab.label for tab in at.tabs]
    at = open_tab(at, "tpl.tab", "Second check-in")  # only the open tab's editor is drawn
    body = at.text_area(key="tpl.second_check_in.body")
    assert body.value.startswith("Hi {first_name},\n\nI am following up on my earlier note")
    body.input("Hi {first_name},\nAny news?\n{your_name}")
    at = at.button(key="tpl.second_check_in.save").click().run()
    assert store.settings.draft_templates()[StepKind.SECOND_CHECK_IN].body == "Hi {first_name},\nAny news?\n{your_name}"
    assert [t.value for t in at.toast] == ["Saved your second check-in template."]
    assert any(t.value.endswith("Hi Sam,\nAny news?\n[your name]") for t in at.text)  # the sample (via its recruiter)


def test_a_round_closed_by_the_next_one_shows_why_on_interviews(app, store):
    first = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 2, 10, 0)), now=FIXED_NOW)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 25, 10, 0)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(first))
    assert not at.exception
    assert "**Follow-up closed:** round 2 is booked." in texts(at)  # on the card, in a few words
    # a deep link opens the entry's Details: the whole why, and the closed steps
    assert "Round 2 is booked (Wed 25 Nov), so no check-in is needed: this round moved you on." in texts(at)
    assert ":gray-badge[Closed: round 2 is booked]" in badges(at)


def test_the_week_plan_names_the_second_check_in_and_the_suggestion_on_their_days(app, store):
    nudge = store.interviews.save(an_interview(interview_at=OCT_12, company="Globex"), now=OCT_12)
    store.follow_up.mark(nudge, StepMark("check_in", StepStatus.DONE, D("2026-11-16")))  # second one: Mon 23 Nov
    silent = store.interviews.save(an_interview(interview_at=OCT_12), now=OCT_12)
    store.follow_up.mark(silent, StepMark("check_in", StepStatus.DONE, D("2026-10-26")))
    store.follow_up.mark(silent, StepMark("second_check_in", StepStatus.DONE, D("2026-11-10")))  # Tue 24 Nov
    at = open_page(app, TODAY)
    assert not at.exception
    assert "**Mon 23 Nov**\n- Second check-in · Globex" in texts(at)
    assert "**Tue 24 Nov**\n- No answer yet: record “no response”? · Acme" in texts(at)
