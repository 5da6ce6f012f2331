"""The terminal re-trial's smaller findings (issue 18): what replay, show, compare and steps say."""

from __future__ import annotations

ENTER = "\r"


def test_replay_names_an_exercise_wide_item_by_its_own_questions_not_the_exercises_title(keyed, cli):
    """The trial: "nog niet beantwoord" listed "· Stappenplan om cultuur op de politieke agenda te zetten"."""
    cli("new", "Leeg")
    out = keyed(ENTER * 3, "replay", "-e", "stappenplan").stdout
    open_items = out.split("nog niet beantwoord (")[-1]
    assert "· Bij wie? / Welke gemeente?" in open_items and "· Stappenplan om cultuur" not in open_items


def test_compare_with_no_session_on_a_follow_up_compares_it_with_the_meeting_it_follows(cli):
    """The trial: `tocht compare` on a follow-up answered "Argument 'EERDER' ontbreekt"."""
    cli("new", "Eerste", "-g", "tafel 1")
    cli("steps", "set", "1", "--action", "koffie drinken")
    cli("new", "Vervolg", "--from", "Eerste")
    cli("steps", "set", "1", "--status", "gedaan")
    result = cli("compare")
    assert "Eerste" in result.stdout and "Vervolg" in result.stdout and "gedaan" in result.stdout
    assert "compared with the session it follows up" in result.stderr


def test_steps_set_confirms_the_action_it_saved(cli, session):
    """The trial: "bewaard: 1. leer elkaar kennen: – (tafel 2)" after `steps set 1 --action …`."""
    said = cli("steps", "set", "1", "--action", "Koffie met de schepen", "--who", "An").stderr
    assert "1. leer elkaar kennen: Koffie met de schepen · An" in said


def test_where_each_table_resumes_fits_80_columns_on_one_line(cli, monkeypatch):
    """The trial: bare `tocht` printed "(gaat verder bij T1a · Stellingenspel (wat als …))" past 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    cli("new", "Dag", "-g", "tafel 1", "-g", "een tafel met een heel lange naam")
    cli("bingo", "cross", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "-g", "tafel 1")
    cli("bingo", "cross", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "-g", "een tafel met een heel lange naam")
    lines = cli().stderr.splitlines()
    resumes = [line for line in lines if "resumes at" in line]
    assert len(resumes) == 2 and all(len(line) <= 80 and (line.endswith("…)") or line.endswith("(resumes at T1a)")) for line in resumes), (
        resumes
    )


def test_a_carried_answer_shares_the_questions_bracket(run):
    """The trial: "Bij wie? (bv. de schepen van cultuur) (vorige keer: …)": one bracket."""
    from tocht_cli.kinds.fields import bracketed

    assert bracketed("Bij wie? (bv. de schepen van cultuur)", "vorige keer: An") == "Bij wie? (bv. de schepen van cultuur; vorige keer: An)"
    assert bracketed("Wie?", "vorige keer: An") == "Wie? (vorige keer: An)"
