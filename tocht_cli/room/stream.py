"""Live updates (server-sent events) for the phones and the screen: what a page follows, sent again
whenever it changes, and a line now and then to keep the connection open."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from tocht_cli.room.limits import MAX_STREAMS
from tocht_cli.room.live import Changes, Room
from tocht_cli.room.site import Denied, Site

KEEPALIVE = 15.0


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


def stream(site: Site, who: str, view: Callable[[], Any], changes: Changes, participant: bool = True) -> Response:
    """Live updates for one page. A device holds at most MAX_STREAMS, counted from the moment one is
    granted (not when it starts sending), so many opened at once cannot all slip under the cap. A
    participant's open stream is their presence: it counts them in while open, and out soon after it closes."""
    room = site.room
    if site.streams.get(who, 0) >= MAX_STREAMS:
        raise Denied(429, site.kit.words.gettext("Too many open pages on this device."))
    site.streams[who] = site.streams.get(who, 0) + 1
    if participant:
        room.live_opened(who)

    def release() -> None:
        site.streams[who] -= 1
        if not site.streams[who]:
            del site.streams[who]
        if participant:
            room.live_closed(who)

    return Held(events(room, view, changes, participant), release, media_type="text/event-stream", headers={"x-accel-buffering": "no"})


async def events(room: Room, view: Callable[[], Any], changes: Changes, participant: bool) -> AsyncIterator[str]:
    """What the page follows, each time it changes; a comment line when it did not; when the room stops,
    that it ended (the page then says so instead of trying again)."""
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
        await changes.wait(seen, until_next(room, participant))
    yield "event: ended\ndata: {}\n\n"  # a clean stop: the page says the room is closed


def until_next(room: Room, participant: bool) -> float:
    """Wake when the timer reaches zero (the vote may close then), on the screen when someone counts as
    gone, else to keep the line open."""
    waits = [KEEPALIVE]
    if room.timer.state == "running":
        waits.append(room.timer.left() + 0.05)
    leave = None if participant else room.next_leave()
    if leave is not None:
        waits.append(leave + 0.05)
    return min(waits)
