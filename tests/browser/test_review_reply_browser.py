"""A mentor's reply uploaded on Coaching in real Chromium: the preview, the import, the summary."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.store import Store
from tests.browser.helpers import no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, ON_THE_PAGE, build_interview, reply_document, reply_entry

pytestmark = pytest.mark.browser
ATTACK = "<img src=x onerror=alert(1)>"


def reply_for_two(db: Path, tmp_path: Path) -> Path:
    """Two interviews in the database, and a reply file reviewing one of them and leaving the other."""
    store = Store(db)
    acme, globex = (
        store.interviews.get(store.interviews.save(build_interview(**(ON_THE_PAGE | fields)), now=FIXED_NOW))
        for fields in ({"company": "Acme"}, {"company": "Globex", "interview_at": datetime(2026, 11, 12, 9, 0)})
    )
    document = reply_document(reply_entry(acme, (5, None, 2), f"Name the team's product. {ATTACK}",
                                          ("Prepare a 60-second answer to 'why us?'",)),
                              reply_entry(globex), mentor="Sam Lee")
    path = tmp_path / "review-from-sam-lee.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_a_reply_uploaded_on_coaching_shows_the_mentors_scores_beside_yours(serve, page, tmp_path):
    db = tmp_path / "reply.db"
    reply_file = reply_for_two(db, tmp_path)
    server = serve(db)
    page.goto(f"{server.url}/coaching")
    wait_for_app(page, timeout=60_000)
    page.get_by_text("Import a mentor's reply file").click()
    wait_for_app(page, timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(reply_file))
    expect(page.get_by_text("Sam Lee's review of 1 interview and 1 suggested action")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Globex · Data engineer · Thu 12 Nov: not reviewed, left out.")).to_be_visible()
    wait_for_app(page, timeout=60_000)
    screenshot(page, "coaching-reply-preview")

    page.get_by_role("button", name="Import as a session with Sam Lee").click()
    expect(page.get_by_text("Imported Sam Lee's review: a session with 1 interview and 1 action.")).to_be_visible(
        timeout=30_000)
    wait_for_app(page, timeout=60_000)
    page.get_by_role("button", name="Open the imported session's summary").click()
    expect(page.get_by_role("heading", name="Session with Sam Lee")).to_be_visible(timeout=30_000)
    wait_for_app(page, timeout=60_000)
    expect(page.get_by_text("Skills match: you 4 / 5 · Sam Lee 5 / 5 · Sam Lee scored 1 higher")).to_be_visible()
    expect(page.get_by_text(f"Name the team's product. {ATTACK}")).to_be_visible()  # as text, never as HTML
    expect(page.get_by_text("Prepare a 60-second answer to 'why us?'")).to_be_visible()
    no_streamlit_errors(page)
    screenshot(page, "coaching-reply-summary")
    assert len(Store(db).coaching.sessions()) == 1
