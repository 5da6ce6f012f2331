"""A vote's result as the pages show it: a line per table and the total, each option's count and share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tocht_cli.kinds.model import Exercise, Kit
from tocht_cli.render.cloud import Layout, layout
from tocht_cli.sessions.ballots import ballot_kind, choice

if TYPE_CHECKING:
    from tocht_cli.room.live import Room


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


def options_of(ex: Exercise) -> list[str]:
    """The options a vote's result counts (none for an exercise without a vote)."""
    return choice(ex)[1] if ballot_kind(ex) else []


def cards(kit: Kit) -> list[tuple[Exercise, Any]]:
    """The exercises whose participants each have a card of their own (bingo), with their card."""
    return [(ex, card) for ex in kit.exercises if (card := ex.kind.personal_card(ex)) is not None]


@dataclass(frozen=True)
class CloudView:
    """A word cloud as the room's pages draw it: its words placed, and the cloud in words (its text alternative)."""

    layout: Layout
    described: str
    answers: int


def cloud_of(room: Room) -> CloudView | None:
    """The cloud of the answers given where the room is, as the screen shows it: those the facilitator hid
    left out. None where the participants choose rather than write."""
    stop = room.stop
    kind = ballot_kind(stop.exercise)
    if kind is None or stop.item is None:
        return None
    answers = [argument.text for argument, _hidden in room.arguments(stop.exercise, stop.item.id)]
    cloud = kind.room_cloud(stop.exercise, stop.item, answers, room.kit)
    return None if cloud is None else CloudView(layout(cloud.words), cloud.described(), len(answers))
