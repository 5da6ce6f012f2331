"""Who was there (issue 20 §2): the organisations at a table and its people, kept, shown, proposed again
and used to pair tables across meetings."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import ENTER
from tocht_cli.base.errors import ExitCode
from tocht_cli.sessions.attendance import Seat, paired, threads


def sid(result) -> str:
    return result.stdout.strip()


def seats(cli, *args: str) -> dict:
    return {row.pop("group"): row for row in json.loads(cli("group", "list", "--json", *args).stdout)}


@pytest.fixture
def march(cli) -> str:
    """A meeting of two tables, each with the organisations at it."""
    return sid(
        cli(
            "new",
            "Netwerk maart",
            "--date",
            "2027-03-12",
            "-g",
            "tafel 1",
            "-g",
            "tafel 2",
            "--org",
            "tafel 1=CC Merchtem",
            "--org",
            "TAFEL 1=Bib Asse",  # a table as typed loosely
            "--org",
            "tafel 2=GC De Zandloper",
            "--people",
            "tafel 1=6",
        )
    )


def test_new_keeps_the_organisations_as_typed_and_the_people(cli, march):
    assert seats(cli) == {
        "tafel 1": {"organisations": ["CC Merchtem", "Bib Asse"], "people": 6},
        "tafel 2": {"organisations": ["GC De Zandloper"]},
    }
    table = cli("group", "list").stdout
    assert "tafel 1  CC Merchtem, Bib Asse  6" in table


def test_one_table_takes_the_name_alone(cli):
    sid(cli("new", "Klein", "-g", "tafel 1", "--org", "CC Strombeek", "--people", "4"))
    assert seats(cli) == {"tafel 1": {"organisations": ["CC Strombeek"], "people": 4}}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--org", "CC Merchtem"), "say which table"),  # two tables: which one?
        (("--org", "tafel 9=CC Merchtem"), "say which table"),
        (("--people", "tafel 1=veel"), "whole number"),
        (("--people", "tafel 1=-3"), "whole number"),
        (("--people", "tafel 1=3", "--people", "tafel 1=4"), "more than one number"),
        (("--org", "tafel 1=CC Merchtem", "--org", "tafel 1=cc  merchtem"), "given twice"),
        (("--org", "tafel 1=\u200b"), "visible characters"),
    ],
)
def test_new_refuses_what_it_cannot_place(cli, args, said):
    result = cli("new", "X", "-g", "tafel 1", "-g", "tafel 2", *args, ok=False)
    assert result.exit_code == ExitCode.USAGE and said in result.stderr and "Traceback" not in result.stderr
    assert "no sessions yet" in cli("list").stderr  # nothing made


def test_group_edit_replaces_and_a_rename_or_removal_takes_the_seat_along(cli, march):
    cli("group", "edit", "tafel 2", "--people", "3")
    cli("group", "edit", "tafel 1", "--org", "CC Merchtem")  # all of them: Bib Asse left
    cli("group", "rename", "tafel 2", "Zandloper")
    assert seats(cli) == {
        "tafel 1": {"organisations": ["CC Merchtem"], "people": 6},
        "Zandloper": {"organisations": ["GC De Zandloper"], "people": 3},
    }
    cli("group", "edit", "Zandloper", "--no-organisations")
    cli("group", "add", "tafel 3", "--org", "Bib Opwijk", "--people", "2")
    cli("group", "remove", "tafel 1", "--yes")
    shown = json.loads(cli("show", "--json").stdout)
    assert shown["attendance"] == {"Zandloper": {"people": 3}, "tafel 3": {"organisations": ["Bib Opwijk"], "people": 2}}
    nothing = cli("group", "edit", "tafel 3", ok=False)
    assert nothing.exit_code == ExitCode.USAGE and "nothing to change" in nothing.stderr


def test_summaries_list_the_organisations_present_and_the_people(cli, march):
    md = cli("export").stdout
    assert "- **Aanwezige organisaties:** CC Merchtem, Bib Asse (tafel 1) · GC De Zandloper (tafel 2)" in md
    assert "- **Deelnemers:** 6; niet opgegeven aan tafel 2" in md  # a total of some tables says so
    assert "Aanwezige organisaties: CC Merchtem, Bib Asse (tafel 1)" in cli("show").stdout
    exported = json.loads(cli("export", "--format", "json").stdout)["session"]
    assert list(exported["attendance"]) == ["tafel 1", "tafel 2"]  # in the tables' order


def test_a_session_nobody_seated_says_nothing_of_it(cli):
    cli("new", "Leeg", "-g", "tafel 1")
    assert "Aanwezige organisaties" not in cli("export").stdout and "Deelnemers" not in cli("export").stdout


def test_new_from_without_a_terminal_says_last_times_organisations_and_leaves_them(cli, march):
    result = cli("new", "Netwerk juni", "--from", march)
    assert "last time's organisations were not taken (tafel 1: CC Merchtem, Bib Asse; tafel 2: GC De Zandloper)" in result.stderr
    assert seats(cli) == {"tafel 1": {}, "tafel 2": {}}


def test_new_from_takes_them_with_the_option_and_never_the_people(cli, march):
    cli("new", "Netwerk juni", "--from", march, "--same-organisations", "--people", "tafel 2=5", "--org", "tafel 2=Bib Opwijk")
    assert seats(cli) == {
        "tafel 1": {"organisations": ["CC Merchtem", "Bib Asse"]},
        "tafel 2": {"organisations": ["Bib Opwijk"], "people": 5},
    }


@pytest.mark.parametrize(("typed", "taken"), [("y", True), ("", False)])
def test_new_from_on_a_terminal_asks_and_enter_is_no(cli, keyed, march, typed, taken):
    result = keyed(typed + ENTER, "new", "Netwerk juni", "--from", march)
    assert "Last time at these tables: tafel 1: CC Merchtem, Bib Asse; tafel 2: GC De Zandloper" in result.stderr
    expected = ["CC Merchtem", "Bib Asse"] if taken else None
    assert seats(cli)["tafel 1"].get("organisations") == expected


def test_a_follow_up_starts_from_the_table_the_same_organisations_sat_at(cli, run, march):
    cli("steps", "set", "2", "--action", "Verhaal schrijven", "--who", "Bart", "-g", "tafel 2", "-s", march)
    june = sid(cli("new", "Netwerk juni", "--from", march, "-g", "tafel 1", "-g", "Zandloper", "--org", "Zandloper=gc de zandloper"))
    ws = run.workspace(june)
    plan = ws.kit.exercise("stappenplan")
    assert ws.earlier(plan, "Zandloper").get("stap-2")["action"] == "Verhaal schrijven"
    assert ws.earlier(plan, "tafel 1").get("stap-2") is None  # tafel 1 was not that table


def test_compare_pairs_tables_by_their_organisations(cli, march):
    cli("statements", "vote", "A1", "-p", "eens", "-g", "tafel 2", "-s", march)
    june = sid(cli("new", "Netwerk juni", "--from", march, "-g", "Zandloper", "-g", "tafel 1", "--org", "Zandloper=GC De Zandloper"))
    cli("statements", "vote", "A1", "-p", "oneens", "-g", "Zandloper")
    changes = json.loads(cli("compare", march, june, "--json").stdout)["changes"]
    assert [(c["group"], c["before"], c["after"]) for c in changes if c["exercise"] == "stellingen"] == [
        ("tafel 2 → Zandloper", "eens", "oneens")
    ]


def test_pairing_prefers_organisations_then_names_then_the_only_table():
    march = {"tafel 1": Seat(("CC Merchtem",)), "tafel 2": Seat(("Bib Asse", "GC Asse"))}
    june = {"tafel 1": Seat(("bib  asse",)), "CC Merchtem": Seat(("cc merchtem",)), "tafel 3": Seat()}
    assert paired(march, june) == [("tafel 1", "CC Merchtem"), ("tafel 2", "tafel 1"), (None, "tafel 3")]
    # the same name with other organisations is another table; without organisations, the name pairs
    assert paired({"tafel 1": Seat(("A",)), "x": Seat()}, {"tafel 1": Seat(("B",)), "X": Seat()}) == [
        ("tafel 1", None),
        ("x", "X"),
        (None, "tafel 1"),
    ]
    assert paired({"groep 1": Seat()}, {"tafel 1": Seat()}) == [("groep 1", "tafel 1")]


def test_threads_follow_a_table_through_its_names():
    meetings = [
        {"tafel 1": Seat(("CC Merchtem",)), "tafel 2": Seat(("Bib Asse",))},
        {"CC Merchtem": Seat(("CC Merchtem",)), "Asse": Seat(("Bib Asse",))},
        {"tafel 9": Seat(("bib asse",))},
    ]
    keys = threads(meetings)
    assert keys[0]["tafel 2"] == keys[1]["Asse"] == keys[2]["tafel 9"] and keys[0]["tafel 1"] == keys[1]["CC Merchtem"]


def test_a_hand_edited_seat_is_a_damaged_session_not_a_traceback(cli, march, isolated_db):
    path = isolated_db.parent / "tocht.sessions" / f"{march}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["meta"]["1"]["record"]["attendance"] = {"tafel 1": {"people": "zes"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("show", march, ok=False)
    assert result.exit_code == ExitCode.DATABASE and "who sat at the tables" in result.stderr


@pytest.mark.parametrize(
    ("attendance", "said"),
    [
        ({"tafel 9": {"people": 3}}, "not one of the session's groups"),
        ({"tafel 1": {"people": -1}}, "whole number"),
        ({"tafel 1": {"organisations": ["A", "a"]}}, "given twice"),
        ({"tafel 1": {"organisations": [" A"]}}, "surrounding spaces"),
        ({"tafel 1": {"who": 1}}, "expected organisations and people"),
    ],
)
def test_an_import_checks_who_sat_where(cli, march, tmp_path, attendance, said):
    doc = json.loads(cli("export", "--format", "json").stdout)
    doc["session"]["attendance"] = attendance
    (tmp_path / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", str(tmp_path / "x.json"), "--yes", ok=False)
    assert result.exit_code == ExitCode.INVALID_DATA and said in result.stderr


def test_a_merge_keeps_who_sat_at_each_table(cli, march):
    other = sid(cli("new", "Laptop B", "--date", "2027-03-12", "-g", "tafel 1", "--org", "Bib Opwijk"))
    merged = json.loads(cli("merge", march, other, "--name", "Samen", "--json").stdout)
    assert merged["attendance"]["Laptop B / tafel 1"] == {"organisations": ["Bib Opwijk"]}
    assert merged["attendance"]["Netwerk maart / tafel 1"] == {"organisations": ["CC Merchtem", "Bib Asse"], "people": 6}


def test_a_tables_scribe_says_who_sits_there_in_the_room(arena, cli):
    from tests.helpers.room import csrf

    phone = arena.phone("tafel 2")
    page = phone.get("/p/table")
    assert "Wie zit er aan deze tafel?" in page.text
    said = phone.post("/p/table/who", data={"csrf": csrf(page.text), "organisations": "CC Asse, Bib <Asse>", "people": "7"})
    assert said.url.path == "/p/table" and "Bewaard." in said.text and 'value="CC Asse, Bib &lt;Asse&gt;"' in said.text
    assert seats(cli, "-s", arena.room.ws.id)["tafel 2"] == {"organisations": ["CC Asse", "Bib <Asse>"], "people": 7}
    refused = phone.post("/p/table/who", data={"csrf": csrf(said.text), "organisations": "A, a", "people": "7"})
    assert refused.status_code == 400 and "staat er twee keer" in refused.text
    cleared = phone.post("/p/table/who", data={"csrf": csrf(said.text), "organisations": "", "people": ""})
    assert cleared.status_code == 200 and seats(cli, "-s", arena.room.ws.id)["tafel 2"] == {}
