"""A review packet opened from disk in Chromium, as a mentor gets it by email: no server, no network.

The mentor fills one interview by the labels they see, closes the tab and comes back to find the
work kept, then downloads the reply. The page must make no request beyond reading its own file
and raise no Content-Security-Policy complaint; on a 390 px phone it is one column with large
tap targets.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.domain.model import Dimension
from lib.domain.privacy import Sharing
from lib.files.demo import load_demo
from lib.files.review_packet import review_packet
from lib.store import Store
from tests.browser.helpers import DESKTOP, PHONE, SCREENSHOTS, no_streamlit_errors, screenshot, wait_for_app
from tests.factories import FIXED_NOW, build_interview

pytestmark = pytest.mark.browser

PACKET_ID = "pk-00000000000000aa"
MENTOR_CLOCK = datetime(2026, 12, 2, 10, 15, tzinfo=UTC)  # London keeps UTC in December
ACME, GLOBEX = "iv-000000000000000a", "iv-000000000000000b"


@pytest.fixture
def packet_file(tmp_path: Path) -> Path:
    interviews = [
        build_interview(uid=ACME, id=1, company="Acme", role="Data engineer",
                        interview_at=datetime(2026, 11, 10, 15, 0), questions="How do you test a pipeline?",
                        notes="PRIVATE-NOTE", private=frozenset({"notes"})),
        build_interview(uid=GLOBEX, id=2, company="Globex", role="Analyst",
                        interview_at=datetime(2026, 11, 18, 10, 0)),
    ]
    path = tmp_path / "review-packet-sam-lee-2026-11-20.html"
    path.write_text(review_packet(interviews, mentor="Sam Lee", candidate="Alex Kim", sharing=Sharing(notes=True),
                                  packet_id=PACKET_ID, made_at=FIXED_NOW), encoding="utf-8")
    return path


@pytest.fixture
def mentor_browser(browser):
    """A browser of the mentor's own (London time, a pinned clock) that writes down every request and console line."""
    context = browser.new_context(viewport=DESKTOP, timezone_id="Europe/London", accept_downloads=True)
    context.requests, context.console = [], []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("console", lambda message: context.console.append(f"{message.type}: {message.text}"))
    context.on("weberror", lambda error: context.console.append(f"error: {error.error}"))
    yield context
    context.close()


def open_packet(context, path: Path):
    page = context.new_page()
    page.clock.set_fixed_time(MENTOR_CLOCK)
    page.goto(path.as_uri())
    expect(page.locator("#save-state")).to_contain_text("kept in this browser")
    return page


def interview(page, title: str):
    return page.get_by_role("region", name=title)


def score(section, dimension: str, label: str):
    """The radio whose visible label starts with `label` ("4 / 5", "Not sure"), followed by its anchor."""
    return section.get_by_role("group", name=dimension).get_by_role("radio", name=label)


def review_acme(page) -> int:
    """Review the Acme interview as a mentor does; the number of clicks it took (typing aside)."""
    acme = interview(page, "Acme: Data engineer")
    score(acme, "Skills match", "4 / 5").check()
    score(acme, "Enthusiasm signaled", "Not sure").check()
    score(acme, "Culture fit", "3 / 5").check()
    acme.get_by_label("Comment").fill("Strong on the pipeline story; say more about why this team.")
    acme.get_by_label("Suggested actions (one per line)").fill(
        "Prepare a 60-second answer to 'why us?'\n\n  Ask about the on-call rota  \n")
    return 5


def assert_offline_and_allowed(context, path: Path) -> None:
    others = [url for url in context.requests if url != path.as_uri()]
    assert others == [], others
    complaints = [line for line in context.console if "Content Security Policy" in line or "error" in line]
    assert complaints == [], complaints


def test_a_mentor_reviews_in_the_packet_comes_back_to_it_and_downloads_the_reply(mentor_browser, packet_file):
    page = open_packet(mentor_browser, packet_file)
    expect(page.get_by_text("0 of 2 interviews reviewed")).to_be_visible()
    expect(page.get_by_text("How do you test a pipeline?")).to_be_visible()
    expect(page.get_by_text("Kept private: Notes.")).to_be_visible()
    acme = interview(page, "Acme: Data engineer")
    expect(acme.get_by_role("radio")).to_have_count(18)
    for radio in acme.get_by_role("radio").all():
        expect(radio).not_to_be_checked()  # no default: a score is the mentor's own choice
    clicks = review_acme(page)
    expect(page.get_by_text("1 of 2 interviews reviewed")).to_be_visible()
    expect(acme.get_by_text("Reviewed", exact=True)).to_be_visible()
    page.close()

    page = open_packet(mentor_browser, packet_file)  # the tab closed and opened again
    acme = interview(page, "Acme: Data engineer")
    expect(page.locator("#save-state")).to_contain_text("Your work so far is back")
    expect(score(acme, "Skills match", "4 / 5")).to_be_checked()
    expect(score(acme, "Enthusiasm signaled", "Not sure")).to_be_checked()
    expect(acme.get_by_label("Comment")).to_have_value("Strong on the pipeline story; say more about why this team.")
    expect(page.get_by_text("1 of 2 interviews reviewed")).to_be_visible()

    page.get_by_label("Your name").fill("Samantha Lee ")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my review").click()
    clicks += 2  # into Your name, then Download my review
    assert download.value.suggested_filename == "review-samantha-lee-2026-12-02.json"
    reply = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert reply == {
        "format": "debrief-review-reply", "version": 1, "packet": PACKET_ID, "mentor": "Samantha Lee",
        "written_at": "2026-12-02T10:15:00",
        "interviews": [
            {"uid": ACME, "company": "Acme", "role": "Data engineer", "interview_at": "2026-11-10T15:00",
             "scores": {"skills_match": 4, "enthusiasm": None, "culture_fit": 3},
             "comment": "Strong on the pipeline story; say more about why this team.",
             "actions": ["Prepare a 60-second answer to 'why us?'", "Ask about the on-call rota"]},
            {"uid": GLOBEX, "company": "Globex", "role": "Analyst", "interview_at": "2026-11-18T10:00",
             "scores": {d.value: None for d in Dimension}, "comment": "", "actions": []},
        ],
    }
    expect(page.get_by_text("Saved as review-samantha-lee-2026-12-02.json. Email that file back to Alex Kim.")
           ).to_be_visible()
    assert clicks == 7
    assert "PRIVATE-NOTE" not in page.content()
    assert_offline_and_allowed(mentor_browser, packet_file)


def test_download_names_what_to_fix_and_saves_nothing_while_something_is_wrong(mentor_browser, packet_file):
    page = open_packet(mentor_browser, packet_file)
    page.get_by_label("Your name").fill("  ")
    interview(page, "Globex: Analyst").get_by_label("Suggested actions (one per line)").fill(
        "\n".join(f"Action {n}" for n in range(21)))
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download my review").click()
    expect(page.get_by_text("Type your name, so the candidate knows whose review it is.")).to_be_visible()
    expect(page.get_by_text("At most 20 actions: this list has 21.")).to_be_visible()
    expect(page.get_by_label("Your name")).to_be_focused()
    page.wait_for_timeout(500)
    assert downloads == []
    assert_offline_and_allowed(mentor_browser, packet_file)


def test_start_over_clears_the_work_after_asking(mentor_browser, packet_file):
    page = open_packet(mentor_browser, packet_file)
    review_acme(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start over").click()
    expect(page.get_by_text("0 of 2 interviews reviewed")).to_be_visible()
    expect(score(interview(page, "Acme: Data engineer"), "Skills match", "4 / 5")).not_to_be_checked()
    page.close()
    page = open_packet(mentor_browser, packet_file)
    expect(page.get_by_text("0 of 2 interviews reviewed")).to_be_visible()
    expect(interview(page, "Acme: Data engineer").get_by_label("Comment")).to_have_value("")


def test_a_browser_that_keeps_nothing_says_so_and_still_downloads(mentor_browser, packet_file):
    mentor_browser.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('denied', 'SecurityError'); }});")
    page = mentor_browser.new_page()
    page.goto(packet_file.as_uri())
    expect(page.locator("#save-state")).to_have_text(
        "This browser does not let the page keep your work: download your review before you close it.")
    review_acme(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my review").click()
    assert json.loads(Path(download.value.path()).read_text())["interviews"][0]["scores"]["skills_match"] == 4


def test_on_a_phone_the_packet_is_one_column_with_large_tap_targets(mentor_browser, packet_file):
    page = open_packet(mentor_browser, packet_file)
    review_acme(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "review-packet-desktop.png", full_page=True)
    acme = interview(page, "Acme: Data engineer")
    theirs, yours = acme.locator(".theirs").bounding_box(), acme.locator(".yours").bounding_box()
    assert theirs["x"] + theirs["width"] <= yours["x"]  # side by side on a laptop

    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / "review-packet-phone.png")
    page.screenshot(path=SCREENSHOTS / "review-packet-phone-full.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing to scroll sideways
    theirs, yours = acme.locator(".theirs").bounding_box(), acme.locator(".yours").bounding_box()
    assert theirs["y"] + theirs["height"] <= yours["y"]  # one column: their read, then the review
    heights = [box["height"] for box in (label.bounding_box() for label in page.locator("label.choice").all())]
    assert len(heights) == 36 and min(heights) >= 44
    for button in ("Download my review", "Start over"):
        assert page.get_by_role("button", name=button).bounding_box()["height"] >= 44
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=SCREENSHOTS / "review-packet-phone-dark.png")
    assert_offline_and_allowed(mentor_browser, packet_file)


def test_a_packet_made_on_coaching_is_reviewed_from_disk_and_its_reply_imports_beside_the_self_scores(
        serve, page, mentor_browser, tmp_path):
    """The whole journey: ask on Coaching, review in the file as the mentor, email back, import, read the summary."""
    db = tmp_path / "packet.db"
    store = Store(db)
    load_demo(store, FIXED_NOW)
    store.settings.save("your_name", "Alex Kim")
    server = serve(db)
    page.goto(f"{server.url}/coaching")
    wait_for_app(page)
    page.get_by_text("Ask a mentor for a review by email").click()
    wait_for_app(page)
    ask = page.locator('[data-testid="stExpander"]').filter(has_text="Ask a mentor for a review by email")
    ask.get_by_role("textbox", name="Mentor").fill("Sam Lee")
    page.keyboard.press("Tab")
    wait_for_app(page)
    ask.get_by_role("combobox", name="Or a whole application").click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    no_streamlit_errors(page)
    expect(ask.get_by_text("Private notes are never included")).to_be_visible()
    screenshot(page, "coaching-ask-for-a-review")
    with page.expect_download() as download:
        ask.get_by_role("button", name="Download review packet (HTML)").click()
    packet = tmp_path / download.value.suggested_filename
    download.value.save_as(packet)
    assert packet.name == "review-packet-sam-lee-2026-11-20.html"

    mentor = open_packet(mentor_browser, packet)
    expect(mentor.get_by_role("heading", name=re.compile("^Alex Kim asks for your read of"))).to_be_visible()
    expect(mentor.get_by_label("Your name")).to_have_value("Sam Lee")
    first = mentor.get_by_role("region").first
    title = first.get_by_role("heading").first.inner_text()
    score(first, "Skills match", "4 / 5").check()
    score(first, "Enthusiasm signaled", "2 / 5").check()
    score(first, "Culture fit", "Not sure").check()
    first.get_by_label("Comment").fill("Say more about why this team.")
    with mentor.expect_download() as reply_download:
        mentor.get_by_role("button", name="Download my review").click()
    reply = tmp_path / reply_download.value.suggested_filename
    reply_download.value.save_as(reply)
    assert_offline_and_allowed(mentor_browser, packet)

    page.get_by_text("Import a mentor's reply file").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(reply))
    page.get_by_role("button", name="Import as a session with Sam Lee").click(timeout=30_000)
    wait_for_app(page)
    page.get_by_role("button", name="Open the imported session's summary").click()
    expect(page.get_by_role("heading", name="Session with Sam Lee")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text(title.split(":")[0]).first).to_be_visible()
    for dimension, theirs in (("Skills match", 4), ("Enthusiasm signaled", 2)):
        beside = re.compile(rf"{dimension}: you (\d / 5|not scored) · Sam Lee {theirs} / 5")
        expect(page.get_by_text(beside)).to_be_visible()
    expect(page.get_by_text("Say more about why this team.")).to_be_visible()
    no_streamlit_errors(page)
    [session] = Store(db).coaching.sessions()
    assert session.mentor == "Sam Lee" and len(session.interview_ids) == 1
