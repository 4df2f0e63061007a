"""The Interviews page as compact cards: what a card holds closed, what Details draws once open,
all thank-you notes marked sent in one click (and undone), and paging kept in the URL."""

from __future__ import annotations

from datetime import datetime, timedelta

from lib.domain.model import Interviewer
from lib.domain.steps import StepKind, StepMark, StepStatus
from tests.app.helpers import INTERVIEWS, an_interview, open_details, open_page, texts
from tests.factories import FIXED_NOW

THREE = (Interviewer("Ana Ruiz"), Interviewer("Ben Okafor"), Interviewer("Cleo Park"))
NOV_20 = datetime(2026, 11, 20, 10, 0)  # the clock is 17:00 that day: every thank-you is due


def thank_you_marks(store, interview_id: int) -> list:
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    return sorted((m.step_key, m.status) for m in marks if m.step_key.startswith(StepKind.THANK_YOU.value))


def test_a_closed_card_draws_its_summary_next_step_and_picture_and_nothing_of_its_details(app, store):
    interview_id = store.interviews.save(an_interview(notes="Asked about on-call"), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    page = texts(at)
    assert "**Acme: Data engineer**" in page and "**Next:**" in page
    assert len(at.image) == 1  # the timeline, as a picture
    assert "Asked about on-call" not in page and not [m for m in at.markdown if "**Interviewers:**" in m.value]
    assert at.button(key=f"iv{interview_id}.details_toggle").label == "Details"
    at = open_details(at, interview_id)
    page = texts(at)
    assert "**Notes:** Asked about on-call" in page and "**Interviewers:** Jane Doe" in page
    at = at.button(key=f"iv{interview_id}.details_toggle").click().run()  # Hide details
    assert "Asked about on-call" not in texts(at)


def test_all_thank_you_notes_are_marked_sent_in_one_click_and_undone_in_one(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    bulk = at.button(key=f"iv{interview_id}.thank_all")
    assert bulk.label == "Mark 3 thank-yous sent"
    at = bulk.click().run()
    assert [status for _, status in thank_you_marks(store, interview_id)] == [StepStatus.DONE] * 3
    assert "Marked 3 thank-you notes sent for Acme: Data engineer." in texts(at)
    assert not [b for b in at.button if b.key == f"iv{interview_id}.thank_all"]  # nothing left to mark
    at = at.button(key="undo.do").click().run()
    assert thank_you_marks(store, interview_id) == []
    assert "Marked 3 thank-you notes" not in texts(at)  # the offer goes once used
    assert at.button(key=f"iv{interview_id}.thank_all").label == "Mark 3 thank-yous sent"


def test_one_interviewer_gets_no_bulk_button_the_next_step_s_own_actions_do(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=NOV_20), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert not [b for b in at.button if b.key == f"iv{interview_id}.thank_all"]


def test_the_page_is_in_the_url_with_newer_and_older_above_and_below(app, store):
    for day in range(25):
        store.interviews.save(an_interview(company=f"Co {day:02d}", interview_at=NOV_20 - timedelta(days=day)),
                              now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert "1–10 of 25 interviews · page 1 of 3" in texts(at)
    assert at.button(key="top.newer").disabled and at.button(key="bottom.newer").disabled
    at = at.button(key="bottom.older").click().run()
    assert at.query_params["page"] == "2"
    assert "11–20 of 25 interviews · page 2 of 3" in texts(at) and "**Co 10: Data engineer**" in texts(at)
    at = at.button(key="top.last").click().run()
    assert at.query_params["page"] == "3" and "21–25 of 25" in texts(at)
    assert at.button(key="top.older").disabled
    at = at.button(key="top.first").click().run()
    assert "page" not in at.query_params and "**Co 00: Data engineer**" in texts(at)


def test_a_page_past_the_end_shows_the_last_and_a_new_filter_starts_at_the_first(app, store):
    for day in range(12):
        store.interviews.save(an_interview(company=f"Co {day:02d}", interview_at=NOV_20 - timedelta(days=day)),
                              now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    at.query_params["page"] = "99"
    at = at.run()
    assert "11–12 of 12 interviews · page 2 of 2" in texts(at)
    at.query_params["page"] = "two"
    assert "1–10 of 12" in texts(at.run())
    at.query_params["page"] = "2"
    at = at.run().text_input(key="q").input("Co 0").run()
    assert "page" not in at.query_params
    assert "10 interviews, newest first" in texts(at) and not [b for b in at.button if b.key == "top.older"]
    for asked in ("²", "9" * 5000):  # a digit to Python, not a number; more digits than int() takes
        at.query_params["page"] = asked
        assert not at.run().exception


def test_an_id_too_long_for_sqlite_shows_the_list_not_an_error(app, store):
    store.interviews.save(an_interview(), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id="9" * 20)
    assert not at.exception and "**Acme: Data engineer**" in texts(at)


def test_a_deep_link_opens_the_entry_with_its_details(app, store):
    interview_id = store.interviews.save(an_interview(notes="Their Kafka move"), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(interview_id))
    assert "**Notes:** Their Kafka move" in texts(at)
    assert at.button(key=f"iv{interview_id}.details_toggle").label == "Hide details"


def test_the_undo_of_a_bulk_mark_sits_on_its_own_card_and_keeps_a_note_skipped_since(app, store):
    first = store.interviews.save(an_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    other = store.interviews.save(an_interview(company="Globex", interview_at=NOV_20, interviewers=THREE),
                                  now=FIXED_NOW)
    at = open_page(app, INTERVIEWS).button(key=f"iv{first}.thank_all").click().run()
    assert [b.key for b in at.button if b.key == "undo.do"] == ["undo.do"]  # one bar, on the card it concerns
    assert at.toast and "Marked 3 thank-you notes sent." in at.toast[0].value  # seen wherever the card is
    ben = store.interviews.get(first).interviewers[1]
    store.follow_up.mark(first, StepMark(f"thank_you:{ben.id}", StepStatus.SKIPPED, FIXED_NOW.date()))
    at = at.button(key="undo.do").click().run()
    assert thank_you_marks(store, first) == [(f"thank_you:{ben.id}", StepStatus.SKIPPED)]
    assert thank_you_marks(store, other) == []


def test_a_stale_mark_all_keeps_the_note_another_tab_marked(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    ana = store.interviews.get(interview_id).interviewers[0]
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{ana.id}", StepStatus.DONE, NOV_20.date()))
    at = at.button(key=f"iv{interview_id}.thank_all").click().run()  # drawn before Ana's mark
    assert "Marked 2 thank-you notes sent" in texts(at)
    at.button(key="undo.do").click().run()
    assert thank_you_marks(store, interview_id) == [(f"thank_you:{ana.id}", StepStatus.DONE)]


def test_a_deep_link_s_details_are_its_own_the_list_s_card_stays_closed(app, store):
    interview_id = store.interviews.save(an_interview(notes="Their Kafka move"), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(interview_id))
    at = at.button(key=f"iv{interview_id}.details_toggle").click().run()  # hidden in the focused view
    at.query_params.pop("id")
    assert "Their Kafka move" not in texts(at.run())  # the list's card was never opened
    at = at.button(key=f"iv{interview_id}.details_toggle").click().run()  # opened in the list
    at.query_params["id"] = str(interview_id)
    assert "Their Kafka move" not in texts(at.run())  # the deep link's own state: hidden, as the user left it


def test_the_toast_style_is_drawn_only_around_a_toast(app, store, monkeypatch):
    from lib.ui import widgets

    interview_id = store.interviews.save(an_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    def toast_styles(at) -> list:
        return [html for html in at.get("html") if "stToastContainer" in html.proto.body]

    at = open_page(app, INTERVIEWS)
    assert not toast_styles(at)  # a quiet page draws only the page's own style
    at = at.button(key=f"iv{interview_id}.thank_all").click().run()
    assert at.toast and len(toast_styles(at)) == 1
    assert len(toast_styles(at.run())) == 1  # a rerun while the toast shows keeps it at the bottom
    monkeypatch.setattr(widgets.time, "monotonic", lambda: 10**9)  # long after
    assert not toast_styles(at.run())


def test_a_private_field_shows_in_details_with_a_private_badge_and_a_shared_one_without(app, store):
    interview_id = store.interviews.save(
        an_interview(notes="The manager seemed rushed", questions="Why us?", private=frozenset({"notes"})),
        now=FIXED_NOW)
    at = open_details(open_page(app, INTERVIEWS), interview_id)
    page = texts(at)
    assert "**Notes:** :gray-badge[:material/lock: Private] The manager seemed rushed" in page
    assert "**Questions asked:** Why us?" in page  # not private: no badge


def test_a_bookings_private_preparation_note_carries_the_badge(app, store):
    booked = an_interview(interview_at=FIXED_NOW + timedelta(days=3), scores={}, evidence={}, booked=True,
                          prep_pitch="Mention the award", private=frozenset({"prep_pitch"}))
    interview_id = store.interviews.save(booked, now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    at.session_state[f"iv{interview_id}.prep"] = True
    at = at.run()
    assert "**What they must learn about you:** :gray-badge[:material/lock: Private] Mention the award" in texts(at)
