"""Stellingenspel: statements under challenges; per statement a position, a show of hands, arguments."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import count
from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.base import ExerciseKind, open_for, saved
from tocht_cli.exercises.values import Choice, Count, Counts, Text, match_choice
from tocht_cli.kit.fields import TABLE, KitText, Numbered, Options, Tables
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import find_item


@dataclass(frozen=True)
class Challenge:
    __pydantic_config__ = TABLE

    id: KitText
    title: KitText
    intro: KitText = ""
    statements: Annotated[tuple[Item, ...], Numbered()] = field(kw_only=True)


@dataclass(frozen=True)
class Spec:
    __pydantic_config__ = TABLE

    positions: Annotated[tuple[str, ...], Options(2)]
    question: KitText
    count_question: KitText
    arguments: KitText
    position: KitText
    votes: KitText
    challenges: Annotated[tuple[Challenge, ...], Tables()]


class Statements(ExerciseKind):
    name = "statements"
    command = "statements"
    numbered_by_id = True
    help = "Record the group's position on a statement (stellingenspel); show them with `tocht statements`."

    spec_type = Spec

    def finish(self, spec: Spec) -> Spec:
        """Statements are numbered on through the challenges (A1-A8 are 1-8, B1 is 9)."""
        numbers = count(1)
        challenges = tuple(replace(c, statements=tuple(replace(i, number=next(numbers)) for i in c.statements)) for c in spec.challenges)
        return replace(spec, challenges=challenges)

    def items(self, ex):
        return [s for c in ex.spec.challenges for s in c.statements]

    def challenge_of(self, ex, item_id: str) -> Challenge:
        return next(c for c in ex.spec.challenges if any(s.id == item_id for s in c.statements))

    def fields(self, ex, item):
        positions = ex.spec.positions
        return self.item_fields(
            ex, item, {"position": Choice(positions, "position"), "counts": Counts(positions), "note": Text(multiline=True)}
        )

    def show(self, ex, sheet, kit):
        from rich.table import Table

        table = Table(expand=True, show_lines=False)
        table.add_column("#", no_wrap=True)
        table.add_column("", ratio=3)
        table.add_column(ex.spec.position, no_wrap=True)
        table.add_column(ex.spec.votes, no_wrap=True)
        table.add_column(kit.label("note"), ratio=2)
        for challenge in ex.spec.challenges:
            table.add_row("", f"{challenge.id}. {challenge.title}", style="bold")
            for s in challenge.statements:
                v = sheet.get(s.id) or {}
                counts = " ".join(f"{p} {n}" for p, n in (v.get("counts") or {}).items())
                table.add_row(s.id, s.text, v.get("position") or "–", counts, v.get("note", ""))
        return table

    # -- summaries --------------------------------------------------------
    def facts(self, ex, item, value, kit):
        from tocht_cli.markdown import hands

        spec = ex.spec
        return [
            (spec.position, value.get("position") or ""),
            (spec.votes, hands(value.get("counts") or {}, spec.positions)),
            (spec.arguments, value.get("note") or ""),
        ]

    def votes_cell(self, ex, counts: dict) -> str:
        from tocht_cli.markdown import bar, hands, md

        return " ".join(filter(None, [bar(counts, list(ex.spec.positions)), md(hands(counts, ex.spec.positions))]))

    def _by_challenge(self, ex, headers: list[str], row) -> list[str]:
        from tocht_cli.markdown import legend, md, table

        blocks = []
        for c in ex.spec.challenges:
            blocks.append(f"**{md(c.id)}. {md(c.title)}**")
            blocks.append(table(["#", *headers], (row(s) for s in c.statements)))
        return blocks + [f"{md(ex.spec.votes)}: {legend(list(ex.spec.positions))}"]

    def markdown_group(self, ex, sheet, kit):
        from tocht_cli.markdown import emphasis, md

        spec, unanswered = ex.spec, emphasis(md(kit.label("unanswered")))

        def row(s):
            v = sheet.get(s.id) or {}
            answered = self.is_answered(ex, s.id, v)
            return [
                md(s.id),
                md(s.text),
                md(v.get("position")) or (unanswered if not answered else ""),
                self.votes_cell(ex, v.get("counts") or {}),
                md(v.get("note")),
            ]

        return self._by_challenge(ex, ["", md(spec.position), md(spec.votes), md(spec.arguments)], row)

    def markdown_totals(self, ex, sheets, kit):
        from tocht_cli.markdown import md

        def row(s):
            values = [sheets[g].get(s.id) or {} for g in sheets]
            counts = {p: sum((v.get("counts") or {}).get(p, 0) for v in values) for p in ex.spec.positions}
            return [md(s.id), *(md(v.get("position")) or "–" for v in values), self.votes_cell(ex, counts)]

        return self._by_challenge(ex, [*map(md, sheets), md(ex.spec.votes)], row)

    def add_commands(self, app):
        kind = self

        @app.command("vote")
        def vote(
            statement: Annotated[str, typer.Argument(help="Statement id, e.g. A3.")],
            position: Annotated[
                str | None, typer.Option("--position", "-p", help="The group's position (labels from the kit, e.g. eens/oneens/twijfel).")
            ] = None,
            agree: Annotated[int | None, typer.Option(help="Hands for the kit's first position.", min=0)] = None,
            disagree: Annotated[int | None, typer.Option(help="Hands for the second position.", min=0)] = None,
            unsure: Annotated[int | None, typer.Option(help="Hands for the third position.", min=0)] = None,
            count: Annotated[list[str] | None, typer.Option(help="Hands as POSITION=N, e.g. --count eens=5.")] = None,
            note: o.Note = None,
            session: o.Session = None,
            group: o.Group = None,
            exercise: o.ExerciseRef = None,
        ):
            """Record position, show of hands and arguments for one statement."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), statement, "statement")
            fields = {k: v for k, v in {"position": position, "note": note}.items() if v is not None}
            counts = kind.counts_from_options(ex, [agree, disagree, unsure], count or [])
            if not fields and not counts:
                raise UsageError("nothing to record", "give --position, hands (--agree/--disagree/--unsure or --count) or --note")

            def change(value: dict) -> dict:
                hands = {**(value.get("counts") or {}), **counts}  # hands given now join the latest ones
                return {**value, **fields, "counts": hands}

            value = ws.save(ex, item.id, g, change)
            saved(ws, ex, g, f"{item.id}: {value['position'] or '–'}")

        @app.command("clear")
        def clear(statement: str, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None):
            """Forget what was recorded for a statement."""
            ws, ex, g = open_for(kind, session, group, exercise)
            item = find_item(kind.items(ex), statement, "statement")
            ws.clear(ex, item.id, g)
            saved(ws, ex, g, f"{item.id} cleared")

    def counts_from_options(self, ex, ordered: list[int | None], pairs: list[str]) -> dict[str, int]:
        """Hands from --agree/--disagree/--unsure and --count; a position given twice is refused."""
        positions = ex.spec.positions
        counts = {positions[i]: n for i, n in enumerate(ordered) if n is not None and i < len(positions)}
        if any(n is not None for n in ordered[len(positions) :]):
            raise UsageError(f"this kit has only {len(positions)} positions: {', '.join(positions)}")
        for pair in pairs:
            name, sep, number = pair.partition("=")
            if not sep or not _whole_number(number.strip()):
                raise UsageError(f"--count takes POSITION=N with N a whole number, got {pair!r}")
            try:
                position = match_choice(name, list(positions), "position")
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            if position in counts:
                raise UsageError(f"hands for {position!r} are given twice; give each position once")
            counts[position] = int(number)
        return counts

    def walk(self, w, ex, start):
        spec = ex.spec
        shown: set[str] = set()

        def ask(item: Item):
            challenge = self.challenge_of(ex, item.id)
            if challenge.id not in shown:
                shown.add(challenge.id)
                w.item_panel(challenge.title, challenge.intro, challenge.id)
            current = w.value(ex, item.id)
            w.item_panel(item.text, number=item.id)
            position = w.select(spec.question, [(p, p) for p in spec.positions], default=current.get("position"))
            w.save(ex, item.id, {"position": position})
            hands = w.text(
                f"{spec.count_question} {' / '.join(spec.positions)}?",
                default=" ".join(str((current.get("counts") or {}).get(p, "")) for p in spec.positions).strip(),
                validate=lambda t: _hands_problem(t, len(spec.positions)),
            )
            if hands:
                w.save(ex, item.id, {"counts": dict(zip(spec.positions, map(int, hands.split()), strict=False))})
            note = w.text(spec.arguments, default=current.get("note", ""))
            w.save(ex, item.id, {"note": note})

        w.step_through(self.items(ex), ask, start)


def _whole_number(text: str) -> bool:
    """0 to 100,000 in ASCII digits (str.isdigit also takes '²' and '①', which int() refuses)."""
    return text.isascii() and text.isdigit() and int(text) <= Count().maximum


def _hands_problem(text: str, expected: int) -> str | None:
    parts = text.split()
    if len(parts) > expected or not all(_whole_number(p) for p in parts):
        return f"up to {expected} whole numbers from 0 to {Count().maximum:,} separated by spaces, e.g. 5 2 1"
    return None


KIND = Statements()
