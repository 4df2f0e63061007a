"""The one read path: every store read a page makes, cached by (database, data version, query, arguments).

A write bumps the store's data version, so the next read misses the cache and asks the store
again; a rerun that changed nothing costs one tiny query (the version) and no SQL beyond it.
Pages read through `data()`, which answers like the store itself (`data().interviews.find(where)`
mirrors `store().interviews.find(where)`), so a read is never sometimes cached and sometimes not.
Writes go to `store()` directly: they are not cached.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import streamlit as st

from lib import clock
from lib.store import Store, default_path
from lib.store.backup import DailyBackup
from lib.store.db import NEVER_CACHED

P = ParamSpec("P")
R = TypeVar("R")


@st.cache_resource(max_entries=8)
def _store_at(path: str) -> Store:
    """A Store holds only its path (no connection), so sharing it across threads is safe.

    Its after-write hook is the automatic backup: every save, from any page, passes through it.
    """
    return Store(path, after_write=_backup_after_write(path))


def store() -> Store:
    """The store of this app's database, for writes (reads go through `data()`)."""
    return _store_at(str(default_path()))


def data_version() -> int:
    return store().data_version()


@st.cache_data(max_entries=256, show_spinner=False)
def _read(path: str, version: int, query: tuple[str, ...], args: tuple, kwargs: tuple) -> Any:
    """`version` is only a key: a new version is a new entry, the old one ages out."""
    target: Any = _store_at(path)
    for name in query:
        target = getattr(target, name)
    return target(*args, **dict(kwargs))


class Reads:
    """The store's reading side, answered from the cache: attribute for attribute like the store."""

    def __init__(self, path: str, version: int, query: tuple[str, ...] = ()) -> None:
        self._path, self._version, self._query = path, version, query

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        query = (*self._query, name)
        target: Any = _store_at(self._path)
        for part in query:
            target = getattr(target, part)
        if getattr(target, NEVER_CACHED, False):
            raise TypeError(f"store.{'.'.join(query)} is not a cached read: call it on ui.store()")
        if callable(target):
            return functools.partial(self._call, query)
        return Reads(self._path, self._version, query)

    def _call(self, query: tuple[str, ...], *args: Any, **kwargs: Any) -> Any:
        return _read(self._path, self._version, query, args, tuple(sorted(kwargs.items())))


def data() -> Any:
    """Read the store through the cache, keyed by its data version as it is now."""
    current = store()
    return Reads(str(current.path), current.data_version())


def derived(
    *, shared: bool = False, max_entries: int = 32, spinner: str | bool = False, scores_only: bool = False
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache what a function computes from the store (an agenda, a chart spec) by the data version.

    The function takes the store first, then hashable arguments; callers pass only the arguments.
    Each function gets a cache of its own (`max_entries` of them, `spinner` shown while computing),
    so two functions never share an entry. `shared=True` keeps one object for every session
    instead of a copy per read (st.cache_resource): only for frozen results that are costly to
    unpickle, like the agenda of 100,000 interviews. A cached result is never changed in place.
    `scores_only=True` keys it by the scores version instead, for what reads nothing but the
    interviews table: a step marked done then leaves it cached.
    """

    def wrap(build: Callable[..., R]) -> Callable[..., R]:
        def compute(path: str, version: int, args: tuple, kwargs: tuple) -> R:
            """`version` is only a key: a new version is a new entry, the old one ages out."""
            return build(_store_at(path), *args, **dict(kwargs))

        # Streamlit keys a cache by the function's module and name: give each its own.
        compute.__module__, compute.__qualname__ = build.__module__, build.__qualname__
        cache = st.cache_resource if shared else st.cache_data
        cached = cache(max_entries=max_entries, show_spinner=spinner)(compute)

        @functools.wraps(build)
        def read(*args: Any, **kwargs: Any) -> R:
            current = store()
            version = current.scores_version() if scores_only else current.data_version()
            return cached(str(current.path), version, args, tuple(sorted(kwargs.items())))

        return read

    return wrap


# --- automatic backup --------------------------------------------------------------------
@st.cache_resource(max_entries=8, show_spinner=False)
def _daily_backup(path: str) -> DailyBackup:
    """One per database and process: it remembers that today's automatic backup exists."""
    return DailyBackup(clock.now_local)


def _backup_after_write(path: str) -> Callable[[Store], None]:
    def run(written: Store) -> None:
        """A failure (disk full) is logged, never shown: the save itself has committed."""
        try:
            _daily_backup(path)(written)
        except (OSError, sqlite3.Error) as error:
            logging.getLogger(__name__).warning("automatic backup of %s failed: %s", path, error)

    return run


def auto_backup() -> None:
    """The day's automatic backup if the data changed (by the CLI, say) and none exists; every rerun.

    Cheap: once today's backup exists it is one clock read, until then one data-version query.
    Saves made in the app reach the same check through the store's after-write hook.
    """
    current = store()
    if current.after_write is not None:
        current.after_write(current)
