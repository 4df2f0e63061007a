"""The review packet: escaped everywhere, allowed to run only its own script and style, never a private note."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import datetime, timedelta

import pytest

from lib.domain.model import PRIVATE_FIELDS, Dimension, ValidationError
from lib.domain.privacy import EVERYTHING_SHAREABLE, Sharing
from lib.domain.review_request import check_request, private_notes_line
from lib.domain.rubric import RUBRIC
from lib.files.review_packet import new_packet_id, packet_file_name, review_packet
from tests.factories import FIXED_NOW, build_interview

NASTY = "<script>alert(1)</script> \"quoted\" 'single' & amp \u2028line\u2029para </script><!--"
PACKET_ID = "pk-0123456789abcdef"
TEXT_FIELDS = ("company", "role", "questions", "notes", "prep_questions", "prep_stories", "prep_pitch")


def nasty_interview(n: int = 0):
    return build_interview(
        uid=f"iv-{n:016x}", id=n + 1, interview_at=datetime(2026, 11, 2, 10, 0) + timedelta(days=n),
        **{name: f"{name} {NASTY}" for name in TEXT_FIELDS},
        evidence={d: f"{d.value} {NASTY}" for d in Dimension},
    )


def packet(interviews, sharing: Sharing = EVERYTHING_SHAREABLE, mentor: str = "Sam Lee", candidate: str = "Alex"
           ) -> str:
    return review_packet(interviews, mentor=mentor, candidate=candidate, sharing=sharing, packet_id=PACKET_ID,
                         made_at=FIXED_NOW)


def data_block(page: str) -> str:
    [block] = re.findall(r'<script type="application/json" id="packet-data">(.*?)</script>', page, re.S)
    return block


def inline(page: str, tag: str) -> str:
    """The text of the one inline <script> (without attributes) or <style> element."""
    [text] = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
    return text


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(page: str) -> dict[str, str]:
    [content] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    directives = (part.strip().split(" ", 1) for part in content.split(";") if part.strip())
    return {name: value for name, value in directives}


def test_every_text_field_is_escaped_in_the_page_and_read_back_exactly_from_the_data_block():
    page = packet([nasty_interview()], mentor=f"Sam {NASTY}", candidate=f"Alex {NASTY}")
    assert "<script>alert(1)" not in page and "<!--" not in page
    assert page.count("<script") == 2  # the data block and the one script: nothing a user typed
    for name in (*TEXT_FIELDS, *(d.value for d in Dimension)):
        assert html.escape(f"{name} {NASTY}") in page, name
    block = data_block(page)
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    data = json.loads(block)
    assert data["mentor"] == f"Sam {NASTY}" and data["candidate"] == f"Alex {NASTY}"
    [entry] = data["interviews"]
    assert (entry["company"], entry["role"]) == (f"company {NASTY}", f"role {NASTY}")
    assert entry == {"uid": "iv-0000000000000000", "company": f"company {NASTY}", "role": f"role {NASTY}",
                     "interview_at": "2026-11-02T10:00"}


def test_the_mentors_name_is_an_escaped_attribute_value():
    page = packet([nasty_interview()], mentor='Sam" onfocus="alert(1)')
    assert 'value="Sam&quot; onfocus=&quot;alert(1)"' in page
    assert 'onfocus="' not in page


def test_the_policy_allows_only_the_pages_own_script_and_style_by_their_hashes_and_no_fetch():
    page = packet([nasty_interview()])
    rules = policy(page)
    assert rules == {
        "default-src": "'none'", "script-src": sha256_source(inline(page, "script")),
        "style-src": sha256_source(inline(page, "style")), "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert "unsafe-inline" not in page and "connect-src" not in page
    assert '<meta name="referrer" content="no-referrer">' in page and '<meta name="viewport"' in page
    assert " style=" not in page  # an inline style attribute would be refused by the policy


def test_the_packet_names_no_external_address():
    page = packet([nasty_interview(n) for n in range(3)])
    assert not re.findall(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page


def test_private_text_never_reaches_the_packet_and_the_page_says_a_private_note_exists():
    interviews = [
        build_interview(uid=f"iv-{n:016x}", id=n + 1, private=frozenset(PRIVATE_FIELDS),
                        **{f: f"SECRET-{n}-{f}" for f in TEXT_FIELDS[2:]},
                        evidence={d: f"SECRET-{n}-{d.value}" for d in Dimension})
        for n in range(3)
    ]
    page = packet(interviews)
    assert "SECRET-" not in page
    assert page.count("Kept private: Questions they asked, Evidence: skills match") == 3


def test_categories_not_shared_are_left_out():
    nothing = Sharing(scores=False, evidence=False, questions=False, notes=False)
    page = packet([nasty_interview()], sharing=nothing)
    for name in (*TEXT_FIELDS[2:], *(d.value for d in Dimension)):
        assert f"{name} &lt;script" not in page, name
    assert "Their score:" not in page and "Questions they asked" not in page
    assert "Their own scores and evidence are not shared in this packet." in page


def test_shared_categories_are_all_there():
    page = packet([nasty_interview()])
    for name in (*TEXT_FIELDS, *(d.value for d in Dimension)):
        assert f"{name} &lt;script&gt;" in page, name
    assert "Their score: <strong>4 / 5</strong>" in page and "Questions they asked" in page


def test_the_mentor_scores_each_dimension_on_the_rubrics_anchors_with_nothing_picked_in_advance():
    page = packet([nasty_interview(n) for n in range(2)])
    for guide in RUBRIC.values():
        for anchor in guide.anchors.values():
            assert page.count(f'<span class="anchor">{html.escape(anchor)}</span>') == 2
    assert page.count('type="radio"') == 2 * 3 * 6  # 1 to 5 and Not sure, per dimension per interview
    assert not re.search(r"<input[^>]*\bchecked", page)
    assert page.count('<label class="field" for="comment-') == 2 and "Suggested actions (one per line)" in page


def test_the_packet_names_its_id_and_the_candidate_and_counts_the_interviews():
    page = packet([nasty_interview(n) for n in range(5)], candidate="")
    assert PACKET_ID in page and json.loads(data_block(page))["packet"] == PACKET_ID
    assert "the candidate asks for your read of 5 interviews" in page
    assert "0 of 5 interviews reviewed" in page


def test_a_packet_of_ten_interviews_is_tens_of_kilobytes():
    size = len(packet([nasty_interview(n) for n in range(10)]).encode("utf-8"))
    assert 20_000 < size < 120_000, size


def test_packet_ids_are_random_and_name_themselves():
    first, second = new_packet_id(), new_packet_id()
    assert re.fullmatch(r"pk-[0-9a-f]{16}", first) and first != second


def test_the_file_name_is_safe_whatever_the_mentors_name():
    assert packet_file_name("Sam O'Neil", FIXED_NOW.date()) == "review-packet-sam-oneil-2026-11-20.html"
    assert packet_file_name("../../<x>", FIXED_NOW.date()) == "review-packet-x-2026-11-20.html"
    assert packet_file_name("李", FIXED_NOW.date()) == "review-packet-mentor-2026-11-20.html"


def test_a_request_needs_a_mentor_and_an_interview():
    with pytest.raises(ValidationError) as problem:
        check_request("   ", [])
    assert set(problem.value.errors) == {"mentor", "interview_ids"}
    assert check_request("  Sam   Lee ", [1]) == "Sam Lee"
    with pytest.raises(ValidationError, match="at most 200"):
        check_request("Sam", list(range(201)))


def test_the_private_notes_line_counts_the_picked_interviews_that_keep_something_private():
    kept = build_interview(notes="mine", private=frozenset({"notes"}))
    empty_private = build_interview(private=frozenset({"notes"}))  # private, but nothing written: nothing to hide
    assert private_notes_line([kept, empty_private, build_interview()]) == (
        "Private notes are never included: 1 of the 3 picked interviews have some.")
    assert private_notes_line([build_interview()]) == (
        "Private notes are never included: none of the picked interviews has any.")
