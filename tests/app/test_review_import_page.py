"""Coaching's "Import a mentor's review": upload a reply, read the preview, import it once."""

from __future__ import annotations

import json
from datetime import datetime

from lib.files.review_reply import read_reply
from tests.app.helpers import an_interview, open_menu, open_page, texts
from tests.factories import FIXED_NOW, reply_document, reply_entry

COACHING = "pages/coaching.py"
FORM = "c.reply_form"


def acme_and_globex(store):
    ids = [store.interviews.save(an_interview(company=c, interview_at=datetime(2026, 11, d, 10, 0)), now=FIXED_NOW)
           for c, d in (("Acme", 10), ("Globex", 18))]
    return [store.interviews.get(i) for i in ids]


def reply_bytes(acme, globex, **changes) -> bytes:
    document = reply_document(reply_entry(acme, (5, None, 3), "Land the ending *sooner*", ("Say why us",)),
                              reply_entry(globex)) | changes
    return json.dumps(document).encode("utf-8")


def uploaded(app, data: bytes):
    at = open_menu(open_page(app, COACHING), FORM)
    at.file_uploader(key="c.reply.file.").upload("reply.json", data, "application/json")
    return at.run()


def test_the_preview_names_the_mentor_the_gaps_and_what_is_left_out(app, store):
    acme, globex = acme_and_globex(store)
    at = uploaded(app, reply_bytes(acme, globex))
    assert not at.exception
    page = texts(at)
    assert ("**Preview:** Sam Lee's review of 1 interview and 1 suggested action, written Sat 21 Nov: it becomes a "
            "finished session with Sam Lee on that day.") in page
    assert "Globex · Data engineer · Wed 18 Nov: not reviewed, left out." in page
    [table] = at.dataframe
    assert table.value[["You", "Mentor", "Gap"]].values.tolist()[0] == ["4", "5", "Sam Lee scored 1 higher"]
    assert "Acme · Data engineer · Tue 10 Nov: Say why us" in page
    assert at.button(key="c.reply.import").label == "Import as a session with Sam Lee"
    assert store.coaching.sessions() == []  # nothing until the click


def test_importing_makes_the_session_once_and_links_to_its_summary(app, store):
    acme, globex = acme_and_globex(store)
    at = uploaded(app, reply_bytes(acme, globex))
    button = at.button(key="c.reply.import")
    at = button.click().run()
    assert [t.value for t in at.toast] == ["Imported Sam Lee's review: a session with 1 interview and 1 action."]
    version = store.data_version()
    again = button.click().run()  # a second click on the button as it was drawn (a double click)
    assert not again.toast and store.data_version() == version  # no second message, nothing written
    [session] = store.coaching.sessions()
    assert session.finished and session.interview_ids == (acme.id,)
    at = at.button(key="c.reply.open").click().run()
    assert at.title[0].value == "Session with Sam Lee"
    summary = texts(at)
    assert "Skills match: you **4 / 5** · Sam Lee **5 / 5** · Sam Lee scored 1 higher" in summary
    assert "Land the ending *sooner*" in summary and "Say why us" in summary


def test_a_broken_file_shows_every_problem_and_no_button(app, store):
    acme, globex = acme_and_globex(store)
    document = json.loads(reply_bytes(acme, globex))
    document["mentor"] = ""
    for entry in document["interviews"]:
        entry["scores"]["enthusiasm"] = 7
    at = uploaded(app, json.dumps(document).encode())
    page = texts(at)
    assert "Nothing was imported: this file is not a reply Debrief can read." in page
    assert "interviews[0].scores.enthusiasm: must be 1 to 5 or null" in page
    assert "interviews[1].scores.enthusiasm: must be 1 to 5 or null" in page
    assert "mentor: needs the mentor's name (text)" in page
    assert not [b for b in at.button if b.key == "c.reply.import"] and not at.dataframe


def test_a_reply_already_imported_says_when_and_offers_nothing_to_click(app, store):
    acme, globex = acme_and_globex(store)
    data = reply_bytes(acme, globex)
    store.coaching.replies.import_reply(read_reply(data), FIXED_NOW)
    at = uploaded(app, data)
    assert "Already imported on Fri 20 Nov as the session with Sam Lee on Sat 21 Nov: nothing to do." in texts(at)
    assert at.button(key="c.reply.import").disabled
