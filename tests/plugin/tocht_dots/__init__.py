"""A third-party exercise kind, as an organisation would ship it: dot voting.

Each participant sticks dots on the ideas they favour; the group records how
many dots each idea got and a remark. It is registered through the
`tocht.kinds` entry point in `tocht_dots-1.0.dist-info/entry_points.txt`,
exactly as tocht's own kinds are, and lives in this one file.
"""

from __future__ import annotations

from typing import Annotated

from tocht_cli.kinds.actions import Subject, clear_action, set_action
from tocht_cli.kinds.fields import DescribedKind, Field, kit_label, params, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Numbered
from tocht_cli.kinds.values import Count, Text


class Spec(KitTable, frozen=True):  # a table of the kit file: unknown keys are a problem
    question: KitText
    dots: KitText
    ideas: Annotated[tuple[Item, ...], Numbered()]


class Dots(DescribedKind):
    name = "dots"
    help = "Dot voting: how many dots each idea got."
    answer = (
        Field("dots", Count(), spec_text("dots"), spec_text("question"), "How many dots the idea got.", "--dots", main=True),
        Field("note", Text(multiline=True), kit_label("note"), help="A remark.", flag="--note"),
    )

    spec_type = Spec

    def items(self, ex):
        return list(ex.spec.ideas)

    def show(self, ex, sheet, kit):
        from rich.table import Table

        table = Table(expand=True)
        for column in ("#", "", ex.spec.dots, kit.label("note")):
            table.add_column(column)
        for idea in ex.spec.ideas:
            value = sheet.get(idea.id) or {}
            dots = value.get("dots")
            table.add_row(str(idea.number), idea.text, "–" if dots is None else str(dots), value.get("note", ""))
        return table

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.render.markdown import md, table

        ideas = [i for i in ex.spec.ideas if self.recorded_by_any(ex, i.id, [sheet])]  # tocht sums up the rest
        rows = [[str(i.number), md(i.text), *(md(f) for _, f in self.facts(ex, i.id, sheet.get(i.id) or {}, kit))] for i in ideas]
        return [table(["#", "", md(ex.spec.dots), md(kit.label("note"))], rows)] if rows else []

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.render.markdown import md, table

        ideas = [i for i in ex.spec.ideas if self.recorded_by_any(ex, i.id, list(sheets.values()))]
        rows = [[str(i.number), md(i.text), str(sum((s.get(i.id) or {}).get("dots") or 0 for s in sheets.values()))] for i in ideas]
        return [table(["#", "", md(ex.spec.dots)], rows)] if rows else []

    def walk(self, w, ex, start):
        def ask(item):
            w.item_panel(item.text, number=str(item.number))
            self.ask(w, ex, item.id)

        w.step_through(self.items(ex), ask, start)

    def actions(self):
        def confirm(ex, item, value):
            return f"{item.text}: {'–' if value['dots'] is None else value['dots']}"

        idea = Subject("idea", "IDEA", "Idea number or id, e.g. 2.")
        return [
            set_action("set", "Record the dots of one idea.", idea, params(self.answer), confirm),
            clear_action(idea, "Forget the dots of an idea."),
        ]


KIND = Dots()
