"""The guards every participant's and facilitator's page passes, in one place: the device's signed
cookie (or the facilitator's), a table chosen before the pages that need one, and for a form its
CSRF token and the device's rate. An endpoint states which caller it serves by its decorator and
receives the caller past those guards; only the PIN and join pages, which make devices, go without."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import Response

from tocht_cli.room.live import Device
from tocht_cli.room.site import Denied, Site, see, site_of

Endpoint = Callable[[Request], Awaitable[Response]]
NO_FORM: ImmutableMultiDict[str, str] = ImmutableMultiDict()


@dataclass(frozen=True)
class Phone:
    """A participant's request past its guards: the room's context, the device, and the form it posted."""

    site: Site
    device: Device
    form: ImmutableMultiDict[str, str]


@dataclass(frozen=True)
class Facilitator:
    """The facilitator's request past its guard: the room's context and the form it posted."""

    site: Site
    form: ImmutableMultiDict[str, str]


def participant(site: Site, request: Request) -> Device:
    """The device this request's cookie names, or a page that says how to join."""
    device = site.device(request)
    if device is None:
        raise Denied(403, site.kit.words.gettext("Scan the room's QR code, or type its address and PIN, to take part."))
    return device


def for_phone(seated: bool = True) -> Callable[[Callable[[Request, Phone], Awaitable[Response]]], Endpoint]:
    """A participant's endpoint: a device that joined (and, for a page that needs it, sat at a table);
    a posted form checked for its CSRF token and the device's rate before the endpoint reads it."""

    def guarded(endpoint: Callable[[Request, Phone], Awaitable[Response]]) -> Endpoint:
        async def checked(request: Request) -> Response:
            site = site_of(request)
            device = participant(site, request)
            if request.method == "POST":
                return await endpoint(request, Phone(site, device, await site.form(request, device.id)))
            if seated and not site.seated(device):
                return see("/p/join")
            return await endpoint(request, Phone(site, device, NO_FORM))

        return checked

    return guarded


def for_facilitator(endpoint: Callable[[Request, Facilitator], Awaitable[Response]]) -> Endpoint:
    """The facilitator's endpoint (the screen, the control view): their browser's cookie, and for a
    posted form its CSRF token (the facilitator's key is not rate-limited)."""

    async def checked(request: Request) -> Response:
        site = site_of(request)
        if not site.screen(request):
            raise Denied(403, site.kit.words.gettext("The screen needs the facilitator's address."))
        form = await site.form(request, "screen") if request.method == "POST" else NO_FORM
        return await endpoint(request, Facilitator(site, form))

    return checked
