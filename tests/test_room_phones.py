"""What the phones see: a vote that closes (and says so), their own label, and a scribe's conflicts."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.helpers.room import Arena, csrf, open_room, to_statement
from tocht_cli.room import live
from tocht_cli.room.limits import Buckets


def positions(arena: Arena) -> list[str]:
    return [b["value"]["position"] for b in arena.room.ws.store.ballots(arena.room.ws.id)]


def test_the_result_shown_closes_the_vote_and_the_phone_says_so(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    arena.vote(phone, "eens")
    arena.room.reveal()
    page = phone.get("/p").text
    assert "De stemming is gesloten." in page and 'data-closed="true"' in page
    assert '<fieldset class="plain" id="ballot" disabled>' in page and 'type="submit"' not in page.split('id="vote"')[1].split("</form>")[0]
    refused = arena.vote(phone, "oneens", status=409)
    assert "De stemming is gesloten." in refused
    arena.room.reveal()  # the result hidden again: the vote stays closed
    arena.vote(phone, "oneens", status=409)
    assert positions(arena) == ["eens"]


def test_a_vote_sent_after_it_closed_is_refused_once_and_keeps_what_was_typed(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    arena.room.close_vote(True)
    refused = arena.vote(phone, "oneens", "te duur voor ons", status=409)
    assert refused.count("De stemming is gesloten.") == 1
    assert "te duur voor ons</textarea>" in refused and 'value="oneens" checked' in refused


def test_a_vote_sent_for_a_statement_the_room_left_never_fills_the_next_ones_form(arena):
    """Typed at A1, sent after the room moved to A2: refused, the words said as not saved, A2's form empty
    (a second tap must not save A1's words under A2)."""
    to_statement(arena, "A1")
    phone = arena.phone("tafel 1")
    page = phone.get("/p")
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A2")
    data = {"csrf": csrf(page.text), "exercise": "stellingen", "item": "A1", "position": "oneens", "argument": "kladtekst bij A1"}
    refused = phone.post("/p/vote", data=data)
    assert refused.status_code == 409 and "Niet bewaard: kladtekst bij A1" in html.unescape(refused.text)
    assert "kladtekst bij A1</textarea>" not in refused.text and 'value="oneens" checked' not in refused.text
    assert arena.room.ballots(arena.room.stop.exercise, "A2") == []


def test_a_phone_says_its_vote_is_saved_only_on_the_statement_it_voted_on(arena):
    to_statement(arena, "A1")
    phone = arena.phone("tafel 1")
    arena.vote(phone, "eens")
    assert "Je stem is bewaard" in phone.get("/p?saved=1").text
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A2")
    assert "Je stem is bewaard" not in phone.get("/p?saved=1").text  # the page reloaded as the room moved on


def test_the_facilitator_closes_the_vote_now_and_can_reopen_it(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    screen = arena.screen()
    arena.control(screen, "close")
    arena.vote(phone, "eens", status=409)
    arena.control(screen, "close")
    arena.vote(phone, "eens")
    assert positions(arena) == ["eens"]


def test_the_facilitators_terminal_closes_and_reopens_the_vote_with_one_key(arena):
    from tocht_cli.room.acts import ACTS

    (close,) = [act.run for act in ACTS if "c" in act.keys]
    to_statement(arena)
    close(arena.room)
    assert arena.room.closed()
    close(arena.room)
    assert not arena.room.closed()


def test_a_closed_vote_stays_closed_when_the_room_comes_back_to_it_or_starts_again(run, arena, cli):
    clock = [1000.0]
    arena.room.clock = arena.room.timer.clock = lambda: clock[0]
    to_statement(arena, "A1")
    arena.room.timer_start()
    arena.room.timer_closes()
    clock[0] += 3 * 60 + 1
    arena.room.step(1)
    to_statement(arena, "A2")
    arena.room.reveal()
    arena.room.step(-1)
    assert arena.room.closed()
    sid = arena.room.ws.id
    arena.close()
    again = open_room(run.workspace(sid))
    try:
        phone = again.phone("tafel 1")
        assert again.room.stop.item.id == "A1" and "De stemming is gesloten." in phone.get("/p").text
        to_statement(again, "A2")
        again.vote(phone, "eens", status=409)
        to_statement(again, "A3")
        again.vote(phone, "eens")
    finally:
        again.close()


def test_the_timers_note_that_the_vote_closes_at_zero_has_no_stray_dot_and_stays_whole(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    arena.room.timer_start()
    arena.room.timer_closes()
    running = phone.get("/p").text
    assert '<span class="timer-state"><span class="closes">de stemming sluit bij nul</span></span>' in running
    arena.room.timer_start()  # paused: the two notes with a dot between them
    assert 'gepauzeerd · <span class="closes">' in phone.get("/p").text


@pytest.mark.parametrize("close", ["reveal", "close_vote"])
def test_once_the_vote_closed_nobody_is_told_it_closes_at_zero(arena, close):
    to_statement(arena)
    phone, laptop = arena.phone("tafel 1"), arena.screen()
    arena.room.timer_start()
    arena.room.timer_closes()
    arena.vote(phone, "eens")
    getattr(arena.room, close)()
    for page in (phone.get("/p").text, laptop.get("/screen/live").text, laptop.get("/control").text):
        assert "de stemming sluit bij nul" not in page and "gesloten" in page
    for page in (phone.get("/p").text, laptop.get("/screen/live").text, laptop.get("/control").text):
        assert "gestopt</span>" in page and "gepauzeerd" not in page  # the clock stopped with the vote: not a pause (room trial)
    arena.room.timer_start()  # started again: a talking timer, without the note
    resumed = phone.get("/p").text
    assert "gestopt</span>" not in resumed and "de stemming sluit bij nul" not in resumed
    arena.room.close_vote(False)  # reopened: the timer no longer closes it (the facilitator sets that again)
    assert "de stemming sluit bij nul" not in phone.get("/p").text


def test_a_phone_learns_at_once_that_the_vote_will_close_at_zero(arena):
    to_statement(arena)
    phone = arena.phone("tafel 1")
    assert 'data-closes="false"' in phone.get("/p").text
    arena.room.timer_start()
    arena.room.timer_closes()
    page = phone.get("/p").text
    assert 'data-closes="true"' in page and "de stemming sluit bij nul" in page


def cross(phone, item: str, crossed: bool = True):
    page = phone.get("/p/card/bingo")
    return phone.post("/p/card/bingo", data={"csrf": csrf(page.text), "item": item, "crossed": "1" if crossed else "0"})


def test_every_phone_shows_the_label_the_screen_and_the_summary_give_its_winner(arena, cli):
    phone, other = arena.phone("tafel 1"), arena.phone("tafel 2")
    for n in range(1, 11):
        cross(phone, f"bingo-{n}")
    ((who, _, _),) = arena.room.wins(arena.room.kit.exercise("bingo"))
    assert who in phone.get("/p").text and who not in other.get("/p").text
    card = phone.get("/p/card/bingo").text
    assert f"Op het scherm sta je als: {who}" in card
    assert who in arena.screen().get("/screen/live").text
    assert who in cli("export", arena.room.ws.id).stdout


def test_a_named_room_labels_a_phone_with_its_name(run, cli):
    sid = cli("new", "Benoemd", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    named = open_room(run.workspace(sid), named=True)
    try:
        phone = named.phone("tafel 1", name="Griet")
        assert "<strong>Griet</strong>" in phone.get("/p").text
    finally:
        named.close()


@contextmanager
def time_zone(zone: str) -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def brussels():
    """This computer's clock in Brussels (winter: UTC+1)."""
    with time_zone("Europe/Brussels"):
        yield


@pytest.fixture
def utc():
    """This computer's clock in UTC: a room's times must not follow the computer that renders them."""
    with time_zone("UTC"):
        yield


def test_a_win_is_stored_with_its_offset(arena, brussels):
    phone = arena.phone("tafel 1")
    for n in range(1, 11):
        cross(phone, f"bingo-{n}")
    ((_, _, at),) = arena.room.wins(arena.room.kit.exercise("bingo"))
    assert dt.datetime.fromisoformat(at).utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize("stored", ["2026-12-07T15:13:00+01:00", "2026-07-07T15:13:00+02:00", "2017-09-07T15:13:00"])
def test_a_win_reads_in_local_time_on_the_screen_in_the_summary_and_the_handout(arena, cli, utc, monkeypatch, stored):
    monkeypatch.setattr(live, "now", lambda: stored)
    phone = arena.phone("tafel 1")
    for n in range(1, 11):
        cross(phone, f"bingo-{n}")
    assert "· 15:13" in phone.get("/p/card/bingo").text
    assert "· 15:13" in arena.screen().get("/screen/live").text
    summary = cli("export", arena.room.ws.id).stdout.split("## De zaal", 1)[1]
    assert "15:13" in summary and "14:13" not in summary
    page = cli("export", arena.room.ws.id, "-f", "html").stdout.split(">De zaal</h2>", 1)[1]
    assert "15:13" in page and "14:13" not in page


def test_winners_are_told_in_the_order_they_won_whatever_the_offset():
    from tocht_cli.base.dates import moment_order

    stored = ["2026-12-07T15:14:00+01:00", "2026-12-07T14:13:30+00:00", "2026-12-07T13:15:00Z"]
    assert sorted(stored, key=moment_order) == [stored[2], stored[1], stored[0]]


def scribe_form(page: str, item: str) -> dict[str, str]:
    """The hidden fields of the answer form for `item` on a scribe's page."""
    for found in re.finditer(r'<form method="post" action="[^"]+/answer"[^>]*>(.*?)</form>', page, re.S):
        if f'name="item" value="{item}"' in found.group(1):
            return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(1)))
    raise AssertionError(f"no answer form for {item}")


def test_a_scribe_whose_change_clashes_keeps_what_they_typed_beside_the_other_answer(arena, cli):
    first, second = arena.phone("tafel 1"), arena.phone("tafel 1")
    shown = second.get("/p/table/rollen?item=rol-2").text
    theirs = first.get("/p/table/rollen?item=rol-2").text
    saved = first.post("/p/table/rollen/answer", data={**scribe_form(theirs, "rol-2"), "note": "van de eerste"})
    assert saved.status_code == 200
    clash = second.post("/p/table/rollen/answer", data={**scribe_form(shown, "rol-2"), "note": "van de tweede", "now": "kunstenaar"})
    assert clash.status_code == 409
    page = html.unescape(clash.text)
    title = dict(arena.room.kit.exercise("rollen").kind.answer_items(arena.room.kit.exercise("rollen")))["rol-2"]
    assert f"Een andere schrijver heeft «{title[:20]}" in page and "» intussen veranderd: Notitie." in page  # the item and the field
    assert "De andere schrijver bewaarde: van de eerste" in " ".join(visible(clash.text).split())
    assert ">van de tweede</textarea>" in page  # what they typed, ready to save again
    assert answers_of(cli, arena, "roles")["rol-2"]["note"] == "van de eerste"
    assert answers_of(cli, arena, "roles")["rol-2"]["now"] == "kunstenaar"  # the field nobody else touched is saved
    again = second.post("/p/table/rollen/answer", data={**scribe_form(clash.text, "rol-2"), "note": "van de tweede"})
    assert again.status_code == 200 and answers_of(cli, arena, "roles")["rol-2"]["note"] == "van de tweede"


def answers_of(cli, arena: Arena, kind: str, group: str = "tafel 1") -> dict:
    return json.loads(cli(kind, "--json", "-s", arena.room.ws.id, "-g", group).stdout)[group]


def test_a_long_exercise_shows_one_answer_at_a_time_and_lets_the_scribe_jump(arena):
    phone = arena.phone("tafel 1")
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A3")
    page = phone.get("/p/table/stellingen").text
    assert page.count('<section id="i-') == 1 and 'id="i-A3"' in page  # where the room is
    assert re.search(r'<option value="B2"[^>]*>', page) and 'rel="prev"' in page and 'rel="next"' in page
    jumped = phone.get("/p/table/stellingen?item=B2").text
    assert 'id="i-B2"' in jumped and 'id="i-A3"' not in jumped and 'href="/p/table/stellingen?item=A3#i-A3"' in jumped
    assert phone.get("/p/table/stellingen?item=nope").status_code == 200  # an unknown item: the room's


def test_a_dutch_scribe_page_shows_no_command_option_key_or_english(arena):
    arena.site.posts = Buckets(burst=1000, rate=1000)
    phone = arena.phone("tafel 1")
    for ex in arena.room.kit.exercises:
        if ex.kind.personal_card(ex) is not None:
            continue
        first = phone.get(f"/p/table/{ex.id}").text
        items = re.findall(r'<option value="([^"]*)"', first.split('id="jump"', 1)[1].split("</select>")[0]) if 'id="jump"' in first else []
        for page in [first, *(phone.get(f"/p/table/{ex.id}?item={i}").text for i in items)]:
            seen = visible(page)
            for bad in ("`", "--", "tocht ", " see ", "(see", "suggestions", "Or a "):
                assert bad not in seen, (ex.id, bad, seen[max(0, seen.find(bad) - 80) : seen.find(bad) + 80])


def visible(page: str) -> str:
    """The text a person sees on a page (no tags, no attribute values)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1]))


def test_problems_on_a_dutch_page_are_dutch_and_name_fields_by_their_label_whatever_the_facilitator_speaks(arena, monkeypatch):
    from tocht_cli.base import i18n

    monkeypatch.setattr(i18n, "_chosen", i18n.ContextVar("english facilitator", default="en"))
    phone = arena.phone("tafel 1")
    page = phone.get("/p/table/stappenplan?item=stap-2").text
    late = phone.post("/p/table/stappenplan/answer", data={**scribe_form(page, "stap-2"), "action": "Bellen", "by": "morgen"})
    seen = " ".join(visible(late.text).split())
    assert late.status_code == 400 and "Tegen wanneer: geen datum: schrijf 15/01/2027" in seen
    assert "stappenplan" not in seen and "stap-2" not in seen and " by:" not in seen
    page = phone.get("/p/table/regio").text
    both = phone.post("/p/table/regio/do/add", data={**action_form(page, "/p/table/regio/do/add"), "challenge": "x", "suggestion": "2"})
    seen = " ".join(visible(both.text).split())
    assert "geef de uitdaging in woorden of een suggestie" in seen and "--" not in seen


def action_form(page: str, action: str) -> dict[str, str]:
    found = re.search(rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert found, action
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(1)))


def test_no_phone_page_of_any_stop_shows_a_command_option_or_key(arena):
    phone = arena.phone("tafel 1")
    for at in range(len(arena.room.stops)):
        arena.room.go(at)
        for path in ("/p", "/p/table", "/p/card/bingo", "/p/join"):
            seen = visible(phone.get(path).text)
            found = re.search(r"`|--|\btocht [a-z]|\w_\w|\b_\b", seen)
            assert found is None, (arena.room.stop.key, path, seen[max(0, found.start() - 80) : found.end() + 80])


def test_the_facilitators_terminal_says_when_the_vote_is_closed(arena):
    from tocht_cli.room import console

    to_statement(arena)
    assert "vote closed" not in "".join(part for _, part in console.view(arena.room, [], width=80))
    arena.room.close_vote()
    assert "vote closed" in "".join(part for _, part in console.view(arena.room, [], width=80))


def test_the_phones_other_tabs_point_to_a_vote_that_waits_for_it_until_it_voted_or_the_vote_closed(arena):
    phone = arena.phone("tafel 1")
    notice = '<p class="vote-notice" id="vote-notice" role="status">'
    assert notice not in phone.get("/p/card/bingo").text  # no vote where the room is
    to_statement(arena)
    for page in ("/p/card/bingo", "/p/table"):
        shown = phone.get(page).text
        assert notice in shown and 'href="/p#vote">Er loopt een stemming: breng je stem uit</a>' in shown
    assert "vote-notice" not in phone.get("/p").text  # the vote is on this page itself
    arena.vote(phone, "eens")
    assert notice not in phone.get("/p/card/bingo").text
    other = arena.phone("tafel 2")
    arena.room.close_vote(True)
    assert notice not in other.get("/p/card/bingo").text
