"""A vote's result as the pages show it: a line per table and the total, each option's count and share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.sessions.ballots import ballot_kind, choice


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
