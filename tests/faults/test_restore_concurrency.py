"""No save is lost to a restore: one made while `restore()` runs is in the safety backup or in the restored data.

A forked child saves an interview every ~10 ms and, after each commit, writes its name to a log;
meanwhile the parent restores a 25 MB database over a live one of the same size, three times.
Afterwards every name the child logged must be in the safety backup (saved before the restore took
the write lock) or in the live database (saved after it committed). The restore's transaction is
timed from the parent (around `BEGIN IMMEDIATE` and its `COMMIT`): no save may commit while it
holds the lock, and at least one save must have been waiting on that lock, or the race did not
really run. The test prints the figures.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib.domain.model import Format, Interview, Stage
from lib.store import Store, immediate
from lib.store.restore import restore
from tests.factories import FIXED_NOW as NOW
from tests.faults.helpers import FORK

ENTRIES = 2_500  # x ~10 KB of notes: a 25 MB database restored over a 25 MB one
RESTORES = 3
PREFIX = "Saved during restore #"


def fill(path: Path, company: str) -> Store:
    store = Store(path)
    start = datetime(2026, 1, 5, 9)
    store.interviews.import_entries(
        (Interview(f"{company} {n}", "Engineer", Stage.TECHNICAL, Format.VIDEO, start + timedelta(hours=n),
                   notes=f"{company} {n} " + "n" * 9_900), [])
        for n in range(ENTRIES)
    )
    return store


def save_every_10ms(db_path: Path, log: Path, started, stop) -> None:
    """The child: save, and only once a save has returned (committed) log its name and the time."""
    store = Store(db_path)
    with log.open("a", encoding="utf-8") as out:
        serial = 0
        while not stop.is_set():
            serial += 1
            name = f"{PREFIX}{serial}"
            began = time.time()
            try:
                store.interviews.save(
                    Interview(name, "Engineer", Stage.PHONE_SCREEN, Format.PHONE, datetime(2026, 11, 18, 9)),
                    submit_token=f"child-{serial}", now=NOW
                )
                out.write(f"ok\t{began}\t{time.time()}\t{name}\n")
            except Exception as error:  # counted: the test fails on any
                out.write(f"error\t{began}\t{time.time()}\t{error!r}\n")
            out.flush()
            started.set()
            time.sleep(0.01)


def saved_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT company FROM interviews WHERE company LIKE ?", [PREFIX + "%"])}


def timing_the_restores_transaction(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float, float, float]]:
    """(BEGIN IMMEDIATE sent, lock held, COMMIT sent, committed) of each restore, as the parent saw them."""
    transactions = []

    @contextmanager
    def timed(db) -> Iterator[None]:
        asked = time.time()
        with immediate(db):
            held = time.time()
            yield
            committing = time.time()
        transactions.append((asked, held, committing, time.time()))

    monkeypatch.setattr("lib.store.restore.immediate", timed)
    return transactions


def test_every_save_made_during_a_restore_is_in_the_safety_backup_or_the_restored_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    transactions = timing_the_restores_transaction(monkeypatch)
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
    lines = [line.split("\t", 3) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line for line in lines if line[0] != "ok"] == []
    saves = [(float(began), float(at), name) for _, began, at, name in lines]
    committed = {name for _, _, name in saves}
    during = sum(any(began <= at <= ended for began, ended in windows) for _, at, _ in saves)
    assert len(transactions) == RESTORES
    inside = [at for _, at, _ in saves for _, held, committing, _ in transactions if held + 0.05 < at < committing]
    # started well before a restore's COMMIT, committed after it: its own BEGIN IMMEDIATE waited on the lock
    waited = [(began, asked) for began, at, _ in saves for asked, _, committing, _ in transactions
              if began < committing - 0.05 and at > committing]
    before_begin = [began for began, asked in waited if began < asked]
    kept = saved_names(store.path).union(*(saved_names(path) for path in safety_backups))
    lost = sorted(committed - kept)
    seconds = ", ".join(f"{ended - began:.1f}" for began, ended in windows)
    print(f"\nwrites lost during restore: {len(lost)} of {len(committed)} "
          f"({during} committed while {RESTORES} restores ran, each {seconds} s); "
          f"saves that waited on a restore's lock and committed after it: {len(waited)} "
          f"({len(before_begin)} of them started before its BEGIN IMMEDIATE); "
          f"committed while it held the lock: {len(inside)}")
    assert lost == []
    assert inside == []  # the restore's write lock really kept every save out
    assert len(waited) >= RESTORES  # and each restore really kept a save waiting
    assert restored.interviews >= ENTRIES and during >= 5  # the race really ran
