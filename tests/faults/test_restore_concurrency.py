"""No save is lost to a restore: one made while `restore()` runs is in the safety backup or in the restored data.

A forked child saves an interview every ~10 ms and, after each commit, writes its name to a log;
meanwhile the parent restores a 25 MB database over a live one of the same size, three times.
Afterwards every name the child logged must be in the safety backup (saved before the restore took
the write lock) or in the live database (saved after it committed). The test prints the figure.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from lib.model import Format, Interview, Stage
from lib.restore import restore
from lib.store import Store
from tests.faults.conftest import FORK

NOW = datetime(2026, 11, 20, 17, 0)
ENTRIES = 2_500  # x ~10 KB of notes: a 25 MB database restored over a 25 MB one
RESTORES = 3
PREFIX = "Saved during restore #"


def fill(path: Path, company: str) -> Store:
    store = Store(path)
    start = datetime(2026, 1, 5, 9)
    store.import_entries(
        (Interview(f"{company} {n}", "Engineer", Stage.TECHNICAL, Format.VIDEO, start + timedelta(hours=n),
                   notes=f"{company} {n} " + "n" * 9_900), [])
        for n in range(ENTRIES)
    )  # fmt: skip
    return store


def save_every_10ms(db_path: Path, log: Path, started, stop) -> None:
    """The child: save, and only once a save has returned (committed) log its name and the time."""
    store = Store(db_path)
    with log.open("a", encoding="utf-8") as out:
        serial = 0
        while not stop.is_set():
            serial += 1
            name = f"{PREFIX}{serial}"
            try:
                store.save_interview(
                    Interview(name, "Engineer", Stage.PHONE_SCREEN, Format.PHONE, datetime(2026, 11, 18, 9)),
                    submit_token=f"child-{serial}",
                )
                out.write(f"ok\t{time.time()}\t{name}\n")
            except Exception as error:  # counted: the test fails on any
                out.write(f"error\t{time.time()}\t{error!r}\n")
            out.flush()
            started.set()
            time.sleep(0.01)


def saved_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT company FROM interviews WHERE company LIKE ?", [PREFIX + "%"])}


def test_every_save_made_during_a_restore_is_in_the_safety_backup_or_the_restored_data(tmp_path: Path):
    store = fill(tmp_path / "live.db", "Live")
    source = fill(tmp_path / "source" / "source.db", "Restored").path
    log = tmp_path / "saves.log"
    started, stop = FORK.Event(), FORK.Event()
    child = FORK.Process(target=save_every_10ms, args=(store.path, log, started, stop))
    child.start()
    try:
        assert started.wait(30), "the child never saved"
        time.sleep(0.2)
        windows, safety_backups = [], []
        for minute in range(RESTORES):
            began = time.time()
            restored = restore(store, source, NOW + timedelta(minutes=minute))
            windows.append((began, time.time()))
            safety_backups.append(restored.safety_backup.path)
            time.sleep(0.2)
    finally:
        stop.set()
        child.join(30)
    lines = [line.split("\t", 2) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line for line in lines if line[0] != "ok"] == []
    committed = {name for _, _, name in lines}
    during = sum(any(began <= float(at) <= ended for began, ended in windows) for _, at, _ in lines)
    kept = saved_names(store.path).union(*(saved_names(path) for path in safety_backups))
    lost = sorted(committed - kept)
    seconds = ", ".join(f"{ended - began:.1f}" for began, ended in windows)
    print(f"\nwrites lost during restore: {len(lost)} of {len(committed)} "
          f"({during} committed while {RESTORES} restores ran, each {seconds} s)")  # fmt: skip
    assert lost == []
    assert restored.interviews >= ENTRIES and during >= 5  # the race really ran
