"""At most one automatic backup a day, even when several processes make their first save at once.

Three forked processes (three app servers, or the app and two CLI commands) each open the
database with the app's daily-backup hook and, released together by a barrier, make their
first save of the day. Each hook finds no automatic backup for today; only one may make it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lib.domain.model import Format, Interview, Stage
from lib.store import Store
from lib.store.backup import DailyBackup, list_backups
from tests.faults.helpers import FORK

NOW = datetime(2026, 11, 20, 9, 0)
PROCESSES = 3
ROUNDS = 3


def first_save_of_the_day(db_path: Path, company: str, start) -> None:
    store = Store(db_path, after_write=DailyBackup(lambda: NOW))
    start.wait(30)
    store.interviews.import_entries([(Interview(company, "Engineer", Stage.TECHNICAL, Format.VIDEO, NOW), [])])


def test_three_processes_first_save_of_the_day_make_one_automatic_backup(tmp_path: Path):
    made = []
    for round_ in range(ROUNDS):
        db_path = tmp_path / f"round-{round_}" / "debrief.db"
        Store(
            db_path
        ).interviews.import_entries([(Interview("Before", "Engineer", Stage.TECHNICAL, Format.VIDEO, NOW), [])])
        start = FORK.Barrier(PROCESSES)
        children = [FORK.Process(target=first_save_of_the_day, args=(db_path, f"Co {n}", start))
                    for n in range(PROCESSES)]
        for child in children:
            child.start()
        for child in children:
            child.join(60)
            assert child.exitcode == 0
        made.append(len([b for b in list_backups(db_path) if b.kind == "auto"]))
    print(f"\nautomatic backups made by {PROCESSES} processes' first save of the day, per round: {made}")
    assert made == [1] * ROUNDS
