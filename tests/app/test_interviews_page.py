"""The Interviews page: every entry with its follow-up timeline, and the actions on it."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.model import Interviewer, Outcome
from lib.domain.steps import StepMark, StepStatus
from tests.app.helpers import INTERVIEWS, an_interview, badges, open_details, open_menu, open_page, texts
from tests.factories import FIXED_NOW


def test_with_no_entries_it_points_to_the_log_form(app):
    at = open_page(app, INTERVIEWS)
    assert "No interviews yet" in at.info[0].value
    assert [p.label for p in at.page_link] == ["Log your first interview"]


def test_each_entry_shows_its_timeline_with_status_and_why(app, store):
    store.interviews.save(an_interview(recruiter="Sam Lee", stated_timeframe="within 2 weeks"), now=FIXED_NOW)
    interview_id = store.interviews.find()[0].id
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    page = texts(at)
    assert "**Acme: Data engineer**" in page
    assert "**Next:** Update the recruiter (Sam Lee) :orange-badge[Due today]" in page
    assert "Thank Jane Doe for their time" not in page  # each step's why waits in Details
    assert len(at.image) == 1 and "Check in: not yet, Wed 9 Dec" in at.image[0].proto.imgs[0].alt
    at = open_details(at, interview_id)
    page = texts(at)
    assert "Thank Jane Doe for their time" in page  # the why, beside the step
    assert ":orange-badge[Due today]" in badges(at)  # the recruiter update and the thank-you
    assert any("Not yet: wait until Wed 9 Dec" in b for b in badges(at))  # check-in after the timeframe
    assert at.button(key=f"iv{interview_id}.details_toggle").label == "Hide details"


def test_marking_the_thank_you_sent_moves_the_soft_touch(app, store):
    interview_id = store.interviews.save(an_interview(), now=FIXED_NOW)
    person = store.interviews.get(interview_id).interviewers[0]
    at = open_details(open_page(app, INTERVIEWS), interview_id)
    assert any("Not yet: wait until Fri 27 Nov" in b for b in badges(at))  # soft touch while unsent
    key = f"iv{interview_id}.thank_you:{person.id}"
    at = open_menu(at, f"{key}.more")
    at.date_input(key=f"{key}.on").set_value(date(2026, 11, 20))
    at = at.button(key=f"{key}.done").click().run()
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    assert marks == [StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 20))]
    assert any("Done Fri 20 Nov" in b for b in badges(at))
    assert any("Not yet: wait until Fri 27 Nov" in b for b in badges(at))
    # sent a day later instead: the soft touch follows it
    at = open_menu(at, f"iv{interview_id}.undo_menu")
    at.button(key=f"{key}.undo").click().run()
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 23)))
    at = open_details(open_page(app, INTERVIEWS), interview_id)
    assert any("Not yet: wait until Mon 30 Nov" in b for b in badges(at))


def test_a_steps_rarer_actions_wait_behind_more_and_are_drawn_only_once_it_opens(app, store):
    interview_id = store.interviews.save(an_interview(), now=FIXED_NOW)
    key = f"iv{interview_id}.soft_touch"
    at = open_details(open_page(app, INTERVIEWS), interview_id)
    shown = {b.key for b in at.button}
    assert f"{key}.draft" in shown  # Draft stays in sight
    assert not {f"{key}.done", f"{key}.snooze", f"{key}.skip"} & shown and not at.date_input  # nothing drawn yet
    at = open_menu(at, f"{key}.more")
    assert {f"{key}.done", f"{key}.snooze", f"{key}.skip"} <= {b.key for b in at.button}
    assert [d.key for d in at.date_input] == [f"{key}.on", f"{key}.until"]  # done on, snooze until


def test_a_step_can_be_skipped_and_undone(app, store):
    interview_id = store.interviews.save(an_interview(), now=FIXED_NOW)
    at = open_menu(open_details(open_page(app, INTERVIEWS), interview_id), f"iv{interview_id}.soft_touch.more")
    at = at.button(key=f"iv{interview_id}.soft_touch.skip").click().run()
    assert store.follow_up.marks_for([interview_id])[interview_id][0].status is StepStatus.SKIPPED
    assert ":gray-badge[Skipped]" in badges(at)  # one line, with the other settled steps
    at = open_menu(at, f"iv{interview_id}.undo_menu")
    at = at.button(key=f"iv{interview_id}.soft_touch.undo").click().run()
    assert store.follow_up.marks_for([interview_id])[interview_id] == []


def test_recording_an_outcome_closes_the_open_steps(app, store):
    interview_id = store.interviews.save(an_interview(), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert f"iv{interview_id}.outcome_menu" not in at.session_state  # drawn in Details: rarer than the next step
    at = open_menu(open_details(at, interview_id), f"iv{interview_id}.outcome_menu")
    at.selectbox(key=f"iv{interview_id}.outcome").set_value(Outcome.NEXT_ROUND).run()
    at = at.button(key=f"iv{interview_id}.save").click().run()
    assert store.interviews.get(interview_id).outcome is Outcome.NEXT_ROUND
    assert not at.session_state[f"iv{interview_id}.outcome_menu"]  # the menu closed on its own
    assert "**Follow-up closed:** next round booked." in texts(at)
    assert sum("Closed: an outcome is recorded" in b for b in badges(at)) == 3  # thank-you, soft touch, check-in


def test_filters_narrow_the_list_and_live_in_the_url(app, store):
    store.interviews.save(an_interview(), now=FIXED_NOW)
    store.interviews.save(an_interview(company="Globex", interviewers=(Interviewer("Raj Patel"),)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, q="raj")
    page = texts(at)
    assert "Globex: Data engineer" in page and "Acme: Data engineer" not in page
    assert "1 interview, newest first" in page


def test_a_deep_link_shows_just_that_entry(app, store):
    store.interviews.save(an_interview(), now=FIXED_NOW)
    second = store.interviews.save(an_interview(company="Globex", interview_at=datetime(2026, 11, 18, 10, 0)),
                                   now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(second))
    page = texts(at)
    assert "Globex: Data engineer" in page and "Acme: Data engineer" not in page


def test_entries_scored_without_evidence_are_flagged(app, store):
    store.interviews.save(an_interview(evidence={}), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert any("no evidence: skills, enthusiasm]" in b for b in badges(at))  # culture fit is "not sure yet"


def test_user_text_is_shown_as_text_not_markup(app, store):
    interview_id = store.interviews.save(
        an_interview(company="<b>Evil</b> *Corp*", notes="[click](javascript:alert(1)) $5 $6"), now=FIXED_NOW
    )
    at = open_page(app, INTERVIEWS)
    assert not [m for m in at.markdown if "**Notes:**" in m.value]  # drawn once Details opens
    at = open_details(at, interview_id)
    headings = [m.value.splitlines()[0] for m in at.markdown if m.value.startswith("**\\<b")]
    assert headings == ["**\\<b\\>Evil\\</b\\> \\*Corp\\*: Data engineer**  "]
    notes = [line for m in at.markdown for line in m.value.split("\n\n") if line.startswith("**Notes:**")]
    assert notes == ["**Notes:** \\[click\\]\\(javascript\\:alert\\(1\\)\\) \\$5 \\$6"]
