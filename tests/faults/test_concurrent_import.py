"""Two imports of one file at once add it once: which entries are new is decided inside the write.

Each round forks several processes that read the same 20-interview file, meet at a barrier
(so they all pass the preview before any writes), and then confirm the import as the Data page
and `debrief import` do. However the writes interleave, the database must end with 20.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib.cli import main
from lib.files.csv import export_csv
from lib.files.imports import import_file, plan_import
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview
from tests.faults.helpers import FORK

ENTRIES = 20
PROCESSES = 4
ROUNDS = 3


def source_file(tmp_path: Path, kind: str) -> Path:
    source = Store(tmp_path / "source.db")
    start = datetime(2026, 11, 2, 9, 0)
    source.interviews.import_entries([(build_interview(company=f"Co {n}", interview_at=start + timedelta(hours=n)), [])
                           for n in range(ENTRIES)])
    path = tmp_path / f"interviews.{kind}"
    path.write_text(export_json(source, FIXED_NOW) if kind == "json" else export_csv(source), "utf-8")
    return path


def confirm_on_the_page(db: str, file: str, barrier) -> None:
    data = Path(file).read_bytes()
    plan_import(Store(db), data, file, FIXED_NOW)  # the preview: every entry new
    barrier.wait(timeout=30)
    import_file(Store(db), data, file, FIXED_NOW)  # the click on "Add 20 interviews"


def run_the_command(db: str, file: str, barrier) -> None:
    barrier.wait(timeout=30)
    os.environ["DEBRIEF_NOW"] = FIXED_NOW.isoformat()
    os.environ["DEBRIEF_TZ"] = "Europe/London"
    raise SystemExit(main(["import", file, "--db", db]))


@pytest.mark.parametrize("kind", ["json", "csv"])
@pytest.mark.parametrize("how", [confirm_on_the_page, run_the_command], ids=["page", "cli"])
def test_the_same_file_imported_at_once_by_several_processes_is_added_once(tmp_path: Path, kind: str, how):
    file = source_file(tmp_path, kind)
    counts = []
    for round_ in range(ROUNDS):
        db = str(tmp_path / f"round{round_}.db")
        Store(db)  # created first: the race is the import, not the first open
        barrier = FORK.Barrier(PROCESSES)
        workers = [FORK.Process(target=how, args=(db, str(file), barrier)) for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert [w.exitcode for w in workers] == [0] * PROCESSES
        counts.append(Store(db).interviews.count())
    print(f"\n{how.__name__} {kind}: interviews after {PROCESSES} imports at once of {ENTRIES}: {counts}")
    assert counts == [ENTRIES] * ROUNDS


def test_a_second_import_adds_nothing_and_says_so(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("DEBRIEF_NOW", FIXED_NOW.isoformat())
    file = source_file(tmp_path, "json")
    db = str(tmp_path / "target.db")
    assert main(["import", str(file), "--db", db]) == 0
    assert capsys.readouterr().out == f"Imported {ENTRIES} interviews from {file}.\n"
    assert main(["import", str(file), "--db", db]) == 0
    said = capsys.readouterr().out
    assert said == f"Nothing imported: every interview in {file} ({ENTRIES}) is already in Debrief.\n"
    assert Store(db).interviews.count() == ENTRIES
