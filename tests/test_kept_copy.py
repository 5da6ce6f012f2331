"""A follow-up whose earlier meeting was deleted keeps a copy of every answer of it (`sessions/kept.py`):
compare, "What has changed?", the walk's "last time" and an export read it as they read the live meeting."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import Facilitator
from tests.helpers.files import answers_file
from tests.helpers.terminal import Terminal
from tocht_cli.base.errors import ExitCode


def sid(result) -> str:
    return result.stdout.strip()


@pytest.fixture
def deleted(cli):
    """The trial's case: A votes A3 "eens" and plans step 1; B follows up, votes A3 "oneens" and does step 1;
    compare B as it read with A still there; then A is deleted. Returns (A's id, B's id, that comparison)."""
    a = sid(cli("new", "Vergadering A", "--date", "2027-01-10"))
    cli("statements", "vote", "A3", "-p", "eens", "--agree", "5", "--disagree", "1")
    cli("steps", "set", "1", "--action", "kennismakingsavond", "--who", "Els", "--status", "gepland")
    b = sid(cli("new", "Vergadering B", "--date", "2027-06-10", "--from", a))
    cli("statements", "vote", "A3", "-p", "oneens", "--agree", "1", "--disagree", "5")
    cli("steps", "set", "1", "--status", "gedaan")
    live = json.loads(cli("compare", b, "--json").stdout)
    cli("delete", a, "--yes")
    return a, b, live


def test_compare_after_the_delete_reads_the_statements_as_against_the_live_meeting(cli, deleted):
    _, b, live = deleted
    kept = json.loads(cli("compare", b, "--json").stdout)
    found = {(c["exercise"], c["item"][:2], c["what"], c["before"], c["after"]) for c in kept["changes"]}
    assert ("stellingen", "A3", "Standpunt", "eens", "oneens") in found
    assert any(c["what"] == "Status" and (c["before"], c["after"]) == ("gepland", "gedaan") for c in kept["changes"])
    assert kept == live
    said = cli("compare", b)
    assert "Standpunt: eens → oneens" in said.stdout and "Er is niets veranderd" not in said.stdout


def test_the_markdown_export_after_the_delete_has_the_statements_change(cli, deleted):
    _, b, _ = deleted
    changes = cli("export", b, "--format", "md").stdout.split("## Wat is er veranderd?")[1].split("\n## ")[0]
    assert "vergeleken met de kopie van haar antwoorden die deze vergadering bewaarde" in changes
    assert "| Standpunt | eens | oneens |" in changes and "| Status | gepland | gedaan |" in changes


def test_the_walk_after_the_delete_offers_last_times_answer(keyed, cli):
    a = sid(cli("new", "Vergadering A"))
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "1", "--disagree", "5")
    sid(cli("new", "Vergadering B", "--from", a))
    cli("delete", a, "--yes")
    room = Facilitator()
    room.begin()
    room.sees("Wat is het standpunt")
    room.stop_with_ctrl_c()
    said = keyed(room.keys, "run", "-e", "stellingen", code=130, screen=Terminal(100, 30)).stdout
    assert "vorige keer: oneens\n? Wat is het standpunt" in said  # A1: deleting A took none of it away


def test_an_export_of_the_follow_up_keeps_the_copy_and_its_import_compares_alike(cli, deleted, tmp_path):
    _, b, live = deleted
    doc = json.loads(cli("export", b, "--format", "json").stdout)
    assert {a["item"] for a in doc["session"]["kept"]["answers"]} >= {"A3"}
    (tmp_path / "b.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    copy = sid(cli("import", str(tmp_path / "b.json"), "--yes"))
    assert json.loads(cli("compare", copy, "--json").stdout)["changes"] == live["changes"]
    doc["session"]["kept"] = {"groups": ["tafel 1"], "answers": [{"exercise": "stellingen"}]}
    (tmp_path / "bad.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    refused = cli("import", str(tmp_path / "bad.json"), "--yes", ok=False)
    assert refused.exit_code == ExitCode.INVALID_DATA and "Traceback" not in refused.stderr
    assert "expected the groups and answers of the earlier meeting" in refused.stderr


def test_a_follow_up_from_before_it_kept_every_answer_compares_on_what_it_carried(cli, deleted, isolated_db):
    """A file written when a follow-up kept only what it carried: compare reads those facts alone and says so."""
    _, b, _ = deleted
    path = next(p for p in answers_file(isolated_db) if p.stem == b)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for meta in doc["meta"].values():
        meta["record"].pop("kept", None)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    said = cli("compare", b)
    assert "(the answers it carried over)" in said.stderr
    assert "Status: gepland → gedaan" in said.stdout and "Standpunt" not in said.stdout
