"""The only package that speaks SQL: `Store`, one attribute per group of data, over one SQLite file.

    store = Store("data/debrief.db")
    store.interviews.save(interview, now=now)       # interviews and their interviewers (interviews.py)
    store.applications.page(limit=10)               # applications and their rounds (applications.py)
    store.follow_up.mark(interview_id, m)           # step marks, snoozes, calendar sequences (follow_up.py)
    store.coaching.start_session(session, now=now)  # sessions, mentor reviews, action items (coaching.py)
    store.settings.get("your_name")                 # settings, draft templates, form drafts (settings.py)

The file itself (connections, BEGIN IMMEDIATE writes, the data version) is lib.store.db; the
schema is lib.store.schema. Whole-file work lives beside them: backup, restore, erase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lib.store.applications import Applications
from lib.store.coaching import Coaching
from lib.store.db import DatabaseFile, DatabaseUnavailable, NoDatabase, default_path, immediate
from lib.store.follow_up import FollowUp
from lib.store.interview_rows import UNSAVED_THANK_YOU
from lib.store.interviews import InterviewFilter, Interviews
from lib.store.schema import SCHEMA_VERSION, migrations
from lib.store.settings import Settings

__all__ = [
    "SCHEMA_VERSION",
    "UNSAVED_THANK_YOU",
    "DatabaseUnavailable",
    "InterviewFilter",
    "NoDatabase",
    "Store",
    "default_path",
    "immediate",
    "migrations",
]


class Store(DatabaseFile):
    """Debrief's database: `path`, `connect()`, `write()`, `data_version()`, and one attribute per group.

    Cheap to create; holds no connection between calls, so one Store may serve every thread.
    """

    def __init__(self, path: str | Path | None = None, after_write: Callable[[Store], object] | None = None):
        """Open (creating if need be) the database at `path`; `after_write(store)` runs after every committed write."""
        super().__init__(path, after_write)
        self.interviews = Interviews(self)
        self.applications = Applications(self)
        self.follow_up = FollowUp(self)
        self.coaching = Coaching(self, self.interviews)
        self.settings = Settings(self)
