"""Places a database cannot be opened from, made for real where the OS allows it, shared by the CLI and app tests.

The suite may run as root, which writes through any chmod: a read-only folder is simulated by
opening every database there with `mode=ro` (SQLite's real "attempt to write a readonly
database" then comes from the first write) and by the folder answering "not writable" to os.access.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest


def make_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path, *, folder_says_so: bool = True) -> None:
    """Make SQLite open every file under `folder` read-only; with `folder_says_so`, os.access agrees."""
    real_connect, real_access = sqlite3.connect, os.access

    def connect(database, *args, uri: bool = False, **kwargs):
        if not uri and Path(database).absolute().is_relative_to(folder):
            return real_connect(f"{Path(database).absolute().as_uri()}?mode=ro", *args, uri=True, **kwargs)
        return real_connect(database, *args, uri=uri, **kwargs)

    def access(path, mode, **kwargs):
        if folder_says_so and Path(path).absolute() == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(os, "access", access)


def sqlite_without_debrief(path: Path) -> None:
    """Another program's SQLite file: one table, no record of Debrief's schema."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()


def under_a_file(tmp_path: Path) -> Path:
    """A database path whose parent is a regular file."""
    (tmp_path / "notes.txt").write_text("not a folder\n")
    return tmp_path / "notes.txt" / "debrief.db"
