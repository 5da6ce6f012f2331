"""An export's envelope checked in plain Python (sessions/envelope_rules.py) agrees with its pydantic models
(sessions/envelope.py): what one accepts the other accepts with the same contents, and a file the plain check
lets through is never one the models refuse. A rich export is changed one key at a time to hold them to it."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from tests.helpers.files import ROOT, load_json
from tocht_cli.sessions import envelope, envelope_rules

FULL = ROOT / "tests" / "data" / "full-session.json"
DEVICE = "0123456789abcdef01234567"
ROOM_ANSWER = {"group": "tafel 1", "at": "2017-09-07T11:00:00+02:00", "device": DEVICE}


def rich() -> dict[str, Any]:
    """The full session of tests/data with every part an export can hold: a room's answers and lists, a
    follow-up round, sources, attendance, a k and audiences, an answer outside the kit."""
    doc = load_json(FULL)
    doc["session"].update(
        attendance={"tafel 1": {"organisations": ["CC Strombeek"], "people": 6}},
        merged_from=[{"id": "a1", "name": "Zaal A", "date": "2017-09-07", "groups": ["tafel 1"]}, {"id": "b2", "name": "B", "date": ""}],
        min_votes=3,
        audience={"stellingen": "network"},
        followup={"from": [{"id": "e1", "name": "Eerder", "date": "2017-01-01"}], "steps": []},
        **{"from": {"id": "e1", "name": "Eerder", "date": "2017-01-01"}},
    )
    doc["outside_kit"] = [{"exercise": "dansen", "item": "Z1", "group": "tafel 2", "value": {"note": "weg"}, "at": "2017-09-07T12:00:00Z"}]
    doc["ballots"] = [
        {"exercise": "stellingen", "item": "A1", "value": {"position": "eens", "argument": "omdat"}, **ROOM_ANSWER, "name": "An"},
        {"exercise": "stellingen", "item": "A2", "value": {"position": "oneens"}, **ROOM_ANSWER, "hidden": True},
        {"exercise": "bingo", "item": "_", "value": {"crossed": ["bingo-1"], "won_at": None}, **ROOM_ANSWER},
        {"exercise": "regio-room", "item": "room", "value": {"proposed": ["Te weinig tijd"], "up": []}, **ROOM_ANSWER},
    ]
    doc["lists"] = {"merged": {"regio-room/room#te weinig tijd": "tijd"}, "hidden": ["regio-room/room#iets"]}
    doc["opinions"] = {"stellingen": {"groups": []}}
    return doc


def by_models(doc: dict[str, Any], run) -> envelope_rules.Contents | None:
    context: dict[str, Any] = {"kits": run.kits}
    try:
        return envelope.Envelope.model_validate(doc, context=context).contents(context["kit"])
    except ValidationError:
        return None


def plainly(doc: dict[str, Any], run) -> envelope_rules.Contents | None:
    return envelope_rules.contents(json.dumps(doc, ensure_ascii=False), doc, {"kits": run.kits})


def same(plain: envelope_rules.Contents, models: envelope_rules.Contents) -> bool:
    """The same contents, keys in the same order (what the session file is written from)."""
    dumped = [json.dumps(part, ensure_ascii=False) for part in (plain.session, plain.answers, plain.ballots, plain.lists)]
    return dumped == [json.dumps(part, ensure_ascii=False) for part in (models.session, models.answers, models.ballots, models.lists)]


ODD = [None, True, 0, 7, -1, 1.5, "", " x", "x", "a\x1b[2J", "tafel 1", "2017-09-07", [], ["tafel 1"], {}, {"x": 1}, "\ud800"]


def places(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in `node`, at most one entry of each list but the session's groups deep."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*at, key))
    elif isinstance(node, list):
        for n, value in enumerate(node[:2]):
            yield from places(value, (*at, n))


def changes(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rich export with one thing changed: a value replaced by an odd one, a key left out or one added
    (not the format and its version: exchange.parse checks those before either)."""
    for at in list(places(doc))[1:]:
        if at in (("format",), ("version",)):
            continue
        for odd in (*ODD, "removed", "added"):
            changed = copy.deepcopy(doc)
            parent = changed
            for key in at[:-1]:
                parent = parent[key]
            if odd == "removed":
                del parent[at[-1]]
            elif odd == "added":
                if not isinstance(parent[at[-1]], dict):
                    continue
                parent[at[-1]]["colour"] = "rood"
            else:
                parent[at[-1]] = copy.deepcopy(odd)
            yield f"{at} {odd!r}", changed


def test_a_rich_export_passes_both_ways_with_the_same_contents(run):
    doc = rich()
    plain, models = plainly(doc, run), by_models(doc, run)
    assert plain is not None and models is not None
    assert same(plain, models) and plain.kit.name == models.kit.name == "tocht-2017"
    assert [b.get("hidden") for b in plain.ballots] == [None, True, None, None] and plain.outside[0]["exercise"] == "dansen"


def test_the_plain_check_never_lets_through_what_the_models_refuse(run):
    """Each of some thousands of changed exports: refused by the plain check, or the same contents both ways."""
    checked = disagreements = 0
    for name, doc in changes(rich()):
        plain = plainly(doc, run)
        if plain is None:
            continue
        models = by_models(doc, run)
        checked += 1
        assert models is not None, f"the plain check lets through {name}, which the models refuse"
        disagreements += not same(plain, models)
        assert same(plain, models), name
    assert checked > 100 and disagreements == 0  # the plain check accepts many of them (a changed note, an id…)


@pytest.mark.parametrize("problem", ["repeated key", "surrogate"])
def test_what_the_plain_check_doubts_goes_to_the_models(cli, tmp_path, problem):
    doc = rich()
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace('"place"', '"place": "x", "place"', 1) if problem == "repeated key" else text.replace("omdat", "omdat \\ud800")
    path = tmp_path / "import.json"
    path.write_text(text, encoding="utf-8")
    refused = cli("import", str(path), ok=False)
    assert refused.exit_code == 4 and ("given twice" in refused.stderr or "ballots[0].value" in refused.stderr), refused.stderr


def test_a_valid_import_builds_no_pydantic_model(tmp_path):
    """The common case stays cheap: pydantic is not even imported (once the kit cache is warm, as it is after
    a first command: a kit read from its TOML is validated by pydantic)."""
    probe = (
        "import sys\n"
        "from tocht_cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('pydantic' in sys.modules)\n"
    )
    env = {"TOCHT_DB": str(tmp_path / "db" / "tocht.json"), "TOCHT_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    argv = [sys.executable, "-c", probe, "import", str(FULL), "--yes"]
    first, again = (subprocess.run(argv, env=env, capture_output=True, text=True, check=True) for _ in range(2))
    assert first.stdout.splitlines()[-1] == "True", first.stderr  # the probe sees a pydantic that is imported
    assert again.stdout.splitlines()[-1] == "False", again.stderr
