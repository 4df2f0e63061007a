"""Verbs and settings the browser tests share: Debian's Chromium, a server of the test's own, waits, screenshots."""


from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

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
DESKTOP = {"width": 1366, "height": 900}  # a common laptop
PHONE = {"width": 390, "height": 844}


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


def no_streamlit_errors(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.js_errors == []


def commit(page) -> None:
    """Leave the field (Tab) so Streamlit takes its value, and wait for the rerun."""
    page.keyboard.press("Tab")
    wait_for_app(page)


def type_day(page, digits: str) -> None:
    """The day segment of Date, blurred by a click on the title (whichever title the form has then)."""
    segment = page.get_by_role("spinbutton", name="day, Date")
    for _ in range(3):
        segment.click()
        page.keyboard.type(digits)
        page.locator("h1").first.click()
        wait_for_app(page)
        if segment.text_content() == digits:
            return
    expect(segment).to_have_text(digits)
