"""The room's route table: every page's address, its methods and its endpoint (one module per page
family: join, phone, scribe, screen, control), and how a refusal is answered. Each endpoint reads the
room's context from the app's state and says everything in the kit's language."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import Receive, Scope, Send

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import N_, speaking
from tocht_cli.room import control, join, lists, phone, screen, scribe
from tocht_cli.room.guards import Endpoint
from tocht_cli.room.live import Refused
from tocht_cli.room.middleware import TooLarge, refusal
from tocht_cli.room.site import Denied, site_of

MALFORMED = (400, 415)  # what a page refuses as no form of its own (a plain answer and a line on the terminal)


def spoken(page: Endpoint) -> Endpoint:
    """A page says everything in the kit's language, the problems tocht finds in an answer too: the room reads them."""

    async def in_kit_language(request: Request) -> Response:
        site = site_of(request)
        with speaking(site.kit.language):
            response = await page(request)
        site.reseal(request, response)
        return response

    return in_kit_language


async def static_files(scope: Scope, receive: Receive, send: Send) -> None:
    """The room's scripts and style sheet (named by their content, see assets.py)."""
    await scope["app"].state.site.assets(scope, receive, send)


PAGES: list[tuple[str, Endpoint, list[str]]] = [
    ("/", join.home, ["GET"]),
    ("/", join.pin, ["POST"]),
    ("/j/{token}", join.join, ["GET"]),
    ("/p", phone.now, ["GET"]),
    ("/p/join", join.choose, ["GET", "POST"]),
    ("/p/language", join.language, ["POST"]),
    ("/p/vote", phone.vote, ["POST"]),
    ("/p/events", phone.phone_events, ["GET"]),
    ("/p/card/{exercise}", phone.card_page, ["GET"]),
    ("/p/card/{exercise}", phone.card, ["POST"]),
    ("/p/propose", phone.propose, ["POST"]),
    ("/p/support", lists.support, ["POST"]),
    ("/p/dots", phone.spread, ["POST"]),
    ("/p/table", scribe.tables, ["GET"]),
    ("/p/table/who", scribe.who, ["POST"]),
    ("/p/table/{exercise}", scribe.scribe, ["GET"]),
    ("/p/table/{exercise}/answer", scribe.scribe_answer, ["POST"]),
    ("/p/table/{exercise}/do/{action}", scribe.scribe_action, ["POST"]),
    ("/s/{key}", screen.screen_key, ["GET"]),
    ("/screen", screen.screen_page, ["GET"]),
    ("/screen/live", screen.screen_part, ["GET"]),
    ("/screen/events", screen.screen_events, ["GET"]),
    ("/screen/do", control.act, ["POST"]),
    ("/screen/hide", control.hide, ["POST"]),
    ("/screen/merge", lists.merge, ["POST"]),
    ("/c/{key}", control.control_key, ["GET"]),
    ("/control", control.control_page, ["GET"]),
    ("/control/live", control.control_part, ["GET"]),
]
ROUTES: list[BaseRoute] = [
    *(Route(path, spoken(page), methods=methods) for path, page, methods in PAGES),
    Mount("/static", static_files, name="static"),
]


async def denied(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Denied)
    if exc.status in MALFORMED:
        return refusal(exc.status, exc.text)
    return site_of(request).page("message.html", request, exc.status, text=exc.text)


async def too_large(request: Request, exc: Exception) -> Response:
    return refusal(413, N_("too large"))


async def refused(request: Request, exc: Exception) -> Response:
    """An answer not taken (409), or not saved because the database could not be written (503)."""
    assert isinstance(exc, TochtError)
    return site_of(request).page("message.html", request, 409 if isinstance(exc, Refused) else 503, text=exc.message)


async def not_found(request: Request, exc: Exception) -> Response:
    site = site_of(request)
    return site.page("message.html", request, 404, text=site.kit.words.gettext("There is nothing here."))


HANDLERS = {Denied: denied, TooLarge: too_large, TochtError: refused, 404: not_found, 405: not_found}
