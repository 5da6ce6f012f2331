"""What a follow-up meeting changed of the one it follows up, as one table: the first thing the Markdown
summary and the printed handout say of a follow-up (both import it from here, neither from the other)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tocht_cli.render.blocks import Table
from tocht_cli.sessions.disclosure import kept_sheets

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.reports.comparison import Change
    from tocht_cli.sessions.workspace import Workspace


def followed_up(ws: Workspace) -> Workspace | None:
    """The session this one follows up (`tocht new --from`), None when none or when it was deleted."""
    from tocht_cli.base.errors import NotFound
    from tocht_cli.sessions.workspace import Workspace

    source = (ws.session.get("from") or {}).get("id")
    if not source:
        return None
    try:
        return Workspace.open(ws.store, ws.kits, source)
    except NotFound:
        return None


def changed_since(earlier: Workspace, ws: Workspace, exercises: set[str] | None = None) -> Table | None:
    """What this meeting changed of the earlier one's answers (a flipped statement, a role that shifts, a
    new alliance), as `compare` finds it: one table, then and now side by side; None when nothing changed.
    `exercises` narrows it to those shown (a summary of some exercises)."""
    from tocht_cli.reports.comparison import compare

    found, _ = compare(earlier, ws)
    shown = {ex.id for ex in ws.shown_exercises()} & (exercises or {ex.id for ex in ws.kit.exercises})  # this audience's
    found = [c for c in found if c.exercise in shown and not _secret(c, earlier, ws)]
    if not found:
        return None
    label, several = ws.kit.label, len(ws.groups) > 1
    headers = (label("exercise"), *((label("group"),) if several else ()), "", label("what"), label("before"), label("after"))
    rows, previous = [], None
    for c in found:  # an item's exercise and text once, above all its changed fields
        where = (c.heading, *((c.group,) if several else ()), c.item)
        rows.append((*(where if where != previous else ("",) * len(where)), *_then_and_now(c, label)))
        previous = where
    return Table(headers, tuple(rows), numbered=False)


def _then_and_now(change: Change, label: Callable[[str], str]) -> tuple[str, str, str]:
    """(what, then, now): a changed field's two values; a row added or gone is itself the change."""
    from tocht_cli.reports.comparison import ADDED, CHANGED

    if change.change == CHANGED:
        return change.what, change.before or "–", change.after or "–"
    row = change.said(label)[1]
    return (label(change.change), "–", row) if change.change == ADDED else (label(change.change), row, "–")


def _secret(change: Change, earlier: Workspace, ws: Workspace) -> bool:
    """A small table's hands (fewer than k, then or now): as in the rest of the document, only in the total."""
    from tocht_cli.sessions.disclosure import hands_labels

    ex = ws.kit.exercise(change.exercise)
    if change.what not in hands_labels(ex, ws.kit):
        return False
    k = ws.disclosure().min_votes
    return any(change.item_id in kept.hidden for w in (earlier, ws) if (kept := kept_sheets(ex, w.sheets(ex), k).get(change.group)))
