"""What leaves the room (issue 20 §6): a table's small vote only in the total, and parts for an audience."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from tests.helpers.room import Arena, open_room, serve, to_statement
from tocht_cli.sessions.disclosure import BESIDE_SMALL, SMALL, kept_apart

SMALL_NOTE = "standpunt en handen alleen in het totaal: minder dan 3 stemmen"
ROOM_SMALL = "minder dan 3 stemmen: alleen in het totaal"  # the room's cell for a table's phones: votes, no position
ROOM_BESIDE = "alleen in het totaal, zodat de stemmen van een kleinere tafel niet uit te rekenen zijn"
BESIDE_NOTE = "handen alleen in het totaal, zodat de stemmen van een kleinere tafel niet uit te rekenen zijn"

A1 = "Je gaat gewoon in op wat er leeft bij mensen, we gaan niet op zoek naar wat het publiek zou willen. Het is een dunne lijn, maar toch: luisteren naar waar mensen in je gemeenschap mee zitten. Door je expertise kan je aanvoelen wat iets voor je publiek kan zijn."  # statement A1 in the kit: the room's part names it whole


@pytest.fixture
def three_tables(cli):
    """Three tables' hands on A1: 4+1 at tafel 1, 1+1 at tafel 2 (two people), 3+2+1 at tafel 3."""
    sid = cli("new", "Drie tafels", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3").stdout.strip()
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "4", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens", "--agree", "1", "--disagree", "1")
    cli("statements", "vote", "A1", "-g", "tafel 3", "-p", "eens", "--agree", "3", "--disagree", "2", "--unsure", "1")
    return sid


def part(md: str, heading: str) -> str:
    """The statements' Markdown under a `### heading`, up to the next heading of that level or above."""
    statements = md.split("## T1a · Stellingenspel", 1)[1]
    return statements.split(f"### {heading}\n", 1)[1].split("\n##", 1)[0]


# -- which tables are kept to the total ------------------------------------------------------------


def test_a_lone_small_table_takes_the_smallest_other_with_it_or_the_total_would_give_it_back():
    assert kept_apart({"a": 5, "b": 2, "c": 6}, 3) == {"b": SMALL, "a": BESIDE_SMALL}
    assert kept_apart({"a": 5, "b": 2, "c": 1}, 3) == {"b": SMALL, "c": SMALL}  # two small ones hide each other
    assert kept_apart({"a": 5, "b": 0, "c": 6}, 3) == {}  # no votes: nothing to hide
    assert kept_apart({"a": 2}, 3) == {}  # one table: its votes are the total
    assert kept_apart({"a": 5, "b": 2}, 1) == {}  # k = 1 shows every table


# -- every output --------------------------------------------------------------------------------


def test_markdown_keeps_a_small_tables_hands_to_the_total_and_says_why(cli, three_tables):
    md = cli("export").stdout
    assert "eens\u00a01 · oneens\u00a01" not in part(md, "Groep: tafel 2")  # tafel 2's two hands
    assert f"*A1: {SMALL_NOTE}*" in part(md, "Groep: tafel 2")
    assert f"*A1: {BESIDE_NOTE}*" in part(md, "Groep: tafel 1")  # 5 hands, but total − tafel 3 would give tafel 2's
    assert "eens\u00a03 · oneens\u00a02 · twijfel\u00a01" in part(md, "Groep: tafel 3")
    assert "eens\u00a08 · oneens\u00a04 · twijfel\u00a01" in part(md, "Totaal")  # every hand still counts
    (a1,) = [line for line in part(md, "Totaal").splitlines() if line.startswith("| A1 |") and "eens\u00a08" in line]
    assert "| eens | – | eens |" in a1  # below k no position either (at a table of one, that one's vote); beside it, a group's
    assert "| eens |" not in part(md, "Groep: tafel 2") and "| oneens |" not in part(md, "Groep: tafel 2")
    assert "| eens |" in part(md, "Groep: tafel 1")


def test_min_votes_on_export_and_stored_with_the_session(cli, run, three_tables):
    shown = cli("export", "--min-votes", "1").stdout
    assert SMALL_NOTE not in shown and "eens\u00a01 · oneens\u00a01" in shown
    run.workspace(three_tables).keep_min_votes(7)  # as `tocht room --min-votes 7` keeps it
    stored = cli("export").stdout
    assert "standpunt en handen alleen in het totaal: minder dan 7 stemmen" in part(stored, "Groep: tafel 3")  # 6 hands < 7
    assert json.loads(cli("show", "--json").stdout)["min_votes"] == 7


def test_html_and_pdf_say_it_in_the_tables_part(cli, three_tables, tmp_path):
    page = cli("export", "-f", "html").stdout
    parts = page.split('<section class="part">')
    (tafel_2,) = [p for p in parts if "<h3>Groep: tafel 2</h3>" in p and "Standpunt" in p]  # the statements' part
    (tafel_3,) = [p for p in parts if "<h3>Groep: tafel 3</h3>" in p and "Standpunt" in p]
    assert "eens 3 · oneens 2" in tafel_3 and "Handen" in tafel_3
    assert f'<p class="muted">A1: {SMALL_NOTE}</p>' in tafel_2 and "eens 1 · oneens 1" not in tafel_2
    cli("export", "-f", "pdf", "-o", str(tmp_path / "s.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "s.pdf").pages)
    assert "minder dan 3 stemmen" in re.sub(r"\s+", " ", text)


def test_show_keeps_it_to_the_total_too(cli, three_tables):
    shown = cli("show", "-e", "stellingen").stdout
    words = " ".join(shown.replace("\u00a0", " ").replace(" · ", " ").split())
    assert SMALL_NOTE in shown and "eens 1 oneens 1" not in words
    assert all(hands in words for hands in ("eens 3", "oneens 2", "twijfel 1"))  # tafel 3's, in its cell


@pytest.fixture
def voted(run, three_tables):
    """Phones on A1: 4 at tafel 1, 1 at tafel 2, 3 at tafel 3; revealed on the screen."""
    arena: Arena = open_room(run.workspace(three_tables))
    to_statement(arena)
    for table, positions in (("tafel 1", "eens eens eens oneens"), ("tafel 2", "oneens"), ("tafel 3", "eens twijfel twijfel")):
        for position in positions.split():
            arena.vote(arena.phone(table), position)
    screen = arena.screen()
    arena.control(screen, "reveal")
    yield arena, screen
    arena.close()


def test_the_screen_and_the_phones_show_a_small_table_only_in_the_total(voted):
    arena, screen = voted
    live = screen.get("/screen/live").text
    assert f'<td colspan="3" class="kept">{ROOM_SMALL}</td>' in live  # tafel 2: one phone
    assert f'class="kept">{ROOM_BESIDE}</td>' in live  # tafel 3, the smaller of the others
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td([^>]*)>', live)
    assert [(table, 'colspan="3" class="kept"' in cell) for table, cell in rows] == [
        ("tafel 1", False),
        ("tafel 2", True),
        ("tafel 3", True),
        ("Totaal", False),
    ]
    assert ROOM_SMALL in arena.phone("tafel 1").get("/p").text


def test_the_summarys_room_part_keeps_a_small_tables_phones_to_the_total(cli, voted):
    arena, _screen = voted
    room_part = cli("export", arena.room.ws.id).stdout.split("## De zaal", 1)[1]
    assert f"| A1 | {A1} | eens 3 · oneens 1 | {ROOM_SMALL} | {ROOM_BESIDE} | eens 4 · oneens 2 · twijfel 2 | nee |" in room_part


def test_a_small_tables_lone_phone_argument_is_not_printed_as_its_tables_answer(cli, run, three_tables):
    """The terminal trial: tafel 2's one phone argued "oneens"; its table never answered, yet every report printed
    the argument as tafel 2's while its position was kept to the total, so the room's part gave the vote away."""
    arena: Arena = open_room(run.workspace(three_tables))
    to_statement(arena)
    for table, position, argument in (("tafel 1", "eens", "Het leeft hier"), ("tafel 2", "oneens", "Wij voelen die druk niet")):
        for _n in range(4 if table == "tafel 1" else 1):
            arena.vote(arena.phone(table), position, argument)
    arena.close()
    md = cli("export", "--min-votes", "3").stdout
    assert "Het leeft hier" in part(md, "Groep: tafel 1")  # enough phones: the table's phones' words
    assert "Wij voelen die druk niet" not in part(md, "Groep: tafel 2") and SMALL_NOTE in part(md, "Groep: tafel 2")


# -- audiences --------------------------------------------------------------------------------------


def test_audience_marks_are_stored_listed_and_nest(cli, three_tables):
    assert json.loads(cli("audience", "--json").stdout) == dict.fromkeys(
        ["bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"], "room"
    )
    said = cli("audience", "stellingen", "network")
    assert "is now for the network" in said.stderr and said.stdout == ""
    cli("audience", "stappenplan", "public")
    assert json.loads(cli("audience", "stellingen", "--json").stdout) == {"stellingen": "network"}
    listed = [line.split()[:2] for line in cli("audience").stdout.splitlines()]
    assert listed[1] == ["stellingen", "network"] and listed[4] == ["stappenplan", "public"] and len(listed) == 7
    network, public, room = (cli("export", "--level", level) for level in ("network", "public", "room"))
    assert "- **Voor:** het netwerk" in network.stdout and "- **Voor:** het publiek" in public.stdout
    assert "## T1a · Stellingenspel" in network.stdout and "## T1a · Stellingenspel" not in public.stdout
    assert "## T4 · Stappenplan" in network.stdout and "## T4 · Stappenplan" in public.stdout
    assert "## T0 · Bingo" not in network.stdout and "## T0 · Bingo" in room.stdout
    assert "left out, not marked for the public: bingo, stellingen," in public.stderr
    assert "**Voor:**" not in cli("export").stdout  # no level asked: everything, unsaid
    cli("audience", "stellingen", "room")
    assert "audience" not in json.loads(cli("show", "--json").stdout) or "stellingen" not in json.loads(cli("show", "--json").stdout).get(
        "audience", {}
    )


def test_a_follow_up_keeps_the_earlier_meetings_audience_marks_and_says_so(cli, three_tables):
    """`new --from` dropped the marks, so the next meeting silently fell out of the network's dossier and hub."""
    cli("audience", "stellingen", "network")
    cli("audience", "stappenplan", "public")
    made = cli("new", "Juni", "--from", three_tables)
    assert "stellingen (the network), stappenplan (the public)" in made.stderr and "tocht audience" in made.stderr
    assert json.loads(cli("audience", "--json").stdout)["stellingen"] == "network"
    assert "Stellingen" in cli("export", "--level", "network").stdout
    assert "the network" not in cli("new", "Los").stderr  # nothing to carry without --from


def test_a_level_leaves_the_parts_out_of_html_csv_and_xlsx_too(cli, three_tables):
    cli("audience", "stappenplan", "network")
    page = cli("export", "-f", "html", "--level", "network").stdout
    assert "Stappenplan" in page and "Stellingenspel" not in page and "het netwerk" in page
    assert "stellingen" not in cli("export", "-f", "csv", "--level", "network").stdout


def test_a_json_export_is_the_whole_session_and_refuses_a_level(cli, three_tables):
    refused = cli("export", "-f", "json", "--level", "public", ok=False)
    assert refused.exit_code == 2 and "a JSON export is the whole session" in refused.stderr and refused.stdout == ""
    assert cli("audience", "stellingen", "everyone", ok=False).exit_code == 2


def test_the_marks_are_checked_when_read(cli, run, three_tables):
    """A mark edited by hand into something else keeps its part in the room; a k of the wrong type is damage."""
    run.store.update_session(three_tables, lambda r: {**r, "audience": {"stellingen": "everyone"}})
    assert "## T1a" not in cli("export", "--level", "network").stdout
    run.store.update_session(three_tables, lambda r: {**r, "min_votes": "drie"})
    assert cli("export", ok=False).exit_code == 5


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "xlsx"])
def test_no_output_option_writes_over_the_database(cli, three_tables, isolated_db, fmt):
    refused = cli("export", "-f", fmt, "--level", "public", "-o", str(isolated_db), ok=False)
    assert refused.exit_code != 0 and "tocht" in isolated_db.read_text(encoding="utf-8")


def test_the_options_help_is_dutch_and_english(cli):
    dutch = cli("--lang", "nl", "export", "--help").stdout
    assert "alleen in het totaal" in dutch and "Voor wie het verslag is" in dutch
    english = cli("--lang", "en", "export", "--help").stdout
    assert "shown only in the total" in english and "Who the summary is for" in english
    assert "Duid aan voor wie" in cli("--lang", "nl", "audience", "--help").stdout


def test_a_json_export_carries_k_and_the_marks_to_another_laptop(cli, run, three_tables, tmp_path):
    run.workspace(three_tables).keep_min_votes(4)
    cli("audience", "stellingen", "public")
    exported = tmp_path / "s.json"
    cli("export", "-f", "json", "-o", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["session"]["min_votes"] == 4 and doc["session"]["audience"] == {"stellingen": "public"}
    other = cli("import", str(exported), "--yes").stdout.strip()
    assert json.loads(cli("audience", "stellingen", "-s", other, "--json").stdout) == {"stellingen": "public"}
    assert "minder dan 4 stemmen" in cli("export", other).stdout
    doc["session"]["audience"] = {"stellingen": "everyone"}
    exported.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(exported), "--yes", ok=False)
    assert refused.exit_code == 4 and "an audience is one of room, network, public" in refused.stderr


def test_run_takes_min_votes_only_with_its_room(cli, three_tables):
    refused = cli("run", "--min-votes", "4", ok=False)
    assert refused.exit_code == 2 and "--min-votes goes with --room" in refused.stderr


def test_the_room_keeps_its_min_votes_with_the_session(cli, three_tables):
    served = serve(three_tables, "--min-votes", "5")
    code, _err = served.stop()
    assert code == 130 and json.loads(cli("show", "--json").stdout)["min_votes"] == 5
    assert "minder dan 5 stemmen" in cli("export").stdout  # a later export hides what the room hid


def test_a_kinds_own_listing_keeps_a_small_tables_hands_to_the_total_as_show_does(cli):
    """The trial: `tocht statements` showed a 1-vote table's hands though `show` hid them below k."""
    cli("new", "Klein", "-g", "tafel 1", "-g", "tafel 2")
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "1", "-g", "tafel 1")
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "4", "--disagree", "1", "-g", "tafel 2")
    listed = cli("statements").stdout
    assert f"A1: {SMALL_NOTE}" in listed  # tafel 1, said in the kit's words
    assert "eens 4 · oneens 1" not in listed  # tafel 2 beside it: the total would give tafel 1's back


def test_show_json_says_k_and_where_a_tables_hands_are_kept_to_the_total(cli, run):
    """What `show` leaves out of a small table's row, said to scripts: k, and each table and item (never the votes again)."""
    cli("new", "Klein", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3")
    for group, agree, disagree in (("tafel 1", "6", "2"), ("tafel 2", "1", "1"), ("tafel 3", "4", "2")):
        cli("statements", "vote", "A1", "--agree", agree, "--disagree", disagree, "-g", group)
    doc = json.loads(cli("show", "--json").stdout)
    assert doc["min_votes"] == 3
    assert doc["kept_to_total"] == [
        {"exercise": "stellingen", "group": "tafel 2", "item": "A1", "why": "small"},
        {"exercise": "stellingen", "group": "tafel 3", "item": "A1", "why": "beside small"},
    ]
    one = json.loads(cli("show", "--json", "-g", "tafel 1").stdout)
    assert one["min_votes"] == 3 and one["kept_to_total"] == []  # only the table asked for
    cli("export", "--min-votes", "1")  # an export's k is not the session's
    assert json.loads(cli("show", "--json").stdout)["min_votes"] == 3
    run.workspace(doc["id"]).keep_min_votes(1)
    shown = json.loads(cli("show", "--json").stdout)
    assert shown["min_votes"] == 1 and shown["kept_to_total"] == []


def test_what_has_changed_shows_the_earlier_meeting_only_as_far_as_it_let_its_parts_out(cli):
    march = cli("new", "Maart", "-g", "tafel 1", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Piet en Sara", "-g", "tafel 1")
    cli("new", "Juni", "--from", march, "-g", "tafel 1", "--date", "2027-06-01")
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Sara", "-g", "tafel 1")
    cli("audience", "stappenplan", "public")  # June's plan is public, March's stays in its room
    public = cli("export", "--level", "public").stdout
    assert "Piet en Sara" not in public and "Wat is er veranderd?" not in public
    cli("audience", "stappenplan", "public", "-s", march)
    assert "| Piet en Sara | Sara |" in cli("export", "--level", "public").stdout


def test_what_has_changed_keeps_a_small_tables_stance_to_the_total_as_every_other_part_does(cli):
    """The trial: tafel 3's one vote on A1 was only in the total everywhere, yet "Wat is er veranderd?" listed
    "tafel 3 | A1 | Standpunt | twijfel | eens", at the default level and at --level public alike."""
    tables = ("-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3")
    june = cli("new", "Juni", *tables, "--date", "2027-06-01").stdout.strip()
    for group, position, hands in (("tafel 1", "eens", "4 1 0"), ("tafel 2", "oneens", "1 3 0"), ("tafel 3", "twijfel", "2 1 2")):
        cli("statements", "vote", "A1", "-g", group, "-p", position, *counted(hands))
    cli("new", "Oktober", "--from", june, *tables, "--date", "2027-10-01")
    for group, position, hands in (("tafel 1", "oneens", "1 4 0"), ("tafel 2", "eens", "3 1 0"), ("tafel 3", "eens", "1 0 0")):
        cli("statements", "vote", "A1", "-g", group, "-p", position, *counted(hands))
    for session in (june, "Oktober"):
        cli("audience", "stellingen", "public", "-s", session)
    for level in ((), ("--level", "public")):
        changed = cli("export", *level).stdout.split("## Wat is er veranderd?")[1].split("\n## ")[0]
        assert "| tafel 1 " in changed and "| oneens |" in changed  # a table of 5 votes: its stance is told
        assert "tafel 3" not in changed, changed  # 1 vote now: neither its stance nor its hands
        assert "tafel 2" not in changed, changed  # the smallest table beside it: the total would give tafel 3 back


def counted(hands: str) -> list[str]:
    """'4 1 0' as the options of a vote: agree, disagree, unsure."""
    return [part for flag, n in zip(("--agree", "--disagree", "--unsure"), hands.split(), strict=True) for part in (flag, n)]


def test_a_table_beside_a_small_one_shows_its_position_and_replay_keeps_it_as_show_does(cli, keyed):
    """The trial: tafel 1 eens 5 2 1, tafel 2 oneens 1 1 0 (below k): every export printed "–" for both tables'
    position, and `replay` showed tafel 2's hands. Below k a table keeps hands and position to the total;
    beside it, only its hands (its position is a group's)."""
    cli("new", "Twee", "-g", "tafel 1", "-g", "tafel 2")
    cli("statements", "vote", "A1", "-g", "tafel 1", "-p", "eens", "--agree", "5", "--disagree", "2", "--unsure", "1")
    cli("statements", "vote", "A1", "-g", "tafel 2", "-p", "oneens", "--agree", "1", "--disagree", "1")
    md = cli("export").stdout
    assert "| eens |" in part(md, "Groep: tafel 1") and f"*A1: {BESIDE_NOTE}*" in part(md, "Groep: tafel 1")
    assert "| oneens |" not in part(md, "Groep: tafel 2") and f"*A1: {SMALL_NOTE}*" in part(md, "Groep: tafel 2")
    shown = " ".join(keyed("\r\rq", "replay", "-e", "stellingen").stdout.split())
    assert "eens 1 · oneens 1" not in shown and "eens 5 · oneens 2" not in shown  # neither table's hands
    assert ROOM_SMALL.split(":")[0] in shown and "oneens" not in shown.split("Standpunt", 1)[1].split("Handen", 1)[0]
    assert "Totaal: eens 6 · oneens 3 · twijfel 1" in shown  # the hands kept to the total are on the slide, in the total
