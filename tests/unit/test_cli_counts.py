"""Every count the `debrief` command prints agrees with its number: "1 interview", "2 interviews"."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.cli import main
from lib.domain.model import ValidationError
from lib.domain.text import count_of
from lib.files.import_limits import MAX_PROBLEMS, Problems

pytestmark = pytest.mark.usefixtures("cli_clock")  # tests/unit/conftest.py

ROWS = ["Acme,Data engineer,2026-11-10", "Borealis,Analyst,2026-11-12"]


def hand_made(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / f"{rows}.csv"
    path.write_text("company,role,date\n" + "\n".join(ROWS[:rows]) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("number", "words"), [(0, "0 interviews"), (1, "1 interview"), (2, "2 interviews"),
                                               (1200, "1,200 interviews")])
def test_count_of_says_one_in_the_singular_and_any_other_number_in_the_plural(number: int, words: str):
    assert count_of(number, "interview") == words


@pytest.mark.parametrize(("rows", "line"), [(1, "Imported 1 interview from {file}."),
                                            (2, "Imported 2 interviews from {file}.")])
def test_import_says_how_many_interviews_in_the_right_number(tmp_path: Path, capsys, rows: int, line: str):
    file = hand_made(tmp_path, rows)
    assert run(capsys, "import", str(file)) == line.format(file=file) + "\n"


def test_every_count_for_one_interview_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture):
    db = str(tmp_path / "one.db")
    assert run(capsys, "demo", "--count", "1", "--db", db).startswith("Added 1 generated interview in ")
    one = str(tmp_path / "other.db")
    run(capsys, "import", str(hand_made(tmp_path, 1)), "--db", one)
    assert run(capsys, "import", str(hand_made(tmp_path, 2)), "--db", one) == (
        f"Imported 1 interview from {tmp_path / '2.csv'}. Skipped 1 already in Debrief.\n")
    assert run(capsys, "check", "--db", db).endswith(", 1 interview.\n")
    backed_up = run(capsys, "backup", "--db", db)
    assert backed_up.startswith("Backed up 1 interview to ")
    copy = backed_up.split(" to ", 1)[1].split(".db", 1)[0] + ".db"
    assert run(capsys, "restore", copy, "--db", db).startswith(f"Restored 1 interview from {copy}.")
    assert run(capsys, "restore", copy, "--db", str(tmp_path / "new.db")).startswith(
        "Restored 1 interview into a new database at ")
    report = tmp_path / "report.html"
    assert ", 1 interview, " in run(capsys, "report", "--from", "1990-01-01", "--db", db, "--out", str(report))


def test_one_problem_more_than_the_list_holds_is_said_in_the_singular():
    problems = Problems()
    for row in range(MAX_PROBLEMS + 1):
        problems.add(f"row {row}", "is wrong")
    with pytest.raises(ValidationError) as caught:
        problems.raise_any()
    assert caught.value.errors["more"] == "and 1 more problem not listed: fix these first"
