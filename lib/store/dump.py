"""Every table of the database as plain rows, read in one snapshot: what the JSON export writes out.

Generic over the schema: every ordinary table (interviews, interviewers, follow-up step marks,
form drafts, and whatever later migrations add), so an export never forgets a table a new
version created. One read transaction, so the tables agree with each other (no interviewer of
an interview deleted between two reads).
"""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from lib.store import Store, migrations
from lib.store.backup import data_tables, quoted

Row = dict[str, Any]


@dataclass(frozen=True)
class DatabaseDump:
    """The whole database as JSON-ready values: each table's rows in rowid order, and the migrations applied."""

    tables: dict[str, list[Row]]
    migrations: list[str]


def dump_database(store: Store) -> DatabaseDump:
    """Every table's rows as plain dicts (a BLOB as {"base64": "..."}), all read in one transaction."""
    with store.connect() as db:
        db.execute("BEGIN")  # one snapshot: the tables agree with each other
        try:
            tables = {name: _rows(db, name) for name in data_tables(db)}
            applied = [m.name for m in migrations.applied(db)]
        finally:
            db.execute("ROLLBACK")
    return DatabaseDump(tables, applied)


def _rows(db: Database, table: str) -> list[Row]:
    try:
        cursor = db.execute(f"SELECT * FROM {quoted(table)} ORDER BY rowid")
    except sqlite3.OperationalError:  # a WITHOUT ROWID table has no rowid to order by
        cursor = db.execute(f"SELECT * FROM {quoted(table)}")
    names = [d[0] for d in cursor.description]
    return [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in cursor]


def _plain(value: object) -> object:
    """SQLite values as JSON values; a BLOB becomes {"base64": "..."}."""
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value
