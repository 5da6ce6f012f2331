"""The facilitator leads a room from the terminal: the room's own keys, or the walk with the room beside it."""

from __future__ import annotations

import json
import re

from tests.helpers.facilitator import POSITIONS, Facilitator
from tests.helpers.room import open_room
from tests.helpers.terminal import Terminal
from tocht_cli.room import acts, console

ON_LOOPBACK = ("--room", "--host", "127.0.0.1", "--port", "0")  # the walk's room, on a port the system gives


def room_left_at(run, session, item: str, votes=()) -> None:
    """The session's room at ITEM of the statements, each phone's (position, argument) given, then closed: what
    the walk that opens the room again finds there."""
    arena = open_room(run.workspace(session))
    arena.room.goto(arena.room.kit.exercise("stellingen"), item)
    for position, argument in votes:
        arena.vote(arena.phone(), position, argument)
    arena.close()


def walked_with_the_room(keyed, walk: Facilitator, *options: str, screen=None):
    """`tocht run --room` with the walk's keys, stopped with Ctrl-C as the walk says (exit 130)."""
    return keyed(walk.keys, "run", *options, *ON_LOOPBACK, code=130, screen=screen)


def eens_on_a1() -> Facilitator:
    """A walk of the statements that begins and takes "eens" on A1, each prompt waited for on a screen."""
    walk = Facilitator()
    walk.sees("beginnen")
    walk.begin()
    walk.sees("standpunt")
    walk.pick("eens", among=POSITIONS)
    return walk


def lead(room, keys: str) -> None:
    """Press KEYS in the room's terminal view (prompt_toolkit pipe input), then q."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        pipe.send_text(keys + "q")
        console.lead(room, input=pipe, output=DummyOutput())


def test_the_keys_move_the_room_reveal_time_and_save_the_tally(arena, cli):
    room = arena.room
    lead(room, "N")  # to the statements' opening
    assert room.stop.exercise.id == "stellingen" and room.stop.item is None
    lead(room, "nn")
    assert room.stop.item.id == "A2"
    arena.vote(arena.phone("tafel 1"), "oneens", "Te duur")
    lead(room, "rt+z")
    assert room.is_revealed() and room.timer.state == "running" and room.timer.closes
    assert room.timer.shown()["left"] > 3 * 60  # three minutes and one more
    lead(room, "s")
    doc = json.loads(cli("statements", "--json", "-s", room.ws.id, "-g", "tafel 1").stdout)
    assert doc["tafel 1"]["A2"]["counts"] == {"eens": 0, "oneens": 1, "twijfel": 0}
    lead(room, "pP")
    assert room.stop.exercise.id == "stellingen" and room.stop.item is None  # back one, then to the exercise's opening
    assert room.timer.state == "idle"  # the timer stops when the room moves on


def test_the_view_says_where_the_room_is_in_whole_words(arena):
    room = arena.room
    room.goto(room.kit.exercise("stellingen"), "A3")
    arena.vote(arena.phone("tafel 2"), "twijfel")
    text = "".join(part for _, part in console.view(room, ["tally saved"], width=80))
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    said = " ".join(text.split())  # wrapped between words at 80 columns
    assert lines[1].startswith("A3  Gezelschappen voelen druk") and "1 vote" in said and "tafel 2: eens 0 oneens 0 twijfel 1" in said
    assert "s save tally" in text and text.rstrip().endswith("tally saved")
    assert not any(line.endswith("kunsten") for line in lines)  # words are not cut in two


def test_the_walk_leads_the_room_and_offers_its_tally_as_the_hands(run, keyed, cli, session):
    room_left_at(run, session, "A1", (("eens", "Samen sterker"), ("eens", ""), ("twijfel", "Wie betaalt?")))
    walk = eens_on_a1()  # past the room's opening of the statements
    walk.keep()  # the hands as the room voted: 2 0 1
    walk.keep()  # the arguments as the phones gave them
    walk.stop_with_ctrl_c()  # at A2
    result = walked_with_the_room(keyed, walk, "-e", "stellingen")
    assert re.search(r"--room --host 127\.0\.0\.1 --port [1-9]", result.stderr)  # the port it listened on
    assert "PIN: " in result.stdout and "/j/" in result.stdout
    assert result.stdout.index("control (your laptop)") > result.stdout.rindex("▀")  # under the QR code, not scrolled away above it
    doc = json.loads(cli("statements", "--json").stdout)
    assert next(iter(doc.values()))["A1"]["counts"] == {"eens": 2, "oneens": 0, "twijfel": 1}
    assert next(iter(doc.values()))["A1"]["note"] == "• Samen sterker\n• Wie betaalt?"
    assert run.store.room(session)["item"] == "A2"  # the room followed the walk


def test_the_walk_keeps_the_rooms_addresses_and_pin_in_sight_under_every_question(keyed, session):
    """Under every question: where latecomers join with the PIN, the facilitator's control view and the screen."""
    walk = eens_on_a1()
    walk.sees("Hoeveel handen")
    walk.stop_with_ctrl_c()
    screen = Terminal(80, 24)
    result = walked_with_the_room(keyed, walk, "-e", "stellingen", screen=screen)
    pin = re.search(r"PIN: (\d{6})", result.stdout).group(1)
    control = re.search(r"control \(your laptop\): (\S+)", result.stdout).group(1)
    projector = re.search(r"screen \(projector\): (\S+)", result.stdout).group(1)
    status = re.compile(
        rf"screen \(projector\): {re.escape(projector)}\ncontrol \(your laptop\): {re.escape(control)}\njoin: http://127\.0\.0\.1:\d+ · PIN {pin}"
    )  # in the order the room announced them above the walk
    under = [frame for frame in screen.frames if status.fullmatch("\n".join(frame.rstrip().split("\n")[-3:]))]  # its last lines
    for question in ("Klaar om te beginnen", "standpunt", "Hoeveel handen"):  # selects, and a text prompt
        assert any(question in frame for frame in under), question
    assert not status.search(screen.frames[-1])  # an answered question leaves no status behind


def test_a_reopened_room_and_its_walk_go_on_where_the_room_was(run, keyed, session):
    """The printed resume command (no -e) must not take the screen and the phones back to the first open exercise."""
    room_left_at(run, session, "A2")
    walk = Facilitator()
    walk.sees("standpunt")  # A2's own question: no opening panel to confirm first
    walk.stop_with_ctrl_c()
    screen = Terminal(80, 24)
    result = walked_with_the_room(keyed, walk, screen=screen)
    said = " ".join(result.stderr.split())
    assert said.startswith("the room was at T1a · Stellingenspel") and "· A2; the walk goes on there" in said
    state = run.store.room(session)
    assert (state["exercise"], state["item"]) == ("stellingen", "A2")


def test_the_walk_says_the_hands_and_arguments_it_offers_are_the_phones_and_wraps_them_at_words(run, keyed, cli, session):
    """The terminal trial: "Hoeveel handen…? 2 1 0" did not say where 2 1 0 came from, and the phones' arguments
    pre-filled in the prompt wrapped mid-word at 80 columns ("cultuurcent⏎rum")."""
    long = "Verrassen hoort bij de opdracht van een cultuurcentrum, ook als de zaal dan halfvol is en de schepen twijfelt"
    room_left_at(run, session, "A1", (("eens", long), ("eens", ""), ("twijfel", "")))
    walk = eens_on_a1()
    walk.sees("(van de telefoons)")
    walk.keep()  # the hands as the phones gave them
    walk.sees("(van de telefoons, hierboven — Enter: overnemen)")
    walk.keep()  # the arguments as the phones gave them
    walk.stop_with_ctrl_c()  # at A2
    screen = Terminal(80, 30)
    result = walked_with_the_room(keyed, walk, "-e", "stellingen", screen=screen)
    lines = [line.rstrip() for line in result.stdout.split("\n")]
    at = lines.index("telefoons:")  # the label on its own line, each argument hanging under it (not glued to the first)
    assert lines[at + 1].startswith("• Verrassen hoort bij de opdracht") and lines[at + 2].startswith("  halfvol")
    assert not any(line.endswith("cultuurcent") for line in lines)
    assert any(len(line) <= 80 and line.endswith("(van de telefoons) 2 0 1") for line in lines)  # said, on one line
    value = next(iter(json.loads(cli("statements", "--json").stdout).values()))["A1"]
    assert value["counts"] == {"eens": 2, "oneens": 0, "twijfel": 1} and value["note"] == f"• {long}"


def test_a_room_reopened_at_an_exercises_round_walks_on_at_that_exercise(run, keyed, session):
    """The room trial: a room left at the plan's dot round made `tocht run --room` crash ("… is not in list"):
    the round is no exercise of the walk's own; the walk goes on at the exercise that asks it, at its round."""
    arena = open_room(run.workspace(session))
    plan = arena.room.kit.exercise("stappenplan")
    assert plan.room_round is not None
    arena.room.goto(plan.room_round, None)
    arena.close()
    walk = Facilitator()
    walk.sees("The room's round:")
    walk.stop_with_ctrl_c()
    result = keyed(walk.keys, "run", "--room", "--host", "127.0.0.1", "--port", "0", code=130)
    said = " ".join(result.stderr.split())
    assert f"the room was at {plan.heading}; the walk goes on there" in said
    assert "Traceback" not in result.stderr


def test_the_view_and_the_saved_tally_keep_a_small_tables_votes_to_the_total_as_every_report_does(arena):
    room = arena.room
    room.goto(room.kit.exercise("stellingen"), "A3")
    arena.vote(arena.phone("tafel 1"), "twijfel")  # one vote: fewer than k (3), so only in the total
    for position in ("eens", "eens", "oneens", "twijfel"):
        arena.vote(arena.phone("tafel 2"), position)  # beside a single small table: kept to the total too
    text = " ".join("".join(part for _, part in console.view(room, [], width=80)).split())
    assert "tafel 1: only in the total · tafel 2: only in the total · all tables: eens 2 oneens 1 twijfel 2" in text
    assert "twijfel 1" not in text
    lead(room, "s")
    said = " ".join(
        "".join(
            part for _, part in console.view(room, [acts.said(acts.BY_NAME["tally"], acts.save_tally(room), room, str)], width=80)
        ).split()
    )
    assert "tally saved: tafel 1: only in the total; tafel 2: only in the total; all tables: eens 2 oneens 1 twijfel 2" in said
