"""The Log form's Private switches: one per field that can be private, saved, restored and kept by a draft."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.domain.model import PRIVATE_FIELDS
from lib.ui.log_sections import SWITCH_NAMES
from tests.app.helpers import ENTRYPOINT, LOG, an_interview, errors, fill_log_form, open_page, save, texts
from tests.factories import FIXED_NOW


def switch(at: AppTest, field: str):
    return at.toggle(key=f"f.private.{field}")


def test_every_field_that_can_be_private_has_a_switch_naming_it_and_off_by_default(app):
    assert SWITCH_NAMES["notes"] == "Anything else"  # the notes field's label on the form
    at = open_page(app, LOG)
    debrief_fields = [f for f in PRIVATE_FIELDS if not f.startswith("prep_")]  # preparation shows on a booking
    assert {t.key.removeprefix("f.private.") for t in at.toggle} == set(debrief_fields)
    for field in debrief_fields:
        assert switch(at, field).label == f"Keep “{SWITCH_NAMES[field]}” private"
        assert switch(at, field).value is False


def test_a_field_switched_private_is_saved_private_and_the_switch_is_on_when_the_entry_is_edited(app, store):
    at = fill_log_form(open_page(app, LOG))
    at.text_area(key="f.notes").input("The manager seemed rushed")
    switch(at, "notes").set_value(True)
    switch(at, "culture_evidence").set_value(True)
    at = save(at.run())
    assert not errors(at)
    [saved] = store.interviews.find()
    assert saved.private == frozenset({"notes", "culture_evidence"})
    assert switch(at, "notes").value is True  # the reload after Save shows it as stored

    edit = open_page(AppTest.from_file(ENTRYPOINT, default_timeout=30), LOG, id=str(saved.id))
    assert switch(edit, "notes").value is True and switch(edit, "culture_evidence").value is True
    assert switch(edit, "questions").value is False
    switch(edit, "notes").set_value(False)
    save(edit.run())
    assert store.interviews.get(saved.saved_id).private == frozenset({"culture_evidence"})


def test_a_switch_turned_on_and_not_saved_comes_back_with_the_draft(app, store):
    saved_id = store.interviews.save(an_interview(notes="Candid line"), now=FIXED_NOW)
    at = open_page(app, LOG, id=str(saved_id))
    switch(at, "notes").set_value(True).run()
    fresh = open_page(AppTest.from_file(ENTRYPOINT, default_timeout=30), LOG, id=str(saved_id))
    assert "You have unsaved changes" in texts(fresh)
    [restore] = [b for b in fresh.button if b.label == "Restore them"]
    fresh = restore.click().run()
    assert switch(fresh, "notes").value is True
    assert store.interviews.get(saved_id).private == frozenset()  # nothing saved until Save


def test_a_bookings_preparation_can_be_kept_private(app, store):
    at = fill_log_form(open_page(app, LOG), day=FIXED_NOW.date().replace(day=27))
    at.text_area(key="f.prep_pitch").input("Mention the award")
    switch(at, "prep_pitch").set_value(True)
    at = save(at.run())
    assert not errors(at)
    [saved] = store.interviews.find()
    assert saved.booked and saved.private == frozenset({"prep_pitch"})


def test_a_double_click_on_save_stores_one_entry_with_its_private_fields(app, store):
    at = fill_log_form(open_page(app, LOG))
    at.text_area(key="f.questions").input("Why us?")
    switch(at, "questions").set_value(True)
    at = save(save(at.run()))
    [saved] = store.interviews.find()
    assert saved.private == frozenset({"questions"}) and saved.questions == "Why us?"
