"""A kind's printed pages built from its description alone: what every kind gets without writing a layout.

`ExerciseKind` builds its handout and worksheet from `items`, `facts` and `sections`
(`facts_*` below); `DescribedKind` from its fields (`fields_*`), which also gives it
charts: a bar per item for a show of hands or a count, and for each choice how often
each option was chosen. A kind overrides a method only for what is truly its own
(the bingo card, the roles' shifts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tocht_cli.base.text import gist
from tocht_cli.kinds.values import Choice, Count, Counts, Date, Flag, Text, as_text
from tocht_cli.render.blocks import Bars, Blanks, Block, Boxes, Cell, Content, Facts, Heading, Lines, Paragraph, Table, Titled
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind, Sheet
    from tocht_cli.kinds.fields import DescribedKind, Field
    from tocht_cli.kinds.items import Item
    from tocht_cli.kinds.model import Exercise, Kit


def shown(value_type: Any, value: Any, kit: Kit) -> str:
    """A field's value in a cell: as the room reads it, a show of hands never broken between a position and its number."""
    if isinstance(value_type, Counts):
        counts = value or {}
        return " · ".join(f"{o}\u00a0{counts[o]}" for o in value_type.options if counts.get(o))
    return as_text(value_type, value, kit)


def unanswered(kit: Kit) -> Cell:
    return Cell(kit.label("unanswered"), "muted")


def reference(kind: ExerciseKind, item: Item) -> str:
    """What a direct command calls the item by: its id (A3) or its number."""
    return item.id if kind.numbered_by_id else str(item.number)


def row_label(kind: ExerciseKind, item: Item) -> str:
    """A chart's row: the id alone when items are called by id (the table above has the text), else number and text."""
    return item.id if kind.numbered_by_id else f"{item.number}. {item.text}"


def explained(kind: ExerciseKind, ex: Exercise, item: Item) -> Content:
    """An item on a worksheet: its text, and when the kind says what it means, the text in bold with that under it."""
    explanation = kind.explanation(ex, item)
    return Titled(item.text, explanation) if explanation else item.text


def sectioned(kind: ExerciseKind, ex: Exercise, table: Any, shown: Any = None) -> list[Block]:
    """`table(items)` for each of the kind's sections, under the section's heading; only the items `shown`
    keeps (a section left with none is left out)."""
    blocks: list[Block] = []
    for title, items in kind.sections(ex):
        kept = [i for i in items if shown is None or shown(i)]
        if not kept:
            continue
        if title:
            blocks.append(Heading(title))
        blocks += table(kept)
    return blocks


def left_open(kind: ExerciseKind, ex: Exercise, kit: Kit, answered: Any) -> list[Block]:
    """The items nobody answered (nothing recorded), summed up in one line ("Nog niet beantwoord (3): A2, A5,
    B1") rather than a cell each; nothing when every item is answered."""
    missing = [reference(kind, i) for i in kind.items(ex) if not answered(i)]
    if not missing:
        return []
    said = kit.label("unanswered")
    return [Paragraph(f"{said[:1].upper()}{said[1:]} ({len(missing)}): {', '.join(missing)}", "muted")]


# -- from facts: any kind --------------------------------------------------------------------------


def facts_group(kind: ExerciseKind, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
    """The exercise-wide facts as labelled lines, then per section a table of each item's facts."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        whole_answered = kind.is_answered(ex, EXERCISE_LEVEL, sheet.whole)
        pairs = kind.facts(ex, EXERCISE_LEVEL, sheet.whole or kind.empty(ex, EXERCISE_LEVEL), kit)
        blocks.append(Facts(tuple((label, text or (unanswered(kit) if not whole_answered else "")) for label, text in pairs)))

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, [sheet])

    def table(items: list[Item]) -> list[Block]:
        headers = tuple(label for label, _ in kind.facts(ex, items[0].id, kind.empty(ex, items[0].id), kit))
        rows = tuple(
            (
                reference(kind, item),
                item.text,
                *(text for _, text in kind.facts(ex, item.id, sheet.get(item.id) or kind.empty(ex, item.id), kit)),
            )
            for item in items
        )
        return [Table(("#", kind.item_heading(ex), *headers), rows)]

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, [sheet], kit)


def facts_totals(kind: ExerciseKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """Each group's exercise-wide facts, then per item each group's first fact side by side."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        headers = tuple(label for label, _ in kind.facts(ex, EXERCISE_LEVEL, kind.empty(ex, EXERCISE_LEVEL), kit))
        rows = tuple(
            (group, *(text or "–" for _, text in kind.facts(ex, EXERCISE_LEVEL, s.whole or kind.empty(ex, EXERCISE_LEVEL), kit)))
            for group, s in sheets.items()
        )
        blocks.append(Table((kit.label("group"), *headers), rows, numbered=False))

    def first_fact(item: Item, sheet: Sheet) -> str:
        facts = kind.facts(ex, item.id, sheet.get(item.id) or kind.empty(ex, item.id), kit)
        return facts[0][1] if facts else ""

    def table(items: list[Item]) -> list[Block]:
        rows = tuple((reference(kind, i), i.text, *(first_fact(i, s) or "–" for s in sheets.values())) for i in items)
        return [Table(("#", kind.item_heading(ex), *sheets), rows)]

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, list(sheets.values()))

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, list(sheets.values()), kit)


def facts_worksheet(kind: ExerciseKind, ex: Exercise, kit: Kit) -> list[Block]:
    """Lines to write on under each fact's heading, for the exercise and for each item."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        labels = [label for label, _ in kind.facts(ex, EXERCISE_LEVEL, kind.empty(ex, EXERCISE_LEVEL), kit)]
        blocks.append(Facts(tuple((label, Lines()) for label in labels)))

    def table(items: list[Item]) -> list[Block]:
        if not items:
            return []
        headers = tuple(label for label, _ in kind.facts(ex, items[0].id, kind.empty(ex, items[0].id), kit))
        blanks: tuple[Content, ...] = tuple(Lines(2) for _ in headers)
        return [Table(("#", kind.item_heading(ex), *headers), tuple((reference(kind, i), explained(kind, ex, i), *blanks) for i in items))]

    return blocks + sectioned(kind, ex, table)


# -- from fields: a described kind -----------------------------------------------------------------


def blank(value_type: Any, kit: Kit) -> Content:
    """What a table fills in on paper for one field."""
    if isinstance(value_type, Choice):
        return Boxes(value_type.options)
    if isinstance(value_type, Flag):
        return Boxes((kit.label("yes"), kit.label("no")))
    if isinstance(value_type, Counts):
        return Blanks(value_type.options)
    if isinstance(value_type, Text) and value_type.multiline:
        return Lines(2)
    return Lines()


def described(kind: DescribedKind, ex: Exercise, kit: Kit) -> list[tuple[Field, Any, str]]:
    """Each field of an item's answer with its value type bound to the exercise and its heading in the kit's words."""
    return [(f, f.bound(ex.spec), f.label(ex.spec, kit)) for f in kind.answer]


def fields_group(kind: DescribedKind, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
    """The exercise-wide fields as labelled lines; per section a table of the answers and a bar per item
    for each show of hands or count; then, for each choice, how many items got each option."""
    spec = ex.spec
    blocks: list[Block] = []
    if kind.whole:
        whole = sheet.whole
        blocks.append(
            Facts(tuple((f.label(spec, kit), shown(f.bound(spec), whole.get(f.name), kit) or unanswered(kit)) for f in kind.whole))
        )
    answer = described(kind, ex, kit)

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, [sheet])

    def table(items: list[Item]) -> list[Block]:
        rows = tuple(
            (reference(kind, item), item.text, *(shown(t, (sheet.get(item.id) or {}).get(f.name), kit) for f, t, _ in answer))
            for item in items
        )
        out: list[Block] = [Table(("#", "", *(label for _, _, label in answer)), rows)]
        return out + per_item_bars(kind, answer, items, [sheet])

    blocks += sectioned(kind, ex, table, answered) + kind.left_open(ex, [sheet], kit)
    for options, fields in choices(answer):
        counted = tuple(
            (label, tuple(sum((sheet.get(i.id) or {}).get(f.name) == o for i in kind.items(ex)) for o in options)) for f, _, label in fields
        )
        if any(any(c) for _, c in counted):  # no chart without data (a follow-up's plan with only carried actions)
            blocks.append(Bars(" · ".join(label for label, _ in counted), options, counted))
    return blocks


def choices(answer: list[tuple[Field, Any, str]]) -> list[tuple[tuple[str, ...], list[tuple[Field, Any, str]]]]:
    """The choice fields, those with the same options together (a role's today and tomorrow)."""
    grouped: dict[tuple[str, ...], list[tuple[Field, Any, str]]] = {}
    for entry in answer:
        if isinstance(entry[1], Choice):
            grouped.setdefault(entry[1].options, []).append(entry)
    return list(grouped.items())


def per_item_bars(kind: DescribedKind, answer: list[tuple[Field, Any, str]], items: list[Item], sheets: list[Sheet]) -> list[Block]:
    """For each show of hands (and each count), a bar per item, added up over the sheets."""
    blocks: list[Block] = []
    for f, value_type, label in answer:
        if isinstance(value_type, Counts):
            options = value_type.options
            rows = tuple(
                (row_label(kind, i), tuple(sum(((s.get(i.id) or {}).get(f.name) or {}).get(o, 0) for s in sheets) for o in options))
                for i in items
            )
        elif isinstance(value_type, Count):
            options = (label,)
            rows = tuple((row_label(kind, i), (sum((s.get(i.id) or {}).get(f.name) or 0 for s in sheets),)) for i in items)
        else:
            continue
        if any(any(counts) for _, counts in rows):
            blocks.append(Bars(label, options, rows))
    return blocks


def fields_totals(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """Each group's exercise-wide fields; per section each group's choices and counts side by side, the hands
    added up, and per item a bar of the hands and of how many groups chose each option."""
    spec = ex.spec
    blocks: list[Block] = []
    if kind.whole:
        rows = tuple((group, *(shown(f.bound(spec), s.whole.get(f.name), kit) for f in kind.whole)) for group, s in sheets.items())
        blocks.append(Table((kit.label("group"), *(f.label(spec, kit) for f in kind.whole)), rows, numbered=False))
    answer = described(kind, ex, kit)
    summary = [e for e in answer if isinstance(e[1], (Choice, Count, Flag))] or [e for e in answer if e[0].main]
    hands = [e for e in answer if isinstance(e[1], Counts)]

    def cell(value: dict[str, Any]) -> str:
        texts = [(label, shown(t, value.get(f.name), kit)) for f, t, label in summary]
        if len(texts) == 1:
            return texts[0][1] or "–"
        return " · ".join(f"{label} {text}" for label, text in texts if text) or "–"

    def table(items: list[Item]) -> list[Block]:
        rows = []
        for item in items:
            summed = [
                shown(t, {o: sum(((s.get(item.id) or {}).get(f.name) or {}).get(o, 0) for s in sheets.values()) for o in t.options}, kit)
                for f, t, _ in hands
            ]
            rows.append((reference(kind, item), item.text, *(cell(s.get(item.id) or {}) for s in sheets.values()), *summed))
        out: list[Block] = [Table(("#", "", *sheets, *(label for _, _, label in hands)), tuple(rows))]
        out += per_item_bars(kind, answer, items, list(sheets.values()))
        for options, fields in choices(answer):
            for f, _, label in fields:
                counted = tuple(
                    (row_label(kind, i), tuple(sum((s.get(i.id) or {}).get(f.name) == o for s in sheets.values()) for o in options))
                    for i in items
                )
                if any(any(c) for _, c in counted):
                    out.append(Bars(kit.words.gettext("{answer}: how many groups").format(answer=label), options, counted))
        return out

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, list(sheets.values()))

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, list(sheets.values()), kit)


def fields_worksheet(kind: DescribedKind, ex: Exercise, kit: Kit) -> list[Block]:
    """A blank per field: boxes for a choice, a number after each option for a show of hands, lines for a text."""
    spec = ex.spec
    blocks: list[Block] = []
    if kind.whole:
        blocks.append(Facts(tuple((f.label(spec, kit), Lines()) for f in kind.whole)))

    answer = described(kind, ex, kit)

    def table(items: list[Item]) -> list[Block]:
        rows = tuple((reference(kind, i), explained(kind, ex, i), *(blank(t, kit) for _, t, _ in answer)) for i in items)
        return [Table(("#", "", *(label for _, _, label in answer)), rows)]

    return blocks + sectioned(kind, ex, table)


# -- what came out: a handout's first page ---------------------------------------------------------

MOST = 2  # items shown where the tables agreed, and where they differed most
PLAN_ROWS = 6  # a plan's steps a first page shows: one table's plan whole, of several tables' the first by date


def fields_digest(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """A plan (answers with a date) as its steps with their owners and dates; else, with several tables,
    where their choices agreed and where they differed most."""
    answer = described(kind, ex, kit)
    if any(isinstance(t, Date) for _, t, _ in answer):
        return plan(kind, ex, sheets, kit, answer)
    chosen = [e for e in answer if isinstance(e[1], Choice)]
    return agreement(kind, ex, sheets, kit, chosen) if chosen and len(sheets) > 1 else []


def plan(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit, answer: list[tuple[Field, Any, str]]) -> list[Block]:
    """Every planned item of every table with all its answers (what, who, by when, how far); when that is more
    than a first page holds (four tables' plans), the first PLAN_ROWS by date under "The next steps (and N more)"."""
    several = len(sheets) > 1
    planned = [
        (group, item, s.get(item.id) or {})
        for group, s in sheets.items()
        for item in kind.items(ex)
        if kind.recorded_by_any(ex, item.id, [s])
    ]
    if not planned:
        return []
    blocks: list[Block] = []
    if len(planned) > PLAN_ROWS:
        dates = [f.name for f, t, _ in answer if isinstance(t, Date)]
        planned = sorted(planned, key=lambda entry: [entry[2].get(name) or "9999" for name in dates])
        more = kit.words.gettext(" (and {count} more)").format(count=len(planned) - PLAN_ROWS)
        blocks.append(Heading(kit.words.gettext("The next steps") + more))
    rows = tuple(
        ((group,) if several else ()) + (f"{item.number}. {item.text}", *(shown(t, value.get(f.name), kit) for f, t, _ in answer))
        for group, item, value in planned[:PLAN_ROWS]
    )
    headers = ((kit.label("group"),) if several else ()) + ("", *(label for _, _, label in answer))
    return [*blocks, Table(headers, rows, numbered=False)]


def agreement(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit, chosen: list[tuple[Field, Any, str]]) -> list[Block]:
    """The items every table that answered them chose alike, and those with the most different choices."""

    def choice(value: dict[str, Any]) -> str:
        return " → ".join(text for f, t, _ in chosen if (text := shown(t, value.get(f.name), kit)))

    said = []
    for item in kind.items(ex):
        choices = {group: choice(s.get(item.id) or {}) for group, s in sheets.items()}
        if sum(bool(c) for c in choices.values()) > 1:
            said.append((len({c for c in choices.values() if c}), item, choices))
    agreed = [entry for entry in said if entry[0] == 1]
    differed = sorted((entry for entry in said if entry[0] > 1), key=lambda entry: -entry[0])
    blocks: list[Block] = []
    for title, entries in (
        (kit.words.gettext("Where the tables agreed"), agreed),
        (kit.words.gettext("Where the tables differed most"), differed),
    ):
        if entries:
            blocks.append(
                Heading(title + (kit.words.gettext(" (and {count} more)").format(count=len(entries) - MOST) if len(entries) > MOST else ""))
            )
            alike = " · ".join(label for _, _, label in chosen) if entries is agreed else ""
            blocks.append(choices_table(kind, entries[:MOST], list(sheets), alike))
    return blocks


def choices_table(kind: ExerciseKind, entries: list[tuple[int, Item, dict[str, str]]], groups: list[str], alike: str) -> Table:
    """The items (a long one by its first sentence) with each table's choice; items the tables chose `alike`
    with their one choice in one column headed by what was chosen (a column per table would say it four times)."""
    if alike:
        return Table(
            ("#", "", alike), tuple((reference(kind, i), gist(i.text), next(c for c in said.values() if c)) for _, i, said in entries)
        )
    return Table(
        ("#", "", *groups), tuple((reference(kind, i), gist(i.text), *(c or "–" for c in said.values())) for _, i, said in entries)
    )
