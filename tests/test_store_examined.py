"""doctor keeps what it found per version of each file (store/examined.py): a checkup of an unchanged archive
reads no session file, one after a change reads only the changed file, and any change, even in place with the
same size and mtime, is seen."""

from __future__ import annotations

import json

import pytest

from tests.helpers.calls import recorded
from tests.helpers.files import damaged_in_place
from tocht_cli.store import Store, health


@pytest.fixture
def store(settled_store):
    return settled_store


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The session files the checkup read and checked whole, by id."""
    return recorded(monkeypatch, health, "_examined", lambda store, path: path.stem)


def ids(store: Store) -> list[str]:
    return sorted(r["id"] for r in store.sessions())


def test_an_unchanged_archive_is_not_read_again(store, reads):
    first = store.checkup()
    assert first.healthy and sorted(reads) == ids(store)
    reads.clear()
    again = Store(store.path).checkup()
    assert reads == [] and again.as_json() == first.as_json()


def test_a_changed_file_alone_is_read_again(store, reads):
    store.checkup()
    one = ids(store)[0]
    store.put_answer(one, "stellingen", "A3", "tafel 1", {"position": "eens"})
    reads.clear()
    report = Store(store.path).checkup()
    assert reads == [one] and report.healthy and report.answers == 1


def test_a_file_changed_in_place_with_the_same_size_and_mtime_is_seen(store, reads):
    store.checkup()
    path = store.session_file(ids(store)[0])
    damaged_in_place(path, b'"kind":"session"', b'"kind":"sessiom"')
    report = Store(store.path).checkup()
    assert [f.kind for f in report.findings] == ["damaged"] and f"{path.stem}.json" in report.findings[0].what


def test_answers_under_a_lost_group_are_said_on_every_checkup(store, reads):
    """A finding is kept as facts, not words: said again from what was kept, in the language of the day."""
    one = ids(store)[0]
    path = store.session_file(one)
    document = json.loads(path.read_bytes())
    document["answers"] = {"1": {"exercise": "stellingen", "item": "A3", "group": "tafel 9", "value": {}, "at": "2017-09-07"}}
    path.write_text(json.dumps(document), encoding="utf-8")
    first = Store(store.path).checkup()
    reads.clear()
    again = Store(store.path).checkup()
    assert [f.kind for f in again.findings] == ["answer-group"] == [f.kind for f in first.findings]
    assert reads == [] and again.as_json() == first.as_json()


def test_a_cache_written_a_moment_ago_is_read_again(store, reads, monkeypatch):
    """A file changed less than 2 s ago is not kept: a second change in the same clock tick could go unseen."""
    from tocht_cli.store import checked

    monkeypatch.setattr(checked, "SETTLED_NS", 10**12)
    store.checkup()
    reads.clear()
    Store(store.path).checkup()
    assert sorted(reads) == ids(store)


def test_a_session_listed_in_the_cache_that_disagrees_is_still_found(store, reads, isolated_db):
    store.checkup()
    reads.clear()
    text = isolated_db.read_bytes().replace(b'"name":"Overleg"', b'"name":"Overleg 2"', 1)
    isolated_db.write_bytes(text)
    report = Store(store.path).checkup()
    assert [f.kind for f in report.findings] == ["record"] and reads == []
