"""The tables' answers made from their participants' own room answers (a list's support, dot voting):
read, changed, checked and written in one lock hold, through the room's one writer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tocht_cli.room.live import Room
from tocht_cli.store import PHONES, Ballot

Change = Callable[[dict[str, Any]], dict[str, Any]]


def save_per_table(room: Room, change_of: Callable[[list[Ballot]], Change]) -> dict[str, dict[str, Any]]:
    """Each table with answers where the room is gets the change `change_of` makes of its participants'
    answers; returns each table's answer saved."""
    stop = room.stop
    assert stop.item is not None
    ex, item, kind = stop.exercise, stop.item.id, stop.exercise.kind

    def write() -> dict[str, dict[str, Any]]:
        saved: dict[str, dict[str, Any]] = {}
        with room.ws.store.transaction(room.ws.id) as answers:
            room.ws.take(answers.record())  # the tables as the session has them in this lock hold
            mine = [b for b in answers.ballots() if b["exercise"] == ex.id and b["item"] == item]
            for group in room.ws.groups:
                at_table = [b for b in mine if b["group"] == group]
                if at_table:
                    value = answers.get(ex.id, item, group) or kind.empty(ex, item)
                    checked = kind.validate(ex, item, change_of(at_table)(value))
                    saved[group] = answers.put(ex.id, item, group, checked, PHONES)["value"]
        room.ws.forget()
        return saved

    return room.writer.call(write)
