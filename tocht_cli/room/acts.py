"""The facilitator's acts on a running room, described once: the terminal's keys and the laptop's
control view both run them, and both say in a few words what each one did, where the facilitator looks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tocht_cli.base.i18n import N_
from tocht_cli.room import dots, lists
from tocht_cli.room.live import Room, Stop
from tocht_cli.sessions.disclosure import Disclosure, kept_apart_for


def save_tally(room: Room) -> dict[str, dict[str, object]]:
    """The tables' answers from their participants' votes, or from the room's list or their dots where the room is on one."""
    if lists.upvoted(room):
        return lists.save_tally(room)
    return dots.save_tally(room) if dots.dotted(room) else room.save_tally()


@dataclass(frozen=True)
class Act:
    name: str  # what the control view's button sends
    keys: tuple[str, ...]  # the terminal's keys for it
    word: str  # the terminal's name for it (marked, translated where shown)
    button: str  # the control view's button (marked, translated where shown)
    run: Callable[[Room], object]


ACTS = (
    Act("next", ("n", "right", " "), N_("next"), N_("Next ›"), lambda room: room.step(1)),
    Act("previous", ("p", "left"), N_("back"), N_("‹ Back"), lambda room: room.step(-1)),
    Act("next-exercise", ("N", "pagedown"), N_("next exercise"), N_("Exercise »"), lambda room: room.step_exercise(1)),
    Act("previous-exercise", ("P", "pageup"), N_("previous exercise"), N_("« Exercise"), lambda room: room.step_exercise(-1)),
    Act("reveal", ("r",), N_("reveal"), N_("Show / hide result"), lambda room: room.reveal()),
    Act("timer", ("t",), N_("timer"), N_("Timer start / pause"), lambda room: room.timer_start()),
    Act("extend", ("+",), N_("+1 minute"), N_("+1 minute"), lambda room: room.timer_extend()),
    Act("closes", ("z",), N_("close at zero"), N_("Close the vote at zero"), lambda room: room.timer_closes()),
    Act("close", ("c",), N_("close / reopen the vote"), N_("Close / reopen the vote now"), lambda room: room.close_vote()),
    Act("tally", ("s",), N_("save tally"), N_("Save tally"), save_tally),
    Act("map", ("o",), N_("opinion map"), N_("Opinion map show / hide"), lambda room: room.show_map()),
)
BY_NAME = {act.name: act for act in ACTS}
MOVES = {"next", "previous", "next-exercise", "previous-exercise"}
VOTE_ONLY = {"closes", "close", "tally"}  # they do nothing where the participants do not vote (a table exercise)
MAP_ONLY = {"map"}  # only where the participants vote for or against statements


def said(act: Act, done: object, room: Room, say: Callable[[str], str]) -> str:
    """What `act` did (its result `done`), in the words `say` translates to: the facilitator's confirmation."""
    if act.name in MOVES:
        return say(N_("now at {where} ({position}/{stops})")).format(where=place(room.stop), position=room.at + 1, stops=len(room.stops))
    if act.name == "reveal":
        return say(N_("result shown")) if done else say(N_("result hidden"))
    if act.name in ("timer", "extend"):
        return timer_said(room, say)
    if act.name == "map":
        return say(N_("opinion map shown")) if done else say(N_("opinion map hidden"))
    if act.name == "closes":
        return say(N_("the vote closes at zero")) if done else say(N_("the vote stays open at zero"))
    if act.name == "close":
        return say(N_("vote closed")) if done else say(N_("vote open again"))
    if act.name == "tally" and isinstance(done, dict):
        if not done:
            return say(N_("no votes to save yet"))
        if room.stop.exercise.kind.meeting_wide:  # a follow-up round: settled once, for the whole meeting
            status = next(iter(done.values())).get("status") or "–"
            return say(N_("settled for the whole meeting: {status}")).format(status=status)
        hands = {g: dict(v.get("counts") or {}) for g, v in done.items()}
        return say(N_("tally saved: {tables}")).format(tables="; ".join(tables_counted(hands, room.ws.disclosure(), say)))
    return ""


def tables_counted(tally: dict[str, dict[str, int]], shown: Disclosure, say: Callable[[str], str]) -> list[str]:
    """Each table's counts as the facilitator's terminal says them, by every report's rule (sessions/disclosure.py): a
    table kept to the total says so instead of its counts, and the total follows; a table without counts (a list,
    words) by its name alone."""
    apart = kept_apart_for({group: sum(counts.values()) for group, counts in tally.items()}, shown)

    def said(counts: dict[str, int]) -> str:
        return " ".join(f"{option} {n}" for option, n in counts.items())

    only_total, every_table = say(N_("only in the total")), say(N_("all tables"))
    out = [f"{g}: {only_total if g in apart else said(counts)}" if counts else g for g, counts in tally.items()]
    if apart:
        total: dict[str, int] = {}
        for counts in tally.values():
            total.update({option: total.get(option, 0) + n for option, n in counts.items()})
        out.append(f"{every_table}: {said(total)}")
    return out


def place(stop: Stop) -> str:
    """A place of the room as the facilitator knows it: the exercise's heading, and the item's id or number."""
    where = stop.exercise.heading
    if stop.number:
        where += " · " + stop.number
    return where


def walk_note(room: Room, say: Callable[[str], str]) -> str:
    """The walk's status line when the screen is not where the walk is (`tocht run --room`): the facilitator
    never loses the projector without being told. The last place chosen wins."""
    away = room.away_from_walk()
    if away is not None:
        return say(N_("screen: {where}, as the control view chose; your next step here takes it back")).format(where=place(away))
    if room.taken_back is not None:
        return say(N_("screen: back here, no longer at {where} (the control view's choice)")).format(where=place(room.taken_back))
    return ""


def control_note(room: Room, say: Callable[[str], str]) -> str:
    """The control view's side of it: the walk in the terminal goes on elsewhere, or took the screen back."""
    away = room.away_from_walk()
    if away is not None and room.walked is not None:
        walking = next((s for s in room.stops if s.key == room.walked), None)
        if walking is not None:
            return say(N_("The walk in the terminal is at {where}: the screen follows it again at its next step.")).format(
                where=place(walking)
            )
    if room.taken_back is not None:
        return say(N_("The walk in the terminal took the screen back to {where} (it was at {before}).")).format(
            where=place(room.stop), before=place(room.taken_back)
        )
    return ""


def timer_said(room: Room, say: Callable[[str], str]) -> str:
    shown = room.timer_shown()
    clock = f"{shown['left'] // 60}:{shown['left'] % 60:02d}"
    if shown["state"] == "idle":
        return say(N_("start the timer first"))
    if shown["state"] == "paused":
        return say(N_("timer paused at {clock}")).format(clock=clock)
    return say(N_("timer running, from {clock}")).format(clock=clock)  # still true while it counts down


def not_done(why: str, say: Callable[[str], str]) -> str:
    return say(N_("not done: {why}")).format(why=why)
