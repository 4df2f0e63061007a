"""Every page, when DEBRIEF_DB names a place the database cannot be opened from: one plain screen, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import PAGES
from tests.app.helpers import ENTRYPOINT
from tests.unavailable import make_read_only, sqlite_without_debrief, under_a_file


def a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    return tmp_path, f"{tmp_path} is a folder, not a database file"


def a_path_under_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = under_a_file(tmp_path)
    return path, f"{path} is under {path.parent}, which is a file, not a folder"


def a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    return folder / "debrief.db", f"the folder {folder} is read-only"


def a_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "notes.db"
    path.write_text("name,price\nbread,2\n")
    return path, f"{path} is not a Debrief database"


def another_programs_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "recipes.db"
    sqlite_without_debrief(path)
    return path, f"{path} is not a Debrief database"


PLACES = [a_folder, a_path_under_a_file, a_read_only_folder, a_text_file, another_programs_sqlite]


@pytest.mark.parametrize("place", PLACES, ids=lambda f: f.__name__)
def test_every_page_shows_what_is_wrong_with_the_database_instead_of_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: Callable[..., tuple[Path, str]]
):
    path, problem = place(tmp_path, monkeypatch)
    before = path.read_bytes() if path.is_file() else None
    monkeypatch.setenv("DEBRIEF_DB", str(path))
    at = AppTest.from_file(ENTRYPOINT, default_timeout=30).run()
    for page in ["", *PAGES.values()]:
        if page:
            at = at.switch_page(page).run()
        assert not at.exception, page
        assert len(at.error) == 1, page
        assert at.error[0].value.startswith("Debrief cannot open its database: ")
        assert problem in at.error[0].value, page
        assert "DEBRIEF_DB" in at.markdown[0].value and str(path) in at.markdown[0].value
        assert not at.title, page  # no page ran
    if before is not None:
        assert path.read_bytes() == before


def test_the_app_opens_once_the_problem_is_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path, _ = a_path_under_a_file(tmp_path, monkeypatch)
    monkeypatch.setenv("DEBRIEF_DB", str(path))
    at = AppTest.from_file(ENTRYPOINT, default_timeout=30).run()
    assert at.error
    path.parent.unlink()
    path.parent.mkdir()
    at = at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Welcome to Debrief"
