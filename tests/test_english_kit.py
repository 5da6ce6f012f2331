"""The English kit: the whole workbook translated, with the Dutch kit's exercises and item ids, and a walk
and a summary in it that show no Dutch."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers.facilitator import Facilitator
from tests.helpers.files import ROOT
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader

ENGLISH = loader.load("tocht-2017-en", installed())
DUTCH = loader.load("tocht-2017", installed())

# Words that are Dutch and not English: a text containing one was not translated. Proper names
# (CC Strombeek, Theaterfestival, CultuurConnect, Locus) are no words of this list.
DUTCH_WORDS = {
    "de", "het", "een", "van", "en", "niet", "nog", "wij", "zij", "jullie", "met", "voor", "naar", "bij", "wat",
    "wie", "hoe", "welke", "ook", "geen", "uit", "zijn", "groep", "oefening", "beantwoord", "vorige", "keer",
    "overslaan", "terug", "stoppen", "klaar", "datum", "plaats", "sessie", "begeleiding", "voortgang", "totaal",
    "geschrapt", "eens", "oneens", "twijfel", "gepland", "bezig", "gedaan", "aanwezig", "deels", "programmator",
    "kunstenaar", "samen", "niemand", "ja", "nee", "toen", "nu", "januari", "februari", "maart", "mei", "juni",
    "juli", "augustus", "oktober",
}  # fmt: skip


def dutch_in(text: str) -> set[str]:
    text = text.replace(ENGLISH.name, "")  # the kit's name ends in "en"
    return {word for word in re.findall(r"[^\W\d_]+", text.lower()) if word in DUTCH_WORDS}


def kit_doc(cli, name: str) -> dict:
    return json.loads(cli("--kit", name, "kit", "show", "--json").stdout)


def ids(value) -> list:
    """Every id in a kit section, in order, nested ones (a challenge's statements) included."""
    found = []
    if isinstance(value, dict):
        if "id" in value:
            found.append(value["id"])
        for v in value.values():
            found += ids(v)
    elif isinstance(value, list):
        for v in value:
            found += ids(v)
    return found


def texts(value) -> list[str]:
    """Every text of a kit document a group reads (not its ids, kinds, codes or names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    if isinstance(value, dict):
        return [t for key, v in value.items() if key not in ("id", "kind", "code", "name", "language", "version") for t in texts(v)]
    return []


def test_the_english_kit_validates_and_is_listed(cli):
    assert (
        "tocht-2017-en 1.0.0 is valid: 7 exercises, 136 items"
        in cli("kit", "validate", str(ROOT / "data" / "kits" / "tocht-2017-en")).stdout
    )
    listed = {k["name"]: k for k in json.loads(cli("kit", "list", "--json").stdout)}
    assert listed["tocht-2017-en"]["language"] == "en" and listed["tocht-2017"]["language"] == "nl"
    assert "New alliances for the performing arts in the local community" in cli("kit", "list").stdout
    assert "rol-4  an audience officer in your team" in cli("--kit", "tocht-2017-en", "kit", "show", "rollen").stdout


def test_the_dutch_kit_stays_the_default(cli):
    assert json.loads(cli("kit", "show", "--json").stdout)["name"] == "tocht-2017"
    cli("new", "Standaard")
    assert json.loads(cli("show", "--json").stdout)["kit"]["name"] == "tocht-2017"


def test_same_exercises_items_and_choices_as_the_dutch_kit(cli):
    english, dutch = kit_doc(cli, "tocht-2017-en"), kit_doc(cli, "tocht-2017")
    assert english["language"] == "en" and english["labels"].keys() == dutch["labels"].keys()
    assert [(e["id"], e["kind"], e["code"]) for e in english["exercises"]] == [(e["id"], e["kind"], e["code"]) for e in dutch["exercises"]]
    for en, nl in zip(english["exercises"], dutch["exercises"], strict=True):
        assert ids(en) == ids(nl), en["id"]
        assert en.keys() == nl.keys(), en["id"]
        for key, value in nl.items():
            if isinstance(value, int) or (isinstance(value, list) and value and isinstance(value[0], str)):
                assert (en[key] if isinstance(value, int) else len(en[key])) == (value if isinstance(value, int) else len(value)), (
                    en["id"],
                    key,
                )


def test_every_text_is_translated(cli):
    english = kit_doc(cli, "tocht-2017-en")
    untranslated = {text: found for text in texts(english) if (found := dutch_in(text))}
    assert not untranslated
    dutch = set(texts(kit_doc(cli, "tocht-2017")))
    same = {text for text in texts(english) if text.strip() and text in dutch}
    assert same <= {"Bingo", "BINGO!", "Kit", "Status"}, same  # words both languages write alike


@pytest.fixture
def english_session(cli):
    return cli("--kit", "tocht-2017-en", "new", "Ghent meeting", "--date", "7 September 2017", "--place", "Ghent").stdout.strip()


def test_a_walk_and_its_summary_in_the_english_kit_show_no_dutch(keyed, cli, english_session):
    ex = ENGLISH.exercise("stellingen")
    steps = ENGLISH.exercise("stappenplan")
    room = Facilitator(ENGLISH)
    room.begin()  # bingo's intro, after the letter
    room.cross("bingo-1", "bingo-3", among=[s.id for s in ENGLISH.exercise("bingo").spec.statements])
    room.card_done()
    room.begin()  # the statements game
    room.pick("agree", among=list(ex.spec.positions))  # A1
    room.answer("5 2 1")
    room.answer("a strong argument")
    room.stop(among=list(ex.spec.positions), unanswered=True)  # at A2
    walked = keyed(room.keys, "run")
    room = Facilitator(ENGLISH)
    room.begin()
    room.answer("the alderman for culture")
    room.answer("Ghent")
    room.answer("coffee with the council")  # step 1
    room.answer("Ann")
    room.answer("31/09/2027")  # refused: September has 30 days
    room.erase("31/09/2027")
    room.answer("30 Sept 2027")
    room.pick("under way", among=list(steps.spec.statuses))
    room.stop_with_ctrl_c()  # at step 2
    walked_steps = keyed(room.keys, "run", "-e", "stappenplan", code=130)

    got = json.loads(cli("show", "--json").stdout)
    values = {(a["exercise"], a["item"]): a["value"] for a in got["answers"]}
    assert got["date"] == "2017-09-07"
    assert values[("stellingen", "A1")] == {
        "position": "agree",
        "counts": {"agree": 5, "disagree": 2, "unsure": 1},
        "note": "a strong argument",
    }
    assert values[("stappenplan", "stap-1")]["by"] == "2027-09-30"

    shown = cli("show").stdout
    summary = cli("export").stdout
    replayed = keyed("\r" * 200, "replay").stdout  # every slide, one after the other
    assert "Date: 7 September 2017" in shown and "30 September 2027" in shown
    assert "- **Date:** 7 September 2017" in summary and "30 September 2027" in summary
    for output in (walked.stdout, walked_steps.stdout, shown, summary, replayed, cli("statements").stdout, cli("list").stdout):
        assert not dutch_in(output), dutch_in(output)


# The review of the English kit (../shared/KIT.md, E1-E3 and N1-N14): what a British or Flemish
# cultural professional reads wrongly or as a calque, and what they would write instead.
REVIEWED = {
    "curiously takes": "embraces the arts with curiosity",  # E1: "curiously" reads as "oddly"
    "leads audiences on": "carries audiences over",  # E2: "to lead on" is to deceive
    "bouncing back": "reflecting back",  # E3: "to bounce back" is to recover
    "holds gold in its hands": "sitting on a goldmine",  # N1
    "take their responsibility": "take responsibility",  # N2
    "house of culture": "cultural venue",  # N5
    "is the call": "participants urged",  # N6
    "local culture politicians": "local politicians responsible for culture",  # N6
    "town traffic": "streets between them free of traffic",  # N7
    "going out": "reaching out",  # N8
    "towards local politics": "defend itself to local politicians",  # N9
    "money pot": "kitty is empty",  # N10
    "full courage": "wholeheartedly",  # N11
    "For it is striking": "It is striking",  # N12
    "explore limits": "explore the boundaries",  # N12
    "‘distributing’": "‘presenting’ (touring-circuit)",  # N13
    "let these ideas live": "keep these ideas alive",  # N13
    "hall": "venues",  # N4: a space or studio for residencies, a house, venue or auditorium for audiences
}


def test_the_reviewed_calques_and_meaning_shifts_are_gone():
    texts = "\n".join(english_texts())
    for wrong, right in REVIEWED.items():
        assert not re.search(rf"\b{re.escape(wrong)}\b", texts), wrong
        assert right in texts, right


def english_texts() -> list[str]:
    """Every text of the English kit a reader sees: framing, intros, questions and items."""
    import tomllib

    folder = ROOT / "data" / "kits" / "tocht-2017-en"
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(folder.glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


def test_cc_and_gc_are_explained_where_a_reader_first_meets_them():
    """N14: the Flemish abbreviations glossed at their first use in each printed text."""
    statements = ENGLISH.exercise("stellingen").spec
    b1 = next(s for c in statements.challenges for s in c.statements if s.id == "B1")
    assert b1.text.startswith("As a CC (a culture centre)")
    assert "CCs & GCs (the culture centres and community centres)" in ENGLISH.exercise("vocabularium").spec.instruction
    suggestions = {s.id: s.text for s in ENGLISH.exercise("regio").spec.suggestions}
    first = next(text for text in suggestions.values() if "CC/GC" in text)
    assert "CC/GCs (the culture centres and community centres)" in first
    assert "A-centres (the largest culture centres" in suggestions["uit-25"]
