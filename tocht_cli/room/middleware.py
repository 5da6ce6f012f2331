"""What every answer of the room goes through before any page sees it: its headers (a strict
Content-Security-Policy, no framing, no referrer), a body no larger than a form (chunked ones too),
and a Host that is an address, not a name (a DNS-rebinding page's way in)."""

from __future__ import annotations

import ipaddress
import logging

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tocht_cli.base.i18n import N_, _, to_facilitator
from tocht_cli.render import output
from tocht_cli.room.limits import MAX_BODY

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """Headers on every answer; bodies no larger than a form; a Host that is an address, not a name."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = refused_before_reading(dict(scope["headers"]))
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.app(scope, limited(receive), with_headers(send))


def refused_before_reading(headers: dict[bytes, bytes]) -> Response | None:
    """The answer to a request refused for its Host or its declared length, or None."""
    if not address_host(headers.get(b"host", b"").decode("latin-1")):
        return refusal(421, N_("misdirected request"))
    length = headers.get(b"content-length", b"0")
    if not length.isdigit() or len(length) > 9:
        return refusal(400, N_("bad length"))
    if int(length) > MAX_BODY:
        return refusal(413, N_("too large"))
    return None


def limited(receive: Receive) -> Receive:
    """The body as it arrives, refused once past a form's size (a chunked body declares no length)."""
    received = 0

    async def within_limit() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > MAX_BODY:
            raise TooLarge
        return message

    return within_limit


def with_headers(send: Send) -> Send:
    """The room's headers added to every answer; the static files keep their own cache-control."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            own = message.get("headers", [])
            kept = any(name.lower() == b"cache-control" for name, _value in own)
            message["headers"] = [*own, *(h for h in HEADERS if not (kept and h[0] == b"cache-control"))]
        await send(message)

    return sending


class TooLarge(Exception):
    """A body past the limit, raised while the page reads it: the app answers 413 (never a 500)."""


def plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain", headers=dict((k.decode(), v.decode()) for k, v in HEADERS))


def refusal(status: int, reason: str) -> Response:
    """A request refused for its form (too large, malformed, a name for a host): one line on the facilitator's
    terminal, without the sender's address, and a plain answer."""
    refused_line(status, reason)
    return plain(status, reason)


def refused_line(status: int, reason: str) -> None:
    """The facilitator's line for a refused request, in their language and through the one message path: on
    stderr, above a question the walk is asking and its status line, never over them (no server log line)."""
    with to_facilitator():  # also from inside a page, which speaks the kit's language
        output.message(_("refused a request: {status} {reason}").format(status=status, reason=_(reason)))


class ServerLine(logging.Handler):
    """What uvicorn itself says (a malformed request, an upgrade the room does not speak, a failure) as the
    facilitator's one line in their language, drawn above the walk's prompt like a page's refusals; never
    uvicorn's English "WARNING:  …", its advice to developers, or a traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        with to_facilitator():
            self.say(record.getMessage(), record.levelno)

    @staticmethod
    def say(said: str, level: int) -> None:
        if said.startswith("Invalid HTTP request"):
            refused_line(400, N_("not a valid HTTP request"))
        elif said.startswith("Unsupported upgrade request"):
            output.message(_("ignored a request to change protocol: the room answers plain web requests only"))
        elif level >= logging.ERROR:
            output.message(_("the server failed on a request; it goes on"))
        # the rest (uvicorn's advice to install a WebSocket library after an upgrade) says nothing to the facilitator


def server_lines() -> None:
    """uvicorn's loggers through ServerLine alone, for the room and the hub (set whole: a second server adds no second line)."""
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi"):
        logger = logging.getLogger(name)
        logger.handlers = [ServerLine()] if name == "uvicorn" else []
        logger.propagate = name != "uvicorn"
        logger.setLevel(logging.WARNING)


def address_host(host: str) -> bool:
    """An IP address (with its port) or localhost: what a browser sends when given the room's address.
    A name that resolves to it is a DNS-rebinding page's way in, and is refused."""
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    name = name.strip("[]")
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
