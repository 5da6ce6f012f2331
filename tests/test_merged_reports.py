"""What a merged session's reports show of its sites (issue 20): a merge never lets out what a site's own
session kept to its total, in any report's table."""

from __future__ import annotations

import json

import pytest

from tocht_cli.cli.invocation import Invocation


def sid(result) -> str:
    return result.stdout.strip()


def phones_voted(run: Invocation, session: str, per_table: dict[str, int]) -> None:
    """`per_table` phones of each table voted 'eens' on statement A1 in the session's room."""
    ballots = [
        {"exercise": "stellingen", "item": "A1", "group": group, "device": f"{session[:6]}{group}{n}", "value": {"position": "eens"}}
        for group, count in per_table.items()
        for n in range(count)
    ]
    with run.store.transaction(session) as answers:
        answers.put_ballots(ballots)


@pytest.fixture
def two_rooms(cli, run):
    """Noord's room: tafel 4 a table of one phone, so its session keeps tafel 3 (the smallest other) beside it;
    Pajottenland's two tables of three phones, smaller than tafel 3 across the merge."""
    noord = sid(cli("new", "Noord", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3", "-g", "tafel 4"))
    phones_voted(run, noord, {"tafel 1": 5, "tafel 2": 6, "tafel 3": 4, "tafel 4": 1})
    paj = sid(cli("new", "Pajottenland", "-g", "W1", "-g", "W2"))
    phones_voted(run, paj, {"W1": 3, "W2": 3})
    return noord, paj


def room_row(summary: str) -> list[str]:
    """The cells of A1's row in the summary's room section, after the item's id and text."""
    return [cell.strip() for cell in summary.split("## De zaal")[1].split("| A1 |")[1].split("\n")[0].split("|")][1:-1]


def test_the_rooms_votes_keep_to_the_total_every_table_its_own_site_kept_there(cli, two_rooms):
    alone = room_row(cli("export", two_rooms[0]).stdout)
    assert alone[2].startswith("alleen in het totaal")  # Noord's own room keeps tafel 3 beside tafel 4
    merged = sid(cli("merge", *two_rooms, "--into", "Regio"))
    room = room_row(cli("export", merged).stdout)
    assert room[2].startswith("alleen in het totaal") and "eens 4" not in room  # as Noord's own room kept it
    assert room[:2] == ["eens 5", "eens 6"] and room[4:7] == ["eens 3", "eens 3", "eens 22"]  # the total counts every phone


def test_the_room_names_a_statement_by_its_whole_text_beside_its_id(cli, two_rooms):
    summary = cli("export", two_rooms[1]).stdout
    header, row = summary.split("## De zaal")[1].split("\n| ")[1:3]
    assert header.startswith("\\# |  | W1 | W2 |")  # the text's column headed by nothing, as the exercise's own tables
    assert row.startswith("A1 | Je gaat gewoon in op wat er leeft bij mensen,") and "publiek kan zijn. | eens 3 |" in row


def test_a_merged_round_counts_only_at_the_sites_that_held_one(cli, tmp_path):
    """Noord followed up March's plan in a round, Zuid held none: Zuid's table shows no round's progress, and an
    export keeps which site held it."""
    march = sid(cli("new", "Maart", "-g", "tafel 1"))
    cli("steps", "set", "1", "--action", "Schepen bellen", "--who", "An", "--status", "gepland", "-g", "tafel 1")
    noord = sid(cli("new", "Juni Noord", "--from", march, "-g", "tafel 1"))
    cli("followup", "set", "1", "gedaan")
    zuid = sid(cli("new", "Juni Zuid", "-g", "W1"))
    merged = sid(cli("merge", noord, zuid, "--into", "Regio"))
    (row,) = [line for line in cli("export", merged).stdout.splitlines() if "| Sinds de vorige keer |" in line]
    assert row.endswith("| ✓ 1/1 | – |")
    progress = json.loads(cli("show", merged, "--json").stdout)["progress"]["opvolging"]
    assert list(progress) == ["Juni Noord / tafel 1"]
    out = tmp_path / "regio.json"
    cli("export", merged, "-f", "json", "-o", str(out))
    again = json.loads(cli("import", str(out), "--name", "Regio bis", "--json").stdout)["id"]
    assert [s.get("held_round") for s in json.loads(cli("show", again, "--json").stdout)["merged_from"]] == [True, None]
