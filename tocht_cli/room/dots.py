"""Dot voting in the room (kind dotvote): each phone spreads the kit's dots over the options, the screen
counts who did and shows the totals per table once revealed, and saving the tally gives each table its
participants' dots. The phone's form is plain numbers: it works without JavaScript."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.kinds.dotvote import DotVote, added
from tocht_cli.room.guards import Phone, for_phone
from tocht_cli.room.live import Device, Refused, Room
from tocht_cli.room.results import result_rows
from tocht_cli.room.site import see
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


def phone_values(room: Room, device: Device) -> dict[str, Any]:
    """A phone's dots where the room is: per option its own, and how many it has left."""
    stop = room.stop
    if dotted(room) is None or stop.item is None:
        return {}
    own = room.own(device, stop.exercise, stop.item.id).get("dots") or {}
    options, most = stop.exercise.spec.options, stop.exercise.spec.dots
    return {
        "spread": [(n, o, own.get(o, 0)) for n, o in enumerate(options)],
        "dots_most": most,
        "dots_left": most - sum(own.values()),
        **screen_values(room),
    }


def screen_values(room: Room, peek: bool = False) -> dict[str, Any]:
    """How many spread their dots, and once revealed (or for the facilitator's `peek`) the totals per table and in all."""
    if dotted(room) is None:
        return {"dotting": None}
    per_table = spreads(room)
    options = list(room.stop.exercise.spec.options)
    shown = peek or room.is_revealed()
    tally = {group: added(given, tuple(options)) for group, given in per_table.items()} if shown else {}
    k = room.ws.disclosure().min_votes  # a table of fewer participants than k: its dots only in the total
    kept = {g: why_hidden(room.kit, k, why) for g, why in kept_apart({g: len(given) for g, given in per_table.items()}, k).items()}
    return {
        "dotting": sum(len(given) for given in per_table.values()),
        "dot_results": result_rows(tally, options, room.kit.label("total"), kept),
        "dot_options": options,
    }


@for_phone()
async def spread(request: Request, phone: Phone) -> Response:
    """A participant's dots on the question where the room is (all of them at once, replacing the earlier)."""
    room, form = phone.site.room, phone.form
    kind = dotted(room)
    if kind is None:
        raise Refused(room.kit.words.gettext("The room has moved on; this is no longer being voted on."))
    options = room.stop.exercise.spec.options
    given = {}
    for n, option in enumerate(options):
        typed = str(form.get(f"d{n}") or "").strip()
        if typed:
            if not (typed.isascii() and typed.isdigit()):
                raise Refused(room.kit.words.gettext("Give your dots as whole numbers."))
            given[option] = int(typed)
    await run_in_threadpool(room.keep_own, phone.device, room.stop.exercise, str(form.get("item") or ""), lambda value: {"dots": given})
    return see("/p?saved=1#dots")


def save_tally(room: Room) -> dict[str, dict[str, Any]]:
    """Each table's dots from its participants' own."""
    kind = dotted(room)
    if kind is None:
        raise UsageError(_("the room is not on an item its participants vote on"))
    ex = room.stop.exercise
    return save_per_table(room, lambda at_table: kind.room_tally(ex, [b["value"].get("dots") or {} for b in at_table]))
