"""A vote's result as the pages show it: a line per table and the total, each option's count and share;
at a table exercise's item, what each table answered, as its kind describes an answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kinds.fields import DescribedKind
from tocht_cli.kinds.words import Words, tallied
from tocht_cli.render.blocks import Facts
from tocht_cli.render.cloud import Layout, layout
from tocht_cli.sessions.ballots import ballot_kind, choice, hidden_entries, hidden_key
from tocht_cli.sessions.disclosure import kept_apart, why_hidden
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.room.live import Room


@dataclass(frozen=True)
class Row:
    """A line of results: a table (or the total) and, per option, its count and share."""

    label: str
    cells: list[tuple[int, float]]
    total: bool = False
    hidden: str = ""  # why the table's votes show only in the total (its cells are then empty)


def result_rows(tally: dict[str, dict[str, int]], options: list[str], total: str, hidden: dict[str, str] | None = None) -> list[Row]:
    """A row per table (`hidden`: table → why its votes are only in the total), then the total."""

    def row(label: str, counts: dict[str, int], is_total: bool = False) -> Row:
        votes = sum(counts.values())
        return Row(label, [(counts.get(o, 0), 100 * counts.get(o, 0) / votes if votes else 0.0) for o in options], is_total)

    why = hidden or {}
    rows = [Row(group, [], hidden=why[group]) if group in why else row(group, counts) for group, counts in tally.items()]
    if len(rows) > 1:
        rows.append(row(total, {o: sum(c.get(o, 0) for c in tally.values()) for o in options}, True))
    return rows


def shown_rows(tally: dict[str, dict[str, int]], ex: Exercise, kit: Kit, k: int) -> list[Row]:
    """The rows the screen and the phones show: a table with fewer than k votes says so instead of its counts."""
    apart = kept_apart({group: sum(counts.values()) for group, counts in tally.items()}, k)
    return result_rows(tally, options_of(ex), kit.label("total"), {group: why_hidden(kit, k, why) for group, why in apart.items()})


def options_of(ex: Exercise) -> list[str]:
    """The options a vote's result counts (none for an exercise without a vote)."""
    return choice(ex)[1] if ballot_kind(ex) else []


def cards(kit: Kit) -> list[tuple[Exercise, Any]]:
    """The exercises whose participants each have a card of their own (bingo), with their card."""
    return [(ex, card) for ex in kit.exercises if (card := ex.kind.personal_card(ex)) is not None]


def listed_rows(ex: Exercise, item: str) -> bool:
    """Whether a table's answer to `item` is its list's rows (T6's challenges), not its fields: the screen
    numbers them, so a facilitator can say "row 7"."""
    return item == EXERCISE_LEVEL and not isinstance(ex.kind, DescribedKind)


def table_answers(
    answered: list[tuple[str, dict[str, Any]]], ex: Exercise, item: str, kit: Kit, asked: list[str] | None = None
) -> list[tuple[str, Facts]]:
    """Each table's answer as the kind's facts (its fields' labels and values in the kit's words): the same
    description the scribes' forms, `replay` and the handouts read. A field left open is left out; a row of a kind's
    own list (T6's challenges) stays, its open answer marked "–", so the screen lists every row. `asked`: what
    the tables were asked, one per fact, where the kind's fact labels are the worksheet's headings rather than its
    fields (T1b's decree, "Decreet lokaal cultuurbeleid", is no question a table answered)."""

    rows = listed_rows(ex, item)

    def facts(value: dict[str, Any]) -> Facts:
        said = ex.kind.facts(ex, item, value, kit)
        labels = asked if asked and len(asked) == len(said) else [label for label, _ in said]
        return Facts(tuple((label, text or "–") for label, (_, text) in zip(labels, said, strict=True) if text or rows))

    return [(group, facts(value)) for group, value in answered]


@dataclass(frozen=True)
class CloudView:
    """A word cloud as the room's pages draw it: its words placed, and the cloud in words (its text alternative)."""

    layout: Layout
    described: str
    answers: int


PHONE_CLOUD = (340, 380, 15.0)  # a phone's cloud: about as wide as a 390 px phone draws it, no word under 15 px


def cloud_of(room: Room, on_phone: bool = False) -> CloudView | None:
    """The cloud of the answers given where the room is, as the screen shows it (or a phone: narrower, every
    word it draws large enough to read, the least given left to the screen); those the facilitator hid left
    out. None where the participants choose rather than write."""
    stop = room.stop
    kind = ballot_kind(stop.exercise)
    if kind is None or stop.item is None:
        return None
    answers = [argument.text for argument, _hidden in room.arguments(stop.exercise, stop.item.id)]
    cloud = kind.room_cloud(stop.exercise, stop.item, answers, room.kit)
    if cloud is None:
        return None
    return CloudView(layout(cloud.words, *PHONE_CLOUD) if on_phone else layout(cloud.words), cloud.described(), len(answers))


@dataclass(frozen=True)
class CloudWord:
    """A word of the cloud where the room is, as the control view lists it: hidden by its key, alone."""

    key: str
    text: str
    count: int
    hidden: bool


def cloud_words(room: Room) -> list[CloudWord]:
    """Every word the phones gave where the room is (answers the facilitator hid whole left out), each marked
    when the facilitator keeps it off the screen: hiding one word keeps the phones' other words in the cloud."""
    stop = room.stop
    ex = stop.exercise
    if not isinstance(ex.kind, Words) or stop.item is None:
        return []
    item = stop.item.id
    answers = [
        str(b["value"].get("words") or "") for b in room.ballots(ex, item) if hidden_key(ex.id, item, b["device"]) not in room.hidden
    ]
    hidden = hidden_entries(ex.id, item, room.hidden)
    return [CloudWord(key, text, n, key in hidden) for key, text, n in tallied(answers, room.kit.language, ex.spec.per_device)]
