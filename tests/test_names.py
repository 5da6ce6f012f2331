"""The name index: `new` and `import` find a namesake or an earlier import by one key, whatever the archive's size,
and the index is never trusted blindly (a file copied in, a damaged bucket, a rename, a delete)."""

from __future__ import annotations

import json
import shutil

import pytest

from tocht_cli.store import Store
from tocht_cli.store.names import name_key, origin_key


@pytest.fixture
def store(isolated_db):
    return Store(isolated_db)


def make(store: Store, name: str, **extra) -> str:
    return store.create_session({"name": name, "groups": ["g"], "kit": {"name": "tocht-2017"}, **extra})["id"]


def no_listing(monkeypatch):
    """Looking through the list (what grows with the archive) fails the test."""

    def listed(self):
        raise AssertionError("the list was read")

    monkeypatch.setattr(Store, "overview", listed)
    monkeypatch.setattr(Store, "sessions", listed)


def test_a_namesake_is_found_by_one_key_without_reading_the_list(store, monkeypatch):
    first = make(store, "Ontmoetingsdag één")
    make(store, "Iets anders")
    no_listing(monkeypatch)
    assert [r["id"] for r in store.indexed(name_key("ontmoetingsdag  EEN"))] == [first]
    assert store.indexed(name_key("Nog niet gebruikt")) == []


def test_new_warns_of_a_namesake_through_the_index(cli, monkeypatch):
    cli("new", "Overleg", "-g", "tafel 1")
    no_listing(monkeypatch)
    result = cli("new", "overleg", "-g", "tafel 1", ok=False)
    assert result.exit_code == 6 and "there is a session named 'overleg' already" in result.stderr


def test_import_finds_the_export_here_already_through_the_index(cli, monkeypatch, tmp_path):
    sid = cli("new", "Overleg", "-g", "tafel 1").stdout.strip()
    exported = tmp_path / "e.json"
    cli("export", sid, "-f", "json", "-o", str(exported))
    copy = cli("import", str(exported), "--name", "Kopie").stdout.strip()
    no_listing(monkeypatch)
    result = cli("import", str(exported), ok=False)
    assert result.exit_code == 6 and "is here already" in result.stderr
    assert sid in result.stderr and copy in result.stderr


def test_a_file_copied_in_makes_the_index_stale_until_the_next_new_rebuilds_it(store, isolated_db, tmp_path):
    other = Store(tmp_path / "elders" / "tocht.json")
    copied = make(other, "Van elders")
    make(store, "Hier")
    shutil.copy(other.session_file(copied), store.session_file(copied))  # as a sync tool would
    assert store.indexed(name_key("Van elders")) is None  # not trusted: the caller looks through the list
    make(store, "Nog een")  # rebuilt from the list's records and the files it does not name
    assert [r["id"] for r in store.indexed(name_key("van elders"))] == [copied]


def test_a_rename_moves_the_session_to_its_new_name(store):
    sid = make(store, "Oud")
    store.update_session(sid, lambda r: {**r, "name": "Nieuw"})
    assert store.indexed(name_key("Oud")) == []
    assert [r["id"] for r in store.indexed(name_key("nieuw"))] == [sid]


def test_a_deleted_session_leaves_the_index(store):
    sid = make(store, "Weg")
    store.delete_session(sid)
    assert store.indexed(name_key("Weg")) == [] and store.indexed(origin_key(sid)) == []


def test_an_entry_whose_record_no_longer_bears_the_key_is_not_believed(store):
    sid = make(store, "Echt")
    store.names.add([{"id": sid, "name": "Verzonnen"}])  # an index that names more than is so
    assert store.indexed(name_key("Verzonnen")) == []


def test_a_damaged_bucket_is_no_error_and_is_rebuilt(store, cli):
    make(store, "Overleg")
    bucket = store.names._bucket_path(name_key("Overleg"))
    bucket.write_bytes(b"{not json")
    assert store.indexed(name_key("Overleg")) is None
    assert cli("new", "overleg", "-g", "t", ok=False).exit_code == 6  # found through the list meanwhile
    cli("new", "overleg", "-g", "t", "--yes")  # the damaged bucket cannot take it: stale, so the next new rebuilds
    cli("new", "Vierde", "-g", "t")
    assert len(json.loads(bucket.read_bytes())[name_key("Overleg")]) == 2
    assert len(store.indexed(name_key("Overleg"))) == 2


def test_doctor_repair_rebuilds_a_damaged_bucket(store, cli):
    make(store, "Overleg")
    store.names._bucket_path(name_key("Overleg")).write_bytes(b"[]")
    assert "rebuilt the index of session names" in cli("doctor", "--repair", "--yes").stderr
    assert len(store.indexed(name_key("Overleg"))) == 1


def test_doctor_repair_rebuilds_a_stale_index(store, cli):
    make(store, "Overleg")
    (store.names.folder / "state.json").unlink()
    assert store.indexed(name_key("Overleg")) is None
    result = cli("doctor", "--repair", "--yes")
    assert "rebuilt the index of session names" in result.stderr
    assert [r["name"] for r in store.indexed(name_key("overleg"))] == ["Overleg"]


def test_the_index_is_one_of_the_database_files_no_output_may_replace(store):
    make(store, "Overleg")
    assert store.protects(store.names.folder / "state.json")
    assert store.protects(store.names._bucket_path(name_key("Overleg")))
