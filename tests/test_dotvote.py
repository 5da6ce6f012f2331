"""Dot voting (kind "dotvote", data/kits/zaal): each phone spreads the kit's dots, never more; the screen
shows the totals only once revealed; a table records its dots by direct command; the tally saves each
table's participants' dots."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.helpers.room import csrf, open_room
from tocht_cli.kinds.dotvote import Spread


def test_a_participants_dots_are_at_most_the_kits_number():
    spread = Spread(("kalender", "samen"), 5)
    assert spread.check({"kalender": 3, "samen": 2}) == {"kalender": 3, "samen": 2}
    assert spread.check({"kalender": 0, "samen": 1}) == {"samen": 1}
    with pytest.raises(ValueError, match="5"):
        spread.check({"kalender": 4, "samen": 2})


@pytest.fixture
def zaal(cli):
    return cli("--kit", "zaal", "new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()


def test_a_table_records_its_dots_and_the_summary_adds_the_tables_up(cli, zaal):
    cli("dotvote", "set", "1", "--dots", "een=5", "--dots", "samen=3", "-g", "tafel 1")
    cli("dotvote", "set", "beginnen", "--dots", "een gedeelde kalender=2", "--note", "snel", "-g", "tafel 2")
    state = json.loads(cli("dotvote", "--json", "-g", "tafel 2").stdout)["tafel 2"]["beginnen"]
    assert state == {"dots": {"een gedeelde kalender": 2}, "note": "snel"}
    refused = cli("dotvote", "set", "1", "--dots", "een=2", "--dots", "een=1", "-g", "tafel 1", ok=False)
    assert (refused.exit_code == 2 and "twice" in refused.stderr) or "twee keer" in refused.stderr
    summary = cli("export").stdout
    assert "een gedeelde kalender 7 · samen programmeren 3" in summary.replace("\u00a0", " ")
    assert "| een gedeelde kalender 2 |" not in summary  # tafel 2's two dots: only in the total, not in a column of its own


@pytest.fixture
def room(run, zaal):
    opened = open_room(run.workspace(zaal))
    opened.room.goto(opened.room.kit.exercise("stippen"), "beginnen")
    yield opened
    opened.close()


def spread(phone, dots: dict[int, str], status: int = 200):
    page = phone.get("/p")
    assert 'name="d0"' in page.text and 'action="/p/dots"' in page.text  # a plain form
    sent = phone.post("/p/dots", data={"csrf": csrf(page.text), "item": "beginnen", **{f"d{n}": v for n, v in dots.items()}})
    assert sent.status_code == status, sent.text
    return sent


def test_phones_spread_their_dots_and_the_screen_shows_the_totals_only_once_revealed(run, room):
    one, two, three = room.phone("tafel 1"), room.phone("tafel 1"), room.phone("tafel 2")
    spread(one, {0: "5"})
    spread(two, {0: "2", 1: "3"})
    spread(three, {3: "4"})
    spread(three, {2: "1", 3: "4"})  # moved: the latest counts
    refused = spread(one, {0: "4", 1: "2"}, status=409)  # six dots of five
    assert "5" in html.unescape(refused.text)
    assert "0 stippen over" in one.get("/p").text  # the first kept its five
    screen = room.screen()
    hidden = html.unescape(screen.get("/screen/live").text)
    assert "3 deelnemers verdeelden hun stippen" in hidden and 'class="tally"' not in hidden
    assert 'class="tally"' in screen.get("/control").text  # the facilitator peeks
    assert room.control(screen, "reveal") == "resultaat getoond"
    small = html.unescape(screen.get("/screen/live").text)  # two phones at tafel 1, one at tafel 2: k = 3 keeps both
    assert re.findall(r'<span class="count">(\d+)</span>', small) == ["7", "3", "1", "4"] and "minder dan 3 stemmen" in small
    room.room.ws.keep_min_votes(1)  # every table shown
    shown = html.unescape(screen.get("/screen/live").text)
    counts = re.findall(r'<span class="count">(\d+)</span>', shown)
    assert counts == ["7", "3", "0", "0", "0", "0", "1", "4", "7", "3", "1", "4"]  # tafel 1, tafel 2, total
    room.control(screen, "tally")
    answers = {a["group"]: a["value"]["dots"] for a in run.store.answers(room.room.ws.id)}
    assert answers["tafel 1"]["een gedeelde kalender"] == 7 and answers["tafel 2"]["gedeelde technici"] == 4
