"""Migration 004 on real older files: every interview becomes a round of an application, nothing is lost."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from lib.store import Store
from lib.store.schema import migrations
from tests.factories import FIXED_NOW, ROOT

FIXTURE_V1 = ROOT / "tests" / "fixtures" / "schema_v1.db"
ROW = ("INSERT INTO interviews (id, company, role, stage, format, interview_at, duration_min, outcome, "
       "created_at, updated_at) VALUES (?, ?, ?, 'technical', 'video', ?, 60, ?, '2026-11-01T00:00', "
       "'2026-11-01T00:00')")


def database_before_applications(path: Path) -> None:
    """A schema-v3 file (coaching, no applications) with rounds typed in different cases, and a custom template."""
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn), stop_before="004_applications_and_booked_rounds")
    with conn:
        conn.executemany(ROW, [
            (1, "Kestrel", "Backend engineer", "2026-11-02T10:00", "next_round"),
            (2, "KESTREL ", "Backend engineer", "2026-11-12T14:00", "pending"),
            (3, "Kestrel", "Data engineer", "2026-11-05T09:00", "pending"),
            (4, "Borealis", "Analyst", "2026-11-03T09:30", "rejected"),
        ])
        conn.execute("INSERT INTO draft_templates VALUES ('check_in', 'My subject', 'My body', '2026-11-01T00:00')")
    conn.close()


def test_existing_interviews_become_rounds_grouped_by_company_in_any_case_and_role(tmp_path: Path):
    path = tmp_path / "v3.db"
    database_before_applications(path)

    store = Store(path)  # opening migrates

    assert store.interviews.count() == 4
    kestrel_backend = store.applications.of_interview(1)
    assert [r.id for r in kestrel_backend.rounds] == [1, 2]
    assert store.applications.of_interview(3).uid != kestrel_backend.uid  # another role
    assert store.applications.count() == 3
    assert {i.application for i in store.interviews.find()} == {a.uid for a in store.applications.page()}
    assert not any(i.booked for i in store.interviews.find())
    assert set(store.applications.later_rounds([1, 2, 3, 4])) == set()  # round 1 has its own outcome


def test_the_users_own_templates_survive_the_rebuilt_templates_table(tmp_path: Path):
    path = tmp_path / "v3.db"
    database_before_applications(path)
    store = Store(path)
    with store.connect() as db:
        assert db.execute("SELECT subject, body FROM draft_templates WHERE kind = 'check_in'").fetchall() == [
            ("My subject", "My body")]
        db.execute("INSERT INTO draft_templates VALUES ('second_check_in', 's', 'b', '2026-11-01T00:00')")


def test_the_committed_version_1_database_files_each_interview_under_an_application(tmp_path: Path):
    path = tmp_path / "schema_v1.db"
    shutil.copyfile(FIXTURE_V1, path)  # never open the committed file in place

    store = Store(path)

    interviews = store.interviews.find()
    assert len(interviews) == 3 and all(i.application.startswith("app-") for i in interviews)
    assert store.applications.count() == 3
    new_round = store.interviews.save(replace(interviews[0], id=None, interviewers=(), application=""), now=FIXED_NOW)
    assert store.interviews.get(new_round).application == interviews[0].application  # joins the migrated one


def test_a_later_round_filed_by_the_migration_closes_the_earlier_check_in(tmp_path: Path):
    path = tmp_path / "v3.db"
    database_before_applications(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE interviews SET outcome = 'pending' WHERE id = 1")
    conn.close()
    store = Store(path)
    later = store.applications.later_rounds([1])
    assert later[1].number == 2 and later[1].interview.id == 2


def test_an_interview_logged_ahead_in_an_earlier_version_becomes_booked(tmp_path: Path):
    path = tmp_path / "v3.db"
    database_before_applications(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(ROW, (5, "Heron", "SRE", "2099-01-05T10:00", "pending"))  # ahead of any real clock
        conn.execute(ROW, (6, "Osprey", "SRE", "2099-01-06T10:00", "pending"))
        conn.execute("UPDATE interviews SET skills_match = 4 WHERE id = 6")  # scored: a debrief, whatever its date
    conn.close()
    store = Store(path)
    assert [i.id for i in store.interviews.booked()] == [5]
