"""The store's follow-up actions: snoozes, email templates, settings, calendar sequences,
and migration 002 on a database made before it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from lib.domain.drafts import Template
from lib.domain.model import Interviewer
from lib.domain.steps import StepKind, StepMark, StepSnooze, StepStatus
from lib.store import SCHEMA_VERSION, Store
from lib.store.schema import _m001_initial_schema
from tests.factories import FIXED_NOW, D, build_interview


def saved_id(store: Store, **overrides) -> int:
    return store.interviews.save(build_interview(**overrides), now=FIXED_NOW)


# --- migration 002 ------------------------------------------------------------------------------


def version_1_database(path: Path) -> None:
    """A database as Debrief made it before migration 002: only 001, with a row in every table."""
    migrations = Migrations("debrief")
    migrations(name="001_initial_schema")(_m001_initial_schema)
    conn = sqlite3.connect(path)
    db = Database(conn)
    migrations.apply(db)
    db.execute(
        "INSERT INTO interviews (id, company, role, stage, format, interview_at, duration_min, created_at, updated_at) "
        "VALUES (1, 'Acme', 'Data engineer', 'technical', 'video', '2026-11-10T14:00', 60, 'x', 'x')"
    )
    db.execute("INSERT INTO interviewers (id, interview_id, position, name) VALUES (5, 1, 0, 'Priya Shah')")
    db.execute("INSERT INTO step_marks VALUES (1, 'thank_you:5', 'done', '2026-11-10', 'x')")
    db.execute("INSERT INTO form_drafts VALUES ('new', '{}', '2026-11-10T15:00:00')")
    conn.commit()
    conn.close()


def test_a_version_1_database_gains_the_new_tables_and_keeps_every_row(tmp_path: Path):
    path = tmp_path / "v1.db"
    version_1_database(path)
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    interview = store.interviews.get(1)
    assert (interview.company, [p.name for p in interview.interviewers]) == ("Acme", ["Priya Shah"])
    assert store.follow_up.marks_for([1]) == {1: [StepMark("thank_you:5", StepStatus.DONE, D("2026-11-10"))]}
    assert store.settings.form_draft("new")[0] == "{}"
    assert store.follow_up.snoozes_for([1]) == {1: []}
    assert store.settings.draft_templates() == {}
    assert store.settings.get("your_name") == ""


# --- snoozes ------------------------------------------------------------------------------------


def test_a_snooze_is_saved_replaced_and_removed(store: Store):
    interview_id = saved_id(store)
    before = store.data_version()
    store.follow_up.snooze(interview_id, StepSnooze("check_in", D("2026-11-30"), "they are away"))
    assert store.data_version() == before + 1  # cached reads see it
    store.follow_up.snooze(interview_id, StepSnooze("check_in", D("2026-12-07"), "away longer"))
    store.follow_up.snooze(interview_id, StepSnooze("soft_touch", D("2026-11-25"), "no news yet"))
    assert sorted(store.follow_up.snoozes_for([interview_id])[interview_id], key=lambda s: s.step_key) == [
        StepSnooze("check_in", D("2026-12-07"), "away longer"),
        StepSnooze("soft_touch", D("2026-11-25"), "no news yet"),
    ]
    store.follow_up.unsnooze(interview_id, "check_in")
    assert store.follow_up.snoozes_for([interview_id])[interview_id] == [
        StepSnooze("soft_touch", D("2026-11-25"), "no news yet")
    ]


def test_snoozes_are_independent_of_marks(store: Store):
    interview_id = saved_id(store)
    store.follow_up.snooze(interview_id, StepSnooze("check_in", D("2026-11-30"), "away"))
    store.follow_up.mark(interview_id, StepMark("check_in", StepStatus.DONE, D("2026-11-20")))
    store.follow_up.unmark(interview_id, "check_in")
    snoozes = store.follow_up.snoozes_for([interview_id])[interview_id]
    assert snoozes == [StepSnooze("check_in", D("2026-11-30"), "away")]


def test_deleting_an_interview_deletes_its_snoozes(store: Store):
    interview_id = saved_id(store)
    store.follow_up.snooze(interview_id, StepSnooze("check_in", D("2026-11-30"), "away"))
    store.interviews.delete(interview_id)
    with store.connect() as db:
        assert db.execute("SELECT COUNT(*) FROM step_snoozes").fetchone()[0] == 0


def test_a_removed_interviewers_thank_you_snooze_goes_with_them(store: Store):
    interview_id = saved_id(store, interviewers=(Interviewer("Priya Shah"), Interviewer("Tom Okafor")))
    priya, tom = store.interviews.get(interview_id).interviewers
    for person in (priya, tom):
        store.follow_up.snooze(interview_id, StepSnooze(f"thank_you:{person.id}", D("2026-11-13"), "later"))
    store.interviews.save(build_interview(id=interview_id, interviewers=(priya,)), now=FIXED_NOW)
    assert [s.step_key for s in store.follow_up.snoozes_for([interview_id])[interview_id]] == [f"thank_you:{priya.id}"]


# --- templates and settings -------------------------------------------------------------------------


def test_templates_are_kept_per_kind_of_step_and_can_be_reset(store: Store):
    mine = Template(StepKind.THANK_YOU, "Cheers", "Hi {first_name}")
    store.settings.save_draft_template(mine)
    store.settings.save_draft_template(Template(StepKind.THANK_YOU, "Cheers!", "Hi {first_name}!"))
    store.settings.save_draft_template(Template(StepKind.CHECK_IN, "Hello", "Hi"))
    assert store.settings.draft_templates() == {
        StepKind.THANK_YOU: Template(StepKind.THANK_YOU, "Cheers!", "Hi {first_name}!"),
        StepKind.CHECK_IN: Template(StepKind.CHECK_IN, "Hello", "Hi"),
    }
    store.settings.reset_draft_template(StepKind.THANK_YOU)
    assert list(store.settings.draft_templates()) == [StepKind.CHECK_IN]


def test_settings_round_trip(store: Store):
    assert store.settings.get("your_name", "nobody") == "nobody"
    store.settings.save("your_name", "Alex Morgan")
    store.settings.save("your_name", "Alex")
    assert store.settings.get("your_name") == "Alex"


# --- calendar sequences -----------------------------------------------------------------------------


def test_a_sequence_starts_at_0_and_grows_only_when_the_fingerprint_changes(store: Store):
    version = store.data_version()
    assert store.follow_up.calendar_sequences({"a": "one", "b": "one"}) == {"a": 0, "b": 0}
    assert store.follow_up.calendar_sequences({"a": "one", "b": "one"}) == {"a": 0, "b": 0}
    assert store.follow_up.calendar_sequences({"a": "two"}) == {"a": 1}
    assert store.follow_up.calendar_sequences({"a": "two", "b": "one"}) == {"a": 1, "b": 0}
    assert store.follow_up.calendar_sequences({"a": "one"}) == {"a": 2}  # back to old content is still a change
    assert store.follow_up.calendar_sequences({}) == {}
    assert store.data_version() == version  # bookkeeping: cached reads stay valid


def test_a_read_only_database_still_numbers_events_without_saving(store: Store, tmp_path: Path):
    store.follow_up.calendar_sequences({"a": "one"})
    path = store.path
    read_only = Store(path)
    read_only.connect = _read_only_connect(path)  # type: ignore[method-assign]
    assert read_only.follow_up.calendar_sequences({"a": "two", "b": "one"}) == {"a": 1, "b": 0}
    assert store.follow_up.calendar_sequences({"a": "one"}) == {"a": 0}  # nothing was saved


def _read_only_connect(path: Path):
    from contextlib import contextmanager

    @contextmanager
    def connect():
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            yield Database(conn)
        finally:
            conn.close()

    return connect
