"""The facilitator reads the participants' arguments on the control view before the screen shows them,
and keeps one off the screen: it stays in the data, marked hidden, and out of the tally's note."""

from __future__ import annotations

import html

from tests.helpers.room import Arena, csrf
from tocht_cli.sessions import ballots


def hide(arena: Arena, screen, device: str, hidden: bool = True) -> str:
    page = screen.get("/control")
    done = screen.post("/screen/hide", data={"csrf": csrf(page.text), "device": device, "hide": "1" if hidden else "0"})
    assert done.status_code == 200 and done.url.path == "/control", done.text
    return done.text


def test_the_control_view_shows_arguments_before_the_reveal_and_one_hidden_stays_off_the_screen(run, arena):
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
    rude, kind = arena.phone("tafel 1"), arena.phone("tafel 2")
    arena.vote(rude, "oneens", "Iets onbehoorlijks")
    arena.vote(kind, "eens", "Het verbindt de buurt")
    screen = arena.screen()
    control = html.unescape(screen.get("/control").text)
    assert "Iets onbehoorlijks" in control and "Het verbindt de buurt" in control  # not yet revealed
    assert ">Verbergen</button>" in control and "Niet op het scherm" not in control  # a verb on a button (room trial)
    device = next(b["device"] for b in arena.room.ballots(arena.room.stop.exercise, "A1") if b["value"]["position"] == "oneens")
    control = html.unescape(hide(arena, screen, device))
    assert "Iets onbehoorlijks" in control and ">Weer tonen</button>" in control
    arena.room.reveal(True)
    shown = html.unescape(screen.get("/screen/live").text)
    assert "Het verbindt de buurt" in shown and "Iets onbehoorlijks" not in shown
    assert '<span class="position">eens</span> Het verbindt de buurt' in shown  # labelled by position
    arena.room.save_tally()
    note = run.store.answers(arena.room.ws.id)
    notes = " ".join(str(a["value"].get("note") or "") for a in note)
    assert "Het verbindt de buurt" in notes and "Iets onbehoorlijks" not in notes
    assert run.store.room(arena.room.ws.id)["hidden"] == [f"stellingen/A1#{device}"]
    kept = [b for b in run.store.ballots(arena.room.ws.id) if b["device"] == device]
    assert kept[0]["value"]["argument"] == "Iets onbehoorlijks"  # kept in the data
    hide(arena, screen, device, hidden=False)
    assert "Iets onbehoorlijks" in html.unescape(screen.get("/screen/live").text)


def test_arguments_are_grouped_by_position_in_the_options_order(arena):
    ex = arena.room.kit.exercise("stellingen")
    votes = [
        {"device": "a", "at": "1", "value": {"position": "twijfel", "argument": "eerst"}},
        {"device": "b", "at": "2", "value": {"position": "eens", "argument": "tweede"}},
        {"device": "c", "at": "3", "value": {"position": "oneens", "argument": "derde"}},
        {"device": "d", "at": "4", "value": {"position": "eens", "argument": "vierde"}},
    ]
    assert [(a.position, a.text) for a in ballots.arguments(ex, votes)] == [
        ("eens", "tweede"),
        ("eens", "vierde"),
        ("oneens", "derde"),
        ("twijfel", "eerst"),
    ]


def test_arguments_of_the_same_second_come_in_one_order_whatever_order_the_ballots_are_stored_in(arena):
    """An export imported again stores ballots by device: the arguments must read alike (found by hypothesis)."""
    ex = arena.room.kit.exercise("stellingen")
    votes = [
        {"device": "b", "at": "2027-01-15T10:00:00", "value": {"position": "twijfel", "argument": "éé"}},
        {"device": "a", "at": "2027-01-15T10:00:00", "value": {"position": "twijfel", "argument": "é"}},
    ]
    assert ballots.arguments(ex, votes) == ballots.arguments(ex, votes[::-1])
    assert [a.text for a in ballots.arguments(ex, votes)] == ["é", "éé"]


def test_hiding_an_argument_the_saved_tally_already_took_over_says_it_is_in_the_tables_answer(run, arena):
    """A hidden argument was still printed under the table's "Belangrijkste argumenten": "Telling bewaren" had
    copied it into the table's note before it was hidden (room trial). The note is the table's answer now,
    never rewritten behind the facilitator's back: the control view says at once where it is."""
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
    arena.vote(arena.phone("tafel 1"), "oneens", "Iets onbehoorlijks")
    arena.room.save_tally()
    device = next(b["device"] for b in arena.room.ballots(arena.room.stop.exercise, "A1"))
    said = html.unescape(hide(arena, arena.screen(), device))
    assert "al in het antwoord van tafel 1" in said
    notes = " ".join(str(a["value"].get("note") or "") for a in run.store.answers(arena.room.ws.id))
    assert "Iets onbehoorlijks" in notes  # the table's answer as it was saved


def test_an_argument_is_taken_over_only_as_a_whole_part_of_the_note(cli, arena):
    """`taken_over` matched by substring: an argument "ja" was "in" any note holding "ja" (review): a note's line
    (without its bullet) or a part between " · " must be the argument itself, its spaces aside."""
    from tocht_cli.room.live import holds_whole

    assert holds_whole("• Iets  onbehoorlijks\n• ja", "ja") and holds_whole("Zo · Iets onbehoorlijks", "Iets onbehoorlijks")
    assert not holds_whole("• jammer genoeg niet", "ja") and not holds_whole("Ja, maar later", "ja")
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
    arena.vote(arena.phone("tafel 1"), "oneens", "ja")
    cli("statements", "vote", "A1", "-s", arena.room.ws.id, "-g", "tafel 1", "-p", "eens", "--note", "jazeker, en snel")
    device = next(b["device"] for b in arena.room.ballots(arena.room.stop.exercise, "A1"))
    assert arena.room.taken_over(device) == ""  # the table's own note, which merely holds "ja"
    arena.room.save_tally()
    assert arena.room.taken_over(device) == "tafel 1"  # now its line "• ja"
