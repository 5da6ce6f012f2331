"""`tocht list` shows from the overview kept per version of the list's cache exactly what the records
themselves give, whatever the records hold; any change to the list's cache makes it again."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.examples import examples
from tocht_cli.base.dates import shown_date
from tocht_cli.sessions.creation import kit_languages, listed_columns
from tocht_cli.store import SCHEMA, Store, checked, write_session_file


def rows_from_records(store: Store, marked: str | None) -> list[tuple[str, ...]]:
    """The list's rows as they were made before the overview: from every record, sorted."""
    language = kit_languages()
    sessions = sorted(store.sessions(), key=lambda s: (s.get("date", ""), s.get("created", "")), reverse=True)
    return [
        (
            "*" if s["id"] == marked else "",
            s["id"],
            shown_date(s.get("date", ""), language(s.get("kit") or {})),
            s["name"],
            s.get("place", ""),
            str(len(s.get("groups") or ())),
            (s.get("kit") or {}).get("name") or "",
        )
        for s in sessions
    ]


def rows_from_overview(store: Store, marked: str | None) -> list[tuple[str, ...]]:
    return list(zip(*listed_columns(store.overview(), marked), strict=True))


def kept(store: Store) -> list[Path]:
    return list((store.path.parent / "cache").glob("overview-*.json"))


ids = st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6"])
records = st.fixed_dictionaries(
    {"id": ids, "name": st.sampled_from(["Overleg", "Café ☕", "x" * 30])},
    optional={
        "date": st.sampled_from(["2027-01-15", "2026-12-31", "1999-01-01"]),
        "created": st.sampled_from(["2027-01-01T10:00:00+01:00", "2027-01-01T11:00:00+01:00", ""]),
        "place": st.sampled_from(["", "Strombeek", "Gent"]),
        "groups": st.lists(st.sampled_from(["tafel 1", "tafel 2"]), max_size=2),
        "kit": st.sampled_from([{}, {"name": "tocht-2017", "version": "1.0.0", "path": None}, {"name": None}, {"path": "/nergens"}]),
        "facilitator": st.just("An"),
    },
)


def database(folder: Path, listed: list[dict], files: set[str], own: list[dict]) -> Store:
    """A database whose list's cache holds `listed` (ids may repeat), with a session file for each id
    in `files`, and files of their own (not in the list) for `own`."""
    db = folder / "tocht.json"
    index = {"meta": {"1": {"schema": SCHEMA, "kind": "index"}}, "sessions": {str(n): r for n, r in enumerate(listed, 1)}}
    db.write_text(json.dumps(index), encoding="utf-8")
    store = Store(db)
    store.sessions_dir.mkdir()
    by_id = {r["id"]: r for r in reversed(listed)}
    for session_id in files:
        write_session_file(store.session_file(session_id), {"created": "", **by_id.get(session_id, {"name": "?"}), "id": session_id}, [])
    for record in own:
        write_session_file(store.session_file("own" + record["id"]), {"created": "", **record, "id": "own" + record["id"]}, [])
    return store


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    st.lists(records, max_size=8),
    st.sets(ids),
    st.lists(records, max_size=2, unique_by=lambda r: r["id"]),
    st.sampled_from([None, "a1", "c3"]),
)
def test_the_overview_shows_what_the_records_give(monkeypatch, listed, files, own, marked):
    monkeypatch.setattr(checked, "SETTLED_NS", 0)
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setenv("TOCHT_CACHE_DIR", os.path.join(folder, "cache"))
        store = database(Path(folder), listed, files, own)
        expected = rows_from_records(store, marked)
        assert rows_from_overview(store, marked) == expected  # made from the records, and kept
        assert kept(store) or not expected
        assert rows_from_overview(Store(store.path), marked) == expected  # from the kept overview


@pytest.fixture
def store(isolated_db, monkeypatch):
    monkeypatch.setattr(checked, "SETTLED_NS", 0)  # the list was just written: count it as settled
    made = Store(isolated_db)
    for name in ("Overleg", "Ontmoetingsdag"):
        made.create_session({"name": name, "date": "2027-01-15", "groups": ["tafel 1"], "kit": {"name": "tocht-2017"}})
    return made


def test_list_shows_the_same_from_the_kept_overview(cli, store):
    first = cli("list").stdout
    assert kept(store)
    assert cli("list").stdout == first and "15 januari 2027" in first


def test_the_list_is_read_itself_once_an_overview_is_kept(store, monkeypatch):
    store.overview()

    def unread(self, before):
        raise AssertionError("the list's cache parsed")

    monkeypatch.setattr(Store, "_cached_records", unread)
    assert sorted(Store(store.path).overview().name) == ["Ontmoetingsdag", "Overleg"]


def test_a_renamed_session_shows_its_new_name(cli, store):
    cli("list")
    cli("rename", "Overleg", "Werkoverleg")
    assert "Werkoverleg" in cli("list").stdout


def test_a_list_changed_in_place_with_the_same_size_and_mtime_is_read_again(store):
    store.overview()
    st_before = os.stat(store.path)
    text = store.path.read_bytes()
    changed = text.replace(b'"name":"Overleg"', b'"name":"Overlag"', 1)
    assert len(changed) == len(text) and changed != text
    with open(store.path, "r+b") as fh:  # in place: the same inode and size; only the ctime tells
        fh.write(changed)
    os.utime(store.path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    assert "Overlag" in Store(store.path).overview().name


def test_a_list_changed_just_now_is_not_kept(store, monkeypatch):
    monkeypatch.setattr(checked, "SETTLED_NS", 10**12)
    store.overview()
    assert not kept(store)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"[",
        b"{}",
        b'{"index": [], "columns": {}}',
        "SHORT_COLUMN",
        "WRONG_TYPE",
    ],
)
def test_a_damaged_overview_only_means_reading_the_list(store, damage):
    store.overview()
    (path,) = kept(store)
    found = json.loads(path.read_bytes())
    if damage == "SHORT_COLUMN":
        found["columns"]["name"] = found["columns"]["name"][:1]
        damage = json.dumps(found).encode()
    elif damage == "WRONG_TYPE":
        found["columns"]["groups"] = [True, "1"]
        damage = json.dumps(found).encode()
    path.write_bytes(damage)
    fresh = Store(store.path).overview()
    assert sorted(fresh.name) == ["Ontmoetingsdag", "Overleg"] and fresh.groups == [1, 1]


def test_a_kit_without_a_name_is_listed_with_an_empty_kit(cli, store):
    index = json.loads(store.path.read_text(encoding="utf-8"))
    index["sessions"]["1"]["kit"] = {"name": None}
    store.path.write_text(json.dumps(index), encoding="utf-8")
    assert "Overleg" in cli("list").stdout
