"""Real-browser tests: Debian's Chromium driven by Playwright against `streamlit run serve.py` on 127.0.0.1.

Each test starts its own server on a free port with its own database and a pinned clock,
and stops it by its own pid. Screenshots land in tests/browser/screenshots/ (git-ignored).

Every test also proves that nothing leaves the machine: the server runs with
`offline/sitecustomize.py`, which writes down and refuses any attempt to reach a host other
than loopback, and the page records every request Chromium makes; a test fails at teardown
if either saw anything beyond 127.0.0.1.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_FLAGS, DESKTOP, Server, is_local_request, start_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start a server on a database of the test's making: `serve(db_path)` -> Server."""
    started: list[Server] = []

    def _serve(db_path: Path, env: dict[str, str] | None = None, script: str = "serve.py") -> Server:
        server = start_server(db_path, tmp_path / f"server-{len(started)}.log", env, script)
        started.append(server)
        return server

    yield _serve
    for server in started:
        server.stop()
    attempts = [line for server in started for line in server.outbound_attempts()]
    assert not attempts, f"the server tried to reach the network: {attempts}"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    yield page
    context.close()
    foreign = [url for url in requests if not is_local_request(url)]
    assert not foreign, f"the page reached beyond 127.0.0.1: {foreign}"
