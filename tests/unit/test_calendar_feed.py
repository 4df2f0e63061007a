"""The calendar feed's routes (lib.web_calendar) on a small Starlette app, behind the loopback guard.

Requests go straight into the ASGI app (`Answer.of`): Starlette's TestClient needs an HTTP client
package (httpx2) the project does not otherwise install, and a GET needs nothing it adds.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message

from lib.domain.model import Outcome
from lib.files.ics import export_ics
from lib.store import Store
from lib.web import LoopbackGuard
from lib.web_calendar import CALENDAR_TYPE, calendar_routes, feed_url
from tests.factories import FIXED_NOW, build_interview

PORT = 8501
LONDON = ZoneInfo("Europe/London")
HOST = {"Host": f"127.0.0.1:{PORT}"}


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: dict[str, str]
    text: str


@dataclass(frozen=True)
class FeedClient:
    """GET through the whole ASGI stack, from a loopback peer, as a calendar app on this computer sends it."""

    app: ASGIApp

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        """On a thread of its own: Playwright's sync API keeps an event loop running on the test's thread
        once a browser test has run in the same process, and asyncio.run refuses to start beside it."""
        with ThreadPoolExecutor(1) as worker:
            return worker.submit(asyncio.run, self._get(path, HOST | (headers or {}))).result()

    async def _get(self, path: str, headers: dict[str, str]) -> Answer:
        sent: list[Message] = []
        raw_path, _, query = path.partition("?")
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": unquote(raw_path), "raw_path": raw_path.encode(),
                 "query_string": query.encode(), "root_path": "", "client": ("127.0.0.1", 50000),
                 "server": ("127.0.0.1", PORT),
                 "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]}

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            sent.append(message)

        await self.app(scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Answer(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body.decode("utf-8"))


def feed_client(path: Path) -> FeedClient:
    app = Starlette(routes=calendar_routes(lambda: path, lambda: FIXED_NOW, lambda: LONDON),
                    middleware=[Middleware(LoopbackGuard, port=lambda: PORT)])
    return FeedClient(app)


@pytest.fixture
def client(store: Store) -> FeedClient:
    return feed_client(store.path)


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


def events(text: str) -> dict[str, object]:
    return {str(event["UID"]): event for event in Calendar.from_ical(text).walk("VEVENT")}


def saved(store: Store, **overrides) -> int:
    return store.interviews.save(build_interview(**overrides), now=FIXED_NOW)


def test_the_right_token_gets_the_whole_calendar_exactly_as_the_download_gives_it(store: Store, client: FeedClient):
    saved(store)
    saved(store, company="Globex")
    answer = client.get(feed_path(store.settings.calendar_token()))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == CALENDAR_TYPE
    assert answer.headers["cache-control"] == "no-store"
    assert answer.text == export_ics(store, FIXED_NOW, LONDON)  # nothing changed since: same SEQUENCE too
    found = events(answer.text)
    assert len(found) == 6 and {int(e["SEQUENCE"]) for e in found.values()} == {0}


def test_an_outcome_recorded_after_the_feed_was_read_comes_back_as_cancelled_events(store: Store, client: FeedClient):
    interview_id = saved(store)
    token = store.settings.calendar_token()
    before = events(client.get(feed_path(token)).text)
    store.interviews.set_outcome(interview_id, Outcome.REJECTED, FIXED_NOW.date())
    after = events(client.get(feed_path(token)).text)
    assert set(after) == set(before)
    assert {(str(e["STATUS"]), int(e["SEQUENCE"])) for e in after.values()} == {("CANCELLED", 1)}


def test_the_feed_and_the_download_share_one_sequence_count(store: Store, client: FeedClient):
    interview_id = saved(store)
    token = store.settings.calendar_token()
    export_ics(store, FIXED_NOW, LONDON)  # downloaded first
    store.interviews.set_outcome(interview_id, Outcome.REJECTED, FIXED_NOW.date())
    from_feed = events(client.get(feed_path(token)).text)
    assert {int(e["SEQUENCE"]) for e in from_feed.values()} == {1}
    assert {int(e["SEQUENCE"]) for e in events(export_ics(store, FIXED_NOW, LONDON)).values()} == {1}


def test_a_wrong_token_is_a_short_plain_404(store: Store, client: FeedClient):
    store.settings.calendar_token()
    answer = client.get(feed_path("not-the-token"))
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/plain")
    assert len(answer.text) < 100 and "BEGIN:VCALENDAR" not in answer.text
    assert answer.headers["cache-control"] == "no-store"


def test_a_wrong_token_is_a_quick_404_while_a_save_or_restore_holds_the_write_lock(store: Store, client: FeedClient):
    """Any page in the user's browser can send such a request: it must never wait on, or take, the write lock."""
    store.settings.calendar_token()
    holder = sqlite3.connect(store.path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        answer = client.get(feed_path("not-the-token"))
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert answer.status_code == 404
    assert waited < 2  # the busy timeout of a write is 5 s and more


def test_a_new_address_retires_the_old_one(store: Store, client: FeedClient):
    saved(store)
    old = store.settings.calendar_token()
    assert client.get(feed_path(old)).status_code == 200
    new = store.settings.regenerate_calendar_token()
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


@pytest.mark.parametrize("path", [
    "/calendar/.ics", "/calendar/x.ics", "/calendar/%00.ics", "/calendar/%C3%A9%C3%A9.ics", "/calendar/a/b.ics",
    "/calendar/", "/calendar/TOKEN", "/calendar/TOKEN.ics.ics", "/calendar/TOKEN.ICS", f"/calendar/{'a' * 5000}.ics",
])
def test_malformed_addresses_are_404(store: Store, client: FeedClient, path: str):
    token = store.settings.calendar_token()
    assert client.get(path.replace("TOKEN", token)).status_code == 404


def test_before_any_token_was_made_every_address_is_404_and_none_is_made(store: Store, client: FeedClient):
    assert client.get(feed_path("")).status_code == 404
    assert client.get(feed_path("anything")).status_code == 404
    assert store.settings.stored_calendar_token() is None


def test_no_database_file_is_404_and_none_is_created(tmp_path: Path):
    missing = tmp_path / "nothing-here.db"
    assert feed_client(missing).get(feed_path("anything")).status_code == 404
    assert not missing.exists()


def test_a_corrupt_database_is_a_plain_503_without_a_traceback(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with caplog.at_level(logging.WARNING):
        answer = feed_client(broken).get(feed_path("secret-token-text"))
    assert answer.status_code == 503 and "Traceback" not in answer.text and "broken.db" not in answer.text
    assert "secret-token-text" not in caplog.text


def test_the_token_is_never_logged(store: Store, client: FeedClient, caplog: pytest.LogCaptureFixture):
    saved(store)
    token = store.settings.calendar_token()
    with caplog.at_level(logging.DEBUG):
        client.get(feed_path(token))
        client.get(feed_path(token[:-1]))
    assert token not in caplog.text and token[:-1] not in caplog.text


def test_a_foreign_host_is_refused_by_the_guard_on_the_feed_too(store: Store, client: FeedClient):
    token = store.settings.calendar_token()
    answer = client.get(feed_path(token), headers={"Host": f"evil.example:{PORT}"})
    assert answer.status_code == 400 and "BEGIN:VCALENDAR" not in answer.text
    assert client.get(feed_path(token), headers=HOST).status_code == 200


def test_the_address_names_this_computer_and_the_servers_port():
    assert feed_url(8765, "abc") == "http://127.0.0.1:8765/calendar/abc.ics"
