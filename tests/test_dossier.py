"""`tocht dossier`: three meetings of one network side by side, in every format, the same bytes in any order."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.files import ROOT, golden
from tocht_cli.base.errors import ExitCode

MEETINGS = (
    ("Netwerk maart", "2027-03-12", "CC Merchtem", ("tafel 1", "tafel 2")),
    ("Netwerk juni", "2027-06-18", "CC Merchtem", ("tafel 1", "CC Asse")),
    ("Netwerk oktober", "2027-10-02", "GC Ter Linde", ("tafel 1",)),
)
# who sat where: the Asse table is "tafel 2" in March and "CC Asse" in June, the same organisations around it
SEATS = {
    "Netwerk maart": ("--org", "tafel 1=CC Merchtem", "--org", "tafel 2=Bib Asse", "--org", "tafel 2=CC Asse", "--people", "tafel 1=6"),
    "Netwerk juni": ("--org", "tafel 1=CC Merchtem", "--org", "CC Asse=cc  asse", "--people", "tafel 1=5", "--people", "CC Asse=3"),
    "Netwerk oktober": (),
}
ANSWERS = (
    ("maart", "statements", "vote", "A1", "-p", "eens", "--agree", "5", "--disagree", "1", "-g", "tafel 1"),
    ("maart", "statements", "vote", "A1", "-p", "eens", "--agree", "4", "-g", "tafel 2"),
    ("maart", "statements", "vote", "A2", "-p", "oneens", "--agree", "1", "--disagree", "1", "-g", "tafel 1"),
    ("maart", "statements", "vote", "A2", "-p", "oneens", "--disagree", "6", "-g", "tafel 2"),
    (
        "maart",
        "steps",
        "set",
        "1",
        "--action",
        "Schepen uitnodigen",
        "--who",
        "Ann",
        "--by",
        "2027-05-01",
        "--status",
        "gepland",
        "-g",
        "tafel 1",
    ),
    ("maart", "steps", "set", "2", "--action", "Verhaal schrijven", "--who", "Bart", "--status", "bezig", "-g", "tafel 2"),
    ("maart", "challenges", "add", "Het provinciaal bestuursniveau verdwijnt", "--regional", "Samen", "-g", "tafel 1"),
    ("maart", "challenges", "add", "Te weinig jongeren", "-g", "tafel 2"),
    ("juni", "statements", "vote", "A1", "-p", "oneens", "--agree", "1", "--disagree", "6", "-g", "tafel 1"),
    ("juni", "statements", "vote", "A1", "-p", "oneens", "--disagree", "5", "-g", "CC Asse"),
    ("juni", "steps", "set", "1", "--by", "2027-09-01", "--status", "bezig", "-g", "tafel 1"),
    ("juni", "steps", "set", "2", "--status", "gedaan", "-g", "CC Asse"),
    ("juni", "challenges", "add", "het provinciaal  bestuursniveau verdwijnt", "-g", "tafel 1"),
    ("juni", "challenges", "add", "Te weinig jongeren", "-g", "CC Asse"),
    ("oktober", "statements", "vote", "A1", "-p", "oneens", "--agree", "2", "--disagree", "7"),
    ("oktober", "steps", "set", "1", "--status", "gedaan"),
    ("oktober", "challenges", "add", "Te weinig jongeren"),
)


@pytest.fixture
def network(cli) -> list[str]:
    """Three meetings, each following up the one before: a flip, a step done after months, a challenge back."""
    ids: list[str] = []
    for name, date, place, tables in MEETINGS:
        follow = ["--from", ids[-1]] if ids else []
        groups = [arg for table in tables for arg in ("-g", table)]
        made = cli("new", name, "--date", date, "--place", place, "--facilitator", "X", *groups, *follow, *SEATS[name], "--json").stdout
        ids.append(json.loads(made)["id"])
    for session, *command in ANSWERS:
        cli(*command, "-s", session)
    return ids


def dossier_json(cli, *args: str) -> dict:
    return json.loads(cli("dossier", *args, "--json").stdout)


def test_golden_markdown_of_three_meetings(cli, network):
    golden("dossier.md", cli("dossier", *network).stdout)


def test_a_position_that_flipped_is_named(cli, network):
    (a1,) = [s for s in dossier_json(cli, *network)["statements"] if s["id"] == "A1"]
    assert [(s["position"], s["flipped"]) for s in a1["stances"]] == [("eens", False), ("oneens", True), ("oneens", False)]
    assert a1["stances"][0]["hands"] == {"eens": 9, "oneens": 1}


def test_a_table_below_k_shows_only_in_the_total(cli, network):
    (a2,) = [s for s in dossier_json(cli, *network)["statements"] if s["id"] == "A2"]
    (stance,) = a2["stances"]
    assert stance["hands"] == {"eens": 1, "oneens": 7}  # every hand still counts
    assert stance["table_hands"] == {} and stance["kept_to_total"] == ["tafel 1", "tafel 2"]  # 2 hands, and the one beside it
    assert stance["tables"] == {"tafel 1": None, "tafel 2": "oneens"}  # the small one's position is a vote; beside it, a group's
    assert "tafel 1 (CC Merchtem): alleen in het totaal ·" in cli("dossier", *network).stdout
    shown = dossier_json(cli, *network, "--min-votes", "1")["statements"][1]["stances"][0]
    assert shown["kept_to_total"] == [] and shown["table_hands"]["tafel 1"] == {"eens": 1, "oneens": 1}


def test_a_step_says_how_long_it_was_open(cli, network):
    steps = {s["id"]: s for s in dossier_json(cli, *network)["steps"]}
    assert [e["status"] for e in steps["stap-1"]["history"]] == ["gepland", "bezig", "gedaan"]
    (done,) = steps["stap-1"]["tracks"]
    assert (done["meetings"], done["days"], done["closed"], done["done"]) == (3, 204, True, True)
    (asse,) = steps["stap-2"]["tracks"]  # "tafel 2" in March is "CC Asse" in June: CC Asse sat at both
    assert (asse["table"], asse["meetings"], asse["days"], asse["done"]) == ("CC Asse", 2, 98, True)
    said = "Schepen uitnodigen (tafel 1): gedaan na 204 dagen, 3 bijeenkomsten, sinds maart (12 maart 2027)"
    assert said in cli("dossier", *network).stdout


def test_challenges_are_matched_by_their_folded_text(cli, network):
    found = dossier_json(cli, *network)["challenges"]
    assert [(c["text"], len(c["meetings"]), c["tables"], c["suggestion"]) for c in found] == [
        ("Te weinig jongeren", 3, 3, ""),
        ("Het provinciaal bestuursniveau verdwijnt", 2, 2, "uit-4"),
    ]


def test_a_challenge_the_room_supported_counts_as_named_at_that_meeting_by_no_table(cli, network):
    """Issue 21 §2: T6's room list (typed here as a room without phones would) is the meeting's too."""
    cli("upvotes", "add", "1", "Het provinciaal bestuursniveau verdwijnt", "Mobiliteit", "-s", network[2])
    cli("upvotes", "votes", "1", "1", "7", "-s", network[2])
    found = dossier_json(cli, *network)["challenges"]
    assert [(c["text"], len(c["meetings"]), c["tables"]) for c in found] == [
        ("Te weinig jongeren", 3, 3),
        ("Het provinciaal bestuursniveau verdwijnt", 3, 2),  # and not "Mobiliteit": nobody supported it
    ]


def test_attendance_counts_tables_people_and_organisations(cli, network):
    meetings = dossier_json(cli, *network)["meetings"]
    assert [(m["tables"], m["devices"], m["organisations"], m["people"]) for m in meetings] == [
        (["tafel 1", "tafel 2"], 0, ["CC Merchtem", "Bib Asse", "CC Asse"], 6),
        (["tafel 1", "CC Asse"], 0, ["CC Merchtem", "cc  asse"], 8),
        (["tafel 1"], 0, [], None),
    ]
    assert meetings[1]["seated"] == {"tafel 1": ["CC Merchtem"], "CC Asse": ["cc  asse"]}


def test_organisations_over_time_are_matched_as_typed_loosely(cli, network):
    md = cli("dossier", *network).stdout
    over_time = md.split("### Organisaties door de tijd")[1]
    assert "| CC Merchtem | 2 | maart (12 maart 2027), juni (18 juni 2027) |" in over_time
    assert "| CC Asse | 2 |" in over_time and "| Bib Asse | 1 |" in over_time  # "cc  asse" is CC Asse, as first typed
    assert "tafel 2 (Bib Asse, CC Asse): eens" in md  # each table's position says who sat there


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--chain", "juni"), ["Netwerk maart", "Netwerk juni", "Netwerk oktober"]),
        (("--place", "cc merchtem"), ["Netwerk maart", "Netwerk juni"]),
        (("--since", "1/6/2027"), ["Netwerk juni", "Netwerk oktober"]),
        (("--until", "30 juni 2027", "--chain", "oktober"), ["Netwerk maart", "Netwerk juni"]),
        (("oktober", "maart"), ["Netwerk maart", "Netwerk oktober"]),
    ],
)
def test_the_options_pick_the_meetings(cli, network, args, names):
    assert [m["name"] for m in dossier_json(cli, *args)["meetings"]] == names


def test_wrong_picks_are_said_without_a_traceback(cli, network):
    nothing = cli("dossier", ok=False)
    assert nothing.exit_code == ExitCode.USAGE and "name the meetings" in nothing.stderr
    none = cli("dossier", "--place", "Brussel", ok=False)
    assert none.exit_code == ExitCode.NOT_FOUND and "no session matches" in none.stderr
    date = cli("dossier", "--since", "gisteren", ok=False)
    assert date.exit_code == ExitCode.USAGE and "not a date" in date.stderr


def test_a_dossier_is_never_written_over_the_database(cli, network, isolated_db):
    refused = cli("dossier", *network, "-o", str(isolated_db), ok=False)
    assert refused.exit_code == ExitCode.USAGE and "part of the tocht database" in refused.stderr


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(3)))
def test_any_order_of_the_sessions_gives_the_same_bytes(cli, network, order):
    first = cli("dossier", *network).stdout
    assert cli("dossier", *(network[i] for i in order)).stdout == first
    assert cli("dossier", *(network[i] for i in order), "-f", "html").stdout == cli("dossier", *network, "-f", "html").stdout


def test_the_html_has_every_chart_in_words_and_nothing_from_outside(cli, network):
    html = cli("dossier", *network, "-f", "html").stdout
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    charts = html.count("<svg")
    assert charts and html.count('role="img"') >= charts // 2  # a wide and a narrow drawing of each chart, each described
    assert "Handen per bijeenkomst. maart (12 maart 2027): eens 9 · oneens 1" in html


def test_the_pdf_is_the_same_bytes_twice(cli, network, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    cli("dossier", *network, "-o", str(first))
    cli("dossier", *reversed(network), "-o", str(second))
    assert first.read_bytes().startswith(b"%PDF") and first.read_bytes() == second.read_bytes()


def test_a_meeting_held_in_the_english_kit_is_read_in_the_dossiers_words(cli, network):
    made = cli("--kit", "tocht-2017-en", "new", "Network day", "--date", "2027-12-01", "-g", "table 1", "--json").stdout
    english = json.loads(made)["id"]
    cli("statements", "vote", "A1", "-p", "agree", "--agree", "6", "-s", english)
    cli("steps", "set", "2", "--status", "done", "-g", "table 1", "-s", english)
    cli("challenges", "add", "--suggestion", "4", "-s", english)
    found = dossier_json(cli, *network, english)
    assert found["kit"] == "tocht-2017-en"  # the latest meeting's kit words the dossier, the earlier answers too
    stances = next(s for s in found["statements"] if s["id"] == "A1")["stances"]
    assert [(s["position"], s["flipped"]) for s in stances] == [("agree", False), ("disagree", True), ("disagree", False), ("agree", True)]
    assert stances[0]["hands"] == {"agree": 9, "disagree": 1}
    assert [e["status"] for e in next(s for s in found["steps"] if s["id"] == "stap-2")["history"]] == ["under way", "done", "done"]
    back = next(c for c in found["challenges"] if c["suggestion"] == "uit-4")
    assert len(back["meetings"]) == 3


def test_a_part_not_marked_for_the_audience_is_left_out(cli, network):
    cli("audience", "stellingen", "public", "-s", "juni")
    public = dossier_json(cli, *network, "--level", "public")
    (a1,) = [s for s in public["statements"] if s["id"] == "A1"]
    assert [s["meeting"] for s in a1["stances"]] == [network[1]]  # only June let its statements out
    assert all(not s["history"] for s in public["steps"]) and public["challenges"] == []


def test_phones_that_answered_in_the_room_count_as_participants(cli):
    session = cli("import", str(ROOT / "tests" / "data" / "english-doubt.export.json")).stdout.strip()
    (meeting,) = dossier_json(cli, session)["meetings"]
    assert meeting["devices"] == 4
    assert "Phones per meeting" in cli("dossier", session).stdout


def test_a_meeting_without_phones_reads_as_a_dash_in_the_markdown_chart_as_in_its_table(cli, network):
    """The Markdown chart said " 0" where the table above it and the HTML say "–" (issue 20 trial)."""
    room = cli("import", str(ROOT / "tests" / "data" / "english-doubt.export.json")).stdout.strip()
    text = cli("dossier", network[0], room).stdout
    chart = text.split("**Telefoons per bijeenkomst**", 1)[1].split("\n\n", 2)[1]
    rows = {line.split(" | ")[0]: line for line in chart.splitlines() if "(" in line}
    assert rows["| Netwerk maart (12 maart 2027)"].endswith("| – |"), rows
    assert rows["| Meeting in Leuven (7 september 2017)"].endswith("` 4 |"), rows


def test_the_title_names_what_the_meetings_share_else_their_dates(cli, network):
    assert cli("dossier", *network).stdout.startswith("# Dossier: Netwerk, 12 maart 2027 – 2 oktober 2027\n")
    assert cli("dossier", *network[:2]).stdout.startswith("# Dossier: CC Merchtem\n")  # both held there
    assert cli("dossier", *network, "--title", "Regio Halle-Vilvoorde").stdout.startswith("# Dossier: Regio Halle-Vilvoorde\n")


@pytest.mark.parametrize(
    ("names", "title"),
    [
        (("Netwerk Noord-Limburg maart", "netwerk noord-limburg juni"), "netwerk noord-limburg"),
        (("Maart – Regio Halle-Vilvoorde", "Juni – Regio Halle-Vilvoorde"), "Regio Halle-Vilvoorde"),
        (("Overleg: maart", "Overleg: juni"), "Overleg, 12 maart 2027 – 18 juni 2027"),
        (("2027 maart", "2027 juni"), ""),
        (("Maart", "Juni"), ""),
    ],
)
def test_a_default_title_takes_the_words_the_names_share_else_the_period(names, title):
    """Two or more shared words name the network; one shared word says it with the period; none leaves the period."""
    from tocht_cli.reports.dossier import shared_name

    records = [{"name": n, "date": d, "place": p} for n, d, p in zip(names, ("2027-03-12", "2027-06-18"), ("A", "B"), strict=True)]
    assert shared_name(records, "nl") == title


def test_the_status_chart_counts_what_a_follow_up_round_settled_in_its_own_words(cli, network):
    """A round settles with words the plan has not ("vast"): the chart counts them too, not just the plan's."""
    cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "tafel 1")
    cli("followup", "set", "1", "vast", "--comment", "Geen trekker")
    chart = cli("dossier", *network, "Winter").stdout.split("**Stappen per status**", 1)[1].split("\n\n", 2)[1]
    assert chart.splitlines()[-1].endswith("` vast 1 |") and "Winter" in chart.splitlines()[-1]


def test_a_steps_history_says_what_the_round_said_when_it_settled_it(cli, network):
    """Why a step is stuck is what a province asks next: the round's comment and who settled it, beside its status."""
    cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "tafel 1")
    cli("followup", "set", "1", "vast", "--comment", "Geen trekker sinds de zomer", "--by", "CC Merchtem")
    text = cli("dossier", *network, "Winter").stdout
    step = text.split("### 1. ", 1)[1].split("###", 1)[0]
    assert "| Status | Commentaar |" in step and "| vast | Geen trekker sinds de zomer — CC Merchtem |" in step
    assert "Commentaar" not in text.split("### 2. ", 1)[1].split("###", 1)[0]  # a step no round spoke of keeps six columns
    entries = [e for s in dossier_json(cli, *network, "Winter")["steps"] for e in s["history"]]
    assert [e["comment"] for e in entries if e["comment"]] == ["Geen trekker sinds de zomer — CC Merchtem"]


def test_under_the_title_how_many_actions_were_done_and_which_are_still_open_for_how_long(cli, network):
    """What a province asks first, before the detail: in March and June one action done, one open for 98 days."""
    head = cli("dossier", *network[:2]).stdout.split("## ", 1)[0]
    assert "- **Acties:** 1 van 2 gedaan\n" in head
    assert "- **Nog open:** Schepen uitnodigen (tafel 1, 98 dagen)\n" in head
    assert "Nog open" not in cli("dossier", *network).stdout.split("## ", 1)[0]  # October closed it


@pytest.mark.parametrize("level", [None, "network", "public"])
def test_a_dropped_action_is_closed_but_not_counted_as_done(cli, network, level):
    """A round that settles a step as geschrapt closes it, but dropped is not done: the head says it apart, at
    every level, and the JSON's `done` is false beside `closed`."""
    cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "tafel 1")
    cli("followup", "set", "1", "geschrapt", "--comment", "loopt via de provincie")
    meetings = [*network[:2], "Winter"]
    for meeting in meetings:
        cli("audience", "stappenplan", "public", "-s", meeting)
    chosen = ("--level", level) if level else ()
    head = cli("dossier", *meetings, *chosen).stdout.split("## ", 1)[0]
    assert "- **Acties:** 1 van 2 gedaan, 1 geschrapt\n" in head and "Nog open" not in head
    tracks = {t["action"]: t for s in dossier_json(cli, *meetings, *chosen)["steps"] for t in s["tracks"]}
    assert (tracks["Schepen uitnodigen"]["closed"], tracks["Schepen uitnodigen"]["done"]) == (True, False)
    assert (tracks["Verhaal schrijven"]["closed"], tracks["Verhaal schrijven"]["done"]) == (True, True)


def test_meetings_are_named_without_the_words_the_title_already_says(cli, network):
    """Under "Dossier: Netwerk, …" a meeting is "juni (18 juni 2027)"; a title that does not say those words
    (given, or the place) leaves each name whole, and the JSON keeps the whole name beside the short one."""
    assert "| juni (18 juni 2027) | CC Merchtem | 2 |" in cli("dossier", *network).stdout
    assert "| Netwerk juni (18 juni 2027) | CC Merchtem | 2 |" in cli("dossier", *network, "--title", "Regio Noord").stdout
    assert "| Netwerk juni (18 juni 2027) | CC Merchtem | 2 |" in cli("dossier", *network[:2]).stdout  # titled by the place
    names = [(m["name"], m["short"]) for m in dossier_json(cli, *network)["meetings"]]
    assert names == [("Netwerk maart", "maart"), ("Netwerk juni", "juni"), ("Netwerk oktober", "oktober")]


def test_a_dossier_for_the_public_says_so_and_counts_the_rounds_settlements_of_the_plan_it_shows(cli, network):
    cli("new", "Najaar", "--from", network[1], "--date", "2027-11-02", "-g", "tafel 1")
    cli("steps", "set", "2", "--action", "Nieuwe stap", "--who", "Ann", "-g", "tafel 1")
    cli("followup", "set", "1", "gedaan", "--comment", "intern verslag")
    cli("audience", "stappenplan", "public")
    cli("audience", "opvolging", "network")
    meetings = [*network, "Najaar"]
    text = cli("dossier", *meetings, "--level", "public").stdout
    assert "- **Voor:** het publiek" in text
    # the round is the network's, but what it settled of the public plan is the plan's news: counted, without its comment
    assert "Nieuwe stap" in text and "Schepen uitnodigen" in text and "intern verslag" not in text
    assert "**Acties:** 1 van 2 gedaan" in text
    (step,) = [
        t for s in dossier_json(cli, *meetings, "--level", "public")["steps"] for t in s["tracks"] if t["action"] == "Schepen uitnodigen"
    ]
    assert step["done"] and step["days"] > 0  # promised at an earlier meeting the public dossier does not show, not today
    assert "intern verslag" in cli("dossier", *meetings, "--level", "network").stdout
    assert "Voor:" not in cli("dossier", *meetings).stdout


def test_a_flip_says_from_which_position_to_which_and_statements_are_whole(cli, network):
    text = cli("dossier", *network).stdout
    assert "| **eens → oneens** |" in text
    assert "### A1. Je gaat gewoon in op wat er leeft bij mensen" in text and "Door je expertise kan je aanvoelen" in text


def test_the_recurring_challenges_carry_their_regional_answers(cli, network):
    (back,) = [c for c in dossier_json(cli, *network)["challenges"] if c["text"].startswith("Het provinciaal")]
    assert back["regional"] == ["Samen"]


def test_a_step_under_way_is_one_bar_in_one_word_whether_the_plan_or_the_round_said_it(cli, run, network):
    """The plan says "bezig" and the round said "lopend" for the same state; a round stored with the old word is
    read in the kit's word now, so the chart has one bar for it."""
    winter = cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "tafel 1").stdout.strip()
    cli("followup", "set", "1", "bezig")
    with run.store.transaction(winter) as answers:  # as a round recorded before the kit said "bezig" stored it
        (doc,) = [d for d in answers.all() if d["value"].get("status") == "bezig"]
        answers.put(doc["exercise"], doc["item"], doc["group"], {**doc["value"], "status": "lopend"})
    md = cli("dossier", *network, "Winter").stdout
    legend = md.split("**Stappen per status**", 1)[1].split("\n\n", 3)[2]
    assert "lopend" not in md and legend.count("bezig") == 1
    assert md.split("**Stappen per status**", 1)[1].split("\n\n", 2)[1].splitlines()[-1].endswith("` bezig 1 |")


def test_a_rounds_settlement_shows_under_the_name_the_promising_table_bears_now(cli, network):
    """June's tafel 1 promised the step; renamed after the round settled it, the round's row follows the name."""
    cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "tafel 1")
    cli("followup", "set", "1", "vast", "--comment", "Geen trekker")
    cli("group", "rename", "tafel 1", "Merchtem", "-s", network[1])
    step = cli("dossier", *network, "Winter").stdout.split("### 1. ", 1)[1].split("###", 1)[0]
    (row,) = [line for line in step.splitlines() if "| vast |" in line]
    assert "| Merchtem |" in row and "tafel 1" not in row


def test_a_rounds_row_names_the_table_as_its_meeting_does_paired_by_organisation(cli, network):
    """June's "tafel 1" is Winter's "Merchtem" (CC Merchtem sat at both): Winter's round settling June's step said
    "tafel 1" beside Winter's plan row "Merchtem", one table under two names in one meeting (issue 20 trial)."""
    cli("new", "Winter", "--from", network[1], "--date", "2027-12-02", "-g", "Merchtem", "--org", "Merchtem=CC Merchtem")
    cli("followup", "set", "1", "vast", "--comment", "geen zaal", "--into-plan")
    cli("steps", "set", "1", "--status", "bezig", "-g", "Merchtem")
    step = cli("dossier", *network[:2], "Winter").stdout.split("### 1. ", 1)[1].split("###", 1)[0]
    winter = [line for line in step.splitlines() if line.startswith("| Winter")]
    assert len(winter) == 2 and all("| Merchtem |" in line for line in winter), winter
    assert "| vast | geen zaal |" in "".join(winter)


def test_a_head_count_a_table_never_gave_is_said_and_never_drawn_as_a_drop(cli, network):
    """The trial: "Deelnemers 7" and a chart halving where one table never said how many sat there. March's
    tafel 2 said none: its 6 are tafel 1's, said so as the session's export says it, and March is not drawn."""
    march = dossier_json(cli, *network)["meetings"][0]
    assert (march["people"], march["unsaid"]) == (6, ["tafel 2"])
    md = cli("dossier", *network).stdout
    assert "| 6; niet opgegeven aan tafel 2 | – |" in md
    chart = md.split("**Deelnemers per bijeenkomst**")[1].split("###")[0]
    assert "maart (12 maart 2027) | `" not in chart and "| juni (18 juni 2027) | `██████████` 8 |" in chart
    assert "Niet getekend, omdat een tafel niet opgaf hoeveel mensen er zaten: maart (12 maart 2027)" in chart
