"""A session as one Markdown document: what `tocht export` writes and `tocht replay` prints without a terminal."""

from __future__ import annotations

import json
import re
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from tocht_cli.base.text import md_block
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.render.markdown import blocks_markdown, md, table
from tocht_cli.reports import failsafe
from tocht_cli.reports.changes import changed_since, followed_up
from tocht_cli.reports.overview import metadata, progress
from tocht_cli.sessions.disclosure import for_totals, hidden_lines, kept_sheets
from tocht_cli.sessions.room_results import Given, Votes, room_results
from tocht_cli.sessions.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.render.blocks import Block


def exercise_markdown(ws: Workspace, ex: Exercise) -> list[str]:
    """An exercise's heading, each group's answers, then the totals when there are several groups."""
    kit, sheets, disclosure = ws.kit, ws.shown_sheets(ex), ws.disclosure()
    k = disclosure.min_votes
    blocks = [f"## {md(ex.heading)}"]
    several = len(sheets) > 1
    kept_apart = kept_sheets(ex, sheets, disclosure)
    for group, kept in kept_apart.items():
        if several:
            blocks.append(f"### {md(kit.label('group'))}: {md(group)}")
        sheet = kept.sheet
        blocks += failsafe.markdown(ex, kit, partial(answers_markdown, partial(ex.kind.handout_group, ex, sheet, kit)))
        blocks += [f"*{md(line)}*" for line in hidden_lines(ex, kit, k, kept.hidden)]
        blocks += blocks_markdown(round_saved(ws, ex, group))
    if several:
        blocks.append(f"### {md(kit.label('total'))}")
        blocks += failsafe.markdown(
            ex, kit, partial(answers_markdown, partial(ex.kind.handout_totals, ex, for_totals(ex, sheets, kept_apart), kit))
        )
    return blocks


def round_saved(ws: Workspace, ex: Exercise, group: str) -> list[Block]:
    """What a table saved of the room's round the exercise asks first (its words, its dots: `s` in the room saves
    them per table), under the round's heading in the table's part; the room's own result stays under the room.
    Only in a document for the room, as a table's count below k is nowhere else printed apart."""
    from tocht_cli.render.blocks import Heading

    round_ = ex.room_round
    if round_ is None or ws.disclosure().level not in (None, "room"):
        return []
    sheet = ws.sheet(round_, group)
    if not any(round_.kind.recorded_by_any(round_, item.id, [sheet]) for item in round_.kind.items(round_)):
        return []
    return [Heading(round_.heading), *round_.kind.handout_group(round_, sheet, ws.kit)]


def answers_markdown(blocks: Callable[[], list[Block]]) -> list[str]:
    """The kind's answers as Markdown: the blocks of its handout (one group's, or the totals), the items
    left open summed up in one line among them."""
    return blocks_markdown(blocks())


def outside_title(ws: Workspace) -> str:
    return ws.kit.words.gettext("Answers to items this kit does not have (any more)")


def outside_answer(doc: dict[str, Any]) -> tuple[str, str]:
    """An answer the kit has no item for, as (`exercise/item · group`, its value field by field): the
    kind cannot render it without the item, so its recorded fields are shown as they are."""

    def shown(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    fields = " · ".join(f"{key}: {shown(value)}" for key, value in doc["value"].items() if value not in ("", None, [], {}))
    return f"{doc['exercise']}/{doc['item']} · {doc['group']}", fields or "–"


def room_markdown(ws: Workspace, exercises: list[Exercise]) -> list[str]:
    """What the participants answered on their own devices in the session's room: the votes per item and
    table (whether or not they were saved as hands), who reached a card's target, when, and how long the
    timer ran. Nothing when the session had no room."""
    results = room_results(ws, exercises)
    if results is None:
        return []
    blocks = [f"## {md(results.title)}"]
    for shown in results.exercises:
        blocks.append(f"**{md(shown.exercise.heading)}**: {md(shown.said)}")
        if isinstance(shown, Votes):
            blocks.append(table(list(map(md, shown.headers)), [list(map(md, row)) for row in shown.rows]))
            if shown.arguments:
                blocks.append(
                    f"*{md(shown.arguments_title)}*\n\n" + "\n".join(f"- {md(place)}: {md(text)}" for place, text in shown.arguments)
                )
        elif isinstance(shown, Given):
            blocks += blocks_markdown(list(shown.blocks))
        else:
            blocks.append("\n".join(f"- {md(who)} ({md(group)}) {md(at)}" for who, group, at in shown.winners))
    for said in results.maps:
        blocks += [f"**{md(said.exercise.heading)}**: {md(said.title)}", *blocks_markdown(said.blocks())]
    if results.timers:
        blocks.append(f"**{md(results.timer_title)}:** " + " · ".join(f"{md(name)} {ran}" for name, ran in results.timers))
    return blocks


def paragraphs(text: str) -> tuple[str, ...]:
    """A kit's text of several paragraphs (its letter, an intro); a single newline stays a line break."""
    return tuple(p.strip() for p in text.strip().split("\n\n") if p.strip())


class Framing(NamedTuple):
    """The kit's intro as the report prints it around TOCHT's letter: the opening words (an epigraph), the
    line that signs them, then the workbook's invitation to the reader."""

    epigraph: tuple[str, ...]
    signature: str
    invitation: tuple[str, ...]


_SIGNATURE = re.compile(r"\n\((?P<by>[^()\n]+)\)$")  # an intro's first paragraph that ends in "(who - when, where)"


def framing(kit: Kit) -> Framing:
    """The kit's intro split the way the report reads it; an intro with no signed opening is all invitation."""
    parts = paragraphs(kit.intro)
    signed = _SIGNATURE.search(parts[0]) if parts else None
    if signed is None:
        return Framing((), "", parts)
    return Framing((parts[0][: signed.start()],), signed["by"].strip(), parts[1:])


def signed(signature: str) -> str:
    return f"— {signature}" if signature else ""


def quoted(text: str, signature: str = "") -> str:
    """A kit's text of several paragraphs (its letter, its closing call) as one Markdown blockquote, signed."""
    shown = [md_block(p, "> ") for p in paragraphs(text)] + [md(signed(signature))] * bool(signature)
    return "\n>\n".join(f"> {p}" for p in shown)


def opening_markdown(kit: Kit) -> list[str]:
    """What opens a summary: the intro's epigraph, TOCHT's letter signed as the report signs it, the invitation."""
    frame = framing(kit)
    blocks = [f"*{md_block(p)}*" for p in frame.epigraph]
    if kit.letter:
        blocks.append(quoted(kit.letter, frame.signature))
    elif frame.signature:
        blocks.append(md(signed(frame.signature)))
    return blocks + [md_block(p) for p in frame.invitation]


def changes_markdown(ws: Workspace, exercises: set[str] | None) -> list[str]:
    """A follow-up's "What has changed?" under its details, as the printed handout opens with it."""
    earlier = followed_up(ws)
    changes = changed_since(earlier, ws, exercises) if earlier is not None else ()
    return [f"## {md(ws.kit.label('changes'))}", *blocks_markdown(list(changes))] if changes else []


def session_markdown(ws: Workspace, exercises: list[Exercise] | None = None) -> str:
    """The whole summary, byte for byte the same for the same answers; the kit's letter opens it
    and its closing call ends it, unless only some exercises are shown."""
    kit, label, disclosure = ws.kit, ws.kit.label, ws.disclosure()
    whole = exercises is None or list(exercises) == list(kit.exercises)
    blocks = [f"# {md(ws.session['name'])}", "\n".join(f"- **{md(label(key))}:** {md(text)}" for key, text in metadata(ws))]
    blocks += changes_markdown(ws, None if whole else {ex.id for ex in exercises or ()})
    if whole:
        blocks += opening_markdown(kit)
    blocks += [f"## {md(label('progress'))}", *blocks_markdown([progress(ws)])]
    shown = [ex for ex in exercises or kit.exercises if disclosure.shows(ex.id)]
    if whole:
        from tocht_cli.reports import sites

        blocks += sites.markdown(ws)
    for ex in shown:
        blocks += exercise_markdown(ws, ex)
    everything = disclosure.level in (None, "room")  # what the kit cannot place stays in the room
    outside = [doc for doc in ws.outside() if everything and (whole or doc["exercise"] in {ex.id for ex in exercises or ()})]
    if outside:
        blocks.append(f"## {md(outside_title(ws))}")
        blocks.append("\n".join(f"- **{md(where)}:** {md(fields)}" for where, fields in map(outside_answer, outside)))
    blocks += room_markdown(ws, shown)
    if whole and kit.closing:
        blocks += ["---", quoted(kit.closing)]
    return "\n\n".join(blocks) + "\n"
