"""Stappenplan: for whom and which municipality; per step an action, who, by when, its status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.dates import parse_date
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, open_for, saved
from tocht_cli.exercises.values import Choice, Date, Text
from tocht_cli.kit.fields import TABLE, ItemId, KitText, Numbered, Options
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item
from tocht_cli.store import EXERCISE_LEVEL
from tocht_cli.text import short


@dataclass(frozen=True)
class Step:
    id: ItemId
    title: KitText
    text: KitText = ""
    number: int = 0  # given by Numbered: the step's place in the plan


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    whom: KitText
    municipality: KitText
    statuses: Annotated[tuple[str, ...], Options(2)]
    action: KitText
    who: KitText
    by: KitText
    status: KitText
    steps: Annotated[tuple[Step, ...], Numbered()]


class Steps(ExerciseKind):
    name = "steps"
    command = "steps"
    help = "Plan an action per step (what, who, by when, status); `tocht steps` shows the plan."

    spec_type = Spec

    def items(self, ex):
        return [Item(s.id, s.title, s.number) for s in ex.spec.steps]

    def fields(self, ex, item):
        return self.item_fields(
            ex,
            item,
            {"action": Text(multiline=True), "who": Text(), "by": Date(), "status": Choice(ex.spec.statuses, "status")},
            {"whom": Text(), "municipality": Text()},
        )

    def header(self, ex, sheet) -> str:
        whole = sheet.whole
        return f"{ex.spec.whom} {whole.get('whom') or '…'} {ex.spec.municipality} {whole.get('municipality') or '…'}"

    def show(self, ex, sheet, kit):
        from rich.table import Table

        spec = ex.spec
        table = Table(expand=True, title=self.header(ex, sheet))
        table.add_column("#", no_wrap=True)
        table.add_column("", ratio=2)
        table.add_column(spec.action, ratio=3)
        table.add_column(spec.who)
        table.add_column(short(spec.by), no_wrap=True)
        table.add_column(spec.status, no_wrap=True)
        for step in spec.steps:
            v = sheet.get(step.id) or {}
            table.add_row(str(step.number), step.title, v.get("action", ""), v.get("who", ""), v.get("by") or "", v.get("status") or "–")
        return table

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        spec = ex.spec
        if item == EXERCISE_LEVEL:
            return [(spec.whom, value.get("whom") or ""), (spec.municipality, value.get("municipality") or "")]
        return [
            (spec.action, value.get("action") or ""),
            (spec.who, value.get("who") or ""),
            (short(spec.by), value.get("by") or ""),
            (spec.status, value.get("status") or ""),
        ]

    def header_markdown(self, ex, sheet) -> str:
        from tocht_cli.markdown import md

        whole = sheet.whole
        return (
            f"{md(ex.spec.whom)} **{md(whole.get('whom')) or '…'}** {md(ex.spec.municipality)} **{md(whole.get('municipality')) or '…'}**"
        )

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        spec, unanswered = ex.spec, emphasis(md(kit.label("unanswered")))
        rows = []
        for step in spec.steps:
            v = sheet.get(step.id) or {}
            action = md(v.get("action")) or ("" if self.is_answered(ex, step.id, v) else unanswered)
            rows.append([str(step.number), md(step.title), action, md(v.get("who")), md(v.get("by")), md(v.get("status"))])
        headers = ["#", "", md(spec.action), md(spec.who), md(short(spec.by)), md(spec.status)]
        return [self.header_markdown(ex, sheet), table(headers, rows)]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md, table, tally

        spec = ex.spec
        rows = [
            [
                str(step.number),
                md(step.title),
                md(tally(((s.get(step.id) or {}).get("status") for s in sheets.values()), spec.statuses)) or "–",
            ]
            for step in spec.steps
        ]
        headers = "\n".join(f"- **{md(g)}**: {self.header_markdown(ex, s)}" for g, s in sheets.items())
        return [headers, table(["#", "", md(spec.status)], rows)]

    def add_commands(self, app):
        kind = self

        @app.command("set")
        def set_step(
            step: Annotated[str, typer.Argument(help="Step number or id, e.g. 2.")],
            action: Annotated[str | None, typer.Option(help="The concrete action.")] = None,
            who: Annotated[str | None, typer.Option(help="Who takes it on.")] = None,
            by: Annotated[str | None, typer.Option(help="By when, as YYYY-MM-DD.")] = None,
            status: Annotated[str | None, typer.Option(help="Status (kit labels, e.g. gepland/bezig/gedaan).")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Plan or update the action of one step."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), step, "step")
            changes = {k: v for k, v in {"action": action, "who": who, "by": by, "status": status}.items() if v is not None}
            if not changes:
                raise UsageError("nothing to record", "give --action, --who, --by or --status")
            value = ws.save(ex, item.id, g, changes)
            saved(ws, ex, g, f"{item.number}. {item.text}: {value['status'] or '–'}")

        @app.command("target")
        def target(
            whom: Annotated[str | None, typer.Option(help="With whom (e.g. the alderman for culture).")] = None,
            municipality: Annotated[str | None, typer.Option(help="Of which municipality.")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Fill in the plan's header: with whom, in which municipality."""
            ws, ex, g = open_for(kind, session, group, exercise)
            changes = {k: v for k, v in {"whom": whom, "municipality": municipality}.items() if v is not None}
            if not changes:
                raise UsageError("nothing to record", "give --whom or --municipality")
            ws.save(ex, EXERCISE_LEVEL, g, changes)
            saved(ws, ex, g, kind.header(ex, ws.sheet(ex, g)))

        @app.command("clear")
        def clear(step: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Forget the plan of one step."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), step, "step")
            ws.clear(ex, item.id, g)
            saved(ws, ex, g, f"{item.number}. {item.text} cleared")

    def walk(self, w, ex, start):
        spec = ex.spec
        whole = w.value(ex, EXERCISE_LEVEL)
        if start == 0 or not whole.get("municipality"):
            w.save(ex, EXERCISE_LEVEL, {"whom": w.text(spec.whom, default=whole.get("whom", ""))})
            w.save(ex, EXERCISE_LEVEL, {"municipality": w.text(spec.municipality, default=whole.get("municipality", ""))})
        steps = {s.id: s for s in spec.steps}

        def ask(item: Item):
            step = steps[item.id]
            current = w.value(ex, item.id)
            w.item_panel(step.title, step.text, str(step.number))
            w.save(ex, item.id, {"action": w.text(spec.action, default=current.get("action", ""))})
            w.save(ex, item.id, {"who": w.text(spec.who, default=current.get("who", ""))})
            by = w.text(spec.by, default=current.get("by") or "", validate=_date_problem)
            w.save(ex, item.id, {"by": by or None})
            statuses = [(s, s) for s in spec.statuses]
            w.save(ex, item.id, {"status": w.select(spec.status, statuses, default=current.get("status"))})

        w.step_through(self.items(ex), ask, start)


def _date_problem(text: str) -> str | None:
    try:
        parse_date(text)
    except ValueError as exc:
        return str(exc)
    return None


KIND = Steps()
