"""Nothing leaves the machine, and nothing but this machine's own pages can drive the app.

Raw requests against a real `streamlit run serve.py`: a foreign Host (DNS rebinding) and a
foreign Origin are refused for plain HTTP and for the websocket, and refusing them makes the
server reach for no network at all. Every browser test also records Chromium's requests and the
server's outbound attempts (tests/browser/conftest.py); these tests pin the guard itself.
"""

from __future__ import annotations

import json
import socket
import urllib.request
from base64 import b64encode

import pytest

from tests.browser.helpers import wait_for_app


def _raw_response(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Send one HTTP/1.1 request to 127.0.0.1 with exactly these headers; the status and headers."""
    lines = [f"GET {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall("\r\n".join(lines).encode("latin-1"))  # as HTTP reads header bytes
        reply = sock.makefile("rb")
        status = int(reply.readline().decode().split()[1])
        answered: dict[str, str] = {}
        while (line := reply.readline().decode("latin-1").strip()) and status != 101:
            name, _, value = line.partition(":")
            answered[name.strip().lower()] = value.strip()
    return status, answered


def _raw_request(port: int, path: str, headers: dict[str, str]) -> int:
    return _raw_response(port, path, headers)[0]


def _upgrade(port: int, host: str, origin: str | None) -> int:
    headers = {
        "Host": host,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": b64encode(b"debrief-test-key").decode(),
        "Sec-WebSocket-Protocol": "streamlit",
    }
    if origin is not None:
        headers["Origin"] = origin
    return _raw_request(port, "/_stcore/stream", headers)


FOREIGN_HOSTS = ["evil.example", "evil.example:{port}", "127.0.0.1:1", "127.0.0.1.evil.example:{port}"]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_request_naming_another_host_is_refused(serve, db_path, host):
    server = serve(db_path)
    foreign = host.format(port=server.port)
    assert _raw_request(server.port, "/", {"Host": foreign, "Connection": "close"}) == 400
    assert _raw_request(server.port, "/_stcore/health", {"Host": foreign, "Connection": "close"}) == 400
    assert _upgrade(server.port, foreign, f"http://{foreign}") == 400


def test_a_refusal_forbids_framing_too(serve, db_path):
    server = serve(db_path)
    status, headers = _raw_response(server.port, "/", {"Host": "evil.example", "Connection": "close"})
    assert status == 400
    assert headers["content-security-policy"] == "frame-ancestors 'self'"


def test_a_port_written_with_other_digits_is_refused_not_a_crash(serve, db_path):
    server = serve(db_path)
    assert _raw_request(server.port, "/", {"Host": "localhost:\u00b2", "Connection": "close"}) == 400
    assert "Traceback" not in server.log.read_text(errors="replace")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_our_own_page_and_websocket_are_answered(serve, db_path, host):
    server = serve(db_path)
    ours = f"{host}:{server.port}"
    assert _raw_request(server.port, "/_stcore/health", {"Host": ours, "Connection": "close"}) == 200
    assert _upgrade(server.port, ours, f"http://{ours}") == 101


FOREIGN_ORIGINS = ["http://evil.example", "null", "https://127.0.0.1:{port}", "http://127.0.0.1:1", "http://[::1]:{port}"]


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
def test_a_websocket_from_a_foreign_origin_is_refused_without_touching_the_network(serve, db_path, origin):
    server = serve(db_path)
    assert _upgrade(server.port, f"127.0.0.1:{server.port}", origin.format(port=server.port)) == 403
    assert server.outbound_attempts() == []  # the serve fixture checks this again at teardown


def test_the_monitor_sees_streamlits_own_lookup_when_the_guard_is_left_out(serve, db_path):
    """Proof that the outbound monitor works: without serve.py's guard, Streamlit's own origin
    check looks up this machine's addresses over the network for a foreign origin."""
    server = serve(db_path, script="streamlit_app.py")
    _upgrade(server.port, f"127.0.0.1:{server.port}", "http://evil.example")
    attempts = server.outbound_attempts()
    server.network_log.unlink()  # seen and pinned here; the fixture's teardown check is for the guarded app
    assert any("8.8.8.8" in line or "getaddrinfo" in line for line in attempts), attempts


@pytest.mark.parametrize("path", ["/", "/data", "/_stcore/health", "/_stcore/host-config"])
def test_no_other_site_may_frame_the_app_or_send_it_messages(serve, db_path, path):
    server = serve(db_path)
    status, headers = _raw_response(server.port, path, {"Host": f"127.0.0.1:{server.port}", "Connection": "close"})
    assert status == 200
    assert headers["content-security-policy"] == "frame-ancestors 'self'"
    assert headers["x-frame-options"] == "SAMEORIGIN"
    if path == "/_stcore/host-config":
        assert _host_config(server.port)["allowedOrigins"] == []


def _host_config(port: int) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/host-config")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_a_page_of_another_origin_cannot_show_the_app_in_a_frame(serve, db_path, page):
    """Clickjacking: a page that is not the app's own (here about:blank's) puts the app in a frame."""
    server = serve(db_path)
    page.set_content(f'<iframe id="app" src="{server.url}/data" width="800" height="600"></iframe>')
    page.wait_for_timeout(2500)
    frame = page.frame_locator("#app")
    assert frame.locator('[data-testid="stApp"]').count() == 0


def test_the_tab_icon_ships_with_the_app(serve, db_path, page):
    server = serve(db_path)
    page.goto(server.url)
    wait_for_app(page)
    icons = page.eval_on_selector_all("link[rel~=icon]", "links => links.map(l => l.href)")
    assert icons and all(href.startswith(("data:image/svg+xml", server.url)) for href in icons), icons
