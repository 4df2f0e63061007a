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
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factories import FIXED_NOW, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
OFFLINE = Path(__file__).resolve().parent / "offline"  # holds the sitecustomize that refuses the network
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    network_log: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def outbound_attempts(self) -> list[str]:
        """Every attempt the server made to reach a host beyond loopback (each was refused)."""
        if not self.network_log.exists():
            return []
        return self.network_log.read_text(encoding="utf-8").splitlines()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(
    db_path: Path, log: Path, env: dict[str, str] | None = None, script: str = "serve.py"
) -> Server:
    port = _free_port()
    network_log = log.with_suffix(".network.log")
    environment = (
        os.environ
        | {
            "PYTHONPATH": os.pathsep.join(p for p in (str(OFFLINE), os.environ.get("PYTHONPATH", "")) if p),
            "DEBRIEF_NET_LOG": str(network_log),
            "DEBRIEF_DB": str(db_path),
            "DEBRIEF_NOW": FIXED_NOW.isoformat(),
            "DEBRIEF_TZ": "Europe/London",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
        | (env or {})
    )
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / script),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
    ]
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log, network_log)
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text()}")


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


def is_local_request(url: str) -> bool:
    """A request the page may make: to our server, or one that never leaves the browser (data:, blob:)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Until the script run finished and no element is still stale."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const state = app && app.getAttribute('data-test-script-state');
            return state === 'notRunning';
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def _content_height(page) -> int:
    """Streamlit scrolls inside its own container, so a full-page shot needs the viewport grown."""
    return page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebarContent]')]
            .map(e => e.scrollHeight), document.body.scrollHeight)"""
    )


def screenshot(page, name: str) -> list[Path]:
    """Desktop and 390 px phone screenshots of the whole page as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    paths = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(600)
        height = min(_content_height(page), 12_000)
        page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
        page.wait_for_timeout(600)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=path)
        paths.append(path)
    page.set_viewport_size(original)
    return paths
