"""Guarantee 6: no HTML injection. User text full of XSS payloads, shown on every page, runs nothing.

Every free-text field of an entry, of its follow-up (snooze reason, template, signature) and of a
coaching session (mentor, comments, action, notes) is filled through the store (quick), one more
through the real form, then every page in the navigation is visited (and the deep links of the
entry and the session), a draft is opened, and the
downloads of the Data page are fetched. After each: `window.__xss` is never set, no <img src=x>
or <script> came from user text, no link points at javascript:, and no download is served as HTML.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.domain.coaching import ActionItem, CoachingSession, MentorReview
from lib.domain.drafts import Template
from lib.domain.model import Dimension, Format, Interview, Interviewer, Stage
from lib.domain.steps import StepKind, StepSnooze
from lib.files.csv import export_csv
from lib.store import Store
from tests.browser.helpers import screenshot, wait_for_app
from tests.factories import FIXED_NOW

pytestmark = pytest.mark.browser
PAYLOADS = (
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    "[x](javascript:window.__xss=1)",
)
FORM_PAYLOAD = "<img src=x onerror=window.__xss=2> typed in the form"


def hostile(label: str, n: int) -> str:
    return f"{label} {PAYLOADS[n % len(PAYLOADS)]}"


def hostile_interview() -> Interview:
    """Every free-text field of the log form carries a payload (rotating through the three)."""
    people = tuple(Interviewer(hostile("Name", n), hostile("Title", n + 1), f"p{n}@example.com") for n in range(3))
    return Interview(
        company=hostile("Acme", 0), role=hostile("Engineer", 1), stage=Stage.TECHNICAL, format=Format.VIDEO,
        interview_at=FIXED_NOW - timedelta(hours=3), interviewers=people, recruiter=hostile("Sam", 2),
        stated_timeframe=hostile("within 2 weeks", 0), questions=hostile("Why us?", 1), notes=hostile("Notes", 2),
        scores={d: 3 for d in Dimension}, evidence={d: hostile(d.label, n) for n, d in enumerate(Dimension)},
    )


def hostile_follow_up_and_coaching(store: Store, entry_id: int) -> int:
    """The free text of the later features too: snooze reason, template, signature, mentor, comments,
    action item, session notes. Returns the coaching session's id."""
    store.follow_up.snooze(entry_id, StepSnooze("check_in", FIXED_NOW.date() + timedelta(days=40), hostile("Away", 0)))
    store.settings.save_draft_template(
        Template(StepKind.THANK_YOU, hostile("Thanks", 1), "Hi {first_name},\n" + PAYLOADS[2])
    )
    store.settings.save("your_name", hostile("Me", 0))
    session_id = store.coaching.start_session(CoachingSession(hostile("Mentor", 1), FIXED_NOW.date(), (entry_id,),
                                                     notes=hostile("Session", 2)), now=FIXED_NOW)
    store.coaching.save_review(session_id, entry_id, MentorReview({Dimension.SKILLS_MATCH: 4}, hostile("Comment", 0)))
    store.coaching.add_action(ActionItem(hostile("Action", 1), due_on=FIXED_NOW.date(), session_id=session_id,
                                interview_id=entry_id))
    return session_id


def assert_nothing_ran(page, where: str) -> None:
    found = page.evaluate(
        """() => ({
            xss: window.__xss,
            images: document.querySelectorAll('img[src="x"], img[onerror]').length,
            scripts: [...document.scripts].filter(s => s.textContent.includes('__xss')).length,
            handlers: document.querySelectorAll('[onerror*="__xss"], [onload*="__xss"]').length,
            javascript_links: [...document.querySelectorAll('a[href]')]
                .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
        })"""
    )
    assert found == {"xss": None, "images": 0, "scripts": 0, "handlers": 0, "javascript_links": 0}, where
    assert page.js_errors == [], where


def visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(500)  # let any injected handler fire before looking


def test_xss_payloads_in_every_field_run_nowhere(serve, page, tmp_path: Path):
    db = tmp_path / "xss.db"
    store = Store(db)
    entry_id = store.interviews.save(hostile_interview(), now=FIXED_NOW)
    store.settings.save_form_draft(f"edit:{entry_id}", '{"notes": "<script>window.__xss=1</script>"}')
    session_id = hostile_follow_up_and_coaching(store, entry_id)
    server = serve(db)

    # one field through the real form: the notes of a new entry
    visit(page, f"{server.url}/log")
    page.get_by_role("textbox", name="Company").fill("Form Co")
    page.keyboard.press("Tab")
    page.get_by_role("textbox", name="Role", exact=True).fill("Typist")
    page.keyboard.press("Tab")
    page.get_by_role("textbox", name="Anything else").fill(FORM_PAYLOAD)
    page.keyboard.press("Tab")
    wait_for_app(page)
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert [i.notes for i in store.interviews.find() if i.company == "Form Co"] == [FORM_PAYLOAD]
    assert_nothing_ran(page, "log, after saving")

    navigation = page.locator('[data-testid="stSidebarNav"] a')
    urls = sorted({navigation.nth(n).get_attribute("href") for n in range(navigation.count())})
    assert any(url.endswith("/data") for url in urls) and len(urls) >= 5
    deep_links = [f"{server.url}/log?id={entry_id}", f"{server.url}/interviews?id={entry_id}",
                  f"{server.url}/coaching?session={session_id}"]
    for url in [*urls, *deep_links]:
        visit(page, url if url.startswith("http") else server.url + url)
        assert_nothing_ran(page, url)
    expect(page.get_by_text("Acme <img src=x onerror=window.__xss=1>").first).to_be_visible()  # shown as text

    visit(page, f"{server.url}/interviews?id={entry_id}")  # a deep link opens the entry's Details
    expect(page.locator(f'[class*="st-key-details-{entry_id}"]')).to_contain_text("Notes:")
    assert_nothing_ran(page, "interviews, details open")
    page.get_by_role("button", name="Draft").first.click()  # the user's hostile template, filled in
    expect(page.get_by_role("dialog")).to_be_visible()
    page.wait_for_timeout(500)
    assert_nothing_ran(page, "interviews, draft open")

    visit(page, f"{server.url}/data")
    for label, extension in (("Download CSV", "csv"), ("Download JSON", "json"), ("Download calendar", "ics")):
        with page.expect_download() as caught:
            page.get_by_role("button", name=label).click()
        download = caught.value
        response = page.request.get(download.url)
        kind = response.headers.get("content-type", "")
        assert "html" not in kind and download.suggested_filename.endswith(f".{extension}"), (label, kind)
        if extension != "ics":  # the calendar holds only step titles and why
            assert "window.__xss" in Path(download.path()).read_text("utf-8")  # exported as plain text
        assert_nothing_ran(page, f"data, after {label}")
    screenshot(page, "data-xss")


def open_form(page, label: str) -> None:
    """Open one of the Data page's expanders; its form is drawn on the rerun that follows."""
    page.locator('[data-testid="stExpander"]').filter(has_text=label).locator("summary").click()
    wait_for_app(page)


def test_the_data_page_on_desktop_and_phone(serve, page, tmp_path: Path):
    from lib.files.demo import DEMO_SIZE, load_demo
    from lib.store import backup

    db = tmp_path / "data.db"
    store = Store(db)
    load_demo(store, FIXED_NOW)
    backup.backup_now(store, FIXED_NOW - timedelta(days=1))
    server = serve(db)
    visit(page, f"{server.url}/data")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    assert_nothing_ran(page, "data")
    screenshot(page, "data")
    open_form(page, "Import a file")  # the rarely used forms are drawn once opened

    extra = Store(tmp_path / "extra.db")
    extra.interviews.save(hostile_interview(), now=FIXED_NOW)
    csv_file = tmp_path / "more.csv"
    csv_file.write_text(export_csv(extra) + export_csv(store).split("\r\n", 1)[1], encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(csv_file)
    expect(page.get_by_text(f"1 new interview to add, {DEMO_SIZE} already in Debrief (skipped).")).to_be_visible()
    wait_for_app(page)
    assert_nothing_ran(page, "data, import preview")
    screenshot(page, "data-import-preview")

    open_form(page, "Delete all your data")
    expect(page.get_by_role("button", name="Delete everything")).to_be_disabled()
    page.get_by_role("textbox", name="Type DELETE to confirm").fill("DELETE")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_text("still holds a copy of your old data")).to_be_visible()
    wait_for_app(page)
    assert store.interviews.count() == 0
    screenshot(page, "data-erased")


def test_a_hand_made_csv_with_hostile_column_names_previews_them_as_text(serve, page, tmp_path: Path):
    """The import preview names the columns it ignores: a header is user text like any other."""
    server = serve(tmp_path / "hand-made.db")
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(f"Company,Role,Date,{PAYLOADS[0]},{PAYLOADS[2]}\nAcme,Engineer,2026-11-10,x,y\n",
                        encoding="utf-8")
    visit(page, f"{server.url}/data")
    open_form(page, "Import a file")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(csv_file)
    expect(page.get_by_text("1 new interview to add.")).to_be_visible()
    expect(page.get_by_text(f"Ignored the columns {PAYLOADS[0]}, {PAYLOADS[2]}: Debrief has no field for them.")
           ).to_be_visible()
    wait_for_app(page)
    assert_nothing_ran(page, "data, preview of a hand-made CSV")
    screenshot(page, "data-import-hand-made")


def test_the_checks_above_do_catch_an_injection(serve, page, tmp_path: Path):
    """The detector itself: HTML put into the page by hand must make assert_nothing_ran fail."""
    server = serve(tmp_path / "empty.db")
    visit(page, server.url)
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=window.__xss=1>')")
    page.wait_for_timeout(300)
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, "a deliberately injected image")
