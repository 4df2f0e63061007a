"""Guarantee 7: nothing leaks by default: the server is local-only, no usage stats, XSRF on, small
uploads, and the user's data is never committed."""

from __future__ import annotations

import shutil
import subprocess
import tomllib

import pytest

from tests.factories import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    with CONFIG.open("rb") as file:
        return tomllib.load(file)


def test_the_server_listens_on_this_computer_only(config: dict):
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["serverAddress"] == "127.0.0.1"


def test_no_usage_statistics_are_sent(config: dict):
    assert config["browser"]["gatherUsageStats"] is False


def test_cross_site_request_protection_stays_on(config: dict):
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"].get("enableCORS", True) is True  # never switched off


def test_no_parent_frame_may_drive_the_app(config: dict):
    assert config["client"]["allowedOrigins"] == []


def test_uploads_are_capped_below_streamlits_default_yet_take_a_large_database(config: dict):
    assert 50 <= config["server"]["maxUploadSize"] <= 100  # MB; Streamlit's default is 200


def test_the_app_runs_headless(config: dict):
    assert config["server"]["headless"] is True


@pytest.mark.skipif(not shutil.which("git") or not (ROOT / ".git").exists(), reason="needs the git checkout")
@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        ("data/debrief.db", True),
        ("data/debrief.db-wal", True),
        ("data/backups/debrief-20261120-170000-auto.db", True),
        ("data/README.md", False),
        ("tests/fixtures/schema_v1.db", False),
        (".streamlit/secrets.toml", True),
    ],
)
def test_the_users_data_is_never_committed(path: str, ignored: bool):
    result = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT, check=False)
    assert (result.returncode == 0) is ignored, path
