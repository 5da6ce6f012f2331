"""What the participants answered on their own devices in a session's room, as data: the Markdown summary
and the printed handout both show it, in the same words."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from tocht_cli.kinds.contract import Exercise
from tocht_cli.render.blocks import Block
from tocht_cli.sessions import ballots as room
from tocht_cli.sessions.disclosure import kept_apart_for, why_hidden
from tocht_cli.sessions.opinions_said import MapSaid, maps_said
from tocht_cli.sessions.workspace import Workspace


class Votes(Struct, frozen=True):
    """An exercise's votes per item (rows: the item's id and whole text, or a round's step; each table's counts,
    the total), saved as hands or not."""

    exercise: Exercise
    said: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    arguments_title: str = ""
    arguments: tuple[tuple[str, str], ...] = ()  # ("item · position", what a participant wrote), none hidden


class Wins(Struct, frozen=True):
    """Who reached a card's target: (who, table, hh:mm)."""

    exercise: Exercise
    said: str
    winners: tuple[tuple[str, str, str], ...]


class Given(Struct, frozen=True):
    """What the whole room gave in a round an exercise asks first (its words, its list, its dots), as blocks."""

    exercise: Exercise
    said: str
    blocks: tuple[Block, ...]


class RoomResults(Struct, frozen=True):
    title: str
    exercises: tuple[Votes | Wins | Given, ...]
    timer_title: str
    timers: tuple[tuple[str, str], ...]  # (exercise or item, m:ss) in the kit's order
    maps: tuple[MapSaid, ...] = ()  # where the room's opinions part, per vote on statements


def room_results(ws: Workspace, exercises: list[Exercise]) -> RoomResults | None:
    """The room's votes, winners and timers for `exercises`; None when the room left nothing to show."""
    ballots, words = ws.ballots(), ws.kit.words
    hidden = set(ws.store.room(ws.id).get("hidden") or [])
    shown: list[Votes | Wins | Given] = []
    for ex in exercises:
        given = ws.room_ranking(ex.room_round) if ex.room_round else []
        if ex.room_round and given:
            said = words.gettext("what the whole room gave, the most first")
            shown.append(Given(ex.room_round, said, tuple(ex.room_round.kind.room_blocks(ex.room_round, given, ws.kit))))
        mine = [b for b in ballots if b["exercise"] == ex.id]
        card = ex.kind.personal_card(ex)
        if room.ballot_kind(ex) is not None and mine and room.choice(ex)[1]:  # words go to the answers with the tally
            rows, argued = [], []
            for item in ex.kind.items(ex):
                at_item = room.of_item(mine, ex, item.id)
                named = (item.text,) if ex.kind.meeting_wide else (item.id, item.text)  # a round's step is its action, not "v1"
                argued += [
                    (f"{named[0]} · {a.position}", a.text)
                    for a in room.arguments(ex, at_item)
                    if room.hidden_key(ex.id, item.id, a.device) not in hidden
                ]
                votes = room.tally(ex, at_item, ws.groups)
                if votes:
                    saved = saved_as_hands(ws, ex, item.id, [room.vetted(ex, b, hidden, ws.kit) for b in at_item], list(votes))
                    rows.append((*named, *votes_cells(ws, ex, votes), saved))
            said = words.gettext("votes of the participants on their own devices")
            texts = () if ex.kind.meeting_wide else ("",)  # the item's text beside its id, as its exercise shows it
            headers = ("#", *texts, *ws.groups, ws.kit.label("total"), words.gettext("saved with the tables"))  # phones' votes are no hands
            shown.append(Votes(ex, said, headers, tuple(rows), words.gettext("Arguments"), tuple(argued)))
        elif card is not None:
            won = room.wins(ex, mine, ws.kit)
            if won:
                shown.append(Wins(ex, card.win, tuple((who, group, at[11:16]) for who, group, at in won)))
    timers = timer_results(ws, exercises)
    if not shown and not timers:
        return None
    maps = maps_said(exercises, ballots, ws.kit, ws.disclosure().min_votes)
    return RoomResults(words.gettext("The room"), tuple(shown), words.gettext("Time on the timer"), timers, maps)


def votes_cells(ws: Workspace, ex: Exercise, votes: dict[str, dict[str, int]]) -> tuple[str, ...]:
    """Each table's votes on an item ("eens 3 · oneens 1"), or why they show only in the total; then the total."""
    shown = ws.disclosure()
    total = {o: sum(counts.get(o, 0) for counts in votes.values()) for o in room.choice(ex)[1]}
    apart = kept_apart_for({g: sum(counts.values()) for g, counts in votes.items()}, shown)
    cells = (why_hidden(ws.kit, shown.min_votes, apart[g]) if g in apart else room.counted(votes.get(g, {})) for g in ws.groups)
    return (*cells, room.counted(total))


def saved_as_hands(ws: Workspace, ex: Exercise, item: str, ballots: list[Any], voted: list[str]) -> str:
    """Whether the tables' votes on an item were saved as their hands: 'ja', 'nee', or the tables that were.
    A table's tally is saved when saving it again would change nothing in its answer: `ballots` as the
    tally takes them (vetted: without the arguments the facilitator hid)."""
    kind = room.ballot_kind(ex)
    if ex.kind.meeting_wide:  # the meeting settles it as one, from every table's ballots: saved or not
        voted = ws.groups[:1]
    saved = []
    for group in voted:
        value = ws.sheet(ex, group).get(item) or ex.kind.empty(ex, item)
        at_table = [b for b in ballots if b["group"] == group or ex.kind.meeting_wide]
        change = kind.tally(ex, item, at_table) if kind else {}
        if (change(dict(value)) if callable(change) else {**value, **change}) == value:
            saved.append(group)
    if len(saved) == len(voted):
        return ws.kit.label("yes")
    return ", ".join(saved) or ws.kit.label("no")


def timer_results(ws: Workspace, exercises: list[Exercise]) -> tuple[tuple[str, str], ...]:
    """How long the room's timer ran, per exercise and item in the kit's order."""
    ran = ws.store.room(ws.id).get("timers") or {}
    parts = []
    for ex in exercises:
        items = [("", ex.title)] + [(i.id, i.id if ex.kind.numbered_by_id else str(i.number)) for i in ex.kind.items(ex)]
        for item, name in items:
            seconds = ran.get(f"{ex.id}/{item}")
            if seconds:
                parts.append((name, f"{seconds // 60}:{seconds % 60:02d}"))
    return tuple(parts)
