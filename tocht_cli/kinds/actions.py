"""The direct commands most kinds share, built from a description: set fields of an item, clear an item,
remove an entry of a numbered list. A kind lists which it has; the command layer turns them into CLI commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Action, Change, Desk, Param, Sheet, question_heading
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.lists import NumberedList
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise

NOTE = Param("note", N_("A note (the main arguments, remarks)."), "--note")

Confirm = Callable[["Exercise", "Item", dict[str, Any]], str]


class Subject(Struct, frozen=True):
    """What an action's item is called: in errors (`what`), in the usage line (`metavar`) and in `--help`
    (`help`); each marked with N_ and said in the facilitator's language."""

    what: str
    metavar: str
    help: str


def item_param(subject: Subject) -> Param:
    return Param("item", subject.help, required=True, metavar=subject.metavar, names=_items)


def _items(ex: Exercise) -> list[Item]:
    return ex.kind.items(ex)


def row_choices(rows: Callable[[], NumberedList]) -> Callable[[Exercise, Sheet], list[tuple[str, str]]]:
    """The entries of a numbered list in the group's answer, by number, as a form offers them."""

    def choices(ex: Exercise, sheet: Sheet) -> list[tuple[str, str]]:
        entries = rows().entries(sheet.whole)
        return [(str(n), f"{n}. {entry_text(entry)}") for n, entry in enumerate(entries, 1)]

    return choices


def entry_text(entry: Any) -> str:
    """A list entry as one line: a text, or the first field of a row."""
    return str(next(iter(entry.values()), "")) if isinstance(entry, dict) else str(entry)


def item_of(ex: Exercise, args: dict[str, Any], what: str) -> Item:
    """The item the command names; the table given (-g, `args["table"]`) picks among steps of one number."""
    return ex.kind.find(ex, args["item"], what, args.get("table"))


def given(args: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The options among `names` that were given on the command line."""
    return {name: args[name] for name in names if args.get(name) is not None}


def set_action(
    name: str,
    help: str,
    subject: Subject | None,
    fields: tuple[Param, ...],
    confirm: Confirm,
    extra: tuple[Param, ...] = (),
    merge: Callable[[Exercise, dict[str, Any], dict[str, Any]], Change] | None = None,
) -> Action:
    """`tocht KIND set ITEM --field value…`: merge the given fields into the item's answer.

    `fields` are options named after the answer's fields; `extra` options are
    turned into a change by `merge` (e.g. hands per position). With `subject`
    None it sets the exercise-wide answer and takes no item.
    """

    def run(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
        item = item_of(ex, args, subject.what) if subject else None
        changes = given(args, tuple(p.name for p in fields))
        if not changes and not any(args.get(p.name) not in (None, [], ()) for p in extra):
            flags = [p.flag.split("/")[0] for p in (*fields, *extra)]
            hint = (
                _("give {flags} or {last}").format(flags=", ".join(flags[:-1]), last=flags[-1])
                if len(flags) > 1
                else _("give {flag}").format(flag=flags[0])
            )
            raise UsageError(_("nothing to record"), hint)
        change: Change = merge(ex, args, changes) if merge else changes
        value = desk.save(item.id if item else EXERCISE_LEVEL, change)
        desk.saved(confirm(ex, item or Item(EXERCISE_LEVEL, ex.title, 0), value))

    params = ((item_param(subject),) if subject else ()) + fields + extra
    return Action(name, help, params, run, in_room=False)  # a room's scribes fill in the answer's fields themselves


def clear_action(subject: Subject, help: str, name: str = "clear") -> Action:
    """`tocht KIND clear ITEM`: forget what was recorded for one item."""

    def run(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
        item = item_of(ex, args, subject.what)
        desk.clear(item.id)
        desk.saved(_("{item} cleared").format(item=item_label(ex, item)))

    return Action(name, help, (item_param(subject),), run)


def remove_action(name: str, help: str, rows: Callable[[], NumberedList], confirm: Callable[[NumberedList], str]) -> Action:
    """`tocht KIND remove N`: take an entry out of a numbered list; the ones below move up."""

    def run(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
        entries = rows()
        desk.save(EXERCISE_LEVEL, entries.remove(args["number"]))
        desk.saved(confirm(entries))

    number = Param(
        "number",
        N_("The number as `tocht …` shows it."),
        type=int,
        required=True,
        metavar=N_("NUMBER"),
        choices=row_choices(rows),
        of_answers=True,
        label=lambda spec, kit: kit.label("what"),
        rows=rows,
    )
    return Action(name, help, (number,), run, title=lambda spec, kit: kit.label("remove"))


def item_label(ex: Exercise, item: Item) -> str:
    """How the room knows an item: its id where items are called by id (A3), else number and text."""
    return item.id if ex.kind.numbered_by_id else question_heading(ex.kind, ex, item)
