"""The list's cache is checked once per version of the file: later reads of the same file skip the checks,
and any change to it, even one that keeps its size and mtime, is checked again."""

from __future__ import annotations

import pytest

import tocht_cli.store as store_module
from tests.helpers.calls import recorded
from tests.helpers.files import damaged_in_place
from tocht_cli.store import Store, checked
from tocht_cli.store.storage import DamagedDatabase


@pytest.fixture
def store(settled_store):
    return settled_store


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The records checked one by one."""
    return recorded(monkeypatch, store_module, "checked_record", lambda doc, path: doc.get("name"))


def test_a_list_that_passed_is_not_checked_again(store, checks):
    first = store.sessions()
    assert sorted(checks) == ["Ontmoetingsdag", "Overleg"]
    checks.clear()
    assert store.sessions() == first and checks == []


def test_a_change_that_keeps_size_and_mtime_is_still_checked(store, checks, isolated_db):
    store.sessions()
    damaged_in_place(isolated_db, b'"name":"Overleg"', b'"name":123456789')
    with pytest.raises(DamagedDatabase, match="'name' is a int"):
        Store(isolated_db).sessions()  # as the next command would (a Store keeps the file it read last)


def test_a_damaged_list_is_never_taken_as_checked(store, isolated_db, checks):
    text = isolated_db.read_bytes().replace(b'"name":"Overleg"', b'"name":" "', 1)
    isolated_db.write_bytes(text)
    for _ in range(2):
        with pytest.raises(DamagedDatabase, match="empty or overlong name"):
            store.sessions()


def test_a_list_changed_just_now_is_checked_again_next_time(store, checks, monkeypatch):
    monkeypatch.setattr(checked, "SETTLED_NS", 10**12)
    store.sessions()
    checks.clear()
    store.sessions()
    assert len(checks) == 2


def test_new_checks_check_again(store, checks, monkeypatch):
    store.sessions()
    checks.clear()
    monkeypatch.setattr(checked, "__version__", "another")
    store.sessions()
    assert len(checks) == 2


@pytest.mark.parametrize("content", [b"", b"[", b"{}", b"[1, 2]", b"\xff"])
def test_a_damaged_or_missing_cache_only_means_checking(store, checks, content):
    store.sessions()
    (kept,) = [p for p in (store.path.parent / "cache").glob("checked-*.json")] or [None]
    assert kept is not None
    kept.write_bytes(content)
    checks.clear()
    store.sessions()
    assert len(checks) == 2
