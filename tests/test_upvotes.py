"""The room's list (kind "upvotes", data/kits/zaal): entries proposed and supported once per device, sorted
by support; duplicates merged and entries hidden by the facilitator; recorded by direct command and by
the room's phones, saved per table by the tally, printed in every format."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.helpers.room import Arena, csrf, open_room
from tocht_cli.kinds.upvotes import entry_key, room_entries
from tocht_cli.room import lists


def ballot(device: str, at: str, proposed=(), up=()) -> dict:
    return {"device": device, "at": at, "value": {"proposed": list(proposed), "up": list(up)}}


def test_the_list_counts_one_vote_per_device_folds_merges_and_leaves_hidden_entries_out():
    kalender, mobiliteit, ruzie = entry_key("Een gedeelde kalender"), entry_key("Mobiliteit"), entry_key("Ruzie")
    ballots = [
        ballot("a", "1", ["Een gedeelde kalender"], [kalender]),
        ballot("b", "2", ["Mobiliteit", "een  gedeelde kalender"], [mobiliteit, kalender]),
        ballot("c", "3", ["Ruzie", "Samen programmeren"], [mobiliteit, ruzie]),
        ballot("d", "4", [], [entry_key("Samen programmeren")]),
    ]
    listed = room_entries(ballots, {}, {ruzie})
    assert [(e.text, e.votes) for e in listed] == [("Een gedeelde kalender", 2), ("Mobiliteit", 2), ("Samen programmeren", 1)]
    merged = room_entries(ballots, {entry_key("Samen programmeren"): kalender}, {ruzie})
    assert [(e.text, e.votes) for e in merged] == [("Een gedeelde kalender", 3), ("Mobiliteit", 2)]
    assert merged[0].proposers == {"a", "b", "c"}


def test_entries_of_equal_support_are_never_in_alphabetical_order_and_the_kits_suggestions_keep_the_kits():
    seeds = ["Zonnepanelen", "Archief", "Mobiliteit"]
    proposed = [f"{letter}voorstel" for letter in "ABCDEFGH"]
    ballots = [ballot(f"d{n}", str(n), [text]) for n, text in enumerate(proposed)]
    listed = [e.text for e in room_entries(ballots, {}, set(), seeds)]
    assert listed[-3:] == seeds  # the report's suggestions nobody took up yet, as the kit lists them
    assert listed[:-3] != sorted(listed[:-3]) and sorted(listed[:-3]) == proposed  # no head start for the A's
    later = [ballot(b["device"], str(99 - n), [*b["value"]["proposed"]]) for n, b in enumerate(ballots)]
    assert [e.text for e in room_entries(later, {}, set(), seeds)] == listed  # nor for whoever changed their answer last


@pytest.fixture
def zaal(cli):
    return cli("--kit", "zaal", "new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()


def test_direct_commands_add_count_and_merge_entries_and_every_format_shows_them(cli, zaal, tmp_path):
    said = cli("upvotes", "add", "1", "Samen programmeren", "Een gedeelde kalender", "samen  Programmeren", "-g", "tafel 1")
    assert "2 voorstellen" in said.stderr or "2 entries" in said.stderr  # the repeat is one entry
    cli("upvotes", "votes", "1", "2", "5", "-g", "tafel 1")
    cli("upvotes", "add", "uitdagingen", "Een gedeelde kalender", "Mobiliteit", "Een kalender", "-g", "tafel 2")
    cli("upvotes", "votes", "1", "1", "3", "-g", "tafel 2")
    cli("upvotes", "votes", "1", "3", "1", "-g", "tafel 2")
    cli("upvotes", "merge", "1", "3", "1", "-g", "tafel 2")  # "Een kalender" is the same wish
    rows = json.loads(cli("upvotes", "--json", "-g", "tafel 2").stdout)["tafel 2"]["uitdagingen"]["entries"]
    assert rows == [{"text": "Een gedeelde kalender", "votes": 4}, {"text": "Mobiliteit", "votes": 0}]
    refused = cli("upvotes", "votes", "1", "9", "2", "-g", "tafel 2", ok=False)
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr
    summary = cli("export").stdout
    assert re.search(r"\| Een gedeelde kalender \| `█+` 9 \|", summary), summary  # the totals: 5 + 4
    out = tmp_path / "zaal.html"
    cli("export", "--format", "html", "-o", str(out))
    assert "Een gedeelde kalender" in out.read_text(encoding="utf-8")


@pytest.fixture
def room(run, zaal):
    opened = open_room(run.workspace(zaal))
    opened.room.goto(opened.room.kit.exercise("lijst"), "uitdagingen")
    yield opened
    opened.close()


def propose(phone, text: str, status: int = 200):
    page = phone.get("/p")
    sent = phone.post("/p/propose", data={"csrf": csrf(page.text), "item": "uitdagingen", "text": text})
    assert sent.status_code == status, sent.text
    return sent


def support(phone, text: str, up: bool = True, status: int = 200):
    page = phone.get("/p")
    sent = phone.post(
        "/p/support", data={"csrf": csrf(page.text), "item": "uitdagingen", "entry": entry_key(text), "up": "1" if up else "0"}
    )
    assert sent.status_code == status, sent.text
    return sent


def listed(arena: Arena, screen) -> list[tuple[str, str]]:
    part = html.unescape(screen.get("/screen/live").text)
    return re.findall(
        r'<li class="[^"]*"(?: data-top="[^"]*")?><span class="votes">(\d+)</span> <span class="text">([^<]*)</span></li>', part
    )


def test_phones_propose_and_support_and_the_screen_sorts_the_list_live(room):
    one, two, three = room.phone("tafel 1"), room.phone("tafel 1"), room.phone("tafel 2")
    propose(one, "Een gedeelde kalender")
    propose(one, "Mobiliteit")
    page = html.unescape(one.get("/p").text)
    assert "Wat stel je voor?" not in page and "Je deed al 2 voorstellen." in page  # two each: the form says so
    third = html.unescape(propose(one, "Nog een", status=409).text)  # and a third is refused, in plain words
    assert re.search(r'<p class="problem" role="alert">Je deed al 2 voorstellen.</p>', third)
    assert "Nog een" not in one.get("/p").text
    propose(two, "Samen programmeren")
    screen = room.screen()
    assert sorted(listed(room, screen)) == [("0", "Een gedeelde kalender"), ("0", "Mobiliteit"), ("0", "Samen programmeren")]
    support(two, "Mobiliteit")
    support(three, "Mobiliteit")
    support(three, "Mobiliteit")  # once per device
    support(one, "Samen programmeren")
    assert listed(room, screen) == [("2", "Mobiliteit"), ("1", "Samen programmeren"), ("0", "Een gedeelde kalender")]
    support(three, "Mobiliteit", up=False)  # changed their mind
    assert sorted(listed(room, screen)[:2]) == [("1", "Mobiliteit"), ("1", "Samen programmeren")]
    assert 'aria-pressed="true"' in two.get("/p").text


def test_the_facilitator_merges_a_duplicate_and_hides_an_entry_and_the_tally_gives_each_table_its_votes(run, room):
    one, two, three = room.phone("tafel 1"), room.phone("tafel 2"), room.phone("tafel 2")
    propose(one, "Een gedeelde kalender")
    propose(two, "Gezamenlijke kalender")
    propose(three, "Iets onbehoorlijks")
    support(two, "Een gedeelde kalender")
    support(three, "Gezamenlijke kalender")
    screen = room.screen()
    page = screen.get("/control")
    assert "Gezamenlijke kalender" in html.unescape(page.text)
    screen.post(
        "/screen/merge",
        data={"csrf": csrf(page.text), "entry": entry_key("Gezamenlijke kalender"), "into": entry_key("Een gedeelde kalender")},
    )
    screen.post("/screen/hide", data={"csrf": csrf(page.text), "device": entry_key("Iets onbehoorlijks"), "hide": "1"})
    assert listed(room, screen) == [("2", "Een gedeelde kalender")]
    assert room.control(screen, "tally").startswith("telling bewaard")
    answers = {a["group"]: a["value"]["entries"] for a in run.store.answers(room.room.ws.id)}
    assert answers == {
        "tafel 1": [{"text": "Een gedeelde kalender", "votes": 0}],
        "tafel 2": [{"text": "Een gedeelde kalender", "votes": 2}],
    }
    assert run.store.room(room.room.ws.id)["merged"] == {
        f"lijst/uitdagingen#{entry_key('Gezamenlijke kalender')}": entry_key("Een gedeelde kalender")
    }


def test_a_closed_list_takes_nothing_and_an_entry_too_long_or_without_csrf_is_refused(room):
    phone = room.phone("tafel 1")
    propose(phone, "x" * 201, status=409)
    page = phone.get("/p")
    assert phone.post("/p/propose", data={"item": "uitdagingen", "text": "zonder token"}).status_code in (400, 403)
    room.room.close_vote(True)
    assert "Wat stel je voor?" not in phone.get("/p").text
    sent = phone.post("/p/propose", data={"csrf": csrf(page.text), "item": "uitdagingen", "text": "te laat"})
    assert sent.status_code == 409 and "gesloten" in sent.text
    assert room.room.ballots(room.room.stop.exercise, "uitdagingen") == []


def test_the_devices_proposals_and_support_travel_through_an_export_and_an_import(cli, run, room, tmp_path):
    propose(room.phone("tafel 1"), "Een gedeelde kalender")
    support(room.phone("tafel 2"), "Een gedeelde kalender")
    exported = tmp_path / "zaal.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    copy = cli("import", str(exported), "--yes").stdout.strip()
    values = sorted((b["value"]["proposed"], b["value"]["up"]) for b in run.store.ballots(copy))
    assert values == [([], [entry_key("Een gedeelde kalender")]), (["Een gedeelde kalender"], [])]


def test_every_entry_is_reachable_on_a_phone_page_by_page_without_javascript(room, monkeypatch):
    monkeypatch.setattr(lists, "ON_A_PHONE", 2)
    one, two = room.phone("tafel 1"), room.phone("tafel 2")
    for text in ("Een gedeelde kalender", "Mobiliteit"):
        propose(one, text)
    propose(two, "Samen programmeren")
    first = html.unescape(one.get("/p").text)
    assert "3 voorstellen · pagina 1 van 2" in first and "en nog" not in first
    assert '<a href="/p?page=2#list" rel="next">Volgende pagina</a>' in first
    second = html.unescape(one.get("/p?page=2").text)
    shown = re.findall(r'<span class="text">([^<]*)</span>', first) + re.findall(r'<span class="text">([^<]*)</span>', second)
    assert sorted(shown) == ["Een gedeelde kalender", "Mobiliteit", "Samen programmeren"]
    last = shown[-1]
    sent = support(one, last)  # from the second page: back where that entry is now (supported, it leads)
    assert str(sent.url).endswith(f"/p?page=1#e-{entry_key(last)}")


def test_a_merge_shows_what_it_absorbed_says_so_and_is_undone_with_both_entries_support_back(room):
    one, two, three = room.phone("tafel 1"), room.phone("tafel 2"), room.phone("tafel 2")
    propose(one, "Een gedeelde kalender")
    propose(two, "Gezamenlijke kalender")
    support(two, "Een gedeelde kalender")
    support(three, "Gezamenlijke kalender")
    screen = room.screen()
    kalender, gezamenlijk = entry_key("Een gedeelde kalender"), entry_key("Gezamenlijke kalender")
    merged = screen.post("/screen/merge", data={"csrf": csrf(screen.get("/control").text), "entry": gezamenlijk, "into": kalender})
    page = html.unescape(merged.text)
    assert str(merged.url).endswith(f"#e-{kalender}")
    assert re.search(r'<p id="said"[^>]*>“Gezamenlijke kalender” samengevoegd met “Een gedeelde kalender”', page), page
    assert "+ 1 samengevoegd:" in page and "Ongedaan maken" in page
    assert listed(room, screen) == [("2", "Een gedeelde kalender")]
    undone = screen.post("/screen/merge", data={"csrf": csrf(page), "entry": gezamenlijk, "into": ""})
    page = html.unescape(undone.text)
    assert "“Gezamenlijke kalender” staat weer apart op de lijst" in page and "samengevoegd:" not in page
    assert sorted(listed(room, screen)) == [("1", "Een gedeelde kalender"), ("1", "Gezamenlijke kalender")]
    unknown = screen.post("/screen/merge", data={"csrf": csrf(page), "entry": "nope", "into": kalender})
    assert unknown.status_code == 409 and "Traceback" not in unknown.text
    hidden = screen.post("/screen/hide", data={"csrf": csrf(page), "device": kalender, "hide": "1"})
    assert re.search(r'<p id="said"[^>]*>van het scherm gehouden</p>', hidden.text) and str(hidden.url).endswith("#list")


def test_the_facilitator_at_the_terminal_merges_duplicates_across_tables_and_undoes_it(cli, run, zaal):
    cli("upvotes", "add", "1", "Een gedeelde kalender", "Mobiliteit", "-g", "tafel 1")
    cli("upvotes", "votes", "1", "1", "4", "-g", "tafel 1")
    cli("upvotes", "add", "1", "Gezamenlijke kalender", "-g", "tafel 2")
    cli("upvotes", "votes", "1", "1", "3", "-g", "tafel 2")
    wrong = cli("upvotes", "room-merge", "1", "Fietspaden", "1", ok=False)  # no --group: the whole room's list
    assert wrong.exit_code == 2 and "Traceback" not in wrong.stderr
    assert "1. Een gedeelde kalender; 2. Gezamenlijke kalender; 3. Mobiliteit" in wrong.stderr  # every entry to choose from
    said = cli("upvotes", "room-merge", "1", "gezamenlijke  kalender", "1", "--json")
    assert "“Gezamenlijke kalender” merged into “Een gedeelde kalender”" in said.stderr and "tafel" not in said.stderr
    assert json.loads(said.stdout)["entries"][0] == {
        "number": 1,
        "text": "Een gedeelde kalender",
        "votes": 7,
        "merged": ["Gezamenlijke kalender"],
    }
    key = f"lijst/uitdagingen#{entry_key('Gezamenlijke kalender')}"
    assert run.store.room(run.workspace(zaal).id)["merged"] == {key: entry_key("Een gedeelde kalender")}
    itself = cli("upvotes", "room-merge", "1", "1", "Een gedeelde kalender", ok=False)
    assert itself.exit_code == 2
    unknown = cli("upvotes", "room-unmerge", "1", "Mobiliteit", ok=False)
    assert unknown.exit_code == 2 and "“Gezamenlijke kalender” into “Een gedeelde kalender”" in unknown.stderr
    undone = cli("upvotes", "room-unmerge", "1", "Gezamenlijke kalender")
    assert undone.stdout.splitlines() == ["1. Een gedeelde kalender (4)", "2. Gezamenlijke kalender (3)", "3. Mobiliteit (0)"]
    assert run.store.room(run.workspace(zaal).id)["merged"] == {}


def test_an_open_room_takes_a_merge_made_at_the_terminal_and_keeps_it_when_it_saves_its_own_state(cli, run, room):
    one, two = room.phone("tafel 1"), room.phone("tafel 2")
    propose(one, "Een gedeelde kalender")
    propose(two, "Gezamenlijke kalender")
    support(two, "Een gedeelde kalender")
    screen = room.screen()
    cli("upvotes", "room-merge", "1", "Gezamenlijke kalender", "Een gedeelde kalender")
    room.room.follow()  # what the room's watcher does every moment: the file changed
    assert listed(room, screen) == [("1", "Een gedeelde kalender")]
    screen.post("/screen/hide", data={"csrf": csrf(screen.get("/control").text), "device": entry_key("Mobiliteit"), "hide": "1"})
    room.room.step(1)  # the room saves where it is and what it hid: the terminal's merge stays
    assert run.store.room(room.room.ws.id)["merged"] == {
        f"lijst/uitdagingen#{entry_key('Gezamenlijke kalender')}": entry_key("Een gedeelde kalender")
    }
