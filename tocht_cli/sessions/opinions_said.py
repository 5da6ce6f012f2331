"""The opinion map in the kit's words: the chart, each group's statements, what unites and what divides.
The room's screen, the Markdown summary and the handouts all say it from here, in the same words."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.render.blocks import Block, Entries, Paragraph, Scatter
from tocht_cli.sessions.opinions import Divide, Group, Opinions, Pending, Stance, found_maps
from tocht_cli.store import Ballot


class MapSaid(Struct, frozen=True):
    """An opinion map as every view shows it: its chart and its content in words."""

    exercise: Exercise
    title: str
    note: str  # indicative, and what it was made of
    chart: Scatter
    one_camp: str  # what the map says when the room does not part ("" when it does)
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (group's name, its statements said)
    uniting_title: str
    uniting: tuple[str, ...]
    dividing_title: str
    dividing: tuple[str, ...]

    def blocks(self) -> list[Block]:
        """The map as a handout's and a summary's blocks (the text formats leave the chart out, not its words)."""
        out: list[Block] = [Paragraph(self.note, "muted"), self.chart]
        if self.one_camp:
            out.append(Paragraph(self.one_camp))
        out += [Entries(name, said) for name, said in self.groups]
        out.append(Entries(self.uniting_title, self.uniting))
        if self.groups:
            out.append(Entries(self.dividing_title, self.dividing))
        return out


def whole(text: str) -> str:
    """A statement's text on one line, never cut: the screen shrinks it to fit, a handout wraps it."""
    return " ".join(text.split())


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def map_said(ex: Exercise, found: Opinions, kit: Kit) -> MapSaid:
    """What the map shows, in the kit's language, each statement whole (the screen shrinks it to fit)."""
    words, the_map = kit.words, found.map
    texts = {item.id: item.text for item in ex.kind.items(ex)}

    def stance(s: Stance) -> str:
        return f"{s.statement} · {s.option} {percent(s.share)} · {whole(texts.get(s.statement, ''))}"

    def divide(d: Divide) -> str:
        sides = ", ".join(f"{group_name(kit, letter)} {option} {percent(share)}" for letter, option, share in d.sides if option)
        return f"{d.statement} · {sides} · {whole(texts.get(d.statement, ''))}"

    note = words.gettext(
        "Indicative: where the room's opinions part, from the votes of {devices} devices on {statements} statements. "
        "A group is neither a table nor a person: it gathers the devices that voted alike."
    ).format(devices=the_map.devices, statements=the_map.statements)
    legend = tuple((g.label, f"{group_name(kit, g.label)} · {g.size}") for g in the_map.groups)
    devices = words.ngettext("{n} device", "{n} devices", the_map.devices).format(n=the_map.devices)
    return MapSaid(
        ex,
        words.gettext("Opinion map"),
        note,
        Scatter(words.gettext("Opinion map"), tuple((d.x, d.y, d.group) for d in the_map.dots), legend or (("", devices),)),
        "" if the_map.groups else words.gettext("The room forms one group: its votes part nowhere clearly."),
        tuple((group_title(kit, g), tuple(map(stance, alternated(g))) or (words.gettext("nothing of its own"),)) for g in the_map.groups),
        words.gettext("What unites the room"),
        tuple(map(stance, the_map.uniting)) or (words.gettext("no statement on which every group leans the same way"),),
        words.gettext("What divides the groups"),
        tuple(map(divide, the_map.dividing)) or (words.gettext("no statement on which the groups lie far apart"),),
    )


def alternated(group: Group) -> list[Stance]:
    """A group's statements, agreeing and disagreeing in turn (the strongest of each first): the screen,
    which has room for a few, shows both sides."""
    agrees, disagrees = list(group.agrees), list(group.disagrees)
    out = []
    while agrees or disagrees:
        out += [agrees.pop(0)] if agrees else []
        out += [disagrees.pop(0)] if disagrees else []
    return out


def group_name(kit: Kit, letter: str) -> str:
    return kit.words.gettext("group {letter}").format(letter=letter)


def group_title(kit: Kit, group: Group) -> str:
    devices = kit.words.ngettext("{n} device", "{n} devices", group.size).format(n=group.size)
    return f"{group_name(kit, group.label)} ({devices})"


def pending_said(pending: Pending, kit: Kit) -> str:
    """Why there is no map yet, as the room's screen says it."""
    return kit.words.gettext(
        "Not enough votes for an opinion map yet: {devices} of the {needed} devices it needs voted on at least {each} statements."
    ).format(devices=pending.devices, needed=pending.needed, each=pending.each)


def maps_said(exercises: Sequence[Exercise], ballots: Sequence[Ballot], kit: Kit, k: int) -> tuple[MapSaid, ...]:
    """The opinion map of each exercise whose room vote can be mapped and had enough votes (the reports': every
    statement whole)."""
    return tuple(map_said(ex, found, kit) for ex, found in found_maps(exercises, ballots, k))
