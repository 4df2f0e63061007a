"""The coaching report: what it holds, that it escapes user text, loads nothing, and prints well; and its CLI."""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lib.cli import main
from lib.domain.coaching import ActionItem, ActionStatus, CoachingSession, MentorReview, Owner
from lib.domain.model import Dimension
from lib.files.report import range_report, session_report
from lib.files.report_html import inline_svg, render_html
from lib.store import Store
from tests.factories import FIXED_NOW as NOW
from tests.factories import MakeInterview

SKILLS, ENTHUSIASM, CULTURE = Dimension
ATTACK = "<script>alert(1)</script>"


@pytest.fixture
def coached(store: Store, make_interview: MakeInterview) -> tuple[Store, int, list[int]]:
    """Two sessions with Sam (one interview re-scored), an action carried over, and one with Alex."""
    ids = [
        store.interviews.save(make_interview(company=f"Acme {n}", interview_at=datetime(2026, 11, day, 10),
                                            scores={SKILLS: 3, ENTHUSIASM: 4, CULTURE: None},
                                            evidence={SKILLS: f"Evidence {n} {ATTACK}"}, notes="Line one\nline two"),
                              now=NOW)
        for n, day in enumerate((2, 9, 16))
    ]
    earlier = store.coaching.start_session(CoachingSession("Sam Lee", date(2026, 11, 10), (ids[0], ids[1])), now=NOW)
    store.coaching.save_review(earlier, ids[0], MentorReview({SKILLS: 5, ENTHUSIASM: 4}, "Great depth"))
    store.coaching.add_action(
        ActionItem("Carry-over: research their product", Owner.CANDIDATE, date(2026, 11, 17), earlier)
    )
    session = store.coaching.start_session(
        CoachingSession("Sam Lee", date(2026, 11, 19), (ids[2], ids[1]), f"Notes {ATTACK}"), now=NOW
    )
    store.coaching.save_review(
        session, ids[2], MentorReview({SKILLS: 4, ENTHUSIASM: 3, CULTURE: 3}, f"Comment {ATTACK}")
    )
    store.coaching.save_review(session, ids[1], MentorReview({SKILLS: 4}, "Better"))
    store.coaching.add_action(ActionItem(f"Rehearse {ATTACK}", Owner.MENTOR, date(2026, 11, 27), session, ids[2]))
    alex = store.coaching.start_session(CoachingSession("Alex Kim", date(2026, 11, 18), (ids[2],)), now=NOW)
    store.coaching.save_review(alex, ids[2], MentorReview({SKILLS: 1}, "Alex's view"))
    return store, session, ids


class Tags(HTMLParser):
    """Every tag and attribute of a document, to look for anything that could load or run."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_user_text_is_escaped_everywhere(coached):
    store, session, _ = coached
    page = render_html(session_report(store, session, NOW))
    assert ATTACK not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # evidence, comment, action, session notes
    assert not [tag for tag, _ in tags_of(page) if tag in ("script", "iframe", "object", "embed", "link", "img")]
    assert "Line one<br>line two" in page  # the writer's line breaks are kept


def test_the_report_loads_nothing_and_forbids_loading(coached):
    store, session, _ = coached
    page = render_html(session_report(store, session, NOW))
    assert not re.search(r"https?://", page)
    assert not re.search(r"@import|url\((?!#)", page)
    for _, attrs in tags_of(page):
        for name in ("src", "href", "xlink:href"):
            assert not attrs.get(name) or attrs[name].startswith("#"), attrs
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_charts_are_inline_svg_with_marks(coached):
    store, session, _ = coached
    report = session_report(store, session, NOW)
    assert [c.title for c in report.charts] == ["Self-score and Sam Lee's read", "Self-scores over time"]
    page = render_html(report)
    assert page.count("<svg") == 2
    assert page.count('class="mark-symbol') >= 2  # the self and mentor points
    assert "role-mark" in page


def test_it_prints_one_interview_per_page_without_screen_only_parts(coached):
    store, session, _ = coached
    page = render_html(session_report(store, session, NOW))
    print_css = page[page.index("@media print") :]
    assert "section.interview { break-before: page;" in print_css
    assert ".no-print, button { display: none !important; }" in print_css
    assert "print it from your browser" in page and "<button" not in page


def test_a_session_report_has_the_summary_then_each_interview_in_the_order_discussed(coached):
    store, session, ids = coached
    report = session_report(store, session, NOW)
    assert report.title == "Coaching session with Sam Lee"
    assert [e.interview.id for e in report.entries] == [ids[2], ids[1]]
    assert [len(e.reviews) for e in report.entries] == [1, 1]  # this session's read only
    assert report.entries[0].follow_up.startswith("Next: Thank-you note to Priya Shah")
    assert [a.text for a in report.actions] == [f"Rehearse {ATTACK}"]
    assert [a.text for a in report.earlier_actions] == ["Carry-over: research their product"]
    # history with Sam up to this session: skills +2 (Acme 0), +1 (Acme 1, re-scored), +1 (Acme 2)
    assert report.gap_lines[0] == (
        "You under-rate your skills match by 1.3 on average: Sam Lee scores it higher (3 interviews)."
    )
    page = render_html(report)
    assert page.index("<h2>Summary</h2>") < page.index('id="interview-') < page.index("How the 1–5 scale reads")
    assert "Sam Lee<br><span class=\"muted\">Thu 19 Nov 2026</span>" in page
    assert "Alex" not in page  # another mentor's read stays out of Sam's session


def test_a_range_report_keeps_each_mentors_read_apart(coached):
    store, _, ids = coached
    report = range_report(store, date(2026, 11, 1), date(2026, 11, 20), NOW)
    assert [e.interview.id for e in report.entries] == ids  # oldest first
    assert [s.mentor for s, _ in report.entries[2].reviews] == ["Alex Kim", "Sam Lee"]
    assert [c.title for c in report.charts][:2] == ["Self-score and Sam Lee's read", "Self-score and Alex Kim's read"]
    only_alex = range_report(store, date(2026, 11, 20), date(2026, 11, 1), NOW, mentor="alex kim")  # any order
    assert [len(e.reviews) for e in only_alex.entries] == [0, 0, 1]
    assert only_alex.title == "Interviews and coaching with alex kim"
    assert only_alex.gap_lines == ("You over-rate your skills match by 2.0 on average: Alex Kim scores it lower "
                                   "(1 interview).",)


def test_a_report_of_an_empty_range_still_reads(store: Store):
    page = render_html(range_report(store, date(2026, 1, 1), date(2026, 1, 31), NOW))
    assert "0 interviews" in page and "None agreed yet." in page and "<svg" not in page


def test_done_and_dropped_actions_read_as_such(coached):
    store, session, _ = coached
    [carried] = store.coaching.actions(status=ActionStatus.OPEN, session_id=session - 1)
    store.coaching.set_action_status(carried.id, ActionStatus.DONE, date(2026, 11, 19), in_session=session)
    report = session_report(store, session, NOW)
    assert [(a.text, a.status) for a in report.earlier_actions] == [(carried.text, ActionStatus.DONE)]
    assert "done Thu 19 Nov" in render_html(report)


def test_inline_svg_drops_namespaces_and_keeps_ids_apart():
    svg = ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<clipPath id="clip1"/><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>')
    out = inline_svg(svg, "chart0", 'A "title"')
    assert out == ('<svg role="img" aria-label="A &quot;title&quot;"><clipPath id="chart0-clip1"/>'
                   '<g clip-path="url(#chart0-clip1)"><use href="#chart0-clip1"/></g></svg>')


def test_a_missing_session_is_a_clear_error(store: Store):
    with pytest.raises(LookupError, match="no coaching session #9"):
        session_report(store, 9, NOW)


def test_the_cli_writes_a_session_or_a_range_report(coached, db_path: Path, tmp_path: Path, capsys):
    _, session, _ = coached
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db_path), "--session", str(session), "--out", str(out)]) == 0
    assert "Coaching session with Sam Lee" in out.read_text()
    assert "Wrote" in capsys.readouterr().out
    in_november = ["--from", "2026-11-01", "--to", "2026-11-20", "--mentor", "Sam Lee"]
    assert main(["report", "--db", str(db_path), *in_november]) == 0
    assert "Interviews and coaching with Sam Lee" in capsys.readouterr().out
    assert main(["report", "--db", str(db_path), "--session", "99"]) == 2
    assert "no coaching session #99" in capsys.readouterr().err
    assert main(["report", "--db", str(db_path), "--session", "1", "--mentor", "Sam"]) == 2
