"""The projector's screen: where the room is, the votes counted, the result once shown, the
arguments, the bingo winners, and how to join (the QR code, the address and the PIN). The
facilitator's own address gives their browser the cookie this page and the control view ask for."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.render.blocks import Facts
from tocht_cli.room import dots, lists, opinions
from tocht_cli.room.forms import ITEM, fields_of, per_item, room_actions
from tocht_cli.room.guards import Facilitator, for_facilitator
from tocht_cli.room.live import Room, at_tables, fingerprint
from tocht_cli.room.results import cards, cloud_of, listed_rows, options_of, shown_rows, table_answers
from tocht_cli.room.site import SCREEN, Denied, Site, sealed_cookie, see, site_of
from tocht_cli.room.stream import stream
from tocht_cli.sessions.ballots import ballot_kind
from tocht_cli.store import EXERCISE_LEVEL


def facilitator_key(request: Request, page: str) -> Response:
    """The facilitator's own address: their browser gets the cookie the screen and the control view ask for."""
    site = site_of(request)
    if not secrets.compare_digest(request.path_params["key"].encode(), site.keys.screen.encode()):
        raise Denied(403, site.kit.words.gettext("This is not the room's screen address."))
    response = see(page)
    sealed_cookie(response, SCREEN, site.keys.seal("screen", {"s": "1"}))
    return response


async def screen_key(request: Request) -> Response:
    return facilitator_key(request, "/screen")


def screen_values(site: Site, drawn: bool = True) -> dict[str, Any]:
    """What the screen shows of the room now; without the word cloud's drawing unless `drawn` (the live
    updates follow its answers, which the ballots' trace tells apart)."""
    room = site.room
    stop = room.stop
    ex = stop.exercise
    item = stop.item.id if stop.item else ""
    revealed = room.is_revealed() or ex.kind.shown_as_they_come  # a follow-up's marks sway nobody: shown as they come
    tally = room.tally(ex, item) if revealed and item else {}
    answer_key = room.answer_key()
    by_tables = at_tables(ex, answer_key)
    answered = room.answered(ex, answer_key) if by_tables else []
    cloud = cloud_of(room) if revealed and drawn else None  # the answers are the cloud, not a list of arguments
    return {
        "stop": stop,
        "under": ex.kind.shown_under(ex, stop.item) if stop.item else "",
        "position": room.at + 1,
        "stops": len(room.stops),
        "votes": len(room.ballots(ex, item)) if item else 0,
        "voting": (voting := ballot_kind(ex) is not None and bool(item)),
        "closable": closable(site.room, voting),
        "revealed": revealed,
        "tally": tally,
        "results": shown_rows(tally, ex, site.kit, room.ws.disclosure().min_votes),
        "options": options_of(ex),
        "arguments": [argument for argument, _hidden in room.arguments(ex, item)] if revealed and item and cloud is None else [],
        "cloud": cloud,
        "at_tables": by_tables,
        "answered": answered,
        "tables": table_cards(answered, ex, answer_key, site.kit) if revealed else [],
        "numbered": listed_rows(ex, answer_key),
        "asked": questions(ex, answer_key, site.kit) if by_tables and (item or not answered) else [],
        "table_count": len(room.groups),
        "wins": [(c, card.win, won) for c, card in cards(site.kit) if (won := room.wins(c))],
        "timer": room.timer_shown(),
        "closed": room.closed(),
        "present": room.present(),
        "join_host": site.join_url.split("/j/")[0],
        "pin": room.keys.pin,
        "qr": Markup(site.qr_svg),  # segno's own SVG of the join address: markup we made
        "csrf": site.csrf("screen"),
        **lists.screen_values(room),
        **dots.screen_values(room),
        **opinions.screen_values(room),
    }


def table_cards(answered: list[tuple[str, dict[str, Any]]], ex: Exercise, key: str, kit: Kit) -> list[tuple[str, Facts]]:
    """Each table's answer as its card shows it: labelled with what the tables were asked (the kind's fields, or
    what the scribe's form asks where the kind answers through its commands)."""
    asked = [] if fields_of(ex, key) else [a.text for a in questions(ex, key, kit)]
    return table_answers(answered, ex, key, kit, asked)


@dataclass
class Asked:
    """A question the tables answer, with the kit's options it offers (T1b: the basic tasks, and "none")."""

    text: str
    options: list[str] = field(default_factory=list)


def questions(ex: Exercise, key: str, kit: Kit) -> list[Asked]:
    """What the tables answer about `key`: its fields' questions, or for a kind that answers through its
    commands (T1b's links), what the scribe's form asks, each with its options; a yes/no next to a
    question is one more option of it (T1b's "none" is no question of its own)."""
    asked = [Asked((f.question or f.label)(ex.spec, kit)) for f in fields_of(ex, key)]
    if asked or key == EXERCISE_LEVEL:
        return asked
    for p in (p for a in room_actions(ex) if per_item(a) for p in a.params if p.name != ITEM):
        label = p.label(ex.spec, kit) if p.label else ""
        if not label:
            continue
        if p.type is bool and asked:
            asked[-1].options.append(label)
        elif all(label != a.text for a in asked):
            asked.append(Asked(label, [item.text for item in p.names(ex)] if p.names else []))
    return asked


@for_facilitator
async def screen_page(request: Request, facilitator: Facilitator) -> Response:
    return facilitator.site.page("screen.html", request, **screen_values(facilitator.site))


@for_facilitator
async def screen_part(request: Request, facilitator: Facilitator) -> Response:
    """The screen's changing part, which its script puts in place without reloading."""
    return facilitator.site.page("screen_live.html", request, **screen_values(facilitator.site))


def closable(room: Room, voting: bool) -> bool:
    """Whether the room votes where it is, so that the vote can be closed and its tally saved: on a statement's
    ballots (`voting`), and on the dots or the list's support (their phones keep their own)."""
    return voting or lists.upvoted(room) is not None or dots.dotted(room) is not None


def screen_state(site: Site) -> dict[str, Any]:
    """What the screen follows: when any of it changes, its script fetches the changing part again."""
    values = screen_values(site, drawn=False)
    return {
        "at": values["stop"].key,
        "votes": values["votes"],
        "ballots": ballots_seen(site),
        "revealed": values["revealed"],
        "tally": values["tally"],
        "arguments": len(values["arguments"]),
        "answered": fingerprint(values["answered"]),  # a scribe's save: the control view shows it before the reveal
        "wins": sum(len(won) for _card, _win, won in values["wins"]),  # the screen hails each new one
        "timer": values["timer"],
        "closed": values["closed"],
        "voting": values["closable"],  # closable, under control.js's key: the vote's buttons only where a vote can close
        "present": values["present"],
        "hidden": len(site.room.hidden),  # the control view lists them
        "merged": len(site.room.merged),
        "walk": walk_state(site.room),  # the control view's note of the walk follows it even where the screen stays
        **opinions.screen_state(site.room),
    }


def walk_state(room: Room) -> list[str]:
    """Where a walk beside the room last was, and where it took the screen back from: a walk that comes to the
    place the control view showed changes the control view's note, not the screen's place."""
    taken_back = room.taken_back
    return [room.walked or "", taken_back.key if taken_back else ""]


def ballots_seen(site: Site) -> str:
    """A trace of the item's votes as given: a phone that changes its position or argument (same count)
    wakes the control view too, whose peek and argument list show them."""
    stop = site.room.stop
    return fingerprint(site.room.ballots(stop.exercise, stop.item.id)) if stop.item else ""


@for_facilitator
async def screen_events(request: Request, facilitator: Facilitator) -> Response:
    site = facilitator.site
    return stream(site, "screen", lambda: screen_state(site), site.room.changes, participant=False)
