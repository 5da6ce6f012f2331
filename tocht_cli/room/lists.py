"""A list the room proposes to and supports (kind upvotes): a phone proposes entries and supports
others, the screen shows the list sorted live, the facilitator merges duplicates and keeps an entry off
the screen, and saving the tally gives each table its participants' entries with their votes.
Every form works without JavaScript: a post and a redirect back to the page."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.upvotes import MAX_ENTRY, Entry, Upvotes, entry_key, merged_into, room_entries, taken, tie_place, tied_at_line
from tocht_cli.room.guards import Facilitator, Phone, for_facilitator, for_phone
from tocht_cli.room.live import Device, Refused, Room
from tocht_cli.room.site import see
from tocht_cli.room.tallies import save_per_table

SHOWN = 12  # entries the projector shows; the rest are counted under them
ON_A_PHONE = 40  # entries on one page of a phone's list (a page a room of 200 loads at once); the rest on the next


def upvoted(room: Room) -> Upvotes | None:
    """The list's kind where the room is on one of its questions, else None."""
    kind = room.stop.exercise.kind
    return kind if isinstance(kind, Upvotes) and room.stop.item is not None else None


def hidden_keys(room: Room) -> set[str]:
    """The entries the facilitator keeps off the screen where the room is (the room's `hidden`, by entry)."""
    stop = room.stop
    place = f"{stop.key}#"
    return {key.removeprefix(place) for key in room.hidden if key.startswith(place)}


def entries(room: Room, hidden_too: bool = False) -> list[Entry]:
    """The room's list where it is: merged entries counted as one, those kept off the screen left out
    (unless `hidden_too`)."""
    stop = room.stop
    if upvoted(room) is None or stop.item is None:
        return []
    hidden = set() if hidden_too else hidden_keys(room)
    ballots, merges = room.ballots(stop.exercise, stop.item.id), room.merges(stop.exercise, stop.item.id)
    return room_entries(ballots, merges, hidden, stop.exercise.spec.seeds)


def hidden_entries(room: Room) -> list[Entry]:
    """The entries kept off the screen, for the control view to show them again."""
    hidden = hidden_keys(room)
    return [e for e in entries(room, hidden_too=True) if e.key in hidden]


def phone_values(room: Room, device: Device, page: int = 1, refused: Any = None, proposed: str = "") -> dict[str, Any]:
    """What a phone shows of the list: a page of its entries with whether it supports them, what it may still
    propose, and (from the `refused` form) the proposal it typed; after a proposal (its key `proposed`), the page
    that holds it (or the entry it was merged into), marked: a new entry with no support sits far down the list."""
    stop = room.stop
    if upvoted(room) is None or stop.item is None:
        return {}
    own = room.own(device, stop.exercise, stop.item.id)
    merges = room.merges(stop.exercise, stop.item.id)
    listed = for_device(entries(room), device.id)
    pages = max(1, -(-len(listed) // ON_A_PHONE))
    mine = next((n for n, e in enumerate(listed) if proposed and proposed in {e.key, *(k for k, _ in e.absorbed)}), None)
    page = min(max(page if mine is None else mine // ON_A_PHONE + 1, 1), pages)
    return {
        "entries": listed[(page - 1) * ON_A_PHONE : page * ON_A_PHONE],
        "entries_count": len(listed),
        "entries_page": page,
        "entries_pages": pages,
        "supported": {merged_into(key, merges) for key in own.get("up") or []},
        "proposals_made": len(own.get("proposed") or []),
        "proposals_left": stop.exercise.spec.per_device - len(own.get("proposed") or []),
        "proposal_typed": str(refused.get("text") or "") if refused else "",
        "proposal_shown": listed[mine].key if mine is not None else "",
        "max_entry": MAX_ENTRY,
    }


def for_device(listed: list[Entry], device: str) -> list[Entry]:
    """The list as a phone shows it: the supported entries as the screen ranks them, then those nobody supports
    yet in the order they came, begun at a place of the device's own (the same on every load), so that no entry
    is always the first a room reads nor always the last."""
    supported = [e for e in listed if e.votes]
    waiting = [e for e in listed if not e.votes]
    start = int(hashlib.sha256(device.encode()).hexdigest(), 16) % len(waiting) if waiting else 0
    return supported + waiting[start:] + waiting[:start]


def screen_values(room: Room) -> dict[str, Any]:
    """The list on the projector: the most supported entries, how many more there are, the most votes (every
    entry that has them, a tie alike) and after which one the list's result ends (its `top`, the entries the
    tables take over, every entry tied with the `top`th in too, and how many tied; 0 when every entry is)."""
    if upvoted(room) is None:
        return {"listed": None}
    shown, top = entries(room), room.stop.exercise.spec.top
    votes = [e.votes for e in shown]
    return {
        "listed": shown[:SHOWN],
        "listed_more": len(shown) - SHOWN if len(shown) > SHOWN else 0,
        "listed_most": max((e.votes for e in shown), default=0),
        "listed_top": taken(votes, top) if 0 < top < len(shown) else 0,
        "listed_tied": tied_at_line(votes, top),
        "listed_line": tie_place(votes, top),
    }


def proposal_key(form: Any) -> str:
    """The key a proposal sent in `form` is listed under (as `propose` keeps it); "" for an empty one."""
    return entry_key(str(form.get("text") or ""))


async def propose(phone: Phone) -> None:
    """A participant's new entry to the list where the room is (their first `per_device` only); refused (the
    phone's page shows it again as typed) when it is too long or one too many."""
    room, form = phone.site.room, phone.form
    text = " ".join(str(form.get("text") or "").split())
    if len(text) > MAX_ENTRY:
        raise Refused(room.kit.words.gettext("That is too long."))
    kind = upvoted(room)
    if kind is None or not text:
        return
    ex, item = room.stop.exercise, str(form.get("item") or "")

    def change(value: dict[str, Any]) -> dict[str, Any]:
        proposed = list(value.get("proposed") or [])
        if entry_key(text) in {entry_key(p) for p in proposed}:
            return value
        if len(proposed) >= ex.spec.per_device:
            said = room.kit.words.ngettext(
                "You made your %(num)s proposal already.", "You made your %(num)s proposals already.", len(proposed)
            )
            raise Refused(said % {"num": len(proposed)})
        return {"up": [], **value, "proposed": [*proposed, text]}

    await run_in_threadpool(room.keep_own, phone.device, ex, item, change)


@for_phone()
async def support(request: Request, phone: Phone) -> Response:
    """Support an entry of the list (once per device), or take the support back."""
    room, form = phone.site.room, phone.form
    key, up = str(form.get("entry") or ""), form.get("up") == "1"
    if upvoted(room) is None or key not in {e.key for e in entries(room)}:
        raise Refused(room.kit.words.gettext("That entry is not on the list."))

    def change(value: dict[str, Any]) -> dict[str, Any]:
        supported = [k for k in value.get("up") or [] if k != key]
        return {"proposed": [], **value, "up": [*supported, key] if up else supported}

    await run_in_threadpool(room.keep_own, phone.device, room.stop.exercise, str(form.get("item") or ""), change)
    return see(f"/p?page={page_of(room, phone.device, key)}#e-{key}")


def page_of(room: Room, device: Device, key: str) -> int:
    """The page of the device's list the entry is on now (after its support moved it)."""
    keys = [e.key for e in for_device(entries(room), device.id)]
    return keys.index(key) // ON_A_PHONE + 1 if key in keys else 1


@for_facilitator
async def merge(request: Request, facilitator: Facilitator) -> Response:
    """Count an entry as another, from the control view (a duplicate), or split it off again (`into` empty); the
    control view then says which, and the merged entry lists what it absorbed, each with its undo."""
    site, form = facilitator.site, facilitator.form
    entry, into = str(form.get("entry") or ""), str(form.get("into") or "")
    texts = entry_texts(site.room)
    if entry not in texts or (into and into not in texts):
        raise Refused(site.kit.words.gettext("That entry is not on the list."))
    await run_in_threadpool(site.room.merge, entry, into)
    say = site.kit.words.gettext
    if into:
        said = say(N_("“{entry}” merged into “{into}”: undo it under that entry")).format(entry=texts[entry], into=texts[into])
    else:
        said = say(N_("“{entry}” is on the list on its own again, with its support")).format(entry=texts[entry])
    return see(f"/control?said={site.tell(said)}#e-{into or entry}")


def entry_texts(room: Room) -> dict[str, str]:
    """Every entry of the list where the room is, by key: those on it, those kept off the screen, and those merged
    into another."""
    listed = entries(room, hidden_too=True)
    return {key: text for e in listed for key, text in ((e.key, e.text), *e.absorbed)}


def save_tally(room: Room) -> dict[str, dict[str, Any]]:
    """Each table's list from the room's: the entries its participants proposed or support, with their votes."""
    kind = upvoted(room)
    if kind is None:
        raise UsageError(_("the room is not on an item its participants vote on"))
    listed = entries(room)
    return save_per_table(room, lambda at_table: kind.room_tally(listed, {b["device"] for b in at_table}))
