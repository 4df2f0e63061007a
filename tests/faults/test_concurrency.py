"""Guarantee 2: eight writers saving and editing at once lose nothing and never see "database is locked".

Each worker, for a few seconds, saves new interviews (with interviewers), edits its own
earlier ones (new notes, a different panel) and marks steps, reading in between as the pages
do. It counts what it committed; afterwards the database must hold exactly that.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lib.domain.model import Format, Interview, Interviewer, Stage
from lib.domain.steps import StepMark, StepStatus
from lib.store import InterviewFilter, Store
from tests.factories import FIXED_NOW
from tests.faults.helpers import FORK

WORKERS = 8
SECONDS = 2.5
BASE = datetime(2026, 6, 1, 9, 0)


@dataclass
class Tally:
    """What one worker committed, and every exception it met."""

    saved: int = 0
    edits: int = 0
    marks: int = 0
    reads: int = 0
    last_notes: dict[int, str] = field(default_factory=dict)  # interview id -> notes of its last committed edit
    people: dict[int, int] = field(default_factory=dict)  # interview id -> interviewers after its last write
    errors: list[str] = field(default_factory=list)


def work(db_path: Path, worker: int, seconds: float, seed: int) -> Tally:
    store = Store(db_path)
    rng = random.Random(seed)
    tally = Tally()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            roll = rng.random()
            if roll < 0.4 or not tally.people:
                size = rng.randint(0, 3)
                interview = Interview(
                    f"Worker {worker}", "Engineer", Stage.TECHNICAL, Format.VIDEO,
                    BASE + timedelta(minutes=worker * 100_000 + tally.saved),
                    interviewers=tuple(Interviewer(f"Person {n}") for n in range(size)),
                )
                new_id = store.interviews.save(interview, submit_token=f"w{worker}-{tally.saved}", now=FIXED_NOW)
                tally.saved += 1
                tally.people[new_id] = size
            elif roll < 0.7:
                target = rng.choice(list(tally.people))
                current = store.interviews.get(target)
                notes = f"edit {tally.edits} by worker {worker}"
                size = rng.randint(0, 3)
                people = tuple(Interviewer(f"Panel {n}") for n in range(size))
                store.interviews.save(replace(current, notes=notes, interviewers=people), now=FIXED_NOW)
                tally.edits += 1
                tally.last_notes[target] = notes
                tally.people[target] = size
            elif roll < 0.85:
                target = rng.choice(list(tally.people))
                store.follow_up.mark(target, StepMark("check_in", StepStatus.DONE, date(2026, 6, 20)))
                tally.marks += 1
            else:
                store.interviews.find(InterviewFilter(companies=(f"Worker {worker}",)), limit=10)
                store.data_version()
                tally.reads += 1
        except Exception as error:  # counted, and the test fails on any
            tally.errors.append(repr(error))
    return tally


def _process_worker(db_path: Path, worker: int, seconds: float, seed: int, results) -> None:
    results.put((worker, work(db_path, worker, seconds, seed)))


def run_processes(db_path: Path) -> list[Tally]:
    results = FORK.Queue()
    processes = [
        FORK.Process(target=_process_worker, args=(db_path, n, SECONDS, 100 + n, results)) for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    tallies = dict(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    return [tallies[n] for n in range(WORKERS)]


def run_threads(db_path: Path) -> list[Tally]:
    tallies: list[Tally | None] = [None] * WORKERS

    def run(n: int) -> None:
        tallies[n] = work(db_path, n, SECONDS, 200 + n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tallies


@pytest.mark.parametrize("run", [run_processes, run_threads], ids=["processes", "threads"])
def test_eight_writers_at_once_lose_no_write_and_never_see_database_is_locked(db_path: Path, run):
    Store(db_path)  # created before the race, as the app does at start
    tallies = run(db_path)
    store = Store(db_path)

    errors = [e for t in tallies for e in t.errors]
    writes = sum(t.saved + t.edits + t.marks for t in tallies)
    lost = 0
    for worker, tally in enumerate(tallies):
        saved = store.interviews.find(InterviewFilter(companies=(f"Worker {worker}",)))
        lost += abs(len(saved) - tally.saved)
        by_id = {i.id: i for i in saved}
        for interview_id, notes in tally.last_notes.items():
            lost += by_id[interview_id].notes != notes
        for interview_id, size in tally.people.items():
            lost += len(by_id[interview_id].interviewers) != size
        marked = store.follow_up.marks_for(by_id)
        lost += sum(1 for marks in marked.values() if marks and marks != [StepMark("check_in", StepStatus.DONE,
                                                                                    date(2026, 6, 20))])
    lost += store.data_version() != writes  # every committed write bumped the version exactly once
    print(f"\n{run.__name__}: {WORKERS} writers, {writes} writes committed "
          f"({sum(t.saved for t in tallies)} saves, {sum(t.edits for t in tallies)} edits, "
          f"{sum(t.marks for t in tallies)} marks), {sum(t.reads for t in tallies)} reads, "
          f"{len(errors)} errors, {lost} lost")
    assert errors == []
    assert lost == 0
    assert writes > 100  # the race really happened
