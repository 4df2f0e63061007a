"""The calendar feed: `/calendar/<token>.ics`, the same calendar the downloads give, at a secret address.

A desktop calendar app on this computer subscribes to the address and fetches it on its own
schedule while Debrief runs. The body is exactly `export_ics` for the whole store, so the feed
and the downloads share UIDs, SEQUENCE numbers and cancellations. The token is the only secret:
it is compared in constant time (lib.store.settings), never written to a log line, and any
other path under /calendar/ is a plain 404, the same as a wrong token. Every answer says
`Cache-Control: no-store`: the calendar holds the user's follow-ups.

A wrong token is answered from a read-only look at the file, before the Store opens: any page in
the user's browser can send such a request, so it must neither migrate the file nor wait on a write.

Plain Starlette (no Streamlit): `serve.py` adds `calendar_routes()` to its `st.App`, behind the
loopback guard (lib.web). The database work runs in the thread pool, off the event loop.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from lib import clock
from lib.files.ics import export_ics
from lib.store import DatabaseUnavailable, Store, default_path
from lib.store.settings import calendar_token_in_file_matches

FEED_PREFIX = "/calendar/"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
NOT_STORED = {"Cache-Control": "no-store"}
NOT_FOUND = "No calendar at this address. Debrief's Data page shows the current one."
UNAVAILABLE = "Debrief cannot read its database right now; the calendar will be back when it can."
_log = logging.getLogger(__name__)


def feed_url(port: int, token: str) -> str:
    """The address a calendar app subscribes to: this computer, the server's own port."""
    return f"http://127.0.0.1:{port}{FEED_PREFIX}{token}.ics"


def calendar_routes(
    database: Callable[[], Path] = default_path,
    now: Callable[[], datetime] = clock.now_local,
    zone: Callable[[], tzinfo] = clock.local_zone,
) -> list[BaseRoute]:
    """The feed's route, and a 404 for everything else under /calendar/ (else Streamlit would serve its page)."""

    async def feed(request: Request) -> Response:
        token = request.path_params["token"]
        try:
            body = await run_in_threadpool(feed_text, database(), token, now(), zone())
        except (DatabaseUnavailable, sqlite3.Error, OSError) as error:
            _log.warning("calendar feed: the database could not be read (%s)", type(error).__name__)
            return PlainTextResponse(UNAVAILABLE, 503, headers=NOT_STORED)
        if body is None:
            return no_calendar()
        return Response(body, 200, headers=NOT_STORED, media_type=CALENDAR_TYPE)

    return [
        Route(FEED_PREFIX + "{token}.ics", feed, methods=["GET"]),
        Route(FEED_PREFIX + "{rest:path}", not_found, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]


async def not_found(request: Request) -> Response:
    return no_calendar()


def no_calendar() -> Response:
    """The one answer to every address but the feed's: a wrong token looks like any unknown path."""
    return PlainTextResponse(NOT_FOUND, 404, headers=NOT_STORED)


def feed_text(path: Path, token: str, now: datetime, zone: tzinfo) -> str | None:
    """The whole store's calendar when `token` is the feed's; None when it is not (or there is no database)."""
    if not path.is_file():
        return None  # never create a database for a request from outside the app
    if not calendar_token_in_file_matches(path, token):
        return None  # checked before the Store opens: a wrong token neither migrates nor locks the file
    return export_ics(Store.open_existing(path), now, zone)
