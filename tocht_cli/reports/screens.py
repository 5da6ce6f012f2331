"""What the terminal shows of a session, shared by the commands: its header, progress, group titles,
replay's slides and a kind's answers per group. Kinds give one group's sheet as blocks; this draws them and puts sheets together.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from tocht_cli.base.text import gist
from tocht_cli.render import output

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, Kit, Sheet
    from tocht_cli.render.blocks import Block
    from tocht_cli.render.layout import Answers
    from tocht_cli.render.styled import Text
    from tocht_cli.sessions.disclosure import Kept
    from tocht_cli.sessions.workspace import Workspace


def header(ws: Workspace) -> Text:
    """The session's name and id, then its details (reports/overview.py) a line each."""
    from tocht_cli.render.styled import Text
    from tocht_cli.reports.overview import metadata

    text = Text(ws.session["name"], style="bold")
    text.append(f"  ({ws.session['id']})", style="dim")
    for key, value in metadata(ws):
        text.append(f"\n{ws.kit.label(key)}: ", style="bold")
        text.append(value)
    return text


def progress_table(ws: Workspace) -> Answers:
    """The progress (reports/overview.py) as a terminal table, each group's counts right-aligned."""
    from tocht_cli.render.layout import Answers, Col
    from tocht_cli.reports.overview import progress

    shown = progress(ws)
    number, exercise, *groups = shown.headers
    columns = [Col(number, short=True), Col(exercise, ratio=1), *(Col(g, short=True, justify="right") for g in groups)]
    table = Answers(columns, title=ws.kit.label("progress"))
    for row in shown.rows:
        table.add_row(*row)
    return table


def group_title(kit: Kit, group: str) -> Any:
    from tocht_cli.render.styled import Text

    title = Text(f"{kit.label('group')}: ", style="bold")
    title.append(group)
    return title


def drawn(blocks: Callable[[Exercise, Sheet, Kit], list[Block]], ex: Exercise, sheet: Sheet, kit: Kit) -> Any:
    """One group's answers drawn for the terminal: the blocks its kind gives for them (render/terminal.py)."""
    from tocht_cli.render.terminal import shown

    return shown(blocks(ex, sheet, kit))


def pooled_total(ws: Workspace, ex: Exercise) -> list[Any]:
    """The exercise's total as the handouts print it, where more than one table counted hands: `show` gave each
    table's hands and no sum, and the hands of a table kept to the total were nowhere (room trial, issue 18)."""
    from tocht_cli.render.styled import Text
    from tocht_cli.render.terminal import shown
    from tocht_cli.reports.failsafe import Guarded
    from tocht_cli.sessions.disclosure import for_totals, hands, hands_fields, kept_sheets

    fields, sheets = hands_fields(ex), ws.shown_sheets(ex)
    counted = [s for s in sheets.values() if any(hands(s.get(item.id), fields) for item in ex.kind.items(ex))]
    if not fields or len(counted) < 2:
        return []
    totals = for_totals(ex, sheets, kept_sheets(ex, sheets, ws.disclosure()))

    def made() -> Any:
        return shown([whole_texts(b) for b in ex.kind.handout_totals(ex, totals, ws.kit)])

    return [Text(ws.kit.label("total"), style="bold"), Guarded(ex, ws.kit, made)]


def whole_texts(block: Block) -> Block:
    """A table with its shortened cells whole: `show` cuts nothing (the handouts' totals print them whole too)."""
    from tocht_cli.render.blocks import Shortened, Table

    if not isinstance(block, Table):
        return block
    rows = tuple(tuple(c.whole if isinstance(c, Shortened) else c for c in row) for row in block.rows)
    return Table(block.headers, rows, block.numbered)


def print_sheets(
    ws: Workspace, ex: Exercise, group: str | None, as_json: bool, blocks: Callable[[Exercise, Sheet, Kit], list[Block]]
) -> None:
    """A kind's answers (`tocht roles`): the named group, the only one, or each group under its title."""
    groups = [ws.group(group)] if group or len(ws.groups) == 1 else ws.answering_groups(ex)
    if as_json:
        listed = {g: ex.kind.listed(ex, ws.sheet(ex, g)) for g in groups}
        output.data_json(listed[groups[0]] if ex.kind.meeting_wide else listed)
        return
    from tocht_cli.render.layout import OneLayout
    from tocht_cli.render.styled import Text
    from tocht_cli.reports.failsafe import Guarded
    from tocht_cli.sessions.disclosure import hidden_lines, kept_sheets

    disclosure = ws.disclosure()
    k = disclosure.min_votes
    # a small table's hands as `show` keeps them
    kept = kept_sheets(ex, {g: ws.sheet(ex, g) for g in ws.answering_groups(ex)}, disclosure)
    titled = len(groups) > 1 or not ex.kind.meeting_wide
    answers = [
        [group_title(ws.kit, g)] * titled
        + [Guarded(ex, ws.kit, partial(drawn, blocks, ex, kept[g].sheet, ws.kit))]
        + [Text(line, style="dim") for line in hidden_lines(ex, ws.kit, k, kept[g].hidden)]
        for g in groups
    ]
    output.data(OneLayout([part for pair in answers for part in pair]))


def slides(ws: Workspace, ex: Exercise) -> list[tuple[str, Any]]:
    """What `tocht replay` shows, one item at a time: its text in full, then its facts, a column per group
    (stacked under each fact when the columns would cut a word), each group's as `show` keeps it (a table
    below k shows its hands only in the total). The slide's title is the kit's text, which may be shortened
    there; what a group wrote, and its name, are in the body, whole."""
    from tocht_cli.render.styled import Text
    from tocht_cli.reports.failsafe import left_out, made
    from tocht_cli.sessions.disclosure import kept_sheets

    kit, sheets = ws.kit, ws.shown_sheets(ex)
    if ex.kind.replay_whole:
        return _whole_slides(ex, sheets, kit)
    shown = ws.disclosure()
    kept = kept_sheets(ex, sheets, shown)
    items = partial(_item_slides, ex, partial(_kept_facts, ex, kept, sheets, kit, shown.min_votes), kit)
    return made(ex, items, lambda: [(ex.title, Text(left_out(ex, kit), style="italic"))])


def _whole_slides(ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[tuple[str, Any]]:
    """Each group's whole sheet (a bingo card, the regional rows) on a slide of its own; the groups that
    answered nothing on one slide together, not a "not answered yet" slide each."""
    from tocht_cli.render.styled import Group, Text
    from tocht_cli.reports.failsafe import Guarded

    several = len(sheets) > 1
    quiet = [g for g, s in sheets.items() if several and not ex.kind.progress(ex, s)[0]]
    out: list[tuple[str, Any]] = [
        (f"{kit.label('group')}: {g}" if several else ex.title, Guarded(ex, kit, partial(drawn, ex.kind.handout_group, ex, s, kit)))
        for g, s in sheets.items()
        if g not in quiet
    ]
    if quiet:
        title = ex.title if len(quiet) == len(sheets) else ex.title + f" · {kit.label('unanswered')}"
        out.append((title, Group(Text(kit.label("unanswered").capitalize(), style="italic"), *(Text(f"· {g}") for g in quiet))))
    return out


def _kept_facts(
    ex: Exercise, kept: dict[str, Kept], sheets: dict[str, Sheet], kit: Kit, k: int, item: str
) -> dict[str, list[tuple[str, str]]]:
    """Each group's facts of an item as `show` keeps them: a table kept to the total says why in the place of what
    it leaves out (its hands; below k its position too, which read "–", as if unanswered), and then the total's
    hands follow in a column of their own (they are shown nowhere else on the slide)."""
    from tocht_cli.sessions.disclosure import SMALL, hands_fields, hands_labels, position_labels, why_hidden

    hands, positions = hands_labels(ex, kit), position_labels(ex, kit)
    per_group = {g: ex.kind.facts(ex, item, shown.sheet.get(item) or ex.kind.empty(ex, item), kit) for g, shown in kept.items()}
    apart = {g: shown.hidden[item] for g, shown in kept.items() if item in shown.hidden}
    for g, why in apart.items():
        left = hands | positions if why == SMALL else hands
        per_group[g] = [(label, why_hidden(kit, k, why) if label in left else text) for label, text in per_group[g]]
    if apart:
        total: dict[str, dict[str, int]] = {name: {} for name in hands_fields(ex)}
        for name, counts in total.items():
            for sheet in sheets.values():
                for option, n in ((sheet.get(item) or {}).get(name) or {}).items():
                    counts[option] = counts.get(option, 0) + n
        summed = ex.kind.facts(ex, item, {**ex.kind.empty(ex, item), **total}, kit)
        per_group[kit.label("total")] = [(label, text) for label, text in summed if label in hands]
    return per_group


def fact_shown(facts: dict[str, str], label: str) -> str:
    """A column's fact on a slide: "–" when it was not answered, nothing where the column has no such fact (the total's position)."""
    return facts[label] or "–" if label in facts else ""


def _item_slides(ex: Exercise, facts_of: Callable[[str], dict[str, list[tuple[str, str]]]], kit: Kit) -> list[tuple[str, Any]]:
    from tocht_cli.render.layout import Answers, Col
    from tocht_cli.render.styled import Group, Text

    out = []
    unanswered = []  # by no group: all on one slide at the end, not a slide each saying so
    for item, title in ex.kind.answer_items(ex):
        per_group = facts_of(item)
        labels = list(dict.fromkeys(label for facts in per_group.values() for label, _ in facts))
        heading = Text(title, style="bold")
        if not any(text for facts in per_group.values() for _, text in facts):
            unanswered.append(gist(" / ".join(labels) if title == ex.title and labels else title, 70))  # the item's own questions
            continue
        table = Answers([Col(""), *(Col(g if len(per_group) > 1 else "", ratio=2) for g in per_group)], numbered=False)
        for label in labels:
            table.add_row(Text(label, style="bold"), *(fact_shown(dict(facts), label) for facts in per_group.values()))
        out.append((title, Group(heading, table)))
    if unanswered:
        said = kit.label("unanswered")
        out.append((f"{said} ({len(unanswered)})", Group(*(Text(f"· {title}") for title in unanswered))))
    return out
