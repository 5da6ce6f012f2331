"""The room's context for its pages: the room, its addresses, the templates, the signed cookies and
tokens, and the limits on what each device may send. One Site per room, kept in the app's state
(`request.app.state.site`); every endpoint reads it from there, nothing from a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from jinja2 import Environment
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.room import hyphens
from tocht_cli.room.assets import Assets
from tocht_cli.room.languages import Languages
from tocht_cli.room.limits import MAX_FIELDS, Buckets
from tocht_cli.room.live import Device, Room
from tocht_cli.room.middleware import refused_line
from tocht_cli.room.templating import templates
from tocht_cli.sessions.ballots import device_label

HERE = Path(__file__).parent
DEVICE, SCREEN, PRE = "tocht_device", "tocht_screen", "tocht_pin"


class Denied(Exception):
    """A request the room refuses, with the status and the words its page says."""

    def __init__(self, status: int, text: str):
        super().__init__(text)
        self.status = status
        self.text = text


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
        self.pins = Buckets(burst=10, rate=10 / 60)  # WRONG PINs per client (its address, in memory only)
        self.all_pins = Buckets(burst=60, rate=1)  # wrong PINs of everyone together: more than one client can spend
        self.pin_joins = Buckets(burst=120, rate=2)  # right PINs per client: a classroom behind one NAT joins at once
        self.joins = Buckets(burst=300, rate=5)  # new devices from the join link: a whole room at once, then 5 a second
        self.streams: dict[str, int] = {}
        self.confirmations: dict[str, str] = {}  # what the facilitator's last acts did, by a number in the address
        self.acts_done = 0
        self.assets = Assets(HERE / "static")
        self.languages = Languages.of(self.kit, self.room.ws.kits.translations(self.kit))
        self.envs = {language: self.templates(kit) for language, kit in self.languages.kits.items()}

    def templates(self, kit: Kit) -> Environment:
        """The room's templates in `kit`'s language, with its hyphenation for long words on a phone."""
        env = templates(kit, self.assets)
        env.filters["hyphenated"] = lambda text: hyphens.soft_hyphens(text, kit.language)
        return env

    # -- pages ----------------------------------------------------------------
    def page(self, name: str, request: Request, status: int = 200, speaking: str = "", **values: Any) -> HTMLResponse:
        """A page in the room's language, or (a participant's own pages) in the language `speaking`."""
        kit = self.languages.kit(speaking)
        base = {
            "kit": kit,
            "language": kit.language,
            "session": self.room.ws.session,
            "named": self.room.named,
            "room": self.room,
            "request": request,
            "cards": [ex for ex in kit.exercises if ex.kind.personal_card(ex) is not None],
        }
        device = values.get("device")
        if isinstance(device, Device):
            base["me"] = device_label(device.id, device.name if self.room.named else "", kit)
            base["awaits_vote"] = self.room.awaits_vote(device)
            base["languages"] = self.languages.choices()  # the switch on a participant's pages
            if "csrf" not in values:
                base["csrf"] = self.csrf(device.id)
        return HTMLResponse(self.envs[kit.language].get_template(name).render(**base, **values), status_code=status)

    def device(self, request: Request) -> Device | None:
        data = self.keys.unseal("device", request.cookies.get(DEVICE))
        if data is None or len(data.get("d", "")) != 24:
            return None
        device = Device(
            data["d"], self.room.table(data.get("t", "")), data.get("n", ""), data.get("l", ""), data.get("s") == "1"
        )  # a table renamed: its new name
        self.room.seen(device.id)
        self.room.scribing(device.id, device.scribe)
        return device

    def seated(self, device: Device) -> bool:
        """The device chose a table that is still there (and, in a named room, gave its name)."""
        return device.table in self.room.groups and not (self.room.named and not device.name)

    def seal(self, device: Device) -> str:
        return self.keys.seal(
            "device", {"d": device.id, "t": device.table, "n": device.name, "l": device.language} | ({"s": "1"} if device.scribe else {})
        )

    def reseal(self, request: Request, response: Response) -> None:
        """A phone whose cookie names its table by an earlier name (renamed meanwhile) gets it sealed with the
        name now, so it stays at its table once the session forgets that earlier name (or a new group takes it)."""
        data = self.keys.unseal("device", request.cookies.get(DEVICE))
        if data is None or len(data.get("d", "")) != 24 or any(c.startswith(f"{DEVICE}=") for c in response.headers.getlist("set-cookie")):
            return  # no device, or the page sealed its cookie itself (a table chosen)
        table = self.room.table(data.get("t", ""))
        if table and table != data.get("t"):
            sealed_cookie(response, DEVICE, self.seal(Device(data["d"], table, data.get("n", ""), data.get("l", ""), data.get("s") == "1")))

    def screen(self, request: Request) -> bool:
        sealed = self.keys.unseal("screen", request.cookies.get(SCREEN))
        return sealed is not None and sealed.get("s") == "1"

    def csrf(self, who: str) -> str:
        return self.keys.sign("csrf", who)

    async def form(self, request: Request, who: str) -> ImmutableMultiDict[str, str]:
        """The posted form, when its CSRF token is this device's and the device is within its rate."""
        if who != "screen" and not self.posts.allow(who):  # the facilitator's key is not rate-limited
            raise Denied(429, self.kit.words.gettext("Too many requests at once; wait a moment and try again."))
        form = await posted(request)
        if not self.keys.signed("csrf", who, str(form.get("csrf") or "")):
            refused_line(403, N_("a form without its device's token"))
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
        for ex in self.kit.every:
            if ex.id == ref:
                return ex
        raise Denied(404, self.kit.words.gettext("There is no such exercise."))


def site_of(request: Request) -> Site:
    """The room this request came to: the app's state holds its context."""
    site: Site = request.app.state.site
    return site


async def posted(request: Request) -> ImmutableMultiDict[str, str]:
    """A urlencoded form (all a room's pages send), its fields counted and its text UTF-8; anything else is refused."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise Denied(415, _("a form, please"))
    try:
        pairs = parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise Denied(400, _("not a form")) from None
    return ImmutableMultiDict(pairs)


def sealed_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=7 * 24 * 3600, httponly=True, samesite="lax", path="/")


def see(url: str) -> RedirectResponse:
    """POST, then redirect, then GET: a reload never sends a form twice."""
    return RedirectResponse(url, status_code=303)
