"""Today after a check-in went unanswered: the second check-in and the no-response suggestion, now and in the week."""

from __future__ import annotations

from datetime import datetime

from lib.domain.steps import StepKind, StepMark, StepStatus
from tests.app.helpers import TODAY, an_interview, open_menu, open_page, texts
from tests.factories import FIXED_NOW, D

# FIXED_NOW is Fri 20 Nov 2026, 17:00.


def unanswered(store, company: str, interview_on: str, check_in_on: str, second_on: str | None = None) -> int:
    """An interview whose thank-you went out, then a check-in (and maybe a second) that got no answer."""
    interview_id = store.interviews.save(
        an_interview(company=company, interview_at=datetime.combine(D(interview_on), datetime.min.time())),
        now=FIXED_NOW)
    person = store.interviews.get(interview_id).interviewers[0]
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, D(interview_on)))
    store.follow_up.mark(interview_id, StepMark(StepKind.CHECK_IN.value, StepStatus.DONE, D(check_in_on)))
    if second_on:
        store.follow_up.mark(interview_id, StepMark(StepKind.SECOND_CHECK_IN.value, StepStatus.DONE, D(second_on)))
    return interview_id


def test_due_now_shows_the_second_check_in_and_the_no_response_suggestion_with_its_reassurance(app, store):
    unanswered(store, "Nudge", "2026-11-02", check_in_on="2026-11-13")  # + 5 business days: today
    unanswered(store, "Silent", "2026-10-20", check_in_on="2026-10-23", second_on="2026-11-06")  # + 10: today
    page = texts(open_page(app, TODAY))
    assert "Second check-in" in page
    assert "No answer yet: record “no response”?" in page
    assert "Silence is common and it is not a verdict on you" in page
    assert page.count("Silence is common") == 1  # once, above the suggestion's actions


def test_the_day_count_tells_emails_to_send_from_a_silence_to_record(app, store):
    unanswered(store, "Nudge", "2026-11-02", check_in_on="2026-11-13")
    unanswered(store, "Silent", "2026-10-20", check_in_on="2026-10-23", second_on="2026-11-06")
    assert "**Today, Fri 20 Nov**: 1 to send, 1 to decide" in texts(open_page(app, TODAY))


def test_the_week_plan_names_the_silence_steps_and_drafts_only_emails(app, store):
    nudge = unanswered(store, "Nudge", "2026-11-09", check_in_on="2026-11-17")  # second check-in Tue 24 Nov
    silent = unanswered(store, "Silent", "2026-10-27", check_in_on="2026-11-03", second_on="2026-11-10")  # Tue 24
    at = open_page(app, TODAY)
    page = texts(at)
    assert "- Second check-in · Nudge" in page
    assert "- No answer yet: record “no response”? · Silent" in page
    at = open_menu(at, "wk.2026-11-24")  # Draft ahead, on Tuesday
    drafts = [b for b in at.button if b.key and b.key.startswith("wk") and b.key.endswith(".draft")]
    assert f"wk{silent}.no_response.draft" not in [b.key for b in drafts]  # nothing to write: a choice to make
    for button in drafts:  # every draft offered opens
        at = button.click().run()
        assert not at.exception, button.key
    assert {b.key for b in drafts} <= {f"wk{nudge}.second_check_in.draft"}
