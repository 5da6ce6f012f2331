"""The 2017 kit asks the whole room first (issue 21 §2): T1b's words from every phone, T6's challenges
proposed and supported (the report's suggestions on the list from the start), T4's dots over the steps and
T5's over the checklist's success criteria (where to start).
Each is an exercise file's `[room]` table, validated with its key path; the round's answers are answers
(summary, export, import) as they are given, and the tables take them over only when asked."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.helpers.facilitator import KIT, ROW_ACTIONS, Facilitator
from tests.helpers.files import break_kit
from tests.helpers.room import csrf, open_room, post
from tests.helpers.terminal import Terminal
from tocht_cli.base.errors import InvalidData
from tocht_cli.kinds.registry import installed
from tocht_cli.kinds.upvotes import entry_key
from tocht_cli.kit import loader

WORDS = '[room]\ntitle = "Woorden uit de zaal"'


def test_the_2017_kits_ask_the_room_for_words_challenges_and_dots_without_changing_the_reports_texts():
    rounds = {ex.id: ex.room_round for ex in KIT.exercises if ex.room_round is not None}
    assert {ex_id: r.kind.name for ex_id, r in rounds.items()} == {
        "vocabularium": "words",
        "stappenplan": "dotvote",
        "allianties": "dotvote",
        "regio": "upvotes",
    }
    regio = KIT.exercise("regio")
    assert rounds["regio"].spec.seeds == tuple(s.text for s in regio.spec.suggestions) and rounds["regio"].spec.top == 10
    assert rounds["stappenplan"].spec.options == tuple(s.title for s in KIT.exercise("stappenplan").spec.steps)
    assert rounds["allianties"].spec.options == tuple(c.text for c in KIT.exercise("allianties").spec.criteria)
    assert "in de praktijk kunt beginnen brengen" in KIT.exercise("allianties").spec.checklist_instruction  # the report's
    assert "in de praktijk beginnen brengen" in rounds["allianties"].spec.questions[0].text  # the round echoes it
    assert [ex.id for ex in KIT.exercises] == ["bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"]
    assert KIT.exercise("regio-room") is rounds["regio"] and KIT.of_kind("words") == [rounds["vocabularium"]]
    english = loader.load("tocht-2017-en", installed())
    assert [ex.room_round.title for ex in english.exercises if ex.room_round] == [
        "Words from the room",
        "Where do we start?",
        "Where do we start?",
        "The room's challenges",
    ]


def problems_of(kit_copy) -> list[str]:
    loader._load_folder.cache_clear()
    with pytest.raises(InvalidData) as err:
        loader.load_path(kit_copy, installed())
    return [p.removeprefix(f"{kit_copy}/") for p in err.value.problems]


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "vocabularium.toml",
            "words = true",
            "words = true\ndots = 3",
            "vocabularium.toml: room: give exactly one of words, upvotes and dots, got words, dots",
        ),
        ("vocabularium.toml", "words = true", "words = 1", "vocabularium.toml: room.words:"),
        (
            "regio.toml",
            'seed = "suggestions"',
            'seed = "rows"',
            "regio.toml: room.upvotes.seed: 'rows' is no list of this exercise (lists: suggestions)",
        ),
        ("regio.toml", "top = 10", "top = 0", "regio.toml: room.upvotes.top: expected a whole number from 1 to 100, got the number 0"),
        (
            "stappenplan.toml",
            "dots = 3",
            "dots = 30",
            "stappenplan.toml: room.dots: expected a whole number from 1 to 20, got the number 30",
        ),
        ("stappenplan.toml", 'heading = "Stippen"\n', "", "stappenplan.toml: room.heading:"),
    ],
)
def test_a_room_table_that_is_wrong_is_one_line_with_its_key_path(kit_copy, file, old, new, expected):
    break_kit(kit_copy, file, old, new)
    found = problems_of(kit_copy)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_worksheets_give_each_room_round_its_paper_version_before_its_exercise(cli):
    page = html.unescape(cli("kit", "sheets", "-n", "2", "--format", "html").stdout)
    titles = re.findall(r"<h2[^>]*>(?:<[^>]+>)*([^<]+)", page)
    rounds = {
        "T1b · Woorden uit de zaal": "T1b · Op zoek",
        "T6 · Uitdagingen van de zaal": "T6 · Wat als",
        "T4 · Waar beginnen we?": "T4 · Stappenplan",
    }
    for round_title, exercise in rounds.items():
        at = next(n for n, t in enumerate(titles) if t.startswith(round_title))
        assert titles[at + 1].startswith(exercise), titles  # the room asks first
    t6 = page.split("T6 · Uitdagingen van de zaal")[1].split("T6 · Wat als")[0]
    assert "Het provinciaal bestuursniveau verdwijnt" in t6 and "Steun" in t6 and "zet een streepje naast elk voorstel" in t6
    t4 = page.split("T4 · Waar beginnen we?")[1].split("T4 · Stappenplan")[0]
    assert "Iedereen aan tafel verdeelt 3 stippen" in t4 and "betrek de burgemeester" in t4
    assert t4.count('class="box"') == 6 * 3 * 2  # six steps, three dots for each of two people
    assert not re.search(r"\bgsm", page, re.IGNORECASE)


@pytest.fixture
def session(cli):
    return cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()


def test_without_phones_the_tables_words_feed_the_vocabulary_only_when_taken_over(cli, session):
    cli("words", "add", "1", "Cultuur, samen", "dialoog", "-g", "tafel 1")
    cli("words", "add", "1", "cultuur", "-g", "tafel 2")
    listed = cli("vocabulary", "from-room", "-g", "tafel 2")
    assert listed.stdout.splitlines() == ["1. cultuur (2)", "2. dialoog (1)", "3. samen (1)"]
    assert json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"] == {}  # listed: nothing recorded
    cli("vocabulary", "add-word", "samen", "-g", "tafel 2")
    cli("vocabulary", "from-room", "--take", "-g", "tafel 2")
    words = json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"]["_"]["words"]
    assert words == ["samen", "cultuur", "dialoog"]  # what the table had stays first, nothing twice
    assert "already holds what the room gave" in cli("vocabulary", "from-room", "--take", "-g", "tafel 2").stderr


def test_from_room_takes_over_only_the_entries_named_by_number(cli, session):
    cli("words", "add", "1", "cultuur, samen", "dialoog", "cultuur, erfgoed", "-g", "tafel 1")
    assert cli("vocabulary", "from-room", "-g", "tafel 2").stdout.splitlines()[:2] == ["1. cultuur (2)", "2. dialoog (1)"]
    wrong = cli("vocabulary", "from-room", "--take", "1", "9", "-g", "tafel 2", ok=False)
    assert wrong.exit_code == 2 and "Traceback" not in wrong.stderr and "9" in wrong.stderr
    assert json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"] == {}  # refused: nothing taken
    cli("vocabulary", "from-room", "--take", "1", "3", "-g", "tafel 2")
    words = json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"]["_"]["words"]
    assert words == ["cultuur", "erfgoed"]


def test_without_phones_the_room_list_gives_its_ten_most_supported_as_rows_never_an_unsupported_suggestion(cli, session):
    refused = cli("challenges", "from-room", "-g", "tafel 1", ok=False)
    assert refused.exit_code == 2 and "gave nothing" in refused.stderr and "Traceback" not in refused.stderr
    entries = [f"uitdaging {n}" for n in range(1, 13)]
    cli("upvotes", "add", "1", *entries, "-g", "tafel 1")
    for n in range(1, 13):
        cli("upvotes", "votes", "1", str(n), str(n), "-g", "tafel 1")
    cli("challenges", "add", "uitdaging 12", "--regional", "samen", "-g", "tafel 2")
    cli("challenges", "from-room", "--take", "-g", "tafel 2")
    rows = json.loads(cli("challenges", "--json", "-g", "tafel 2").stdout)["tafel 2"]["_"]["rows"]
    assert [r["challenge"] for r in rows] == ["uitdaging 12", *(f"uitdaging {n}" for n in range(11, 2, -1))]
    assert rows[0]["regional"] == "samen" and rows[1]["regional"] == ""


def test_the_challenges_walk_offers_the_rooms_list_and_takes_it_only_when_asked(cli, keyed, session):
    cli("upvotes", "add", "1", "Te weinig tijd", "Mobiliteit", "-g", "tafel 1")
    cli("upvotes", "votes", "1", "1", "3", "-g", "tafel 1")
    cli("upvotes", "votes", "1", "2", "1", "-g", "tafel 1")
    offered = ["Te weinig tijd (3)", "Mobiliteit (1)"]
    room = Facilitator()
    room.begin()
    room.sees("Welke neem je over van de zaal?")
    room.tick(among=offered)  # nothing ticked beforehand, none ticked now: nothing recorded
    room.choose("klaar", among=ROW_ACTIONS[:1] + ROW_ACTIONS[3:])
    keyed(room.keys, "run", "-e", "regio", "-g", "tafel 2", screen=Terminal(100, 40))
    assert json.loads(cli("challenges", "--json", "-g", "tafel 2").stdout)["tafel 2"] == {}
    room = Facilitator()
    room.begin()
    room.sees("Welke neem je over van de zaal?")
    room.tick("Mobiliteit (1)", among=offered)  # the table chooses which
    room.choose("klaar", among=ROW_ACTIONS)
    walked = keyed(room.keys, "run", "-e", "regio", "-g", "tafel 2", screen=Terminal(100, 40)).stdout
    assert walked.count("Te weinig tijd (3)") == 0  # offered once, as a choice to tick (a list above it said it twice)
    rows = json.loads(cli("challenges", "--json", "-g", "tafel 2").stdout)["tafel 2"]["_"]["rows"]
    assert rows == [{"challenge": "Mobiliteit", "regional": ""}]


@pytest.fixture
def arena(run, session):
    opened = open_room(run.workspace(session))
    yield opened
    opened.close()


def give_words(arena, phone, words: str) -> None:
    page = phone.get("/p")
    sent = phone.post(
        "/p/vote", data={"csrf": csrf(page.text), "exercise": "vocabularium-room", "item": "room", "words": words}, follow_redirects=False
    )
    assert sent.status_code == 303, sent.text


def test_a_phone_giving_more_words_than_the_round_counts_gets_its_form_back_as_typed_with_the_limit(arena):
    room = arena.room
    room.goto(room.kit.exercise("vocabularium"), None)
    room.step(1)
    phone = arena.phone("tafel 1")
    assert "Hoogstens 3 woorden of uitdrukkingen, met komma's ertussen." in html.unescape(phone.get("/p").text)  # said before
    typed = "cultuur, ontmoeting, spreiding, dialoog"
    sent = phone.post("/p/vote", data={"csrf": csrf(phone.get("/p").text), "exercise": "vocabularium-room", "item": "room", "words": typed})
    assert sent.status_code == 400 and "Hoogstens 3 woorden." in sent.text
    assert f">{typed}</textarea>" in sent.text or f'value="{typed}"' in sent.text  # as typed, to shorten
    assert "spreiding" not in phone.get("/p").text  # nothing kept, nothing cut
    give_words(arena, phone, "cultuur, ontmoeting, spreiding")


def test_the_phones_words_page_asks_its_question_once_and_keeps_it_as_the_fields_label_for_screen_readers(arena):
    room = arena.room
    room.goto(room.kit.exercise("vocabularium"), None)
    room.step(1)
    page = html.unescape(arena.phone("tafel 1").get("/p").text)
    question = "Welk woord hoort thuis in een gedeeld vocabularium?"
    assert page.count(question) == 2  # the heading, and the field's label hidden from sight
    assert re.search(r'<label for="words" class="visually-hidden">' + re.escape(question) + "</label>", page)


def test_a_word_the_facilitator_hid_is_not_what_the_room_gave_the_tables(cli, arena):
    room = arena.room
    room.goto(room.kit.exercise("vocabularium"), None)
    room.step(1)
    give_words(arena, arena.phone("tafel 1"), "ontmoeting, rotwoord")
    room.hide_argument("rotwoord", True)
    arena.close()
    assert "1. ontmoeting (1)" in cli("vocabulary", "from-room", "-g", "tafel 2").stdout
    assert "rotwoord" not in cli("export").stdout


def test_phones_give_t1b_words_and_support_t6_suggestions_and_the_summary_has_them_without_a_tally(cli, run, arena, tmp_path):
    room = arena.room
    room.goto(room.kit.exercise("vocabularium"), None)
    room.step(1)
    assert room.stop.exercise.id == "vocabularium-room"
    phones = [arena.phone("tafel 1"), arena.phone("tafel 1"), arena.phone("tafel 2")]
    for phone, words in zip(phones, ["cultuur, gemeenschap", "Cultuur", "spreiding"], strict=True):
        give_words(arena, phone, words)
    room.goto(room.kit.exercise("regio"), None)
    room.step(1)
    assert room.stop.exercise.id == "regio-room"
    pages = phones[0].get("/p").text + phones[0].get("/p?page=2").text
    assert "Het provinciaal bestuursniveau verdwijnt" in pages  # the report's suggestions are on the list
    seed = entry_key("Het provinciaal bestuursniveau verdwijnt")
    for phone in phones[:2]:
        sent = phone.post("/p/support", data={"csrf": csrf(phone.get("/p").text), "item": "room", "entry": seed, "up": "1"})
        assert sent.status_code == 200, sent.text
    summary = cli("export").stdout
    assert "| cultuur | 2 |" in summary and "Het provinciaal bestuursniveau verdwijnt | `██████████` 2 |" in summary
    assert "Een terugval van" not in summary.split("## De zaal")[1]  # a suggestion nobody supported is not the room's
    assert "1. cultuur (2)" in cli("vocabulary", "from-room", "-g", "tafel 2").stdout
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    copy = cli("import", str(exported), "--yes").stdout.strip()
    assert "| cultuur | 2 |" in cli("export", "--session", copy).stdout


def test_the_lists_merges_and_hidden_entries_travel_through_an_export_and_an_import(cli, run, arena, tmp_path):
    room = arena.room
    round_ = room.kit.exercise("regio-room")
    room.goto(round_, "room")
    phone = arena.phone("tafel 1")
    for text in ("Een gedeelde kalender", "Gezamenlijke kalender"):
        sent = phone.post("/p/propose", data={"csrf": csrf(phone.get("/p").text), "item": "room", "text": text})
        assert sent.status_code == 200, sent.text
    room.merge(entry_key("Gezamenlijke kalender"), entry_key("Een gedeelde kalender"))
    room.hide_argument(entry_key("Meer jongeren bereiken"), True)
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    lists = json.loads(exported.read_text(encoding="utf-8"))["lists"]
    assert lists == {
        "merged": {f"regio-room/room#{entry_key('Gezamenlijke kalender')}": entry_key("Een gedeelde kalender")},
        "hidden": [f"regio-room/room#{entry_key('Meer jongeren bereiken')}"],
    }
    copy = cli("import", str(exported), "--yes").stdout.strip()
    state = run.store.room(copy)
    assert state["merged"] == lists["merged"] and state["hidden"] == lists["hidden"]
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["lists"]["hidden"] = ["stellingen/A1#iets"]  # not a list of the kit
    exported.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli("import", str(exported), "--yes", ok=False)
    assert refused.exit_code == 4 and "lists.hidden[0]" in refused.stderr and "Traceback" not in refused.stderr


def test_a_tables_scribe_takes_the_rooms_words_over_in_the_kits_words(cli, arena):
    room = arena.room
    room.goto(room.kit.exercise("vocabularium"), None)
    room.step(1)
    give_words(arena, arena.phone("tafel 1"), "ontmoeting, spreiding")
    scribe = arena.phone("tafel 2")
    page = scribe.get("/p/table/vocabularium").text
    assert "Wat de zaal gaf" in page and "tocht room" not in page and "--take" not in page
    sent = post(scribe, "vocabularium", "_", to="from-room", take="on")
    assert sent.status_code == 200, sent.text
    assert json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"]["_"]["words"] == ["ontmoeting", "spreiding"]


def test_the_vocabulary_walk_offers_the_rooms_words_after_the_functions_and_takes_them_when_asked(cli, keyed, session):
    cli("words", "add", "1", "ontmoeting, spreiding", "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    for _function in range(5):
        room.keep()  # nothing ticked: undecided
    room.sees("Welke neem je over van de zaal?")
    room.tick("ontmoeting (1)", "spreiding (1)", among=["ontmoeting (1)", "spreiding (1)"])
    room.sees("Woord 3:")  # the words taken over are numbered 1 and 2
    room.keep()  # no word of their own
    room.slash("s")  # stop at the next exercise's opening
    keyed(room.keys, "run", "-e", "vocabularium", "-g", "tafel 2", screen=Terminal(100, 40))
    got = json.loads(cli("vocabulary", "--json", "-g", "tafel 2").stdout)["tafel 2"]
    assert got == {"_": {"words": ["ontmoeting", "spreiding"]}}


def test_the_alliances_walk_shows_where_the_rooms_dots_would_start_the_checklist_and_records_nothing(cli, keyed, session):
    cli("dotvote", "set", "1", "--dots", "klein=3", "--dots", "budget=1", "-e", "allianties-room", "-g", "tafel 1")
    room = Facilitator()
    room.begin()
    room.no_more()  # no alliance
    room.keep()  # with whom: none ticked
    room.keep()  # no own entries
    room.keep()  # nature: none ticked
    room.keep()  # no own entries
    room.stop_with_ctrl_c()
    shown = keyed(room.keys, "run", "-e", "allianties", "-g", "tafel 2", code=130).stdout
    assert "Waar beginnen we?" in shown and "klein beginnen 3 · budget voorzien 1" in shown
    assert shown.index("Checklist voor het ontwikkelen") < shown.index("Waar beginnen we?") < shown.index("sleutelfiguren zoeken")
    crit = json.loads(cli("alliances", "--json", "-g", "tafel 2").stdout)["tafel 2"]
    assert not any(k.startswith("crit-") for k in crit)


def test_t5s_dots_over_twelve_criteria_show_an_option_a_line_the_most_dots_first(arena):
    """Twelve options as columns ran off the screen: each option is a line, the most dots first, ties in the kit's
    order, with its number in the kit's list; the tables' own dots only in the control view."""
    room = arena.room
    room.goto(room.kit.exercise("allianties-room"), "room")
    for table, dots in (("tafel 1", {11: "2", 3: "1"}), ("tafel 2", {11: "1", 0: "2"})):
        phone = arena.phone(table)
        sent = phone.post("/p/dots", data={"csrf": csrf(phone.get("/p").text), "item": "room", **{f"d{n}": v for n, v in dots.items()}})
        assert sent.status_code == 200, sent.text
    screen = arena.screen()
    assert arena.control(screen, "reveal") == "resultaat getoond"
    shown = screen.get("/screen/live").text
    ranking = shown.split('<ol class="dot-ranking many">', 1)[1].split("</ol>", 1)[0]
    options = re.findall(r'<span class="option">([^<]*)</span>', ranking)
    assert options[:3] == ["klein beginnen", "sleutelfiguren zoeken", "cocreëren"] and len(options) == 12  # 3, 2, 1, then kit order
    assert re.findall(r'<span class="number">([^<]*)</span>', ranking)[:3] == ["12", "1", "4"]
    assert re.findall(r'<span class="count">([^<]*)</span>', ranking)[:4] == ["3", "2", "1", "0"]
    assert "per-table" not in ranking  # a phone a table: each table's dots would be its participant's own


def test_a_rounds_one_question_carries_no_number_on_the_screen_the_control_view_or_a_phone(arena):
    """A "1" badge stood before "Op welke uitdaging lopen we vast?": a count that meant nothing (room trial, issue 18)."""
    room = arena.room
    room.goto(room.kit.exercise("regio-room"), "room")
    screen = arena.screen()
    pages = [screen.get("/screen").text, screen.get("/control").text, arena.phone("tafel 1").get("/p").text]
    assert all("Op welke uitdaging lopen we vast?" in page and 'class="number"' not in page for page in pages)
    room.step(-1)
    assert arena.control(screen, "next").startswith("nu bij T6 · Uitdagingen van de zaal (")  # no " · 1"
    room.goto(room.kit.exercise("stellingen"), "A1")
    assert '<span class="number">A1</span>' in screen.get("/screen").text  # the statements keep theirs


def test_the_screen_marks_where_the_lists_top_ten_ends_the_entries_the_tables_take_over(arena):
    room = arena.room
    room.goto(room.kit.exercise("regio-room"), "room")
    shown = html.unescape(arena.screen().get("/screen/live").text)
    rows = re.findall(r"<li class=\"[^\"]*\"( data-top=\"[^\"]*\")?><span class=\"votes\">", shown)
    assert len(rows) == 12 and [n for n, marked in enumerate(rows, 1) if marked] == [10]  # under the tenth entry, once
    assert 'data-top="Boven deze lijn: de 10 die de tafels overnemen"' in shown


def test_the_walks_workspace_ranks_what_the_phones_gave_while_its_round_waited(arena):
    """`run --room` shares its workspace with the room: what the phones give after the walk read the room's
    answers is in the round's result (the walk said "the room gave nothing" while from-room listed five)."""
    room = arena.room
    round_ = room.kit.exercise("regio-room")
    room.goto(round_, "room")
    assert room.ws.room_ranking(round_) == []  # read before any phone answered, as the walk's earlier stops do
    phone = arena.phone("tafel 1")
    seed = "Het provinciaal bestuursniveau verdwijnt"
    sent = phone.post("/p/support", data={"csrf": csrf(phone.get("/p").text), "item": "room", "entry": entry_key(seed), "up": "1"})
    assert sent.status_code == 200, sent.text
    assert room.ws.room_ranking(round_) == [(seed, 1)]


def test_a_proposal_sent_shows_the_page_that_holds_it_marked_and_said(arena):
    """The issue 21 trial: proposing confirmed nothing and the new entry, unsupported, sat on "pagina 2 van 2",
    out of sight; the phone is taken to its entry, marked, with a line that says it is on the list."""
    room = arena.room
    room.goto(room.kit.exercise("regio-room"), "room")
    phone = arena.phone("tafel 1")
    text = "Een gedeelde kalender voor de hele regio"
    sent = phone.post("/p/propose", data={"csrf": csrf(phone.get("/p").text), "item": "room", "text": f"  {text} "})
    assert sent.status_code == 200, sent.text
    page = html.unescape(sent.text)
    assert "Je voorstel staat op de lijst, hieronder aangeduid." in page
    assert re.search(
        rf'<li id="e-{re.escape(entry_key(text))}" class="mine"><span class="votes">0</span> <span class="text">{text}</span>', page
    )
    assert "hieronder aangeduid" not in html.unescape(phone.get("/p").text)  # said once, after sending


def test_dots_sent_are_said_saved_as_a_vote_is(arena):
    room = arena.room
    room.goto(room.kit.exercise("allianties-room"), "room")
    phone = arena.phone("tafel 1")
    sent = phone.post("/p/dots", data={"csrf": csrf(phone.get("/p").text), "item": "room", "d0": "2", "d3": "1"})
    assert sent.status_code == 200, sent.text
    assert "Je stippen zijn bewaard. Je kunt ze wijzigen tot de stemming sluit." in html.unescape(sent.text)
    empty = phone.post("/p/dots", data={"csrf": csrf(phone.get("/p").text), "item": "room"})
    assert "Je stippen zijn bewaard" not in html.unescape(empty.text)  # nothing given: nothing said saved


def test_a_rounds_tally_saved_per_table_shows_under_that_tables_part_of_the_handout(cli, session):
    """`s` in the room said "telling bewaard: tafel 1; tafel 2" on the words and dots rounds, but the handout's T1b
    and T4 parts of those tables stayed empty: what a table saved of the round stands under its part (room trial, issue 18)."""
    cli("words", "add", "1", "dialoog", "samen", "-g", "tafel 1")
    cli("dotvote", "set", "1", "--dots", "budget=2", "-e", "allianties-room", "-g", "tafel 2")
    summary = cli("export", "--min-votes", "1").stdout.replace("\xa0", " ")
    t1b = summary[summary.index("## T1b") :].split("\n## ")[0]
    tafel_1, tafel_2 = (t1b.split(f"### Groep: {g}")[1].split("### ")[0] for g in ("tafel 1", "tafel 2"))
    assert "Woorden uit de zaal" in tafel_1 and "dialoog" in tafel_1 and "dialoog" not in tafel_2
    t5 = summary[summary.index("## T5") :].split("\n## ")[0].split("### Groep: tafel 2")[1].split("### ")[0]
    assert "Waar beginnen we?" in t5 and "budget voorzien" in t5
    page = cli("export", "-f", "html").stdout
    assert page.count("dialoog") >= 2  # under the table and under the room
