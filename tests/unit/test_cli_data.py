"""`debrief export json`, `import FILE.json`, `backup`, `restore FILE` and `check`."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from lib.cli import main
from lib.files.demo import demo_entries
from lib.store import Store, backup
from tests.factories import FIXED_NOW, ROOT
from tests.unit.data_helpers import add

DEMO_COUNT = len(demo_entries(FIXED_NOW))


pytestmark = pytest.mark.usefixtures("cli_clock")  # tests/unit/conftest.py


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    main(["demo", "--db", path])
    return path


def test_export_json_to_stdout_and_to_a_file(db: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture):
    capsysbinary.readouterr()
    assert main(["export", "json", "--db", db]) == 0
    document = json.loads(capsysbinary.readouterr().out)
    assert len(document["tables"]["interviews"]) == DEMO_COUNT
    out = tmp_path / "all.json"
    assert main(["export", "json", "--db", db, "--out", str(out)]) == 0
    assert json.loads(out.read_text("utf-8")) == document


def test_import_json_adds_the_entries_and_a_second_run_skips_them(db: str, tmp_path, capsys: pytest.CaptureFixture):
    exported = tmp_path / "all.json"
    main(["export", "json", "--db", db, "--out", str(exported)])
    fresh = str(tmp_path / "fresh.db")
    capsys.readouterr()
    assert main(["import", str(exported), "--db", fresh]) == 0
    assert capsys.readouterr().out == f"Imported {DEMO_COUNT} interviews from {exported}.\n"
    assert main(["import", str(exported), "--db", fresh]) == 0
    assert capsys.readouterr().out == (
        f"Nothing imported: every interview in {exported} ({DEMO_COUNT}) is already in Debrief.\n"
    )
    assert Store(fresh).interviews.count() == DEMO_COUNT


def test_import_of_a_bad_json_names_record_and_field_and_opens_no_database(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "debrief", "version": 1, "tables": {"interviews": [{"id": 1, "company": 5}]}}')
    fresh = tmp_path / "fresh.db"
    assert main(["import", str(bad), "--db", str(fresh)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, interviews[0], field company: must be text" in err
    assert f"{bad}, interviews[0], field role: is missing" in err
    assert "Nothing imported" in err
    assert not fresh.exists()


def test_backup_prints_where_the_checked_copy_is(db: str, capsys: pytest.CaptureFixture):
    capsys.readouterr()
    assert main(["backup", "--db", db]) == 0
    [made] = backup.list_backups(Path(db))
    assert capsys.readouterr().out.startswith(f"Backed up {DEMO_COUNT} interviews to {made.path}.\n")
    assert backup.check_database(made.path).ok


def test_restore_brings_back_a_backup_and_says_where_the_previous_data_went(db: str, tmp_path: Path, capsys):
    main(["backup", "--db", db])
    [made] = backup.list_backups(Path(db))
    Store(db).interviews.delete_demo()
    add(Store(db), "Mine")  # real data, so a safety backup of it is made
    capsys.readouterr()
    assert main(["restore", str(made.path), "--db", db]) == 0
    out = capsys.readouterr().out
    [safety] = [b for b in backup.list_backups(Path(db)) if b.kind == "before-restore"]
    assert out == (f"Restored {DEMO_COUNT} interviews from {made.path}.\n"
                   f"Your data from before the restore is in {safety.path}.\n")
    assert safety.interviews == 1 and Store(db).interviews.count() == DEMO_COUNT


def test_restore_into_a_missing_database_creates_it_and_says_so_without_a_backup(db: str, tmp_path: Path, capsys):
    """A mistyped DEBRIEF_DB or a new computer: the data lands in a new file, and no copy of nothing is made."""
    main(["backup", "--db", db])
    [made] = backup.list_backups(Path(db))
    missing = tmp_path / "typo" / "debrief.db"
    capsys.readouterr()
    assert main(["restore", str(made.path), "--db", str(missing)]) == 0
    assert capsys.readouterr().out == f"Restored {DEMO_COUNT} interviews into a new database at {missing}.\n"
    assert Store(missing).interviews.count() == DEMO_COUNT and backup.list_backups(missing) == []


def test_restore_of_a_wrong_file_exits_2_and_changes_nothing(db: str, tmp_path: Path, capsys):
    wrong = tmp_path / "notes.db"
    wrong.write_text("just text")
    version = Store(db).data_version()
    assert main(["restore", str(wrong), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "is not a SQLite database" in err and "your data is unchanged" in err
    assert Store(db).data_version() == version


def test_check_of_a_healthy_database_exits_0(db: str, capsys: pytest.CaptureFixture):
    capsys.readouterr()
    assert main(["check", "--db", db]) == 0
    assert capsys.readouterr().out == (
        f"{db}: integrity ok, schema version {len(backup.KNOWN_MIGRATIONS)}, {DEMO_COUNT} interviews.\n"
    )


def test_check_reads_an_older_database_without_upgrading_it(tmp_path: Path, capsys: pytest.CaptureFixture):
    old = tmp_path / "v1.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema_v1.db", old)
    assert main(["check", "--db", str(old)]) == 0
    assert "schema version 1 (upgraded to version" in capsys.readouterr().out
    assert backup.check_database(old).schema_version == 1


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_bytes(b"not sqlite"), "is not a SQLite database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "is not a Debrief database"),
    ],
    ids=["missing", "not SQLite", "not Debrief"],
)
def test_check_of_a_bad_database_exits_1_and_says_why(tmp_path: Path, capsys, make, words):
    path = tmp_path / "x.db"
    make(path)
    assert main(["check", "--db", str(path)]) == 1
    assert words in capsys.readouterr().err


@pytest.mark.parametrize(("spoil", "words"), [
    (lambda text: text.replace('"duration_min": 60', '"duration_min": ' + "9" * 5_000, 1), "5,000 digits long"),
    (lambda text: text.replace('"notes": "', '"notes": "\\ud800', 1), "lone surrogate"),
], ids=["5000 digits", "lone surrogate"])
def test_import_of_a_json_with_a_number_or_text_no_export_holds_exits_2(db: str, tmp_path: Path, spoil, words, capsys):
    exported = tmp_path / "all.json"
    main(["export", "json", "--db", db, "--out", str(exported)])
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(spoil(exported.read_text("utf-8")), "utf-8")
    assert spoiled.read_text("utf-8") != exported.read_text("utf-8")
    fresh = tmp_path / "fresh.db"
    capsys.readouterr()
    assert main(["import", str(spoiled), "--db", str(fresh)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Nothing imported" in err
    assert not fresh.exists()


def test_an_export_too_big_to_import_back_is_refused_and_writes_no_file(db: str, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr("lib.files.import_limits.MAX_BYTES", 10 * 1024)  # the demo data is larger than this
    out = tmp_path / "all.json"
    assert main(["export", "json", "--db", db, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "The JSON export would be" in err and "Download the database (.db) or make a backup instead" in err
    assert not out.exists()
