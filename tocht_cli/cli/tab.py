"""Shell completion: the sessions, groups, exercises and items a facilitator may type, offered on Tab.

The shell's side is cli/framework/shells.py: `tocht completion SHELL` prints
its script, and the shell then runs tocht with `_TOCHT_COMPLETE` set for
every Tab. click parses what was typed so far without running any
command, and asks the parameter being completed for its values: the
functions here, attached to the options and arguments with `autocompletion=`.

They only read: the session files and the kit (from the kit cache), never the
database's list or lock. A database or kit that cannot be read offers
nothing rather than a traceback on the facilitator's prompt line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocht_cli.base.errors import TochtError
from tocht_cli.cli.invocation import Invocation, begin, current

if TYPE_CHECKING:
    from typer import Context

    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.kinds.items import Item

Offer = list[tuple[str, str]]  # (what to type, what it is)
Completer = Callable[["Context", str], Offer]


def _offer(find: Callable[[Context], Iterable[tuple[str, str]]]) -> Completer:
    """A completer that opens the database named by --db (the root command's callback does not run
    while completing) and offers nothing when it cannot be read."""

    def complete(ctx: Any, incomplete: str) -> Offer:  # typer reads this signature at run time: no click names in it
        root = ctx.find_root().params
        from tocht_cli.kinds.registry import installed

        begin(Invocation(Path(root["db"]) if root.get("db") else None, root.get("kit"), installed))
        try:
            return list(find(ctx))
        except (TochtError, OSError):
            return []

    complete.__name__ = find.__name__
    return complete


def _given(ctx: Context, name: str) -> Any:
    """A value typed earlier on the line, for this command or the group it belongs to (`tocht roles -s X set`)."""
    here: Any = ctx  # typer.Context, then the (vendored) click Contexts its commands make and their parents
    if ctx.args and not hasattr(ctx.command, "commands"):
        # click stops parsing at the option whose value is being completed (`show 92b52d -g ⇥`),
        # leaving the arguments before it unassigned: parse those again on their own
        here = ctx.command.make_context(ctx.info_name, list(ctx.args), parent=ctx.parent, resilient_parsing=True)
    while here is not None:
        if here.params.get(name) is not None:
            return here.params[name]
        here = here.parent
    return None


def _workspace(ctx: Context) -> Any:
    return current().workspace(_given(ctx, "session"))


def _sessions(ctx: Context) -> Iterable[tuple[str, str]]:
    """Every session's short id, and its name where no other session has it."""
    found = current().store.overview()  # ids and names, without parsing every record
    names = Counter(found.name)  # counted once: `names.count` per session took 1.9 s at 10,000
    yield from zip(found.id, found.name, strict=True)
    yield from ((name, session_id) for session_id, name in zip(found.id, found.name, strict=True) if names[name] == 1)


def _groups(ctx: Context) -> Iterable[tuple[str, str]]:
    return [(g, "") for g in _workspace(ctx).groups]


sessions = _offer(_sessions)
groups = _offer(_groups)


def exercises(kind: str | None = None, kit: Callable[[], Kit] | None = None) -> Completer:
    """The exercises of the session's kit (or of `kit()`), only those of `kind` when given."""

    def _exercises(ctx: Context) -> Iterable[tuple[str, str]]:
        chosen = kit() if kit else _workspace(ctx).kit
        return [(ex.id, f"{ex.number}. {ex.title}") for ex in chosen.exercises if kind in (None, ex.kind.name)]

    return _offer(_exercises)


def items(kind: str, named: Callable[[Exercise], Sequence[Item]], by_id: bool) -> Completer:
    """The items a parameter of `kind`'s commands names, in the exercise chosen with --exercise (else
    the kit's one of that kind), as they are typed: the id where the room calls them by it, else the number."""

    def _items(ctx: Context) -> Iterable[tuple[str, str]]:
        ws = _workspace(ctx)
        ex = ws.exercise_of_kind(kind, _given(ctx, "exercise"))
        return [(item.id if by_id or item.self_named else str(item.number), item.text) for item in named(ex)]

    return _offer(_items)
