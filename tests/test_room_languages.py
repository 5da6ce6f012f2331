"""Each phone in its language (issue 20 §7): the kit in the language a participant chooses, votes kept by id and
in the room's words, the screen in the room's language, arguments as typed."""

from __future__ import annotations

import pytest

from tests.helpers.room import csrf, open_room, to_statement
from tocht_cli.kinds.registry import installed
from tocht_cli.kit.kits import Kits
from tocht_cli.room.languages import Languages, said_as


def speaking(phone, language: str):
    """The phone switches its pages to `language` (the switch on its pages); the page it lands on."""
    page = phone.get("/p")
    return phone.post("/p/language", data={"csrf": csrf(page.text), "language": language})


def test_the_2017_kit_is_offered_in_both_languages_and_a_kit_alone_in_none():
    kits = Kits(installed)
    dutch, english = kits.load("tocht-2017"), kits.load("tocht-2017-en")
    assert list(kits.translations(dutch)) == ["en"] and list(kits.translations(english)) == ["nl"]
    assert Languages.of(dutch, kits.translations(dutch)).choices() == [("nl", "Nederlands"), ("en", "English")]
    assert Languages.of(kits.load("zaal"), kits.translations(kits.load("zaal"))).choices() == []


def test_an_option_is_said_by_its_place_and_free_text_as_typed():
    kits = Kits(installed)
    dutch, english = (kits.load(name).exercise("stellingen") for name in ("tocht-2017", "tocht-2017-en"))
    ballot = dutch.kind.ballot
    given = {"position": "disagree", "argument": "We agree to disagree"}
    assert said_as(ballot, english.spec, dutch.spec, given) == {"position": "oneens", "argument": "We agree to disagree"}
    assert said_as(ballot, dutch.spec, english.spec, {"position": "twijfel"}) == {"position": "unsure"}


@pytest.fixture
def arena(run, cli):
    sid = cli("new", "Ontmoetingsdag", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    arena = open_room(run.workspace(sid))
    yield arena
    arena.close()


def test_an_english_phone_reads_the_statement_in_english_and_its_vote_is_kept_in_dutch(arena):
    to_statement(arena, "A2")
    dutch, english = arena.phone("tafel 1"), arena.phone("tafel 2")
    page = speaking(english, "en")
    assert page.url.path == "/p" and '<html lang="en">' in page.text
    assert "Surely people should also be confronted" in page.text and ">agree<" in page.text and "Vote" in page.text
    assert "eens" not in page.text.split("<main>")[1]  # nothing of the Dutch kit on the phone's page
    arena.vote(english, "disagree", "Confrontation <b>matters</b>")
    arena.vote(dutch, "oneens", "Mensen verrassen")
    kept = {b["device"]: b["value"] for b in arena.room.ws.ballots() if b["item"] == "A2"}
    assert sorted(v["position"] for v in kept.values()) == ["oneens", "oneens"]  # by id, in the room's words
    again = english.get("/p").text
    assert 'value="disagree" checked' in again and "Change my vote" in again  # its own vote, in its words
    mine = dutch.get("/p").text
    assert 'value="oneens" checked' in mine and "Surely" not in mine  # the other phone keeps Dutch


def test_the_screen_keeps_the_rooms_language_and_shows_arguments_as_typed(arena):
    to_statement(arena, "A2")
    english = arena.phone("tafel 2")
    speaking(english, "en")
    arena.vote(english, "agree", "Confrontation matters")
    screen = arena.screen()
    page = screen.get("/screen").text
    assert '<html lang="nl">' in page and "Surely people" not in page
    arena.control(screen, "reveal")
    shown = screen.get("/screen").text
    assert "Confrontation matters" in shown and "eens" in shown


def test_the_join_page_offers_the_languages_and_keeps_the_choice(arena):
    phone = arena.client()
    page = phone.get(f"/j/{arena.room.keys.join}")
    assert page.url.path == "/p/join" and 'lang="en">English</button>' in page.text and "Nederlands</button>" not in page.text
    chosen = phone.post("/p/language", data={"csrf": csrf(page.text), "language": "en"})
    assert chosen.url.path == "/p/join" and "Which table are you at?" in chosen.text  # not seated yet: the table next
    seated = phone.post("/p/join", data={"csrf": csrf(chosen.text), "table": "tafel 1"})
    assert seated.url.path == "/p" and '<html lang="en">' in seated.text and "Nederlands</button>" in seated.text
    back = phone.post("/p/language", data={"csrf": csrf(seated.text), "language": "nl"})
    assert '<html lang="nl">' in back.text
    refused = phone.post("/p/language", data={"csrf": csrf(back.text), "language": "xx"})
    assert '<html lang="nl">' in refused.text  # a language the room does not offer changes nothing


def test_an_english_bingo_card_crosses_the_same_items(arena):
    phone = arena.phone("tafel 1")
    speaking(phone, "en")
    card = phone.get("/p/card/bingo").text
    assert "These are exciting times" in card and "Het zijn spannende tijden" not in card
    crossed = phone.post("/p/card/bingo", data={"csrf": csrf(card), "item": "bingo-1", "crossed": "1"})
    assert crossed.status_code == 200
    (ballot,) = [b for b in arena.room.ws.ballots() if b["exercise"] == "bingo"]
    assert ballot["value"]["crossed"] == ["bingo-1"]


def test_a_follow_up_session_offers_the_languages_and_an_english_phone_marks_the_round_in_english(run, cli):
    """The trial: no language choice on the join page of a session made with `new --from` (its kit has the round)."""
    march = cli("new", "Maart", "-g", "tafel 1", "--date", "2027-03-01").stdout.strip()
    cli("steps", "set", "1", "--action", "Schepen uitnodigen", "--who", "Ann", "--status", "bezig")
    june = cli("new", "Juni", "--from", march, "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    arena = open_room(run.workspace(june))
    try:
        page = arena.client().get(f"/j/{arena.room.keys.join}")
        assert 'lang="en">English</button>' in page.text
        arena.room.goto(arena.room.kit.exercises[0], "v1")
        phone = arena.phone("tafel 2")
        english = speaking(phone, "en")
        assert "Schepen uitnodigen" in english.text and ">stuck<" in english.text  # the step as typed, the statuses in English
        sent = phone.post("/p/vote", data={"csrf": csrf(english.text), "exercise": "opvolging", "item": "v1", "status": "stuck"})
        assert sent.status_code == 200, sent.text
        (ballot,) = run.store.ballots(june)
        assert ballot["value"]["status"] == "vast"  # kept in the room's words
    finally:
        arena.close()
