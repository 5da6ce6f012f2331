"""What changed between two sessions of one kit: every fact of every answer, side by side."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tocht_cli.base.dates import said_dated
from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import gist, labelled, norm
from tocht_cli.kinds.contract import Sheet
from tocht_cli.sessions.kept import carried_only, carried_part, is_kept
from tocht_cli.sessions.workspace import Workspace
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, ExerciseKind, Kit


ADDED, REMOVED, CHANGED = "added", "removed", "changed"  # a change's kind, in --json: stable English words


@dataclass(frozen=True)
class Change:
    exercise: str
    heading: str
    group: str
    item: str  # its number and text, as the later meeting's kit words them ("" for an answer to the whole exercise)
    what: str
    before: str
    after: str  # the fact as it is now ("" once gone): what changed is said by `change`, in words only on screen
    item_id: str = ""  # the kit's id of the item (`_` for the whole exercise): a script's key, whatever the text
    change: str = CHANGED  # ADDED (a row new in the later meeting), REMOVED (a row it no longer has) or CHANGED

    def said(self, label: Callable[[str], str]) -> tuple[str, str]:
        """The change as a person reads it, (what, value): a field "Status:", "nog niet → aanwezig"; a row
        added or gone is itself the change: ("toegevoegd:", "Scholen — Klasbezoeken"), ("verwijderd:", "geen zaal — samen")."""
        if self.change == CHANGED:
            return labelled(self.what), f"{self.before or '–'} → {self.after or '–'}"
        detail = self.after if self.change == ADDED else self.before
        return labelled(label(self.change)), f"{self.what} — {detail}" if detail else self.what


def group_pairs(a: Workspace, b: Workspace) -> list[tuple[str, str | None, str | None]]:
    """(label, group in A, group in B): tables paired by their organisations, else by name, else the only one
    of each (`attendance.paired_sessions`); a pair of different names is labelled "A → B"."""
    from tocht_cli.sessions.attendance import paired_sessions

    def label(ga: str | None, gb: str | None) -> str:
        if ga is None or gb is None:
            return str(ga or gb)
        return ga if norm(ga) == norm(gb) else f"{ga} → {gb}"

    return [(label(ga, gb), ga, gb) for ga, gb in paired_sessions(a.session, a.groups, b.session, b.groups)]


@dataclass(frozen=True)
class Pending:
    """Items a group answered in the earlier meeting and has not discussed (wholly or in part) in the later one yet."""

    exercise: str
    heading: str
    group: str
    items: int
    named: tuple[str, ...] = ()  # each item by its number and first words ("A2. Cultuur is …")


NAMED = 40  # characters of an item not discussed yet, as `compare` names it: its number and first words


def changes(a: Workspace, b: Workspace) -> list[Change]:
    """Every fact that differs, items not yet discussed in the later meeting included."""
    return compare(a, b, everything=True)[0]


def compare(a: Workspace, b: Workspace, everything: bool = False) -> tuple[list[Change], list[Pending]]:
    """What changed: every fact that has a value in the later meeting and differs from before. Unless
    `everything`, an item the later meeting gave no value at all is counted per exercise and group as not
    discussed yet rather than listed as answers taken away; a fact an item it answered left empty (a
    statement's arguments, said anew each meeting) is a change like any other."""
    if a.kit.name != b.kit.name:
        raise UsageError(
            _("{a} uses kit {kit_a} and {b} kit {kit_b}; only sessions of one kit compare").format(
                a=a.id, kit_a=a.kit.name, b=b.id, kit_b=b.kit.name
            )
        )
    if carried_only(a):  # a deleted meeting's copy kept of what it carried, nothing else: the later one is read alike
        b = carried_part(b)
    out = []
    pending = []
    for ex in b.kit.exercises:
        if not ex.kind.compared:
            continue
        for label, ga, gb in group_pairs(a, b):
            sa = a.sheet(ex, ga) if ga else Sheet()
            sb = b.sheet(ex, gb) if gb else Sheet()
            found, waiting, named = sheet_changes(ex, sa, sb, b.kit, everything)
            out += [Change(ex.id, ex.heading, label, *change) for change in found]
            if waiting:
                pending.append(Pending(ex.id, ex.heading, label, waiting, tuple(named)))
    return out, pending


def kept_to_total(a: Workspace, b: Workspace, found: list[Change]) -> tuple[list[Change], dict[Change, str]]:
    """The changes a document may show, and those of a table's hands it keeps to the total, each with why (fewer
    than k votes then or now, or the table beside a single such one; sessions/disclosure.py): as everywhere else,
    a small table's votes are not told by a change of its own either, nor is the position those hands decided
    (a stance "twijfel → eens" of a table of one vote says that vote)."""
    from tocht_cli.sessions.disclosure import Kept, hands_labels, kept_sheets, of_record, position_labels

    k = b.disclosure().min_votes
    pairs = {label: (ga, gb) for label, ga, gb in group_pairs(a, b)}
    kept: dict[tuple[int, str], dict[str, Kept]] = {}

    def why_kept(change: Change) -> str:
        ex = b.kit.exercise(change.exercise)
        if change.what not in hands_labels(ex, b.kit) | position_labels(ex, b.kit):
            return ""
        for n, (ws, group) in enumerate(zip((a, b), pairs.get(change.group, (None, None)), strict=True)):
            if (n, ex.id) not in kept:
                kept[n, ex.id] = kept_sheets(ex, ws.sheets(ex), of_record(ws.session, k))
            sheets = kept[n, ex.id]
            if group is not None and group in sheets and change.item_id in sheets[group].hidden:
                return sheets[group].hidden[change.item_id]
        return ""

    hidden = {c: why for c in found if (why := why_kept(c))}
    return [c for c in found if c not in hidden], hidden


def kept_note(b: Workspace, hidden: dict[Change, str]) -> str:
    """The lines under a comparison that left tables' hands out, one per reason, each naming the tables and items
    (as an export names them under a table), in the kit's words; "" when none. A table of 5 hands left out beside
    a table of 2 says so, never "fewer than 3 votes"."""
    from tocht_cli.sessions.disclosure import SMALL

    k, words = b.disclosure().min_votes, b.kit.words
    lines = []
    for reason in dict.fromkeys(sorted(hidden.values(), key=lambda why: why != SMALL)):
        changed = dict.fromkeys(
            f"{c.group} {c.item_id}" for c, why in hidden.items() if why == reason
        )  # a table's item once, hands and stance alike
        count, places = len(changed), " · ".join(changed)
        said = (
            words.ngettext(
                "{count} change of a table's votes is left out, so that a table with fewer than {k} votes cannot be told apart",
                "{count} changes of tables' votes are left out, so that a table with fewer than {k} votes cannot be told apart",
                count,
            )
            if reason == SMALL
            else words.ngettext(
                "{count} change of a larger table's votes is left out beside it, so that the smaller table's votes cannot be worked out",
                "{count} changes of larger tables' votes are left out beside them, so that the smaller tables' votes cannot be worked out",
                count,
            )
        )
        lines.append(f"{said.format(count=count, k=k)} ({places})")
    return "\n".join(lines)


def sheet_changes(
    ex: Exercise, sa: Sheet, sb: Sheet, kit: Kit, everything: bool
) -> tuple[list[tuple[str, str, str, str, str, str]], int, list[str]]:
    """One group's changes in one exercise as (item, what, before, after, item id, change), how many things it
    has not discussed, and those items by their number and first words."""
    kind = ex.kind
    found = []
    waiting, named = 0, []
    for item, title in kind.answer_items(ex):
        now = sb.get(item)
        if not everything and not given(kind, ex, item, now) and given(kind, ex, item, sa.get(item)):
            waiting += open_parts(sa.get(item) or {})
            named.append(whole_named(ex, kit) if item == EXERCISE_LEVEL else gist(title, NAMED))
            continue
        before = dict(kind.facts(ex, item, sa.get(item) or kind.empty(ex, item), kit))
        after = dict(kind.facts(ex, item, now or kind.empty(ex, item), kit))
        shown = "" if item == EXERCISE_LEVEL else title
        for what in dict.fromkeys([*before, *after]):
            was, is_now = before.get(what, ""), after.get(what, "")
            # a row added (an alliance, a challenge) or one of last time this meeting no longer has: the row is the change
            change = ADDED if what not in before else REMOVED if what not in after else CHANGED
            if change != CHANGED or (was != is_now and (is_now or everything or given(kind, ex, item, now))):
                found.append((shown, what, was, is_now, item, change))
    return found, waiting, named


def whole_named(ex: Exercise, kit: Kit) -> str:
    """An exercise-wide answer not discussed yet, by what it asks ("Bij wie? · Welke gemeente?", a list's own
    label: the facts of an empty answer, never its rows), not by the exercise's title, which the heading above
    already says; the whole title when the kind names nothing."""
    empty = ex.kind.empty(ex, EXERCISE_LEVEL)
    labels = dict.fromkeys(label for label, _said in ex.kind.facts(ex, EXERCISE_LEVEL, empty, kit) if label)
    return " · ".join(labels) or ex.title


def open_parts(value: dict[str, Any]) -> int:
    """How many things an answer not discussed yet holds: one, or each row of its tables (a regional table
    of four rows is four things to discuss, not one)."""
    rows = sum(len(v) for v in value.values() if isinstance(v, list) and all(isinstance(row, dict) for row in v))
    return rows or 1


def given(kind: ExerciseKind, ex: Exercise, item: str, value: dict[str, Any] | None) -> bool:
    """Whether an item has any value at all (a status without its action is a value)."""
    return bool(value) and value != kind.empty(ex, item)


def pending_line(kit_label: Callable[[str], str], pending: list[Pending], heading: str) -> str:
    """One line per exercise, each item named: 'nog niet besproken: 3 (tafel 1: A2. Cultuur is …, A5. Wij …;
    tafel 2: A1. …)'; empty when none."""
    here = [p for p in pending if p.heading == heading]
    if not here:
        return ""
    groups = "; ".join(f"{p.group}: {', '.join(p.named) or p.items}" for p in here)
    return f"{kit_label('not_discussed')}: {sum(p.items for p in here)} ({groups})"


def headings(b: Workspace, found: list[Change], pending: list[Pending]) -> list[str]:
    """The exercises with something to show, in the kit's order."""
    shown = {c.heading for c in found} | {p.heading for p in pending}
    return [ex.heading for ex in b.kit.exercises if ex.heading in shown]


def as_json(found: list[Change]) -> list[dict[str, Any]]:
    return [asdict(c) for c in found]


def places_json(found: list[Change]) -> list[dict[str, str]]:
    """Where changes were left out, without what they were: each exercise, group and item once."""
    places = dict.fromkeys((c.exercise, c.group, c.item_id) for c in found)
    return [{"exercise": ex, "group": group, "item": item} for ex, group, item in places]


def pending_json(pending: list[Pending]) -> list[dict[str, Any]]:
    return [{"exercise": p.exercise, "group": p.group, "items": p.items, "named": list(p.named)} for p in pending]


def dated(ws: Workspace, language: str) -> str:
    """A session as its name and date, the date as `language` writes it; a deleted one's kept copy says so in
    the same bracket ("Najaar (7 december 2026, verwijderd)")."""
    return said_dated(ws.session, language, ws.kit.label("deleted") if is_kept(ws) else "")


def by_item(found: list[Change], heading: str) -> list[tuple[str, str, list[Change]]]:
    """An exercise's changes as (group, item, its changed fields), in order: each item once, however many fields changed."""
    out: list[tuple[str, str, list[Change]]] = []
    for c in (c for c in found if c.heading == heading):
        if out and (out[-1][0], out[-1][2][0].item_id) == (c.group, c.item_id):
            out[-1][2].append(c)
        else:
            out.append((c.group, c.item, [c]))
    return out


def several_groups(a: Workspace, b: Workspace) -> bool:
    """Whether the meetings have more than one group: then every change is under its group's title."""
    return len(group_pairs(a, b)) > 1


def markdown(a: Workspace, b: Workspace, found: list[Change], pending: list[Pending] | None = None) -> str:
    """Per exercise, per group, each item once (its text in bold) and under it its changed fields, before → after."""
    from tocht_cli.render.markdown import md

    label = b.kit.label
    blocks = [
        f"# {md(label('changes'))}",
        f"- **{md(label('before'))}:** {md(dated(a, b.kit.language))}\n- **{md(label('after'))}:** {md(dated(b, b.kit.language))}",
    ]
    if not found:
        blocks.append(md(label("no_changes")))
    titled = several_groups(a, b)
    for heading in headings(b, found, pending or []):
        blocks.append(f"## {md(heading)}")
        group = None
        for in_group, item, fields in by_item(found, heading):
            if titled and in_group != group:
                group = in_group
                blocks.append(f"### {md(label('group'))}: {md(group)}")
            lines = [f"- *{md(what)}* {md(value)}" for what, value in (c.said(label) for c in fields)]
            blocks.append("\n".join(([f"**{md(item)}**", ""] if item else []) + lines))
        waiting = pending_line(label, pending or [], heading)
        if waiting:
            blocks.append(f"_{md(waiting)}_")
    return "\n\n".join(blocks) + "\n"


def screen(a: Workspace, b: Workspace, found: list[Change], pending: list[Pending] | None = None) -> list[Any]:
    """What the terminal shows: per exercise a heading, per group its items, each once (its text in bold)
    with its changed fields under it, before → after; every text wrapped whole at any width."""
    from tocht_cli.render.layout import Hanging, Heading
    from tocht_cli.render.styled import Text
    from tocht_cli.reports.screens import group_title

    label = b.kit.label
    before, after = (dated(ws, b.kit.language).replace(" ", "\xa0") for ws in (a, b))  # each whole on a line: never a date cut
    parts: list[Any] = [Text(f"{label('changes')}  {before} → {after}", style="bold")]
    if not found:
        parts.append(Text(label("no_changes")))
    titled = several_groups(a, b)
    for heading in headings(b, found, pending or []):
        parts.append(Heading(heading))
        group = None
        for in_group, item, fields in by_item(found, heading):
            if titled and in_group != group:
                group = in_group
                parts.append(group_title(b.kit, group))
            if item:
                parts.append(Hanging(Text(item, style="bold"), 2, first=2))
            for what, value in (c.said(label) for c in fields):
                parts.append(Hanging(Text(f"{what} ", style="italic").append(value, style="bold"), 6, first=4))
        waiting = pending_line(label, pending or [], heading)
        if waiting:
            parts.append(Hanging(Text(waiting), 4, first=2))
    return parts
