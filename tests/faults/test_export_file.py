"""An export killed mid-write leaves the file it was replacing whole, and never touches the database.

The child writes a new export over an old one and is SIGKILLed while the new bytes are on
their way to disk (held at the fsync); the target must still hold the old export, byte for
byte, and the database next to it must be unchanged.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from lib.files.export_file import write_export_file
from lib.store import Store
from tests.faults.helpers import FORK
from tests.unit.data_helpers import add


def write_and_hang(target: str, db: str, ready) -> None:
    def stuck_fsync(handle: int) -> None:
        ready.set()
        time.sleep(60)

    os.fsync = stuck_fsync  # the child only: hold the write at the moment before the rename
    write_export_file(Path(target), b"NEW " * 5_000_000, Path(db))


def test_an_export_killed_mid_write_leaves_the_old_file_and_the_database_whole(tmp_path: Path):
    store = Store(tmp_path / "debrief.db")
    add(store, "Acme")
    before = store.path.read_bytes()
    target = tmp_path / "all.csv"
    target.write_bytes(b"the previous export\r\n")
    ready = FORK.Event()
    child = FORK.Process(target=write_and_hang, args=(str(target), str(store.path), ready))
    child.start()
    assert ready.wait(timeout=30)
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=10)
    assert child.exitcode == -signal.SIGKILL
    assert target.read_bytes() == b"the previous export\r\n"
    assert store.path.read_bytes() == before and [i.company for i in store.interviews.find()] == ["Acme"]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".all.csv.")]
    print(f"\nexport killed before its rename: target intact, {len(leftovers)} temporary file left beside it")
