"""Every direct command records what `run` can, and refuses invalid values without changing anything."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import KIT


def state(cli, command: str, group: str | None = None) -> dict:
    doc = json.loads(cli(command, "--json", *(["-g", group] if group else [])).stdout)
    return doc[group] if group else next(iter(doc.values()))


def refused(cli, *args, command: str, needle: str = "") -> None:
    before = cli(command, "--json").stdout
    result = cli(*args, ok=False)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert "tocht: error:" in result.stderr and needle in result.stderr and "Traceback" not in result.stderr
    assert cli(command, "--json").stdout == before


def test_bingo_cross_uncross_and_the_bingo_moment(cli, session):
    cli("bingo", "cross", "3", "7", "bingo-12")
    assert set(state(cli, "bingo")) == {"bingo-3", "bingo-7", "bingo-12"}
    result = cli("bingo", "cross", *map(str, range(13, 20)))
    assert "BINGO" in result.stdout and "10 / 10" in result.stdout
    assert "saved: 10 / 10 geschrapt" in result.stderr  # confirmed, like every other direct command
    assert state(cli, "bingo")["_"]["bingo_at"]
    cli("bingo", "uncross", "3")  # 9 of 10: BINGO is taken away with the cross
    assert "bingo-3" not in state(cli, "bingo") and "_" not in state(cli, "bingo")
    result = cli("bingo", "cross", "20")  # 10 again: BINGO again, with its new moment
    assert "BINGO" in result.stdout and state(cli, "bingo")["_"]["bingo_at"]
    refused(cli, "bingo", "cross", "4", "99", command="bingo", needle="no bingo statement '99'")


def test_statements_vote(cli, session):
    cli(
        "statements",
        "vote",
        "A3",
        "--position",
        "eens",
        "--agree",
        "5",
        "--disagree",
        "2",
        "--unsure",
        "1",
        "--note",
        "druk van twee kanten",
    )
    assert state(cli, "statements")["A3"] == {
        "position": "eens",
        "counts": {"eens": 5, "oneens": 2, "twijfel": 1},
        "note": "druk van twee kanten",
    }
    cli("statements", "vote", "a3", "--count", "twijfel=4", "--position", "TWIJ")
    assert state(cli, "statements")["A3"] == {
        "position": "twijfel",
        "counts": {"eens": 5, "oneens": 2, "twijfel": 4},
        "note": "druk van twee kanten",
    }
    refused(cli, "statements", "vote", "A3", "--position", "misschien", command="statements", needle="valid: eens, oneens, twijfel")
    refused(cli, "statements", "vote", "C1", "--position", "eens", command="statements", needle="no statement 'C1'")
    refused(cli, "statements", "vote", "A3", "--count", "eens=veel", command="statements", needle="POSITION=N")
    refused(cli, "statements", "vote", "A3", command="statements", needle="nothing to record")
    cli("statements", "clear", "A3")
    assert state(cli, "statements") == {}


def test_statements_vote_points_out_hands_that_disagree_with_the_position_and_changes_nothing(cli, session):
    result = cli("statements", "vote", "A1", "--position", "eens", "--agree", "1", "--disagree", "5")
    assert "hint: A1 is recorded as “eens”, but most hands went up for “oneens” (eens 1 · oneens 5)" in result.stderr
    assert "give --position oneens" in result.stderr and "hint" not in result.stdout
    assert state(cli, "statements")["A1"]["position"] == "eens"  # a hint, never a silent change
    result = cli("statements", "vote", "A2", "--unsure", "4")  # only hands
    assert "hint: A2 has no position yet; most hands went up for “twijfel” (twijfel 4)" in result.stderr
    assert state(cli, "statements")["A2"]["position"] is None
    assert "hint" not in cli("statements", "vote", "A1", "--note", "blijft eens").stderr  # neither position nor hands given
    assert "hint" not in cli("statements", "vote", "A1", "--position", "oneens").stderr  # as the hands say
    assert "hint" not in cli("statements", "vote", "A2", "--disagree", "4").stderr  # a tie decides nothing


def test_vocabulary(cli, session):
    cli("vocabulary", "link", "productie", "1", "gemeenschapsvorming", "--how", "coproductie met verenigingen")
    cli("vocabulary", "link", "reflectie", "--none")
    cli("vocabulary", "add-word", "publiekswerking")
    got = state(cli, "vocabulary")
    assert got["productie"] == {"tasks": ["cultuurspreiding", "gemeenschapsvorming"], "how": "coproductie met verenigingen"}
    assert got["reflectie"]["tasks"] == [] and got["_"]["words"] == ["publiekswerking"]
    refused(cli, "vocabulary", "link", "productie", "cultuurbeleid", command="vocabulary", needle="no task")
    refused(cli, "vocabulary", "link", "productie", "1", "--none", command="vocabulary", needle="exclude")
    cli("vocabulary", "remove-word", "1")
    assert state(cli, "vocabulary")["_"]["words"] == []


def test_roles(cli, session):
    cli("roles", "set", "4", "--now", "programmator", "--future", "samen", "--double", "--note", "bewust dubbel")
    assert state(cli, "roles")["rol-4"] == {"now": "programmator", "future": "samen", "double": True, "note": "bewust dubbel"}
    out = " ".join(cli("roles").stdout.split())
    assert "publieksmedewerker in je team: programmator → samen" in out
    refused(cli, "roles", "set", "4", "--now", "directeur", command="roles", needle="programmator, kunstenaar, samen, niemand")
    refused(cli, "roles", "set", "10", "--now", "samen", command="roles", needle="no task '10'")


def test_steps(cli, session):
    cli("steps", "target", "--whom", "de schepen", "--municipality", "Grimbergen")
    cli("steps", "set", "2", "--action", "verhaal schrijven", "--who", "An en Jan", "--by", "2018-03-01", "--status", "bezig")
    got = state(cli, "steps")
    assert got["stap-2"] == {"action": "verhaal schrijven", "who": "An en Jan", "by": "2018-03-01", "status": "bezig"}
    assert got["_"] == {"whom": "de schepen", "municipality": "Grimbergen"}
    refused(cli, "steps", "set", "2", "--by", "1 maart", command="steps", needle="--by '1 maart': not a date: write 15/01/2027")
    refused(cli, "steps", "set", "2", "--by", "30/02/2018", command="steps", needle="--by '30/02/2018': not a real day")
    for spelling in ("1/3/2018", "1-3-2018", "1 maart 2018", "1 March 2018", "1 mrt 2018"):
        cli("steps", "set", "2", "--by", spelling)
        assert state(cli, "steps")["stap-2"]["by"] == "2018-03-01"
    assert "1 maart 2018" in cli("steps").stdout
    refused(cli, "steps", "set", "2", "--status", "klaar", command="steps", needle="gepland, bezig, vast, gedaan")


def test_alliances_and_checklist(cli, session):
    cli("alliances", "add", "Academie", "--purpose", "samen lesgeven")
    cli("alliances", "with", "1", "met-6", "--own", "buurthuis")
    cli("alliances", "nature", "4")
    cli("checklist", "set", "5", "--status", "nog niet", "--how", "eerst budget")
    cli("checklist", "set", "crit-1", "--status", "nog-niet")
    got = state(cli, "alliances")
    assert got["_"]["existing"] == [{"partner": "Academie", "purpose": "samen lesgeven"}]
    assert got["_"]["with"] == ["met-1", "met-6"] and got["_"]["with_own"] == ["buurthuis"] and got["_"]["nature"] == ["aard-4"]
    assert got["crit-5"] == {"status": "nog niet", "how": "eerst budget"} and got["crit-1"]["status"] == "nog niet"
    assert "eerst budget" in cli("checklist").stdout
    refused(cli, "checklist", "set", "5", "--status", "half", command="alliances", needle="aanwezig, deels, nog niet")
    refused(cli, "alliances", "with", "99", command="alliances", needle="no partner '99'")
    cli("alliances", "remove", "1")
    assert state(cli, "alliances")["_"]["existing"] == []


def test_challenges(cli, session):
    cli("challenges", "add", "Minder theater in de centra", "--regional", "samen programmeren")
    cli("challenges", "add", "--suggestion", "4")
    cli("challenges", "edit", "2", "--regional", "een regionaal netwerk")
    rows = state(cli, "challenges")["_"]["rows"]
    assert rows == [
        {"challenge": "Minder theater in de centra", "regional": "samen programmeren"},
        {"challenge": "Het provinciaal bestuursniveau verdwijnt", "regional": "een regionaal netwerk"},
    ]
    cli("challenges", "remove", "1")
    assert len(state(cli, "challenges")["_"]["rows"]) == 1
    refused(cli, "challenges", "edit", "5", "--regional", "x", command="challenges", needle="no row 5")
    refused(cli, "challenges", "add", "x", "--suggestion", "2", command="challenges", needle="one of the two")
    for n in range(9):
        cli("challenges", "add", f"uitdaging {n}")
    refused(cli, "challenges", "add", "de elfde", command="challenges", needle="at most 10 rows")
    assert "Het provinciaal bestuursniveau verdwijnt" in cli("challenges", "suggestions").stdout


def test_a_number_given_as_the_challenge_picks_that_suggestion_and_says_so(cli, session):
    result = cli("challenges", "add", "4")
    assert "suggestion 4, “Het provinciaal bestuursniveau verdwijnt”" in result.stderr
    assert state(cli, "challenges")["_"]["rows"] == [{"challenge": "Het provinciaal bestuursniveau verdwijnt", "regional": ""}]
    refused(cli, "challenges", "add", "99", command="challenges", needle="no suggestion '99'")
    cli("challenges", "add", "13 centra sluiten")  # words with a number in them are words
    assert state(cli, "challenges")["_"]["rows"][-1]["challenge"] == "13 centra sluiten"


def test_challenge_suggestions_take_a_group_like_their_siblings(cli, two_groups):
    assert "Het provinciaal bestuursniveau verdwijnt" in cli("challenges", "suggestions", "-g", "tafel 2").stdout
    assert cli("challenges", "suggestions").exit_code == 0  # listing needs no group
    result = cli("challenges", "suggestions", "-g", "tafel 9", ok=False)
    assert result.exit_code == 2 and "no group 'tafel 9'" in result.stderr


def test_an_unknown_item_lists_every_valid_id(cli, session):
    result = cli("challenges", "add", "--suggestion", "uit-99", ok=False)
    assert result.exit_code == 2 and "1/uit-1," in result.stderr and "45/uit-45" in result.stderr and "…" not in result.stderr
    result = cli("bingo", "cross", "zz", ok=False)
    assert "25/bingo-25" in result.stderr and "…" not in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("checklist", "set", "crit-1", "--status", "zz"), "fout: --status: 'zz' is geen geldige status"),
        (("roles", "set", "rol-1", "--note", "x" * 4001), "fout: --note: tekst langer dan 4000 tekens"),
        (("challenges", "add", "x" * 4001), "fout: UITDAGING: tekst langer dan 4000 tekens"),
        (("steps", "target", "--whom", "x" * 4001), "fout: --whom: tekst langer dan 4000 tekens"),
        (("alliances", "with", "1", "--own", "x" * 4001), "fout: --own: tekst langer dan 4000 tekens"),
        (("vocabulary", "add-word", "x" * 4001), "fout: WOORD: tekst langer dan 4000 tekens"),
    ],
)
def test_a_refused_value_is_named_by_its_option_not_its_place_in_the_file(cli, session, args, named):
    result = cli("--lang", "nl", *args, ok=False)
    assert result.exit_code == 2 and named in result.stderr, result.stderr
    for internal in (
        "allianties/",
        "rollen/",
        "regio/",
        "stappenplan/",
        "/_",
        ": status:",
        ": note:",
        ": challenge:",
        ": whom:",
        "with_own",
    ):
        assert internal not in result.stderr


def test_groups_are_kept_apart(cli, two_groups):
    result = cli("bingo", "cross", "1", ok=False)
    assert result.exit_code == 2 and "--group" in result.stderr
    cli("bingo", "cross", "1", "2", "-g", "tafel 1")
    cli("statements", "vote", "A1", "--position", "oneens", "-g", "TAFEL 2")
    assert set(state(cli, "bingo", "tafel 1")) == {"bingo-1", "bingo-2"} and state(cli, "bingo", "tafel 2") == {}
    assert state(cli, "statements", "tafel 2")["A1"]["position"] == "oneens"
    shown = json.loads(cli("show", "--json").stdout)
    assert shown["progress"]["bingo"] == {"tafel 1": {"done": 2, "total": 10}, "tafel 2": {"done": 0, "total": 10}}
    cli("add-group", "tafel 3")
    assert json.loads(cli("show", "--json").stdout)["groups"] == ["tafel 1", "tafel 2", "tafel 3"]


def test_user_text_in_answers_is_never_markup(cli, session):
    cli("statements", "vote", "A1", "--note", "[red]rood[/red] \x1b[2J weg")
    out = cli("statements").stdout
    assert "[red]rood[/red]" in out and "\x1b" not in out
    assert state(cli, "statements")["A1"]["note"] == "[red]rood[/red]  weg"


def test_show_lists_answers_for_a_projected_screen(cli, session):
    cli("roles", "set", "1", "--now", "kunstenaar")
    out = " ".join(cli("show").stdout.split())
    assert "Voortgang" in out and "T3 · Nieuwe rolverdeling" in out and "buitenkomen," in out and "kunstenaar" in out


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (("challenges", "remove", "abc"), "expected a whole number"),
        (("statements", "vote", "A1", "--agree", "-1"), "expected a number of at least 0"),
        (("export", "-f", "xml"), "'xml' is not one of 'md', 'html', 'pdf', 'json'"),
    ],
)
def test_usage_errors_speak_plain_words_not_pydantics(cli, args, plain):
    cli("new", "Woorden")
    result = cli(*args, ok=False)
    assert result.exit_code == 2 and plain in result.stderr
    assert "Input should be" not in result.stderr and "Value error" not in result.stderr


def test_with_two_exercises_of_a_kind_a_direct_command_asks_which(cli, tmp_path):
    import shutil

    from tests.helpers.files import KIT_DIR

    kit = tmp_path / "twee"
    shutil.copytree(KIT_DIR, kit)
    shutil.copy(kit / "stellingen.toml", kit / "stellingen2.toml")
    (kit / "kit.toml").write_text(
        (kit / "kit.toml").read_text(encoding="utf-8").replace('  "stellingen",', '  "stellingen",\n  "stellingen2",'), encoding="utf-8"
    )
    cli("--kit", str(kit), "new", "Twee keer")
    result = cli("statements", "vote", "A1", "-p", "eens", ok=False)
    assert result.exit_code == 2 and "stellingen, stellingen2" in result.stderr and "--exercise" in result.stderr
    cli("statements", "vote", "A1", "-p", "eens", "-e", "stellingen2")
    recorded = next(iter(json.loads(cli("statements", "-e", "stellingen2", "--json").stdout).values()))
    assert recorded["A1"]["position"] == "eens"
    assert "A1" not in next(iter(json.loads(cli("statements", "-e", "stellingen", "--json").stdout).values()))


def test_a_follow_ups_status_belongs_to_the_earlier_action(cli, two_groups):
    cli("steps", "set", "2", "-g", "tafel 1", "--action", "verhaal schrijven", "--who", "An", "--by", "2027-03-01", "--status", "gepland")
    cli("steps", "set", "3", "-g", "tafel 1", "--action", "partners zoeken", "--status", "gepland")
    cli("new", "Vervolg", "--from", two_groups)
    cli("steps", "set", "2", "-g", "tafel 1", "--status", "gedaan")
    cli("steps", "set", "3", "-g", "tafel 1", "--action", "nieuwe partners", "--status", "bezig")  # given now: wins
    cli("steps", "set", "4", "-g", "tafel 1", "--status", "bezig")  # no earlier action: none made up
    plan = state(cli, "steps", "tafel 1")
    assert plan["stap-2"] == {"action": "verhaal schrijven", "who": "An", "by": "2027-03-01", "status": "gedaan"}
    assert plan["stap-3"]["action"] == "nieuwe partners" and plan["stap-4"]["action"] == ""


def test_a_vote_with_some_hands_stores_every_positions_hands_and_says_so(cli, session):
    """The walk takes three numbers; `vote --agree 3` records the others as 0 (its --help says so) and a later
    vote changes only the hands it gives."""
    said = cli("statements", "vote", "A1", "--agree", "3").stderr
    assert "A1: – (eens 3 · oneens 0 · twijfel 0)" in said
    cli("statements", "vote", "A1", "--disagree", "2")
    got = next(iter(json.loads(cli("statements", "--json").stdout).values()))["A1"]
    assert got["counts"] == {"eens": 3, "oneens": 2, "twijfel": 0}
    assert "counts 0 hands" in " ".join(cli("statements", "vote", "--help").stdout.split())


def test_the_alliances_count_in_the_progress_as_the_walk_asks_them(cli, session):
    """The alliances, with whom and their nature are asked before the criteria: each counts, everywhere."""

    def progress() -> dict:
        return next(iter(json.loads(cli("show", "--json").stdout)["progress"]["allianties"].values()))

    criteria = len(KIT.exercise("allianties").spec.criteria)
    assert progress() == {"done": 0, "total": criteria + 3}
    cli("alliances", "add", "Academie", "--purpose", "samen lesgeven")
    assert progress() == {"done": 1, "total": criteria + 3}
    cli("alliances", "with", "--own", "buurthuis")
    cli("alliances", "nature", "4")
    cli("checklist", "set", "5", "--status", "deels")
    assert progress() == {"done": 4, "total": criteria + 3}
    assert f"4/{criteria + 3}" in cli().stdout.replace(" ", "")


def test_the_walk_resumes_at_the_alliances_when_only_the_criteria_are_answered(cli, session, run):
    """Every criterion answered, no alliance yet: T5 is still open, so the walk comes back to it."""
    for criterion in KIT.exercise("allianties").spec.criteria:
        cli("checklist", "set", criterion.id, "--status", "deels")
    ws = run.workspace(session)
    index = [ex.id for ex in ws.kit.exercises].index("allianties")
    group = ws.groups[0]
    assert ws.resume_at(group, after=index - 1) == index
    cli("alliances", "add", "Academie")
    cli("alliances", "with", "--own", "buurthuis")
    cli("alliances", "nature", "4")
    assert run.workspace(session).resume_at(group, after=index - 1) != index  # read afresh: a run's own view is kept


def test_a_saved_row_is_confirmed_in_the_kits_words_once(cli, monkeypatch):
    """'bewaard: allianties alliantie 1: …' said the exercise's id before the kit's words; 'bewaard: alliantie 1: …' now."""
    from tocht_cli.kinds.alliances import partner_and_purpose

    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    cli("new", "Woorden", "--date", "2027-06-18")
    said = cli("alliances", "add", "Erfgoedcel en bibliotheek").stderr
    assert said.strip() == "bewaard: alliantie 1: Erfgoedcel en bibliotheek — sessie Woorden, 18 juni 2027"
    assert partner_and_purpose({"partner": "Erfgoedcel", "purpose": ""}) == "Erfgoedcel"  # no dash left hanging
    assert partner_and_purpose({"partner": "Scholen", "purpose": "Klasbezoeken"}) == "Scholen — Klasbezoeken"


def test_an_exercise_is_found_by_its_code_as_the_walk_names_it(cli, session):
    """The walk says "T4 · Stappenplan …": `-e T4` is what a facilitator types (room trial)."""
    assert KIT.exercise("T4").id == KIT.exercise("stappenplan").id == KIT.exercise("t4").id
    cli("steps", "set", "1", "--action", "koffie", "-e", "T4")
    assert "koffie" in cli("show", "-e", "T4").stdout


def test_roles_nobody_placed_say_not_answered_rather_than_nothing_shifts(cli, session):
    """An empty T3 read "Wat verschuift er? Er verschuift niets." under an empty chart (terminal trial)."""
    summary = cli("export").stdout.split("## T3", 1)[1].split("\n## ", 1)[0]
    assert "verschuift niets" not in summary and "nog niet beantwoord" in summary.lower()
    cli("roles", "set", "1", "--now", "kunstenaar", "--future", "kunstenaar")
    assert "verschuift niets" in cli("export").stdout.split("## T3", 1)[1].split("\n## ", 1)[0]


def test_a_direct_commands_confirmation_names_the_session_it_wrote_to(cli):
    """The trial: on a laptop whose current session was still March, `steps set` said "bewaard: 4. … (tafel 2)"
    and nothing of which meeting it wrote to."""
    cli("new", "Maart", "-g", "tafel 1", "-g", "tafel 2", "--date", "2027-03-12")
    cli("new", "Juni", "-g", "tafel 1", "--date", "2027-06-18")
    said = cli("steps", "set", "4", "--action", "Nota", "-g", "tafel 2", "-s", "Maart").stderr
    assert (
        said.strip() == "saved: 4. zorg voor helderheid en trek op tijd de grens: Nota (tafel 2) — session Maart, 12 maart 2027"
    )  # the date as the kit writes it
