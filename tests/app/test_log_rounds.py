"""The Log form and applications: the picker offers an application, a date ahead books, a booking gets scored."""

from __future__ import annotations

from datetime import date, datetime, time

from lib.domain.model import NEW_APPLICATION, PREP_FIELDS, Dimension
from lib.domain.text import md_escape
from tests.app.helpers import LOG, an_interview, badges, fill_log_form, open_page, save, texts
from tests.factories import FIXED_NOW

PICK = "f.application_pick"
EARLIER = datetime(2026, 11, 10, 14, 0)
PREP = {"prep_questions": "How do you measure success?", "prep_stories": "The outage I led",
        "prep_pitch": "I ship end to end"}


def test_the_form_offers_the_application_of_the_same_company_in_another_case_and_a_new_one(app, store):
    first = store.interviews.save(an_interview(company="ACME", interview_at=EARLIER), now=FIXED_NOW)
    existing = store.applications.of_interview(first)
    at = fill_log_form(open_page(app, LOG), company="Acme", role="Data engineer")
    picker = at.radio(key=PICK)
    assert picker.options == [md_escape(existing.choice_label(FIXED_NOW.date())), "A new application"]
    assert picker.value == existing.uid  # the latest matching one by default
    assert picker.options[0] == md_escape("ACME: Data engineer · 1 round, last Tue 10 Nov")


def test_saving_with_the_offered_application_files_the_round_in_it(app, store):
    first = store.interviews.save(an_interview(company="ACME", interview_at=EARLIER), now=FIXED_NOW)
    at = save(fill_log_form(open_page(app, LOG)))
    second = int(at.query_params["id"][0])
    application = store.applications.of_interview(second)
    assert application.uid == store.applications.of_interview(first).uid
    assert [r.id for r in application.rounds] == [first, second]


def test_saving_with_a_new_application_starts_one(app, store):
    first = store.interviews.save(an_interview(company="ACME", interview_at=EARLIER), now=FIXED_NOW)
    at = fill_log_form(open_page(app, LOG))
    at.radio(key=PICK).set_value(NEW_APPLICATION).run()
    at = save(at)
    second = int(at.query_params["id"][0])
    assert store.applications.of_interview(second).uid != store.applications.of_interview(first).uid
    assert len(store.applications.of_interview(second).rounds) == 1
    assert store.applications.count() == 2


def test_with_no_matching_application_nothing_is_asked_and_the_round_starts_one(app, store):
    store.interviews.save(an_interview(company="Globex", interview_at=EARLIER), now=FIXED_NOW)
    at = fill_log_form(open_page(app, LOG))
    assert not at.radio
    at = save(at)
    assert len(store.applications.of_interview(int(at.query_params["id"][0])).rounds) == 1
    assert store.applications.count() == 2


def test_a_choice_no_longer_offered_after_retyping_the_company_files_nothing_under_it(app, store):
    store.interviews.save(an_interview(interview_at=EARLIER), now=FIXED_NOW)
    at = fill_log_form(open_page(app, LOG))
    assert at.radio(key=PICK).value
    at.text_input(key="f.company").input("Globex").run()
    assert not at.radio
    at = save(at)
    assert store.applications.of_interview(int(at.query_params["id"][0])).company == "Globex"
    assert len(store.applications.of_interview(int(at.query_params["id"][0])).rounds) == 1


def test_editing_a_round_keeps_its_application_unless_another_is_picked(app, store):
    old = store.interviews.save(an_interview(interview_at=EARLIER), now=FIXED_NOW)
    again = store.interviews.save(an_interview(application=NEW_APPLICATION), now=FIXED_NOW)  # reapplied
    own, other = store.applications.of_interview(again).uid, store.applications.of_interview(old).uid
    at = open_page(app, LOG, id=str(again))
    assert at.radio(key=PICK).value == own
    at.text_area(key="f.notes").input("They liked the demo").run()
    at = save(at)
    assert store.applications.of_interview(again).uid == own
    at.radio(key=PICK).set_value(other).run()
    save(at)
    assert [r.id for r in store.applications.of_interview(again).rounds] == [old, again]


def test_a_date_still_ahead_turns_the_form_into_a_booking_with_preparation_and_no_scores(app, store):
    at = fill_log_form(open_page(app, LOG), day=date(2026, 11, 23), start=time(10, 0))
    assert at.title[0].value == "Book an interview"
    assert not at.segmented_control, "no score blocks before it took place"
    assert [a.label for a in at.text_area if a.key.startswith("f.prep_")] == list(PREP_FIELDS.values())
    assert "f.outcome" not in [s.key for s in at.selectbox]
    assert "The follow-up starts once the interview is over (Mon 23 Nov, 10:45). Preview:" in texts(at)
    assert "Thank-you note to Jane Doe" in texts(at)  # the preview's steps, each on its day
    assert ":blue-badge[Mon 23 Nov]" in badges(at) and not any("Due today" in b for b in badges(at))
    assert at.button(key="f.save").label == "Save booking"


def test_saving_a_booking_stores_it_booked_with_its_preparation_and_no_scores(app, store):
    at = fill_log_form(open_page(app, LOG), day=date(2026, 11, 23), start=time(10, 0))
    for name, text in PREP.items():
        at.text_area(key=f"f.{name}").input(text)
    at = save(at.run())
    [saved] = store.interviews.find()
    assert saved.booked and saved.is_ahead(FIXED_NOW)
    assert (saved.prep_questions, saved.prep_stories, saved.prep_pitch) == tuple(PREP.values())
    assert all(saved.score(d) is None for d in Dimension)
    assert "Booked: **Acme: Data engineer**, Mon 23 Nov, 10:00. Coming up on Today." in texts(at)


def test_a_scored_entry_dated_ahead_keeps_its_scores_in_sight_and_warns(app):
    at = fill_log_form(open_page(app, LOG), scores={Dimension.SKILLS_MATCH: 4})
    at.date_input(key="f.day").set_value(date(2026, 11, 23)).run()
    assert at.title[0].value == "Log an interview"
    assert at.segmented_control(key="f.score.skills_match").value == 4
    assert any("still ahead, yet the entry has scores" in w.value for w in at.warning)


def test_a_booking_opened_after_its_end_shows_the_scoring_form_filled_and_save_takes_it_off_the_score_list(
    app, store
):
    booking = an_interview(scores={}, evidence={}, **PREP)  # Fri 20 Nov 15:00-15:45, booked the day before
    booked_id = store.interviews.save(booking, now=datetime(2026, 11, 19, 9, 0))
    assert store.interviews.get(booked_id).awaits_scores(FIXED_NOW)
    at = open_page(app, LOG, id=str(booked_id))
    assert "It's over: score it while it's fresh." in texts(at)
    assert at.text_input(key="f.company").value == "Acme"
    assert at.text_input(key=f"f.p.{at.session_state['f.people'][0]}.name").value == "Jane Doe"
    [preparation] = [e for e in at.expander if e.label == "Your preparation"]
    assert [a.value for a in preparation.text_area] == list(PREP.values())
    at.segmented_control(key="f.score.skills_match").set_value(4).run()
    at = save(at)
    saved = store.interviews.get(booked_id)
    assert not saved.booked and not saved.awaits_scores(FIXED_NOW)
    assert saved.score(Dimension.SKILLS_MATCH) == 4 and saved.prep_stories == "The outage I led"
    assert "It's over" not in texts(at)


def test_the_pickers_labels_show_a_company_name_as_typed_never_as_markdown(app, store):
    store.interviews.save(an_interview(company="[Acme](http://evil.example)", interview_at=EARLIER), now=FIXED_NOW)
    at = fill_log_form(open_page(app, LOG), company="[Acme](http://evil.example)")
    shown = "[Acme](http://evil.example): Data engineer · 1 round, last Tue 10 Nov"
    assert at.radio(key=PICK).options[0] == md_escape(shown)


def test_a_booking_still_ahead_opens_with_its_preparation_and_stays_booked_when_saved(app, store):
    booked_id = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 24, 10, 0), scores={},
                                                   evidence={}, **PREP), now=FIXED_NOW)
    at = open_page(app, LOG, id=str(booked_id))
    assert at.title[0].value == "Edit booked interview"
    assert at.text_area(key="f.prep_pitch").value == "I ship end to end"
    at.text_area(key="f.prep_pitch").input("I ship, and I explain").run()
    at = save(at)
    saved = store.interviews.get(booked_id)
    assert saved.booked and saved.prep_pitch == "I ship, and I explain"
    assert "Booked: **Acme: Data engineer**, Tue 24 Nov, 10:00. Coming up on Today." in texts(at)


def test_editing_round_one_after_round_two_is_booked_plans_no_check_in(app, store):
    first = store.interviews.save(an_interview(interview_at=EARLIER), now=FIXED_NOW)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 25, 10, 0)), now=FIXED_NOW)
    at = open_page(app, LOG, id=str(first))
    assert not at.exception
    assert ":gray-badge[Closed: round 2 is booked]" in badges(at)  # the plan beside the form, as on Today
