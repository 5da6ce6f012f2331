"""Bingo: a card of meeting clichés; crossing the kit's target number is a BINGO moment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.exercises.base import ExerciseKind, Sheet, each, open_for
from tocht_cli.exercises.values import Flag, Timestamp
from tocht_cli.kit.fields import TABLE, KitText, Numbered, Problem, Whole
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item
from tocht_cli.store import EXERCISE_LEVEL


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    target: Annotated[int, Whole(1)]  # at most the number of statements: checked in finish()
    question: KitText
    crossed: KitText
    bingo: KitText
    bingo_at: KitText
    statements: Annotated[tuple[Item, ...], Numbered()]


Numbers = Annotated[list[str], typer.Argument(help="Statement numbers or ids, as `tocht kit show bingo` prints them.")]


def clock(timestamp: str) -> str:
    """HH:MM of a stored local timestamp, as the room saw it."""
    return timestamp[11:16] if len(timestamp) >= 16 else timestamp


class Bingo(ExerciseKind):
    name = "bingo"
    command = "bingo"
    replay_whole = True
    compared = False  # each meeting has its own card
    help = "Cross statements heard on the bingo card; show the card with `tocht bingo`."

    spec_type = Spec

    def finish(self, spec: Spec) -> Spec:
        if spec.target > len(spec.statements):
            raise Problem(
                ("target",),
                f"expected a whole number from 1 to {len(spec.statements)} (the card's statements), got the number {spec.target}",
            )
        return spec

    def items(self, ex):
        return list(ex.spec.statements)

    def fields(self, ex, item):
        return self.item_fields(ex, item, {"crossed": Flag()}, {"bingo_at": Timestamp()})

    def crossed(self, ex, sheet: Sheet) -> list[Item]:
        return [i for i in self.items(ex) if (sheet.get(i.id) or {}).get("crossed")]

    def progress(self, ex, sheet):
        return min(len(self.crossed(ex, sheet)), ex.spec.target), ex.spec.target

    def first_open(self, ex, sheet):
        return None if self.crossed(ex, sheet) else 0

    def show(self, ex, sheet, kit):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        crossed = {i.id for i in self.crossed(ex, sheet)}
        grid = Table.grid(padding=(0, 1), expand=True)
        columns = 5 if len(ex.spec.statements) > 16 else 4
        for _ in range(columns):
            grid.add_column(ratio=1)
        cells = []
        for item in ex.spec.statements:
            mark = "✗" if item.id in crossed else "·"
            cell = Text(f"{mark} {item.number}. ", style="bold red" if item.id in crossed else "dim")
            cell.append(item.text, style="strike" if item.id in crossed else "")
            cells.append(cell)
        for row in range(0, len(cells), columns):
            grid.add_row(*cells[row : row + columns])
        count = Text(f"{len(crossed)} / {ex.spec.target} {ex.spec.crossed}", style="bold")
        bingo_at = sheet.whole.get("bingo_at")
        if bingo_at:
            count.append(f"   {ex.spec.bingo} ({ex.spec.bingo_at} {clock(bingo_at)})", style="bold green")
        return Group(grid, count)

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        if item == EXERCISE_LEVEL:
            return [(ex.spec.bingo_at, clock(value["bingo_at"]) if value.get("bingo_at") else "")]
        return [(ex.spec.crossed, kit.label("yes") if value.get("crossed") else "")]

    def score(self, ex, sheet) -> str:
        """'**12 / 10 geschrapt** · BINGO! (bingo om 10:42)'."""
        from tocht_cli.markdown import md

        line = f"**{len(self.crossed(ex, sheet))} / {ex.spec.target} {md(ex.spec.crossed)}**"
        bingo_at = sheet.whole.get("bingo_at")
        return line + (f" · {md(ex.spec.bingo)} ({md(ex.spec.bingo_at)} {clock(bingo_at)})" if bingo_at else "")

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md, table

        crossed = self.crossed(ex, sheet)
        if not crossed:
            return [emphasis(md(kit.label("unanswered")))]
        return [self.score(ex, sheet), table(["#", md(ex.spec.question)], ([str(i.number), md(i.text)] for i in crossed))]

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import emphasis, md, table

        crossed = {g: {i.id for i in self.crossed(ex, s)} for g, s in sheets.items()}
        heard = [i for i in self.items(ex) if any(i.id in ids for ids in crossed.values())]
        if not heard:
            return [emphasis(md(kit.label("unanswered")))]
        rows = [
            [
                str(i.number),
                md(i.text),
                *("✗" if i.id in crossed[g] else "" for g in sheets),
                str(sum(i.id in ids for ids in crossed.values())),
            ]
            for i in heard
        ]
        scores = "\n".join(f"- **{md(g)}**: {self.score(ex, s)}" for g, s in sheets.items())
        return [table(["#", md(ex.spec.question), *map(md, sheets), md(kit.label("total"))], rows), scores]

    # -- recording --------------------------------------------------------
    def set_crossed(self, ws, ex, group: str, items: list[Item], crossed: bool) -> bool:
        """Save the crosses and, when they reach the target, the moment of BINGO: in one lock hold.

        Returns True when this call reached BINGO.
        """
        from tocht_cli.store import now

        with ws.store.transaction(ws.id) as answers:
            for item in items:
                if crossed:
                    answers.put(ex.id, item.id, group, self.validate(ex, item.id, {"crossed": True}))
                else:
                    answers.delete(ex.id, item.id, group)
            sheet = Sheet.of(answers.all(), ex.id, group)
            reached = crossed and len(self.crossed(ex, sheet)) >= ex.spec.target and not sheet.whole.get("bingo_at")
            if reached:
                answers.put(ex.id, EXERCISE_LEVEL, group, self.validate(ex, EXERCISE_LEVEL, {**sheet.whole, "bingo_at": now()}))
        ws.forget()
        return reached

    def announce(self, ws, ex, group: str, reached: bool) -> None:
        from tocht_cli import output

        sheet = ws.sheet(ex, group)
        output.data(self.show(ex, sheet, ws.kit))
        if reached:
            from rich.panel import Panel
            from rich.text import Text

            banner = Text(f"{ex.spec.bingo}  {group}", style="bold white on green", justify="center")
            output.data(Panel(banner, expand=True))

    def add_commands(self, app):
        kind = self

        def change(numbers: list[str], session, group, exercise, crossed: bool):
            ws, ex, g = open_for(kind, session, group, exercise)
            items = each(numbers, lambda ref: find_item(kind.items(ex), ref, "bingo statement"))
            reached = kind.set_crossed(ws, ex, g, items, crossed)
            kind.announce(ws, ex, g, reached)

        @app.command("cross")
        def cross(numbers: Numbers, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Cross statements heard (e.g. `tocht bingo cross 3 7 12`)."""
            change(numbers, session, group, exercise, True)

        @app.command("uncross")
        def uncross(numbers: Numbers, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Take crosses back."""
            change(numbers, session, group, exercise, False)

    def walk(self, w, ex, start):
        sheet = w.ws.sheet(ex, w.group)
        before = {i.id for i in self.crossed(ex, sheet)}
        chosen = w.checkbox(ex.spec.question, [(f"{i.number}. {i.text}", i.id) for i in ex.spec.statements], before)
        items = {i.id: i for i in ex.spec.statements}
        added = [items[i] for i in chosen if i not in before]
        removed = [items[i] for i in before if i not in chosen]
        self.set_crossed(w.ws, ex, w.group, removed, False)
        reached = self.set_crossed(w.ws, ex, w.group, added, True)
        self.announce(w.ws, ex, w.group, reached)


KIND = Bingo()
