"""Verbs the data-safety tests share (backup, restore, erase): add an entry, read back what is there."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from lib.store import Store
from lib.store.backup import data_tables, quoted
from tests.factories import build_interview

MARKER = "candid-note-7f3a91"  # a string to look for in the raw file bytes


def add(store: Store, company: str = "Acme", minute: int = 0, notes: str = "") -> int:
    interview = build_interview(company=company, notes=notes, interview_at=datetime(2026, 11, 10, 14, minute))
    [new_id] = store.interviews.import_entries([(interview, [])])
    return new_id


def companies(store: Store) -> list[str]:
    return sorted(i.company for i in store.interviews.find())


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {quoted(t)}").fetchone()[0] for t in data_tables(conn)}
    conn.close()
    return counts
