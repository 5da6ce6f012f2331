"""Answers to items a kit no longer has (its folder edited after the meeting): kept, said, shown apart,
and an export of such a session imports again."""

from __future__ import annotations

import json

import pytest

from tests.helpers.files import load_json
from tocht_cli.kit import loader


def drop(kit, file: str, item: str) -> None:
    """Take one item out of a kit file: its `[[…]]` table with `id = "item"`, up to the next table."""
    path = kit / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id = "{item}"')
    start = text.rindex("[[", 0, start)
    end = text.find("\n[[", start + 2)
    path.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""), encoding="utf-8")
    loader._load_folder.cache_clear()  # as a new process would find it


@pytest.fixture
def edited(cli, kit_copy):
    """A two-table session whose kit lost statement A8 and role 9 after they were answered."""
    session = cli("--kit", str(kit_copy), "new", "Proef", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    cli("statements", "vote", "A8", "-g", "tafel 1", "-p", "eens", "--note", "belangrijk")
    cli("roles", "set", "9", "-g", "tafel 2", "--now", "programmator")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens")
    drop(kit_copy, "stellingen.toml", "A8")
    drop(kit_copy, "rollen.toml", "rol-9")
    return session


def test_show_says_so_and_lists_them_at_the_end(cli, edited):
    shown = cli("show", "--no-pager")
    assert "2 answers are to items kit tocht-2017 does not have" in shown.stderr
    assert "stellingen/A8 (tafel 1), rollen/rol-9 (tafel 2)" in shown.stderr
    tail = shown.stdout[shown.stdout.index("Antwoorden op items die deze kit niet (meer) heeft") :]
    assert "stellingen/A8 · tafel 1" in tail and "position: eens · note: belangrijk" in tail and "now: programmator" in tail
    only = cli("show", "--no-pager", "-g", "tafel 2", "-e", "rollen")
    assert "rol-9" in only.stdout and "A8" not in only.stdout and "rollen/rol-9 (tafel 2)" in only.stderr
    assert "does not have" not in cli("show", "--no-pager", "-e", "bingo").stderr


def test_the_summary_lists_them_too(cli, edited):
    summary = cli("export")
    assert "## Antwoorden op items die deze kit niet (meer) heeft" in summary.stdout
    assert "- **stellingen/A8 · tafel 1:** position: eens · note: belangrijk" in summary.stdout
    assert "listed apart" in summary.stderr


def test_an_export_of_such_a_session_imports_again_with_them(cli, edited, tmp_path):
    exported = tmp_path / "proef.json"
    cli("export", "-f", "json", "-o", str(exported))
    doc = load_json(exported)
    assert [(a["exercise"], a["item"]) for a in doc["outside_kit"]] == [("stellingen", "A8"), ("rollen", "rol-9")]
    assert [(a["exercise"], a["item"]) for a in doc["answers"]] == [("stellingen", "A1")]
    imported = cli("import", str(exported), "--name", "Terug", "--use")
    assert "2 answers are to items kit tocht-2017 does not have" in imported.stderr and "imported 3 answers" in imported.stderr
    again = tmp_path / "terug.json"
    cli("export", "-f", "json", "-o", str(again))
    assert load_json(again)["outside_kit"] == doc["outside_kit"] and load_json(again)["answers"] == doc["answers"]


def test_outside_the_kit_is_only_where_the_export_put_it(cli, edited, tmp_path):
    """A typo in `answers` is still refused: only answers the export itself set apart are kept unchecked."""
    exported = tmp_path / "proef.json"
    cli("export", "-f", "json", "-o", str(exported))
    doc = load_json(exported)
    doc["answers"].append({**doc["outside_kit"][0]})
    doc["outside_kit"].append({**doc["outside_kit"][0]})
    doc["outside_kit"][1]["value"] = "programmator"
    exported.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(exported), "--name", "Fout", ok=False)
    assert refused.exit_code == 4
    assert "answers[1].item: exercise stellingen has no item 'A8'" in refused.stderr
    assert "outside_kit[1].value: expected an object, got the text 'programmator'" in refused.stderr
    assert "outside_kit[2]: a second answer for stellingen/A8 of group 'tafel 1'" in refused.stderr
