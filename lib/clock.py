"""The one place that reads the wall clock and the user's time zone.

Everything else takes `now` as a parameter, so tests never depend on today's date.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    """The user's IANA zone (DEBRIEF_TZ, then TZ, then /etc/localtime), or UTC.

    An IANA zone rather than a fixed offset so "24 hours later" is right across DST changes.
    """
    for name in (os.environ.get("DEBRIEF_TZ"), os.environ.get("TZ")):
        if name:
            try:
                return ZoneInfo(name.lstrip(":"))
            except (ZoneInfoNotFoundError, ValueError):
                pass
    link = Path("/etc/localtime")
    if link.is_symlink():
        parts = link.resolve().parts
        if "zoneinfo" in parts:
            try:
                return ZoneInfo("/".join(parts[parts.index("zoneinfo") + 1 :]))
            except (ZoneInfoNotFoundError, ValueError):
                pass
    return ZoneInfo("UTC")


def now_local() -> datetime:
    """Now, as a naive wall-clock time in the user's zone (how dates are stored).

    DEBRIEF_NOW (ISO 8601) pins it, so app and browser tests never depend on today's date.
    """
    pinned = os.environ.get("DEBRIEF_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).replace(tzinfo=None)
    return datetime.now(local_zone()).replace(tzinfo=None, microsecond=0)
