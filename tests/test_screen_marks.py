"""What the projector marks on the room's list and the tables' cards (room trials, issues 18 and 21): every
entry with the most support alike (three with 8 showed only the first highlighted), where the list's result
(the kit's top ten) ends, and each row of a table's list with its number."""

from __future__ import annotations

import html
import re

from tests.helpers.room import csrf
from tocht_cli.kinds.upvotes import entry_key


def propose_and_support(arena, supports: list[int]) -> list[str]:
    """An entry per number in `supports`, each proposed by a phone and supported by that many phones."""
    texts = [f"Uitdaging {n + 1}" for n in range(len(supports))]
    proposer = arena.phone("tafel 1")
    for n, text in enumerate(texts):
        if n % 2 == 0 and n:
            proposer = arena.phone("tafel 1")
        proposer.post("/p/propose", data={"csrf": csrf(proposer.get("/p").text), "item": "room", "text": text})
    supporters = [arena.phone("tafel 2") for _ in range(max(supports))]
    for text, count in zip(texts, supports, strict=True):
        for phone in supporters[:count]:
            phone.post("/p/support", data={"csrf": csrf(phone.get("/p").text), "item": "room", "entry": entry_key(text), "up": "1"})
    return texts


def test_entries_with_equal_support_look_alike_and_the_top_ten_is_marked(arena):
    arena.room.goto(arena.room.kit.exercise("regio-room"), "room")
    propose_and_support(arena, [3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 0])
    shown = html.unescape(arena.screen().get("/screen/live").text).split('<ol class="upvoted">', 1)[1].split("</ol>", 1)[0]
    classes = re.findall(r'<li class="([^"]*)"', shown)
    assert len(classes) == 12
    assert [n for n, c in enumerate(classes) if "leading" in c.split()] == [0, 1, 2]  # the three with 3, alike
    assert [n for n, c in enumerate(classes) if "taken" in c.split()] == list(range(10))  # the tables' ten rows
    assert [n for n, c in enumerate(classes) if "top-end" in c.split()] == [9]  # where the top ten ends


def test_a_tables_list_on_the_screen_numbers_its_rows_and_its_continued_card_says_so(arena, cli):
    arena.room.goto(arena.room.kit.exercise("regio"), "")
    for n in range(1, 4):
        cli("challenges", "add", f"Uitdaging {n}", "--regional", f"Kans {n}", "-g", "tafel 1")
    screen = arena.screen()
    assert arena.control(screen, "reveal") == "resultaat getoond"
    shown = html.unescape(screen.get("/screen/live").text)
    assert re.findall(r'<span class="row-number">(\d+)</span> Uitdaging (\d)', shown) == [("1", "1"), ("2", "2"), ("3", "3")]
    assert 'data-goes-on="tafel 1 (vervolg)"' in shown


def test_entries_tied_at_the_top_tens_line_are_all_taken_and_the_screen_says_so(arena):
    """Seven entries with one vote across the tenth place were split by chance at the line (room trial, issue 18):
    every entry tied with the tenth is taken over, and the line's note says how many tied."""
    arena.room.goto(arena.room.kit.exercise("regio-room"), "room")
    propose_and_support(arena, [3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 0])
    shown = html.unescape(arena.screen().get("/screen/live").text).split('<ol class="upvoted">', 1)[1].split("</ol>", 1)[0]
    classes = re.findall(r'<li class="([^"]*)"', shown)
    assert [n for n, c in enumerate(classes) if "taken" in c.split()] == list(range(12))  # the ten and the two tied beyond
    assert [n for n, c in enumerate(classes) if "top-end" in c.split()] == [11]
    assert 'data-top="Boven deze lijn: de 12 die de tafels overnemen (7 gelijk op plaats 6: allemaal erbij)"' in shown
