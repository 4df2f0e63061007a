"""The calendar feed's token (store.settings): made once, stable, replaceable, gone with an erase, kept by a restore."""

from __future__ import annotations

import hmac
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from lib.store import Store
from lib.store.backup import backup_now
from lib.store.erase import delete_everything
from lib.store.restore import restore
from tests.factories import FIXED_NOW
from tests.unit.data_helpers import add

URL_SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_the_first_ask_makes_a_long_url_safe_token_and_later_asks_get_the_same(store: Store):
    assert store.settings.stored_calendar_token() is None
    token = store.settings.calendar_token()
    assert len(token) >= 32 and set(token) <= URL_SAFE
    assert store.settings.calendar_token() == token == store.settings.stored_calendar_token()
    assert Store(store.path).settings.calendar_token() == token  # kept in the file, not in memory


def test_each_database_gets_its_own_token(tmp_path: Path):
    assert Store(tmp_path / "a.db").settings.calendar_token() != Store(tmp_path / "b.db").settings.calendar_token()


def test_two_first_asks_at_once_agree_on_one_token(db_path: Path):
    Store(db_path)  # created and migrated, as the app's first page has done
    start, found = threading.Barrier(8), []

    def ask() -> None:
        store = Store(db_path)
        start.wait()
        found.append(store.settings.calendar_token())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and len(set(found)) == 1


def test_a_new_address_replaces_the_token_and_the_old_one_no_longer_matches(store: Store):
    old = store.settings.calendar_token()
    new = store.settings.regenerate_calendar_token()
    assert new != old and store.settings.calendar_token() == new
    assert store.settings.calendar_token_matches(new)
    assert not store.settings.calendar_token_matches(old)


@pytest.mark.parametrize("candidate", ["", "x", "a" * 32, "a" * 5000, "é" * 40, "\udcff", "../../etc/passwd"])
def test_nothing_but_the_token_matches(store: Store, candidate: str):
    store.settings.calendar_token()
    assert not store.settings.calendar_token_matches(candidate)


def test_no_token_matches_before_one_is_made_and_checking_makes_none(store: Store):
    assert not store.settings.calendar_token_matches("")
    assert store.settings.stored_calendar_token() is None


def test_a_near_miss_does_not_match(store: Store):
    token = store.settings.calendar_token()
    assert not store.settings.calendar_token_matches(token[:-1])
    assert not store.settings.calendar_token_matches(token + "x")
    assert not store.settings.calendar_token_matches(token.swapcase())


def test_delete_everything_drops_the_token_so_the_next_ask_makes_a_new_one(store: Store):
    add(store, "Acme")
    old = store.settings.calendar_token()
    delete_everything(store)
    assert store.settings.stored_calendar_token() is None
    assert not store.settings.calendar_token_matches(old)
    assert store.settings.calendar_token() != old


def test_a_restore_keeps_the_address_this_database_has(store: Store):
    add(store, "Acme")
    before_any_token = backup_now(store, FIXED_NOW)  # a backup made before the feed was ever used
    old = store.settings.calendar_token()
    with_old_token = backup_now(store, FIXED_NOW + timedelta(minutes=1))
    current = store.settings.regenerate_calendar_token()
    for source in (before_any_token.path, with_old_token.path):
        restore(store, source, FIXED_NOW + timedelta(minutes=5))
        assert store.settings.calendar_token() == current  # subscribed calendars keep working
        assert not store.settings.calendar_token_matches(old)  # a replaced address stays replaced


def test_an_address_erased_by_delete_everything_does_not_come_back_with_an_older_backup(store: Store):
    add(store, "Acme")
    old = store.settings.calendar_token()
    with_old_token = backup_now(store, FIXED_NOW)
    delete_everything(store)
    restore(store, with_old_token.path, FIXED_NOW + timedelta(minutes=5))
    assert store.settings.stored_calendar_token() is None
    assert not store.settings.calendar_token_matches(old)
    assert [i.company for i in store.interviews.find()] == ["Acme"]  # the rows came back, the address did not


def test_every_check_compares_two_digests_of_one_length_in_constant_time(store: Store, monkeypatch):
    token = store.settings.calendar_token()
    compared: list[tuple[int, int]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    for candidate in (token, token[:1], token[:-1] + "?", "", "x" * 5000):
        store.settings.calendar_token_matches(candidate)
    assert compared == [(32, 32)] * 5  # what was sent, right or wrong for however long, costs the same compare
