"""Several sites, one result, as the document's blocks: per exercise a table of each site's counts, the
total and how many sites' majorities agree with it, then where each site's counts came from. Every format
(terminal, Markdown, HTML, PDF) draws these blocks; the hub's screen shows the same result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from tocht_cli.base.text import gist
from tocht_cli.kinds.fields import counted_cell
from tocht_cli.kinds.values import Counts
from tocht_cli.render.blocks import Block, Cell, Content, Facts, Paragraph, Table
from tocht_cli.sessions.disclosure import why_hidden
from tocht_cli.sessions.sites import ExerciseResult, ItemResult, SitesResult, of_merged, origins_said, result

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit
    from tocht_cli.sessions.workspace import Workspace


def merged_result(ws: Workspace) -> SitesResult | None:
    """A merged session's result per site, for this document's exercises and k; None for a session that is no merge."""
    sites = of_merged(ws)
    return result(ws.shown_exercises(), sites, ws.disclosure().min_votes) if sites else None


class Shown(Struct, frozen=True):
    """The sites as a document shows them: a heading, a line naming the sites, an exercise a part (title, blocks)."""

    heading: str
    intro: str
    parts: tuple[tuple[str, tuple[Block, ...]], ...]


def merged_shown(ws: Workspace) -> Shown | None:
    """A merged session's sites as its summary shows them; None for a session that is no merge, or has no counts."""
    found = merged_result(ws)
    return shown(found, ws.kit) if found is not None and found.exercises else None


def shown(found: SitesResult, kit: Kit) -> Shown:
    """The sites side by side, an exercise a part."""
    words = kit.words
    n = len(found.sites)
    said = words.ngettext("{n} site: {sites}", "{n} sites: {sites}", n).format(n=n, sites=", ".join(found.sites))
    return Shown(words.gettext("Per site"), said, tuple((r.heading, exercise_blocks(r, kit, found.min_votes)) for r in found.exercises))


def markdown(ws: Workspace) -> list[str]:
    """The sites' part of a Markdown summary (nothing for a session that is no merge)."""
    from tocht_cli.render.markdown import blocks_markdown, md

    found = merged_shown(ws)
    if found is None:
        return []
    out = [f"## {md(found.heading)}", md(found.intro)]
    for title, blocks in found.parts:
        out += [f"### {md(title)}", *blocks_markdown(blocks)]
    return out


def exercise_blocks(found: ExerciseResult, kit: Kit, k: int) -> tuple[Block, ...]:
    words = kit.words
    sites = tuple(site for site, _origins in found.origins)
    headers = ("#", "", *sites, kit.label("total"), words.gettext("Sites agreeing"))
    rows = tuple(item_row(item, found.options, kit) for item in found.items)
    blocks: list[Block] = [Table(headers, rows)]
    blocks += [Paragraph(line, "muted") for line in kept_lines(found, kit, k)]
    origins = tuple(origins_said(list(found.origins), set(found.origins_kept), kit))
    if origins:
        blocks += [Paragraph(words.gettext("Where the counts come from")), Facts(origins)]
    return tuple(blocks)


def item_row(item: ItemResult, options: tuple[str, ...], kit: Kit) -> tuple[Content, ...]:
    hands = Counts(options)
    cells = [Cell(kit.words.gettext("only in the total"), "muted") if s.kept else counted_cell(hands, s.counts) for s in item.sites]
    return (item.id, gist(item.text), *cells, counted_cell(hands, item.total), agreement(item, kit))


def agreement(item: ItemResult, kit: Kit) -> Content:
    """How many of the sites with a majority of their own took the total's ('3 of 4: eens'); – without one."""
    if item.majority is None or not item.deciding:
        return Cell("–", "muted")
    said = kit.words.ngettext("{agreeing} of {sites}: {position}", "{agreeing} of {sites}: {position}", item.deciding)
    return Cell(
        said.format(agreeing=item.agreeing, sites=item.deciding, position=item.majority), "strong" if item.agreeing == item.deciding else ""
    )


def kept_lines(found: ExerciseResult, kit: Kit, k: int) -> list[str]:
    """Under the table: which sites' counts on which items are only in the total, and why."""
    by_reason: dict[tuple[str, str], list[str]] = {}
    for item in found.items:
        for s in item.sites:
            if s.kept:
                by_reason.setdefault((s.site, s.kept), []).append(item.id)
    return [f"{site}, {', '.join(items)}: {why_hidden(kit, k, reason)}" for (site, reason), items in by_reason.items()]
