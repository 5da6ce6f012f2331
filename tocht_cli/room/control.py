"""The facilitator's control view, on the laptop: the screen's state, a peek at the result before it
is shown, the arguments to vet, and the acts the terminal's keys run, each saying what it did."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import N_, _
from tocht_cli.room import acts, dots, lists, opinions
from tocht_cli.room.acts import ACTS, BY_NAME, MAP_ONLY, VOTE_ONLY
from tocht_cli.room.guards import Facilitator, for_facilitator
from tocht_cli.room.live import fingerprint
from tocht_cli.room.results import cloud_of, cloud_words, options_of, result_rows
from tocht_cli.room.screen import facilitator_key, screen_values, table_cards
from tocht_cli.room.site import Denied, Site, see


async def control_key(request: Request) -> Response:
    return facilitator_key(request, "/control")


def control_values(site: Site, request: Request) -> dict[str, Any]:
    """The screen's values, and what only the facilitator sees."""
    room = site.room
    stop = room.stop
    item = stop.item.id if stop.item else ""
    tally = room.tally(stop.exercise, item) if item else {}
    values = screen_values(site)
    return {
        **values,
        "peek": result_rows(tally, options_of(stop.exercise), site.kit.label("total")),
        "tables": table_cards(values["answered"], stop.exercise, room.answer_key(), site.kit),
        "answered_print": fingerprint(values["answered"]),  # a table's answer makes "nothing to show yet" untrue
        "peek_cloud": cloud_of(room),
        "cloud_words": cloud_words(room),
        "list_entries": lists.entries(room),
        "list_hidden": lists.hidden_entries(room),
        "dot_peek": dots.screen_values(room, peek=True).get("dot_ranking"),
        "vetted": room.arguments(stop.exercise, item, hidden_too=True) if item else [],
        "acts": [(act.name, act.keys[0], site.kit.words.gettext(act.button)) for act in ACTS],
        "vote_only": VOTE_ONLY,
        "map_only": MAP_ONLY,
        **opinions.control_values(room),
        "said": site.told(request.query_params.get("said", "")),
        "walk_note": acts.control_note(room, site.kit.words.gettext),
    }


@for_facilitator
async def control_page(request: Request, facilitator: Facilitator) -> Response:
    return facilitator.site.page("control.html", request, **control_values(facilitator.site, request))


@for_facilitator
async def control_part(request: Request, facilitator: Facilitator) -> Response:
    """The control view's changing part, which its script puts in place without reloading."""
    return facilitator.site.page("control_live.html", request, **control_values(facilitator.site, request))


@for_facilitator
async def act(request: Request, facilitator: Facilitator) -> Response:
    """One of the facilitator's acts; the control view then says what it did."""
    site = facilitator.site
    chosen = BY_NAME.get(str(facilitator.form.get("do") or ""))
    if chosen is None:
        raise Denied(400, _("unknown act"))
    words = site.kit.words
    try:
        done = await run_in_threadpool(chosen.run, site.room)
    except TochtError as exc:
        return see(f"/control?said={site.tell(acts.not_done(exc.message, words.gettext))}")
    return see(f"/control?said={site.tell(acts.said(chosen, done, site.room, words.gettext))}")


@for_facilitator
async def hide(request: Request, facilitator: Facilitator) -> Response:
    """Keep a participant's argument off the screen (or show it again), from the control view."""
    site, form = facilitator.site, facilitator.form
    hiding = form.get("hide") == "1"
    await run_in_threadpool(site.room.hide_argument, str(form.get("device") or ""), hiding)
    said = site.kit.words.gettext(N_("kept off the screen") if hiding else N_("shown on the screen again"))
    copied = await run_in_threadpool(site.room.taken_over, str(form.get("device") or "")) if hiding else ""
    if copied:
        said = site.kit.words.gettext(
            N_("kept off the screen, but the saved tally already put it in {table}'s answer: change it there")
        ).format(table=copied)
    return see(f"/control?said={site.tell(said)}#{'list' if lists.upvoted(site.room) else 'arguments'}")
