"""Gedeeld vocabularium: link each function of one decree to the tasks of another, and say how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, NumberedList, each, open_for, required, saved
from tocht_cli.exercises.values import Ids, Text, Texts
from tocht_cli.kit.fields import TABLE, KitText, Numbered
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item
from tocht_cli.store import EXERCISE_LEVEL
from tocht_cli.text import clean


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    instruction: KitText
    left_title: KitText
    right_title: KitText
    question: KitText
    how: KitText
    words: KitText
    words_question: KitText
    functions: Annotated[tuple[Item, ...], Numbered(keys=(("label", "text"),))]
    tasks: Annotated[tuple[Item, ...], Numbered(keys=(("label", "text"),))]


class Vocabulary(ExerciseKind):
    name = "vocabulary"
    command = "vocabulary"
    help = "Link the functions of one decree to the basic tasks of the other; collect shared words."

    spec_type = Spec

    def items(self, ex):
        return list(ex.spec.functions)

    def fields(self, ex, item):
        task_ids = tuple(t.id for t in ex.spec.tasks)
        return self.item_fields(ex, item, {"tasks": Ids(task_ids, "task", default=None), "how": Text(multiline=True)}, {"words": Texts()})

    def is_answered(self, ex, item, value):
        if item == EXERCISE_LEVEL:
            return super().is_answered(ex, item, value)
        return bool(value) and (value.get("tasks") is not None or bool(value.get("how")))

    def task_labels(self, ex, ids) -> list[str]:
        return [t.text for t in ex.spec.tasks if t.id in (ids or [])]

    def linked(self, ex, tasks: list | None, kit) -> str:
        """The linked tasks as text; 'geen' for a decided none, '' while undecided."""
        if tasks is None:
            return ""
        return ", ".join(self.task_labels(ex, tasks)) or kit.label("none")

    def show(self, ex, sheet, kit):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text as RichText

        table = Table(expand=True, title=ex.spec.instruction)
        table.add_column(ex.spec.left_title, no_wrap=True)
        table.add_column(ex.spec.right_title)
        table.add_column(ex.spec.how, ratio=2)
        for f in ex.spec.functions:
            v = sheet.get(f.id) or {}
            table.add_row(f.text, self.linked(ex, v.get("tasks"), kit) or "?", v.get("how", ""))
        words = sheet.whole.get("words") or []
        parts = [table]
        if words:
            line = RichText(f"{ex.spec.words}: ", style="bold")
            line.append(" · ".join(f"{i}. {w}" for i, w in enumerate(words, 1)))
            parts.append(line)
        return Group(*parts)

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        if item == EXERCISE_LEVEL:
            return [(ex.spec.words, " · ".join(value.get("words") or []))]
        return [(ex.spec.right_title, self.linked(ex, value.get("tasks"), kit)), (ex.spec.how, value.get("how") or "")]

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        spec, unanswered = ex.spec, emphasis(md(kit.label("unanswered")))
        rows = []
        for f in spec.functions:
            v = sheet.get(f.id) or {}
            rows.append([md(f.text), md(self.linked(ex, v.get("tasks"), kit)) or unanswered, md(v.get("how"))])
        words = sheet.whole.get("words") or []
        return [
            table([md(spec.left_title), md(spec.right_title), md(spec.how)], rows),
            f"**{md(spec.words)}**: " + (md(" · ".join(words)) or unanswered),
        ]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md, table, tally

        spec = ex.spec
        order = [t.text for t in spec.tasks]
        rows = []
        for f in spec.functions:
            linked = [label for s in sheets.values() for label in self.task_labels(ex, (s.get(f.id) or {}).get("tasks"))]
            rows.append([md(f.text), md(tally(linked, order)) or "–"])
        words = [w for s in sheets.values() for w in s.whole.get("words") or []]
        return [table([md(spec.left_title), md(spec.right_title)], rows), f"**{md(spec.words)}**: " + (md(tally(words)) or "–")]

    def add_commands(self, app):
        kind = self

        @app.command("link")
        def link(
            function: Annotated[str, typer.Argument(help="A function (number, id or name), e.g. productie.")],
            tasks: Annotated[list[str] | None, typer.Argument(help="The tasks it serves (number, id or name).")] = None,
            none: Annotated[bool, typer.Option("--none", help="It serves none of the tasks.")] = False,
            how: Annotated[str | None, typer.Option(help="How they connect.")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Link a function to the tasks it serves (replacing earlier links)."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), function, "function")
            if none and tasks:
                raise UsageError("--none and tasks exclude each other")
            changes: dict = {}
            if tasks or none:
                changes["tasks"] = [t.id for t in each(tasks or [], lambda ref: find_item(list(ex.spec.tasks), ref, "task"))]
            if how is not None:
                changes["how"] = how
            if not changes:
                raise UsageError("nothing to record", "name the tasks, or give --none or --how")
            value = ws.save(ex, item.id, g, changes)
            saved(ws, ex, g, f"{item.text} → {', '.join(kind.task_labels(ex, value['tasks'])) or '–'}")

        @app.command("unlink")
        def unlink(function: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Forget the links and notes of a function."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), function, "function")
            ws.clear(ex, item.id, g)
            saved(ws, ex, g, f"{item.text} cleared")

        @app.command("add-word")
        def add_word(word: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Propose a word for the shared vocabulary."""
            ws, ex, g = open_for(kind, session, group, exercise)
            ws.save(ex, EXERCISE_LEVEL, g, NumberedList("words", "word", unique=True).add(required(word, "a word")))
            saved(ws, ex, g, f"word {clean(word)!r}")

        @app.command("remove-word")
        def remove_word(number: int, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Remove a proposed word by its number."""
            ws, ex, g = open_for(kind, session, group, exercise)
            words = NumberedList("words", "word")
            ws.save(ex, EXERCISE_LEVEL, g, words.remove(number))
            saved(ws, ex, g, f"word {words.entry!r} removed")

    def walk(self, w, ex, start):
        spec = ex.spec
        w.item_panel(spec.instruction)

        def ask(item: Item):
            current = w.value(ex, item.id)
            w.item_panel(f"{spec.left_title}: {item.text}", number=str(item.number))
            chosen = w.checkbox(spec.question, [(t.text, t.id) for t in spec.tasks], set(current.get("tasks") or []))
            w.save(ex, item.id, {"tasks": chosen})
            w.save(ex, item.id, {"how": w.text(spec.how, default=current.get("how", ""))})

        w.step_through(self.items(ex), ask, start)
        shown = list(w.value(ex, EXERCISE_LEVEL).get("words") or [])
        if shown:
            w.save(ex, EXERCISE_LEVEL, NumberedList("words", "word").keep(shown))  # the words shown (an earlier meeting's) are kept
        count = len(shown)
        while True:
            word = w.text(f"{spec.words_question} [{count}]")
            if not word:
                break
            added = NumberedList("words", "word", unique=True)
            w.try_save(ex, EXERCISE_LEVEL, added.add(word))
            count = added.number or count


KIND = Vocabulary()
