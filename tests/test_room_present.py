"""The screen's count is of the phones connected now, and says so; the votes given stand beside it (room
trial, issue 18: "0 deelnemers" under twelve votes after the phones closed their tabs)."""

from __future__ import annotations

import html

from tocht_cli.room.live import SEEN


def test_votes_stand_when_the_phones_that_gave_them_are_gone(arena):
    arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
    for table in ("tafel 1", "tafel 2"):
        arena.vote(arena.phone(table), "eens")
    screen = arena.screen()
    shown = html.unescape(screen.get("/screen/live").text)
    assert "2 stemmen" in shown and "2 deelnemers verbonden" in shown
    later = arena.room.clock() + SEEN + 1
    arena.room.clock = lambda: later  # the phones' pages closed long ago: nobody is connected
    shown = html.unescape(screen.get("/screen/live").text)
    assert "2 stemmen" in shown and "0 deelnemers verbonden" in shown  # what was voted stands; the count says what it counts
