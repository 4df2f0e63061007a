"""Today's thank-you card: one card per interview for its notes, all marked sent in one click, and Undo."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.model import Interviewer
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.store import Store
from tests.app.helpers import TODAY, an_interview, badges, open_menu, open_page, texts
from tests.factories import FIXED_NOW

FRIDAY = date(2026, 11, 20)  # the pinned clock: Fri 20 Nov 2026, 17:00
THREE = (Interviewer("Ana Ruiz", email="ana@acme.example"), Interviewer("Ben Okafor", email="ben@acme.example"),
         Interviewer("Cleo Park", email="cleo@acme.example"))


def three_interviewers(store: Store, **overrides):
    """Acme: Data engineer this morning with three interviewers: three thank-you notes due today."""
    values = dict(interview_at=datetime(2026, 11, 20, 10, 0), interviewers=THREE) | overrides
    return store.interviews.get(store.interviews.save(an_interview(**values), now=FIXED_NOW))


def note_keys(interview) -> list[str]:
    return [f"thank_you:{person.id}" for person in interview.interviewers]


def marks(store: Store, interview) -> list[tuple[str, StepStatus]]:
    return sorted((m.step_key, m.status) for m in store.follow_up.marks_for([interview.id])[interview.id])


def test_three_interviewers_give_one_card_with_a_draft_per_person_and_one_mark_all_sent(app, store):
    interview = three_interviewers(store)
    at = open_page(app, TODAY)
    assert not at.exception
    assert "Thank-you notes: Ana Ruiz, Ben Okafor, Cleo Park" in texts(at)
    assert "Thank-you note to Ana Ruiz" not in texts(at)  # no card per note any more
    assert "Acme: Data engineer · interviewed Fri 20 Nov" in texts(at)
    assert [f"td{interview.id}.{key}.draft" for key in note_keys(interview)] == [
        b.key for b in at.button if b.key.endswith(".draft") and b.key.startswith(f"td{interview.id}.")]
    assert [b.label for b in at.button if b.key == f"td{interview.id}.thank_yous.sent"] == ["Mark all sent"]
    assert len([p for p in at.page_link if p.label == "Open entry"]) == 1
    assert "3 to send" in texts(at)  # Your week still counts notes, not cards


def test_mark_all_sent_marks_every_note_in_one_click_and_offers_undo(app, store):
    interview = three_interviewers(store)
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview.id}.thank_yous.sent").click().run()
    assert not at.exception
    assert marks(store, interview) == [(key, StepStatus.DONE) for key in sorted(note_keys(interview))]
    assert {m.on for m in store.follow_up.marks_for([interview.id])[interview.id]} == {FRIDAY}
    assert "Marked 3 thank-you notes sent for Acme: Data engineer." in texts(at)
    assert "Thank-you notes:" not in texts(at)
    assert [b.label for b in at.button if b.key and b.key.startswith("undo.")] == ["Undo", "Dismiss"]


def test_undo_reopens_exactly_the_notes_mark_all_sent_marked(app, store):
    interview = three_interviewers(store, interview_at=datetime(2026, 11, 18, 10, 0))  # Wed: notes overdue
    store.follow_up.mark(interview.id, StepMark("recruiter_update", StepStatus.SKIPPED, FRIDAY))
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview.id}.thank_yous.sent").click().run()
    at = at.button(key="undo.do").click().run()
    assert not at.exception
    assert marks(store, interview) == [("recruiter_update", StepStatus.SKIPPED)]  # the skip the user made stays
    assert "Thank-you notes: Ana Ruiz, Ben Okafor, Cleo Park" in texts(at)
    assert "undo.do" not in [b.key for b in at.button]


def test_a_note_already_sent_is_left_out_of_the_card_and_of_mark_all_sent(app, store):
    interview = three_interviewers(store)
    ana = note_keys(interview)[0]
    store.follow_up.mark(interview.id, StepMark(ana, StepStatus.DONE, date(2026, 11, 20)))
    at = open_page(app, TODAY)
    assert "Thank-you notes: Ben Okafor, Cleo Park" in texts(at)
    at = at.button(key=f"td{interview.id}.thank_yous.sent").click().run()
    assert "Marked 2 thank-you notes sent for Acme: Data engineer." in texts(at)
    at = at.button(key="undo.do").click().run()
    assert marks(store, interview) == [(ana, StepStatus.DONE)]  # Undo reopens the two it marked, not Ana's


def test_each_persons_draft_opens_that_persons_note(app, store):
    interview = three_interviewers(store)
    ben = note_keys(interview)[1]
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview.id}.{ben}.draft").click().run()
    assert not at.exception
    assert at.code[1].value.startswith("Hi Ben,")
    [mail] = at.get("link_button")
    assert mail.proto.url.startswith("mailto:ben@acme.example")


def test_one_person_can_still_be_snoozed_or_marked_done_from_their_more_menu(app, store):
    interview = three_interviewers(store)
    cleo = note_keys(interview)[2]
    at = open_page(app, TODAY)
    assert f"td{interview.id}.{cleo}.done" not in [b.key for b in at.button]  # drawn only when opened
    at = open_menu(at, f"td{interview.id}.{cleo}.more")
    at = at.button(key=f"td{interview.id}.{cleo}.done").click().run()
    assert marks(store, interview) == [(cleo, StepStatus.DONE)]
    assert "Thank-you notes: Ana Ruiz, Ben Okafor" in texts(at)


def test_the_card_shows_the_worst_status_and_each_notes_own_when_they_differ(app, store):
    interview = three_interviewers(store, interview_at=datetime(2026, 11, 18, 10, 0))  # overdue since Thu
    ben = note_keys(interview)[1]
    store.follow_up.snooze(interview.id, StepSnooze(ben, FRIDAY, "he was away"))  # Ben's note: due today
    at = open_page(app, TODAY)
    card_badges = [b for b in badges(at) if "Overdue" in b or "Due today" in b]
    assert "Overdue since" in card_badges[0]  # the card's badge: the worst of its notes, though one is not
    assert ["Due today" in b for b in card_badges[1:]] == [True]  # Ben's row says his own, once
    assert "Thank-you notes: Ana Ruiz, Cleo Park, Ben Okafor" in texts(at)
    assert ":material/mail: Ben Okafor" in texts(at) and "Snoozed from Wed 18 Nov: he was away" in texts(at)


def test_one_interviewer_keeps_the_single_notes_title_and_marks_it_sent_in_one_click(app, store):
    interview = three_interviewers(store, interviewers=(Interviewer("Ana Ruiz"),))
    at = open_page(app, TODAY)
    assert "Thank-you note to Ana Ruiz" in texts(at)
    at = at.button(key=f"td{interview.id}.thank_yous.sent").click().run()
    assert marks(store, interview) == [(note_keys(interview)[0], StepStatus.DONE)]
    assert "Marked 1 thank-you note sent for Acme: Data engineer." in texts(at)


def test_paging_counts_cards_so_a_grouped_interview_takes_one_place(app, store):
    for n in range(11):
        store.interviews.save(an_interview(company=f"Company {n:02}", interview_at=datetime(2026, 11, 20, 9, n),
                                           interviewers=THREE), now=FIXED_NOW)
    at = open_page(app, TODAY)
    assert len([p for p in at.page_link if p.label == "Open entry"]) == 10
    assert at.button(key="due.more").label.startswith("Show 1 more (1 not shown")
    assert "33 to send" in texts(at)


def test_dismiss_hides_the_undo_bar_and_keeps_the_notes_sent(app, store):
    interview = three_interviewers(store)
    at = open_page(app, TODAY)
    at = at.button(key=f"td{interview.id}.thank_yous.sent").click().run()
    at = at.button(key="undo.dismiss").click().run()
    assert "undo.do" not in [b.key for b in at.button]
    assert marks(store, interview) == [(key, StepStatus.DONE) for key in sorted(note_keys(interview))]
