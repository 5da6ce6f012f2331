"""Joining a room: the PIN page (the address typed by hand), the join link the QR code carries, and
choosing a table (and, in a named room, a name). These pages make devices, so only the CSRF token and
the rates guard them; every other page asks for the device they sealed in its cookie."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.room.guards import Phone, for_phone
from tocht_cli.room.keys import new_device
from tocht_cli.room.live import Device
from tocht_cli.room.site import DEVICE, PRE, Denied, Site, sealed_cookie, see, site_of

MAX_NAME = 60


async def home(request: Request) -> Response:
    """The PIN form, for a device that has not joined yet (one that has goes to its page)."""
    site = site_of(request)
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
    """The PIN typed: a new device when it is right, within the rates that keep guessers slow."""
    site = site_of(request)
    pre = request.cookies.get(PRE) or ""
    form = await site.form(request, "pin:" + pre)
    client = request.client.host if request.client else ""
    if not site.pins.has(client) or not site.all_pins.has(""):
        raise Denied(429, site.kit.words.gettext("Too many wrong PINs; wait a minute and try again."))
    if not site.pin_joins.allow(client):
        raise Denied(429, site.kit.words.gettext("Too many requests at once; wait a moment and try again."))
    typed = "".join(str(form.get("pin") or "").split())[:20]
    if not secrets.compare_digest(typed.encode(), site.keys.pin.encode()):
        site.pins.allow(client)  # only a wrong PIN counts toward the guessers' limit
        site.all_pins.allow("")
        return see("/?problem=1")
    return joined(site, Device(new_device()))


async def join(request: Request) -> Response:
    """The join link: a new device at the room's pace (or the one this browser already is)."""
    site = site_of(request)
    if not secrets.compare_digest(request.path_params["token"].encode(), site.keys.join.encode()):
        raise Denied(403, site.kit.words.gettext("This join address is not (or no longer) valid; scan the room's QR code again."))
    device = site.device(request)
    if device is None and not site.joins.allow(""):
        raise Denied(429, site.kit.words.gettext("Too many requests at once; wait a moment and try again."))
    return joined(site, device or Device(new_device()))


def joined(site: Site, device: Device) -> Response:
    if len(site.room.groups) == 1 and not device.table:
        device = Device(device.id, site.room.groups[0], device.name, device.language, device.scribe)
    response = see("/p" if site.seated(device) else "/p/join")
    sealed_cookie(response, DEVICE, site.seal(device))
    return response


@for_phone(seated=False)
async def choose(request: Request, phone: Phone) -> Response:
    """Choosing a table (and a name in a named room); the device's cookie then says both."""
    site, device = phone.site, phone.device
    if request.method != "POST":
        return join_page(request, site, device)
    table = str(phone.form.get("table") or "")
    name = " ".join(str(phone.form.get("name") or "").split())[:MAX_NAME]
    chosen = Device(device.id, table, name, device.language)
    words = site.languages.kit(chosen.language).words
    problem = ""
    if table not in site.room.groups:
        problem = words.gettext("Choose your table first.")
    elif site.room.named and not name:
        problem = words.gettext("Fill in your name: this room is named.")
    if problem:
        return join_page(request, site, chosen, 400, problem)
    scribe = phone.form.get("as") == "scribe"  # a laptop that only fills in the table's forms: not counted as present
    chosen = Device(chosen.id, chosen.table, chosen.name, chosen.language, scribe)
    response = see("/p/table" if scribe else "/p")
    sealed_cookie(response, DEVICE, site.seal(chosen))
    return response


def join_page(request: Request, site: Site, device: Device, status: int = 200, problem: str = "") -> Response:
    """Choosing a table and a name in a named room, in the phone's language (which it can change there first)."""
    return site.page("join.html", request, status, speaking=device.language, device=device, csrf=site.csrf(device.id), problem=problem)


def language_of(site: Site, given: object, device: Device) -> str:
    """The language a phone chose, when the room offers it; else the one it had (the room's: "")."""
    return given if isinstance(given, str) and given in site.languages.kits else device.language


@for_phone(seated=False)
async def language(request: Request, phone: Phone) -> Response:
    """Another language for this phone's pages (the switch on the join page and every participant's page); back to
    where the room is (or to choosing a table)."""
    device = phone.device
    response = see("/p")
    sealed_cookie(
        response,
        DEVICE,
        phone.site.seal(
            Device(device.id, device.table, device.name, language_of(phone.site, phone.form.get("language"), device), device.scribe)
        ),
    )
    return response
