"""The guard's reading of Host and Origin headers (lib.web)."""

from __future__ import annotations

import pytest

from lib.web import client_is_local, host_is_ours, origin_is_ours

PORT = 8501


@pytest.mark.parametrize(
    ("host", "ours"),
    [
        ("127.0.0.1:8501", True),
        ("localhost:8501", True),
        ("LOCALHOST:8501", True),
        ("[::1]:8501", False),  # Streamlit's own check does not know [::1]; we listen on 127.0.0.1
        ("127.0.0.1", False),  # port 80 is not ours
        ("127.0.0.1:8502", False),
        ("evil.example:8501", False),
        ("localhost.evil.example:8501", False),
        ("127.0.0.1.nip.io:8501", False),
        ("[::1]8501", False),
        ("127.0.0.1:85o1", False),
        ("127.0.0.1:0", False),
        ("localhost:\xb2", False),  # a superscript two is a digit to str.isdigit()
        ("localhost:8\xb2", False),
        ("", False),
        (None, False),
    ],
)
def test_only_loopback_on_our_port_is_our_host(host, ours):
    assert host_is_ours(host, PORT) is ours


@pytest.mark.parametrize(
    ("origin", "ours"),
    [
        ("http://127.0.0.1:8501", True),
        ("http://localhost:8501", True),
        ("http://[::1]:8501", False),
        ("http://localhost:8501/", True),
        ("null", False),
        ("https://127.0.0.1:8501", False),
        ("http://127.0.0.1:8502", False),
        ("http://evil.example:8501", False),
        ("http://127.0.0.1:8501@evil.example", False),
        ("http://user@127.0.0.1:8501", False),
        ("http://127.0.0.1:99999", False),
        ("http://127.0.0.1:0", False),
        ("", False),
    ],
)
def test_only_our_own_pages_are_our_origin(origin, ours):
    assert origin_is_ours(origin, PORT) is ours


@pytest.mark.parametrize(
    ("client", "local"),
    [(("127.0.0.1", 50000), True), (("::1", 50000), True), (("192.0.2.7", 50000), False), (None, False)],
)
def test_only_a_loopback_peer_is_served(client, local):
    assert client_is_local(client) is local
