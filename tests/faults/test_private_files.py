"""Under the usual umask 022, the database, its -wal and -shm, and the folder Debrief owns are the owner's only.

Files are candid notes: 0600 like the backups, never 0644. An existing world-readable database
(made by an older Debrief) is tightened when it is opened; a folder the user chose and already
had (named through DEBRIEF_DB) keeps its own mode.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

import lib.store.db
from lib.domain.model import Format, Interview, Stage
from lib.store import DatabaseUnavailable, Store
from tests.factories import FIXED_NOW


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_one(store: Store) -> None:
    store.interviews.save(Interview("Acme", "Engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, 14)),
                          now=FIXED_NOW)


def files_of(db_path: Path) -> dict[str, int]:
    return {p.name: mode(p) for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)}


def test_a_new_database_and_the_folder_made_for_it_are_the_owners_only(tmp_path: Path):
    db_path = tmp_path / "data" / "debrief.db"
    holder = Store(db_path)
    with holder.connect() as db:  # an open connection keeps the -wal and -shm on disk
        write_one(holder)
        assert files_of(db_path) == {"debrief.db": 0o600, "debrief.db-wal": 0o600, "debrief.db-shm": 0o600}
        assert db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] == 1
    assert mode(db_path.parent) == 0o700


def test_an_existing_world_readable_database_is_tightened_when_opened(tmp_path: Path):
    db_path = tmp_path / "data" / "debrief.db"
    write_one(Store(db_path))
    with Store(db_path).connect():
        for path in db_path.parent.iterdir():
            path.chmod(0o644)
        db_path.parent.chmod(0o755)
        Store(db_path)  # the next start of the app (the folder is not the default data/: it keeps 0755)
        assert set(files_of(db_path).values()) == {0o600}
    assert mode(db_path.parent) == 0o755


def test_the_default_data_folder_is_tightened_but_a_folder_you_named_is_not(tmp_path: Path, monkeypatch):
    default = tmp_path / "app" / "data" / "debrief.db"
    default.parent.mkdir(parents=True, mode=0o755)
    monkeypatch.setattr(lib.store.db, "DEFAULT_PATH", default)
    monkeypatch.delenv("DEBRIEF_DB", raising=False)
    assert Store().path == default
    assert mode(default.parent) == 0o700
    yours = tmp_path / "home"
    yours.mkdir(mode=0o755)
    Store(yours / "notes.db")
    assert (mode(yours), mode(yours / "notes.db")) == (0o755, 0o600)


def test_a_folder_given_as_the_database_keeps_its_mode(tmp_path: Path):
    """A mistake (DEBRIEF_DB naming a folder) is reported as one; it must not chmod the folder 0600."""
    folder = tmp_path / "not-a-database"
    folder.mkdir(mode=0o755)
    with pytest.raises(DatabaseUnavailable, match="is a folder, not a database file"):
        Store(folder)
    assert mode(folder) == 0o755
