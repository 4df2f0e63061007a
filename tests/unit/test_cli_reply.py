"""`debrief import reply.json`: a mentor's reply is previewed, then imported as one session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.cli import main
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview, reply_document, reply_entry

pytestmark = pytest.mark.usefixtures("cli_clock")  # tests/unit/conftest.py


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def reply_file(db: Path, tmp_path: Path) -> Path:
    store = Store(db)
    acme = store.interviews.get(store.interviews.save(build_interview(company="Acme"), now=FIXED_NOW))
    path = tmp_path / "reply.json"
    path.write_text(json.dumps(reply_document(reply_entry(acme, (5, None, 3), "Good", ("Say why us",)))), "utf-8")
    return path


def sessions(db: Path) -> int:
    return len(Store(db).coaching.sessions())


def test_a_reply_prints_its_preview_and_becomes_a_session(db, reply_file, capsys):
    assert main(["import", str(reply_file), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{reply_file}: a review by Sam Lee. Sam Lee's review of 1 interview and 1 suggested action, "
                      "written Sat 21 Nov: it becomes a finished session with Sam Lee on that day.")
    assert out[1] == ("  Acme · Data Engineer · Tue 10 Nov: Skills match you 4, Sam Lee 5 (Sam Lee scored 1 higher); "
                      "Enthusiasm signaled you 3, Sam Lee – (Sam Lee has not scored it); Culture fit you –, Sam Lee 3 "
                      "(you did not score it); 1 action")
    assert out[-1] == "Imported a session with Sam Lee (session 1): 1 interview, 1 action."
    assert sessions(db) == 1


def test_a_reply_imported_twice_says_so_and_adds_nothing(db, reply_file, capsys):
    main(["import", str(reply_file), "--db", str(db)])
    capsys.readouterr()
    assert main(["import", str(reply_file), "--db", str(db)]) == 0
    assert "Already imported on Fri 20 Nov as the session with Sam Lee on Sat 21 Nov: nothing to do." in \
        capsys.readouterr().out
    assert sessions(db) == 1


def test_a_broken_reply_exits_2_naming_every_problem_and_writes_nothing(db, reply_file, capsys):
    document = json.loads(reply_file.read_text("utf-8"))
    document["mentor"] = ""
    document["interviews"][0]["scores"]["enthusiasm"] = 6
    reply_file.write_text(json.dumps(document), "utf-8")
    version = Store(db).data_version()
    assert main(["import", str(reply_file), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{reply_file}, mentor: needs the mentor's name (text)",
                   f"{reply_file}, interviews[0].scores.enthusiasm: must be 1 to 5 or null (a whole number; got 6)",
                   "Nothing imported: fix the problems above and try again."]
    assert sessions(db) == 0 and Store(db).data_version() == version
