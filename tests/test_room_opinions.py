"""The opinion map in the room (issue 21 §3): the facilitator shows it, the screen draws anonymous dots and says
the groups' statements in words, each phone hears only its own group, and below the minimum the screen says why."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.helpers.room import csrf, open_room, to_statement

STATEMENTS = [f"A{n}" for n in range(1, 9)] + [f"B{n}" for n in range(1, 8)]
CAMP_A = ["eens"] * 8 + ["oneens"] * 7
CAMP_B = ["oneens"] * 8 + ["eens"] * 7


@pytest.fixture
def session(cli):
    return cli("new", "Kaart", "-g", "tafel 1", "-g", "tafel 2", "-g", "tafel 3").stdout.strip()


@pytest.fixture
def arena(run, session):
    opened = open_room(run.workspace(session))
    yield opened
    opened.close()


def room_votes(arena, phones: int, statements: list[str] = STATEMENTS):
    """`phones` phones at three tables, each half of the room in its own camp, voting on every statement."""
    joined = [arena.phone(f"tafel {n % 3 + 1}") for n in range(phones)]
    for j, statement in enumerate(statements):
        to_statement(arena, statement)
        for n, phone in enumerate(joined):
            arena.vote(phone, (CAMP_A if n % 2 == 0 else CAMP_B)[j])
    return joined


def test_the_map_shows_two_groups_as_anonymous_dots_and_each_phone_its_own_group(arena):
    phones = room_votes(arena, 12)
    screen = arena.screen()
    assert "Opinielandkaart" not in screen.get("/screen/live").text  # not before the facilitator shows it
    assert arena.control(screen, "map") == "opinielandkaart getoond"
    shown = html.unescape(screen.get("/screen/live").text)
    assert "Opinielandkaart" in shown and "indicatief" in shown
    assert shown.count('class="dot g-A"') + shown.count('class="dot g-B"') >= 2 and "g-C" not in shown
    assert re.findall(r'class="count"[^>]*>(\d+)</text>', shown) == ["6", "6"]  # six alike phones: one dot that says six
    assert "groep A (6 telefoons)" in shown and "groep B (6 telefoons)" in shown
    assert "Wat de groepen verdeelt" in shown and "A1 · groep" in shown
    assert "tafel 1" not in shown.split("<main", 1)[1].split("</main>")[0]  # no table names the map
    assert "<script" not in shown and "style=" not in shown  # strict CSP: nothing inline
    letters = set()
    for n, phone in enumerate(phones):
        page = html.unescape(phone.get("/p").text)
        found = re.search(r"Je stemmen liggen het dichtst bij groep ([AB])\.", page)
        assert found, page
        letters.add((n % 2, found.group(1)))
        assert len(re.findall(r"groep [A-D]\b", page)) == 1  # only its own group, nobody else's
        assert "Een groep is geen tafel en geen persoon: het zijn de telefoons die gelijkaardig stemden." in page  # what it means
    assert len(letters) == 2 and len({camp for camp, _ in letters}) == 2  # each camp one group


def test_the_map_is_not_drawn_below_the_minimum_and_the_screen_says_why(arena):
    room_votes(arena, 6, STATEMENTS[:6])
    screen = arena.screen()
    arena.control(screen, "map")
    shown = html.unescape(screen.get("/screen/live").text)
    assert "Nog te weinig stemmen voor een opinielandkaart: 6 van de 7 telefoons" in shown and "opinion-map" not in shown


def test_the_map_is_refused_where_nobody_votes_for_or_against_statements(arena):
    screen = arena.screen()
    arena.room.goto(arena.room.kit.exercise("rollen"), None)
    assert "data-map-only hidden" in screen.get("/control").text  # no button where it cannot be shown
    assert arena.control(screen, "map").startswith("niet gedaan: geen opinielandkaart hier")


def test_the_map_shown_is_kept_with_the_room_and_the_same_votes_give_the_same_bytes(run, arena, session):
    room_votes(arena, 8)
    arena.room.show_map(True)
    first = re.search(r"<svg class=\"opinion-map.*?</svg>", arena.screen().get("/screen/live").text, re.S).group(0)
    arena.close()
    again = open_room(run.workspace(session))
    try:
        assert again.room.map_shown()
        assert re.search(r"<svg class=\"opinion-map.*?</svg>", again.screen().get("/screen/live").text, re.S).group(0) == first
    finally:
        again.close()


def test_the_summary_the_handout_and_the_json_export_carry_the_map(cli, arena, session, tmp_path):
    room_votes(arena, 12)
    arena.close()
    summary = cli("export", session, "--format", "md").stdout
    assert "**Opinielandkaart**" not in summary and ": Opinielandkaart" in summary
    assert "**groep A (6 telefoons)**" in summary and "**Wat de groepen verdeelt**" in summary
    shown = cli("show", session).stdout
    assert "Opinielandkaart" in shown and "groep B (6 telefoons)" in shown and "Wat de zaal verbindt" in shown
    page = tmp_path / "kaart.html"
    cli("export", session, "--format", "html", "-o", str(page))
    drawn = page.read_text(encoding="utf-8")
    assert drawn.count('<svg class="opinion-map"') == 1 and drawn.count('<svg class="opinion-map narrow') == 1
    assert "groep A (6 telefoons)" in html.unescape(drawn)
    doc = json.loads(cli("export", session, "--format", "json").stdout)
    mapped = doc["opinions"]["stellingen"]
    assert mapped["devices"] == 12 and [g["label"] for g in mapped["groups"]] == ["A", "B"]
    assert not any(b["device"] in json.dumps(mapped) for b in doc["ballots"])  # no device is named on the map
    copy = tmp_path / "kopie.json"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    imported = json.loads(cli("import", str(copy), "--name", "Kopie", "--json").stdout)["id"]
    again = json.loads(cli("export", imported, "--format", "json").stdout)
    assert again["opinions"] == doc["opinions"]  # computed again from the same ballots: the same map
    assert map_part(cli("export", imported, "--format", "md").stdout) == map_part(summary)  # and the same bytes in the summary


def test_the_summary_and_the_handouts_say_the_statements_under_the_map_whole(cli, arena, session, tmp_path):
    room_votes(arena, 12)
    arena.close()
    ex = arena.room.kit.exercise("stellingen")
    a1 = " ".join(next(item.text for item in ex.kind.items(ex) if item.id == "A1").split())
    assert len(a1) > 200  # the screen cuts it at 90 characters
    said = map_part(cli("export", session, "--format", "md").stdout).replace("\\", "")
    assert f"groep B eens 100% · {a1}" in said
    page = tmp_path / "kaart.html"
    cli("export", session, "--format", "html", "-o", str(page))
    drawn = html.unescape(page.read_text(encoding="utf-8"))
    assert f"groep B eens 100% · {a1}" in drawn[drawn.index('<svg class="opinion-map"') :]


def map_part(summary: str) -> str:
    """The summary's opinion map: from its heading to the end of the room's section."""
    return summary[summary.index(": Opinielandkaart") :].split("\n---")[0]


def test_a_hand_edited_map_in_the_room_state_is_a_damaged_file_never_a_traceback(run, arena, cli):
    arena.close()
    path = run.store.session_file(arena.room.ws.id)
    document = json.loads(path.read_text(encoding="utf-8"))
    document.setdefault("room", {})["1"] = {"mapped": [3]}
    path.write_text(json.dumps(document), encoding="utf-8")
    from tocht_cli.store.storage import DamagedDatabase

    with pytest.raises(DamagedDatabase, match="opinion maps are not all names"):
        open_room(run.workspace(arena.room.ws.id))


def test_a_phone_without_javascript_sees_its_group_in_the_plain_page(arena):
    phones = room_votes(arena, 8)
    page = arena.screen().get("/control")
    arena.screen().post("/screen/do", data={"csrf": csrf(page.text), "do": "map"})
    assert "dichtst bij groep" in html.unescape(phones[0].get("/p").text)


def test_the_control_view_previews_the_map_above_the_minimum_marked_indicative_with_its_show_and_hide(arena):
    screen = arena.screen()
    room_votes(arena, 6, STATEMENTS[:6])
    below = html.unescape(screen.get("/control/live").text)
    assert "opinion-peek" not in below and "Nog te weinig stemmen" in below  # below the kit's minimums: why, no map
    room_votes(arena, 8)
    peek = html.unescape(screen.get("/control/live").text)
    section = peek.split('id="opinion-peek"', 1)[1].split("</section>", 1)[0]
    assert "Opinielandkaart" in section and "indicatief" in section and 'class="opinion-map' in section
    assert "Alleen jij ziet de kaart, tot je ze op het scherm toont." in section
    assert 'value="map">Toon de kaart op het scherm<' in section
    assert "Opinielandkaart" not in screen.get("/screen/live").text  # a preview: the screen shows nothing yet
    page = screen.get("/control").text
    sent = screen.post("/screen/do", data={"csrf": csrf(page), "do": "map"}, follow_redirects=False)
    assert sent.status_code == 303 and arena.room.map_shown()
    shown = html.unescape(screen.get("/control/live").text).split('id="opinion-peek"', 1)[1]
    assert "De kaart staat op het scherm." in shown and 'value="map">Haal de kaart van het scherm<' in shown
    assert "tafel 1" not in shown.split("</section>", 1)[0] and "style=" not in shown  # no table names it; strict CSP
