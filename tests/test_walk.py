"""`tocht run` driven through prompt_toolkit pipe input, as questionary's own tests do."""

from __future__ import annotations

import json

import pytest

DOWN, ENTER, SPACE, CTRL_C, BACKSPACE = "\x1b[B", "\r", " ", "\x03", "\x7f"


@pytest.fixture
def walk(keyed):
    """Run `tocht run ARGS` with KEYS typed into its prompts."""

    def drive(keys: str, *args: str, code: int = 0):
        return keyed(keys, "run", *args, code=code)

    return drive


def values(cli, exercise: str, group: str | None = None) -> dict:
    doc = json.loads(cli(*([exercise, "--json"] + (["-g", group] if group else []))).stdout)
    return next(iter(doc.values())) if group is None else doc[group]


def test_fresh_machine_asks_for_a_name_and_saves_from_the_first_prompt(walk, cli):
    result = walk("Ontmoetingsdag\r" + ENTER + SPACE + DOWN + SPACE + ENTER + CTRL_C, code=130)
    sid = json.loads(cli("show", "--json").stdout)["id"]
    assert f"tocht run {sid}" in result.stderr and "saved" in result.stderr
    assert values(cli, "bingo") == {"bingo-1": {"crossed": True}, "bingo-2": {"crossed": True}}


def test_statements_walk_records_position_hands_and_arguments(walk, cli, session):
    walk(ENTER + ENTER + "5 2 1\r" + "sterk argument\r" + DOWN + ENTER + ENTER + ENTER + CTRL_C, "-e", "stellingen", code=130)
    got = values(cli, "statements")
    assert got["A1"] == {"position": "eens", "counts": {"eens": 5, "oneens": 2, "twijfel": 1}, "note": "sterk argument"}
    assert got["A2"]["position"] == "oneens"


def test_resume_at_first_unanswered_item_with_defaults(walk, cli, session):
    cli("bingo", "cross", "4")
    cli("statements", "vote", "A1", "--position", "eens")
    cli("statements", "vote", "A2", "--position", "oneens", "--note", "bewaard")
    walk(ENTER + DOWN + DOWN + ENTER + CTRL_C, code=130)  # lands on A3 of stellingen
    got = values(cli, "statements")
    assert got["A3"]["position"] == "twijfel"
    assert got["A2"] == {"position": "oneens", "counts": {}, "note": "bewaard"}


def test_skip_and_back(walk, cli, session):
    keys = ENTER + DOWN * 3 + ENTER  # A1: overslaan
    keys += ENTER + ENTER + "/terug\r"  # A2: eens, no hands, then back one item
    keys += DOWN + ENTER + ENTER + ENTER + CTRL_C  # A1 again: oneens
    walk(keys, "-e", "stellingen", code=130)
    got = values(cli, "statements")
    assert got["A1"]["position"] == "oneens" and got["A2"]["position"] == "eens"


def test_jump_to_another_exercise(walk, cli, session):
    result = walk(ENTER + DOWN * 5 + ENTER + DOWN * 5 + ENTER + ENTER + CTRL_C, "-e", "stellingen", code=130)
    assert "T6" in result.stdout


def test_stop_from_a_text_prompt_ends_cleanly(walk, cli, session):
    result = walk(ENTER + ENTER + "/stoppen\r", "-e", "stellingen")
    assert "saved" in result.stderr
    assert values(cli, "statements")["A1"]["position"] == "eens"


def test_vocabulary_walk(walk, cli, session):
    walk(ENTER + SPACE + DOWN + DOWN + SPACE + ENTER + "via spreiding\r" + ENTER + "/s\r", "-e", "vocabularium")
    got = values(cli, "vocabulary")
    assert got["ontwikkeling"] == {"tasks": ["cultuurspreiding", "gemeenschapsvorming"], "how": "via spreiding"}
    assert got["productie"]["tasks"] == []


def test_vocabulary_words_after_the_functions(walk, cli, session):
    for f in ("ontwikkeling", "productie", "presentatie", "reflectie", "participatie"):
        cli("vocabulary", "link", f, "--none")
    walk(ENTER + (ENTER + ENTER) * 5 + "publiekswerking\r" + "\r" + CTRL_C, "-e", "vocabularium", code=130)
    assert values(cli, "vocabulary")["_"] == {"words": ["publiekswerking"]}


def test_roles_walk_shows_what_shifts(walk, cli, session):
    walk(ENTER + ENTER + DOWN * 2 + ENTER + ENTER + "notitie\r" + CTRL_C, "-e", "rollen", code=130)
    got = values(cli, "roles")["rol-1"]
    assert got == {"now": "programmator", "future": "samen", "double": False, "note": "notitie"}
    assert "programmator → samen" in " ".join(cli("roles").stdout.split())


def test_steps_walk_refuses_impossible_dates(walk, cli, session):
    keys = ENTER + "de schepen van cultuur\r" + "Grimbergen\r" + "koffie drinken\r" + "An\r"
    keys += "2018-13-01\r" + BACKSPACE * 10 + "2018-03-01\r" + DOWN + ENTER + CTRL_C
    walk(keys, "-e", "stappenplan", code=130)
    got = values(cli, "steps")
    assert got["_"] == {"whom": "de schepen van cultuur", "municipality": "Grimbergen"}
    assert got["stap-1"] == {"action": "koffie drinken", "who": "An", "by": "2018-03-01", "status": "bezig"}


def test_alliances_walk(walk, cli, session):
    keys = ENTER + "Academie\r" + "samen lessen\r" + "\r"
    keys += SPACE + ENTER + "buurthuis; bib\r" + ENTER + "\r"
    keys += DOWN + ENTER + "al bezig\r" + CTRL_C
    walk(keys, "-e", "allianties", code=130)
    got = values(cli, "alliances")
    assert got["_"]["existing"] == [{"partner": "Academie", "purpose": "samen lessen"}]
    assert got["_"]["with"] == ["met-1"] and got["_"]["with_own"] == ["buurthuis", "bib"]
    assert got["crit-1"] == {"status": "deels", "how": "al bezig"}


def test_challenges_walk_add_edit_remove(walk, cli, session):
    keys = ENTER + ENTER + "Meer jongeren bereiken\r" + "regionale jeugdwerking\r"
    keys += ENTER + "Eigen woorden\r" + "\r"
    keys += DOWN * 2 + ENTER + ENTER  # remove row 1
    keys += DOWN * 3 + ENTER  # klaar
    walk(keys, "-e", "regio")
    assert values(cli, "challenges")["_"]["rows"] == [{"challenge": "Eigen woorden", "regional": ""}]


def test_a_slash_command_after_a_prefilled_answer_steers_and_keeps_the_answer(walk, cli, session):
    cli("statements", "vote", "A1", "--position", "eens", "--note", "via residenties")
    # A1 pre-selected (eens), hands empty, then the note prompt comes pre-filled: typing /stoppen after it steers
    result = walk(ENTER + ENTER + ENTER + "/stoppen\r", "-e", "stellingen")
    assert "saved" in result.stderr
    assert values(cli, "statements")["A1"]["note"] == "via residenties"


def test_enter_on_a_shown_answer_keeps_a_newer_one_from_another_terminal(cli, session):
    """The walk showed note 'oud'; another terminal wrote 'nieuw'; Enter on 'oud' writes nothing."""
    from tocht_cli.walk import Walk
    from tocht_cli.workspace import Workspace

    cli("statements", "vote", "A1", "--position", "eens", "--note", "oud")
    ws = Workspace.open()
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("stellingen")
    shown = walk.value(ex, "A1")
    cli("statements", "vote", "A1", "--note", "nieuw", "--position", "oneens")  # the other terminal
    walk.save(ex, "A1", {"position": shown["position"]})  # Enter on the shown position
    walk.save(ex, "A1", {"note": shown["note"]})  # Enter on the shown note
    assert values(cli, "statements")["A1"]["note"] == "nieuw" and values(cli, "statements")["A1"]["position"] == "oneens"
    walk.save(ex, "A1", {"note": "eigen woorden"})  # what the person typed is saved
    assert values(cli, "statements")["A1"]["note"] == "eigen woorden"
