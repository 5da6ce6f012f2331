"""The room's web pages: the screen for the projector, the facilitator's control view (the laptop),
and the participants' phones.

Starlette (a small, well-kept ASGI toolkit) serves them; pages are Jinja2 templates with
autoescape, in the kit's language. Every page works without JavaScript (plain forms,
POST then redirect); two small scripts shipped in the package only keep the screen and
the phones up to date (server-sent events).

What protects a room on a shared Wi-Fi:
- nothing but the PIN form answers without the join token (or the PIN): a device that
  joined carries a cookie this room signed; the screen and the control view need the
  facilitator's own key, which the participants never see;
- every form carries a CSRF token signed for its device; cookies are HttpOnly and SameSite;
- the PIN may be tried ten times a minute per client (by its address, held in memory only) and
  once a second by everyone together, so one guesser keeps nobody else out; the join link makes
  new devices at a room's pace; each device may send a few requests a second and hold a few live
  connections; bodies (chunked ones too) and fields have sizes, and a request refused for its
  form is a 4xx and one line on the facilitator's terminal, never a traceback;
- a Content-Security-Policy that allows only the room itself (no inline script, no outside
  resource), no framing, no referrer; a Host that is a name (DNS rebinding) is refused.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tocht_cli import hyphens
from tocht_cli.ballots import ballot_kind, choice, device_label
from tocht_cli.errors import TochtError
from tocht_cli.i18n import _, speaking
from tocht_cli.kit.model import Exercise
from tocht_cli.room import acts, forms
from tocht_cli.room.acts import ACTS, BY_NAME
from tocht_cli.room.assets import Assets
from tocht_cli.room.keys import new_device
from tocht_cli.room.limits import MAX_BODY, MAX_FIELDS, MAX_STREAMS, Buckets
from tocht_cli.room.live import Changes, Clash, Device, Refused, Room
from tocht_cli.store import EXERCISE_LEVEL

HERE = Path(__file__).parent
DEVICE, SCREEN, PRE = "tocht_device", "tocht_screen", "tocht_pin"
MAX_NAME = 60
KEEPALIVE = 15.0
MALFORMED = (400, 415)  # what a page refuses as no form of its own (a plain answer and a line on the terminal)
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
        headers = dict(scope["headers"])
        if not address_host(headers.get(b"host", b"").decode("latin-1")):
            await refusal(421, "misdirected request")(scope, receive, send)
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or len(length) > 9:
            await refusal(400, "bad length")(scope, receive, send)
            return
        if int(length) > MAX_BODY:
            await refusal(413, "too large")(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            """The body as it arrives, refused once past a form's size (a chunked body declares no length)."""
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                raise TooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = message.get("headers", [])
                kept = any(name.lower() == b"cache-control" for name, _value in own)  # the static files say their own
                message["headers"] = [*own, *(h for h in HEADERS if not (kept and h[0] == b"cache-control"))]
            await send(message)

        await self.app(scope, limited, with_headers)


class TooLarge(Exception):
    """A body past the limit, raised while the page reads it: the app answers 413 (never a 500)."""


def plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain", headers=dict((k.decode(), v.decode()) for k, v in HEADERS))


def refusal(status: int, reason: str) -> Response:
    """A request refused for its form (too large, malformed, a name for a host): one line on the facilitator's
    terminal, without the sender's address, and a plain answer."""
    logging.getLogger("uvicorn.error").warning(_("refused a request: {status} {reason}").format(status=status, reason=reason))
    return plain(status, reason)


def address_host(host: str) -> bool:
    """An IP address (with its port) or localhost: what a browser sends when given the room's address.
    A name that resolves to it is a DNS-rebinding page's way in, and is refused."""
    import ipaddress

    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    name = name.strip("[]")
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass
class Site:
    """What the pages need besides the room: its addresses and QR code."""

    room: Room
    join_url: str
    screen_url: str
    qr_svg: str

    def __post_init__(self) -> None:
        self.keys = self.room.keys
        self.kit = self.room.kit
        self.posts = Buckets(burst=20, rate=2)  # per device
        self.pins = Buckets(burst=10, rate=10 / 60)  # per client that types PINs (its address, in memory only)
        self.all_pins = Buckets(burst=60, rate=1)  # for everyone together: more than one client can spend
        self.joins = Buckets(burst=300, rate=5)  # new devices from the join link: a whole room at once, then 5 a second
        self.streams: dict[str, int] = {}
        self.confirmations: dict[str, str] = {}  # what the facilitator's last acts did, by a number in the address
        self.acts_done = 0
        env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.install_gettext_translations(self.kit.words, newstyle=True)  # type: ignore[attr-defined]
        self.assets = Assets(HERE / "static")
        env.globals["static"] = self.assets.url
        env.filters["hyphenated"] = lambda text: hyphens.soft_hyphens(text, self.kit.language)
        self.env = env

    # -- pages ----------------------------------------------------------------
    def page(self, name: str, request: Request, status: int = 200, **values: Any) -> HTMLResponse:
        base = {
            "kit": self.kit,
            "language": self.kit.language,
            "session": self.room.ws.session,
            "named": self.room.named,
            "room": self.room,
            "request": request,
            "cards": [ex for ex in self.kit.exercises if ex.kind.personal_card(ex) is not None],
        }
        device = values.get("device")
        if isinstance(device, Device):
            base["me"] = device_label(device.id, device.name if self.room.named else "", self.kit)
            base["awaits_vote"] = self.room.awaits_vote(device)
        return HTMLResponse(self.env.get_template(name).render(**base, **values), status_code=status)

    def device(self, request: Request) -> Device | None:
        data = self.keys.unseal("device", request.cookies.get(DEVICE))
        if data is None or len(data.get("d", "")) != 24:
            return None
        device = Device(data["d"], self.room.table(data.get("t", "")), data.get("n", ""))  # a table renamed: its new name
        self.room.seen(device.id)
        return device

    def seal(self, device: Device) -> str:
        return self.keys.seal("device", {"d": device.id, "t": device.table, "n": device.name})

    def reseal(self, request: Request, response: Response) -> None:
        """A phone whose cookie names its table by an earlier name (renamed meanwhile) gets it sealed with the
        name now, so it stays at its table once the session forgets that earlier name (or a new group takes it)."""
        data = self.keys.unseal("device", request.cookies.get(DEVICE))
        if data is None or len(data.get("d", "")) != 24 or any(c.startswith(f"{DEVICE}=") for c in response.headers.getlist("set-cookie")):
            return  # no device, or the page sealed its cookie itself (a table chosen)
        table = self.room.table(data.get("t", ""))
        if table and table != data.get("t"):
            sealed_cookie(response, DEVICE, self.seal(Device(data["d"], table, data.get("n", ""))))

    def screen(self, request: Request) -> bool:
        sealed = self.keys.unseal("screen", request.cookies.get(SCREEN))
        return sealed is not None and sealed.get("s") == "1"

    def csrf(self, who: str) -> str:
        return self.keys.sign("csrf", who)

    async def form(self, request: Request, who: str) -> Any:
        """The posted form, when its CSRF token is this device's and the device is within its rate."""
        if who != "screen" and not self.posts.allow(who):  # the facilitator's key is not rate-limited
            raise Denied(429, self.kit.words.gettext("Too many requests at once; wait a moment and try again."))
        form = await posted(request)
        if not self.keys.signed("csrf", who, str(form.get("csrf") or "")):
            raise Denied(403, self.kit.words.gettext("This form has expired; go back, reload the page and try again."))
        return form

    @property
    def control_url(self) -> str:
        """The facilitator's control view, for the laptop: the screen's key opens it too."""
        base, key = self.screen_url.rsplit("/s/", 1)
        return f"{base}/c/{key}"

    def tell(self, text: str) -> str:
        """Keep a confirmation for the page the act redirects to; the number that names it."""
        self.acts_done += 1
        number = str(self.acts_done)
        self.confirmations[number] = text
        for old in list(self.confirmations)[:-20]:
            del self.confirmations[old]
        return number

    def told(self, number: str) -> str:
        return self.confirmations.get(number, "")

    def exercise(self, ref: str) -> Exercise:
        for ex in self.kit.exercises:
            if ex.id == ref:
                return ex
        raise Denied(404, self.kit.words.gettext("There is no such exercise."))


async def posted(request: Request) -> ImmutableMultiDict[str, str]:
    """A urlencoded form (all a room's pages send), its fields counted and its text UTF-8; anything else is refused."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise Denied(415, _("a form, please"))
    try:
        pairs = parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise Denied(400, _("not a form")) from None
    return ImmutableMultiDict(pairs)


class Denied(Exception):
    def __init__(self, status: int, text: str):
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass(frozen=True)
class Row:
    """A line of results: a table (or the total) and, per option, its count and share."""

    label: str
    cells: list[tuple[int, float]]
    total: bool = False


def result_rows(tally: dict[str, dict[str, int]], options: list[str], total: str) -> list[Row]:
    def row(label: str, counts: dict[str, int], is_total: bool = False) -> Row:
        votes = sum(counts.values())
        return Row(label, [(counts.get(o, 0), 100 * counts.get(o, 0) / votes if votes else 0.0) for o in options], is_total)

    rows = [row(group, counts) for group, counts in tally.items()]
    if len(rows) > 1:
        rows.append(row(total, {o: sum(c.get(o, 0) for c in tally.values()) for o in options}, True))
    return rows


class Held(StreamingResponse):
    """A stream that gives back what it holds (a device's place under its cap) however it ends: finished,
    the page closed, or never started because the client left first."""

    def __init__(self, content: Any, release: Callable[[], None], **options: Any):
        super().__init__(content, **options)
        self.release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.release()


def sealed_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=7 * 24 * 3600, httponly=True, samesite="lax", path="/")


def see(url: str) -> RedirectResponse:
    """POST, then redirect, then GET: a reload never sends a form twice."""
    return RedirectResponse(url, status_code=303)


def build(site: Site) -> Starlette:
    room, kit, words = site.room, site.kit, site.kit.words

    def participant(request: Request) -> Device:
        device = site.device(request)
        if device is None:
            raise Denied(403, words.gettext("Scan the room's QR code, or type its address and PIN, to take part."))
        return device

    def to_join(device: Device) -> bool:
        return device.table not in room.groups or (room.named and not device.name)

    # -- joining --------------------------------------------------------------
    async def home(request: Request) -> Response:
        if site.device(request) is not None:
            return see("/p")
        pre = request.cookies.get(PRE) or ""
        fresh = len(pre) != 32
        if fresh:
            pre = secrets.token_hex(16)
        response = site.page("pin.html", request, csrf=site.csrf("pin:" + pre), problem=request.query_params.get("problem") == "1")
        if fresh:
            response.set_cookie(PRE, pre, httponly=True, samesite="lax", path="/")
        return response

    async def pin(request: Request) -> Response:
        pre = request.cookies.get(PRE) or ""
        form = await site.form(request, "pin:" + pre)
        client = request.client.host if request.client else ""
        if not site.pins.allow(client) or not site.all_pins.allow(""):
            raise Denied(429, words.gettext("Too many wrong PINs; wait a minute and try again."))
        typed = "".join(str(form.get("pin") or "").split())[:20]
        if not secrets.compare_digest(typed.encode(), room.keys.pin.encode()):
            return see("/?problem=1")
        return joined(Device(new_device()))

    async def join(request: Request) -> Response:
        if not secrets.compare_digest(request.path_params["token"].encode(), room.keys.join.encode()):
            raise Denied(403, words.gettext("This join address is not (or no longer) valid; scan the room's QR code again."))
        device = site.device(request)
        if device is None and not site.joins.allow(""):
            raise Denied(429, words.gettext("Too many requests at once; wait a moment and try again."))
        return joined(device or Device(new_device()))

    def joined(device: Device) -> Response:
        if len(room.groups) == 1 and not device.table:
            device = Device(device.id, room.groups[0], device.name)
        response = see("/p/join" if to_join(device) else "/p")
        sealed_cookie(response, DEVICE, site.seal(device))
        return response

    async def choose(request: Request) -> Response:
        device = participant(request)
        if request.method == "POST":
            form = await site.form(request, device.id)
            table = str(form.get("table") or "")
            name = " ".join(str(form.get("name") or "").split())[:MAX_NAME]
            problem = ""
            if table not in room.groups:
                problem = words.gettext("Choose your table first.")
            elif room.named and not name:
                problem = words.gettext("Fill in your name: this room is named.")
            if not problem:
                response = see("/p")
                sealed_cookie(response, DEVICE, site.seal(Device(device.id, table, name)))
                return response
            return site.page("join.html", request, 400, device=device, csrf=site.csrf(device.id), problem=problem)
        return site.page("join.html", request, device=device, csrf=site.csrf(device.id), problem="")

    # -- the phone: where the room is -----------------------------------------
    async def now(request: Request) -> Response:
        device = participant(request)
        if to_join(device):
            return see("/p/join")
        return now_page(request, device)

    def now_page(request: Request, device: Device, status: int = 200, problem: str = "", given: dict[str, Any] | None = None) -> Response:
        stop = room.stop
        ex = stop.exercise
        values: dict[str, Any] = {"device": device, "csrf": site.csrf(device.id), "stop": stop, "problem": problem}
        kind = ballot_kind(ex)
        if kind is not None and stop.item is not None:
            own = room.own(device, ex, stop.item.id)
            shown = {**own, **(given or {})}
            values["ballot"] = [forms.field_input(f, ex.spec, kit, shown.get(f.name)) for f in kind.ballot]
            values["voted"] = own
        card = ex.kind.personal_card(ex)
        if card is not None:
            values["card"], values["order"], values["mine"] = room.card(device, ex)
            values["card_ex"] = ex
        values["saved"] = request.query_params.get("saved") == "1"
        return site.page("phone.html", request, status, **values, **live(device))

    def live(device: Device) -> dict[str, Any]:
        stop = room.stop
        item = stop.item.id if stop.item else ""
        revealed = room.is_revealed()
        tally = room.tally(stop.exercise, item) if revealed and item else {}
        return {
            "timer": room.timer.shown(),
            "closed": room.closed(),
            "revealed": revealed,
            "results": result_rows(tally, options_of(stop.exercise), kit.label("total")),
            "options": options_of(stop.exercise),
            "at": room.where(),
        }

    def cards() -> list[tuple[Exercise, Any]]:
        return [(ex, card) for ex in kit.exercises if (card := ex.kind.personal_card(ex)) is not None]

    async def vote(request: Request) -> Response:
        device = participant(request)
        form = await site.form(request, device.id)
        ex = site.exercise(str(form.get("exercise") or ""))
        item = str(form.get("item") or "")
        kind = ballot_kind(ex)
        if kind is None:
            raise Denied(404, words.gettext("There is no such exercise."))
        try:
            given = forms.checked(kind.ballot, ex.spec, form, kit)
        except ValueError as exc:
            return now_page(request, device, 400, str(exc))
        try:
            await run_in_threadpool(room.vote, device, ex, item, given)
        except Refused as exc:
            return now_page(request, device, 409, exc.message, given)
        return see("/p?saved=1#vote")

    async def card(request: Request) -> Response:
        device = participant(request)
        form = await site.form(request, device.id)
        ex = site.exercise(request.path_params["exercise"])
        await run_in_threadpool(room.cross, device, ex, str(form.get("item") or ""), form.get("crossed") == "1")
        return see(f"/p/card/{quote(ex.id)}#c-{quote(str(form.get('item') or ''))}")

    async def card_page(request: Request) -> Response:
        device = participant(request)
        if to_join(device):
            return see("/p/join")
        ex = site.exercise(request.path_params["exercise"])
        if ex.kind.personal_card(ex) is None:
            raise Denied(404, words.gettext("There is no such exercise."))
        the_card, order, mine = room.card(device, ex)
        return site.page("card.html", request, device=device, csrf=site.csrf(device.id), card_ex=ex, card=the_card, order=order, mine=mine)

    # -- a table's scribe -------------------------------------------------------
    async def tables(request: Request) -> Response:
        device = participant(request)
        if to_join(device):
            return see("/p/join")
        listed = [ex for ex in kit.exercises if ex.kind.personal_card(ex) is None]
        return site.page("tables.html", request, device=device, exercises=listed)

    async def scribe(
        request: Request, problem: str = "", status: int = 200, typed: forms.Typed | None = None, item: str | None = None
    ) -> Response:
        """A table's answers to an exercise as forms; a long exercise one answer at a time (`item`, or ?item=)."""
        device = participant(request)
        if to_join(device):
            return see("/p/join")
        ex = site.exercise(request.path_params["exercise"])
        if ex.kind.personal_card(ex) is not None:
            raise Denied(404, words.gettext("There is no such exercise."))
        sheet = await run_in_threadpool(room.sheet, ex, device.table)
        sections = forms.sections(ex, sheet, kit, typed)
        here = room.stop
        room_item = here.item.id if here.exercise is ex and here.item else None
        return site.page(
            "scribe.html",
            request,
            status,
            device=device,
            csrf=site.csrf(device.id),
            ex=ex,
            sections=sections,
            focus=forms.focus(sections, item or request.query_params.get("item"), room_item),
            room_item=room_item,
            problem=problem,
            saved=request.query_params.get("saved", "")[:80],
        )

    async def scribe_answer(request: Request) -> Response:
        device = participant(request)
        form = await site.form(request, device.id)
        ex = site.exercise(request.path_params["exercise"])
        item = str(form.get("item") or "")
        try:
            given, shown = forms.submitted(ex, item, form, kit)
            _, kept = await run_in_threadpool(room.answer, device, ex, item, given, shown)
        except (ValueError, TochtError) as exc:
            return await scribe(request, getattr(exc, "message", str(exc)), 400, item=item)
        if kept:  # another scribe's change stays; this scribe sees what they typed beside it
            problem = forms.conflict_message(ex, item, kept, kit)
            return await scribe(request, problem, 409, {(item, ""): {name: given[name] for name in kept}}, item)
        return see(f"/p/table/{quote(ex.id)}?item={quote(item)}&saved={quote(item)}#i-{quote(item)}")

    async def scribe_action(request: Request) -> Response:
        device = participant(request)
        form = await site.form(request, device.id)
        ex = site.exercise(request.path_params["exercise"])
        item = str(form.get("item") or EXERCISE_LEVEL)
        try:
            action = forms.find_action(ex, request.path_params["action"])
            if item not in {i for i, _ in ex.kind.answer_items(ex)} | {EXERCISE_LEVEL}:
                raise ValueError(words.gettext("There is nothing here."))
            args = forms.action_args(action, item, form, kit)
            shown = str(form.get("shown.") or "") if forms.guarded(action) else None
            await run_in_threadpool(room.act, device, ex, action, item, args, shown)
        except Clash as exc:  # another scribe's change stays; this scribe's choice is shown again
            return await scribe(request, exc.message, 409, {(item, action.name): args}, item)
        except (ValueError, TochtError) as exc:
            return await scribe(request, getattr(exc, "message", str(exc)), 400, item=item)
        return see(f"/p/table/{quote(ex.id)}?item={quote(item)}&saved={quote(action.name)}#i-{quote(item)}")

    # -- live updates -------------------------------------------------------------
    def stream(who: str, view: Any, changes: Changes, participant: bool = True) -> Response:
        """Live updates for one page. A device holds at most MAX_STREAMS, counted from the moment one is
        granted (not when it starts sending), so many opened at once cannot all slip under the cap. A
        participant's open stream is their presence: it counts them in while open, and out soon after it closes."""
        if site.streams.get(who, 0) >= MAX_STREAMS:
            raise Denied(429, words.gettext("Too many open pages on this device."))
        site.streams[who] = site.streams.get(who, 0) + 1
        if participant:
            room.live_opened(who)

        async def events() -> Any:
            seen, sent = -1, ""
            yield "retry: 2000\n\n"
            while not room.closing:
                version = changes.version
                payload = json.dumps(view(), ensure_ascii=False, separators=(",", ":"))
                if payload != sent:
                    yield f"data: {payload}\n\n"
                    sent = payload
                else:
                    yield ": still here\n\n"
                seen = version
                await changes.wait(seen, until_next(participant))

        def release() -> None:
            site.streams[who] -= 1
            if not site.streams[who]:
                del site.streams[who]
            if participant:
                room.live_closed(who)

        return Held(events(), release, media_type="text/event-stream", headers={"x-accel-buffering": "no"})

    def until_next(participant: bool) -> float:
        """Wake when the timer reaches zero (the vote may close then), on the screen when someone counts as
        gone, else to keep the line open."""
        waits = [KEEPALIVE]
        if room.timer.state == "running":
            waits.append(room.timer.left() + 0.05)
        leave = None if participant else room.next_leave()
        if leave is not None:
            waits.append(leave + 0.05)
        return min(waits)

    def following(device: Device) -> dict[str, Any]:
        """What a phone's page follows: where the room is, the timer, whether the result is shown or the vote
        closed, and whether a vote waits for this phone (its other pages point to it)."""
        return {
            "at": room.where(),
            "timer": room.timer.shown(),
            "closed": room.closed(),
            "revealed": room.is_revealed(),
            "vote": room.awaits_vote(device),
        }

    async def phone_events(request: Request) -> Response:
        device = participant(request)
        return stream(device.id, lambda: following(device), room.moves)

    # -- the screen ---------------------------------------------------------------
    def facilitator_key(request: Request, page: str) -> Response:
        """The facilitator's own address: their browser gets the cookie the screen and the control view ask for."""
        if not secrets.compare_digest(request.path_params["key"].encode(), room.keys.screen.encode()):
            raise Denied(403, words.gettext("This is not the room's screen address."))
        response = see(page)
        sealed_cookie(response, SCREEN, site.keys.seal("screen", {"s": "1"}))
        return response

    async def screen_key(request: Request) -> Response:
        return facilitator_key(request, "/screen")

    def facilitator(request: Request) -> None:
        if not site.screen(request):
            raise Denied(403, words.gettext("The screen needs the facilitator's address."))

    def screen_values() -> dict[str, Any]:
        stop = room.stop
        ex = stop.exercise
        item = stop.item.id if stop.item else ""
        revealed = room.is_revealed()
        ballots = room.ballots(ex, item) if item else []
        tally = room.tally(ex, item) if revealed and item else {}
        return {
            "stop": stop,
            "position": room.at + 1,
            "stops": len(room.stops),
            "votes": len(ballots),
            "voting": ballot_kind(ex) is not None and bool(item),
            "revealed": revealed,
            "tally": tally,
            "results": result_rows(tally, options_of(ex), kit.label("total")),
            "options": options_of(ex),
            "arguments": [argument for argument, _hidden in room.arguments(ex, item)] if revealed and item else [],
            "wins": [(c, card.win, won) for c, card in cards() if (won := room.wins(c))],
            "timer": room.timer.shown(),
            "closed": room.closed(),
            "present": room.present(),
            "join_host": site.join_url.split("/j/")[0],
            "pin": room.keys.pin,
            "qr": Markup(site.qr_svg),  # segno's own SVG of the join address: markup we made
            "csrf": site.csrf("screen"),
        }

    def options_of(ex: Exercise) -> list[str]:
        return choice(ex)[1] if ballot_kind(ex) else []

    async def screen_page(request: Request) -> Response:
        facilitator(request)
        return site.page("screen.html", request, **screen_values())

    async def screen_part(request: Request) -> Response:
        facilitator(request)
        return site.page("screen_live.html", request, **screen_values())

    def screen_state() -> dict[str, Any]:
        values = screen_values()
        return {
            "at": values["stop"].key,
            "votes": values["votes"],
            "revealed": values["revealed"],
            "tally": values["tally"],
            "arguments": len(values["arguments"]),
            "wins": sum(len(won) for _card, _win, won in values["wins"]),  # the screen hails each new one
            "timer": values["timer"],
            "closed": values["closed"],
            "present": values["present"],
            "hidden": len(room.hidden),  # the control view lists them
        }

    async def screen_events(request: Request) -> Response:
        facilitator(request)
        return stream("screen", screen_state, room.changes, participant=False)

    # -- the facilitator's control view (the laptop) -----------------------------------
    async def control_key(request: Request) -> Response:
        return facilitator_key(request, "/control")

    def control_values(request: Request) -> dict[str, Any]:
        stop = room.stop
        item = stop.item.id if stop.item else ""
        tally = room.tally(stop.exercise, item) if item else {}
        told = site.told(request.query_params.get("said", ""))
        return {
            **screen_values(),
            "peek": result_rows(tally, options_of(stop.exercise), kit.label("total")),
            "vetted": room.arguments(stop.exercise, item, hidden_too=True) if item else [],
            "acts": [(act.name, act.keys[0], words.gettext(act.button)) for act in ACTS],
            "said": told,
        }

    async def control_page(request: Request) -> Response:
        facilitator(request)
        return site.page("control.html", request, **control_values(request))

    async def control_part(request: Request) -> Response:
        facilitator(request)
        return site.page("control_live.html", request, **control_values(request))

    async def control(request: Request) -> Response:
        """One of the facilitator's acts; the control view then says what it did."""
        facilitator(request)
        form = await site.form(request, "screen")
        act = BY_NAME.get(str(form.get("do") or ""))
        if act is None:
            raise Denied(400, _("unknown act"))
        try:
            done = await run_in_threadpool(act.run, room)
        except TochtError as exc:
            return see(f"/control?said={site.tell(acts.not_done(exc.message, words.gettext))}")
        return see(f"/control?said={site.tell(acts.said(act, done, room, words.gettext))}")

    async def hide(request: Request) -> Response:
        """Keep a participant's argument off the screen (or show it again), from the control view."""
        facilitator(request)
        form = await site.form(request, "screen")
        await run_in_threadpool(room.hide_argument, str(form.get("device") or ""), form.get("hide") == "1")
        return see("/control#arguments")

    # -- errors -----------------------------------------------------------------------
    async def denied(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Denied)
        if exc.status in MALFORMED:
            return refusal(exc.status, exc.text)
        return site.page("message.html", request, exc.status, text=exc.text)

    async def too_large(request: Request, exc: Exception) -> Response:
        return refusal(413, "too large")

    async def refused(request: Request, exc: Exception) -> Response:
        """An answer not taken (409), or not saved because the database could not be written (503)."""
        assert isinstance(exc, TochtError)
        return site.page("message.html", request, 409 if isinstance(exc, Refused) else 503, text=exc.message)

    async def not_found(request: Request, exc: Exception) -> Response:
        return site.page("message.html", request, 404, text=words.gettext("There is nothing here."))

    def spoken(page: Any) -> Any:
        """A page says everything in the kit's language, the problems tocht finds in an answer too: the room reads them."""

        async def in_kit_language(request: Request) -> Response:
            with speaking(kit.language):
                response: Response = await page(request)
            site.reseal(request, response)
            return response

        return in_kit_language

    pages = [
        ("/", home, ["GET"]),
        ("/", pin, ["POST"]),
        ("/j/{token}", join, ["GET"]),
        ("/p", now, ["GET"]),
        ("/p/join", choose, ["GET", "POST"]),
        ("/p/vote", vote, ["POST"]),
        ("/p/events", phone_events, ["GET"]),
        ("/p/card/{exercise}", card_page, ["GET"]),
        ("/p/card/{exercise}", card, ["POST"]),
        ("/p/table", tables, ["GET"]),
        ("/p/table/{exercise}", scribe, ["GET"]),
        ("/p/table/{exercise}/answer", scribe_answer, ["POST"]),
        ("/p/table/{exercise}/do/{action}", scribe_action, ["POST"]),
        ("/s/{key}", screen_key, ["GET"]),
        ("/screen", screen_page, ["GET"]),
        ("/screen/live", screen_part, ["GET"]),
        ("/screen/events", screen_events, ["GET"]),
        ("/screen/do", control, ["POST"]),
        ("/screen/hide", hide, ["POST"]),
        ("/c/{key}", control_key, ["GET"]),
        ("/control", control_page, ["GET"]),
        ("/control/live", control_part, ["GET"]),
    ]
    routes: list[Route | Mount] = [Route(path, spoken(page), methods=methods) for path, page, methods in pages]
    routes.append(Mount("/static", site.assets, name="static"))
    app = Starlette(
        routes=routes, exception_handlers={Denied: denied, TooLarge: too_large, TochtError: refused, 404: not_found, 405: not_found}
    )
    return app


def asgi(site: Site) -> ASGIApp:
    return Guard(build(site))
