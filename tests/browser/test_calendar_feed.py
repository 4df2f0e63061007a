"""The calendar feed over real HTTP: `streamlit run serve.py` answers /calendar/<token>.ics beside the pages.

No browser: plain `http.client` requests, as a calendar app on this computer sends them.
"""

from __future__ import annotations

import http.client
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from lib.domain.model import Outcome
from lib.files.ics import export_ics
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

LONDON = ZoneInfo("Europe/London")  # the server's DEBRIEF_TZ


def get(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
        answer = connection.getresponse()
        headers = {name.lower(): value for name, value in answer.getheaders()}
        return answer.status, headers, answer.read().decode("utf-8")
    finally:
        connection.close()


def feed(token: str) -> str:
    return f"/calendar/{token}.ics"


def test_the_served_feed_answers_the_right_token_only_and_follows_a_new_address(serve, db_path: Path):
    store = Store(db_path)
    acme = store.interviews.save(build_interview(), now=FIXED_NOW)
    store.interviews.save(build_interview(company="Globex"), now=FIXED_NOW)
    token = store.settings.calendar_token()
    server = serve(db_path)

    status, headers, body = get(server.port, feed(token))
    assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    events = {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    assert len(events) == 6 and f"{acme}-check_in@debrief.local" in events
    assert body == export_ics(store, FIXED_NOW, LONDON)  # the download's text, SEQUENCE included

    store.interviews.set_outcome(acme, Outcome.REJECTED, FIXED_NOW.date())
    cancelled = [e for e in Calendar.from_ical(get(server.port, feed(token))[2]).walk("VEVENT")
                 if str(e.get("STATUS", "")) == "CANCELLED"]
    assert len(cancelled) == 3 and {int(e["SEQUENCE"]) for e in cancelled} == {1}

    wrong = get(server.port, feed("not-the-token"))
    assert wrong[0] == 404 and "BEGIN:VCALENDAR" not in wrong[2]
    assert get(server.port, "/calendar/anything-else")[0] == 404  # not Streamlit's page either

    new = store.settings.regenerate_calendar_token()
    assert get(server.port, feed(token))[0] == 404
    assert get(server.port, feed(new))[0] == 200

    assert get(server.port, feed(new), host=f"evil.example:{server.port}")[0] == 400
    server.stop()
    logged = server.log.read_text(encoding="utf-8", errors="replace")
    assert token not in logged and new not in logged


def test_plain_streamlit_run_of_the_pages_serves_no_feed(serve, db_path: Path):
    store = Store(db_path)
    token = store.settings.calendar_token()
    server = serve(db_path, script="streamlit_app.py")
    status, _, body = get(server.port, feed(token))
    assert "BEGIN:VCALENDAR" not in body, status
