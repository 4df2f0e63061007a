"""Coaching's "Ask for a review": the picks, what the mentor may see, the checks, and the packet it downloads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from lib.domain.model import Dimension
from tests.app.helpers import an_interview, open_menu, open_page, texts

COACHING = "pages/coaching.py"
OPEN = "c.rr.open"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], str]]:
    """Every deferred download the page registers: file name -> the callable that builds it."""
    seen: dict[str, Callable[[], str]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name or ""] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def save(store, **overrides) -> int:
    return store.interviews.save(an_interview(**overrides), now=datetime(2026, 11, 20, 17, 0))


def ask_for_a_review(app):
    at = open_page(app, COACHING)
    assert not at.exception, at.exception
    return open_menu(at, OPEN)


def test_the_form_is_drawn_only_once_opened(app, store):
    save(store)
    at = open_page(app, COACHING)
    assert not at.exception
    assert "c.rr.mentor" not in [w.key for w in at.text_input]


def test_a_packet_needs_a_mentor_and_an_interview_each_said_at_its_field(app, store):
    saved = save(store)
    at = ask_for_a_review(app)
    assert [e.value for e in at.error] == []  # just opened: a hint, not two errors
    hint = "Type your mentor's name and pick at least one interview to make the packet."
    assert hint in [c.value for c in at.caption]
    [button] = [b for b in at.get("download_button") if b.label == "Download review packet (HTML)"]
    assert button.proto.disabled
    at.text_input(key="c.rr.mentor").input("Sam Lee").run()
    assert [e.value for e in at.error] == ["Pick at least one interview, or a whole application"]
    at.text_input(key="c.rr.mentor").input("").run()
    at.multiselect(key="c.rr.picks").set_value([saved]).run()
    assert at.multiselect(key="c.rr.picks").value == [saved]
    assert [e.value for e in at.error] == ["Mentor needs a name: who will review these interviews?"]


def test_a_whole_application_fills_the_picks_with_its_rounds(app, store):
    first = save(store, company="Kestrel", role="Analyst", interview_at=datetime(2026, 11, 3, 10, 0))
    second = save(store, company="Kestrel", role="Analyst", interview_at=datetime(2026, 11, 12, 10, 0))
    save(store, company="Globex", interview_at=datetime(2026, 11, 16, 10, 0))
    at = ask_for_a_review(app)
    assert "Kestrel: Analyst (2 rounds)" in at.selectbox(key="c.rr.application").options
    at.selectbox(key="c.rr.application").select(store.applications.of_interview(first).uid).run()
    assert at.multiselect(key="c.rr.picks").value == [first, second]


def test_the_packet_holds_what_is_shared_of_the_picked_interviews_and_never_their_private_text(
    app, store, downloads
):
    store.settings.save("your_name", "Alex Kim")
    kept = save(store, company="Acme", questions="QUESTIONS-SHARED", notes="PRIVATE-MARK",
                private=frozenset({"notes"}), evidence={Dimension.SKILLS_MATCH: "EVIDENCE-SHARED"})
    plain = save(store, company="Globex", notes="NOTES-UNSHARED", interview_at=datetime(2026, 11, 18, 10, 0))
    at = ask_for_a_review(app)
    at.text_input(key="c.rr.mentor").input("Sam Lee").run()
    at.multiselect(key="c.rr.picks").select(kept).select(plain).run()
    assert not at.error and not at.exception
    assert "Private notes are never included: 1 of the 2 picked interviews have some." in texts(at)
    page = downloads["review-packet-sam-lee-2026-11-20.html"]()
    assert "Acme: Data engineer" in page and "Globex: Data engineer" in page
    assert "QUESTIONS-SHARED" in page and "EVIDENCE-SHARED" in page and "Alex Kim asks for your read" in page
    assert "PRIVATE-MARK" not in page and "NOTES-UNSHARED" not in page
    assert "Kept private: Notes." in page

    at.checkbox(key="c.rr.notes").check().run()
    at.checkbox(key="c.rr.evidence").uncheck().run()
    page = downloads["review-packet-sam-lee-2026-11-20.html"]()
    assert "NOTES-UNSHARED" in page and "EVIDENCE-SHARED" not in page and "PRIVATE-MARK" not in page
