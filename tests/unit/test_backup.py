"""lib.store.backup: checked backups, the newest ten kept, the automatic one, snapshots and database checks."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib.cli import main
from lib.store import Store, backup
from lib.store.backup import (
    BACKUPS_KEPT,
    DailyBackup,
    auto_backup,
    backup_now,
    backups_folder,
    check_database,
    database_snapshot,
    delete_backups,
    human_size,
    list_backups,
)
from lib.store.workdirs import WORK_DIR, work_dir
from tests.factories import FIXED_NOW as NOW
from tests.factories import ROOT
from tests.unit.data_helpers import MARKER, add, companies


# --- backup now ---------------------------------------------------------------------------
def test_backup_now_writes_a_checked_copy_beside_the_database_for_the_owner_only(store: Store):
    add(store)
    made = backup_now(store, NOW)
    assert made.path == store.path.parent / "backups" / "debrief-20261120-170000-manual.db"
    assert (made.kind, made.label, made.interviews, made.made_at) == ("manual", "Made by you", 1, NOW)
    assert check_database(made.path).ok
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups_folder(store.path).stat().st_mode) == 0o700
    assert Store(made.path).interviews.count() == 1


def test_a_backup_is_one_self_contained_file_not_in_wal_mode(store: Store):
    add(store)
    made = backup_now(store, NOW)
    with sqlite3.connect(f"{made.path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_two_backups_in_the_same_second_both_survive(store: Store):
    first, second = backup_now(store, NOW), backup_now(store, NOW)
    assert (first.path.name, second.path.name) == ("debrief-20261120-170000-manual.db",
                                                   "debrief-20261120-170000-2-manual.db")
    assert [b.path for b in list_backups(store.path)] == [second.path, first.path]


def test_only_the_newest_ten_are_kept(store: Store):
    made = [backup_now(store, NOW + timedelta(hours=n)) for n in range(BACKUPS_KEPT + 2)]
    assert [b.path for b in list_backups(store.path)] == [b.path for b in reversed(made[2:])]
    assert not made[0].path.exists() and not made[1].path.exists()


def test_the_backup_just_made_survives_even_when_the_clock_went_back(store: Store):
    for n in range(BACKUPS_KEPT):
        backup_now(store, NOW + timedelta(hours=n))
    earlier = backup_now(store, NOW - timedelta(hours=1))  # e.g. the repeated hour at the end of summer time
    assert earlier.path.exists()
    assert len(list_backups(store.path)) == BACKUPS_KEPT


def test_a_backup_holds_only_committed_data(store: Store):
    add(store, "Committed")
    writer = sqlite3.connect(store.path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE interviews SET company = 'Half-written'")
    made = backup_now(store, NOW)  # while another connection holds an open write transaction
    writer.rollback()
    writer.close()
    assert companies(Store(made.path)) == ["Committed"]


def test_list_backups_ignores_other_files_and_half_written_copies(store: Store):
    made = backup_now(store, NOW)
    folder = backups_folder(store.path)
    for name in [".partial-abc.db", "other-20261120-170000-manual.db", "debrief-latest.db", "notes.txt",
                 "debrief-20261399-250000-manual.db"]:
        (folder / name).write_bytes(b"x")
    assert [b.path for b in list_backups(store.path)] == [made.path]


def test_a_backup_that_cannot_be_read_is_listed_as_such(store: Store):
    made = backup_now(store, NOW)
    made.path.write_bytes(b"not a database at all" * 100)
    [listed] = list_backups(store.path)
    assert listed.interviews is None


def test_delete_backups_removes_every_backup_and_half_written_copy(store: Store):
    backup_now(store, NOW)
    backup_now(store, NOW)
    (backups_folder(store.path) / ".partial-xyz.db").write_bytes(b"")
    assert delete_backups(store.path) == 2
    assert list(backups_folder(store.path).iterdir()) == []


# --- automatic backup ----------------------------------------------------------------------
def test_auto_backup_skips_a_database_never_written(store: Store):
    assert auto_backup(store, NOW) is None
    assert list_backups(store.path) == []


def test_auto_backup_runs_at_most_once_a_day_and_only_after_a_change(store: Store):
    add(store)
    first = auto_backup(store, NOW)
    assert first is not None and first.kind == "auto"
    add(store, "Borealis")
    assert auto_backup(store, NOW + timedelta(hours=3)) is None  # the same day
    assert auto_backup(store, NOW + timedelta(days=1)).interviews == 2  # the next day, after a change
    assert auto_backup(store, NOW + timedelta(days=2)) is None  # nothing changed since


def test_auto_backup_counts_a_manual_backup_as_up_to_date(store: Store):
    add(store)
    backup_now(store, NOW - timedelta(days=1))
    assert auto_backup(store, NOW) is None


class Clock:
    """A hand-moved clock for the hook (tests never read the real one)."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_first_write_of_a_day_makes_the_automatic_backup_and_later_writes_that_day_none(db_path: Path):
    clock = Clock(NOW)
    store = Store(db_path, after_write=DailyBackup(clock))
    assert list_backups(store.path) == []  # opening a new database backs up nothing
    add(store, "Acme")  # day one, the very first save
    [first] = list_backups(store.path)
    assert (first.kind, first.interviews) == ("auto", 1)
    for n in range(3):
        clock.now += timedelta(hours=1)
        add(store, f"Later {n}")
    assert len(list_backups(store.path)) == 1
    clock.now = NOW + timedelta(days=1)
    add(store, "Next day")
    newest = list_backups(store.path)[0]
    assert (len(list_backups(store.path)), newest.kind, newest.interviews) == (2, "auto", 5)


def test_the_hook_on_a_rerun_catches_up_with_a_change_made_outside_the_app(db_path: Path):
    add(Store(db_path), "From the command line")  # a Store without the hook, as `debrief import` has
    daily = DailyBackup(Clock(NOW))
    app_store = Store(db_path, after_write=daily)
    assert daily(app_store).interviews == 1  # what the entrypoint calls on each rerun
    assert daily(app_store) is None
    assert len(list_backups(db_path)) == 1


def test_the_hook_costs_next_to_nothing_once_the_days_backup_exists(db_path: Path):
    store = Store(db_path, after_write=DailyBackup(Clock(NOW)))
    add(store, "First")  # makes the day's backup
    started = time.perf_counter()
    for _ in range(1_000):
        store.after_write(store)  # what every later write (and every rerun) runs
    per_call = (time.perf_counter() - started) / 1_000 * 1_000
    started = time.perf_counter()
    for n in range(50):
        store.settings.save("your_name", f"Sam {n}")
    per_write = (time.perf_counter() - started) / 50 * 1_000
    print(f"\nautomatic-backup hook: {per_call:.4f} ms per write, on writes of {per_write:.2f} ms")
    assert len(list_backups(db_path)) == 1
    assert per_call < 0.1


# --- snapshot -------------------------------------------------------------------------------
def test_the_snapshot_is_a_whole_database_and_leaves_nothing_behind(store: Store, tmp_path: Path):
    add(store, notes=MARKER)
    before = sorted(p.name for p in store.path.parent.iterdir())
    data = database_snapshot(store)
    assert sorted(p.name for p in store.path.parent.iterdir() if p.name != WORK_DIR) == before
    assert [p for p in work_dir(store.path).iterdir() if p.is_dir()] == []  # its working folder went
    copy = tmp_path / "copy.db"
    copy.write_bytes(data)
    assert check_database(copy).ok
    assert Store(copy).interviews.find()[0].notes == MARKER


# --- check -----------------------------------------------------------------------------------
def test_check_of_a_healthy_database(store: Store):
    add(store)
    check = check_database(store.path)
    assert (check.ok, check.schema_version, check.interviews) == (True, len(backup.KNOWN_MIGRATIONS), 1)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_bytes(b"id,company\n1,Acme\n"), "is not a SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), "cannot be read"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id)").connection.commit(),
         "is not a Debrief database"),
    ],
    ids=["missing", "a CSV", "garbage with a SQLite header", "another app's database"],
)
def test_check_names_what_is_wrong(tmp_path: Path, make, words):
    path = tmp_path / "x.db"
    make(path)
    check = check_database(path)
    assert not check.ok
    assert words in check.problems[0]


def test_check_finds_a_damaged_page(store: Store, tmp_path: Path):
    for n in range(40):
        add(store, f"Company {n}", minute=n, notes="n" * 3000)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(database_snapshot(store))
    with sqlite3.connect(damaged) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'interviews_by_company'").fetchone()
    conn.close()
    data = bytearray(damaged.read_bytes())
    data[(root - 1) * page_size] = 0x55  # not a valid b-tree page type: the index is broken
    damaged.write_bytes(bytes(data))
    check = check_database(damaged)
    assert not check.ok and ("is damaged" in check.problems[0] or "cannot be read" in check.problems[0])


def test_check_refuses_a_newer_schema_and_accepts_an_older_one(store: Store, tmp_path: Path):
    newer = tmp_path / "newer.db"
    newer.write_bytes(database_snapshot(store))
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('debrief', '999_from_the_future', '2027-01-01')")
    conn.close()
    assert "newer or different Debrief" in check_database(newer).problems[0]
    older = tmp_path / "v1.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_v1.db", older)
    assert (check_database(older).ok, check_database(older).schema_version) == (True, 1)


def test_check_reports_rows_pointing_at_nothing(store: Store, tmp_path: Path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(database_snapshot(store))
    with sqlite3.connect(broken) as conn:  # foreign keys are off by default on a plain connection
        conn.execute("INSERT INTO interviewers (interview_id, position, name) VALUES (42, 0, 'Nobody')")
    conn.close()
    assert "pointing at rows that do not exist" in check_database(broken).problems[0]


@pytest.mark.parametrize(("size", "text"), [(0, "0 bytes"), (1023, "1023 bytes"), (1536, "1.5 KB"),
                                            (5 * 1024**2, "5.0 MB"), (3 * 1024**3, "3.0 GB")])
def test_human_size(size: int, text: str):
    assert human_size(size) == text


def test_check_calls_a_database_without_its_data_version_unhealthy_and_the_command_exits_1(
    store: Store, tmp_path: Path, cli_clock, capsys: pytest.CaptureFixture
):
    add(store)
    bare = tmp_path / "bare.db"
    bare.write_bytes(database_snapshot(store))
    with closing(sqlite3.connect(bare)) as conn:
        conn.execute("DELETE FROM meta")
        conn.commit()
    assert "has no data version in its meta table" in check_database(bare).problems[0]
    assert main(["check", "--db", str(bare)]) == 1
    assert "has no data version" in capsys.readouterr().err
