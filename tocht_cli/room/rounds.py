"""A room's side of the walk's stop at an exercise's round (walk/rounds.py's `RoundRoom`): the screen goes to
the round's question, counts the devices that answered, and shows the result (closing the round's vote)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tocht_cli.kinds.contract import Exercise, stop_key
from tocht_cli.kinds.rounds import ROUND_ITEM
from tocht_cli.room.live import Room


@dataclass(frozen=True)
class WalkedRounds:
    room: Room

    def follow_round(self, round_: Exercise) -> None:
        self.room.follow_walk(round_, ROUND_ITEM)

    def took_part(self, round_: Exercise) -> int:
        """The devices that gave something: a phone that saved its form empty (no dots, no words) took no part."""
        return sum(1 for b in self.room.ballots(round_, ROUND_ITEM) if gave_something(b.get("value")))  # a ballot per device

    def round_revealed(self, round_: Exercise) -> bool:
        return stop_key(round_, ROUND_ITEM) in self.room.revealed

    def reveal_round(self, round_: Exercise) -> None:
        """Shown where the round is: the walk took the screen there (or takes it back first, when the control
        view moved it meanwhile)."""
        if self.room.stop.exercise.id != round_.id:
            self.follow_round(round_)
        self.room.reveal(True)


def gave_something(value: Any) -> bool:
    """Whether a device's answer holds anything: a text, a number above zero, or a list or table holding one."""
    if isinstance(value, dict):
        return any(gave_something(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(gave_something(v) for v in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value > 0
    return bool(value)
