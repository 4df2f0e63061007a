"""The `debrief` command's global options go before or after the command, for every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.cli import COMMANDS, build_parser, main
from lib.store import Store
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.usefixtures("cli_clock")  # tests/unit/conftest.py: DEBRIEF_DB is tmp_path/default.db


def command_line(name: str, tmp_path: Path) -> list[str]:
    """A command and the arguments it needs, for a database `prepared` made."""
    needs = {
        "import": [str(tmp_path / "all.csv")],
        "export": ["csv"],
        "restore": [str(next((tmp_path / "backups").glob("*.db")))],
        "report": ["--from", f"{FIXED_NOW:%Y-%m-01}"],
    }
    return [name, *needs.get(name, [])]


@pytest.fixture
def prepared(tmp_path: Path, capsys: pytest.CaptureFixture) -> str:
    """A database with the demo data, its CSV export and one backup; the default database left absent."""
    db = str(tmp_path / "mine.db")
    assert main(["demo", "--db", db]) == 0
    assert main(["export", "csv", "--db", db, "--out", str(tmp_path / "all.csv")]) == 0
    assert main(["backup", "--db", db]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_every_command_takes_db_before_or_after_its_name(prepared: str, tmp_path: Path, name: str, position: str):
    line = command_line(name, tmp_path)
    argv = ["--db", prepared, *line] if position == "before" else [*line, "--db", prepared]
    assert main(argv) == 0
    assert not (tmp_path / "default.db").exists()  # DEBRIEF_DB was not used


def test_db_before_the_command_is_where_the_import_goes(tmp_path: Path, capsys: pytest.CaptureFixture):
    mine = tmp_path / "mine.csv"
    mine.write_text("company,role,interview_at\nAcme,Data engineer,2026-11-10\n", encoding="utf-8")
    target = tmp_path / "elsewhere.db"
    assert main(["--db", str(target), "import", str(mine)]) == 0
    assert Store(target).interviews.count() == 1
    assert not (tmp_path / "default.db").exists()


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_the_parser_reads_db_in_either_place_and_none_without_it(name: str, tmp_path: Path):
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "x.db").touch()
    line = command_line(name, tmp_path)
    assert build_parser().parse_args(["--db", "a.db", *line]).db == Path("a.db")
    assert build_parser().parse_args([*line, "--db", "b.db"]).db == Path("b.db")
    assert build_parser().parse_args(line).db is None


def test_db_given_in_both_places_is_the_one_after_the_command():
    assert build_parser().parse_args(["--db", "a.db", "check", "--db", "b.db"]).db == Path("b.db")
