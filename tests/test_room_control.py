"""The facilitator's control view (the laptop), the projected screen without buttons, and the count of
participants, which follows joins and leaves within two seconds (a clock of the test's own)."""

from __future__ import annotations

import re

import pytest

from tests.helpers.room import BASE, Arena, csrf
from tocht_cli.room.keys import Keys
from tocht_cli.room.live import GONE, SEEN, Room
from tocht_cli.room.screen import screen_state


def test_the_control_view_is_the_facilitators_alone(arena):
    assert arena.site.control_url == f"{BASE}/c/{arena.room.keys.screen}"
    stranger, phone = arena.client(), arena.phone("tafel 1")
    for who in (stranger, phone):
        assert who.get("/control").status_code == 403
        assert who.get("/control/live").status_code == 403
    assert stranger.get("/c/" + "x" * 22).status_code == 403
    laptop = arena.client()
    page = laptop.get(f"/c/{arena.room.keys.screen}")
    assert page.url.path == "/control" and page.status_code == 200
    assert laptop.post("/screen/do", data={"do": "next", "csrf": csrf(phone.get("/p").text)}).status_code == 403
    assert laptop.post("/screen/do", data={"do": "next"}).status_code == 403
    assert arena.room.at == 0  # nothing was done
    assert laptop.get("/screen").status_code == 200  # the same key opens the screen


def test_the_projected_screen_has_no_buttons(arena):
    screen = arena.screen()
    for path in ("/screen", "/screen/live"):
        page = screen.get(path).text
        assert "<form" not in page and "<button" not in page and "/screen/do" not in page


def test_every_act_on_the_control_view_says_what_it_did(arena):
    laptop = arena.screen()
    assert arena.control(laptop, "next-exercise").startswith("nu bij T1a · Stellingenspel")
    assert arena.control(laptop, "next").endswith("· A1 (3/58)")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.vote(arena.phone("tafel 2"), "twijfel")
    assert arena.control(laptop, "reveal") == "resultaat getoond"
    assert arena.control(laptop, "reveal") == "resultaat verborgen"
    assert arena.control(laptop, "extend") == "start eerst de timer"
    assert arena.control(laptop, "timer").startswith("timer loopt, vanaf ")
    assert arena.control(laptop, "timer").startswith("timer gepauzeerd op ")
    assert arena.control(laptop, "closes") == "de stemming sluit bij nul"
    said = arena.control(laptop, "tally")
    assert said == "telling bewaard: tafel 1: alleen in het totaal; tafel 2: alleen in het totaal; alle tafels: eens 1 oneens 0 twijfel 1"
    arena.control(laptop, "previous")  # the exercise's opening: nothing to count
    assert arena.control(laptop, "tally").startswith("niet gedaan: ")


def test_the_control_view_shows_the_facilitator_the_votes_before_the_room_sees_them(arena):
    laptop = arena.screen()
    arena.control(laptop, "next-exercise")
    arena.control(laptop, "next")
    arena.vote(arena.phone("tafel 1"), "oneens", "Te duur")
    part = laptop.get("/control/live").text
    assert 'class="tally"' in part and "Alleen jij ziet dit" in part and "1 deelnemer" in part
    assert 'class="tally"' not in laptop.get("/screen/live").text


def test_the_control_view_says_which_table_gave_each_argument(arena):
    """The facilitator vets the arguments knowing where each came from (room re-trial, issue 18); the screen stays anonymous."""
    laptop = arena.screen()
    arena.control(laptop, "next-exercise")
    arena.control(laptop, "next")
    arena.vote(arena.phone("tafel 2"), "oneens", "Te duur")
    assert '<span class="text">Te duur</span> <span class="table">(tafel 2)</span>' in laptop.get("/control/live").text
    arena.room.reveal(True)
    assert "(tafel 2)" not in laptop.get("/screen/live").text


def test_a_phone_that_changes_its_vote_wakes_the_control_view(arena):
    laptop = arena.screen()
    arena.control(laptop, "next-exercise")
    arena.control(laptop, "next")
    phone = arena.phone("tafel 1")
    arena.vote(phone, "oneens", "Te duur")
    before = screen_state(arena.site)
    arena.vote(phone, "oneens", "Veel te duur")  # same count, same position: only the argument changed
    assert screen_state(arena.site) != before
    changed = screen_state(arena.site)
    arena.vote(phone, "eens", "Veel te duur")
    assert screen_state(arena.site) != changed
    assert "Veel te duur" in laptop.get("/control/live").text


def test_an_unknown_act_is_refused_without_a_traceback(arena):
    laptop = arena.screen()
    done = laptop.post("/screen/do", data={"do": "format-c", "csrf": csrf(laptop.get("/control").text)})
    assert done.status_code == 400 and "Traceback" not in done.text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def timed(cli, run):
    """A room whose clock the test moves."""
    sid = cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    clock = Clock()
    room = Room(run.workspace(sid), Keys.new(), clock=clock)
    yield room, clock
    room.close()


def test_a_phone_that_joins_is_counted_at_once_and_wakes_the_screen(timed):
    room, clock = timed
    before = room.changes.version
    room.seen("a" * 24)  # the join address…
    room.live_opened("a" * 24)  # …whose page opens its live connection
    assert room.present() == 1 and room.changes.version > before
    clock.now += 10 * SEEN  # a page that stays open, silent
    assert room.present() == 1 and room.next_leave() is None


def test_a_phone_whose_tab_closes_is_gone_within_two_seconds(timed):
    room, clock = timed
    room.live_opened("a" * 24)
    room.live_opened("b" * 24)
    before = room.changes.version
    room.live_closed("a" * 24)  # its tab closed
    assert room.changes.version > before  # the screen's stream wakes, and then waits…
    wait = room.next_leave()
    assert wait is not None and 0 < wait <= GONE <= 2
    clock.now += wait  # …until then
    assert room.present() == 1


def test_a_page_that_reloads_is_counted_throughout(timed):
    room, clock = timed
    room.live_opened("a" * 24)
    room.live_closed("a" * 24)  # a vote sent: the page goes…
    clock.now += GONE / 2
    room.seen("a" * 24)  # …and comes back
    room.live_opened("a" * 24)
    clock.now += 10 * GONE
    assert room.present() == 1


def test_a_join_link_opened_twice_at_once_counts_one_device_not_two(timed):
    room, _clock = timed
    room.seen("d" * 24)  # the first load: its cookie replaced at once by the second's, its page never kept
    room.seen("e" * 24)
    room.live_opened("e" * 24)
    assert room.present() == 1


def test_a_phone_without_javascript_counts_for_a_while_after_its_last_request(timed):
    room, clock = timed
    room.seen("c" * 24)  # the join page
    assert room.present() == 0
    room.seen("c" * 24)  # its table chosen: a participant
    clock.now += SEEN - 1
    assert room.present() == 1 and room.next_leave() == pytest.approx(1)
    clock.now += 1
    assert room.present() == 0 and room.next_leave() is None


def test_the_screen_says_how_many_are_present(arena: Arena):
    arena.phone("tafel 1")
    arena.phone("tafel 2")
    assert "2 deelnemers" in arena.screen().get("/screen/live").text


def test_every_page_of_a_participant_keeps_the_live_connection_that_counts_them(arena):
    phone = arena.phone("tafel 1")
    assert 'data-events="/p/events"' in phone.get("/p").text  # the page that follows the room
    for path in ("/p/table", "/p/card/bingo", "/p/table/rollen"):
        page = phone.get(path).text
        assert 'data-here="/p/events"' in page and "/static/live.js" in page, path
    assert "data-here" not in arena.client().get("/").text  # the PIN form: nobody to count yet


def test_revealing_where_nobody_votes_is_refused_rather_than_claimed(arena):
    laptop = arena.screen()
    assert arena.control(laptop, "reveal").startswith("niet gedaan: ")  # bingo's opening: nothing to show
    assert not arena.room.is_revealed()


def test_the_votes_buttons_show_only_where_the_participants_vote(arena):
    laptop = arena.screen()
    arena.room.goto(arena.room.kit.exercise("rollen"), "rol-1")  # a table exercise: nothing to close or count
    page = laptop.get("/control").text
    for act in ("closes", "close", "tally"):
        assert re.search(rf'value="{act}"[^>]*data-vote-only hidden>', page), act
    assert 'value="reveal"' in page and not re.search(r'value="reveal"[^>]*hidden', page)
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
    assert not re.search(r"data-vote-only hidden", laptop.get("/control").text)


def test_the_votes_buttons_show_at_the_dots_and_the_rooms_list_as_at_the_statements(arena):
    """At T4's dots and T6's list the control view held "Stemming nu sluiten / heropenen" and "Telling bewaren",
    but hidden (room re-trial, issue 18): their phones' answers close and their tally saves as the statements' do."""
    laptop, room = arena.screen(), arena.room
    for round_id in ("stappenplan-room", "regio-room"):
        room.goto(room.kit.exercise(round_id), "room")
        page = laptop.get("/control").text
        assert not re.search(r"data-vote-only hidden", page), round_id
        assert screen_state(arena.site)["voting"] is True, round_id  # the script keeps them shown
        arena.control(laptop, "close")
        assert room.closed() and "de stemming is gesloten" in laptop.get("/control/live").text
        arena.control(laptop, "close")


def test_a_participants_phone_on_its_tables_forms_counts_and_a_scribes_laptop_never_does(arena):
    """Phones on 'Our table' are still people in the room (12 phones showed as 7, room re-trial, issue 18);
    a laptop that joined as its table's scribe is not counted on any page (the count said 13 for 12 phones)."""
    phones = [arena.phone("tafel 1"), arena.phone("tafel 2")]
    for phone in phones:
        phone.get("/p/table/rollen")
    assert arena.room.present() == 2
    laptop = arena.client()
    page = laptop.get(f"/j/{arena.room.keys.join}")
    joined = laptop.post("/p/join", data={"csrf": csrf(page.text), "table": "tafel 1", "as": "scribe"})
    assert joined.url.path == "/p/table"  # the scribe's laptop goes straight to its table's forms
    for path in ("/p/table/rollen", "/p", "/p/table"):
        laptop.get(path)
        assert arena.room.present() == 2, path
    page = laptop.get("/p/join")  # joined again as a participant: counted
    laptop.post("/p/join", data={"csrf": csrf(page.text), "table": "tafel 1"})
    assert arena.room.present() == 3


def test_the_walk_and_the_control_view_say_who_has_the_screen(arena):
    """`tocht run --room`: the control view takes the screen elsewhere, the walk's next step takes it back (the last
    place chosen wins); neither face loses the projector without being told, each where the facilitator looks."""
    from types import SimpleNamespace

    from tocht_cli.cli.commands.run import _room_status

    room, laptop = arena.room, arena.screen()
    statements = room.kit.exercise("stellingen")
    running = SimpleNamespace(room=room, address="http://127.0.0.1:1", pin="123456", control_url="c", screen_url="s")
    status = _room_status(running)
    room.follow_walk(statements, "A1")
    assert "screen:" not in status() and "wandeling" not in laptop.get("/control/live").text
    arena.control(laptop, "previous-exercise")
    arena.control(laptop, "previous-exercise")  # the facilitator shows the bingo card from the laptop
    assert " ".join(status().split()).endswith(" screen: T0 · Bingo, as the control view chose; your next step here takes it back")
    note = re.search(r'<p class="walk-note" role="status">([^<]*)</p>', laptop.get("/control/live").text).group(1)
    assert note.startswith("De wandeling in de terminal staat op T1a · Stellingenspel")
    assert note.endswith("· A1: bij haar volgende stap volgt het scherm haar weer.")
    room.follow_walk(statements, "A2")  # the walk goes on: the screen follows it, and both say so
    assert room.stop.item.id == "A2"
    assert " ".join(status().split()).endswith(" screen: back here, no longer at T0 · Bingo (the control view's choice)")
    note = re.search(r'<p class="walk-note" role="status">([^<]*)</p>', laptop.get("/control").text).group(1)
    assert note.startswith("De wandeling in de terminal nam het scherm terug naar T1a · Stellingenspel")
    assert note.endswith("· A2 (het stond op T0 · Bingo).")
    room.follow_walk(statements, "A3")  # nothing taken from the control view: nothing said
    assert "screen:" not in status() and "wandeling" not in laptop.get("/control/live").text


def test_the_closing_question_says_nothing_of_a_screen_the_walk_took_back(arena, monkeypatch):
    """Seen in the terminal trial: under "de zaal sluiten / open laten" the walk's note "weer hier, niet meer op …
    (gekozen in de bediening)" stayed, though the walk that took the screen back was over."""
    from types import SimpleNamespace

    from tocht_cli.cli.commands.run import _close_or_keep, _room_status
    from tocht_cli.sessions import runtime

    room, laptop = arena.room, arena.screen()
    statements = room.kit.exercise("stellingen")
    running = SimpleNamespace(room=room, address="http://127.0.0.1:1", pin="123456", control_url="c", screen_url="s")
    status = _room_status(running)
    room.follow_walk(statements, "A1")
    arena.control(laptop, "previous-exercise")
    room.follow_walk(statements, "A2")  # the walk's last step took the screen back
    assert "screen: back here" in " ".join(status().split())
    asked = []
    walk = SimpleNamespace(select=lambda *args, **kwargs: asked.append(status()) or False)
    monkeypatch.setattr(runtime, "is_interactive", lambda: True)
    _close_or_keep(walk, running)
    assert asked and "screen:" not in asked[0] and "wandeling" not in laptop.get("/control/live").text


def test_the_control_views_note_of_the_walk_follows_the_walk_where_the_screen_does_not_move(arena):
    """The control view took the screen to A3, then the walk came to A3 itself: the screen stayed, so nothing woke the
    control view, and its note kept saying the walk was at A1 (room trial, issue 18)."""
    room, laptop = arena.room, arena.screen()
    statements = room.kit.exercise("stellingen")
    room.follow_walk(statements, "A1")
    room.goto(statements, "A3")  # the control view's choice
    before = screen_state(arena.site)
    assert "De wandeling in de terminal staat op" in laptop.get("/control/live").text
    room.follow_walk(statements, "A3")
    assert screen_state(arena.site) != before  # the control view is woken and fetches its part again
    assert "wandeling" not in laptop.get("/control/live").text


def test_the_walks_status_lines_wrap_at_words_within_80_columns(arena, monkeypatch):  # and keep the announced order
    """The walk's status line (address, PIN, what the room does) wrapped mid-word at 80 columns (room trial, issue 18)."""
    from types import SimpleNamespace

    from tocht_cli.cli.commands.run import _room_status

    monkeypatch.setenv("COLUMNS", "80")
    room, laptop = arena.room, arena.screen()
    running = SimpleNamespace(
        room=room,
        address="http://192.168.100.123:18500",
        pin="123456",
        control_url="http://192.168.100.123:18500/c/" + "k" * 43,
        screen_url="s",
    )
    room.follow_walk(room.kit.exercise("stellingen"), "A1")
    arena.control(laptop, "previous-exercise")
    arena.control(laptop, "previous-exercise")
    said = _room_status(running)()
    lines = said.splitlines()
    assert all(len(line) <= 76 for line in lines if " " in line.strip()), lines  # a line of one word (an address) may not fit
    words = " ".join(said.split()).split(" ")
    expected = " ".join(  # in the order the room announced them above the walk: screen, control, join
        ["screen (projector): s", f"control (your laptop): {running.control_url}", f"join: {running.address} · PIN 123456"]
    ).split(" ")
    assert words[: len(expected)] == expected and "k" * 43 in said  # the address whole, on its own line
    assert " ".join(words).endswith("your next step here takes it back")
