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


def test_the_vocabularys_total_is_the_same_at_every_table_with_or_without_words(cli):
    """The trial: T1b read "0/5" at tafel 1 and "1/6" at tafel 2 after one word: the total moved with the words."""
    import json

    cli("new", "Dag", "-g", "tafel 1", "-g", "tafel 2")
    cli("vocabulary", "add-word", "publiekswerking", "-g", "tafel 2")
    progress = json.loads(cli("show", "--json").stdout)["progress"]["vocabularium"]
    assert progress == {"tafel 1": {"done": 0, "total": 6}, "tafel 2": {"done": 1, "total": 6}}


def test_show_at_80_columns_lists_a_statement_rather_than_squeeze_it_into_a_narrow_column(cli, session, monkeypatch):
    """The trial: `show` T1a at 80 columns put A1 in a 22-character column, 15 lines tall."""
    monkeypatch.setenv("COLUMNS", "80")
    note = "Het publiek kent zijn eigen noden het best; wij luisteren en bouwen samen met verenigingen iets op"
    cli("statements", "vote", "A1", "--position", "eens", "--note", note)
    shown = cli("show", "-e", "stellingen").stdout
    assert "A1  Je gaat gewoon in op wat er leeft bij mensen" in shown and "┃ Standpunt" not in shown
