"""Regionale uitdagingen: up to N rows of a challenge and the chance a regional approach offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, NumberedList, open_for, required, saved
from tocht_cli.exercises.values import Rows, Text
from tocht_cli.kit.fields import TABLE, KitText, Numbered, Whole
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item
from tocht_cli.store import EXERCISE_LEVEL


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    instruction: KitText
    rows: Annotated[int, Whole(1, 100)]
    challenge: KitText
    regional: KitText
    suggestions: Annotated[tuple[Item, ...], Numbered(min_items=0)]


class Challenges(ExerciseKind):
    name = "challenges"
    command = "challenges"
    replay_whole = True
    help = "Challenges the group runs into and what a regional approach offers; `tocht challenges` shows the rows."

    spec_type = Spec

    def items(self, ex):
        return []

    def fields(self, ex, item):
        row = (("challenge", Text()), ("regional", Text(multiline=True)))
        return self.item_fields(ex, item, {}, {"rows": Rows(row, max_rows=ex.spec.rows)})

    def rows(self, sheet) -> list[dict]:
        return list(sheet.whole.get("rows") or [])

    def progress(self, ex, sheet):
        return len(self.rows(sheet)), ex.spec.rows

    def first_open(self, ex, sheet):
        return None if len(self.rows(sheet)) >= ex.spec.rows else 0

    def show(self, ex, sheet, kit):
        from rich.table import Table

        table = Table(expand=True, title=ex.spec.instruction)
        table.add_column("#", no_wrap=True)
        table.add_column(ex.spec.challenge, ratio=1)
        table.add_column(ex.spec.regional, ratio=1)
        for n, row in enumerate(self.rows(sheet), 1):
            table.add_row(str(n), row["challenge"], row["regional"])
        return table

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        return [(row["challenge"], row["regional"]) for row in value.get("rows") or []]

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        rows = self.rows(sheet)
        if not rows:
            return [emphasis(md(kit.label("unanswered")))]
        headers = ["#", md(ex.spec.challenge), md(ex.spec.regional)]
        return [
            f"**{len(rows)} / {ex.spec.rows}**",
            table(headers, ([str(n), md(r["challenge"]), md(r["regional"])] for n, r in enumerate(rows, 1))),
        ]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md, table

        rows = [[md(g), str(n), md(r["challenge"]), md(r["regional"])] for g, s in sheets.items() for n, r in enumerate(self.rows(s), 1)]
        if not rows:
            return ["–"]
        return [table([md(kit.label("group")), "#", md(ex.spec.challenge), md(ex.spec.regional)], rows)]

    @staticmethod
    def row_list() -> NumberedList:
        return NumberedList("rows", "row")

    def add_commands(self, app):
        kind = self

        @app.command("add")
        def add(
            challenge: Annotated[str | None, typer.Argument(help="The challenge, in the group's own words.")] = None,
            suggestion: Annotated[
                str | None, typer.Option(help="Or a suggestion's number or id (see `tocht challenges suggestions`).")
            ] = None,
            regional: Annotated[str, typer.Option(help="How a regional approach can be a key.")] = "",
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Add a row: a challenge and the chance a regional perspective offers."""
            ws, ex, g = open_for(kind, session, group, exercise)
            if (challenge is None) == (suggestion is None):
                raise UsageError("give the challenge as text, or --suggestion N (one of the two)")
            text = challenge if challenge is not None else find_item(list(ex.spec.suggestions), suggestion, "suggestion").text
            rows = kind.row_list()
            ws.save(ex, EXERCISE_LEVEL, g, rows.add({"challenge": required(text, "the challenge"), "regional": regional}))
            saved(ws, ex, g, f"row {rows.number}")

        @app.command("edit")
        def edit(
            number: int,
            challenge: Annotated[str | None, typer.Option(help="New wording of the challenge.")] = None,
            regional: Annotated[str | None, typer.Option(help="New regional perspective.")] = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Change a row."""
            ws, ex, g = open_for(kind, session, group, exercise)
            changes = {k: v for k, v in {"challenge": challenge, "regional": regional}.items() if v is not None}
            if challenge is not None:
                required(challenge, "the challenge")
            if not changes:
                raise UsageError("nothing to change", "give --challenge or --regional")
            ws.save(ex, EXERCISE_LEVEL, g, kind.row_list().edit(number, changes))
            saved(ws, ex, g, f"row {number}")

        @app.command("remove")
        def remove(number: int, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Remove a row; the rows below move up."""
            ws, ex, g = open_for(kind, session, group, exercise)
            ws.save(ex, EXERCISE_LEVEL, g, kind.row_list().remove(number))
            saved(ws, ex, g, f"row {number} removed")

        @app.command("suggestions")
        def suggestions(session: o.Session = None, exercise: o.ExerciseRef = None):
            """List the challenges the kit suggests."""
            from tocht_cli import output
            from tocht_cli.workspace import Workspace

            ex = Workspace.open(session).exercise_of_kind(kind.name, exercise)
            output.data("\n".join(f"{i.number:>3}  {i.id:<8} {i.text}" for i in ex.spec.suggestions))

    def walk(self, w, ex, start):
        spec = ex.spec
        w.item_panel(spec.instruction)
        labels = {k: w.label(k) for k in ("add", "edit", "remove", "done")}
        shown = list(w.value(ex, EXERCISE_LEVEL).get("rows") or [])
        if shown:
            w.save(ex, EXERCISE_LEVEL, self.row_list().keep(shown))  # the rows shown (an earlier meeting's) are kept
        while True:
            sheet = w.ws.sheet(ex, w.group)
            rows = self.rows(sheet)  # as they are now: another terminal may have added some
            w.say(self.show(ex, sheet, w.kit))
            actions = (
                ([(labels["add"], "add")] if len(rows) < spec.rows else [])
                + ([(labels["edit"], "edit"), (labels["remove"], "remove")] if rows else [])
                + [(labels["done"], "done")]
            )
            action = w.select(f"{len(rows)} / {spec.rows}", actions, default="add" if len(rows) < spec.rows else "done")
            if action == "done":
                return
            if action == "add":
                challenge = w.autocomplete(spec.challenge, [s.text for s in spec.suggestions])
                if challenge:
                    added = self.row_list()
                    w.save(ex, EXERCISE_LEVEL, added.add({"challenge": challenge, "regional": ""}))
                    w.try_save(
                        ex, EXERCISE_LEVEL, self.row_list().edit(added.number, {"regional": w.text(spec.regional)}, expected=added.entry)
                    )
                continue
            index = w.select(labels[action], [(f"{n}. {r['challenge']}", n - 1) for n, r in enumerate(rows, 1)], nav=False)
            row = rows[index]
            if action == "remove":
                w.try_save(ex, EXERCISE_LEVEL, self.row_list().remove(index + 1, expected=row))
            else:
                changes = {
                    "challenge": w.autocomplete(spec.challenge, [s.text for s in spec.suggestions], default=row["challenge"])
                    or row["challenge"],
                    "regional": w.text(spec.regional, default=row["regional"]),
                }
                w.try_save(ex, EXERCISE_LEVEL, self.row_list().edit(index + 1, changes, expected=row))


KIND = Challenges()
