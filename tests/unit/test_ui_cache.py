"""The one read path (lib.ui.cache): reads and derived values keyed by the data version, never stale or shared."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import streamlit as st

from lib.store import Store
from lib.store.interviews import Interviews
from lib.ui import cache
from tests.factories import FIXED_NOW, ROOT, build_interview


@pytest.fixture(autouse=True)
def app_database(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> Path:
    """The database the cache reads is the one DEBRIEF_DB names; caches are process-global."""
    monkeypatch.setenv("DEBRIEF_DB", str(db_path))
    monkeypatch.setenv("DEBRIEF_NOW", FIXED_NOW.isoformat())
    st.cache_data.clear()
    st.cache_resource.clear()
    yield db_path
    st.cache_data.clear()
    st.cache_resource.clear()


def count_calls(monkeypatch: pytest.MonkeyPatch, group: type, method: str) -> list[int]:
    """Count how often the store really runs `method` of a group (its SQL), through any Store instance."""
    calls: list[int] = []
    real = getattr(group, method)

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(group, method, counted)
    return calls


def test_a_write_bumps_the_version_and_the_next_read_sees_it():
    before = cache.data_version()
    assert cache.data().interviews.count() == 0
    cache.store().interviews.save(build_interview(), now=FIXED_NOW)
    assert cache.data_version() > before
    assert cache.data().interviews.count() == 1
    assert [i.company for i in cache.data().interviews.find(limit=5)] == ["Acme Analytics"]


def test_a_read_at_the_same_version_does_not_run_its_sql_again(monkeypatch: pytest.MonkeyPatch):
    cache.store().interviews.save(build_interview(), now=FIXED_NOW)
    calls = count_calls(monkeypatch, Interviews, "find")
    first = cache.data().interviews.find(limit=5)
    again = cache.data().interviews.find(limit=5)
    assert len(calls) == 1
    assert again == first
    cache.data().interviews.find(limit=1)  # other arguments: another entry
    assert len(calls) == 2


def test_a_derived_value_is_computed_once_per_version(monkeypatch: pytest.MonkeyPatch):
    runs: list[int] = []

    @cache.derived()
    def companies_upper(store: Store, *, suffix: str = "") -> list[str]:
        runs.append(1)
        return [name.upper() + suffix for name in store.interviews.companies()]

    assert companies_upper() == []
    assert companies_upper() == []
    assert len(runs) == 1
    cache.store().interviews.save(build_interview(), now=FIXED_NOW)
    assert companies_upper(suffix="!") == ["ACME ANALYTICS!"]
    assert companies_upper(suffix="!") == ["ACME ANALYTICS!"]
    assert len(runs) == 2


def test_a_value_of_scores_alone_survives_a_step_mark_but_not_a_save(monkeypatch: pytest.MonkeyPatch):
    from lib.domain.steps import StepMark, StepStatus
    from lib.domain.trends import TrendFilter
    from lib.ui.trends import _score_rows
    calls = count_calls(monkeypatch, Interviews, "score_rows")
    interview_id = cache.store().interviews.save(build_interview(), now=FIXED_NOW)
    assert len(_score_rows(TrendFilter())) == 1
    cache.store().follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, FIXED_NOW.date()))
    assert len(_score_rows(TrendFilter())) == 1 and len(calls) == 1  # Trends' rows: still cached
    cache.store().interviews.save(build_interview(company="Globex"), now=FIXED_NOW)
    assert len(_score_rows(TrendFilter())) == 2 and len(calls) == 2


def test_two_derived_functions_never_share_an_entry():
    @cache.derived()
    def first(store: Store, n: int) -> str:
        return f"first {n}"

    @cache.derived()
    def second(store: Store, n: int) -> str:
        return f"second {n}"

    assert (first(1), second(1), first(1), second(1)) == ("first 1", "second 1", "first 1", "second 1")


def test_a_shared_derived_value_is_one_object_for_every_reader():
    @cache.derived(shared=True)
    def open_ids(store: Store) -> tuple[int, ...]:
        return tuple(i.id for i in store.interviews.open())

    @cache.derived()
    def copied(store: Store) -> list[int]:
        return [i.id for i in store.interviews.open()]

    assert open_ids() is open_ids()
    assert copied() == copied() and copied() is not copied()  # st.cache_data hands each reader a copy


@pytest.mark.parametrize("query", ["follow_up.mark", "interviews.save", "settings.form_draft", "coaching.add_action"])
def test_a_write_or_an_unversioned_read_is_refused_by_the_cached_read_path(query: str):
    group, method = query.split(".")
    with pytest.raises(TypeError, match="not a cached read"):
        getattr(getattr(cache.data(), group), method)


def test_every_store_method_that_writes_is_marked_never_cached():
    """A write added to a group later cannot slip into the cache: opening a write marks the method."""
    unmarked = []
    for group in ("interviews", "follow_up", "coaching", "settings"):
        source = (ROOT / "lib" / "store" / f"{group}.py").read_text()
        for cls in (n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)):
            for method in (n for n in cls.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")):
                body = ast.get_source_segment(source, method) or ""
                writes = "_db.write(" in body or "self._save(" in body or "db.atomic()" in body
                marked = any(getattr(d, "id", None) == "never_cached" for d in method.decorator_list)
                if writes and not marked:
                    unmarked.append(f"{group}.{method.name}")
    assert unmarked == []
