"""`tocht import`: the round trip, and malformed files refused whole with nothing written."""

from __future__ import annotations

import copy
import json

import pytest

from tests.helpers.files import ROOT, answers_file, load_json

FULL = ROOT / "tests" / "data" / "full-session.json"


def without_identity(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    del doc["session"]["id"], doc["session"]["name"]
    return doc


def test_round_trip_export_import_export(cli, tmp_path):
    first = cli("import", str(FULL)).stdout.strip()
    exported = cli("export", first, "-f", "json").stdout
    assert without_identity(json.loads(exported)) == without_identity(load_json(FULL))
    path = tmp_path / "again.json"
    path.write_text(exported, encoding="utf-8")
    second = cli("import", str(path), "--name", "Opnieuw ingelezen").stdout.strip()
    again = json.loads(cli("export", second, "-f", "json").stdout)
    assert again["session"]["id"] == second != first and again["session"]["name"] == "Opnieuw ingelezen"
    assert without_identity(again) == without_identity(json.loads(exported))


def test_import_from_stdin_and_json_output(cli):
    result = cli("import", "-", "--json", input=FULL.read_text(encoding="utf-8"))
    created = json.loads(result.stdout)
    assert created["name"] == "Ontmoetingsdag CC Strombeek" and "imported 118 answers" in result.stderr
    assert f"tocht use {created['id']}" in result.stderr
    assert cli("show", "--json", ok=False).exit_code == 3  # not silently the current session


def mutate(change):
    def build():
        doc = load_json(FULL)
        change(doc)
        return json.dumps(doc, ensure_ascii=False)

    return build


def answer(index: int, **fields):
    def change(doc):
        doc["answers"][index].update(fields)

    return mutate(change)


def session_field(**fields):
    return mutate(lambda doc: doc["session"].update(fields))


def value_of(item: str, value, group: str = "tafel 1"):
    def change(doc):
        found = next(a for a in doc["answers"] if a["item"] == item and a["group"] == group)
        found["value"] = value

    return mutate(change)


MALFORMED = {
    "empty file": (lambda: "", "not valid JSON"),
    "truncated": (lambda: FULL.read_text(encoding="utf-8")[:500], "not valid JSON"),
    "a list at the top": (lambda: "[]", "expected a JSON object"),
    "another format": (mutate(lambda d: d.update(format="tinydb")), "format: expected 'tocht-session'"),
    "no format": (mutate(lambda d: d.pop("format")), "format"),
    "newer format version": (mutate(lambda d: d.update(version=3)), "format version 3"),
    "version as text": (mutate(lambda d: d.update(version="1")), "format version '1'"),
    "unknown top-level key": (mutate(lambda d: d.update(extra=1)), "extra: unknown key"),
    "no session": (mutate(lambda d: d.pop("session")), "session: missing"),
    "no answers list": (mutate(lambda d: d.update(answers={})), "answers: expected a list"),
    "empty name": (session_field(name="  "), "session.name: a session's name needs visible characters"),
    "name not text": (session_field(name=42), "session.name: a session's name: expected text"),
    "impossible date": (session_field(date="2017-02-30"), "session.date"),
    "unknown session key": (session_field(colour="rood"), "session.colour: unknown key"),
    "no groups": (session_field(groups=[]), "session.groups: expected a non-empty list"),
    "group twice": (session_field(groups=["tafel 1", "Tafel 1", "tafel 2"]), "given twice"),
    "absurd number of groups": (session_field(groups=[f"g{i}" for i in range(500)]), "at most 100"),
    "unknown kit": (session_field(kit={"name": "geheim", "version": "1", "path": None}), "kit 'geheim' is not shipped"),
    "kit not an object": (session_field(kit="tocht-2017"), "session.kit: expected an object"),
    "kit with an unknown key": (
        session_field(kit={"name": "tocht-2017", "version": "1.0.0", "colour": 1}),
        "session.kit.colour: unknown key",
    ),
    "earlier session without a date": (session_field(**{"from": {"id": "a1", "name": "Eerder"}}), "session.from.date: missing"),
    "earlier session null": (
        session_field(**{"from": None}),
        "session.from: expected an object with the session's id, name and date, got null",
    ),
    "merged source with an escape": (
        session_field(merged_from=[{"id": "a1", "name": "E\x1b[2J", "date": ""}]),
        "session.merged_from[0].name: contains control characters",
    ),
    "unknown exercise": (answer(0, exercise="dansen"), "has no exercise 'dansen'"),
    "unknown item": (answer(30, item="Z9"), "has no item 'Z9'"),
    "unknown group": (answer(0, group="tafel 9"), "group 'tafel 9' is not one"),
    "answer not an object": (mutate(lambda d: d["answers"].append("eens")), "expected an object"),
    "answer missing its value": (mutate(lambda d: d["answers"][0].pop("value")), "answers[0].value: missing"),
    "answer with an extra key": (answer(0, colour="rood"), "answers[0].colour: unknown key"),
    "bad timestamp": (answer(0, at="gisteren"), "is not a timestamp like"),
    "unknown position": (value_of("A1", {"position": "misschien"}), "'misschien' is not a valid position"),
    "hands as text": (value_of("A1", {"counts": {"eens": "vijf"}}), "expected a whole number"),
    "negative hands": (value_of("A1", {"counts": {"eens": -1}}), "expected a whole number"),
    "crossed as text": (value_of("bingo-1", {"crossed": "ja"}), "expected true or false"),
    "unknown value field": (value_of("rol-1", {"now": "samen", "mood": "blij"}), "unknown field mood"),
    "impossible step date": (value_of("stap-1", {"by": "2018-13-01"}), "is not a date"),
    "unknown linked task": (value_of("productie", {"tasks": ["dansen"]}), "unknown task: dansen"),
    "text far too long": (value_of("A1", {"note": "x" * 5000}), "longer than 4000"),
    "eleven regional rows": (
        mutate(
            lambda d: next(a for a in d["answers"] if a["exercise"] == "regio")["value"]["rows"].append(
                {"challenge": "nog één", "regional": ""}
            )
        ),
        "at most 10 rows",
    ),
    "the same answer twice": (mutate(lambda d: d["answers"].append(copy.deepcopy(d["answers"][5]))), "a second answer"),
    "absurd number of answers": (mutate(lambda d: d["answers"].extend([d["answers"][0]] * 5000)), "holds at most"),
    "not UTF-8": (lambda: FULL.read_bytes().replace("één".encode(), b"\xe9\xe9n", 1), "not UTF-8"),
    "nested far too deep": (lambda: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_files_are_refused_whole_and_nothing_is_written(cli, tmp_path, isolated_db, case):
    build, message = MALFORMED[case]
    content = build()
    path = tmp_path / "import.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    cli("new", "Bestaande sessie")
    index_before = isolated_db.read_bytes()
    files_before = answers_file(isolated_db)
    result = cli("import", str(path), ok=False)
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not any(jargon in result.stderr for jargon in ("Input should", "Value error", "Field required", "pydantic")), result.stderr
    assert isolated_db.read_bytes() == index_before and answers_file(isolated_db) == files_before


def test_every_problem_is_listed_at_once(cli, tmp_path):
    doc = load_json(FULL)
    doc["session"]["date"] = "gisteren"
    doc["answers"][0]["group"] = "tafel 9"
    doc["answers"][40]["value"] = {"position": "misschien"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", str(path), ok=False)
    assert result.exit_code == 4 and "nothing was imported" in result.stderr
    assert all(p in result.stderr for p in ("session.date", "answers[0]", "answers[40]"))


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        (lambda s: s["groups"].__setitem__(0, " tafel 1"), "session.groups[0]: contains control characters"),
        (lambda s: s.pop("name"), "session.name: missing"),
        (lambda s: s.update(date=5), "session.date"),
    ],
)
def test_a_problem_with_the_session_hides_none_of_the_answers(cli, tmp_path, broken, said):
    doc = load_json(FULL)
    broken(doc["session"])
    doc["answers"][0]["group"] = "tafel 9"
    doc["answers"][40]["value"] = {"position": "misschien"}
    doc["answers"][41]["item"] = "Z9"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", str(path), ok=False)
    assert result.exit_code == 4 and said in result.stderr
    for problem in ("answers[0].group: group 'tafel 9'", "answers[40].value", "answers[41].item: exercise stellingen has no item 'Z9'"):
        assert problem in result.stderr, result.stderr


@pytest.mark.parametrize("kit", [{"name": "geheim", "version": "1", "path": None}, None])
def test_without_the_sessions_kit_the_answers_are_said_to_wait_for_it(cli, tmp_path, kit):
    doc = load_json(FULL)
    if kit is None:
        doc["session"].pop("kit")
    else:
        doc["session"]["kit"] = kit
    doc["answers"][0]["group"] = "tafel 9"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", str(path), ok=False)
    assert result.exit_code == 4 and "answers[0].group: group 'tafel 9'" in result.stderr
    assert "answers: their exercises, items and values are checked once the session's kit is found" in result.stderr
    if kit:
        assert "kit 'geheim' is not shipped with tocht; give its folder with `tocht --kit FOLDER import …`" in result.stderr


def test_too_large_and_missing_files(cli, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    result = cli("import", str(big), ok=False)
    assert result.exit_code == 4 and "at most" in result.stderr
    missing = cli("import", str(tmp_path / "nee.json"), ok=False)
    assert missing.exit_code == 3 and "no file" in missing.stderr


def test_a_custom_kit_is_found_with_the_kit_option(cli, kit_copy, tmp_path):
    kit_file = kit_copy / "kit.toml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8").replace('name = "tocht-2017"', 'name = "eigen-kit"'), encoding="utf-8")
    cli("--kit", str(kit_copy), "new", "Eigen kit")
    cli("statements", "vote", "A1", "-p", "eens")
    exported = tmp_path / "eigen.json"
    cli("export", "-f", "json", "-o", str(exported))
    moved = tmp_path / "elders"
    kit_copy.rename(moved)
    refused = cli("import", str(exported), ok=False)
    assert refused.exit_code == 4 and "--kit FOLDER" in refused.stderr
    cli("--kit", str(moved), "import", str(exported), "--yes", "--use")  # its session is here too
    assert cli("statements", "--json").stdout.count('"eens"') == 1
    assert json.loads(cli("show", "--json").stdout)["kit"]["path"] == str(moved)
