"""`tocht run --room` stops at the round an exercise asks the room first ([room]: dots, a list, words)."""

from __future__ import annotations

from tests.helpers.facilitator import Facilitator
from tests.helpers.room import open_room
from tests.helpers.terminal import Terminal
from tocht_cli.room.live import Device

ROOM = ("--room", "--host", "127.0.0.1", "--port", "0")


def dotted(run, session: str) -> list[str]:
    """Two phones spread their dots over the plan's steps (the third step most); the steps' options."""
    arena = open_room(run.workspace(session))
    round_ = arena.room.kit.exercise("stappenplan").room_round
    options = list(round_.spec.options)
    arena.room.goto(round_, "room")
    for n, spread in enumerate(({options[2]: 2, options[0]: 1}, {options[2]: 1}, {}, {options[1]: 0})):  # two gave nothing
        arena.room.keep_own(Device(f"phone-{n}", arena.room.groups[0]), round_, "room", lambda value, s=spread: {"dots": s})
    arena.close()
    return options


def test_the_walk_stops_at_the_rounds_question_with_its_count_and_reveals_it(run, keyed, session):
    options = dotted(run, session)
    walk = Facilitator()
    walk.begin()
    walk.sees("ronde open · 2 telefoons deden mee")  # under the question, where the facilitator looks; no empty form counts
    walk.keep()  # show the result and close the round
    walk.sees("Bij wie")  # the plan's own first question, at once: no lone "verder" to press
    walk.stop_with_ctrl_c()
    result = keyed(walk.keys, "run", "-e", "stappenplan", *ROOM, code=130, screen=Terminal(80, 30))
    state = run.store.room(session)
    assert "stappenplan-room/room" in state["revealed"] and "stappenplan-room/room" in state["closed"]
    assert "De ronde van de zaal is gesloten; de uitslag blijft op het scherm" in " ".join(result.stdout.split())
    shown = result.stdout[result.stdout.index("Waar beginnen we?") :]
    assert options[2] in shown and shown.index(options[2]) < shown.index(options[0])  # the most dots first


def test_going_on_without_the_round_leaves_it_open(run, keyed, session):
    dotted(run, session)
    walk = Facilitator()
    walk.begin()
    walk.choose("verder zonder de ronde", among=["toon het resultaat en sluit de ronde", "verder zonder de ronde"])
    walk.stop_with_ctrl_c()
    keyed(walk.keys, "run", "-e", "stappenplan", *ROOM, code=130)
    state = run.store.room(session)
    assert "stappenplan-room/room" not in state.get("revealed", [])
    assert (state["exercise"], state["item"]) == ("stappenplan", "")  # on to the plan's header


def test_without_a_room_the_walk_does_not_stop_at_the_round(keyed, session):
    walk = Facilitator()
    walk.begin()
    walk.stop_with_ctrl_c()  # at the plan's first question already
    result = keyed(walk.keys, "run", "-e", "stappenplan", code=130)
    assert "Bij wie" in result.stdout and "ronde" not in result.stdout


def test_at_the_walks_end_the_room_is_closed_only_when_asked(run, keyed, session):
    walk = Facilitator()
    walk.stop()  # at rollen's "ready?": the walk ends
    walk.sees("The room is still open")
    walk.keep()  # close the room
    result = keyed(walk.keys, "run", "-e", "rollen", *ROOM, screen=Terminal(80, 30))
    assert "stays open" not in result.stderr


def test_a_room_kept_open_after_the_walk_goes_on_until_q(run, keyed, session):
    walk = Facilitator()
    walk.stop()
    walk.choose(
        "keep it open (the phones go on)", among=["close the room (the phones read that it closed)", "keep it open (the phones go on)"]
    )
    walk.sees("q quit")  # the room's own keys, while the phones go on
    walk.keys += "N"  # the room's key: to the next exercise, the walk's done but the room is led on
    walk.keys += "q"
    result = keyed(walk.keys, "run", "-e", "rollen", *ROOM, screen=Terminal(80, 30))
    assert "the room stays open; q or Ctrl-C closes it." in result.stderr
    assert run.store.room(session)["exercise"] == "stappenplan"
