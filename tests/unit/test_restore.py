"""lib.store.restore: a checked file replaces every row in one transaction, after a backup of what was there."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lib.cli import main
from lib.domain.coaching import ActionItem, CoachingSession, MentorReview
from lib.domain.drafts import Template
from lib.domain.model import Dimension, ValidationError
from lib.domain.steps import StepKind, StepMark, StepSnooze, StepStatus
from lib.files.csv import export_csv, read_csv
from lib.files.demo import load_demo
from lib.files.json import export_json, read_json
from lib.store import Store
from lib.store.backup import backup_now, check_database, database_snapshot, list_backups
from lib.store.restore import check_upload, restore, restore_bytes
from lib.store.workdirs import WORK_DIR, work_dir
from tests.factories import FIXED_NOW as NOW
from tests.factories import ROOT, build_interview
from tests.unit.data_helpers import add, companies, row_counts


def test_restore_replaces_every_table_and_keeps_a_copy_of_what_was_there(store: Store):
    acme = add(store, "Acme")
    store.follow_up.mark(acme, StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date()))
    store.settings.save_form_draft("new", '{"company": "Draft Co"}')
    saved = backup_now(store, NOW)
    add(store, "Borealis")
    store.settings.discard_form_draft("new")
    version = store.data_version()

    restored = restore(store, saved.path, NOW + timedelta(minutes=5))

    assert restored.interviews == 1
    assert companies(store) == ["Acme"]
    assert store.follow_up.marks_for(
        [acme]
    )[acme] == [StepMark("check_in", StepStatus.DONE, datetime(2026, 11, 12).date())]
    assert store.settings.form_draft("new")[0] == '{"company": "Draft Co"}'
    assert restored.safety_backup.kind == "before-restore" and restored.safety_backup.interviews == 2
    assert store.data_version() > version  # never back to a number the UI may have cached
    assert row_counts(store.path) == row_counts(saved.path) | {"meta": 1}


def test_restore_into_a_new_database_makes_no_safety_backup_of_nothing(tmp_path: Path):
    """A backup restored on a new computer (or under a mistyped path): there was no data to keep."""
    source = Store(tmp_path / "source.db")
    add(source, "Acme")
    new = Store(tmp_path / "elsewhere" / "debrief.db")
    restored = restore(new, source.path, NOW)
    assert (restored.interviews, restored.safety_backup, restored.into_new_database) == (1, None, True)
    assert companies(new) == ["Acme"] and list_backups(new.path) == []


def test_restore_over_a_database_holding_only_a_setting_still_backs_it_up(store: Store, tmp_path: Path):
    """Any row in any table is data someone may want back, not only interviews."""
    store.settings.save("your_name", "Sam")
    source = Store(tmp_path / "source.db")
    add(source, "Acme")
    restored = restore(store, source.path, NOW)
    assert not restored.into_new_database and restored.safety_backup is not None
    assert [b.kind for b in list_backups(store.path)] == ["before-restore"]


def test_restore_of_a_version_1_database_migrates_it_first(store: Store, tmp_path: Path):
    add(store, "Current")
    old = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_v1.db", old)
    assert restore(store, old, NOW).interviews == 3
    assert companies(store) == ["Acme Analytics", "Borealis", "Cobalt"]
    assert check_database(old).schema_version == 1  # the source file itself is left as it was


def test_restore_reads_a_live_source_together_with_its_wal(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    holder = sqlite3.connect(source.path)  # while it is open, the next commit stays in source.db-wal
    holder.execute("SELECT COUNT(*) FROM interviews").fetchall()
    add(source, "In the WAL only")
    assert (tmp_path / "source.db-wal").stat().st_size > 0
    restore(store, source.path, NOW)
    holder.close()
    assert companies(store) == ["In the WAL only"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"hello"), "is not a SQLite database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id)").connection.commit(),
         "is not a Debrief database"),
    ],
    ids=["not SQLite", "another app's database"],
)
def test_restore_refuses_a_wrong_file_and_changes_nothing(store: Store, tmp_path: Path, make, words):
    add(store, "Keep me")
    version = store.data_version()
    source = tmp_path / "wrong.db"
    make(source)
    with pytest.raises(ValidationError) as refused:
        restore(store, source, NOW)
    assert words in refused.value.errors["file"]
    assert (companies(store), store.data_version(), list_backups(store.path)) == (["Keep me"], version, [])


def test_restore_refuses_a_database_with_tables_debrief_does_not_know(store: Store, tmp_path: Path):
    odd = tmp_path / "odd.db"
    odd.write_bytes(database_snapshot(store))
    with sqlite3.connect(odd) as conn:
        conn.execute("CREATE TABLE secrets (x)")
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON interviews BEGIN DELETE FROM meta; END")
    conn.close()
    with pytest.raises(ValidationError, match="does not know: table secrets, trigger sneaky"):
        restore(store, odd, NOW)


def a_file_whose_migration_fails(store: Store, tmp_path: Path) -> Path:
    """A schema-3 file whose record of its schema lists only the first migration: the second fails."""
    path = tmp_path / "misrecorded.db"
    path.write_bytes(database_snapshot(store))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name != '001_initial_schema'")
        conn.commit()
    return path


def test_restore_refuses_a_file_whose_migration_fails_and_changes_nothing(store: Store, tmp_path: Path):
    add(store, "Keep me")
    version = store.data_version()
    with pytest.raises(ValidationError) as refused:
        restore(store, a_file_whose_migration_fails(store, tmp_path), NOW)
    assert "cannot be brought up to this Debrief's schema" in refused.value.errors["file"]
    assert "step_snoozes already exists" in refused.value.errors["file"]
    assert (companies(store), store.data_version(), list_backups(store.path)) == (["Keep me"], version, [])


def test_check_upload_reports_a_file_whose_migration_fails(store: Store, tmp_path: Path):
    check = check_upload(store, a_file_whose_migration_fails(store, tmp_path).read_bytes())
    assert not check.ok
    assert "cannot be brought up to this Debrief's schema" in check.problems[0]


def test_restore_bytes_restores_an_uploaded_file(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    add(source, "Uploaded")
    restore_bytes(store, database_snapshot(source), NOW)
    assert companies(store) == ["Uploaded"]
    assert [p.name for p in store.path.parent.iterdir() if p.name.startswith(".") and p.name != WORK_DIR] == []
    assert [p for p in work_dir(store.path).iterdir() if p.is_dir()] == []  # no working folder left


def test_check_upload_looks_at_a_private_copy_and_changes_nothing(store: Store, tmp_path: Path):
    source = Store(tmp_path / "source.db")
    add(source, "Uploaded")
    add(store, "Mine")
    check = check_upload(store, database_snapshot(source))
    assert (check.ok, check.interviews) == (True, 1)
    assert companies(store) == ["Mine"]
    assert not check_upload(store, b"SQLite format 3\x00 but nothing else").ok


# --- what a restore refuses, and what a refusal leaves alone -------------------------------------
def a_full_source(tmp_path: Path) -> Store:
    """A database with a row in every table the app reads."""
    source = Store(tmp_path / "full.db")
    acme = add(source, "Acme")
    source.follow_up.mark(acme, StepMark("check_in", StepStatus.DONE, date(2026, 11, 12)))
    source.follow_up.snooze(acme, StepSnooze("soft_touch", date(2026, 11, 25), "on holiday"))
    source.settings.save("your_name", "Sam")
    source.settings.save_draft_template(Template(StepKind.THANK_YOU, "Thank you", "Dear {first_name}, thanks."))
    source.follow_up.calendar_sequences({"uid-1@debrief": "fingerprint"})
    source.settings.save_form_draft("new", '{"company": "Draft Co"}')
    session = source.coaching.start_session(CoachingSession("Mentor Mo", date(2026, 11, 15), (acme,)), now=NOW)
    source.coaching.save_review(session, acme, MentorReview({Dimension.SKILLS_MATCH: 3}, "fine"))
    source.coaching.add_action(ActionItem("Practise the intro", session_id=session, interview_id=acme))
    return source


def broken_copy(source: Store, tmp_path: Path, sql: str) -> Path:
    """A snapshot of `source` with `sql` applied to a schema stripped of its CHECK constraints: a sound
    SQLite file (integrity_check passes) with the same tables and columns, holding rows the app cannot read."""
    path = tmp_path / "broken.db"
    path.write_bytes(database_snapshot(source))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA writable_schema = ON")  # a CHECK lives only in the schema text, not in the pages
        for name, table_sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall():
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", [without_checks(table_sql), name])
        conn.commit()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(sql)
        conn.commit()
    assert check_database(path).ok or "meta" in sql  # only the row checks can tell
    return path


def without_checks(sql: str) -> str:
    while (start := sql.find("CHECK (")) >= 0:
        depth, end = 0, start + len("CHECK ")
        for end in range(start + len("CHECK "), len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        sql = sql[:start] + sql[end + 1 :]
    return sql


BAD_ROWS = [
    ("interviews", "UPDATE interviews SET stage = 'lunch'", "row id 1, column stage"),
    ("interviews", "UPDATE interviews SET interview_at = 'soon'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '9999-12-31T10:00'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '2026-11-18T09:00:00+05:00'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '2026-W47-3T09:00'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '20261118T0900'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '2026-11-18'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET interview_at = '2026-11-18 09:00'", "row id 1, column interview_at"),
    ("interviews", "UPDATE interviews SET created_at = '2026-11-18T09:00:00Z'", "row id 1, column created_at"),
    ("interviews", "UPDATE interviews SET updated_at = '2026-11-18T09:00:00.123456'", "row id 1, column updated_at"),
    ("interviews", "UPDATE interviews SET outcome = 'rejected', outcome_on = '20261119'",
     "row id 1, column outcome_on"),
    ("interviews", "UPDATE interviews SET notes = CAST(x'c328ff' AS TEXT)", "row id 1, column notes"),
    ("interviews", "UPDATE interviews SET company = x'41636d65'", "row id 1, column company"),
    ("interviews", "UPDATE interviews SET duration_min = 'an hour'", "row id 1, column duration_min"),
    ("interviews", "UPDATE interviews SET skills_match = 9", "row id 1, column skills_match"),
    ("interviews", "UPDATE interviews SET outcome = 'ghosted'", "row id 1, column outcome"),
    ("interviews", "UPDATE interviews SET role = ''", "row id 1, column role"),
    ("interviews", f"UPDATE interviews SET notes = '{'x' * 10_001}'", "row id 1, column notes"),
    ("interviewers", "UPDATE interviewers SET email = 'not an address'", "row id 1, column email"),
    ("step_marks", "UPDATE step_marks SET on_date = '2026-13-01'",
     "row interview_id 1, step_key 'check_in', column on_date"),
    ("step_marks", "UPDATE step_marks SET on_date = '1900-01-01'",
     "row interview_id 1, step_key 'check_in', column on_date must be between 1990"),
    ("step_marks", "UPDATE step_marks SET on_date = '2026-W47-4'",
     "row interview_id 1, step_key 'check_in', column on_date"),
    ("step_marks", "UPDATE step_marks SET marked_at = '2026-11-18T09:00+01:00'",
     "row interview_id 1, step_key 'check_in', column marked_at"),
    ("step_marks", "UPDATE step_marks SET step_key = 'lunch'", "row interview_id 1, step_key 'lunch', column step_key"),
    ("step_snoozes", "UPDATE step_snoozes SET until = 'next week'",
     "row interview_id 1, step_key 'soft_touch', column until"),
    ("step_snoozes", "UPDATE step_snoozes SET until = '2026-W48'",
     "row interview_id 1, step_key 'soft_touch', column until"),
    ("draft_templates", "UPDATE draft_templates SET kind = 'love_letter'", "row kind 'love_letter', column kind"),
    ("settings", f"UPDATE settings SET value = '{'S' * 500}' WHERE key = 'your_name'",
     "row key 'your_name', column value"),
    ("calendar_events", "UPDATE calendar_events SET sequence = -1", "row uid 'uid-1@debrief', column sequence"),
    ("form_drafts", "UPDATE form_drafts SET payload = 'half a {'", "row form_key 'new', column payload"),
    ("form_drafts", """UPDATE form_drafts SET payload = '{"stage": "lunch"}'""", "row form_key 'new', column payload"),
    ("form_drafts", """UPDATE form_drafts SET payload = '{"company": "\\ud800"}'""",
     "row form_key 'new', column payload"),
    ("form_drafts", """UPDATE form_drafts SET payload = '{"duration_min": "an hour"}'""",
     "row form_key 'new', column payload"),
    ("form_drafts", "UPDATE form_drafts SET payload = '[1, 2]'", "row form_key 'new', column payload"),
    ("coaching_sessions", "UPDATE coaching_sessions SET held_on = 'yesterday'", "row id 1, column held_on"),
    ("coaching_sessions", "UPDATE coaching_sessions SET held_on = '20261115'", "row id 1, column held_on"),
    ("coaching_sessions", "UPDATE coaching_sessions SET finished_at = '2026-11-15T10:00-05:00'",
     "row id 1, column finished_at"),
    ("calendar_events", "UPDATE calendar_events SET changed_at = '2026-W47-1T10:00'",
     "row uid 'uid-1@debrief', column changed_at"),
    ("form_drafts", "UPDATE form_drafts SET saved_at = '2026-11-18T09:00:00+00:00'",
     "row form_key 'new', column saved_at"),
    ("draft_templates", "UPDATE draft_templates SET updated_at = '2026-11-18T0900'",
     "row kind 'thank_you', column updated_at"),
    ("mentor_reviews", "UPDATE mentor_reviews SET updated_at = '2026-11-18T09:00Z'",
     "row session_id 1, interview_id 1, column updated_at"),
    ("action_items", "UPDATE action_items SET due_on = '2026-W49-1'", "row id 1, column due_on"),
    ("action_items", "UPDATE action_items SET status = 'done', closed_on = '2026-11-20T10:00'",
     "row id 1, column closed_on"),
    ("mentor_reviews", "UPDATE mentor_reviews SET comment = CAST(x'ff' AS TEXT)",
     "row session_id 1, interview_id 1, column comment holds bytes that are not UTF-8"),
    ("action_items", "UPDATE action_items SET owner = 'boss'", "row id 1, column owner"),
    ("action_items", "UPDATE action_items SET due_on = '2026-02-30'", "row id 1, column due_on"),
    # the same rules as the form, the imports and the Templates editor, not only the column's type
    ("interviews", "UPDATE interviews SET stated_timeframe = 'by 9999-12-31'",
     "row id 1, column stated_timeframe names a date that must be between 1990 and 2100"),
    ("interviews", "UPDATE interviews SET stated_timeframe = 'by 1900-01-01'",
     "row id 1, column stated_timeframe names a date that must be between 1990 and 2100"),
    ("draft_templates", "UPDATE draft_templates SET subject = '{bad'", "row kind 'thank_you', column subject"),
    ("draft_templates", "UPDATE draft_templates SET body = '{unclosed {first_name'",
     "row kind 'thank_you', column body"),
    ("draft_templates", "UPDATE draft_templates SET body = 'Dear {frist_name}'",
     "row kind 'thank_you', column body uses {frist_name}, which is not a placeholder"),
    ("draft_templates", "UPDATE draft_templates SET subject = ''", "row kind 'thank_you', column subject is required"),
    ("interviewers", "UPDATE interviewers SET name = ' '", "row id 1, column name needs a name"),
    ("interviews", "UPDATE interviews SET duration_min = 9000", "row id 1, column duration_min must be between 5"),
    ("interviews", f"UPDATE interviews SET skills_evidence = '{'x' * 1_001}'",
     "row id 1, column skills_evidence is too long"),
    ("mentor_reviews", f"UPDATE mentor_reviews SET comment = '{'x' * 5_001}'",
     "row session_id 1, interview_id 1, column comment is too long"),
    ("action_items", "UPDATE action_items SET text = ' '", "row id 1, column text say what was agreed"),
    ("interviews", "INSERT INTO interviewers (interview_id, position, name, title, email) "
     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
     "SELECT 1, i, 'Person ' || i, '', '' FROM n",
     "row id 1, column interviewers are too many (13; the limit is 12 per interview)"),
    ("coaching_sessions", "UPDATE coaching_sessions SET mentor = '  '", "row id 1, column mentor needs a name"),
    # applications, and rounds booked ahead with their preparation
    ("applications", "UPDATE applications SET uid = ' '", "row id 1, column uid must not be empty"),
    ("applications", f"UPDATE applications SET uid = '{'u' * 65}'", "row id 1, column uid is too long (65"),
    ("applications", "UPDATE applications SET uid = x'617070'", "row id 1, column uid holds binary data"),
    ("applications", "UPDATE applications SET created_at = 'yesterday'", "row id 1, column created_at"),
    ("applications", "UPDATE applications SET created_at = '2026-11-18 09:00:00+01:00'", "row id 1, column created_at"),
    ("interviews", "UPDATE interviews SET booked = 2", "row id 1, column booked must be from 0 to 1"),
    ("interviews", "UPDATE interviews SET booked = 'yes'", "row id 1, column booked must be a whole number"),
    ("interviews", "UPDATE interviews SET prep_pitch = CAST(x'ff' AS TEXT)",
     "row id 1, column prep_pitch holds bytes that are not UTF-8"),
    ("interviews", f"UPDATE interviews SET prep_stories = '{'x' * 5_001}'",
     "row id 1, column prep_stories is too long"),
    ("coaching_sessions", f"UPDATE coaching_sessions SET notes = '{'x' * 10_001}'",
     "row id 1, column notes is too long"),
]


@pytest.mark.parametrize(("table", "sql", "where"), BAD_ROWS, ids=[f"{t}: {s[:60]}" for t, s, _ in BAD_ROWS])
def test_restore_refuses_a_row_the_app_cannot_read_naming_table_row_and_column(
    store: Store, tmp_path: Path, table: str, sql: str, where: str
):
    add(store, "Keep me")
    backup_now(store, NOW - timedelta(days=1))
    before = (companies(store), store.data_version(), list_backups(store.path))
    broken = broken_copy(a_full_source(tmp_path), tmp_path, sql)
    with pytest.raises(ValidationError) as refused:
        restore(store, broken, NOW)
    assert f"table {table}, {where}" in refused.value.errors["file"]
    assert (companies(store), store.data_version(), list_backups(store.path)) == before  # nothing changed, no copy


def test_restore_of_a_full_database_with_old_interviews_passes_the_row_checks(store: Store, tmp_path: Path):
    """Rules relative to today ("more than five years ago") are for the form, not for a backup."""
    source = a_full_source(tmp_path)
    with source.connect() as db:
        db.execute("UPDATE interviews SET interview_at = '1995-03-01T10:00'")
    assert restore(store, source.path, NOW).interviews == 1
    assert store.interviews.find()[0].interview_at == datetime(1995, 3, 1, 10, 0)


def test_restore_of_a_current_database_with_applications_and_booked_rounds_passes_the_row_checks(
    store: Store, tmp_path: Path
):
    source = a_full_source(tmp_path)
    ahead = build_interview(company="ACME", interview_at=datetime(2026, 11, 27, 10, 0), scores={}, evidence={},
                            prep_questions="Who owns the roadmap?", prep_stories="The migration", prep_pitch="I ship")
    source.interviews.save(ahead, now=NOW)
    assert restore(store, source.path, NOW).interviews == 2
    [application] = store.applications.page()  # Acme and ACME, one role: one application
    assert [r.company for r in application.rounds] == ["Acme", "ACME"]
    assert (application.latest.booked, application.latest.prep_pitch) == (True, "I ship")


def test_restore_of_a_database_whose_migration_filed_rounds_into_applications_passes(store: Store, tmp_path: Path):
    """Migration 004 stamps the applications it starts in SQL, as the store would: "2026-12-01T09:00:00"."""
    old = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_v1.db", old)
    migrated = Store(old)
    with migrated.connect() as db:
        [stamp] = {row[0] for row in db.execute("SELECT created_at FROM applications")}
    assert "T" in stamp  # as the store stamps every row
    assert restore(store, old, NOW).interviews == 3


def test_what_a_restore_accepts_the_imports_of_its_exports_accept_too(store: Store, tmp_path: Path):
    """Restore and import check an interview with the same validator, so a restored database round-trips."""
    source = a_full_source(tmp_path)
    load_demo(source, NOW)
    with source.connect() as db:
        db.execute("UPDATE interviews SET stated_timeframe = 'by 2026-12-31' WHERE company = 'Acme'")
    restored = restore(store, source.path, NOW)
    assert len(read_json(export_json(store, NOW), NOW)) == restored.interviews > 1
    assert len(read_csv(export_csv(store), NOW)) == restored.interviews


def test_three_refused_restores_leave_every_backup_where_it_was(store: Store, tmp_path: Path):
    add(store, "Mine")
    for day in range(10):
        backup_now(store, NOW - timedelta(days=10 - day), kind="manual" if day % 2 else "auto")
    before = [b.path for b in list_backups(store.path)]
    broken = broken_copy(a_full_source(tmp_path), tmp_path, "UPDATE interviews SET skills_match = 9")
    for attempt in range(3):
        with pytest.raises(ValidationError):
            restore(store, broken, NOW + timedelta(minutes=attempt))
    assert [b.path for b in list_backups(store.path)] == before


def test_many_safety_copies_never_push_out_a_backup_you_made_or_the_daily_one(store: Store, tmp_path: Path):
    add(store, "Mine")
    own = [backup_now(store, NOW - timedelta(days=3), kind="manual").path,
           backup_now(store, NOW - timedelta(days=2), kind="auto").path]
    source = Store(tmp_path / "source.db")
    add(source, "Theirs")
    for minute in range(14):
        restore(store, source.path, NOW + timedelta(minutes=minute))
    kinds = [b.kind for b in list_backups(store.path)]
    assert all(path.exists() for path in own)
    assert (kinds.count("before-restore"), kinds.count("manual"), kinds.count("auto")) == (10, 1, 1)


def test_a_restore_breaking_a_rule_of_the_schema_is_refused_in_plain_words_and_backs_up_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The schema's CHECK, UNIQUE and foreign keys are the last line: a rule the row checks do not know
    (here: the row checks switched off) still ends in a plain refusal, rolled back, with no safety copy."""
    monkeypatch.setattr("lib.store.restore.unreadable_rows", lambda conn, tables: [], raising=False)
    add(store, "Keep me")
    version = store.data_version()
    broken = broken_copy(a_full_source(tmp_path), tmp_path, "UPDATE interviews SET skills_match = 9")
    with pytest.raises(ValidationError) as refused:
        restore(store, broken, NOW)
    assert refused.value.field == "file"
    assert "breaks a rule of Debrief's database in table interviews: CHECK constraint failed" in refused.value.message
    assert (companies(store), store.data_version(), list_backups(store.path)) == (["Keep me"], version, [])


def test_the_restore_command_refuses_a_file_breaking_a_rule_with_nothing_restored_and_exit_2(
    store: Store, tmp_path: Path, cli_clock, capsys: pytest.CaptureFixture
):
    add(store, "Keep me")
    broken = broken_copy(a_full_source(tmp_path), tmp_path, "UPDATE interviews SET skills_match = 9")
    assert main(["restore", "--db", str(store.path), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Nothing restored: your data is unchanged." in err and "column skills_match" in err
    assert companies(store) == ["Keep me"]


# --- missing bookkeeping ---------------------------------------------------------------------
def test_restore_refuses_a_file_whose_meta_table_lost_its_data_version(store: Store, tmp_path: Path):
    add(store, "Keep me")
    broken = broken_copy(a_full_source(tmp_path), tmp_path, "DELETE FROM meta")
    with pytest.raises(ValidationError, match="has no data version in its meta table"):
        restore(store, broken, NOW)
    assert (companies(store), list_backups(store.path)) == (["Keep me"], [])


def test_a_database_whose_meta_lost_its_data_version_opens_repaired(store: Store):
    add(store, "Acme")
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("DELETE FROM meta")
        conn.commit()
    reopened = Store(store.path)
    assert reopened.data_version() > 0
    add(reopened, "Borealis")  # writes bump it again
    assert companies(reopened) == ["Acme", "Borealis"]
    assert check_database(store.path).ok
