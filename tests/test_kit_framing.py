"""The kit is faithful to the report: TOCHT's letter opens it and the closing call ends it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from facilitator import Facilitator

from tests.conftest import KIT_DIR
from tocht_cli.exercises.registry import installed
from tocht_cli.kit import loader

KIT = loader.load_path(KIT_DIR, installed())
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_4e5995786488f585.txt"

LETTER_START, LETTER_END = "Beste sector,", "Nu we nog energie hebben, en een beetje tijd."
CLOSING_START, CLOSING_END = "WAT ALS...", "nieuwsgierig in de armen sluit..."


def seed() -> str:
    """The report's text with its page-layout line breaks and hyphenation undone."""
    text = re.sub(r"(?<=[a-z])-\n\s*(?=[a-z])", "", SEED.read_text(encoding="utf-8"))  # not " - " at a line end
    return re.sub(r"\s+", " ", re.sub(r"/\s*\n\s*", "/", text))


def paragraphs(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in text.split("\n\n") if p.strip()]


def test_the_letter_opens_the_summary_and_the_closing_call_ends_it(cli, session):
    out = cli("export").stdout
    assert out.index(f"> {LETTER_START}") < out.index("## Voortgang")
    assert "<br>Weg van netwerken op naar een echt (levend) netwerk." in out
    assert out.rstrip().endswith(CLOSING_END)
    assert out.index(f"> {CLOSING_START}") > out.index("## T6")


def test_one_exercise_replayed_without_a_terminal_has_no_letter(cli, session):
    out = cli("replay", "-e", "regio").stdout
    assert LETTER_START not in out and CLOSING_START not in out


def test_kit_show_shows_the_letter_first_and_the_closing_call_last(cli):
    out = cli("kit", "show").stdout
    assert out.index(LETTER_START) < out.index("1. bingo")
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
