"""What every exercise kind has in common: answers per group, progress, commands, the walk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from tocht_cli import options as o
from tocht_cli.errors import UsageError
from tocht_cli.exercises.values import check_record, defaults
from tocht_cli.kit.items import Item
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kit.model import Exercise, Kit
    from tocht_cli.walk import Walk
    from tocht_cli.workspace import Workspace


@dataclass
class Sheet:
    """The answers of one group to one exercise: item id → value (and when it was given)."""

    values: dict[str, dict] = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, answers: list[dict], exercise: str, group: str) -> Sheet:
        sheet = cls()
        for doc in answers:
            if doc.get("exercise") == exercise and doc.get("group") == group:
                sheet.values[doc["item"]] = doc.get("value") or {}
                sheet.at[doc["item"]] = doc.get("at", "")
        return sheet

    def get(self, item: str) -> dict | None:
        return self.values.get(item)

    @property
    def whole(self) -> dict:
        """The exercise-level answer (lists and headers that belong to no single item)."""
        return self.values.get(EXERCISE_LEVEL) or {}


class ExerciseKind:
    name: str = ""
    command: str = ""
    help: str = ""
    numbered_by_id: bool = False  # items are called by id (A3) rather than by number
    compared: bool = True  # `tocht compare` follows it from meeting to meeting
    replay_whole: bool = False  # replay shows each group's whole sheet rather than item by item

    # -- the kit -----------------------------------------------------------
    # The frozen dataclass a kit's exercise file is validated into (its fields' markers are in
    # kit/fields.py; no field is called kind, title, code, subtitle or intro: every file's head).
    # The loader validates it with pydantic and hands the result to finish().
    spec_type: Any = None

    def finish(self, spec: Any) -> Any:
        """Checks across fields and numbering after validation; raise kit.fields.Problem for a problem."""
        return spec

    def items(self, ex: Exercise) -> list[Item]:
        """The items the group answers one by one (what progress counts)."""
        raise NotImplementedError

    # -- answers -----------------------------------------------------------
    def fields(self, ex: Exercise, item: str) -> dict[str, Any]:
        """The value description for one item id (EXERCISE_LEVEL for exercise-wide answers)."""
        raise NotImplementedError

    def item_fields(self, ex: Exercise, item: str, per_item: dict, whole: dict | None = None) -> dict:
        if item == EXERCISE_LEVEL and whole is not None:
            return whole
        if item in {i.id for i in self.items(ex)}:
            return per_item
        raise ValueError(f"{ex.id} has no item {item!r}")

    def empty(self, ex: Exercise, item: str) -> dict:
        return defaults(self.fields(ex, item))

    def validate(self, ex: Exercise, item: str, value: Any) -> dict:
        return check_record(self.fields(ex, item), value, f"{ex.id}/{item}")

    def is_answered(self, ex: Exercise, item: str, value: dict | None) -> bool:
        return bool(value) and value != self.empty(ex, item)

    def progress(self, ex: Exercise, sheet: Sheet) -> tuple[int, int]:
        items = self.items(ex)
        done = sum(self.is_answered(ex, i.id, sheet.get(i.id)) for i in items)
        return done, len(items)

    def first_open(self, ex: Exercise, sheet: Sheet) -> int | None:
        """Index of the first unanswered item, None when all are answered."""
        for index, item in enumerate(self.items(ex)):
            if not self.is_answered(ex, item.id, sheet.get(item.id)):
                return index
        return None

    def has_whole(self, ex: Exercise) -> bool:
        try:
            self.fields(ex, EXERCISE_LEVEL)
        except ValueError:
            return False
        return True

    def answer_items(self, ex: Exercise) -> list[tuple[str, str]]:
        """(item id, title) of everything a group answers, the exercise-wide answer first."""
        whole = [(EXERCISE_LEVEL, ex.title)] if self.has_whole(ex) else []
        return whole + [(i.id, f"{i.id if self.numbered_by_id else i.number}. {i.text}") for i in self.items(ex)]

    # -- summaries ---------------------------------------------------------
    def facts(self, ex: Exercise, item: str, value: dict, kit: Kit) -> list[tuple[str, str]]:
        """One answer as (label, plain text) pairs in the kit's words: what replay shows and compare diffs."""
        raise NotImplementedError

    def markdown(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[str]:
        """Markdown blocks of an exercise: each group's answers, then totals when there are several."""
        from tocht_cli.markdown import md

        blocks: list[str] = []
        several = len(sheets) > 1
        for group, sheet in sheets.items():
            if several:
                blocks.append(f"### {md(kit.label('group'))}: {md(group)}")
            blocks += self.markdown_group(ex, sheet, kit)
        if several:
            blocks.append(f"### {md(kit.label('total'))}")
            blocks += self.markdown_totals(ex, sheets, kit)
        return blocks

    def markdown_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[str]:
        raise NotImplementedError

    def markdown_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[str]:
        raise NotImplementedError

    def slides(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[tuple[str, Any]]:
        """What `tocht replay` shows, one item at a time: its text in full, then its facts, a column per group."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text as RichText

        if self.replay_whole:
            return [(f"{ex.title} · {g}" if len(sheets) > 1 else ex.title, self.show(ex, s, kit)) for g, s in sheets.items()]
        out = []
        for item, title in self.answer_items(ex):
            per_group = {g: self.facts(ex, item, s.get(item) or self.empty(ex, item), kit) for g, s in sheets.items()}
            labels = list(dict.fromkeys(label for facts in per_group.values() for label, _ in facts))
            heading = RichText(title, style="bold")
            if not any(text for facts in per_group.values() for _, text in facts):
                out.append((title, Group(heading, RichText(kit.label("unanswered"), style="italic"))))
                continue
            table = Table(expand=True, show_header=len(sheets) > 1)
            table.add_column("", style="bold", ratio=1)
            for g in sheets:
                table.add_column(g, ratio=2)
            for label in labels:
                table.add_row(label, *(dict(facts).get(label) or "–" for facts in per_group.values()))
            out.append((title, Group(heading, table)))
        return out

    # -- the terminal ------------------------------------------------------
    def show(self, ex: Exercise, sheet: Sheet, kit: Kit) -> Any:
        """A rich renderable of one group's answers, readable on a projected screen."""
        raise NotImplementedError

    def walk(self, w: Walk, ex: Exercise, start: int) -> None:
        raise NotImplementedError

    def add_commands(self, app: typer.Typer) -> None:
        """Sub-commands beyond the default `tocht KIND` (show) of this kind."""
        raise NotImplementedError

    def commands(self) -> typer.Typer:
        app = typer.Typer(name=self.command, help=self.help, no_args_is_help=False, invoke_without_command=True)
        kind = self

        @app.callback()
        def show_state(
            ctx: typer.Context, session: o.Session = None, group: o.Group = None, exercise: o.ExerciseRef = None, json: o.Json = False
        ):
            if ctx.invoked_subcommand is None:
                kind.print_state(session, group, exercise, json)

        self.add_commands(app)
        return app

    def command_groups(self) -> list[typer.Typer]:
        return [self.commands()]

    def print_state(self, session: str | None, group: str | None, exercise: str | None, as_json: bool, render=None) -> None:
        from tocht_cli import output
        from tocht_cli.workspace import Workspace

        ws = Workspace.open(session)
        ex = ws.exercise_of_kind(self.name, exercise)
        groups = [ws.group(group)] if group or len(ws.groups) == 1 else ws.groups
        if as_json:
            output.data_json({g: ws.sheet(ex, g).values for g in groups})
            return
        for g in groups:
            output.data(group_title(ws, g))
            output.data((render or self.show)(ex, ws.sheet(ex, g), ws.kit))


def group_title(ws: Workspace, group: str):
    from rich.text import Text

    title = Text(f"{ws.kit.label('group')}: ", style="bold")
    title.append(group)
    return title


def open_for(kind: ExerciseKind, session: str | None, group: str | None, exercise: str | None) -> tuple[Workspace, Exercise, str]:
    """The workspace, exercise and group a direct command acts on."""
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    ex = ws.exercise_of_kind(kind.name, exercise)
    return ws, ex, ws.group(group)


def saved(ws: Workspace, ex: Exercise, group: str, what: str) -> None:
    """Confirm on stderr what was saved, where, so the room sees it landed."""
    from tocht_cli import output

    where = f" ({group})" if len(ws.groups) > 1 else ""
    output.message(f"saved: {ex.id} {what}{where}")


def each(refs: list[str], find: Callable[[str], Item]) -> list[Item]:
    """Resolve all references before changing anything, so a bad one changes nothing."""
    return [find(ref) for ref in refs]


def required(text: str, what: str) -> str:
    """Typed text that must show something (not empty, not only spaces or zero-width characters)."""
    from tocht_cli.text import visible

    if not visible(text):
        raise UsageError(f"{what} needs visible characters; nothing was changed")
    return text


class NumberedList:
    """A numbered list inside an exercise-wide answer (regional rows, words, alliances).

    Each method returns a change for `Workspace.save`, applied to the list as
    it is at that moment under the lock, so two terminals adding a row both
    keep theirs. `expected` is the entry the person saw at that number: when
    another terminal changed the list meanwhile, nothing happens and they are told.
    """

    def __init__(self, key: str, what: str, unique: bool = False):
        self.key = key
        self.what = what
        self.unique = unique  # a list of texts where the same text twice means nothing more
        self.entry: Any = None  # the entry added, removed or edited, for the confirmation
        self.number = 0

    def entries(self, value: dict) -> list:
        return list(value.get(self.key) or [])

    def _index(self, entries: list, number: int, expected: Any) -> int:
        """The entry at `number`; with `expected`, wherever that entry is now (rows above it may have gone)."""
        if expected is not None:
            found = [i for i, entry in enumerate(entries) if entry == expected]
            if not found:
                raise UsageError(
                    f"{self.what} {number} was changed or removed in the meantime (another terminal?); nothing was changed",
                    "look again and repeat",
                )
            return min(found, key=lambda i: abs(i - (number - 1)))
        if not 1 <= number <= len(entries):
            raise UsageError(f"no {self.what} {number}; there are {len(entries)}")
        return number - 1

    def add(self, entry: Any) -> Callable[[dict], dict]:
        def change(value: dict) -> dict:
            from tocht_cli.text import clean

            entries = self.entries(value)
            if self.unique:
                same = [n for n, e in enumerate(entries, 1) if clean(e).casefold() == clean(entry).casefold()]
                if same:
                    raise UsageError(f"{self.what} {clean(entry)!r} is already number {same[0]}; nothing was added")
            value[self.key] = [*entries, entry]
            self.entry, self.number = entry, len(entries) + 1
            return value

        return change

    def remove(self, number: int, expected: Any = None) -> Callable[[dict], dict]:
        def change(value: dict) -> dict:
            entries = self.entries(value)
            index = self._index(entries, number, expected)
            self.entry, self.number = entries.pop(index), index + 1
            value[self.key] = entries
            return value

        return change

    def edit(self, number: int, changes: dict, expected: Any = None) -> Callable[[dict], dict]:
        def change(value: dict) -> dict:
            entries = self.entries(value)
            index = self._index(entries, number, expected)
            entries[index] = self.entry = {**entries[index], **changes}
            self.number = index + 1
            value[self.key] = entries
            return value

        return change

    def keep(self, shown: list) -> Callable[[dict], dict]:
        """The walk showed an earlier meeting's entries as defaults: keep them, unless there are entries now."""

        def change(value: dict) -> dict:
            if not self.entries(value):
                value[self.key] = list(shown)
            return value

        return change
