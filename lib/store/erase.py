"""Delete everything: every row gone in one transaction, then the file rebuilt without them.

`secure_delete` zeroes freed pages, `VACUUM` rebuilds the file and `wal_checkpoint(TRUNCATE)`
empties the write-ahead log, so the deleted text is gone from the disk files, not just hidden.
The schema and the data version stay, so the app keeps working on an empty database. Working
folders a killed restore or download left in `.debrief-work/` (each a full copy of the data)
are removed too, unless a live process is using one. Backups are separate files:
`lib.store.backup.list_backups` / `delete_backups` deal with them. The calendar feed's token is
a setting like any other and goes too: the old feed address stops answering, and the next ask
makes a new one, as a user who deleted everything expects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlite_utils import Database

from lib.store import Store
from lib.store.backup import data_tables, quoted
from lib.store.workdirs import clear_leftovers


@dataclass(frozen=True)
class Erased:
    rows: int
    wal_truncated: bool  # False only while another connection kept reading the old data
    leftovers_removed: int = 0  # working folders of killed restores or downloads


def delete_everything(store: Store) -> Erased:
    """Every row of every table gone in one transaction; then the file and its WAL rewritten without them.

    The schema and the data version stay; backups are separate files (lib.store.backup).
    """
    rows = 0
    with store.write(after_write=False, scores=False) as db:  # no automatic backup of the emptied data
        db.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not just unlinked
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table in data_tables(db):
            if table != "meta":  # counted first: a cascade empties some tables before their turn
                rows += db.execute(f"SELECT COUNT(*) FROM {quoted(table)}").fetchone()[0]
        for table in data_tables(db):
            if table != "meta":
                db.execute(f"DELETE FROM {quoted(table)}")
        db.execute("DELETE FROM meta WHERE key = 'scores_version'")  # the data version, moved on, stands for it
    with store.connect() as db:
        db.execute("PRAGMA secure_delete = ON")
        db.execute("VACUUM")  # rebuilds the file: no free page keeps an old note
        truncated = _checkpoint_truncate(db)
    return Erased(rows, truncated, len(clear_leftovers(store.path)))


def _checkpoint_truncate(db: Database, attempts: int = 50) -> bool:
    """Copy the WAL into the file and cut it to zero bytes; retried while a reader holds old pages."""
    for _ in range(attempts):
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(0.05)
    return False
