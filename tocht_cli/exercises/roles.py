"""Rolverdeling: per task who holds it today and who should tomorrow; what shifts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tocht_cli.exercises.actions import NOTE, clear_action, set_action
from tocht_cli.exercises.contract import Action, ExerciseKind, Param, Prompter, Sheet
from tocht_cli.exercises.values import Choice, Flag, Text
from tocht_cli.kit.reader import Item, Reader

if TYPE_CHECKING:
    from tocht_cli.kit.model import Exercise, Kit


@dataclass(frozen=True)
class Spec:
    questions: str
    holders: tuple[str, ...]
    now: str
    future: str
    double: str
    now_heading: str
    future_heading: str
    double_heading: str
    shifts: str
    no_shifts: str
    tasks: tuple[Item, ...]


class Roles(ExerciseKind):
    name = "roles"
    help = "Who holds each task today and who should tomorrow; `tocht roles` shows what shifts."

    def parse(self, r: Reader) -> Spec:
        holders = tuple(r.words("holders", min_items=2))
        keys = ("questions", "now", "future", "double", "now_heading", "future_heading", "double_heading", "shifts", "no_shifts")
        texts = {k: r.text(k) for k in keys}
        return Spec(holders=holders, tasks=tuple(r.items("tasks")), **texts)

    def items(self, ex: Exercise) -> list[Item]:
        return list(ex.spec.tasks)

    def fields(self, ex: Exercise, item: str) -> dict[str, Any]:
        holders = ex.spec.holders
        return self.item_fields(
            ex,
            item,
            {"now": Choice(holders, "holder"), "future": Choice(holders, "holder"), "double": Flag(), "note": Text(multiline=True)},
        )

    def shifts(self, ex: Exercise, sheet: Sheet) -> list[tuple[Item, str, str]]:
        """Tasks whose holder changes between today and tomorrow."""
        out = []
        for task in ex.spec.tasks:
            v = sheet.get(task.id) or {}
            if self.moved(v):
                out.append((task, v["now"], v["future"]))
        return out

    def moved(self, value: dict[str, Any]) -> bool:
        return bool(value.get("now") and value.get("future") and value["now"] != value["future"])

    def show(self, ex: Exercise, sheet: Sheet, kit: Kit) -> Any:
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
    def facts(self, ex: Exercise, item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        spec = ex.spec
        return [
            (spec.now_heading, value.get("now") or ""),
            (spec.future_heading, value.get("future") or ""),
            (spec.double_heading, kit.label("yes") if value.get("double") else ""),
            (kit.label("note"), value.get("note") or ""),
        ]

    def markdown_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[str]:
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

    def markdown_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[str]:
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

    def actions(self) -> list[Action]:
        fields = (
            Param("now", "Who holds it today (kit labels, e.g. programmator).", "--now"),
            Param("future", "Who should hold it.", "--future"),
            Param("double", "Done double on purpose.", "--double/--no-double", type=bool, negatable=True),
            NOTE,
        )

        def confirm(ex: Exercise, item: Item, value: dict[str, Any]) -> str:
            return f"{item.text}: {value['now'] or '–'} → {value['future'] or '–'}"

        return [
            set_action("set", "Place a task between programmer and artist, today and tomorrow.", "task", "4 or rol-4", fields, confirm),
            clear_action("task", "4", "Forget what was recorded for a task."),
        ]

    def walk(self, w: Prompter, ex: Exercise, start: int) -> None:
        spec = ex.spec
        w.item_panel(spec.questions)
        holders = [(h, h) for h in spec.holders]

        def ask(item: Item) -> None:
            current = w.value(item.id)
            w.item_panel(item.text, number=str(item.number))
            w.save(item.id, {"now": w.select(spec.now, holders, default=current.get("now"))})
            w.save(item.id, {"future": w.select(spec.future, holders, default=current.get("future"))})
            yes_no = [(w.label("yes"), True), (w.label("no"), False)]
            w.save(item.id, {"double": w.select(spec.double, yes_no, default=current.get("double", False))})
            w.save(item.id, {"note": w.text(w.label("note"), default=current.get("note", ""))})

        w.step_through(self.items(ex), ask, start)
        w.show(self.show(ex, w.sheet(), w.kit))


KIND = Roles()
