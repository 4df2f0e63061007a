"""The `debrief` command line: demo, import, export, exit codes and where the data goes."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from lib.cli import main
from lib.files.csv import COLUMNS
from lib.files.demo import demo_entries
from lib.store import Store
from tests.factories import FIXED_NOW, ROOT
from tests.unavailable import make_read_only, sqlite_without_debrief, under_a_file

DEMO_COUNT = len(demo_entries(FIXED_NOW))


pytestmark = pytest.mark.usefixtures("cli_clock")  # tests/unit/conftest.py


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def test_demo_adds_the_bundled_set_once(db: str, capsys: pytest.CaptureFixture):
    assert main(["demo", "--db", db]) == 0
    assert f"Added the demo data: {DEMO_COUNT} interviews." in capsys.readouterr().out
    assert main(["demo", "--db", db]) == 0
    assert "already there; nothing added" in capsys.readouterr().out
    assert Store(db).interviews.count(demo=True) == DEMO_COUNT


def test_demo_count_generates_that_many_and_says_how_long(db: str, capsys: pytest.CaptureFixture):
    assert main(["demo", "--count", "120", "--seed", "3", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added 120 generated interviews in ") and out.rstrip().endswith(" s.")
    assert Store(db).interviews.count(demo=True) == 120


@pytest.mark.parametrize("count", ["0", "-5", "many", "1000001"])
def test_demo_refuses_a_count_that_is_not_a_sensible_number(db: str, count: str, capsys: pytest.CaptureFixture):
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--count", count, "--db", db])
    assert exit_.value.code == 2
    assert "--count" in capsys.readouterr().err
    assert not Path(db).exists()


def test_seed_without_count_is_refused(db: str, capsys: pytest.CaptureFixture):
    assert main(["demo", "--seed", "3", "--db", db]) == 2
    assert "--seed only goes with --count" in capsys.readouterr().err


def test_export_csv_goes_to_stdout_or_to_a_file(db: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture):
    main(["demo", "--db", db])
    capsysbinary.readouterr()
    assert main(["export", "csv", "--db", db]) == 0
    printed = capsysbinary.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["export", "csv", "--db", db, "--out", str(out)]) == 0
    assert out.read_bytes() == printed
    assert printed.startswith(",".join(COLUMNS).encode() + b"\r\n")
    assert printed.count(b"\r\n") == DEMO_COUNT + 1


def test_export_ics_writes_a_calendar(db: str, tmp_path: Path, capsys: pytest.CaptureFixture):
    main(["demo", "--db", db])
    out = tmp_path / "reminders.ics"
    assert main(["export", "ics", "--db", db, "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_export_to_a_missing_folder_fails_with_exit_1(db: str, tmp_path: Path, capsys: pytest.CaptureFixture):
    main(["demo", "--db", db])
    assert main(["export", "csv", "--db", db, "--out", str(tmp_path / "nowhere" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_import_then_export_round_trips(db: str, tmp_path: Path, capsys: pytest.CaptureFixture):
    main(["demo", "--db", db])
    exported = tmp_path / "demo.csv"
    main(["export", "csv", "--db", db, "--out", str(exported)])
    fresh = str(tmp_path / "fresh.db")
    capsys.readouterr()
    assert main(["import", str(exported), "--db", fresh]) == 0
    assert capsys.readouterr().out == f"Imported {DEMO_COUNT} interviews from {exported}.\n"
    again = tmp_path / "again.csv"
    main(["export", "csv", "--db", fresh, "--out", str(again)])
    assert again.read_bytes() == exported.read_bytes()


def test_import_of_a_hand_made_csv_names_the_columns_it_ignored(db: str, tmp_path: Path, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text("Company,Role,Date,Source,Mood\nAcme,Data engineer,2026-11-10,LinkedIn,good\n", encoding="utf-8")
    assert main(["import", str(mine), "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Ignored the columns Source, Mood: Debrief has no field for them."
    assert Store(db).interviews.count() == 1


def test_import_of_a_bad_file_lists_every_problem_and_writes_nothing(db: str, tmp_path: Path, capsys):
    main(["demo", "--db", db])
    exported = tmp_path / "demo.csv"
    main(["export", "csv", "--db", db, "--out", str(exported)])
    rows = list(csv.DictReader(io.StringIO(exported.read_bytes().decode("utf-8"))))
    rows[1]["format"] = "carrier pigeon"  # spreadsheet row 3
    rows[4] |= {"interview_at": "next Tuesday", "outcome": "hired"}  # spreadsheet row 6
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(out.getvalue().encode("utf-8"))
    fresh = tmp_path / "fresh.db"
    capsys.readouterr()
    assert main(["import", str(broken), "--db", str(fresh)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{broken}, row 3, column format: " in captured.err
    assert f"{broken}, row 6, column interview_at: " in captured.err
    assert f"{broken}, row 6, column outcome: " in captured.err
    assert "Nothing imported" in captured.err
    assert not fresh.exists()  # not even an empty database


def test_import_of_a_missing_file_exits_2(db: str, tmp_path: Path, capsys: pytest.CaptureFixture):
    assert main(["import", str(tmp_path / "nope.csv"), "--db", db]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_import_of_an_empty_file_names_the_file(db: str, tmp_path: Path, capsys: pytest.CaptureFixture):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--db", db]) == 2
    assert f"{empty}: is empty" in capsys.readouterr().err


def test_db_defaults_to_the_debrief_db_variable(tmp_path: Path):
    assert main(["demo"]) == 0
    assert Store(tmp_path / "default.db").interviews.count() == DEMO_COUNT


def test_a_command_is_required(capsys: pytest.CaptureFixture):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2


def test_python_dash_m_lib_runs_the_same_command(tmp_path: Path):
    env = os.environ | {"DEBRIEF_DB": str(tmp_path / "m.db")}
    result = subprocess.run(
        [sys.executable, "-m", "lib", "demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"{DEMO_COUNT} interviews" in result.stdout


# --- exports never write over Debrief's own files ----------------------------------------
def _own_files(db: str) -> dict[str, bytes]:
    folder = Path(db).parent
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["csv", "json", "ics"])
@pytest.mark.parametrize(
    "target",
    [
        lambda db: db,
        lambda db: db + "-wal",
        lambda db: db + "-shm",
        lambda db: str(Path(db).parent / "." / ".." / Path(db).parent.name / Path(db).name),
        lambda db: str(Path(db).parent / "backups" / "mine.db"),
        lambda db: str(next((Path(db).parent / "backups").glob("*.db"))),
    ],
    ids=["database", "wal", "shm", "another spelling", "new file in backups", "a backup"],
)
def test_an_export_over_the_database_or_a_backup_is_refused_and_writes_nothing(db: str, fmt: str, target, capsys):
    main(["demo", "--db", db])
    main(["backup", "--db", db])
    out = target(db)
    before = _own_files(db)
    capsys.readouterr()
    assert main(["export", fmt, "--db", db, "--out", out]) == 2
    err = capsys.readouterr().err
    assert f"--out {out} is " in err and "choose another file name; nothing written" in err
    assert _own_files(db) == before
    assert Store(db).interviews.count() == DEMO_COUNT


@pytest.mark.parametrize("link", [os.symlink, os.link], ids=["symlink", "hard link"])
def test_an_export_to_a_link_to_the_database_is_refused(db: str, tmp_path: Path, link, capsys):
    main(["demo", "--db", db])
    alias = tmp_path / "elsewhere.ics"
    link(db, alias)
    before = Path(db).read_bytes()
    assert main(["export", "ics", "--db", db, "--out", str(alias)]) == 2
    assert "is the Debrief database itself" in capsys.readouterr().err
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize("target", ["debrief.db-wal", "debrief.db-shm", "debrief.db-journal", "backups/mine.csv"])
def test_an_export_through_a_symlinked_db_is_refused_over_the_real_files(tmp_path: Path, target: str, capsys):
    """SQLite keeps the -wal and -shm beside the real file, not beside the link: both are guarded."""
    data = tmp_path / "data"
    data.mkdir()
    real = data / "debrief.db"
    main(["demo", "--db", str(real)])
    main(["backup", "--db", str(real)])
    for companion in ("-wal", "-shm", "-journal"):
        Path(f"{real}{companion}").write_bytes(b"live companion")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    before = _own_files(str(real))
    capsys.readouterr()
    out = str(data / target)
    assert main(["export", "csv", "--db", str(link), "--out", out]) == 2
    assert "choose another file name; nothing written" in capsys.readouterr().err
    assert _own_files(str(real)) == before


def test_an_export_replaces_an_existing_file_whole_and_leaves_no_temporary(db: str, tmp_path: Path):
    main(["demo", "--db", db])
    out = tmp_path / "all.csv"
    out.write_text("an older export, much longer than nothing" * 1000)
    assert main(["export", "csv", "--db", db, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(",".join(COLUMNS).encode())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".all.csv.")]


def test_a_report_is_refused_over_the_database_too(db: str, capsys: pytest.CaptureFixture):
    main(["demo", "--db", db])
    before = Path(db).read_bytes()
    assert main(["report", "--from", "2026-01-01", "--db", db, "--out", db]) == 2
    assert "is the Debrief database itself" in capsys.readouterr().err
    assert Path(db).read_bytes() == before


# --- messages that name the real problem ----------------------------------------------------
@pytest.mark.parametrize("command", [["export", "csv"], ["export", "json"], ["export", "ics"], ["backup"],
                                     ["report", "--from", "2026-01-01"]])
def test_a_read_only_command_on_a_mistyped_database_creates_nothing(tmp_path: Path, command, monkeypatch, capsys):
    typo = tmp_path / "dta" / "debrief.db"
    monkeypatch.setenv("DEBRIEF_DB", str(typo))
    assert main(command) == 2
    assert f"There is no Debrief database at {typo} (check --db or DEBRIEF_DB)" in capsys.readouterr().err
    assert not typo.parent.exists()


def _sqlite_without_debrief(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()


@pytest.mark.parametrize("command", [["export", "csv"], ["export", "json"], ["export", "ics"], ["backup"],
                                     ["report", "--from", "2026-01-01"]])
@pytest.mark.parametrize(
    "make",
    [lambda p: p.write_text("name,price\nbread,2\n"), _sqlite_without_debrief],
    ids=["a text file", "another program's SQLite"],
)
def test_a_read_only_command_on_a_file_that_is_not_debrief_leaves_it_byte_identical(tmp_path: Path, command, make,
                                                                                    capsys):
    other = tmp_path / "notes.db"
    make(other)
    before = other.read_bytes()
    assert main([*command, "--db", str(other)]) == 2
    assert f"{other} is not a Debrief database" in capsys.readouterr().err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


@pytest.mark.parametrize("command", [["export", "csv"], ["export", "json"], ["export", "ics"], ["backup"],
                                     ["report", "--from", "2026-01-01"]])
def test_a_read_only_command_on_a_zero_byte_file_says_there_is_no_debrief_database_and_leaves_it(
    tmp_path: Path, command, capsys
):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert main([*command, "--db", str(empty)]) == 2
    err = capsys.readouterr().err
    assert f"There is no Debrief database at {empty}, only an empty file (check --db or DEBRIEF_DB)" in err
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_demo_and_import_into_a_zero_byte_file_use_it_as_a_new_database(tmp_path: Path, capsys):
    """A zero-byte file is what a new database looks like: Store creates it 0600 before SQLite opens it."""
    source, empty = tmp_path / "source.db", tmp_path / "empty.db"
    main(["demo", "--db", str(source)])
    exported = tmp_path / "demo.csv"
    main(["export", "csv", "--db", str(source), "--out", str(exported)])
    empty.write_bytes(b"")
    assert main(["import", str(exported), "--db", str(empty)]) == 0
    assert Store(empty).interviews.count() == DEMO_COUNT
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    assert main(["demo", "--db", str(other)]) == 0
    assert Store(other).interviews.count(demo=True) == DEMO_COUNT


@pytest.mark.parametrize("command", [["export", "csv"], ["demo"]])
def test_a_folder_given_as_the_database_is_named_as_a_folder(tmp_path: Path, command, capsys):
    assert main([*command, "--db", str(tmp_path)]) == 2
    assert f"{tmp_path} is a folder, not a database file" in capsys.readouterr().err


def test_a_read_only_folder_is_named_with_what_to_do(tmp_path: Path, monkeypatch, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    assert main(["demo", "--db", str(folder / "debrief.db")]) == 2
    err = capsys.readouterr().err
    assert f"the folder {folder} is read-only" in err and f"chmod u+w {folder}" in err
    assert "attempt to write" not in err


def test_sqlites_read_only_answer_is_not_pinned_on_a_folder_that_looks_writable(tmp_path: Path, monkeypatch, capsys):
    folder = tmp_path / "mounted"
    folder.mkdir()
    make_read_only(monkeypatch, folder, folder_says_so=False)
    assert main(["demo", "--db", str(folder / "debrief.db")]) == 2
    err = capsys.readouterr().err
    assert f"SQLite cannot write the database {folder / 'debrief.db'} (it says it is read-only)" in err
    assert f"the folder {folder} is read-only" not in err


def test_a_damaged_database_in_a_read_only_folder_is_called_damaged_not_read_only(tmp_path: Path, monkeypatch,
                                                                                   capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    damaged = folder / "debrief.db"
    Store(damaged)
    data = bytearray(damaged.read_bytes())
    data[100:400] = b"\xff" * 300  # the schema page
    damaged.write_bytes(bytes(data))
    make_read_only(monkeypatch, folder)
    assert main(["export", "csv", "--db", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "database disk image is malformed" in err
    assert "read-only" not in err


def test_a_database_path_under_a_regular_file_says_so(tmp_path: Path, capsys):
    path = under_a_file(tmp_path)
    assert main(["demo", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path} is under {path.parent}, which is a file, not a folder" in err
    assert "unable to open" not in err
    assert (tmp_path / "notes.txt").read_text() == "not a folder\n"


@pytest.mark.parametrize("make", [lambda p: p.write_text("name,price\nbread,2\n"), sqlite_without_debrief],
                         ids=["a text file", "another program's SQLite"])
@pytest.mark.parametrize("command", [["import"], ["demo"]])
def test_a_writing_command_into_a_file_that_is_not_debrief_refuses_and_leaves_it_byte_identical(
    tmp_path: Path, make, command, capsys
):
    other = tmp_path / "notes.db"
    make(other)
    before = other.read_bytes()
    entries = tmp_path / "in.csv"
    main(["demo", "--db", str(tmp_path / "source.db")])
    main(["export", "csv", "--db", str(tmp_path / "source.db"), "--out", str(entries)])
    capsys.readouterr()
    args = [*command, str(entries)] if command == ["import"] else command
    assert main([*args, "--db", str(other)]) == 2
    assert f"{other} is not a Debrief database" in capsys.readouterr().err
    assert other.read_bytes() == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_check_on_a_missing_path_names_the_path_once(tmp_path: Path, capsys):
    missing = tmp_path / "d.db"
    assert main(["check", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"debrief: {missing} does not exist\n"


def test_check_on_a_zero_byte_file_says_there_is_no_debrief_database_in_it(tmp_path: Path, capsys):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert main(["check", "--db", str(empty)]) == 1
    assert capsys.readouterr().err == f"debrief: {empty} is an empty file, with no Debrief database in it\n"
    assert empty.read_bytes() == b""


def test_check_on_a_folder_names_it_as_a_folder(tmp_path: Path, capsys):
    assert main(["check", "--db", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path} is a folder, not a database file" in err
    assert "does not exist" not in err


def test_a_file_over_the_limit_is_reported_with_its_real_size(db: str, tmp_path: Path, capsys):
    big = tmp_path / "big.csv"
    with big.open("wb") as file:
        file.truncate(25 * 1024 * 1024)
    assert main(["import", str(big), "--db", db]) == 2
    assert f"{big}: is 25 MB; the limit is 20 MB per file" in capsys.readouterr().err


def test_standard_input_over_the_limit_is_said_to_be_larger(db: str, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * (25 * 1024 * 1024))))
    assert main(["import", "-", "--db", db]) == 2
    assert "stdin: is larger than 20 MB, the limit for one file" in capsys.readouterr().err
