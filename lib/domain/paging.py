"""Which slice of a long list a page shows: the page number read from the URL, made safe."""

from __future__ import annotations

from dataclasses import dataclass

ID_DIGITS = 18  # an entry's id: the store's whole numbers hold 18 digits safely


def url_number(text: str | None, digits: int = 9) -> int | None:
    """A whole number from the URL ("3"), or None: "²" and "٣" are digits to Python, and a number
    of thousands of digits is refused by int() and by SQLite alike."""
    if text and text.isascii() and text.isdecimal() and len(text) <= digits:
        return int(text)
    return None


@dataclass(frozen=True)
class Paging:
    """Page `number` (from 1) of `pages`, `size` items each, over `total` items."""

    number: int
    pages: int
    size: int
    total: int

    @classmethod
    def of(cls, total: int, size: int, asked: str | None) -> Paging:
        """The page a URL asks for ("3"), held between the first and the last; anything else is page 1."""
        pages = max(1, -(-total // size))
        number = url_number(asked) or 1
        return cls(min(max(number, 1), pages), pages, size, total)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)
