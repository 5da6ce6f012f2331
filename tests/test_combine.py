"""`tocht merge`, `tocht compare` and `tocht new --from`, on sessions with several groups."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import POSITIONS, Facilitator
from tests.helpers.files import ROOT, answers_file
from tocht_cli.render.blocks import Table

FULL = ROOT / "tests" / "data" / "full-session.json"


def sid(result) -> str:
    return result.stdout.strip()


@pytest.fixture
def two_tables(cli):
    """Two sessions held at once on two laptops, each with two groups."""
    a = sid(cli("new", "Laptop A", "--date", "2018-03-01", "--place", "CC Mechelen", "-g", "tafel 1", "-g", "tafel 2"))
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "4", "--disagree", "1", "-g", "tafel 1")
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "1", "--disagree", "5", "-g", "tafel 2")
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "-g", "tafel 1")
    b = sid(cli("new", "Laptop B", "--date", "2018-03-01", "--place", "CC Mechelen", "-g", "tafel 1", "-g", "tafel 3"))
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "6", "-g", "tafel 1")
    cli("challenges", "add", "te weinig tijd", "--regional", "samen plannen", "-g", "tafel 3")
    return a, b


def test_merge_keeps_each_sources_groups_apart_and_adds_up_the_totals(cli, isolated_db, two_tables):
    a, b = two_tables
    before = {p.name: p.read_bytes() for p in answers_file(isolated_db)}
    result = cli("merge", a, b, "--name", "Ontmoetingsdag Mechelen")
    merged = sid(result)
    session = json.loads(cli("show", merged, "--json").stdout)
    assert session["groups"] == ["Laptop A / tafel 1", "Laptop A / tafel 2", "Laptop B / tafel 1", "Laptop B / tafel 3"]
    assert session["date"] == "2018-03-01" and session["place"] == "CC Mechelen"
    assert [m["id"] for m in session["merged_from"]] == [a, b]
    assert len(session["answers"]) == 5
    md = cli("export", merged).stdout
    assert "- **Samengevoegd uit:** Laptop A (1 maart 2018); Laptop B (1 maart 2018)" in md
    assert "| eens | oneens | eens | – | `██████▒▒▒▒` eens\u00a011 · oneens\u00a06 |" in md  # A1's row of the totals
    assert "| Laptop B / tafel 3 | 1 | te weinig tijd | samen plannen |" in md
    assert {p.name: p.read_bytes() for p in answers_file(isolated_db) if p.name in before} == before  # sources untouched


def test_merge_of_imported_sessions_and_names_that_repeat(cli, tmp_path):
    first = sid(cli("import", str(FULL)))
    second = sid(cli("import", str(FULL), "--yes"))
    merged = sid(cli("merge", first, second, "--name", "Twee keer", "--date", "2017-09-08"))
    session = json.loads(cli("show", merged, "--json").stdout)
    assert session["groups"][0] == f"Ontmoetingsdag CC Strombeek ({first}) / tafel 1" and len(session["groups"]) == 4
    assert len(session["answers"]) == 2 * 118
    assert "`▞▞▞▞▞▞▞▞▞▞` gedaan 4" in cli("export", merged).stdout  # the four tables' status of a step, added up


@pytest.mark.parametrize(
    "extra, message",
    [
        ([], "at least two sessions"),
        (["same"], "named twice"),
    ],
)
def test_merge_refuses_nonsense(cli, two_tables, extra, message):
    a, _ = two_tables
    args = [a] + ([a] if extra == ["same"] else [])
    result = cli("merge", *args, "--name", "X", ok=False)
    assert result.exit_code == 2 and message in result.stderr


def test_merge_refuses_sessions_of_different_kits(cli, kit_copy, two_tables):
    kit_file = kit_copy / "kit.toml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8").replace('version = "1.0.0"', 'version = "1.1.0"'), encoding="utf-8")
    other = sid(cli("--kit", str(kit_copy), "new", "Andere kit"))
    result = cli("merge", two_tables[0], other, "--name", "X", ok=False)
    assert result.exit_code == 2 and "different kits" in result.stderr


@pytest.fixture
def follow_up(cli, two_tables):
    """A later meeting of laptop A's tables, where positions, roles, steps, checklist and rows changed."""
    a, _ = two_tables
    cli("steps", "set", "1", "--status", "gepland", "-g", "tafel 1", "-s", a)
    cli("checklist", "set", "3", "--status", "nog niet", "-g", "tafel 2", "-s", a)
    later = sid(cli("new", "Laptop A, zes maanden later", "--date", "2018-09-01", "--from", a))
    cli("statements", "vote", "A1", "-p", "twijfel", "--agree", "4", "--disagree", "1", "-g", "tafel 1")
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "1", "--disagree", "5", "-g", "tafel 2")
    cli("roles", "set", "1", "--now", "samen", "--future", "samen", "-g", "tafel 1")
    cli("steps", "set", "1", "--status", "gedaan", "-g", "tafel 1")
    cli("checklist", "set", "3", "--status", "aanwezig", "-g", "tafel 2")
    cli("challenges", "add", "geen zaal", "--regional", "delen", "-g", "tafel 2")
    return a, later


def test_new_from_takes_over_the_groups_and_records_where_it_follows(cli, follow_up):
    a, later = follow_up
    session = json.loads(cli("show", later, "--json").stdout)
    assert session["groups"] == ["tafel 1", "tafel 2"] and session["from"]["id"] == a
    assert "- **Vervolg op:** Laptop A (1 maart 2018)" in cli("export", later).stdout


def test_compare_shows_what_changed_per_group(cli, follow_up):
    a, later = follow_up
    changes = json.loads(cli("compare", a, later, "--json").stdout)["changes"]
    seen = {(c["exercise"], c["group"], c["what"], c["before"], c["after"]) for c in changes}
    assert ("stellingen", "tafel 1", "Standpunt", "eens", "twijfel") in seen
    assert ("rollen", "tafel 1", "vandaag", "programmator", "samen") in seen
    assert ("stappenplan", "tafel 1", "Status", "gepland", "gedaan") in seen
    assert ("allianties", "tafel 2", "Status", "nog niet", "aanwezig") in seen
    assert ("regio", "tafel 2", "geen zaal", "", "delen") in seen  # a row new in the later meeting
    assert {c["change"] for c in changes} == {"changed", "added"}  # stable English words for a script
    assert next(c for c in changes if c["what"] == "geen zaal")["change"] == "added"
    assert "toegevoegd" not in json.dumps(changes, ensure_ascii=False)  # the human words only in the text
    assert not any(c["exercise"] == "stellingen" and c["group"] == "tafel 2" for c in changes)  # unchanged
    md = cli("compare", a, later, "--format", "md").stdout
    assert "### Groep: tafel 1\n\n**A1. Je gaat gewoon in op wat er leeft bij mensen" in md and "…" not in md  # nothing cut
    assert "- *Standpunt:* eens → twijfel" in md
    table = cli("compare", a, later).stdout
    assert (
        "Wat is er veranderd?" in table
        and "twijfel" in table
        and "toegevoegd: geen zaal — delen" in table
        and "geen zaal: – →" not in table
    )


def test_the_compare_header_never_breaks_a_date_or_a_name_at_80_columns(cli, follow_up, monkeypatch):
    a, later = follow_up
    monkeypatch.setenv("COLUMNS", "80")
    header = cli("compare", a, later).stdout.split("\n\n")[0]
    lines = [line.strip().replace("\xa0", " ") for line in header.splitlines()]
    assert "Laptop A (1 maart 2018) →" in lines[0] and "Laptop A, zes maanden later (1 september 2018)" in lines[1:]


def test_compare_with_one_session_says_what_it_compares_it_with(cli, follow_up):
    a, later = follow_up  # the later one is the current session
    with_current = cli("compare", a)
    assert "one session given: compared with the current session" in with_current.stderr
    with_source = cli("compare", later)
    assert "the current session, compared with the session it follows up" in with_source.stderr
    assert with_source.stdout == with_current.stdout == cli("compare", a, later).stdout
    cli("use", a)  # a first meeting: it follows up nothing
    alone = cli("compare", a, ok=False)
    assert alone.exit_code == 2 and "follows up no earlier one" in alone.stderr and "tocht compare EARLIER LATER" in alone.stderr


def test_compare_shows_each_item_once_with_its_whole_text_at_80_columns(cli, follow_up, monkeypatch):
    """A statement whose position and arguments changed is one heading with two lines under it, and
    no word of the statement or of a long argument is cut at 80 columns."""
    a, later = follow_up
    argument = "Programmatoren kennen hun publiek, maar luisteren moet actiever: een bevraging na elke voorstelling"
    cli("statements", "vote", "A1", "-p", "twijfel", "--note", argument, "-g", "tafel 1")
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli("compare", a, later).stdout
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in shown
    words = " ".join(line.strip() for line in lines)
    statement = "A1. Je gaat gewoon in op wat er leeft bij mensen, we gaan niet op zoek naar wat het publiek zou willen."
    assert words.count(statement) == 1 and argument in words
    at = next(n for n, line in enumerate(lines) if line.startswith("  A1. "))
    fields = [line.strip().split(":")[0] for line in lines[at:] if line.startswith("    ") and not line.startswith("      ")]
    assert fields[:2] == ["Standpunt", "Belangrijkste argumenten"]
    assert "    Standpunt: eens → twijfel" in lines
    md = cli("compare", a, later, "-f", "md").stdout
    assert md.count(statement) == 1 and f"- *Belangrijkste argumenten:* – → {argument}" in md
    changes = json.loads(cli("compare", a, later, "--json").stdout)["changes"]
    a1 = [c for c in changes if c["item_id"] == "A1" and c["group"] == "tafel 1"]
    assert [c["what"] for c in a1] == ["Standpunt", "Belangrijkste argumenten"] and a1[1]["after"] == argument
    assert all(c["item"].startswith(statement) for c in a1)  # whole, for a script that prints it


def test_compare_a_session_with_itself_and_unmatched_groups(cli, two_tables):
    a, b = two_tables
    same = cli("compare", a, a, ok=False)
    assert same.exit_code == 2 and "both refer to session" in same.stderr
    copy = sid(cli("new", "Kopie", "--from", a))
    for g, position in (("tafel 1", "eens"), ("tafel 2", "oneens")):
        cli(
            "statements",
            "vote",
            "A1",
            "-p",
            position,
            "--agree",
            "4" if g == "tafel 1" else "1",
            "--disagree",
            "1" if g == "tafel 1" else "5",
            "-g",
            g,
        )
    cli("roles", "set", "1", "--now", "programmator", "--future", "samen", "-g", "tafel 1")
    assert cli("compare", a, copy).stdout.strip() == "Er is niets veranderd."
    assert "Er is niets veranderd." in cli("compare", a, copy, "-f", "md").stdout
    changes = json.loads(cli("compare", a, b, "--json", "--all").stdout)["changes"]
    groups = {c["group"] for c in changes}
    assert groups == {"tafel 1", "tafel 2", "tafel 3"}  # tafel 2 only in A, tafel 3 only in B
    found = json.loads(cli("compare", a, b, "--json").stdout)
    assert {c["group"] for c in found["changes"]} == {"tafel 1", "tafel 3"}
    assert {(p["exercise"], p["group"]) for p in found["not_discussed"]} == {("stellingen", "tafel 2"), ("rollen", "tafel 1")}


def test_compare_counts_what_the_later_meeting_has_not_discussed(cli):
    """A follow-up that has discussed two items is two changes, not hundreds of lines."""
    full = sid(cli("import", str(FULL)))
    later = sid(cli("new", "Een jaar later", "--from", full))
    cli("statements", "vote", "A1", "-p", "twijfel", "-g", "tafel 1")
    cli("statements", "vote", "A1", "-p", "oneens", "-g", "tafel 2")
    doc = json.loads(cli("compare", full, later, "--json").stdout)
    # what each table said of A1 this time: its position; hands and arguments it did not give again are emptied, said so
    said = [(c["group"], c["what"]) for c in doc["changes"]]
    assert said == [
        ("tafel 1", "Standpunt"),
        ("tafel 1", "Handen"),
        ("tafel 1", "Belangrijkste argumenten"),
        ("tafel 2", "Handen"),
        ("tafel 2", "Belangrijkste argumenten"),
    ]
    assert sum(p["items"] for p in doc["not_discussed"]) > 50
    everything = json.loads(cli("compare", full, later, "--json", "--all").stdout)
    assert len(everything["changes"]) > 5 * len(doc["changes"]) and everything["not_discussed"] == []
    table = cli("compare", full, later).stdout
    assert "nog niet besproken: " in table and "(tafel 1: " in table
    waiting = [line for line in table.splitlines() if "nog niet besproken: " in line]
    assert len(waiting) > 1 and all(line.startswith("  nog niet besproken: ") for line in waiting)  # under a table too
    assert len(table.splitlines()) < len(cli("compare", full, later, "--all").stdout.splitlines()) / 5
    md = cli("compare", full, later, "-f", "md").stdout
    assert "_nog niet besproken: " in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings[0].startswith("## T1a · Stellingenspel")  # the kit's order


def test_compare_lists_a_field_the_later_meeting_left_empty(cli, session):
    """The trial's follow-up left a statement's arguments empty (they are said anew each meeting) and neither
    compare nor the handouts said so while they listed the position: an answered item's emptied field is a change."""
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "3", "--disagree", "2", "--note", "via residenties")
    later = sid(cli("new", "Vervolg", "--from", session))
    cli("statements", "vote", "A1", "-p", "eens")
    doc = json.loads(cli("compare", session, later, "--json").stdout)
    assert [(c["what"], c["after"]) for c in doc["changes"]] == [("Standpunt", "eens"), ("Handen", ""), ("Belangrijkste argumenten", "")]
    assert doc["changes"][2]["before"] == "via residenties" and doc["not_discussed"] == []
    assert "via residenties → –" in cli("compare", session, later).stdout
    assert "via residenties" in cli("export", later, "--format", "md").stdout.split("## Voortgang")[0]


def test_what_a_follow_up_carries_is_kept_when_it_is_made(cli, session):
    """The trial's `tocht delete A` took B's "(vorige keer)" rows out of B's show and exports: what a
    follow-up carries is kept in its record when it is made: deleting the earlier session takes none away."""
    cli("steps", "set", "1", "--action", "Koffie met de schepen", "--who", "Els", "--status", "gepland")
    later = sid(cli("new", "Vervolg", "--from", session))
    carried = ["Koffie met de schepen (vorige\xa0keer)", "Els (vorige\xa0keer)"]
    cli("delete", session, "--yes")
    md = cli("export", later, "--format", "md").stdout
    assert all(said in md for said in carried)
    assert "Els (vorige\xa0keer)" in cli("show", later, "-e", "T4").stdout


def test_compare_shows_a_status_given_without_its_action(cli, session):
    """gepland → gedaan is a change without `--all`, though the later meeting gave only the status."""
    cli("steps", "set", "2", "--action", "koffie met de schepen", "--who", "Els", "--status", "gepland")
    later = sid(cli("new", "Vervolg", "--from", session))
    cli("steps", "set", "2", "--status", "gedaan")
    doc = json.loads(cli("compare", session, later, "--json").stdout)
    assert [(c["what"], c["before"], c["after"]) for c in doc["changes"]] == [("Status", "gepland", "gedaan")]
    assert doc["not_discussed"] == [] and "gepland" in cli("compare", session, later).stdout


def test_run_shows_the_earlier_answers_and_records_none_it_is_not_told_to_take_over(keyed, cli, follow_up):
    a, _ = follow_up
    cli("new", "Derde keer", "--from", a)
    room = Facilitator()
    room.begin()
    room.skip()  # A1: "vorige keer: eens — Enter neemt het over" first; skipped, nothing taken over
    room.stop_with_ctrl_c()  # at A2
    keyed(room.keys, "run", "-e", "stellingen", "-g", "tafel 1", code=130)
    assert "A1" not in json.loads(cli("statements", "--json", "-g", "tafel 1").stdout)["tafel 1"]


def test_defaults_survive_the_earlier_session_being_deleted(keyed, cli, follow_up):
    a, later = follow_up
    cli("delete", a, "--yes")
    cli("use", later)
    room = Facilitator()
    room.begin()
    room.choose("oneens", among=POSITIONS, shown="oneens")  # A1: as this session answered it
    room.keep()  # its hands
    room.keep()  # its note
    room.stop_with_ctrl_c()  # at A2
    keyed(room.keys, "run", "-e", "stellingen", "-g", "tafel 2", code=130)
    assert json.loads(cli("statements", "--json", "-g", "tafel 2").stdout)["tafel 2"]["A1"]["position"] == "oneens"


def test_deleting_a_followed_up_session_says_so_and_compare_reads_what_was_kept(cli, follow_up):
    """The trial's `delete A` gave no warning that B follows from it, then `compare B` refused (exit 3) although
    B keeps what it carried: the confirmation names the follow-up, compare reads the kept copy and says so."""
    a, later = follow_up
    asked = cli("delete", a, ok=False)  # no terminal: the question is in the refusal, with what to type
    assert "'Laptop A, zes maanden later' follows up on it and keeps a copy of its answers." in asked.stderr
    assert "no terminal to answer on, so nothing was changed" in asked.stderr
    assert f"to go ahead anyway, type: tocht delete {a} --yes" in asked.stderr
    cli("new", "Nog later", "--from", a)
    assert "'Laptop A, zes maanden later', 'Nog later' follow up on it" in cli("delete", a, ok=False).stderr  # two, by name
    cli("use", later)
    live = json.loads(cli("compare", later, "--json").stdout)
    cli("delete", a, "--yes")
    kept = cli("compare", later)
    assert "'Laptop A' was deleted: compared with the copy of its answers 'Laptop A, zes maanden later' kept" in kept.stderr
    assert "Laptop A (1 maart 2018, verwijderd)" in kept.stdout.replace("\xa0", " ") and "Status: gepland → gedaan" in kept.stdout
    assert "Standpunt: eens → twijfel" in kept.stdout  # the statements' changes too, as against the live meeting
    assert json.loads(cli("compare", later, "--json").stdout) == live


def test_deleting_a_meeting_first_refreshes_what_its_follow_ups_keep(cli, follow_up):
    """A step planned in A after B was made vanished from B once A was deleted: B's kept copy is refreshed."""
    a, later = follow_up
    cli("steps", "set", "2", "--action", "Zaal boeken", "--who", "Jan", "--status", "bezig", "-g", "tafel 1", "-s", a)
    before = cli("show", later, "-e", "stappenplan", "-g", "tafel 1").stdout
    cli("delete", a, "--yes")
    after = cli("show", later, "-e", "stappenplan", "-g", "tafel 1").stdout
    assert "Zaal boeken (vorige\xa0keer)" in before
    assert after.split("Voortgang")[1] == before.split("Voortgang")[1]  # only "Vervolg op" now says "verwijderd"
    for fmt in ("md", "html"):
        assert "Zaal boeken" in cli("export", later, "--format", fmt).stdout
    changes = cli("export", later, "--format", "md").stdout.split("## Wat is er veranderd?")[1].split("\n## ")[0]
    assert "Laptop A (1 maart 2018, verwijderd): vergeleken met de kopie van haar antwoorden" in changes
    assert "| 1. leer elkaar kennen | Status | gepland | gedaan |" in changes


def test_compare_names_the_group_counts_table_rows_and_shows_zero_hands(cli):
    """Two tables, one of which changed: the change is under its group's title (terminal and Markdown);
    a regional table of three rows not discussed yet counts three; hands keep a recorded 0."""
    earlier = sid(cli("new", "Najaar", "-g", "tafel 1", "-g", "tafel 2"))
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "6", "--disagree", "1", "--unsure", "1", "-g", "tafel 1")
    for challenge in ("geen zaal", "geen bus", "geen geld"):
        cli("challenges", "add", challenge, "--regional", "samen", "-g", "tafel 2")
    later = sid(cli("new", "Voorjaar", "--from", earlier))
    cli("statements", "vote", "A1", "-p", "oneens", "--agree", "2", "--disagree", "6", "--unsure", "0", "-g", "tafel 1")
    table = cli("compare", earlier, later).stdout
    assert "Groep: tafel 1\n  A1. " in table
    assert "Handen: eens 6 · oneens 1 · twijfel 1 → eens 2 · oneens 6 · twijfel 0" in table
    waiting = "nog niet besproken: 3 (tafel 2: Wat als we de nieuwe allianties vooral regionaal uitbouwen?)"
    assert waiting in " ".join(table.split())  # named by its whole title (wrapped), not only counted
    md = cli("compare", earlier, later, "-f", "md").stdout
    assert "### Groep: tafel 1\n\n**A1. " in md and f"_{waiting}_" in md
    doc = json.loads(cli("compare", earlier, later, "--json").stdout)
    assert {c["group"] for c in doc["changes"]} == {"tafel 1"}
    assert doc["not_discussed"] == [
        {"exercise": "regio", "group": "tafel 2", "items": 3, "named": ["Wat als we de nieuwe allianties vooral regionaal uitbouwen?"]}
    ]


def test_compare_lists_a_row_added_without_details(cli):
    """An alliance added in the later meeting, its purpose not given yet, is a change (it was left out)."""
    earlier = sid(cli("new", "Najaar", "-g", "tafel 1", "-g", "tafel 2"))
    later = sid(cli("new", "Voorjaar", "--from", earlier))
    cli("alliances", "add", "Samenwerking met de bib", "-g", "tafel 2")
    table = cli("compare", earlier, later).stdout
    assert "toegevoegd: Samenwerking met de bib\n" in table and "– →" not in table
    doc = json.loads(cli("compare", earlier, later, "--json").stdout)
    got = [(c["group"], c["what"], c["after"], c["change"]) for c in doc["changes"]]
    assert got == [("tafel 2", "Samenwerking met de bib", "", "added")]


def test_compare_lists_a_row_of_last_time_that_is_gone_and_marks_an_added_one(cli):
    """A regional challenge of last time dropped, an alliance added with its purpose: both said as such."""
    earlier = sid(cli("new", "Najaar"))
    cli("challenges", "add", "geen zaal", "--regional", "samen")
    cli("challenges", "add", "geen bus", "--regional", "delen")
    later = sid(cli("new", "Voorjaar", "--from", earlier))
    cli("challenges", "add", "geen bus", "--regional", "delen")  # "geen zaal" not taken over
    cli("alliances", "add", "Kunstencentrum Vooruit", "--purpose", "Residenties delen")
    table = cli("compare", earlier, later).stdout
    assert "verwijderd: geen zaal — samen" in table and "geen bus" not in table
    assert "toegevoegd: Kunstencentrum Vooruit — Residenties delen" in table
    md = cli("compare", earlier, later, "-f", "md").stdout
    assert "- *verwijderd:* geen zaal — samen" in md and "- *toegevoegd:* Kunstencentrum Vooruit — Residenties delen" in md
    doc = json.loads(cli("compare", earlier, later, "--json").stdout)
    got = {(c["what"], c["before"], c["after"], c["change"]) for c in doc["changes"]}
    assert got == {("geen zaal", "samen", "", "removed"), ("Kunstencentrum Vooruit", "", "Residenties delen", "added")}


def test_a_follow_ups_markdown_opens_with_what_changed_as_the_handout_does(cli, follow_up, run):
    """The trial's Markdown of a follow-up had no "Wat is er veranderd?" (HTML and PDF had it): the same
    table, in the same order, under the session's details."""
    from tocht_cli.reports.handout import session_handout

    _, later = follow_up
    md = cli("export", later, "--format", "md").stdout
    assert md.index("## Wat is er veranderd?") < md.index("## Voortgang")
    printed = session_handout(run.workspace(later)).summary
    assert printed is not None and printed.parts[0].title == "Wat is er veranderd?"
    tables = [b for b in printed.parts[0].blocks if isinstance(b, Table)]
    shown = md.split("## Wat is er veranderd?")[1].split("\n## ")[0]
    nows = [row[-1] for table in tables for row in table.rows]
    assert {"twijfel", "gedaan", "aanwezig"} <= set(nows)
    lines = [line for line in shown.splitlines() if line.startswith("| ") and not line.startswith("| --") and "| nu |" not in line]
    assert [line.rstrip(" |").rsplit("| ", 1)[1] for line in lines] == nows  # the same rows, in the handout's order


def test_a_follow_ups_changes_table_is_grouped_by_exercise_with_whole_items_and_new_answers_said_so(cli, follow_up, run):
    """The trial's table repeated each exercise's title on every row, had a header cell blank and said a first answer
    as "– → eens": per exercise a heading and a table, every header named, "nieuw: …" for a first answer. Each item is
    given whole (its number and first words, cut with "…", said less than the change beside it: room trial, issue 18)."""
    from tocht_cli.render.blocks import Heading
    from tocht_cli.reports.handout import session_handout

    _, later = follow_up
    cli("statements", "vote", "A2", "-p", "eens", "-g", "tafel 1")  # A2 had no answer last time
    printed = session_handout(run.workspace(later)).summary
    assert printed is not None
    blocks = printed.parts[0].blocks
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings[0].startswith("T1a · Stellingenspel") and len(headings) == len(set(headings)) > 1
    tables = [b for b in blocks if isinstance(b, Table)]
    assert all(all(table.headers) for table in tables) and tables[0].headers == ("Groep", "Onderdeel", "Wat", "toen", "nu")
    texts = {
        f"{i.id}. {i.text}"
        for i in run.workspace(later).kit.exercise("stellingen").kind.items(run.workspace(later).kit.exercise("stellingen"))
    }
    items = [row[1] for row in tables[0].rows if isinstance(row[1], str)]  # each item's first row
    assert items and all(item in texts for item in items) and any(len(item) > 100 for item in items)
    assert ("", "nieuw: eens") in [row[-2:] for row in tables[0].rows]
    assert not any(row[-2] == "–" for table in tables for row in table.rows)  # never "– → …"
    md = cli("export", later, "--format", "md").stdout.split("## Voortgang")[0]
    assert md.count("T1a · Stellingenspel") == 1 and "| nieuw: eens |" in md


def test_every_row_of_the_changes_table_names_its_group_and_part_on_a_phones_card(cli, follow_up, run):
    """The trial at 360 px: the 2nd and 3rd card of an item had no "Onderdeel", and the plan's header rows an
    empty one: every row names its group and part (the plan's header by the exercise's title); where the rows
    are read together (wide tables, Markdown) the repeats stay out of sight."""
    from tocht_cli.render.blocks import Cell
    from tocht_cli.reports.handout import session_handout
    from tocht_cli.reports.html import table as html_table

    _, later = follow_up
    cli("steps", "target", "--whom", "de schepen", "-g", "tafel 1")  # the plan's header: new this time
    cli("steps", "set", "1", "--who", "Jan", "-g", "tafel 1")  # a second field of step 1 changed
    printed = session_handout(run.workspace(later)).summary
    assert printed is not None
    blocks = printed.parts[0].blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    rows = [row for table in tables for row in table.rows]
    assert all(row[0] and row[1] for row in rows)  # Groep and Onderdeel on every row
    plan = next(b for n, b in enumerate(blocks) if isinstance(b, Table) and blocks[n - 1].text.startswith("T4")).rows
    assert plan[0][1].startswith("Stappenplan om cultuur") and plan[1][1] == "1. leer elkaar kennen"
    assert plan[2][1] == Cell("1. leer elkaar kennen", "again") and plan[2][0] == Cell("tafel 1", "again")
    page = html_table(Table(tables[0].headers, plan))
    assert '<td data-label="Onderdeel"><span class="again">1. leer elkaar kennen</span></td>' in page
    css = (ROOT / "tocht_cli" / "reports" / "html" / "templates" / "handout.css").read_text(encoding="utf-8")
    phone = css[css.index("@media screen and (max-width: 50rem)") :]
    assert ".again { display: none; }" in css and "table.answers .again { display: inline;" in phone
    md = cli("export", later, "--format", "md").stdout
    assert "|  |  | Status | gepland | gedaan |" in md  # Markdown's rows are read together: each item once


def test_compare_of_a_follow_up_whose_earlier_meeting_was_deleted_says_so_with_another_session_current(cli, follow_up):
    """The trial's `compare B` with another session current, after B's earlier meeting A was deleted,
    compared B with that unrelated current session; `show` and the export still named A as if it were there."""
    a, later = follow_up
    cli("new", "Iets anders")
    cli("delete", a, "--yes")
    kept = cli("compare", later)
    assert "'Laptop A' was deleted: compared with the copy of its answers" in kept.stderr
    assert "Laptop A (1 maart 2018, verwijderd)" in kept.stdout.replace("\xa0", " ")
    assert "Vervolg op: Laptop A (1 maart 2018, verwijderd)" in cli("show", later).stdout
    assert "- **Vervolg op:** Laptop A (1 maart 2018, verwijderd)" in cli("export", later).stdout


def test_compare_of_a_follow_up_that_kept_nothing_of_its_deleted_meeting_says_so(cli, follow_up, isolated_db):
    """A follow-up's file from before follow-ups kept what they carried: compare refuses, naming the meeting."""
    a, later = follow_up
    cli("delete", a, "--yes")
    path = next(p for p in answers_file(isolated_db) if p.stem == later)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for meta in doc["meta"].values():
        meta["record"].pop("carried", None)
        meta["record"].pop("kept", None)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    gone = cli("compare", later, ok=False)
    assert gone.exit_code == 3 and "Traceback" not in gone.stderr and gone.stdout == ""
    assert "follows up, 'Laptop A', was deleted" in gone.stderr and f"tocht compare EARLIER {later}" in gone.stderr


def test_compare_of_a_follow_up_with_an_unrelated_session_current_takes_its_earlier_meeting(cli, follow_up):
    a, later = follow_up
    cli("new", "Iets anders")
    said = cli("compare", later, "--json")
    assert json.loads(said.stdout)["before"] == a and json.loads(said.stdout)["after"] == later
    assert "follows up" in said.stderr or "vervolg" in said.stderr.lower()


def test_a_follow_ups_carried_steps_read_as_questions_and_answers_without_question_colon(cli, monkeypatch):
    """The trial's `show` printed "Welke concrete actie?: …" at T4 of a follow-up: the carried values'
    "(vorige keer)" made the table too wide, and its rows stacked as "header: value" whatever the header."""
    first = sid(cli("new", "Eerste", "-g", "tafel 1", "-g", "tafel 2"))
    cli("steps", "set", "1", "--action", "kennismakingsavond organiseren", "--who", "Els", "--by", "15/01/2027", "-g", "tafel 1")
    cli("new", "Vervolg", "--from", first)
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli("show").stdout
    assert "Welke concrete actie? kennismakingsavond organiseren (vorige\xa0keer)" in shown
    assert "?:" not in shown


def test_merge_carries_what_each_room_did_to_its_list_and_words_so_the_result_shows_what_the_rooms_showed(cli, run):
    from tests.helpers.room import csrf, open_room
    from tocht_cli.kinds.upvotes import entry_key

    first, second = (sid(cli("new", name, "-g", "tafel 1")) for name in ("Halle", "Vilvoorde"))
    arena = open_room(run.workspace(first))
    arena.room.goto(arena.room.kit.exercise("regio-room"), "room")
    phone = arena.phone("tafel 1")
    for text in ("Een gedeelde kalender", "Gezamenlijke kalender"):
        assert phone.post("/p/propose", data={"csrf": csrf(phone.get("/p").text), "item": "room", "text": text}).status_code == 200
    arena.room.merge(entry_key("Gezamenlijke kalender"), entry_key("Een gedeelde kalender"))
    arena.close()
    arena = open_room(run.workspace(second))
    arena.room.goto(arena.room.kit.exercise("regio-room"), "room")
    phone = arena.phone("tafel 1")
    for text in ("Te veel vergaderingen", "Mobiliteit"):
        assert phone.post("/p/propose", data={"csrf": csrf(phone.get("/p").text), "item": "room", "text": text}).status_code == 200
    arena.room.hide_argument(entry_key("Te veel vergaderingen"), True)
    arena.room.goto(arena.room.kit.exercise("vocabularium-room"), "room")
    words = {"csrf": csrf(phone.get("/p").text), "exercise": "vocabularium-room", "item": "room", "words": "scheldwoord, ontmoeting"}
    assert phone.post("/p/vote", data=words, follow_redirects=False).status_code == 303
    (device,) = {b["device"] for b in run.store.ballots(second) if b["exercise"] == "vocabularium-room"}
    arena.room.hide_argument(device, True)  # a word kept off the screen: a device's answer, flagged on its ballot
    arena.close()
    merged = sid(cli("merge", first, second, "--name", "Regio"))
    state = run.store.room(merged)
    assert state["merged"] == {f"regio-room/room#{entry_key('Gezamenlijke kalender')}": entry_key("Een gedeelde kalender")}
    assert f"regio-room/room#{entry_key('Te veel vergaderingen')}" in state["hidden"]
    room_part = cli("export", merged).stdout.split("## De zaal")[1]
    assert "Een gedeelde kalender" in room_part and "Mobiliteit" in room_part
    assert "Gezamenlijke kalender" not in room_part and "Te veel vergaderingen" not in room_part
    assert "scheldwoord" not in room_part and "ontmoeting" not in room_part


def test_compare_keeps_a_small_tables_votes_to_the_total_and_says_how_many_changes_it_left_out(cli, run):
    """k (issue 20 §6) where compare breaks results down per table: tafel 2's two votes, and tafel 3 beside it (the
    total less tafel 1 would give them back), are not told by their changes; tafel 1's are."""
    earlier = sid(cli("new", "Najaar", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3"))
    for group, agree, disagree in (("tafel 1", "6", "2"), ("tafel 2", "1", "1"), ("tafel 3", "4", "2")):
        cli("statements", "vote", "A1", "--agree", agree, "--disagree", disagree, "-g", group)
    later = sid(cli("new", "Voorjaar", "--from", earlier))
    for group, agree, disagree in (("tafel 1", "2", "6"), ("tafel 2", "2", "0"), ("tafel 3", "3", "3")):
        cli("statements", "vote", "A1", "--agree", agree, "--disagree", disagree, "-g", group)
    note = (
        "1 wijziging in de stemmen van een tafel is weggelaten, zodat een tafel met minder dan 3 stemmen niet te herkennen is (tafel 2 A1)"
    )
    beside = "1 wijziging in de stemmen van een grotere tafel is weggelaten, zodat de stemmen van een kleinere tafel er niet uit af te leiden zijn (tafel 3 A1)"
    table = cli("compare", earlier, later).stdout
    assert (
        "eens 6 · oneens 2 · twijfel 0 → eens 2 · oneens 6 · twijfel 0" in table
        and "eens 1 · oneens 1" not in table
        and "eens 4" not in table
    )
    assert note in " ".join(table.split()) and beside in " ".join(table.split())  # tafel 3's 6 hands: not "fewer than 3"
    md = cli("compare", earlier, later, "-f", "md").stdout
    assert (
        "eens 6 · oneens 2 · twijfel 0 → eens 2 · oneens 6 · twijfel 0" in md
        and "eens 1 · oneens 1" not in md
        and f"_{note}_" in md
        and f"_{beside}_" in md
    )
    doc = json.loads(cli("compare", earlier, later, "--json").stdout)
    assert doc["min_votes"] == 3 and {c["group"] for c in doc["changes"] if c["item_id"] == "A1"} == {"tafel 1"}
    assert doc["kept_to_total"] == [{"exercise": "stellingen", "group": g, "item": "A1"} for g in ("tafel 2", "tafel 3")]
    assert "eens 1" not in json.dumps(doc, ensure_ascii=False)  # where, never what
    run.workspace(later).keep_min_votes(1)  # k is the session's (a room given --min-votes 1 keeps it): every table shown
    assert "eens 1 · oneens 1 · twijfel 0 → eens 2 · oneens 0 · twijfel 0" in cli("compare", earlier, later).stdout


def test_compare_names_a_plans_header_and_a_list_not_discussed_by_what_they_ask(cli, session):
    """The trials: "nog niet besproken: 1 (groep 1: Stappenplan om cultuur op de politieke …)" cut the title, and the
    whole title under its own heading said nothing of what was not discussed: the header's questions, the list's label."""
    cli("steps", "target", "--whom", "de schepen", "--municipality", "Asse")
    cli("vocabulary", "add-word", "publiekswerking")
    later = sid(cli("new", "Later", "--from", session))
    waiting = json.loads(cli("compare", session, later, "--json").stdout)["not_discussed"]
    assert ["Bij wie? · Welke gemeente?"] in [p["named"] for p in waiting]
    assert ["Woorden voor een gedeeld vocabularium"] in [p["named"] for p in waiting]
    table = " ".join(cli("compare", session, later).stdout.split())
    assert "(groep 1: Bij wie? · Welke gemeente?)" in table and "politieke …" not in table
