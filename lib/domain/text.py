"""Showing user text safely in Streamlit's Markdown.

Streamlit already escapes HTML; this stops a note like "*great* [link](javascript:...)" or
"$120k-$140k" from turning into emphasis, links or LaTeX.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=])")


def md_escape(text: str) -> str:
    """User text, shown literally inside st.markdown / st.caption / labels."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text or "")
    return escaped.replace("\n", "  \n")


def one_line(text: str, limit: int = 140) -> str:
    """The first line of a note, shortened for a list."""
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def count_of(number: int, noun: str) -> str:
    """count_of(1, "interview") -> "1 interview"; count_of(2000, "interview") -> "2,000 interviews"."""
    return f"{number:,} {noun}{'s' * (number != 1)}"
