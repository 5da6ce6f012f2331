"""A participant's phone: where the room is ("Now": the statement and its vote, or the exercise),
their own bingo card, and the live updates those pages follow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.room import dots, forms, lists
from tocht_cli.room.guards import Phone, for_phone
from tocht_cli.room.live import Device, Refused, Room
from tocht_cli.room.results import cloud_of, options_of, shown_rows
from tocht_cli.room.site import Denied, see
from tocht_cli.room.stream import stream
from tocht_cli.sessions.ballots import ballot_kind

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit


@for_phone()
async def now(request: Request, phone: Phone) -> Response:
    return now_page(request, phone)


def now_page(request: Request, phone: Phone, status: int = 200, problem: str = "", given: dict[str, Any] | None = None) -> Response:
    """Where the room is: the item and its vote (with what was `given`, when it was refused), or the exercise."""
    site, device = phone.site, phone.device
    stop = site.room.stop
    ex = stop.exercise
    values: dict[str, Any] = {"device": device, "csrf": site.csrf(device.id), "stop": stop, "problem": problem}
    kind = ballot_kind(ex)
    if kind is not None and stop.item is not None:
        own = site.room.own(device, ex, stop.item.id)
        shown = {**own, **(given or {})}
        values["ballot"] = [forms.field_input(f, ex.spec, site.kit, shown.get(f.name)) for f in kind.ballot]
        values["voted"] = own
    values |= lists.phone_values(site.room, device) | dots.phone_values(site.room, device)
    card = ex.kind.personal_card(ex)
    if card is not None:
        values["card"], values["order"], values["mine"] = site.room.card(device, ex)
        values["card_ex"] = ex
    # "saved" from the redirect after a vote, only while that vote is on this item (not once the room moved on)
    values["saved"] = request.query_params.get("saved") == "1" and bool(values.get("voted"))
    return site.page("phone.html", request, status, **values, **live(site.room))


def live(room: Room) -> dict[str, Any]:
    """What the phone's page shows of the room's state: the timer, the vote closed, the result shown."""
    stop = room.stop
    item = stop.item.id if stop.item else ""
    revealed = room.is_revealed()
    tally = room.tally(stop.exercise, item) if revealed and item else {}
    return {
        "timer": room.timer_shown(),
        "closed": room.closed(),
        "revealed": revealed,
        "results": shown_rows(tally, stop.exercise, room.kit, room.ws.disclosure().min_votes),
        "options": options_of(stop.exercise),
        "cloud": cloud_of(room) if revealed and room.closed() and item else None,  # drawn once, for every phone
        "at": room.where(),
    }


@for_phone()
async def vote(request: Request, phone: Phone) -> Response:
    """A participant's vote on the item the room is on; refused (and shown again as given) once it closed."""
    site, device, form = phone.site, phone.device, phone.form
    ex = site.exercise(str(form.get("exercise") or ""))
    item = str(form.get("item") or "")
    kind = ballot_kind(ex)
    if kind is None:
        raise Denied(404, site.kit.words.gettext("There is no such exercise."))
    try:
        given = forms.checked(kind.ballot, ex.spec, form, site.kit)
    except ValueError as exc:
        return now_page(request, phone, 400, str(exc))
    try:
        await run_in_threadpool(site.room.vote, device, ex, item, given)
    except Refused as exc:
        stop = site.room.stop
        if stop.exercise.id == ex.id and stop.item is not None and stop.item.id == item:
            return now_page(request, phone, 409, exc.message, given)  # closed here: shown again to copy, as given
        # the room moved on: the new item's form starts empty; what was typed is said, never put in it
        return now_page(request, phone, 409, unsent(site.kit, exc.message, kind, given))
    return see("/p?saved=1#vote")


def unsent(kit: Kit, message: str, kind: Any, given: dict[str, Any]) -> str:
    """The refusal of a vote for an item the room has left, with the words typed there (not kept)."""
    typed = " · ".join(str(given[f.name]) for f in kind.ballot if not f.main and given.get(f.name))
    if not typed:
        return message
    return f"{message} " + kit.words.gettext("Not saved: {text}").format(text=typed)


@for_phone()
async def card(request: Request, phone: Phone) -> Response:
    """A cell of the participant's card crossed (or uncrossed): back at that cell, or, the cross that
    reached the target, at the win (announced at the top of the card, far above a cell near the bottom)."""
    site, form = phone.site, phone.form
    ex = site.exercise(request.path_params["exercise"])
    crossed = form.get("crossed") == "1"
    mine = await run_in_threadpool(site.room.cross, phone.device, ex, str(form.get("item") or ""), crossed)
    card = ex.kind.personal_card(ex)
    if crossed and card is not None and mine.get("won_at") and len(mine.get("crossed") or []) == card.target:
        return see(f"/p/card/{quote(ex.id)}#win")
    return see(f"/p/card/{quote(ex.id)}#c-{quote(str(form.get('item') or ''))}")


@for_phone()
async def card_page(request: Request, phone: Phone) -> Response:
    site, device = phone.site, phone.device
    ex = site.exercise(request.path_params["exercise"])
    if ex.kind.personal_card(ex) is None:
        raise Denied(404, site.kit.words.gettext("There is no such exercise."))
    the_card, order, mine = site.room.card(device, ex)
    return site.page("card.html", request, device=device, csrf=site.csrf(device.id), card_ex=ex, card=the_card, order=order, mine=mine)


def following(room: Room, device: Device) -> dict[str, Any]:
    """What a phone's page follows: where the room is, the timer, whether the result is shown or the vote
    closed, and whether a vote waits for this phone (its other pages point to it)."""
    return {
        "at": room.where(),
        "timer": room.timer_shown(),
        "closed": room.closed(),
        "revealed": room.is_revealed(),
        "vote": room.awaits_vote(device),
    }


@for_phone(seated=False)
async def phone_events(request: Request, phone: Phone) -> Response:
    room, device = phone.site.room, phone.device
    return stream(phone.site, device.id, lambda: following(room, device), room.moves)
