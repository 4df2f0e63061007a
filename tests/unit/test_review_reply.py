"""A mentor's reply: every field checked, matched by uid, imported once as a finished session."""

from __future__ import annotations

import copy
import json
import threading
from datetime import datetime
from pathlib import Path

import pytest

from lib.domain.coaching import ActionStatus
from lib.domain.model import Dimension, ValidationError
from lib.files.imports import import_file
from lib.files.json import export_json
from lib.files.review_reply import ignored_words, is_reply, plan_reply, read_reply
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview, reply_document, reply_entry

TODAY = FIXED_NOW.date()
SKILLS, ENTHUSIASM, CULTURE = Dimension


def saved(store: Store, **fields):
    return store.interviews.get(store.interviews.save(build_interview(**fields), now=FIXED_NOW))


@pytest.fixture
def two(store: Store):
    """Acme (self-scores 4, 3, none) and Globex, both saved, so both have a uid."""
    return (saved(store, company="Acme", interview_at=datetime(2026, 11, 10, 14, 0)),
            saved(store, company="Globex", interview_at=datetime(2026, 11, 12, 9, 0)))


def good_reply(acme, globex) -> dict:
    return reply_document(
        reply_entry(acme, (5, None, 3), "Strong on the pipeline story", ("Prepare a 60-second 'why us?'",)),
        reply_entry(globex),  # untouched: all null, no comment, no actions
    )


def text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


def problems(document: dict | str | bytes) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        read_reply(document if isinstance(document, str | bytes) else text(document))
    return raised.value.errors


# --- reading --------------------------------------------------------------------------------
def test_a_good_reply_reads_with_its_mentor_cleaned_and_the_untouched_interview_marked(two):
    document = good_reply(*two)
    document["mentor"] = "  Sam   Lee "
    reply = read_reply(text(document))
    assert reply.mentor == "Sam Lee" and reply.held_on.isoformat() == "2026-11-21"
    assert [i.reviewed for i in reply.interviews] == [True, False]
    assert reply.interviews[0].scores == {SKILLS: 5, ENTHUSIASM: None, CULTURE: 3}
    assert reply.interviews[0].actions == ("Prepare a 60-second 'why us?'",)


def test_unknown_fields_are_ignored_and_named_so_a_misspelt_comment_is_seen(two):
    document = good_reply(*two)
    document["interviews"][0]["coment"] = "lost?"
    document["app"] = "x"
    reply = read_reply(text(document))
    assert reply.ignored == ("app", "interviews[0].coment")
    assert ignored_words(reply) == "Ignored the fields app, interviews[0].coment: Debrief has no use for them."


def entry_field(index: int, field: str, value):
    def change(document: dict) -> None:
        document["interviews"][index][field] = value
    return change


def score(index: int, dimension: str, value):
    def change(document: dict) -> None:
        document["interviews"][index]["scores"][dimension] = value
    return change


def top(field: str, value):
    def change(document: dict) -> None:
        document[field] = value
    return change


def without(field: str):
    return lambda document: document.pop(field)


BROKEN = [
    ("packet-pattern", top("packet", "pk-123"), "packet"),
    ("packet-missing", without("packet"), "packet"),
    ("mentor-empty", top("mentor", "   "), "mentor"),
    ("mentor-long", top("mentor", "S" * 121), "mentor"),
    ("mentor-number", top("mentor", 5), "mentor"),
    ("written-at-words", top("written_at", "yesterday"), "written_at"),
    ("written-at-1899", top("written_at", "1899-12-31T10:00:00"), "written_at"),
    ("written-at-zone", top("written_at", "2026-11-21T10:15:00+01:00"), "written_at"),
    ("written-at-missing", without("written_at"), "written_at"),
    ("interviews-empty", top("interviews", []), "interviews"),
    ("interviews-text", top("interviews", "all"), "interviews"),
    ("interview-not-object", lambda d: d["interviews"].append(5), "interviews[2]"),
    ("uid-missing", entry_field(1, "uid", None), "interviews[1].uid"),
    ("uid-space", entry_field(1, "uid", "iv 1"), "interviews[1].uid"),
    ("uid-long", entry_field(1, "uid", "i" * 65), "interviews[1].uid"),
    ("uid-control", entry_field(1, "uid", "iv-\x07"), "interviews[1].uid"),
    ("uid-repeated", lambda d: d["interviews"].append(copy.deepcopy(d["interviews"][0])), "interviews[2].uid"),
    ("company-long", entry_field(0, "company", "C" * 121), "interviews[0].company"),
    ("role-number", entry_field(0, "role", 7), "interviews[0].role"),
    ("interview-at-words", entry_field(0, "interview_at", "soon"), "interviews[0].interview_at"),
    ("scores-missing", entry_field(0, "scores", None), "interviews[0].scores"),
    ("score-six", score(0, "enthusiasm", 6), "interviews[0].scores.enthusiasm"),
    ("score-zero", score(0, "skills_match", 0), "interviews[0].scores.skills_match"),
    ("score-true", score(0, "culture_fit", True), "interviews[0].scores.culture_fit"),
    ("score-4.0", score(0, "culture_fit", 4.0), "interviews[0].scores.culture_fit"),
    ("score-text", score(0, "culture_fit", "4"), "interviews[0].scores.culture_fit"),
    ("score-unknown-dimension", score(0, "charm", 4), "interviews[0].scores.charm"),
    ("score-dimension-missing", lambda d: d["interviews"][0]["scores"].pop("enthusiasm"),
     "interviews[0].scores.enthusiasm"),
    ("comment-long", entry_field(0, "comment", "c" * 5_001), "interviews[0].comment"),
    ("comment-list", entry_field(0, "comment", ["a"]), "interviews[0].comment"),
    ("actions-text", entry_field(0, "actions", "call them"), "interviews[0].actions"),
    ("actions-21", entry_field(0, "actions", [f"a{n}" for n in range(21)]), "interviews[0].actions"),
    ("action-long", entry_field(0, "actions", ["a" * 501]), "interviews[0].actions[0]"),
    ("action-number", entry_field(0, "actions", ["ok", 3]), "interviews[0].actions[1]"),
]


@pytest.mark.parametrize(("change", "place"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_field_is_refused_naming_its_place(two, change, place):
    document = good_reply(*two)
    change(document)
    assert place in problems(document)


def test_a_score_out_of_range_says_what_it_must_be(two):
    document = good_reply(*two)
    document["interviews"][1]["scores"]["enthusiasm"] = 9
    assert problems(document)["interviews[1].scores.enthusiasm"].startswith("must be 1 to 5 or null")


def test_every_problem_of_a_file_is_named_at_once(two):
    document = good_reply(*two)
    document["mentor"] = ""
    document["interviews"][0]["scores"]["enthusiasm"] = 6
    document["interviews"][1]["actions"] = ["a" * 501]
    assert set(problems(document)) == {"mentor", "interviews[0].scores.enthusiasm", "interviews[1].actions[0]"}


@pytest.mark.parametrize(("value", "place"), [
    ({"format": "debrief"}, "format"),
    ({"version": 2}, "version"),
    ({"version": "1"}, "version"),
])
def test_a_file_that_is_not_a_reply_of_this_version_is_refused_first(two, value, place):
    document = good_reply(*two) | value
    assert list(problems(document)) == [place]


def test_a_lone_surrogate_is_refused_naming_its_field(two):
    raw = text(good_reply(*two)).replace("Strong on the pipeline story", "Strong \\ud800 story")
    [(where, message)] = problems(raw).items()
    assert where == "field interviews[0].comment" and "lone surrogate" in message


def test_a_two_megabyte_file_is_refused_before_it_is_read():
    assert problems(b" " * (2 * 1024 * 1024)) == {
        "file": "is 2 MB; a mentor's reply is at most 1 MB: is this the right file?"}


def test_a_key_given_twice_is_refused_so_the_first_value_never_vanishes(two):
    raw = text(good_reply(*two)).replace('"comment": "Strong', '"comment": "first", "comment": "Strong', 1)
    assert problems(raw) == {"interviews[0].comment": "appears twice in one object: keep one of them"}


@pytest.mark.parametrize("raw", [b"\xff\xfe{}", b"", b"[1, 2]", b'{"format": "debrief-review-reply"', b"{" * 5000])
def test_a_file_that_is_not_json_text_is_refused_in_plain_words(raw):
    assert list(problems(raw)) == ["file"]


def test_a_reply_is_told_from_an_export_by_its_format(two):
    assert is_reply(text(good_reply(*two)).encode())
    assert not is_reply(b'{"format": "debrief", "tables": {"interviews": [{"notes": "\\"format\\": '
                        b'\\"debrief-review-reply\\""}]}}')


# --- the preview ----------------------------------------------------------------------------
def test_the_preview_names_the_gaps_the_deleted_and_the_untouched_interviews(store, two):
    acme, globex = two
    gone = saved(store, company="Initech", role="Analyst", interview_at=datetime(2026, 11, 20, 15, 0))
    document = good_reply(acme, globex)
    document["interviews"].append(reply_entry(gone, (2, 2, 2)))
    store.interviews.delete(gone.saved_id)
    plan = plan_reply(store, read_reply(text(document)))
    assert plan.summary(TODAY) == ("Sam Lee's review of 1 interview and 1 suggested action, written Sat 21 Nov: it "
                                   "becomes a finished session with Sam Lee on that day.")
    assert plan.notes(TODAY) == ["Initech · Analyst · Fri 20 Nov: deleted since, left out.",
                                 "Globex · Data Engineer · Thu 12 Nov: not reviewed, left out."]
    assert [(r["Dimension"], r["You"], r["Mentor"], r["Gap"]) for r in plan.rows(TODAY)] == [
        ("Skills match", "4", "5", "Sam Lee scored 1 higher"),
        ("Enthusiasm signaled", "3", "–", "Sam Lee has not scored it"),
        ("Culture fit", "–", "3", "you did not score it"),
    ]
    assert plan.action_lines(TODAY) == ["Acme · Data Engineer · Tue 10 Nov: Prepare a 60-second 'why us?'"]
    assert plan.can_import


def test_a_reply_for_another_database_matches_nothing_and_imports_nothing(store, two, tmp_path: Path):
    other = Store(tmp_path / "other.db")
    stranger = saved(other, company="Hooli")
    plan = plan_reply(store, read_reply(text(reply_document(reply_entry(stranger, (3, 3, 3))))))
    assert plan.notes(TODAY) == ["Hooli · Data Engineer · Tue 10 Nov: deleted since, left out."]
    assert plan.summary(TODAY) == "Nothing to import: none of its interviews is in Debrief any more."
    assert not plan.can_import
    with pytest.raises(ValidationError, match="nothing to import"):
        store.coaching.replies.import_reply(plan.reply, FIXED_NOW)
    assert store.coaching.sessions() == []


# --- the import -----------------------------------------------------------------------------
def test_the_import_is_a_finished_session_as_if_held_together(store, two):
    acme, _ = two
    imported = store.coaching.replies.import_reply(read_reply(text(good_reply(*two))), FIXED_NOW)
    assert (imported.added, imported.interviews, imported.actions) == (True, 1, 1)
    [session] = store.coaching.sessions(mentor="sam lee")
    assert (session.mentor, session.held_on.isoformat(), session.interview_ids) == ("Sam Lee", "2026-11-21",
                                                                                      (acme.id,))
    assert session.finished
    assert store.coaching.reviews(session.saved_id)[acme.id].scores == {SKILLS: 5, ENTHUSIASM: None, CULTURE: 3}
    [action] = store.coaching.actions(status=ActionStatus.OPEN, mentor="Sam Lee")
    assert (action.text, action.interview_id, action.due_on.isoformat()) == (
        "Prepare a 60-second 'why us?'", acme.id, "2026-11-27")  # a week from now, on a business day
    gaps = store.coaching.review_rows(mentor="Sam Lee")  # what the gaps, charts and reports read
    assert gaps[["interview_id", "skills_match", "mentor_skills_match"]].values.tolist() == [[acme.id, 4, 5]]


def test_a_reply_imported_twice_makes_one_session_and_the_preview_says_so(store, two):
    document = good_reply(*two)
    first = store.coaching.replies.import_reply(read_reply(text(document)), FIXED_NOW)
    respaced = json.dumps(document, indent=4)  # the same content, saved again by another program
    again = store.coaching.replies.import_reply(read_reply(respaced), FIXED_NOW)
    assert (again.session_id, again.added) == (first.session_id, False)
    assert len(store.coaching.sessions()) == 1 and len(store.coaching.actions()) == 1
    plan = plan_reply(store, read_reply(respaced))
    assert plan.summary(TODAY) == ("Already imported on Fri 20 Nov as the session with Sam Lee on Sat 21 Nov: "
                                   "nothing to do.")
    assert not plan.can_import


def test_one_review_downloaded_twice_a_minute_apart_imports_once(store, two):
    document = good_reply(*two)
    first = store.coaching.replies.import_reply(read_reply(text(document)), FIXED_NOW)
    later = json.dumps(document | {"written_at": "2026-11-21T10:16:00"})
    again = store.coaching.replies.import_reply(read_reply(later), FIXED_NOW)
    assert (again.session_id, again.added) == (first.session_id, False)
    assert len(store.coaching.sessions()) == 1


def test_a_session_restored_without_its_import_time_still_stops_a_second_import(store, two):
    document = good_reply(*two)
    store.coaching.replies.import_reply(read_reply(text(document)), FIXED_NOW)
    with store.connect() as db:  # as a hand-mended backup may bring it back
        db.execute("UPDATE coaching_sessions SET reply_imported_at = NULL")
        db.conn.commit()
    plan = plan_reply(store, read_reply(text(document)))
    assert plan.summary(TODAY).startswith("Already imported on Sat 21 Nov as the session with Sam Lee")
    assert not plan.can_import


def test_the_same_reply_imported_from_four_places_at_once_makes_one_session(db_path, two):
    reply = read_reply(text(good_reply(*two)))
    start, results = threading.Barrier(4), []

    def import_it() -> None:
        start.wait()
        results.append(Store(db_path).coaching.replies.import_reply(reply, FIXED_NOW))

    threads = [threading.Thread(target=import_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.added for r in results) == [False, False, False, True]
    assert len({r.session_id for r in results}) == 1
    assert len(Store(db_path).coaching.sessions()) == 1


def test_a_revised_reply_is_a_new_session_that_does_not_repeat_the_actions(store, two):
    acme, globex = two
    store.coaching.replies.import_reply(read_reply(text(good_reply(acme, globex))), FIXED_NOW)
    revised = reply_document(
        reply_entry(acme, (4, 4, 3), "On reflection: a 4", ("Prepare a 60-second 'why us?'", "Ask about the team")),
        reply_entry(globex), written_at="2026-11-22T09:00:00")
    plan = plan_reply(store, read_reply(text(revised)))
    assert plan.can_import and plan.earlier_version is not None
    assert plan.notes(TODAY)[0].startswith("A revised review: a reply to the same packet was imported on Fri 20 Nov "
                                           "(the session with Sam Lee on Sat 21 Nov). This one is added as a new "
                                           "session")
    imported = store.coaching.replies.import_reply(plan.reply, FIXED_NOW)
    assert (imported.added, imported.actions) == (True, 1)
    assert [a.text for a in store.coaching.actions()] == ["Prepare a 60-second 'why us?'", "Ask about the team"]
    gaps = store.coaching.review_rows(mentor="Sam Lee")
    assert gaps["mentor_skills_match"].tolist() == [5, 4]  # the later session's read comes last, so it counts


def test_after_an_export_and_import_into_a_new_database_the_reply_still_matches_by_uid(store, two, tmp_path):
    moved = Store(tmp_path / "new.db")
    saved(moved, company="Already here")  # so row ids differ between the two databases
    import_file(moved, export_json(store, FIXED_NOW), "export.json", FIXED_NOW)
    acme_there = next(i for i in moved.interviews.find() if i.company == "Acme")
    assert acme_there.id != two[0].id and acme_there.uid == two[0].uid
    imported = moved.coaching.replies.import_reply(read_reply(text(good_reply(*two))), FIXED_NOW)
    assert moved.coaching.get_session(imported.session_id).interview_ids == (acme_there.id,)


def test_a_failure_midway_through_the_import_writes_nothing(store, two, monkeypatch):
    import lib.store.review_replies as replies

    real = replies.insert_row

    def failing(db, table, row):
        if table == "action_items":
            raise OSError("disk full")
        return real(db, table, row)

    monkeypatch.setattr(replies, "insert_row", failing)
    version = store.data_version()
    with pytest.raises(OSError):
        store.coaching.replies.import_reply(read_reply(text(good_reply(*two))), FIXED_NOW)
    with store.connect() as db:
        counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("coaching_sessions", "mentor_reviews", "action_items")]
    assert counts == [0, 0, 0] and store.data_version() == version


def test_deleting_the_imported_session_lets_the_reply_be_imported_again(store, two):
    reply = read_reply(text(good_reply(*two)))
    first = store.coaching.replies.import_reply(reply, FIXED_NOW)
    store.coaching.delete_session(first.session_id)
    assert plan_reply(store, reply).can_import
    assert store.coaching.replies.import_reply(reply, FIXED_NOW).added


def test_a_restored_backup_keeps_the_import_so_the_reply_is_not_imported_again(store, two, tmp_path):
    from lib.store.restore import restore

    reply = read_reply(text(good_reply(*two)))
    store.coaching.replies.import_reply(reply, FIXED_NOW)
    copy_path = tmp_path / "copy.db"
    with store.connect() as db:
        db.execute(f"VACUUM INTO '{copy_path}'")
    elsewhere = Store(tmp_path / "elsewhere.db")
    restore(elsewhere, copy_path, FIXED_NOW)  # its row check reads the reply columns too
    assert plan_reply(elsewhere, reply).same_reply is not None


def test_a_restore_refuses_a_session_whose_reply_import_time_cannot_be_read(store, two, tmp_path):
    from lib.store.restore import restore

    store.coaching.replies.import_reply(read_reply(text(good_reply(*two))), FIXED_NOW)
    with store.write() as db:
        db.execute("UPDATE coaching_sessions SET reply_imported_at = 'soon'")
    copy_path = tmp_path / "copy.db"
    with store.connect() as db:
        db.execute(f"VACUUM INTO '{copy_path}'")
    with pytest.raises(ValidationError, match="reply_imported_at"):
        restore(Store(tmp_path / "elsewhere.db"), copy_path, FIXED_NOW)


def test_a_reply_written_more_than_a_year_ahead_is_refused_at_its_written_at(store, two):
    document = good_reply(*two) | {"written_at": "2028-01-05T10:00:00"}
    with pytest.raises(ValidationError) as raised:
        store.coaching.replies.import_reply(read_reply(text(document)), FIXED_NOW)
    assert raised.value.errors == {"written_at": "is more than a year away: check the year"}
    assert store.coaching.sessions() == []
