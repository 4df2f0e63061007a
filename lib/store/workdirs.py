"""Private working folders for restore staging, uploads and snapshots, all inside one Debrief-owned folder.

A restore or a download copies the whole database into a working folder. A process killed with
SIGKILL cannot remove its folder, which then holds a full copy of the user's notes. So every
working folder lives in `WORK_DIR` (".debrief-work", owner-only) beside the database, and
nothing else is ever scanned or removed: the database may sit in the user's home folder, among
folders of their own. Each working folder holds `LOCK_NAME`, which its process keeps `flock`ed
while it works; the kernel drops the lock when the process dies, however it dies.
`clear_leftovers` (run when a Store opens, and by "Delete everything") removes a folder only if
it holds that lock file and the lock is free.

The gap between making a folder and locking its file is closed by the work folder's own lock
file (`SETUP_LOCK`): a process holds it shared while it makes and locks its folder, and
`clear_leftovers` holds it exclusively while it looks, so it never sees a folder half set up.

Earlier versions of Debrief made their working folders straight beside the database, as
`tempfile` names them (".restore-abcd1234" holding "incoming.db"). Such a folder is removed too,
but only when its name and everything in it are exactly what those versions wrote, and it is
more than an hour old: a folder of the user's own never looks like that.

Standard library only: lib.store imports it, and it imports nothing of Debrief.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORK_DIR = ".debrief-work"
WORKDIR_PREFIXES = ("restore-", "upload-", "snapshot-")
LOCK_NAME = "in-use.lock"
SETUP_LOCK = ".setup.lock"
# What earlier versions left beside the database: tempfile's 8-character names, one copy inside.
_LEGACY_FOLDER = re.compile(r"\.(restore|upload|snapshot)-[a-z0-9_]{8}")
_LEGACY_COPY = {"restore": "incoming.db", "upload": "upload.db", "snapshot": "snapshot.db"}
LEGACY_MIN_AGE_SECONDS = 3600


def work_dir(db_path: Path) -> Path:
    """The folder, beside `db_path`, that holds every working folder (it may not exist yet)."""
    return db_path.parent / WORK_DIR


@contextmanager
def working_folder(db_path: Path, prefix: str) -> Iterator[Path]:
    """A fresh 0700 folder in the work folder, locked while the block runs, removed afterwards."""
    if prefix not in WORKDIR_PREFIXES:
        raise ValueError(f"unknown working folder prefix {prefix!r}")
    parent = work_dir(db_path)
    parent.mkdir(mode=0o700, exist_ok=True)
    with _setup_lock(parent, fcntl.LOCK_SH):  # no clear_leftovers between mkdtemp and flock
        folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))  # mkdtemp makes it 0700
        lock = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)


def clear_leftovers(db_path: Path) -> list[Path]:
    """Remove the working folders no live process holds; returns what went.

    Only folders inside the work folder, named like ours and holding our lock file, are candidates.
    """
    removed = _clear_legacy_leftovers(db_path.parent)
    parent = work_dir(db_path)
    if not parent.is_dir() or parent.is_symlink():
        return removed
    try:
        with _setup_lock(parent, fcntl.LOCK_EX):
            for entry in list(parent.iterdir()):
                if entry.name.startswith(WORKDIR_PREFIXES) and _is_abandoned(entry):
                    shutil.rmtree(entry, ignore_errors=True)
                    if not entry.exists():
                        removed.append(entry)
    except OSError:  # an unreadable folder: the open that follows says what is wrong
        return removed
    return removed


@contextmanager
def _setup_lock(parent: Path, mode: int) -> Iterator[None]:
    handle = os.open(parent / SETUP_LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(handle, mode)
        yield
    finally:
        os.close(handle)


def _is_abandoned(folder: Path) -> bool:
    """True when the folder holds Debrief's lock file and no process holds that lock."""
    try:
        if not folder.is_dir() or folder.is_symlink():
            return False
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:  # no lock file: not a folder we made, or not ours to judge
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a live restore or download is using it
    finally:
        os.close(handle)  # closing drops our own lock at once
    return True


def _clear_legacy_leftovers(folder: Path) -> list[Path]:
    """Remove the abandoned copies earlier versions left beside the database (see the module's doc)."""
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith((".restore-", ".upload-", ".snapshot-"))]
    except OSError:
        return removed
    cutoff = time.time() - LEGACY_MIN_AGE_SECONDS
    for entry in entries:
        match = _LEGACY_FOLDER.fullmatch(entry.name)
        try:
            if not match or not entry.is_dir(follow_symlinks=False) or entry.stat().st_mtime > cutoff:
                continue
            copy = _LEGACY_COPY[match[1]]
            contents = set(os.listdir(entry.path))
        except OSError:
            continue
        if contents and contents <= {copy, f"{copy}-wal", f"{copy}-shm", f"{copy}-journal"}:
            shutil.rmtree(entry.path, ignore_errors=True)
            if not os.path.exists(entry.path):
                removed.append(Path(entry.path))
    return removed
