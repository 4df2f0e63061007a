"""Demo data at any time: the Data page loads it beside the user's own entries and removes it in
one click, the sidebar says which is which, and loading twice adds it once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.files.demo import DEMO_SIZE, load_demo
from lib.store import Store
from tests.app.helpers import an_interview, open_page, texts
from tests.factories import FIXED_NOW

DATA = "pages/data.py"


def own_entry(store: Store) -> int:
    return store.interviews.save(an_interview(), now=FIXED_NOW)


def test_the_data_page_loads_the_demo_beside_the_users_own_entries_then_removes_only_it(app: AppTest, store: Store):
    own_id = own_entry(store)
    at = open_page(app, DATA)
    assert not at.button(key="data.load_demo").disabled
    assert "removing them later leaves your own entries untouched" in texts(at)

    at = at.button(key="data.load_demo").click().run()
    assert not at.exception, at.exception
    assert (store.interviews.count(demo=True), store.interviews.count(demo=False)) == (DEMO_SIZE, 1)
    assert [t.value for t in at.toast] == [f"Loaded {DEMO_SIZE} demo interviews, each marked demo. "
                                           "Your own entries are untouched."]
    assert at.button(key="data.load_demo").disabled
    assert f"{DEMO_SIZE} demo interviews loaded, beside 1 interview of your own. Each carries a :gray-badge[demo]" \
        in texts(at)

    at = at.button(key="data.remove_demo").click().run()
    assert [t.value for t in at.toast] == [f"Removed {DEMO_SIZE} demo interviews. Your own entries are untouched."]
    assert [i.id for i in store.interviews.find()] == [own_id]
    assert not at.button(key="data.load_demo").disabled
    assert not [b for b in at.button if b.key == "data.remove_demo"]


def test_load_demo_on_a_page_drawn_before_another_tab_loaded_it_adds_it_once(app: AppTest, store: Store):
    at = open_page(app, DATA)
    assert load_demo(store, FIXED_NOW) == DEMO_SIZE  # another tab, or the first of a double click

    at = at.button(key="data.load_demo").click().run()
    assert store.interviews.count(demo=True) == DEMO_SIZE
    assert [t.value for t in at.toast] == ["The demo data is already loaded: nothing was added."]


def test_the_sidebar_says_how_many_entries_are_demo_and_how_many_are_the_users_own(app: AppTest, store: Store):
    own_entry(store)
    load_demo(store, FIXED_NOW)
    at = open_page(app, DATA)
    [banner] = at.sidebar.info
    assert banner.value.startswith(f"Demo data: {DEMO_SIZE} made-up interviews beside your 1 own.")
    assert ":gray-badge[demo]" in banner.value


def test_the_sidebar_says_when_every_entry_is_demo(app: AppTest, store: Store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, DATA)
    [banner] = at.sidebar.info
    assert banner.value.startswith(f"Demo data: {DEMO_SIZE} made-up interviews beside none of your own yet.")
