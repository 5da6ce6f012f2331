"""Two laptops that sync their sessions through the real Syncthing (issue 20 §5): a session changed on both
while they are apart comes back as a conflict copy, which `list` and `doctor` name and `doctor --repair` merges
without losing either side; the merge then syncs back to the other laptop.

Needs Debian's `syncthing` (`.ci/run` installs it); two instances on 127.0.0.1, nothing leaves the machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import syncthing
from tests.helpers.syncthing import Instance, wait_for

pytestmark = [
    pytest.mark.syncthing,
    pytest.mark.skipif(syncthing.BINARY is None, reason="syncthing is not installed (apt-get install syncthing; .ci/run does)"),
]


def copies(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".sync-conflict-" in p.name)


def synced(a: Instance, b: Instance) -> bool:
    """Both scanned, and each has everything the other has."""
    return a.in_sync_with(b) and b.in_sync_with(a)


def saved_by(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["saved_by"]


def test_a_session_changed_on_two_laptops_apart_merges_back_field_by_field(cli, tmp_path, monkeypatch):
    laptop_a, laptop_b = tmp_path / "a" / "tocht.json", tmp_path / "b" / "tocht.json"
    on_a = lambda *args, **kw: cli("--db", str(laptop_a), *args, **kw)  # noqa: E731

    def on_b(*args, **kw):
        with monkeypatch.context() as elsewhere:  # laptop b is another installation: its own cache folder, its own label
            elsewhere.setenv("TOCHT_CACHE_DIR", str(tmp_path / "b-cache"))
            return cli("--db", str(laptop_b), *args, **kw)

    session = on_a("new", "Netwerk juni", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    on_a("steps", "set", "1", "--action", "Affiche maken", "--who", "An", "-g", "tafel 1")
    folder_a, folder_b = laptop_a.with_name("tocht.sessions"), laptop_b.with_name("tocht.sessions")
    name = f"{session}.json"
    laptop_a_label = saved_by(folder_a / name)["laptop"]

    with syncthing.pair(tmp_path, folder_a, folder_b) as (a, b):
        a.scan()
        wait_for(
            lambda: (folder_b / name).exists() and (folder_b / name).read_bytes() == (folder_a / name).read_bytes(),
            "the session on b",
            a,
            b,
        )
        assert [s["name"] for s in json.loads(on_b("list", "--json").stdout)] == ["Netwerk juni"]

        a.pause(b), b.pause(a)  # the laptops apart: each changes the session on its own
        on_a("steps", "set", "1", "--who", "Bart", "-g", "tafel 1", "-s", session)
        on_a("steps", "set", "2", "--action", "Zaal boeken", "-g", "tafel 1", "-s", session)
        on_b("steps", "set", "1", "--who", "Chris", "--status", "bezig", "-g", "tafel 1", "-s", session)
        on_b("steps", "set", "3", "--action", "Pers", "-g", "tafel 2", "-s", session)
        assert saved_by(folder_b / name)["laptop"] != laptop_a_label  # each laptop stamps what it saves
        a.scan(), b.scan()
        b.resume(a), a.resume(b)  # b listens before a dials
        wait_for(
            lambda: bool(copies(folder_a)) and copies(folder_a) == copies(folder_b) and synced(a, b), "the conflict copy on both", a, b
        )

        (copy,) = copies(folder_a)
        listed = on_a("list")
        steps_in_copy = json.loads((folder_a / copy).read_text(encoding="utf-8"))["answers"].values()
        from_a = any(doc["value"].get("who") == "Bart" for doc in steps_in_copy)  # whichever side Syncthing kept as the copy
        assert (saved_by(folder_a / copy)["laptop"] == laptop_a_label) == from_a  # the copy names who typed it
        said = "this laptop (" if from_a else "laptop '"
        assert f"{copy} is a conflict copy of session {session} 'Netwerk juni' (Syncthing, saved on {said}" in listed.stderr
        (found,) = json.loads(on_a("doctor", "--json", ok=False).stdout)["findings"]
        assert found["kind"] == "conflict" and found["conflict"]["tool"] == "syncthing" and found["conflict"]["device"]
        assert on_a("doctor", "--repair", "--yes", ok=False).exit_code == 6  # "who" was changed on both: asked, or --prefer

        on_a("doctor", "--repair", "--yes", "--prefer", "both")
        plan = json.loads(on_a("steps", "-s", session, "--json").stdout)
        who = plan["tafel 1"]["stap-1"]["who"]
        assert who in ("Bart / Chris", "Chris / Bart") and plan["tafel 1"]["stap-1"]["status"] == "bezig"
        assert plan["tafel 1"]["stap-2"]["action"] == "Zaal boeken" and plan["tafel 2"]["stap-3"]["action"] == "Pers"

        a.scan()  # the merge and the copy's removal go back to laptop b
        wait_for(lambda: not copies(folder_b) and (folder_b / name).read_bytes() == (folder_a / name).read_bytes(), "the merge on b", a, b)
        assert json.loads(on_b("doctor", "--json").stdout)["healthy"]
        assert json.loads(on_b("steps", "-s", session, "--json").stdout) == plan
