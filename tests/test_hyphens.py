"""Long words in the phone's narrow bingo cells break at a syllable, with a hyphen (the printed cards are wide
enough: tests/test_handout_words.py finds no word split there)."""

from __future__ import annotations

import html

from tests.helpers.room import Arena
from tocht_cli.room.hyphens import SOFT_HYPHEN, soft_hyphens


def test_long_dutch_and_english_words_get_soft_hyphens_short_ones_and_unknown_languages_none():
    assert soft_hyphens("Iedereen moet zijn verantwoordelijkheid nemen", "nl") == (
        f"Iedereen moet zijn ver{SOFT_HYPHEN}ant{SOFT_HYPHEN}woor{SOFT_HYPHEN}de{SOFT_HYPHEN}lijk{SOFT_HYPHEN}heid nemen"
    )
    assert SOFT_HYPHEN in soft_hyphens("responsibilities", "en")
    assert soft_hyphens("verantwoordelijkheid", "xx") == "verantwoordelijkheid"


def test_the_phones_bingo_cells_carry_soft_hyphens(arena: Arena):
    page = html.unescape(arena.phone("tafel 1").get("/p/card/bingo").text)
    assert f"kruis{SOFT_HYPHEN}be{SOFT_HYPHEN}stui{SOFT_HYPHEN}vin{SOFT_HYPHEN}gen" in page
