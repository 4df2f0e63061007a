"""How much one import reads, and the refusals that say so: shared by the CSV and JSON formats.

Whatever Debrief exports, it imports: the same limits bound an import (MAX_BYTES, MAX_ROWS)
and refuse an export that would exceed them; `import_text`, the one decoder of an import
file, reads one within them as UTF-8 text for either format; and `Problems` collects a file's problems up to
MAX_PROBLEMS so one message names them all without becoming a file of its own.
"""

from __future__ import annotations

from lib.domain.model import ValidationError
from lib.domain.text import count_of

MEGABYTE = 1024 * 1024
MAX_BYTES = 20 * MEGABYTE  # the most one import reads, and the Data page's import upload takes
MAX_ROWS = 20_000
MAX_PROBLEMS = 50


class Problems:
    """Every problem in the file, up to MAX_PROBLEMS, and how many more there were."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.total = 0

    def add(self, where: str, message: str) -> None:
        self.total += 1
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.setdefault(where, message)

    def raise_any(self) -> None:
        if self.total > len(self.errors):
            more = count_of(self.total - len(self.errors), "more problem")
            self.errors["more"] = f"and {more} not listed: fix these first"
        if self.errors:
            raise ValidationError(self.errors)


def size_problem(size: int, *, at_least: bool = False) -> str | None:
    """The message for a file of `size` bytes over MAX_BYTES, or None.

    `at_least` when only MAX_BYTES + 1 bytes were read (standard input), so the real size is unknown.
    """
    if size <= MAX_BYTES:
        return None
    limit = megabytes(MAX_BYTES)
    if at_least:
        return f"is larger than {limit}, the limit for one file: split it"
    return f"is {megabytes(size)}; the limit is {limit} per file: split it"


def megabytes(size: int) -> str:
    """20971520 -> "20 MB", 26214400 -> "25 MB", 1153434 -> "1.1 MB"."""
    return f"{size / MEGABYTE:.1f}".removesuffix(".0") + " MB"


def importable(text: str, interviews: int, kind: str) -> str:
    """`text`, if one import can read it back whole; otherwise ValidationError("export", why).

    Whatever Debrief exports, it imports: an export over MAX_BYTES or MAX_ROWS is refused here
    rather than made into a file that the import (and the Data page's upload) would turn away.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_BYTES and interviews <= MAX_ROWS:
        return text
    what = megabytes(size) if size > MAX_BYTES else f"{interviews:,} interviews"
    limit = megabytes(MAX_BYTES) if size > MAX_BYTES else f"{MAX_ROWS:,} interviews"
    raise ValidationError("export", f"The {kind} export would be {what}, more than one import reads back ({limit}). "
                                    "Download the database (.db) or make a backup instead: they keep everything, "
                                    "and restore brings it back")


def import_text(data: str | bytes, hint: str = "") -> str:
    """The text of an import file within MAX_BYTES, decoded as UTF-8 with any BOM dropped.

    ValidationError("file", …) for a file too large or not UTF-8; `hint` says how to fix the latter.
    """
    size = len(data) if isinstance(data, bytes | bytearray) else len(data.encode("utf-8", "surrogatepass"))
    if problem := size_problem(size):
        raise ValidationError("file", problem)
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise ValidationError("file", f"is not UTF-8 text (an unreadable byte on line {line}){hint}") from None
    return data.removeprefix("\ufeff")
