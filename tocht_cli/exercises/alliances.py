"""Nieuwe allianties: existing alliances, with whom and of what nature, and the success checklist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, NumberedList, each, open_for, required, saved
from tocht_cli.exercises.values import Choice, Ids, Rows, Text, Texts
from tocht_cli.kit.fields import TABLE, KitText, Numbered, Options
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item
from tocht_cli.store import EXERCISE_LEVEL
from tocht_cli.text import short

LISTS = ("with", "nature")


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    existing: KitText
    partner: KitText
    purpose: KitText
    with_title: KitText
    nature_title: KitText
    own_entries: KitText
    checklist_title: KitText
    checklist_instruction: KitText
    statuses: Annotated[tuple[str, ...], Options(2)]
    status: KitText
    how: KitText
    with_: Annotated[tuple[Item, ...], Numbered()]  # `with` in the file
    nature: Annotated[tuple[Item, ...], Numbered()]
    criteria: Annotated[tuple[Item, ...], Numbered()]

    def options(self, which: str) -> tuple[Item, ...]:
        return self.with_ if which == "with" else self.nature

    def title(self, which: str) -> str:
        return self.with_title if which == "with" else self.nature_title


class Alliances(ExerciseKind):
    name = "alliances"
    command = "alliances"
    help = "Existing alliances, with whom and of what nature; the criteria are under `tocht checklist`."

    spec_type = Spec

    def items(self, ex):
        return list(ex.spec.criteria)

    def fields(self, ex, item):
        spec = ex.spec
        whole = {
            "existing": Rows((("partner", Text()), ("purpose", Text(multiline=True)))),
            "with": Ids(tuple(i.id for i in spec.with_)),
            "with_own": Texts(),
            "nature": Ids(tuple(i.id for i in spec.nature)),
            "nature_own": Texts(),
        }
        return self.item_fields(ex, item, {"status": Choice(spec.statuses, "status"), "how": Text(multiline=True)}, whole)

    def chosen(self, ex, whole: dict, which: str) -> list[str]:
        """The kit's entries the group picked, then its own, as texts."""
        ids = whole.get(which) or []
        return [i.text for i in ex.spec.options(which) if i.id in ids] + list(whole.get(f"{which}_own") or [])

    def show(self, ex, sheet, kit):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text as RichText

        spec, whole = ex.spec, sheet.whole
        parts = []
        existing = Table(expand=True, title=spec.existing)
        existing.add_column("#", no_wrap=True)
        existing.add_column(short(spec.partner))
        existing.add_column(spec.purpose, ratio=2)
        for n, row in enumerate(whole.get("existing") or [], 1):
            existing.add_row(str(n), row["partner"], row["purpose"])
        parts.append(existing)
        for which in LISTS:
            line = RichText(f"{spec.title(which)} ", style="bold")
            line.append(" · ".join(self.chosen(ex, whole, which)) or "–")
            parts.append(line)
        parts.append(self.show_checklist(ex, sheet, kit))
        return Group(*parts)

    def show_checklist(self, ex, sheet, kit):
        from rich.table import Table

        table = Table(expand=True, title=ex.spec.checklist_title)
        table.add_column("#", no_wrap=True)
        table.add_column("", ratio=2)
        table.add_column(ex.spec.status, no_wrap=True)
        table.add_column(ex.spec.how, ratio=3)
        for c in ex.spec.criteria:
            v = sheet.get(c.id) or {}
            table.add_row(str(c.number), c.text, v.get("status") or "–", v.get("how", ""))
        return table

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        spec = ex.spec
        if item == EXERCISE_LEVEL:
            rows = [(row["partner"], row["purpose"]) for row in value.get("existing") or []]
            return rows + [(spec.title(which), " · ".join(self.chosen(ex, value, which))) for which in LISTS]
        return [(spec.status, value.get("status") or ""), (spec.how, value.get("how") or "")]

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        spec, whole, unanswered = ex.spec, sheet.whole, emphasis(md(kit.label("unanswered")))
        existing = whole.get("existing") or []
        blocks = [f"**{md(spec.existing)}**"]
        blocks.append(
            table(
                ["#", md(short(spec.partner)), md(spec.purpose)],
                ([str(n), md(r["partner"]), md(r["purpose"])] for n, r in enumerate(existing, 1)),
            )
            if existing
            else unanswered
        )
        blocks += [f"**{md(spec.title(which))}** " + (md(" · ".join(self.chosen(ex, whole, which))) or unanswered) for which in LISTS]
        rows = []
        for c in spec.criteria:
            v = sheet.get(c.id) or {}
            rows.append(
                [str(c.number), md(c.text), md(v.get("status")) or ("" if self.is_answered(ex, c.id, v) else unanswered), md(v.get("how"))]
            )
        return blocks + [f"**{md(spec.checklist_title)}**", table(["#", "", md(spec.status), md(spec.how)], rows)]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md, table, tally

        spec = ex.spec
        existing = [[md(g), md(r["partner"]), md(r["purpose"])] for g, s in sheets.items() for r in s.whole.get("existing") or []]
        blocks = [
            f"**{md(spec.existing)}**",
            table([md(kit.label("group")), md(short(spec.partner)), md(spec.purpose)], existing) if existing else "–",
        ]
        for which in LISTS:
            order = [i.text for i in spec.options(which)]
            chosen = [text for s in sheets.values() for text in self.chosen(ex, s.whole, which)]
            blocks.append(f"**{md(spec.title(which))}** " + (md(tally(chosen, order)) or "–"))
        rows = [
            [str(c.number), md(c.text), md(tally(((s.get(c.id) or {}).get("status") for s in sheets.values()), spec.statuses)) or "–"]
            for c in spec.criteria
        ]
        return blocks + [f"**{md(spec.checklist_title)}**", table(["#", "", md(spec.status)], rows)]

    def command_groups(self):
        return [self.commands(), self.checklist_commands()]

    def add_commands(self, app):
        kind = self

        @app.command("add")
        def add(
            partner: Annotated[str, typer.Argument(help="With whom the alliance is built.")],
            purpose: Annotated[str, typer.Option(help="From which goal it arises.")] = "",
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Add an alliance that is already being built."""
            ws, ex, g = open_for(kind, session, group, exercise)
            rows = NumberedList("existing", "alliance")
            ws.save(ex, EXERCISE_LEVEL, g, rows.add({"partner": required(partner, "the partner"), "purpose": purpose}))
            saved(ws, ex, g, f"alliance {rows.number}: {partner}")

        @app.command("remove")
        def remove(number: int, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Remove an existing alliance by its number."""
            ws, ex, g = open_for(kind, session, group, exercise)
            rows = NumberedList("existing", "alliance")
            ws.save(ex, EXERCISE_LEVEL, g, rows.remove(number))
            saved(ws, ex, g, f"alliance {rows.entry['partner']!r} removed")

        for which, helptext in (
            ("with", "Met wie? Pick the kit's partners by number or id, add your own with --own."),
            ("nature", "Aard van de samenwerking? Pick by number or id, add your own with --own."),
        ):
            kind._list_command(app, which, helptext)

    def _list_command(self, app, which: str, helptext: str):
        kind = self

        @app.command(which, help=helptext)
        def pick(
            refs: Annotated[list[str] | None, typer.Argument(help="Numbers or ids from `tocht kit show`.")] = None,
            own: Annotated[list[str] | None, typer.Option("--own", help="An entry in the group's own words (repeatable).")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            ws, ex, g = open_for(kind, session, group, exercise)
            picked = each(refs or [], lambda ref: find_item(list(ex.spec.options(which)), ref, which))
            value = ws.save(ex, EXERCISE_LEVEL, g, {which: [i.id for i in picked], f"{which}_own": own or []})
            saved(ws, ex, g, f"{ex.spec.title(which)} {len(kind.chosen(ex, value, which))}")

    def checklist_commands(self) -> typer.Typer:
        kind = self
        app = typer.Typer(name="checklist", help="The success criteria of new alliances: status and how.", invoke_without_command=True)

        @app.callback()
        def show_checklist(
            ctx: typer.Context, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None, json: o.Json = False
        ):
            if ctx.invoked_subcommand is None:
                kind.print_state(session, group, exercise, json, render=kind.show_checklist)

        @app.command("set")
        def set_criterion(
            criterion: Annotated[str, typer.Argument(help="Criterion number or id, e.g. 5.")],
            status: Annotated[str | None, typer.Option(help="Status (kit labels, e.g. aanwezig/deels/nog niet).")] = None,
            how: Annotated[str | None, typer.Option(help="How it is present, or how to bring it into practice.")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Record how a success criterion is present in the alliance."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), criterion, "criterion")
            changes = {k: v for k, v in {"status": status, "how": how}.items() if v is not None}
            if not changes:
                raise UsageError("nothing to record", "give --status or --how")
            value = ws.save(ex, item.id, g, changes)
            saved(ws, ex, g, f"{item.number}. {item.text}: {value['status'] or '–'}")

        @app.command("clear")
        def clear(criterion: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Forget what was recorded for a criterion."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), criterion, "criterion")
            ws.clear(ex, item.id, g)
            saved(ws, ex, g, f"{item.number}. {item.text} cleared")

        return app

    def walk(self, w, ex, start):
        spec = ex.spec
        if start == 0:
            self._walk_lists(w, ex)
        w.item_panel(spec.checklist_title, spec.checklist_instruction)

        def ask(item: Item):
            current = w.value(ex, item.id)
            w.item_panel(item.text, number=str(item.number))
            w.save(ex, item.id, {"status": w.select(spec.status, [(s, s) for s in spec.statuses], default=current.get("status"))})
            w.save(ex, item.id, {"how": w.text(spec.how, default=current.get("how", ""))})

        w.step_through(self.items(ex), ask, start)

    def _walk_lists(self, w, ex):
        spec = ex.spec
        whole = w.value(ex, EXERCISE_LEVEL)
        rows = list(whole.get("existing") or [])
        w.item_panel(spec.existing, "\n".join(f"{n}. {r['partner']} — {r['purpose']}" for n, r in enumerate(rows, 1)))
        if rows:
            w.save(ex, EXERCISE_LEVEL, NumberedList("existing", "alliance").keep(rows))  # the rows shown (an earlier meeting's) are kept
        while True:
            partner = w.text(spec.partner)
            if not partner:
                break
            w.save(ex, EXERCISE_LEVEL, NumberedList("existing", "alliance").add({"partner": partner, "purpose": w.text(spec.purpose)}))
        for which in LISTS:
            picked = w.checkbox(spec.title(which), [(i.text, i.id) for i in spec.options(which)], set(whole.get(which) or []))
            w.save(ex, EXERCISE_LEVEL, {which: picked})
            own = w.text(spec.own_entries, default="; ".join(whole.get(f"{which}_own") or []))
            w.save(ex, EXERCISE_LEVEL, {f"{which}_own": [e.strip() for e in own.split(";") if e.strip()]})


KIND = Alliances()
