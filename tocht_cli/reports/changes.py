"""What a follow-up meeting changed of the one it follows up, as one table: the first thing the Markdown
summary and the printed handout say of a follow-up (both import it from here, neither from the other)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tocht_cli.render.blocks import Block, Cell, Heading, Paragraph, Table
from tocht_cli.sessions.kept import carried_only, is_kept

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.reports.comparison import Change
    from tocht_cli.sessions.workspace import Workspace


def followed_up(ws: Workspace) -> Workspace | None:
    """The session this one follows up (`tocht new --from`); once it was deleted, what this one kept of it
    (`sessions/kept.py`); None when it follows up none."""
    from tocht_cli.base.errors import NotFound
    from tocht_cli.sessions.kept import kept_earlier
    from tocht_cli.sessions.workspace import Workspace

    source = (ws.session.get("from") or {}).get("id")
    if not source:
        return None
    try:
        return Workspace.open(ws.store, ws.kits, source)
    except NotFound:
        return kept_earlier(ws)


def changed_since(earlier: Workspace, ws: Workspace, exercises: set[str] | None = None) -> tuple[Block, ...]:
    """What this meeting changed of the earlier one's answers (a flipped statement, a role that shifts, a
    new alliance), as `compare` finds it: per exercise its heading and a table, then and now side by side,
    each item once and whole (a statement cut to its first words said less than the change beside it); empty when
    nothing changed.
    `exercises` narrows it to those shown (a summary of some exercises)."""
    from tocht_cli.reports.comparison import by_item, compare, headings, kept_to_total
    from tocht_cli.sessions.disclosure import of_record

    found, _ = compare(earlier, ws)
    then = of_record(earlier.session, level=ws.disclosure().level)  # "then" is the earlier meeting's: shown as it marked it
    ours = {ex.id for ex in ws.shown_exercises() if then.shows(ex.id)}  # this audience's, then and now
    shown = ours & (exercises or {ex.id for ex in ws.kit.exercises})
    found = kept_to_total(earlier, ws, [c for c in found if c.exercise in shown])[0]
    label, several = ws.kit.label, len(ws.groups) > 1
    headers = (*((label("group"),) if several else ()), label("item"), label("what"), label("before"), label("after"))
    blocks: list[Block] = [Paragraph(kept_said(earlier, ws))] if found and is_kept(earlier) else []
    for heading in headings(ws, found, []):
        rows, previous = [], None
        for group, item, fields in by_item(found, heading):  # an item's group and text once, above all its changed fields
            named = item or ws.kit.exercise(fields[0].exercise).title  # the exercise's own answer (a plan's header) by its title
            where = (*((group if group != previous else again(group),) if several else ()), named)
            repeated = tuple(again(text) for text in (*((group,) if several else ()), named))
            rows += [(*(where if n == 0 else repeated), *_then_and_now(c, label)) for n, c in enumerate(fields)]
            previous = group
        blocks += [Heading(heading), Table(headers, tuple(rows), numbered=False)]
    return tuple(blocks)


def kept_said(earlier: Workspace, ws: Workspace) -> str:
    """What a comparison with a deleted meeting's kept copy compares with, in the kit's words."""
    from tocht_cli.reports.comparison import dated

    words = ws.kit.words
    if carried_only(earlier):
        said = words.gettext("{earlier}: compared with what this meeting kept of it, the answers it carried over")
    else:
        said = words.gettext("{earlier}: compared with the copy of its answers this meeting kept when it was deleted")
    return said.format(earlier=dated(earlier, ws.kit.language))


def again(text: str) -> Cell:
    """A row's group or item said again under the row that named it: shown only where a row stands alone (a
    phone's card), so that every card names its part."""
    return Cell(text, "again")


def _then_and_now(change: Change, label: Callable[[str], str]) -> tuple[str, str, str]:
    """(what, then, now): a changed field's two values, an answer it had none for said "nieuw: …" with
    nothing then; a row added or gone is itself the change."""
    from tocht_cli.reports.comparison import ADDED, CHANGED

    if change.change == CHANGED:
        now = change.after or "–"
        return change.what, change.before, now if change.before else f"{label('new')}: {now}"
    row = change.said(label)[1]
    return (label(change.change), "", row) if change.change == ADDED else (label(change.change), row, "–")
