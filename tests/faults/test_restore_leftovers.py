"""A restore killed with SIGKILL leaves its staging folder (a full copy of the notes); the next open clears it.

The child restores a database of a few megabytes in a loop; the parent waits until the staging
copy `.debrief-work/restore-*/incoming.db` exists, kills the child with SIGKILL, checks the copy
is really there with the notes in it, then opens the database as the app does. A folder a live
restore holds is never touched, even by another process's open; nor is any folder of the user's
beside the database, whatever its name.
"""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from lib.domain.model import Format, Interview, Stage
from lib.store import Store
from lib.store.erase import delete_everything
from lib.store.restore import restore
from lib.store.workdirs import LOCK_NAME, WORK_DIR, _setup_lock, work_dir, working_folder
from tests.factories import FIXED_NOW as NOW
from tests.faults.helpers import FORK

MARKER = "candid-leftover-4b1d"
KILLS = 3


def a_source(path: Path, entries: int = 300) -> Path:
    source = Store(path)
    start = datetime(2026, 6, 1, 9)
    source.interviews.import_entries([
        (Interview(f"Source {n}", "Engineer", Stage.TECHNICAL, Format.VIDEO, start + timedelta(hours=n),
                   notes=f"{MARKER} " + "n" * 9_000), [])
        for n in range(entries)
    ])
    return source.path


def restore_forever(db_path: Path, source: Path) -> None:
    store = Store(db_path)
    minute = 0
    while True:
        minute += 1
        restore(store, source, NOW + timedelta(minutes=minute))


def leftovers(folder: Path) -> list[Path]:
    work = folder / WORK_DIR
    return sorted(p for p in work.iterdir() if p.is_dir()) if work.is_dir() else []


def kill_mid_restore(db_path: Path, source: Path) -> Path:
    """Start a restoring child, SIGKILL it once its staging copy holds a megabyte; the folder it left."""
    child = FORK.Process(target=restore_forever, args=(db_path, source))
    child.start()
    deadline = time.monotonic() + 30
    while not any(_size(f / "incoming.db") >= 1_000_000 for f in leftovers(db_path.parent)):
        assert time.monotonic() < deadline, "the child never started a restore"
        time.sleep(0.002)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert child.exitcode == -signal.SIGKILL
    [left] = leftovers(db_path.parent)
    return left


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def age(folder: Path, seconds: float = 3_600) -> None:
    """As if the folder were an hour old: age alone must not make a folder removable."""
    past = time.time() - seconds
    os.utime(folder, (past, past))


def test_a_restore_killed_with_sigkill_leaves_a_copy_that_the_next_open_removes(tmp_path: Path):
    db_path = tmp_path / "live.db"
    Store(db_path)
    source = a_source(tmp_path / "source" / "source.db")
    for kill in range(KILLS):
        left = kill_mid_restore(db_path, source)
        assert MARKER.encode() in (left / "incoming.db").read_bytes(), "the copy holds the notes"
        Store(db_path)  # what the app and every command do first
        assert leftovers(tmp_path) == [], f"after kill {kill + 1}"
    print(f"\n{KILLS} restores killed mid-copy; every staging copy removed at the next open")


def test_delete_everything_removes_a_killed_restores_copy_too(tmp_path: Path):
    db_path = tmp_path / "live.db"
    store = Store(db_path)
    kill_mid_restore(db_path, a_source(tmp_path / "source" / "source.db", entries=100))
    assert delete_everything(store).leftovers_removed == 1
    assert leftovers(tmp_path) == []


def hold_a_working_folder(db_path: Path, held, release) -> None:
    with working_folder(db_path, "upload-") as folder:
        age(folder, 3_600)  # old, but in use
        held.set()
        release.wait(30)


def test_a_working_folder_a_live_process_holds_is_left_alone(tmp_path: Path):
    db_path = tmp_path / "live.db"
    Store(db_path)
    held, release = FORK.Event(), FORK.Event()
    child = FORK.Process(target=hold_a_working_folder, args=(db_path, held, release))
    child.start()
    try:
        assert held.wait(30)
        [in_use] = leftovers(tmp_path)
        Store(db_path)  # another process opens the same database
        assert leftovers(tmp_path) == [in_use]
    finally:
        release.set()
        child.join()
    assert leftovers(tmp_path) == []  # its owner removed it when done


def users_folders(beside: Path) -> list[Path]:
    """Old, unlocked folders of the user's own, named the way Debrief once named its working folders."""
    made = []
    for name in (".restore-notes", ".upload-photos", ".snapshot-2025"):
        folder = beside / name
        folder.mkdir()
        (folder / "mine.txt").write_text("the user's own file")
        age(folder)
        made.append(folder)
    return made


def test_opening_a_database_in_a_users_folder_leaves_their_own_folders_alone(tmp_path: Path):
    theirs = users_folders(tmp_path)
    Store(tmp_path / "debrief.db")
    Store(tmp_path / "debrief.db")  # a second open finds the database there
    assert [f for f in theirs if (f / "mine.txt").is_file()] == theirs


def test_delete_everything_leaves_the_users_own_folders_alone(tmp_path: Path):
    store = Store(tmp_path / "debrief.db")
    theirs = users_folders(tmp_path)
    assert delete_everything(store).leftovers_removed == 0
    assert [f for f in theirs if (f / "mine.txt").is_file()] == theirs


def test_a_folder_without_debriefs_lock_file_in_the_work_folder_is_left_alone(tmp_path: Path):
    Store(tmp_path / "debrief.db")
    stray = tmp_path / WORK_DIR / "restore-stray"
    stray.mkdir(parents=True)
    age(stray)
    Store(tmp_path / "debrief.db")
    assert stray.is_dir()


def half_set_up(db_path: Path, ready, finish) -> None:
    """A working folder caught between mkdtemp and flock: its lock file exists but is not yet held."""
    parent = work_dir(db_path)
    parent.mkdir(mode=0o700, exist_ok=True)
    with _setup_lock(parent, fcntl.LOCK_SH):
        folder = parent / "upload-halfway"
        folder.mkdir(mode=0o700)
        handle = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        ready.set()
        finish.wait(30)
        fcntl.flock(handle, fcntl.LOCK_EX)
    time.sleep(0.5)  # now set up and locked: still in use
    os.close(handle)


def test_a_folder_being_set_up_is_not_removed_by_an_open_in_another_process(tmp_path: Path):
    db_path = tmp_path / "live.db"
    Store(db_path)
    ready, finish = FORK.Event(), FORK.Event()
    child = FORK.Process(target=half_set_up, args=(db_path, ready, finish))
    child.start()
    try:
        assert ready.wait(30)
        opened = threading.Thread(target=Store, args=(db_path,))
        opened.start()  # its clear_leftovers waits for the set-up to finish
        opened.join(0.3)
        assert opened.is_alive(), "the open did not wait for the folder being set up"
        finish.set()
        opened.join(30)
        assert [f.name for f in leftovers(tmp_path)] == ["upload-halfway"]
    finally:
        finish.set()
        child.join(30)
    Store(db_path)  # its owner died without removing it, and its lock is free now: it goes
    assert leftovers(tmp_path) == []


def _legacy_leftover(folder: Path, name: str, files: list[str], age_seconds: float) -> Path:
    leftover = folder / name
    leftover.mkdir()
    for file in files:
        (leftover / file).write_bytes(b"SQLite format 3\x00 a whole copy of the notes")
    then = time.time() - age_seconds
    os.utime(leftover, (then, then))
    return leftover


def test_a_copy_an_earlier_version_left_beside_the_database_is_removed_at_open(tmp_path: Path):
    db_path = tmp_path / "debrief.db"
    Store(db_path)
    old_restore = _legacy_leftover(tmp_path, ".restore-k2j_9x0q", ["incoming.db", "incoming.db-wal"], 7200)
    old_upload = _legacy_leftover(tmp_path, ".upload-abcd1234", ["upload.db"], 7200)
    Store(db_path)
    assert not old_restore.exists()
    assert not old_upload.exists()


def test_a_folder_that_only_looks_like_an_earlier_versions_copy_is_left_alone(tmp_path: Path):
    db_path = tmp_path / "debrief.db"
    Store(db_path)
    theirs = [
        _legacy_leftover(tmp_path, ".restore-k2j_9x0q", ["incoming.db", "my-notes.txt"], 7200),  # something else inside
        _legacy_leftover(tmp_path, ".restore-notes", ["incoming.db"], 7200),  # not a tempfile name
        _legacy_leftover(tmp_path, ".upload-abcd1234", ["incoming.db"], 7200),  # not what an upload held
        _legacy_leftover(tmp_path, ".snapshot-abcd1234", ["snapshot.db"], 60),  # too recent: maybe in use
    ]
    Store(db_path)
    assert all(folder.exists() for folder in theirs)
