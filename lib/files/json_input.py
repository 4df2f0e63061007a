"""Reading untrusted JSON text into a document safely, before anything looks at what it says.

The file may be anything a user picked: too big, not UTF-8, cut short, nested thousands deep,
with numbers thousands of digits long (Python refuses past 4,300) or `\\ud800` escapes that are
not text in any encoding. Each is refused here as a plain ValidationError("file", ...) or one
naming the record and field, so lib/files/json.py reads only well-formed text and numbers.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from lib.domain.model import ValidationError
from lib.files.import_limits import import_text

MAX_DIGITS = 30  # no number Debrief writes comes near; Python refuses to read past 4,300 digits


def read_document(data: str | bytes) -> dict:
    """The JSON object in `data`; ValidationError for a file no Debrief export could be."""
    return _document(_text(data))


def _text(data: str | bytes) -> str:
    text = import_text(data)
    if not text.strip():
        raise ValidationError("file", "is empty: export JSON from Debrief to see what it expects")
    return text


class _NotANumber(ValueError):
    """A number no Debrief export holds (thousands of digits, infinite): refused while parsing."""


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _NotANumber(f"has a number {len(text.lstrip('-')):,} digits long ({text[:12]}…)")
    return int(text)


def _fraction(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_DIGITS:
        raise _NotANumber(f"has a number Debrief cannot read ({text[:12]}{'…' * (len(text) > 12)})")
    return value


def _constant(name: str) -> float:
    raise _NotANumber(f"has {name}, which is not a JSON number")


def _document(text: str) -> dict:
    try:
        document = json.loads(text, parse_int=_whole, parse_float=_fraction, parse_constant=_constant)
    except _NotANumber as error:
        raise ValidationError("file", f"{error}: this is not a Debrief export") from None
    except json.JSONDecodeError as error:
        at_end = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        cut = " Was the file cut short?" if at_end else ""
        raise ValidationError(
            "file", f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno}).{cut}"
        ) from None
    except RecursionError:
        raise ValidationError("file", "is nested too deeply to be a Debrief export") from None
    if not isinstance(document, dict):
        raise ValidationError("file", f"is a JSON {json_kind(document)}, not a Debrief export (a JSON object)")
    _refuse_surrogates(document)
    return document


def _refuse_surrogates(document: dict) -> None:
    """Every string (key or value) once: a `\\ud800` escape without its pair is not text in any
    encoding, and would fail later wherever the string is shown or saved."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if not _is_text(key):
                    raise ValidationError("file", f"has a field name with a lone surrogate escape in {where or 'it'}")
                stack.append((f"{where}.{key}" if where else key, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{n}]", item) for n, item in enumerate(value))
        elif isinstance(value, str) and not _is_text(value):
            raise ValidationError(_place(where), "holds a lone surrogate escape (like \\ud800), which is not "
                                                    "text: this file was not written by Debrief")


def _place(path: str) -> str:
    """"tables.interviews[3].notes" as the import names places: "interviews[3], field notes"."""
    match = re.fullmatch(r"tables\.(\w+\[\d+\])\.(.+)", path)
    return f"{match[1]}, field {match[2]}" if match else f"field {path}"


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_kind(value: Any) -> str:
    """What a JSON value is, in the words of the spec ("object", "array", "string", ...), for messages."""
    return {dict: "object", list: "array", str: "string", bool: "true/false", type(None): "null"}.get(
        type(value), "number"
    )
