"""The Coaching page: a whole session with a mentor, its summary, and its actions on Today."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.coaching import ActionItem, ActionStatus, CoachingSession, MentorReview
from lib.domain.model import Dimension
from tests.app.helpers import TODAY, an_interview, open_menu, open_page, texts
from tests.factories import FIXED_NOW

COACHING = "pages/coaching.py"
SKILLS, ENTHUSIASM, CULTURE = Dimension


def two_interviews(store) -> list[int]:
    return [
        store.interviews.save(an_interview(company="Acme", interview_at=datetime(2026, 11, 10, 10, 0)), now=FIXED_NOW),
        store.interviews.save(an_interview(company="Globex", interview_at=datetime(2026, 11, 18, 10, 0)),
                              now=FIXED_NOW),
    ]


def test_starting_a_session_names_the_mentor_as_saved_in_its_confirmation(app, store):
    two_interviews(store)
    at = open_page(app, COACHING)
    at.text_input(key="c.mentor").input("  Sam    Lee ").run()
    at = at.button(key="c.start").click().run()
    assert [s.mentor for s in store.coaching.sessions()] == ["Sam Lee"]
    assert [t.value for t in at.toast] == ["Session with Sam Lee started: 2 interviews to go through."]


def test_an_empty_database_says_how_to_start(app):
    at = open_page(app, COACHING)
    assert not at.exception
    assert "No interviews yet" in texts(at)


def test_a_whole_session_start_score_comment_act_finish_and_the_summary(app, store):
    acme, globex = two_interviews(store)
    at = open_page(app, COACHING)
    assert not at.exception
    at.text_input(key="c.mentor").input("Sam Lee").run()
    assert at.multiselect(key="c.picks").value == [acme, globex]  # the last four weeks, for a first session
    assert "First session with Sam Lee: 2 interviews from the last 4 weeks." in texts(at)
    at = at.button(key="c.start").click().run()
    assert not at.exception
    assert at.query_params["session"] == "1"
    assert at.title[0].value == "Session with Sam Lee"
    [session] = store.coaching.sessions()
    assert session.interview_ids == (acme, globex)

    # the first interview: its self-scores and evidence beside the mentor's read
    page = texts(at)
    assert "Acme\\: Data engineer" in [h.value for h in at.subheader] and "Walked through the pipeline rebuild" in page
    assert "Follow-up:** Next: Thank-you note to Jane Doe" in page
    at.segmented_control(key=f"c.m.1.{acme}.skills_match").set_value(5).run()
    at.segmented_control(key=f"c.m.1.{acme}.culture_fit").set_value(3).run()
    at.text_area(key=f"c.comment.1.{acme}").input("Strong story; land the ending *sooner*").run()
    assert "Sam Lee scored 1 higher" in texts(at)
    assert store.coaching.reviews(1)[acme] == MentorReview({SKILLS: 5, ENTHUSIASM: None, CULTURE: 3},
                                                  "Strong story; land the ending *sooner*")

    # an action about this interview, then on to the next one
    at.text_input(key="c.a.text").input("Rehearse two STAR stories").run()
    at = at.button(key="c.a.add").click().run()
    [action] = store.coaching.actions()
    assert (action.text, action.interview_id, action.due_on) == ("Rehearse two STAR stories", acme, date(2026, 11, 27))
    assert "due Fri 27 Nov" in texts(at)
    assert at.text_input(key="c.a.text").value == ""  # ready for the next one
    at = at.button(key="c.next").click().run()
    assert "Globex: Data engineer" in texts(at)
    at.segmented_control(key=f"c.m.1.{globex}.skills_match").set_value(4).run()
    at = at.button(key="c.prev").click().run()
    assert at.segmented_control(key=f"c.m.1.{acme}.skills_match").value == 5  # kept when coming back

    at.text_area(key="c.notes.1").input("Focus on enthusiasm next time").run()
    at = at.button(key="c.finish").click().run()
    assert not at.exception
    assert store.coaching.get_session(1).finished
    page = texts(at)
    assert "You under-rate your skills match by 0.5 on average: Sam Lee scores it higher (2 interviews)." in page
    assert "Skills match: you **4 / 5** · Sam Lee **5 / 5** · Sam Lee scored 1 higher" in page
    assert "_Sam Lee:_ Strong story; land the ending \\*sooner\\*" in [m.value for m in at.markdown]  # literal *
    assert "Rehearse two STAR stories" in page
    assert "**Session notes:** Focus on enthusiasm next time" in page
    assert [b.label for b in at.get("download_button")] == ["Download report (HTML)"]


def test_a_double_click_on_start_makes_one_session(app, store):
    two_interviews(store)
    at = open_page(app, COACHING)
    at.text_input(key="c.mentor").input("Sam").run()
    token = at.session_state["c.token"]
    at.button(key="c.start").click().run()
    at.session_state["c.token"] = token  # the second click of a double click carries the same form render
    at.query_params.clear()
    at.run()
    assert len(store.coaching.sessions()) == 1


def test_starting_without_a_mentor_says_so_beside_the_field(app, store):
    two_interviews(store)
    at = open_page(app, COACHING)
    at = at.button(key="c.start").click().run()
    assert "Mentor needs a name: who is coaching you?" in [e.value for e in at.error]
    assert store.coaching.sessions() == []


def test_open_actions_come_back_at_the_start_of_the_next_session_with_that_mentor(app, store):
    acme, globex = two_interviews(store)
    first = store.coaching.start_session(CoachingSession("Sam", date(2026, 11, 11), (acme,)), now=FIXED_NOW)
    store.coaching.update_session(first, finished_at=datetime(2026, 11, 11, 18, 0))
    store.coaching.add_action(ActionItem("Send the portfolio link", session_id=first))
    at = open_page(app, COACHING)
    at = at.pills(key="c.known").set_value("Sam").run()
    assert at.text_input(key="c.mentor").value == "Sam"
    assert at.multiselect(key="c.picks").value == [globex]  # since the last session, not yet discussed
    at = at.button(key="c.start").click().run()
    assert "Send the portfolio link" in texts(at)
    [done] = [b for b in at.button if b.label == "Done"]
    at = done.click().run()
    [item] = store.coaching.actions()
    assert (item.status, item.closed_in_session) == (ActionStatus.DONE, 2)


def test_mentors_are_kept_apart_in_the_gaps(app, store):
    acme, _ = two_interviews(store)
    for mentor, day, score in (("Sam", 11, 5), ("Alex", 19, 2)):
        session = store.coaching.start_session(CoachingSession(mentor, date(2026, 11, day), (acme,)), now=FIXED_NOW)
        store.coaching.save_review(session, acme, MentorReview({SKILLS: score}))
    at = open_page(app, COACHING)
    page = texts(at)
    assert "You under-rate your skills match by 1.0 on average: Sam scores it higher (1 interview)." in page
    assert "You over-rate your skills match by 2.0 on average: Alex scores it lower (1 interview)." in page
    at = at.selectbox(key="c.filter").set_value("Sam").run()
    assert "Alex scores" not in texts(at)
    assert len(at.get("vega_lite_chart")) == 1  # Sam scored skills only
    at = at.toggle(key="c.trends").set_value(True).run()  # beside it, the Trends chart of each dimension
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1 + 2  # two of the three dimensions are self-scored


def test_an_action_agreed_shows_on_today_until_it_is_done(app, store):
    acme, _ = two_interviews(store)
    session = store.coaching.start_session(CoachingSession("Sam", date(2026, 11, 19), (acme,)), now=FIXED_NOW)
    store.coaching.add_action(ActionItem("Rehearse two STAR stories", due_on=date(2026, 11, 27), session_id=session))
    at = open_page(app, TODAY)
    assert not at.exception
    page = texts(at)
    assert "Agreed with your mentor" in page and "Rehearse two STAR stories" in page
    [done] = [b for b in at.button if b.label == "Done" and "today-action" in str(b.key)]
    at = done.click().run()
    assert store.coaching.actions()[0].status is ActionStatus.DONE
    assert "Rehearse two STAR stories" not in texts(at)


def test_a_deep_link_to_a_missing_session_says_so(app):
    at = open_page(app, COACHING, session="42")
    assert "There is no coaching session #42" in at.warning[0].value


def test_the_report_range_waits_for_its_last_day_with_a_hint(app, store):
    two_interviews(store)
    at = open_menu(open_page(app, COACHING), "c.report")
    at = at.date_input(key="c.range").set_value((date(2026, 11, 1),)).run()  # only the first day picked so far
    assert not at.exception
    assert "Pick the last day of the range to download its report." in texts(at)
    assert "Download report (HTML)" not in [b.label for b in at.get("download_button")]
    at = at.date_input(key="c.range").set_value((date(2026, 11, 1), date(2026, 11, 30))).run()
    assert "Pick the last day" not in texts(at)
    assert [b.label for b in at.get("download_button")] == ["Download report (HTML)"]


def test_the_first_view_draws_no_calendar_and_no_report_form(app, store):
    two_interviews(store)
    at = open_page(app, COACHING)
    assert not at.exception
    assert not at.date_input and not at.get("download_button")  # each loads its code in the browser
    assert "Date: Fri 20 Nov" in [p.proto.popover.label for p in at.get("popover")]  # held today
    at = open_menu(at, "c.report")
    assert [d.key for d in at.date_input] == ["c.range"]


def test_a_day_picked_for_the_session_is_kept_once_its_calendar_closes_and_starts_the_session(app, store):
    acme, _ = two_interviews(store)
    at = open_page(app, COACHING)
    at.text_input(key="c.mentor").input("Sam Lee").run()
    at = open_menu(at, "c.held_on_menu")
    at = at.date_input(key="c.held_on_pick").set_value(date(2026, 11, 12)).run()
    assert at.multiselect(key="c.picks").value == [acme]  # the suggestion follows the day: Globex came later
    at.session_state["c.held_on_menu"] = False  # the calendar closes
    at = at.run()
    assert not at.date_input
    assert "Date: Thu 12 Nov" in [p.proto.popover.label for p in at.get("popover")]
    at = at.button(key="c.start").click().run()
    [session] = store.coaching.sessions()
    assert (session.held_on, session.interview_ids) == (date(2026, 11, 12), (acme,))
