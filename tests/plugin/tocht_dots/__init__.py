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
