"""Dot voting in the room (kind dotvote): each phone spreads the kit's dots over the options, the screen
counts who did and shows the totals per table once revealed, and saving the tally gives each table its
participants' dots. The phone's form is plain numbers: it works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from starlette.concurrency import run_in_threadpool

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.kinds.dotvote import DotVote, added
from tocht_cli.room.guards import Phone
from tocht_cli.room.live import Device, Refused, Room
from tocht_cli.room.tallies import save_per_table
from tocht_cli.sessions.disclosure import kept_apart, why_hidden


def dotted(room: Room) -> DotVote | None:
    """The dot voting's kind where the room is on one of its questions, else None."""
    kind = room.stop.exercise.kind
    return kind if isinstance(kind, DotVote) and room.stop.item is not None else None


def spreads(room: Room) -> dict[str, list[dict[str, int]]]:
    """Per table (in the session's order, tables without dots left out), its participants' dots where the room is."""
    stop = room.stop
    if dotted(room) is None or stop.item is None:
        return {}
    ballots = room.ballots(stop.exercise, stop.item.id)
    per_table = {group: [b["value"].get("dots") or {} for b in ballots if b["group"] == group] for group in room.groups}
    return {group: given for group, given in per_table.items() if given}


def phone_values(room: Room, device: Device, refused: Any = None) -> dict[str, Any]:
    """A phone's dots where the room is: per option its own (or, from the `refused` form, those it typed), and
    how many it has left (below zero: how many too many)."""
    stop = room.stop
    if dotted(room) is None or stop.item is None:
        return {}
    options, most = stop.exercise.spec.options, stop.exercise.spec.dots
    own = kept(refused, options) if refused else room.own(device, stop.exercise, stop.item.id).get("dots") or {}
    return {
        "spread": [(n + 1, o, own.get(o, 0)) for n, o in enumerate(options)],
        "dots_most": most,
        "dots_left": most - sum(own.values()),
        "dots_given": not refused and any(own.values()),
        **screen_values(room),
    }


@dataclass(frozen=True)
class Ranked:
    """An option of the dot vote as the room's pages show it: its number in the kit's list, its dots in all,
    their share of every dot given, and each table's dots."""

    number: int
    option: str
    dots: int
    percent: float
    per_table: list[tuple[str, int]]


def ranking(tally: dict[str, dict[str, int]], options: list[str]) -> list[Ranked]:
    """Every option, the most dots first (a tie in the kit's order): a line each, so that any number of options
    and tables fits the screen's height, never its width."""
    totals = added(list(tally.values()), tuple(options))
    given = sum(totals.values())
    lines = [
        Ranked(n + 1, o, totals[o], 100 * totals[o] / given if given else 0.0, [(g, t.get(o, 0)) for g, t in tally.items()])
        for n, o in enumerate(options)
    ]
    return sorted(lines, key=lambda line: (-line.dots, line.number)) if given else []


def screen_values(room: Room, peek: bool = False) -> dict[str, Any]:
    """How many spread their dots, and once revealed (or for the facilitator's `peek`) the options ranked,
    in all and per table; the room's pages leave out a table whose dots would tell a participant's own
    (too few of them, or the one beside such a table), as a vote's tally does, and say why (`dots_apart`)."""
    if dotted(room) is None:
        return {"dotting": None}
    per_table = spreads(room)
    options = list(room.stop.exercise.spec.options)
    shown = peek or room.is_revealed()
    tally = {group: added(given, tuple(options)) for group, given in per_table.items()} if shown else {}
    k = room.ws.disclosure().min_votes
    apart = {} if peek or not shown else kept_apart({group: len(given) for group, given in per_table.items()}, k)
    lines = [replace(line, per_table=[(g, n) for g, n in line.per_table if g not in apart]) for line in ranking(tally, options)]
    said = [f"{group}: {why_hidden(room.kit, k, why)}" for group, why in apart.items()]  # why a table's dots are not beside the others
    return {"dotting": sum(len(given) for given in per_table.values()), "dot_ranking": lines, "dots_apart": said}


async def spread(phone: Phone) -> None:
    """A participant's dots on the question where the room is (all of them at once, replacing the earlier);
    refused (the phone's page shows them again as typed) when they are not whole numbers or too many."""
    room = phone.site.room
    if dotted(room) is None:
        raise Refused(room.kit.words.gettext("The room has moved on; this is no longer being voted on."))
    spec = room.stop.exercise.spec
    typed = [str(phone.form.get(f"d{n}") or "").strip() for n in range(len(spec.options))]
    if not all(t.isascii() and t.isdigit() for t in typed if t):
        raise Refused(room.kit.words.gettext("Give your dots as whole numbers."))
    given = kept(phone.form, spec.options)
    over = sum(given.values()) - spec.dots
    if over > 0:
        said = room.kit.words.ngettext("You have %(most)s dots: take %(num)s away.", "You have %(most)s dots: take %(num)s away.", over)
        raise Refused(said % {"most": spec.dots, "num": over})
    await run_in_threadpool(
        room.keep_own, phone.device, room.stop.exercise, str(phone.form.get("item") or ""), lambda value: {"dots": given}
    )


def kept(form: Any, options: tuple[str, ...]) -> dict[str, int]:
    """The dots a phone typed per option (`d0`, `d1`…), what is not a whole number left out."""
    typed = {option: str(form.get(f"d{n}") or "").strip() for n, option in enumerate(options)}
    return {option: int(t) for option, t in typed.items() if t.isascii() and t.isdigit()}


def save_tally(room: Room) -> dict[str, dict[str, Any]]:
    """Each table's dots from its participants' own."""
    kind = dotted(room)
    if kind is None:
        raise UsageError(_("the room is not on an item its participants vote on"))
    ex = room.stop.exercise
    return save_per_table(room, lambda at_table: kind.room_tally(ex, [b["value"].get("dots") or {} for b in at_table]))
