"""The sessions folder is not listed again while it is the same folder with the same names: a file
copied in, removed, or renamed over another (as a sync tool does) is seen by the next `list`, and
what a kept listing would hide (a link losing its target, a change within one clock tick) is never kept."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from tocht_cli.store import Store, checked, listing, write_session_file


@pytest.fixture
def store(settled_store):
    return settled_store


@pytest.fixture
def scans(store, monkeypatch) -> list[int]:
    """Each listing of the sessions folder."""
    seen: list[int] = []
    real = Store._listing

    def counting(self):
        seen.append(1)
        return real(self)

    monkeypatch.setattr(Store, "_listing", counting)
    return seen


def listed(store: Store) -> list[str]:
    """The names `list` shows, by a Store of the next command (each command makes its own)."""
    return sorted(r["name"] for r in Store(store.path).sessions())


def unkept(store: Store) -> list[str]:
    """The same, with no listing kept: what a full listing finds."""
    for path in (store.path.parent / "cache").glob("listing-*.json"):
        path.unlink()
    return listed(store)


def tick() -> None:
    """Past one tick of the file system's clock (the 2 s a real listing waits for)."""
    time.sleep(0.05)


def copy_in(store: Store, session_id: str, name: str) -> None:
    """A session file made elsewhere and copied into the folder, as by hand."""
    source = store.path.parent / f"{session_id}.json"
    write_session_file(source, {"id": session_id, "name": name, "created": "2027-01-01T10:00:00+01:00"}, [])
    shutil.copy(source, store.session_file(session_id))


def test_an_unchanged_folder_is_not_listed_again(store, scans):
    first = listed(store)
    assert len(scans) == 1
    assert listed(store) == first == ["Ontmoetingsdag", "Overleg"] and len(scans) == 1


def test_a_file_copied_in_by_hand_appears(store, scans):
    listed(store)
    tick()
    copy_in(store, "handmade", "Met de hand")
    assert listed(store) == ["Met de hand", "Ontmoetingsdag", "Overleg"] and len(scans) == 2
    assert listed(store) == unkept(store)


def test_a_file_removed_disappears(store, scans):
    gone = Store(store.path).sessions()[0]
    tick()
    store.session_file(gone["id"]).unlink()
    assert gone["name"] not in listed(store) and len(listed(store)) == 1


def test_a_file_a_sync_tool_renames_over_another_is_read_again(store, scans):
    copy_in(store, "synced", "Van de laptop")
    assert "Van de laptop" in listed(store)
    tick()
    temp = store.sessions_dir / ".synced.json.syncthing.tmp"
    temp.write_bytes(b"{damaged")
    os.replace(temp, store.session_file("synced"))  # what a sync tool does: write aside, rename over
    reader = Store(store.path)
    assert [r["name"] for r in reader.sessions()] == ["Overleg", "Ontmoetingsdag"]
    assert "damaged" in reader.unreadable[0] and len(scans) == 2


def test_a_file_the_list_does_not_name_is_read_every_time_even_edited_in_place(store, scans):
    copy_in(store, "handmade", "Met de hand")
    listed(store)
    tick()
    path = store.session_file("handmade")
    st = os.stat(store.sessions_dir)
    with open(path, "r+b") as fh:  # in place: the folder does not change
        text = fh.read()
        fh.seek(0)
        fh.write(text.replace(b"Met de hand", b"Met de voet"))
    assert listing.folder(store.sessions_dir) == (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    assert "Met de voet" in listed(store) and len(scans) == 1
    with open(path, "r+b") as fh:
        fh.write(b"}")
    reader = Store(store.path)
    reader.sessions()
    assert "damaged" in reader.unreadable[0] and len(scans) == 1
    assert path.read_bytes().startswith(b"}")  # reported, never written


def test_a_link_whose_target_can_go_is_never_kept(store, scans, tmp_path):
    target = tmp_path / "elders.json"
    write_session_file(target, {"id": "linked", "name": "Gelinkt", "created": "2027-01-01T10:00:00+01:00"}, [])
    store.session_file("linked").symlink_to(target)
    tick()
    assert "Gelinkt" in listed(store) and "Gelinkt" in listed(store) and len(scans) == 2
    target.unlink()  # the folder stays as it was
    assert "Gelinkt" not in listed(store)


def test_a_folder_changed_just_now_is_listed_again_next_time(store, scans, monkeypatch):
    monkeypatch.setattr(checked, "SETTLED_NS", 10**12)
    listed(store)
    listed(store)
    assert len(scans) == 2


def test_a_folder_put_in_place_of_another_is_listed(store, scans, tmp_path):
    listed(store)
    tick()
    restored = tmp_path / "backup"
    shutil.copytree(store.sessions_dir, restored)
    copy_in(store, "later", "Later")  # in the backup only: not in the folder it replaces
    shutil.move(store.session_file("later"), restored / "later.json")
    store.sessions_dir.rename(tmp_path / "old")
    restored.rename(store.sessions_dir)
    assert listed(store) == ["Later", "Ontmoetingsdag", "Overleg"] and len(scans) == 2


def test_a_new_list_is_listed_again(store, scans):
    listed(store)
    tick()
    store.create_session({"name": "Derde", "groups": ["tafel 1"]})
    assert listed(store) == ["Derde", "Ontmoetingsdag", "Overleg"] and len(scans) == 2


@pytest.mark.parametrize("content", [b"", b"[", b"{}", b"[1, 2]", b"\xff", b'{"index": 1, "folder": 2, "extra": [1], "missing": []}'])
def test_a_damaged_or_missing_listing_only_means_listing(store, scans, content):
    listed(store)
    (kept,) = (store.path.parent / "cache").glob("listing-*.json")
    kept.write_bytes(content)
    assert listed(store) == ["Ontmoetingsdag", "Overleg"] and len(scans) == 2


def test_a_kept_listing_with_wrong_ids_in_it_is_not_trusted(store, scans):
    listed(store)
    (kept,) = (store.path.parent / "cache").glob("listing-*.json")
    found = json.loads(kept.read_bytes())
    kept.write_text(json.dumps({**found, "missing": [7]}), encoding="utf-8")
    assert listed(store) == ["Ontmoetingsdag", "Overleg"] and len(scans) == 2
