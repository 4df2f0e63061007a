"""Private working folders beside the database (restore staging, uploads, snapshots), and their cleanup.

A restore or a download copies the whole database into a hidden folder next to it. A process
killed with SIGKILL cannot remove its folder, which then holds a full copy of the user's notes.
So each folder is made owner-only and holds a lock file its process keeps `flock`ed while it
works; the kernel drops the lock when the process dies, however it dies. `clear_leftovers`
(run when a Store opens, and by "Delete everything") removes every such folder whose lock is
free. A folder a few seconds old is left alone, because between `mkdtemp` and `flock` its
owner is alive but not yet holding the lock.

Standard library only: lib.store imports it, and it imports nothing of Debrief.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORKDIR_PREFIXES = (".restore-", ".upload-", ".snapshot-")
LOCK_NAME = "in-use.lock"
YOUNG_SECONDS = 5.0  # longer than any gap between mkdtemp and flock


@contextmanager
def working_folder(db_path: Path, prefix: str) -> Iterator[Path]:
    """A fresh 0700 folder beside `db_path`, locked while the block runs, removed afterwards."""
    if prefix not in WORKDIR_PREFIXES:
        raise ValueError(f"unknown working folder prefix {prefix!r}")
    folder = Path(tempfile.mkdtemp(dir=db_path.parent, prefix=prefix))  # mkdtemp makes it 0700
    lock = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)


def clear_leftovers(db_path: Path, young_seconds: float = YOUNG_SECONDS) -> list[Path]:
    """Remove the working folders beside `db_path` that no live process holds; returns what went."""
    removed = []
    try:
        entries = list(db_path.parent.iterdir())
    except OSError:  # an unreadable folder: the open that follows says what is wrong
        return removed
    for entry in entries:
        if entry.name.startswith(WORKDIR_PREFIXES) and _is_abandoned(entry, young_seconds):
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                removed.append(entry)
    return removed


def _is_abandoned(folder: Path, young_seconds: float) -> bool:
    """True when no process holds the folder's lock and it is not being set up right now."""
    try:
        if not folder.is_dir() or folder.is_symlink():
            return False
        if time.time() - folder.stat().st_mtime < young_seconds:
            return False
        handle = os.open(folder / LOCK_NAME, os.O_RDWR)
    except FileNotFoundError:
        return folder.exists()  # made before locks existed, or killed before its lock file: old enough
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a live restore or download is using it
    finally:
        os.close(handle)  # closing drops our own lock at once
    return True
