"""Rolverdeling: per task who holds it today and who should tomorrow; what shifts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, open_for, saved
from tocht_cli.exercises.values import Choice, Flag, Text
from tocht_cli.kit.fields import TABLE, KitText, Numbered, Options
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    questions: KitText
    holders: Annotated[tuple[str, ...], Options(2)]
    now: KitText
    future: KitText
    double: KitText
    now_heading: KitText
    future_heading: KitText
    double_heading: KitText
    shifts: KitText
    no_shifts: KitText
    tasks: Annotated[tuple[Item, ...], Numbered()]


class Roles(ExerciseKind):
    name = "roles"
    command = "roles"
    help = "Who holds each task today and who should tomorrow; `tocht roles` shows what shifts."

    spec_type = Spec

    def items(self, ex):
        return list(ex.spec.tasks)

    def fields(self, ex, item):
        holders = ex.spec.holders
        return self.item_fields(
            ex,
            item,
            {"now": Choice(holders, "holder"), "future": Choice(holders, "holder"), "double": Flag(), "note": Text(multiline=True)},
        )

    def shifts(self, ex, sheet) -> list[tuple[Item, str, str]]:
        """Tasks whose holder changes between today and tomorrow."""
        out = []
        for task in ex.spec.tasks:
            v = sheet.get(task.id) or {}
            if self.moved(v):
                out.append((task, v["now"], v["future"]))
        return out

    def moved(self, value: dict) -> bool:
        return bool(value.get("now") and value.get("future") and value["now"] != value["future"])

    def show(self, ex, sheet, kit):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text as RichText

        spec = ex.spec
        table = Table(expand=True)
        table.add_column("#", no_wrap=True)
        table.add_column("", ratio=3)
        table.add_column(spec.now_heading, no_wrap=True)
        table.add_column(spec.future_heading, no_wrap=True)
        table.add_column(spec.double_heading, no_wrap=True)
        table.add_column(kit.label("note"), ratio=2)
        for task in spec.tasks:
            v = sheet.get(task.id) or {}
            moved = self.moved(v)
            future = RichText(("→ " if moved else "") + (v.get("future") or "–"), style="bold yellow" if moved else "")
            double = kit.label("yes") if v.get("double") else ""
            table.add_row(str(task.number), task.text, v.get("now") or "–", future, double, v.get("note", ""))
        shifts = self.shifts(ex, sheet)
        summary = RichText(f"{spec.shifts} ", style="bold")
        summary.append("; ".join(f"{t.text}: {a} → {b}" for t, a, b in shifts) if shifts else spec.no_shifts)
        return Group(table, summary)

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        spec = ex.spec
        return [
            (spec.now_heading, value.get("now") or ""),
            (spec.future_heading, value.get("future") or ""),
            (spec.double_heading, kit.label("yes") if value.get("double") else ""),
            (kit.label("note"), value.get("note") or ""),
        ]

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        spec, unanswered = ex.spec, emphasis(md(kit.label("unanswered")))
        rows = []
        for task in spec.tasks:
            v = sheet.get(task.id) or {}
            future = f"**→ {md(v['future'])}**" if self.moved(v) else md(v.get("future"))
            now = md(v.get("now")) or ("" if self.is_answered(ex, task.id, v) else unanswered)
            rows.append([str(task.number), md(task.text), now, future, md(kit.label("yes")) if v.get("double") else "", md(v.get("note"))])
        shifts = "; ".join(f"{t.text}: {a} → {b}" for t, a, b in self.shifts(ex, sheet)) or spec.no_shifts
        headers = ["#", "", md(spec.now_heading), md(spec.future_heading), md(spec.double_heading), md(kit.label("note"))]
        return [table(headers, rows), f"**{md(spec.shifts)}** {md(shifts)}"]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md, table, tally

        spec, order = ex.spec, list(ex.spec.holders)
        rows = []
        for task in spec.tasks:
            values = {g: s.get(task.id) or {} for g, s in sheets.items()}
            moved = ", ".join(g for g, v in values.items() if self.moved(v))
            rows.append(
                [
                    str(task.number),
                    md(task.text),
                    *(md(tally((v.get(k) for v in values.values()), order)) or "–" for k in ("now", "future")),
                    md(moved),
                ]
            )
        return [table(["#", "", md(spec.now_heading), md(spec.future_heading), md(spec.shifts)], rows)]

    def add_commands(self, app):
        kind = self

        @app.command("set")
        def set_role(
            task: Annotated[str, typer.Argument(help="Task number or id, e.g. 4 or rol-4.")],
            now: Annotated[str | None, typer.Option(help="Who holds it today (kit labels, e.g. programmator).")] = None,
            future: Annotated[str | None, typer.Option(help="Who should hold it.")] = None,
            double: Annotated[bool | None, typer.Option("--double/--no-double", help="Done double on purpose.")] = None,
            note: o.Note = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Place a task between programmer and artist, today and tomorrow."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), task, "task")
            changes = {k: v for k, v in {"now": now, "future": future, "double": double, "note": note}.items() if v is not None}
            if not changes:
                raise UsageError("nothing to record", "give --now, --future, --double or --note")
            value = ws.save(ex, item.id, g, changes)
            saved(ws, ex, g, f"{item.text}: {value['now'] or '–'} → {value['future'] or '–'}")

        @app.command("clear")
        def clear(task: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Forget what was recorded for a task."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), task, "task")
            ws.clear(ex, item.id, g)
            saved(ws, ex, g, f"{item.text} cleared")

    def walk(self, w, ex, start):
        spec = ex.spec
        w.item_panel(spec.questions)
        holders = [(h, h) for h in spec.holders]

        def ask(item: Item):
            current = w.value(ex, item.id)
            w.item_panel(item.text, number=str(item.number))
            w.save(ex, item.id, {"now": w.select(spec.now, holders, default=current.get("now"))})
            w.save(ex, item.id, {"future": w.select(spec.future, holders, default=current.get("future"))})
            yes_no = [(w.label("yes"), True), (w.label("no"), False)]
            w.save(ex, item.id, {"double": w.select(spec.double, yes_no, default=current.get("double", False))})
            w.save(ex, item.id, {"note": w.text(w.label("note"), default=current.get("note", ""))})

        w.step_through(self.items(ex), ask, start)
        w.say(self.show(ex, w.ws.sheet(ex, w.group), w.kit))


KIND = Roles()
