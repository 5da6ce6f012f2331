"""The kit is faithful to the report: TOCHT's letter opens it, the closing call ends it, the
regional exercise suggests every challenge the report names, and the questions say what they want."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers.facilitator import CTRL_C, Facilitator
from tests.helpers.files import KIT_DIR, SEED
from tocht_cli.base.text import short
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader

KIT = loader.load_path(KIT_DIR, installed())

LETTER_START, LETTER_END = "Beste sector,", "Nu we nog energie hebben, en een beetje tijd."
CLOSING_START, CLOSING_END = "WAT ALS...", "nieuwsgierig in de armen sluit..."

# Issue 10, section 6: the challenges the report names that the suggestions lacked, each as
# words of the report that its suggestion must hold.
REPORT_CHALLENGES = {
    "the dialogue between makers and programmers has stalled": "dialoog tussen makers en programmatoren ligt net nu stil",
    "no contact between the local arts scene and the centre": "kunstensector in de eigen gemeente heeft geen contact met het cultuurcentrum",
    "a fragmented local cultural field": "de sector van het lokaal cultuurbeleid is verspreid",
    "no coproduction budget": "niet over een potje om te coproduceren",
    "challenge A of the stellingenspel": "van aanbodgestuurd naar vraaggestuurd",
    "challenge B of the stellingenspel": "van DIY-residenties naar productie/ontwikkeling",
    "no shared vocabulary": "het vocabularium om over elkaars opdrachten te spreken, ligt uit elkaar",
    "the golden egg of leading audiences further": "het gouden ei dat publieken zal doorverbinden",
    "an elitist image that keeps young people away": "afgeschrikt door ‘elitaire’ voorstellingen",
    "diversity efforts that stay invisible": "amper zichtbaar en worden weinig gewaardeerd",
    "an offer that is not diverse enough": "het aanbod zelf moet diverser zijn",
    "genres that cannot fill a hall": "moeilijk om een zaal te vullen",
    "having to justify choices to associations": "openstaat voor het verenigingsleven",
    "a one-way, utilitarian relation with local politics": "te utilitaristische houding",
    "getting known by politicians": "de lokale politieke situatie beter leren kennen en de politiek ons",
    "challenges too big to tackle": "de onrealistische grootte van de uitdagingen",
    # issue 18, section 5: the one the report names outright, and six it covered only in part
    "making what we do known, also to politics (step 2)": "de grote uitdaging is om dat wat we doen, beter bekend te maken",
    "the decree on local cultural policy hollowed out": "een uitholling van het bestaande decreet lokaal cultuurbeleid",
    "the terms of performing are changing": "de speelvoorwaarden aan het veranderen zijn",
    "few alliances with professional companies": "met professionele gezelschappen minder voorkomend",
    "younger companies lose the regular audience": "bij jongere gezelschappen, zo wordt opgemerkt, valt het vaste publiek weg",
    "no diversity at family performances": "het complete gebrek aan diversiteit tijdens familievoorstellingen",
    "a good road valued over a good performance": "een goed aangelegde weg dan belangrijker te vinden dan een goede voorstelling",
}
INTRO_SIGNED, INTRO_END = "(TOCHT - 7 september 2017, CC Strombeek)", "liefst samen, over sectoren heen. Succes!"


def seed() -> str:
    """The report's text with its page-layout line breaks and hyphenation undone."""
    text = re.sub(r"(?<=[a-z])-\n\s*(?=[a-z])", "", SEED.read_text(encoding="utf-8"))  # not " - " at a line end
    return re.sub(r"\s+", " ", re.sub(r"/\s*\n\s*", "/", text))


def paragraphs(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in text.split("\n\n") if p.strip()]


def test_the_letter_opens_the_summary_and_the_closing_call_ends_it(cli, session):
    out = cli("export").stdout
    assert out.index(f"> {LETTER_START}") < out.index("## Voortgang")
    assert "  \n> Weg van netwerken op naar een echt (levend) netwerk." in out  # a line of its own
    assert out.index("> — TOCHT - 7 september 2017, CC Strombeek") < out.index("In een poging deze uitdaging") < out.index("## Voortgang")
    assert out.rstrip().endswith(CLOSING_END)
    assert out.index(f"> {CLOSING_START}") > out.index("## T6")


def test_the_walk_opens_with_the_letter_only_while_nothing_is_answered(cli, keyed, session):
    opening = " ".join(keyed(CTRL_C, "run", "-e", "stappenplan", code=130).stdout.split())
    assert opening.index(INTRO_SIGNED) < opening.index(INTRO_END) < opening.index(LETTER_START)  # signed and invited, then the letter
    cli("steps", "target", "--whom", "de schepen van cultuur")  # an answer, though no step is done yet
    assert LETTER_START not in keyed(CTRL_C, "run", "-e", "stappenplan", code=130).stdout


def test_one_exercise_replayed_without_a_terminal_has_no_letter(cli, session):
    out = cli("replay", "-e", "regio").stdout
    assert LETTER_START not in out and CLOSING_START not in out


def test_kit_show_shows_the_letter_first_and_the_closing_call_last(cli):
    out = cli("kit", "show").stdout
    flat = " ".join(out.split())
    assert flat.index(INTRO_SIGNED) < flat.index(INTRO_END) < flat.index(LETTER_START) < flat.index("1. T0 · Bingo")
    assert INTRO_SIGNED not in cli("kit", "show", "bingo").stdout
    assert out.rstrip().endswith(CLOSING_END)
    assert LETTER_START not in cli("kit", "show", "bingo").stdout
    doc = json.loads(cli("kit", "show", "--json").stdout)
    assert doc["letter"].startswith(LETTER_START) and doc["closing"].startswith(CLOSING_START)


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not beside the checkout")
def test_letter_closing_and_kit_intro_are_the_report_whole():
    text = seed()
    for part in (KIT.letter, KIT.closing, KIT.intro):
        for paragraph in paragraphs(part):
            assert paragraph in text, paragraph
    assert paragraphs(KIT.letter)[0] == LETTER_START and paragraphs(KIT.letter)[-1].endswith(LETTER_END)
    assert paragraphs(KIT.closing)[-1].endswith(CLOSING_END)
    assert "In een poging deze uitdaging met volle moed aan te gaan, werd het verslag" in KIT.intro


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not beside the checkout")
def test_intros_are_sentences_of_the_report_as_written():
    """Shortened only by leaving out whole sentences, or the page references ("op de volgende pagina")."""
    text = seed().casefold().replace(" op de volgende pagina", "")
    for ex in KIT.exercises:
        for intro in [ex.intro] + [c.intro for c in getattr(ex.spec, "challenges", ())]:
            for sentence in re.split(r"(?<=[.?!])\s+", re.sub(r"\s+", " ", intro).strip()):
                assert sentence.casefold() in text, (ex.id, sentence)


def test_intros_give_the_context_the_report_gives():
    stellingen = KIT.exercise("stellingen")
    a, b = stellingen.spec.challenges
    assert a.intro.endswith(f": {a.title[0].lower()}{a.title[1:]}")
    assert b.intro.endswith(f": {b.title[0].lower()}{b.title[1:]}")
    assert "Om deze pistes de komende tijd verder te kunnen onderzoeken" in stellingen.intro
    assert "op maat van de deelnemers aan de ontmoetingsdag over nieuwe allianties voor de podiumkunsten" in KIT.exercise("bingo").intro
    assert "gemeenteraadsverkiezingen in 2018" in KIT.exercise("stappenplan").intro
    assert "een geluk bij een ongeluk" in KIT.exercise("regio").intro


def test_every_challenge_the_report_names_is_suggested():
    texts = [s.text.casefold() for s in KIT.exercise("regio").spec.suggestions]
    missing = [what for what, words in REPORT_CHALLENGES.items() if not any(words.casefold() in t for t in texts)]
    assert not missing


def test_suggestion_and_bingo_ids_stay_as_sessions_know_them():
    suggestions = [s.id for s in KIT.exercise("regio").spec.suggestions]
    assert suggestions == [f"uit-{n}" for n in range(1, len(suggestions) + 1)] and len(suggestions) >= 22 + len(REPORT_CHALLENGES)
    bingo = KIT.exercise("bingo").spec.statements
    assert [s.id for s in bingo] == [f"bingo-{n}" for n in range(1, 26)]
    slogan_and_advice = ("Weg van netwerken", "Ga er sowieso van uit dat politici je medestanders zijn")
    assert not [s.text for s in bingo if any(words in s.text for words in slogan_and_advice)]


def test_every_exercise_has_its_own_code():
    codes = [ex.code for ex in KIT.exercises]
    assert len(codes) == len(set(codes))
    assert KIT.exercise("stellingen").code == "T1a" and KIT.exercise("vocabularium").code == "T1b"


def test_questions_say_what_they_want():
    steps = KIT.exercise("stappenplan").spec
    assert steps.whom_question.startswith("Bij wie?") and steps.municipality_question == "Welke gemeente?"
    assert (steps.whom, steps.municipality) == ("bij", "van de gemeente")  # the header's words, in the summary's sentence
    alliances = KIT.exercise("allianties").spec
    assert short(alliances.partner) != alliances.with_title
    assert "Met wie" not in alliances.partner


def test_the_stappenplan_asks_questions_and_its_summary_keeps_the_sentence(cli, session):
    cli("steps", "target", "--whom", "de schepen van cultuur", "--municipality", "Grimbergen")
    assert "bij **de schepen van cultuur** van de gemeente **Grimbergen**" in cli("export").stdout
    ex = KIT.exercise("stappenplan")
    asked = [f.question(ex.spec, KIT) for f in ex.kind.whole if f.question]
    assert asked == ["Bij wie? (bv. de schepen van cultuur)", "Welke gemeente?"]


def without(text: str, key: str) -> str:
    """kit.toml with the multi-line text `key = \"\"\"…\"\"\"` left out."""
    return re.sub(rf'(?ms)^{key} = """.*?"""\n', "", text)


def test_a_kit_without_letter_or_closing_is_valid_and_shows_neither(kit_copy: Path, cli):
    kit_file = kit_copy / "kit.toml"
    kit_file.write_text(without(without(kit_file.read_text(encoding="utf-8"), "letter"), "closing"), encoding="utf-8")
    assert "letter =" not in kit_file.read_text(encoding="utf-8") and "closing =" not in kit_file.read_text(encoding="utf-8")
    kit = loader.load_path(kit_copy, installed())
    assert (kit.letter, kit.closing) == ("", "")
    assert "is valid" in cli("kit", "validate", str(kit_copy)).stdout
    cli("--kit", str(kit_copy), "new", "Zonder brief")
    out = cli("export").stdout
    assert "\n> " not in out and "\n---\n" not in out
    assert LETTER_START not in cli("kit", "show").stdout


@pytest.fixture
def walk(keyed):
    def drive(room: Facilitator, *args: str, code: int = 0):
        return keyed(room.keys, "run", *args, code=code)

    return drive


def test_a_new_session_opens_with_the_letter_and_the_walk_ends_with_the_closing_call(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.choose(KIT.label("done"), among=[KIT.label("add"), KIT.label("done")])  # regio: no rows yet
    out = walk(room, "-e", "regio").stdout
    assert out.index(LETTER_START) < out.index("T6 · Wat als") < out.index(CLOSING_START)
    assert CLOSING_END in " ".join(out.replace("│", " ").split())  # the panel wraps it

    cli("bingo", "cross", "1")  # a session with answers: its meeting has begun, the letter was read
    room = Facilitator()
    room.begin()
    room.choose(KIT.label("done"), among=[KIT.label("add"), KIT.label("done")])
    out = walk(room, "-e", "regio").stdout
    assert LETTER_START not in out and CLOSING_START in out


def test_a_walk_that_stops_before_the_end_has_no_closing_call(walk, session):
    room = Facilitator()
    room.begin()
    room.stop(among=[KIT.label("add"), KIT.label("done")])
    out = walk(room, "-e", "regio").stdout
    assert LETTER_START in out and CLOSING_START not in out
