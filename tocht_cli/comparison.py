"""What changed between two sessions of one kit: every fact of every answer, side by side."""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass

from tocht_cli.errors import UsageError
from tocht_cli.exercises.contract import Sheet
from tocht_cli.store import EXERCISE_LEVEL
from tocht_cli.text import norm
from tocht_cli.workspace import Workspace

TITLE_WIDTH = 50


@dataclass(frozen=True)
class Change:
    exercise: str
    heading: str
    group: str
    item: str
    what: str
    before: str
    after: str


def group_pairs(a: Workspace, b: Workspace) -> list[tuple[str, str | None, str | None]]:
    """(label, group in A, group in B): one group each pairs up whatever the names, else by name."""
    if len(a.groups) == 1 and len(b.groups) == 1:
        ga, gb = a.groups[0], b.groups[0]
        return [(ga if norm(ga) == norm(gb) else f"{ga} → {gb}", ga, gb)]
    in_b = {norm(g): g for g in b.groups}
    pairs = [(g, g, in_b.pop(norm(g), None)) for g in a.groups]
    return pairs + [(g, None, g) for g in b.groups if norm(g) in in_b]


def changes(a: Workspace, b: Workspace) -> list[Change]:
    if a.kit.name != b.kit.name:
        raise UsageError(f"{a.id} uses kit {a.kit.name} and {b.id} kit {b.kit.name}; only sessions of one kit compare")
    out = []
    for ex in b.kit.exercises:
        kind = ex.kind
        if not kind.compared:
            continue
        for label, ga, gb in group_pairs(a, b):
            sa = a.sheet(ex, ga) if ga else Sheet()
            sb = b.sheet(ex, gb) if gb else Sheet()
            for item, title in kind.answer_items(ex):
                before = dict(kind.facts(ex, item, sa.get(item) or kind.empty(ex, item), b.kit))
                after = dict(kind.facts(ex, item, sb.get(item) or kind.empty(ex, item), b.kit))
                for what in dict.fromkeys([*before, *after]):
                    if before.get(what, "") != after.get(what, ""):
                        short = "" if item == EXERCISE_LEVEL else textwrap.shorten(title, TITLE_WIDTH, placeholder=" …")
                        out.append(Change(ex.id, ex.heading, label, short, what, before.get(what, ""), after.get(what, "")))
    return out


def as_json(found: list[Change]) -> list[dict]:
    return [asdict(c) for c in found]


def markdown(a: Workspace, b: Workspace, found: list[Change]) -> str:
    from tocht_cli.markdown import md, table

    label = b.kit.label
    blocks = [
        f"# {md(label('changes'))}",
        f"- **{md(label('before'))}:** {md(a.session['name'])} ({md(a.session.get('date'))})\n- **{md(label('after'))}:** {md(b.session['name'])} ({md(b.session.get('date'))})",
    ]
    if not found:
        return "\n\n".join(blocks + [md(label("no_changes"))]) + "\n"
    headers = [md(label("group")), md(label("what")), "", md(label("before")), md(label("after"))]
    for heading in dict.fromkeys(c.heading for c in found):
        rows = [[md(c.group), md(c.item), md(c.what), md(c.before) or "–", md(c.after) or "–"] for c in found if c.heading == heading]
        blocks += [f"## {md(heading)}", table(headers, rows)]
    return "\n\n".join(blocks) + "\n"


def rich_tables(a: Workspace, b: Workspace, found: list[Change]):
    """One table per exercise, titled with its heading, for the screen."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    label = b.kit.label
    tables = [
        Text(
            f"{label('changes')}  {a.session['name']} ({a.session.get('date')}) → {b.session['name']} ({b.session.get('date')})",
            style="bold",
        )
    ]
    for heading in dict.fromkeys(c.heading for c in found):
        table = Table(title=heading, title_justify="left", expand=True)
        for header, ratio in ((label("group"), 1), (label("what"), 3), (label("before"), 2), (label("after"), 2)):
            table.add_column(header, ratio=ratio)
        for c in (c for c in found if c.heading == heading):
            what = Text(c.item + "\n" if c.item else "")
            what.append(c.what, style="italic")
            table.add_row(c.group, what, c.before or "–", c.after or "–")
        tables.append(table)
    return Group(*tables)
