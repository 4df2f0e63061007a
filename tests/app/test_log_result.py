"""After Save, the result is where the user is: at the Save button, with the next step's actions and the name prompt."""

from __future__ import annotations

from datetime import date, time

from lib.domain.steps import StepStatus
from lib.ui.your_name import ASKED, YOUR_NAME
from tests.app.helpers import LOG, fill_log_form, open_menu, open_page, save, texts


def blocks_after_save(at):
    """The form column's blocks from the one holding Save on: what the user sees at the button."""
    column = list(at.columns[0].children.values())
    at_save = next(i for i, node in enumerate(column) if any(
        getattr(child, "key", None) == "f.save" for child in getattr(node, "children", {}).values()))
    return column[at_save:]


def test_the_result_and_the_next_steps_actions_sit_right_below_the_save_button(app, store):
    at = save(fill_log_form(open_page(app, LOG)))
    _, result, *_ = blocks_after_save(at)
    [message] = result.success
    assert message.value.startswith("Saved. Next: **Thank\\-you note to Jane Doe** · Due today")
    assert [b.key for b in result.button][:1] == ["log.next.draft"]
    assert [link.label for link in result.get("page_link")] == ["See it in Interviews"]
    assert "log.another" in [b.key for b in result.button]
    assert "What happens next is at the Save button." in texts(at)  # the short line at the top


def test_the_next_step_can_be_marked_done_right_there(app, store):
    at = save(fill_log_form(open_page(app, LOG)))
    at = open_menu(at, "log.next.more")
    at = at.button(key="log.next.done").click().run()
    [saved] = store.interviews.find()
    [mark] = store.follow_up.marks_for((saved.id,))[saved.id]
    assert mark.status is StepStatus.DONE and mark.step_key.startswith("thank_you:")
    assert "Saved. Next: **Status check-in** · Not yet: wait until Fri 27 Nov." in texts(at)


def test_the_result_goes_once_the_form_is_changed_again(app):
    at = save(fill_log_form(open_page(app, LOG)))
    at.text_area(key="f.notes").input("One more thing").run()
    assert not at.success and "log.next.draft" not in [b.key for b in at.button]


def test_a_booking_says_booked_and_where_it_shows_up(app):
    at = save(fill_log_form(open_page(app, LOG), day=date(2026, 11, 23), start=time(10, 0)))
    _, result, *_ = blocks_after_save(at)
    assert "Coming up on Today." in result.success[0].value
    assert [link.label for link in result.get("page_link")] == ["See it on Today", "See it in Interviews"]


def test_the_name_is_asked_after_the_first_save_and_not_again(app, store):
    at = open_page(app, LOG)
    assert "log.your_name.name" not in [t.key for t in at.text_input]
    at = save(fill_log_form(at))
    _, result, *_ = blocks_after_save(at)
    assert "log.your_name.name" in [t.key for t in result.text_input]
    at.text_input(key="log.your_name.name").input("Alex Morgan")
    at = at.button(key="log.your_name.save").click().run()
    assert store.settings.get(YOUR_NAME) == "Alex Morgan" and store.settings.get(ASKED) == "saved"
    assert "Saved: your emails are signed “Alex Morgan”." in texts(at)  # the result block survived its rerun
    at = at.button(key="log.another").click().run()
    at = save(fill_log_form(at, company="Globex"))
    assert store.interviews.count() == 2
    assert "log.your_name.name" not in [t.key for t in at.text_input]


def test_not_now_is_also_asked_only_once(app, store):
    at = save(fill_log_form(open_page(app, LOG)))
    at = at.button(key="log.your_name.not_now").click().run()
    assert "Not asked again" in texts(at)
    at = save(fill_log_form(at.button(key="log.another").click().run(), company="Globex"))
    assert "log.your_name.name" not in [t.key for t in at.text_input]


def test_draft_at_save_opens_the_email_for_the_next_step(app, store):
    at = save(fill_log_form(open_page(app, LOG)))
    at = at.button(key="log.next.draft").click().run()
    [saved] = store.interviews.find()
    topic_key = f"draft.{saved.id}.thank_you:{saved.interviewers[0].id}.topic"
    assert topic_key in [s.key for s in at.selectbox]
    assert not at.exception
