"""Guarantee 1: a process killed with SIGKILL at any moment leaves a sound database and no half-saved entry.

A child saves interviews through the Store (each save: the entry, its interviewers and its step
marks in one transaction; some saves are edits that change the panel) and is killed at a random
moment. Each entry's company name says how many interviewers and marks it must have, so after
every kill the test can tell a whole entry from half of one.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from lib.domain.model import Format, Interview, Interviewer, Stage
from lib.domain.steps import StepMark, StepStatus
from lib.store import Store, backup
from lib.store.restore import restore
from tests.factories import FIXED_NOW as NOW
from tests.faults.helpers import FORK

KILLS = 60
FRESH_DATABASE_KILLS = 10
RESTORE_KILLS = 20
STEPS = ("recruiter_update", "soft_touch", "check_in")
NAME = re.compile(r"crash people=(\d) marks=(\d) #")


def entry(serial: int, rng: random.Random) -> tuple[Interview, list[StepMark]]:
    people, marks = rng.randint(0, 4), rng.randint(0, len(STEPS))
    interview = Interview(
        f"crash people={people} marks={marks} #{serial}", "Engineer", Stage.TECHNICAL, Format.VIDEO,
        datetime(2026, 6, 1, 9) + timedelta(minutes=serial % 100_000),  # within the summer before NOW: an edit saves
        interviewers=tuple(Interviewer(f"Person {n}", "Engineer", f"p{n}@example.com") for n in range(people)),
        notes="x" * rng.randint(0, 5_000),  # some saves span several pages
    )
    return interview, [StepMark(step, StepStatus.DONE, date(2026, 6, 2)) for step in STEPS[:marks]]


def save_forever(db_path: Path, seed: int, ready) -> None:
    """The child: save new entries and edit old ones until killed."""
    store = Store(db_path)
    rng = random.Random(seed)
    ready.set()
    serial = seed * 1_000_000
    while True:
        serial += 1
        interview, marks = entry(serial, rng)
        [new_id] = store.interviews.import_entries([(interview, marks)])
        if rng.random() < 0.3:  # an edit: a new panel and the name that says so, in one transaction
            saved = store.interviews.get(new_id)
            people = rng.randint(0, 4)
            company = NAME.sub(f"crash people={people} marks={len(marks)} #", saved.company)
            panel = tuple(Interviewer(f"Panel {n}") for n in range(people))
            store.interviews.save(replace(saved, company=company, interviewers=panel), now=NOW)


def kill_at_random(target, args, rng: random.Random, wait_until_ready: bool = True, longest: float = 0.12) -> None:
    ready = FORK.Event()
    child = FORK.Process(target=target, args=(*args, ready))
    child.start()
    if wait_until_ready:
        assert ready.wait(30), "the child never started writing"
    time.sleep(rng.uniform(0.0, longest))
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert child.exitcode == -signal.SIGKILL


def half_saved(db_path: Path) -> list[str]:
    """Every entry whose interviewers or marks do not match what its name says."""
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(
            "SELECT company, (SELECT COUNT(*) FROM interviewers p WHERE p.interview_id = i.id), "
            "(SELECT COUNT(*) FROM step_marks m WHERE m.interview_id = i.id) FROM interviews i"
        ).fetchall()
    conn.close()
    wrong = []
    for company, people, marks in rows:
        expected = NAME.match(company)
        if not expected or (int(expected[1]), int(expected[2])) != (people, marks):
            wrong.append(f"{company}: {people} interviewers, {marks} marks")
    return wrong


def test_killing_a_saving_process_never_leaves_a_half_saved_interview(tmp_path: Path):
    db_path = tmp_path / "crash.db"
    rng = random.Random(6)
    counts = []
    for kill in range(KILLS):
        kill_at_random(save_forever, (db_path, kill + 1), rng)
        assert half_saved(db_path) == [], f"after kill {kill + 1}"
        counts.append(Store(db_path).interviews.count())
    print(f"\n{KILLS} kills survived; {counts[-1]} whole interviews saved, 0 half-saved")
    assert counts[-1] > KILLS  # the kills landed among real writes


def test_killing_the_first_open_of_a_new_database_leaves_one_that_opens(tmp_path: Path):
    """Killed while creating the schema (WAL switch, migrations): the next open still works."""
    rng = random.Random(7)
    for kill in range(FRESH_DATABASE_KILLS):
        db_path = tmp_path / f"fresh-{kill}.db"
        kill_at_random(save_forever, (db_path, kill + 1), rng, wait_until_ready=False)
        store = Store(db_path)
        assert store.schema_version() == len(backup.KNOWN_MIGRATIONS)
        assert half_saved(db_path) == []


def restore_forever(db_path: Path, sources: tuple[Path, Path], start: int, ready) -> None:
    store = Store(db_path)
    ready.set()
    minute = start
    while True:
        for source in sources:
            minute += 1
            restore(store, source, NOW + timedelta(minutes=minute))


def test_killing_a_restore_leaves_the_old_data_or_the_new_never_a_mix(tmp_path: Path):
    db_path = tmp_path / "live.db"
    store = Store(db_path)
    rng = random.Random(8)
    sizes = {}
    sources = []
    for size in (3, 7):
        source = Store(tmp_path / f"source-{size}.db")
        source.interviews.import_entries([entry(size * 100 + n, rng) for n in range(size)])
        sizes[size] = {i.company for i in source.interviews.find()}
        sources.append(source.path)
    restore(store, sources[0], NOW)
    for kill in range(RESTORE_KILLS):
        kill_at_random(restore_forever, (db_path, tuple(sources), (kill + 1) * 1_000), rng, longest=0.3)
        assert half_saved(db_path) == []
        assert {i.company for i in Store(db_path).interviews.find()} in sizes.values(), f"after kill {kill + 1}"
        for listed in backup.list_backups(db_path):  # a backup cut short is never listed
            assert backup.check_database(listed.path).ok, listed.path.name
    completed = Store(db_path).data_version()  # every completed restore moved it on by one
    print(f"\n{RESTORE_KILLS} kills during restore survived ({completed} restores done); listed backups all whole")
    assert completed > 1  # kills landed both during restores and after whole ones
