"""The Data page's "Subscribe in your calendar app": the address to copy, and New address after a confirmation."""

from __future__ import annotations

from streamlit import config
from streamlit.testing.v1 import AppTest

from lib.store import Store
from lib.ui.calendar_feed import NEW_ADDRESS_MENU, SUBSCRIBE_FORM
from tests.app.helpers import open_menu, open_page, texts

DATA = "pages/data.py"


def subscribe_section(at: AppTest) -> AppTest:
    at = open_menu(open_page(at, DATA), SUBSCRIBE_FORM)
    assert not at.exception, at.exception
    return at


def shown_address(at: AppTest) -> str:
    [address] = [c.value for c in at.code]
    return address


def test_the_closed_section_draws_no_address_and_makes_no_token(app: AppTest, store: Store):
    at = open_page(app, DATA)
    assert not at.exception and not at.code
    assert store.settings.stored_calendar_token() is None


def test_the_address_names_this_computer_the_servers_port_and_the_token(app: AppTest, store: Store):
    at = subscribe_section(app)
    token = store.settings.stored_calendar_token()
    port = config.get_option("server.port")
    assert token and shown_address(at) == f"http://127.0.0.1:{port}/calendar/{token}.ics"
    said = texts(at)
    assert "Apple Calendar" in said and "Google Calendar" in said and "cannot reach 127.0.0.1" in said
    assert "make run" in said and "streamlit run streamlit_app.py" in said


def test_the_address_stays_the_same_across_reruns(app: AppTest, store: Store):
    at = subscribe_section(app)
    first = shown_address(at)
    assert shown_address(at.run()) == first


def test_new_address_asks_first_then_replaces_the_address(app: AppTest, store: Store):
    at = subscribe_section(app)
    old = shown_address(at)
    at = open_menu(at, NEW_ADDRESS_MENU)
    assert "stops working at once" in texts(at) and "subscribed again" in texts(at)
    assert shown_address(at) == old  # opening the confirmation changes nothing
    at = at.button(key="data.calendar_regenerate").click().run()
    assert not at.exception, at.exception
    new = shown_address(at)
    assert new != old and new.endswith(f"/calendar/{store.settings.stored_calendar_token()}.ics")
    assert not store.settings.calendar_token_matches(old.rsplit("/", 1)[1].removesuffix(".ics"))
    assert "no longer works" in at.toast[0].value
