"""The Templates page draws only what is open: one tab's editor, the placeholder list once asked for."""

from __future__ import annotations

from lib.domain.drafts import DRAFT_KINDS, KIND_LABELS
from lib.domain.steps import StepKind
from tests.app import helpers
from tests.app.helpers import open_menu, open_page, texts

TEMPLATES = "pages/templates.py"


def open_tab(at, kind: StepKind):
    return helpers.open_tab(at, "tpl.tab", KIND_LABELS[kind])


def test_only_the_open_tabs_editor_is_drawn(app):
    at = open_page(app, TEMPLATES)
    assert not at.exception
    assert [tab.label for tab in at.tabs] == [KIND_LABELS[k] for k in DRAFT_KINDS]
    assert [t.key for t in at.text_area] == ["tpl.recruiter_update.body"]  # the first tab, open by default
    at = open_tab(at, StepKind.CHECK_IN)
    assert [t.key for t in at.text_area] == ["tpl.check_in.body"]
    assert [b.key for b in at.button if b.key.endswith(".save")] == ["tpl.check_in.save"]


def test_unsaved_typing_in_a_tab_waits_while_another_tab_is_open(app, store):
    at = open_tab(open_page(app, TEMPLATES), StepKind.THANK_YOU)
    at.text_area(key="tpl.thank_you.body").input("Hi {first_name},\nHalf written").run()
    at = open_tab(at, StepKind.CHECK_IN)
    at = open_tab(at, StepKind.THANK_YOU)
    assert at.text_area(key="tpl.thank_you.body").value == "Hi {first_name},\nHalf written"
    assert store.settings.draft_templates() == {}  # still only typed, not saved


def test_the_placeholder_list_is_drawn_once_opened(app):
    at = open_page(app, TEMPLATES)
    assert "{first_name}" not in texts(at)
    at = open_menu(at, "tpl.placeholders")
    assert "`{first_name}`:" in texts(at) and "Write {{ or }} for a brace of your own." in texts(at)
