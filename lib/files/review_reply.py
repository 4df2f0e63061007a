"""A mentor's reply file (JSON) read and checked whole, and what importing it would add.

    {"format": "debrief-review-reply", "version": 1, "packet": "pk-0123456789abcdef",
     "mentor": "Sam Lee", "written_at": "2026-12-02T10:15:00",
     "interviews": [{"uid": "iv-…", "company": "Acme", "role": "Data engineer",
                     "interview_at": "2026-11-20T15:00",
                     "scores": {"skills_match": 4, "enthusiasm": null, "culture_fit": 3},
                     "comment": "…", "actions": ["…"]}]}

The file comes back by email from someone else's browser and may have been edited by hand, so
it is read like any import (`lib.files.json_input`: size, encoding, depth, numbers, lone
surrogates), and then every field is checked; every problem is named by its place
("interviews[2].scores.enthusiasm") and nothing is imported while any remains. A key repeated
in one object is refused (JSON readers keep only the last, so the first would vanish unseen).
A score must be a whole number: 4.0 is refused like 4.5, as the JSON import refuses it, since a
file that writes 4.0 was not made by the packet and a rounded 4.5 would put words in the
mentor's mouth. Fields Debrief has no use for are ignored and named in the preview: a misspelt
"coment" would otherwise drop the mentor's comment without a word.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from lib.domain.coaching import COACHING_LIMITS, clean_mentor
from lib.domain.days import date_out_of_range
from lib.domain.model import LIMITS, SCORE_MAX, SCORE_MIN, UID_LIMIT, Dimension, ValidationError
from lib.domain.review_reply import (
    MAX_REPLY_BYTES,
    Reply,
    ReplyInterview,
    ReplyPlan,
    plan_for,
)
from lib.domain.review_request import MAX_ACTIONS, MAX_INTERVIEWS, REPLY_FORMAT, REPLY_VERSION
from lib.files.import_limits import Problems, import_text, megabytes
from lib.files.json_input import json_kind, read_document
from lib.store import Store

PACKET_ID = re.compile(r"pk-[0-9a-f]{16}")
TOP_FIELDS = ("format", "version", "packet", "mentor", "written_at", "interviews")
INTERVIEW_FIELDS = ("uid", "company", "role", "interview_at", "scores", "comment", "actions")
SNIFFED = 4096  # how much of a file over the reply limit is looked at to tell it is a reply


class _Object(dict):
    """A JSON object that remembers the keys it was given more than once."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]


def is_reply(data: bytes | str) -> bool:
    """Whether a file says it is a mentor's reply (so `debrief import` hands it here)."""
    start = data[:SNIFFED] if len(data) > MAX_REPLY_BYTES else data
    text = bytes(start).decode("utf-8", "ignore") if isinstance(start, bytes | bytearray) else start
    return re.search(r'"format"\s*:\s*"' + REPLY_FORMAT + '"', text) is not None


def read_reply(data: bytes | str) -> Reply:
    """The reply in `data`, every field checked; ValidationError naming every problem's place."""
    size = len(data) if isinstance(data, bytes | bytearray) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_REPLY_BYTES:
        raise ValidationError("file", f"is {megabytes(size)}; a mentor's reply is at most "
                                      f"{megabytes(MAX_REPLY_BYTES)}: is this the right file?")
    text = import_text(data)
    read_document(text)  # refuses what is not safe JSON text, before anything reads it again
    document = json.loads(text, object_pairs_hook=_Object)
    problems = Problems()
    _refuse_repeats(document, "", problems)
    problems.raise_any()
    _check_format(document)
    ignored = [k for k in document if k not in TOP_FIELDS]
    packet = _packet(document.get("packet"), problems)
    mentor = _mentor(document.get("mentor"), problems)
    written_at = _moment(document.get("written_at"), "written_at", problems, required=True)
    interviews = _interviews(document.get("interviews"), problems, ignored)
    problems.raise_any()
    assert written_at is not None  # a missing one is a problem raised above
    return Reply(packet, mentor, written_at, tuple(interviews), tuple(ignored))


def plan_reply(store: Store, reply: Reply) -> ReplyPlan:
    """What importing the reply would add now: interviews matched by uid, those left out, earlier imports."""
    replies = store.coaching.replies
    found = replies.interviews_by_uid([item.uid for item in reply.interviews])
    same, earlier = replies.earlier_imports(reply.packet, reply.digest)
    return plan_for(reply, found, same, earlier)


def ignored_words(reply: Reply) -> str | None:
    """ "Ignored the fields interviews[0].coment: Debrief has no use for them." or None (user text: escape it)."""
    if not reply.ignored:
        return None
    names = ", ".join(reply.ignored[:10]) + (f" and {len(reply.ignored) - 10:,} more" if len(reply.ignored) > 10
                                             else "")
    return f"Ignored {'the field' if len(reply.ignored) == 1 else 'the fields'} {names}: Debrief has no use for " \
           f"{'it' if len(reply.ignored) == 1 else 'them'}."


# --- the fields, one by one -------------------------------------------------------------------
def _refuse_repeats(value: Any, where: str, problems: Problems) -> None:
    if isinstance(value, _Object):
        for key in value.repeated:
            problems.add(f"{where}.{key}" if where else key, "appears twice in one object: keep one of them")
        for key, item in value.items():
            _refuse_repeats(item, f"{where}.{key}" if where else key, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_repeats(item, f"{where}[{index}]", problems)


def _check_format(document: dict) -> None:
    if document.get("format") != REPLY_FORMAT:
        shown = json.dumps(document.get("format"), ensure_ascii=False)[:40]
        raise ValidationError("format", f"is {shown}, not \"{REPLY_FORMAT}\": this is not a mentor's reply")
    version = document.get("version")
    if type(version) is not int:
        raise ValidationError("version", "is missing or not a whole number")
    if version != REPLY_VERSION:
        raise ValidationError("version", f"is {version}; this Debrief reads replies of version {REPLY_VERSION}: "
                                         "update Debrief first")


def _packet(value: Any, problems: Problems) -> str:
    if not isinstance(value, str) or not PACKET_ID.fullmatch(value):
        problems.add("packet", "must be the packet's id, like pk-0123456789abcdef")
        return ""
    return value


def _mentor(value: Any, problems: Problems) -> str:
    name = clean_mentor(value) if isinstance(value, str) else ""
    if not name:
        problems.add("mentor", "needs the mentor's name (text)")
    elif len(name) > COACHING_LIMITS["mentor"]:
        problems.add("mentor", f"is too long (the limit is {COACHING_LIMITS['mentor']} characters)")
    return name


def _moment(value: Any, where: str, problems: Problems, *, required: bool) -> datetime | None:
    if value is None and not required:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        problems.add(where, "must be a local date and time like 2026-12-02T10:15:00 (no time zone)")
        return None
    if out_of_range := date_out_of_range(moment):
        problems.add(where, out_of_range)
        return None
    return moment


def _interviews(value: Any, problems: Problems, ignored: list[str]) -> list[ReplyInterview]:
    if not isinstance(value, list) or not value:
        problems.add("interviews", "must be a list of the packet's interviews (at least one)")
        return []
    if len(value) > MAX_INTERVIEWS:
        problems.add("interviews", f"has {len(value):,}; a reply holds at most {MAX_INTERVIEWS}")
        return []
    read: list[ReplyInterview] = []
    seen: dict[str, str] = {}
    for index, record in enumerate(value):
        where = f"interviews[{index}]"
        if not isinstance(record, dict):
            problems.add(where, f"is a JSON {json_kind(record)}, not an object")
            continue
        ignored += [f"{where}.{k}" for k in record if k not in INTERVIEW_FIELDS]
        item = _interview(record, where, problems)
        if item.uid in seen:
            problems.add(f"{where}.uid", f"repeats {seen[item.uid]}: each interview appears once")
        elif item.uid:
            seen[item.uid] = where
        read.append(item)
    return read


def _interview(record: dict, where: str, problems: Problems) -> ReplyInterview:
    uid = record.get("uid")
    if not isinstance(uid, str) or not uid or len(uid) > UID_LIMIT or not uid.isprintable() \
            or any(c.isspace() for c in uid):
        problems.add(f"{where}.uid", f"must be the interview's id: printable text, no spaces, at most {UID_LIMIT} "
                                     "characters")
        uid = ""
    company = _text(record.get("company"), f"{where}.company", LIMITS["company"], problems)
    role = _text(record.get("role"), f"{where}.role", LIMITS["role"], problems)
    at = _moment(record.get("interview_at"), f"{where}.interview_at", problems, required=False)
    return ReplyInterview(uid, company, role, at.isoformat(timespec="minutes") if at else "",
                          _scores(record.get("scores"), f"{where}.scores", problems),
                          _text(record.get("comment"), f"{where}.comment", COACHING_LIMITS["comment"], problems),
                          _actions(record.get("actions"), f"{where}.actions", problems))


def _text(value: Any, where: str, limit: int, problems: Problems) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.add(where, f"must be text, not a JSON {json_kind(value)}")
        return ""
    if len(value.strip()) > limit:
        problems.add(where, f"is too long (the limit is {limit:,} characters)")
    return value.strip()


def _scores(value: Any, where: str, problems: Problems) -> dict[Dimension, int | None]:
    if not isinstance(value, dict):
        problems.add(where, "must be an object with skills_match, enthusiasm and culture_fit")
        return {}
    for key in value:
        if key not in {d.value for d in Dimension}:
            problems.add(f"{where}.{key}", "is not a dimension: the scores are skills_match, enthusiasm, culture_fit")
    scores: dict[Dimension, int | None] = {}
    for dimension in Dimension:
        score = value.get(dimension.value, ...)
        if score is ...:
            problems.add(f"{where}.{dimension.value}", f"is missing: {SCORE_MIN} to {SCORE_MAX}, or null for not sure")
        elif score is not None and (type(score) is not int or not SCORE_MIN <= score <= SCORE_MAX):
            problems.add(f"{where}.{dimension.value}", f"must be {SCORE_MIN} to {SCORE_MAX} or null "
                                                       f"(a whole number; got {json.dumps(score)[:20]})")
        else:
            scores[dimension] = score
    return scores


def _actions(value: Any, where: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(where, "must be a list of texts")
        return ()
    if len(value) > MAX_ACTIONS:
        problems.add(where, f"has {len(value)}; at most {MAX_ACTIONS} actions per interview")
        return ()
    actions = []
    for index, text in enumerate(value):
        if not isinstance(text, str):
            problems.add(f"{where}[{index}]", f"must be text, not a JSON {json_kind(text)}")
            continue
        clean = re.sub(r"\s+", " ", text).strip()
        if len(clean) > COACHING_LIMITS["action"]:
            problems.add(f"{where}[{index}]", f"is too long (the limit is {COACHING_LIMITS['action']} characters)")
        elif clean:  # a blank line the mentor left holds nothing to lose
            actions.append(clean)
    return tuple(actions)
