"""A participant's phone: where the room is ("Now": the statement and its vote, or the exercise),
their own bingo card, and the live updates those pages follow."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.room import dots, forms, lists, opinions
from tocht_cli.room.guards import Phone, for_phone
from tocht_cli.room.languages import said_as
from tocht_cli.room.live import Device, Refused, Room, Stop
from tocht_cli.room.results import cloud_of, options_of, shown_rows
from tocht_cli.room.site import Denied, see
from tocht_cli.room.stream import stream
from tocht_cli.sessions.ballots import ballot_kind

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.kinds.fields import Field
    from tocht_cli.kinds.items import Item


@for_phone()
async def now(request: Request, phone: Phone) -> Response:
    return now_page(request, phone)


def now_page(
    request: Request, phone: Phone, status: int = 200, problem: str = "", given: dict[str, Any] | None = None, refused: Any = None
) -> Response:
    """Where the room is, in the phone's language: the item and its vote (with what was `given`, in those words,
    when it was refused; a refused form of dots or a proposal shown again as typed), or the exercise."""
    site, device = phone.site, phone.device
    stop = site.room.stop
    ex = stop.exercise
    kit, theirs = site.languages.kit(device.language), site.languages.exercise(device.language, ex)
    values: dict[str, Any] = {"device": device, "csrf": site.csrf(device.id), "stop": Stop(theirs, same_item(theirs, stop.item))}
    values["problem"] = problem
    kind = ballot_kind(ex)
    owner = site.room.answered_by_another(device, ex, stop.item.id) if kind is not None and stop.item is not None else None
    if owner:
        values["others"] = kit.words.gettext("Only {table} answers this one.").format(table=owner)
    elif kind is not None and stop.item is not None:
        own = site.room.own(device, ex, stop.item.id)
        shown = {**said_as(kind.ballot, ex.spec, theirs.spec, own), **(given or {})}
        values["ballot"] = [forms.field_input(f, theirs.spec, kit, shown.get(f.name)) for f in kind.ballot]
        values["voted"] = own
        values["ballot_hint"] = kind.ballot_hint(theirs, kit)
        values["earlier"] = said_last_time(kind.ballot, ex, theirs, kit, stop.item.id)
    page = int(asked) if (asked := request.query_params.get("page", "")).isascii() and asked.isdigit() else 1
    proposed = request.query_params.get("proposed", "")
    values |= lists.phone_values(site.room, device, page, refused, proposed) | dots.phone_values(site.room, device, refused)
    values |= opinions.phone_values(site.room, device, kit)
    card = theirs.kind.personal_card(theirs)
    if card is not None:
        values["card"], values["order"], values["mine"] = site.room.card(device, theirs)
        values["card_ex"] = theirs
    # "saved" from the redirect after a vote or dots, only while they are on this item (not once the room moved on)
    values["saved"] = request.query_params.get("saved") == "1" and bool(values.get("voted") or values.get("dots_given"))
    return site.page("phone.html", request, status, speaking=device.language, **values, **live(site.room, kit, theirs))


def said_last_time(ballot: tuple[Field, ...], ex: Exercise, theirs: Exercise, kit: Kit, item: str) -> str:
    """What the item carries from last time (a follow-up round's step: its status and comment then), in the
    phone's words, as the walk shows it above the question; empty for any other item."""
    sheet = ex.kind.last_time(ex)
    before = said_as(ballot, ex.spec, theirs.spec, sheet.values.get(item) or {}) if sheet is not None else {}
    said = " · ".join(str(before[f.name]) for f in ballot if before.get(f.name))
    label = kit.label("earlier")
    return f"{label[:1].upper()}{label[1:]}: {said}" if said else ""


def same_item(ex: Exercise, item: Item | None) -> Item | None:
    """The item of `ex` with `item`'s id: the room's item as a phone in another language reads it."""
    if item is None:
        return None
    return next((i for i in ex.kind.items(ex) if i.id == item.id), item)


def live(room: Room, kit: Kit, theirs: Exercise) -> dict[str, Any]:
    """What the phone's page shows of the room's state: the timer, the vote closed, the result shown; the result
    in the words of the phone's kit (`theirs`: the room's exercise in them)."""
    stop = room.stop
    item = stop.item.id if stop.item else ""
    revealed = room.is_revealed()
    tally = room.tally(stop.exercise, item) if revealed and item else {}
    return {
        "timer": room.timer_shown(),
        "closed": room.closed(),
        "revealed": revealed,
        "results": shown_rows(tally, stop.exercise, kit, room.ws.disclosure().min_votes),
        "options": options_of(theirs),
        "cloud": cloud_of(room, on_phone=True) if revealed and room.closed() and item else None,  # one layout for every phone
        "at": room.where(),
    }


@for_phone()
async def vote(request: Request, phone: Phone) -> Response:
    """A participant's vote on the item the room is on, given in the phone's language and kept in the room's;
    refused (and shown again as given) once it closed."""
    site, device, form = phone.site, phone.device, phone.form
    ex = site.exercise(str(form.get("exercise") or ""))
    theirs, kit = site.languages.exercise(device.language, ex), site.languages.kit(device.language)
    item = str(form.get("item") or "")
    kind = ballot_kind(ex)
    if kind is None:
        raise Denied(404, kit.words.gettext("There is no such exercise."))
    try:
        given = forms.checked(kind.ballot, theirs.spec, form, kit)
    except ValueError as exc:
        return now_page(request, phone, 400, str(exc))
    if problem := kind.ballot_problem(theirs, given, kit):
        return now_page(request, phone, 400, problem, given)  # shown again as typed, to shorten
    try:
        await run_in_threadpool(site.room.vote, device, ex, item, said_as(kind.ballot, theirs.spec, ex.spec, given))
    except Refused as exc:
        stop = site.room.stop
        if stop.exercise.id == ex.id and stop.item is not None and stop.item.id == item:
            return now_page(request, phone, 409, exc.message, given)  # closed here: shown again to copy, as given
        # the room moved on: the new item's form starts empty; what was typed is said, never put in it
        return now_page(request, phone, 409, unsent(kit, exc.message, kind, given))
    return see("/p?saved=1#vote")


@for_phone()
async def spread(request: Request, phone: Phone) -> Response:
    """A participant's dots; refused, the form again with the dots as typed and why."""
    return await _sent(request, phone, dots.spread, "/p?saved=1#dots")


@for_phone()
async def propose(request: Request, phone: Phone) -> Response:
    """A participant's proposal to the room's list, then the page of the list that holds it, marked and said so;
    refused, the form again with the proposal as typed and why."""
    key = lists.proposal_key(phone.form)
    return await _sent(request, phone, lists.propose, f"/p?proposed={quote(key)}#e-{quote(key)}" if key else "/p#list")


async def _sent(request: Request, phone: Phone, send: Callable[[Phone], Awaitable[None]], then: str) -> Response:
    """A phone's form sent, then the page at `then`; refused, the phone's page again with the form as typed and why."""
    try:
        await send(phone)
    except Refused as exc:
        return now_page(request, phone, 409, exc.message, refused=phone.form)
    return see(then)


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
    ex = site.languages.exercise(device.language, site.exercise(request.path_params["exercise"]))  # in the phone's words
    if ex.kind.personal_card(ex) is None:
        raise Denied(404, site.kit.words.gettext("There is no such exercise."))
    the_card, order, mine = site.room.card(device, ex)
    values: dict[str, Any] = {"device": device, "csrf": site.csrf(device.id), "card_ex": ex, "card": the_card, "order": order, "mine": mine}
    return site.page("card.html", request, speaking=device.language, **values)


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
