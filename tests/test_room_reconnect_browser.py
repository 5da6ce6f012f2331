"""A phone whose live stream the room refused (its device already held MAX_STREAMS, as when a slow laptop has
not yet let go of the streams of pages a phone reloaded fast) opens it again by itself once there is room,
and goes on following the facilitator: the browser alone would give up a refused stream for good."""

from __future__ import annotations

from contextlib import ExitStack

import httpx2

from tests.helpers.patience import PATIENCE
from tests.helpers.phones import LiveRoom
from tocht_cli.room.limits import MAX_STREAMS


def test_a_phone_refused_a_stream_follows_the_room_once_its_old_streams_are_gone(browser, cli):
    sid = cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    with LiveRoom(browser, "--session", sid) as room:
        phone = room.phone("tafel 1")
        device = {c["name"]: c["value"] for c in phone.context.cookies()}
        with httpx2.Client(base_url=room.base, cookies=device, timeout=PATIENCE) as held, ExitStack() as streams:
            phone.goto("about:blank")  # the phone's own stream goes; the device's cap is filled from outside
            for _ in range(MAX_STREAMS):
                opened = streams.enter_context(held.stream("GET", "/p/events"))
                assert opened.status_code == 200
            with phone.expect_response(lambda r: r.url.endswith("/p/events")) as answer:
                phone.goto(f"{room.base}/p")
            assert answer.value.status == 429  # refused: Chromium will not try again by itself
        room.act("next-exercise", "next")  # the held streams are closed: the room moves to statement A1
        phone.locator("#vote").wait_for(timeout=PATIENCE * 1000)
