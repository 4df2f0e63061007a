"""The small pieces every store group builds its SQL from: placeholders, chunks of ids, quoted names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

MAX_VARIABLES = 900  # values bound in one statement: under SQLite's limit on `?` parameters
T = TypeVar("T")


def in_clause(values: Sequence[object]) -> str:
    """The placeholders of `column IN {in_clause(ids)}`: "(?,?,?)", or "(NULL)" (matches nothing) for none.

    Give it at most MAX_VARIABLES values; `chunks` cuts a longer list.
    """
    return f"({','.join('?' * len(values)) or 'NULL'})"


def chunks(values: Sequence[T], size: int = MAX_VARIABLES) -> Iterator[list[T]]:
    """`values` in lists short enough to bind in one statement."""
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def quoted(name: str) -> str:
    """A table or column name as an SQL identifier, whatever it holds."""
    return '"' + name.replace('"', '""') + '"'
