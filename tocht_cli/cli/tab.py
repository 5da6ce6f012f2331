"""Shell completion: the sessions, groups, exercises and items a facilitator may type, offered on Tab.

typer (click underneath) does the shell's side: `tocht completion SHELL`
prints its script, and the shell then runs tocht with `_TOCHT_COMPLETE` set
for every Tab. click parses what was typed so far without running any
command, and asks the parameter being completed for its values: the
functions here, attached to the options and arguments with `autocompletion=`.

They only read: the session files and the kit (from the kit cache), never the
database's list or lock. A database or kit that cannot be read offers
nothing rather than a traceback on the facilitator's prompt line.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocht_cli.base.errors import TochtError
from tocht_cli.cli.invocation import Invocation, begin, current

if TYPE_CHECKING:
    import click

    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.kinds.items import Item

Offer = list[tuple[str, str]]  # (what to type, what it is)
Completer = Callable[["click.Context", str], Offer]
COMPLETE_VAR = "_TOCHT_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    """What `tocht completion SHELL` prints: typer's script for `shell`, calling tocht back with `_TOCHT_COMPLETE`."""
    from typer.completion import get_completion_script  # type: ignore[attr-defined]  # the function typer's --show-completion calls

    return get_completion_script(prog_name="tocht", complete_var=COMPLETE_VAR, shell=shell)


def register() -> None:
    """typer's completion classes for the shells (its own `--install-completion` would register them),
    with bash's values quoted: a session or group name may hold spaces. Through typer.completion,
    the module typer's own completion options use: typer's bash class is taken from the registry
    it fills, not imported from where typer keeps it."""
    from typer.completion import completion_init, shell_completion  # type: ignore[attr-defined]

    completion_init()
    bash = shell_completion.get_completion_class("bash")

    class QuotedBash(bash):  # type: ignore[misc,valid-type]
        def format_completion(self, item: Any) -> str:
            return shlex.quote(item.value)

    shell_completion.add_completion_class(QuotedBash, "bash")


def _offer(find: Callable[[click.Context], Iterable[tuple[str, str]]]) -> Completer:
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


def _given(ctx: click.Context, name: str) -> Any:
    """A value typed earlier on the line, for this command or the group it belongs to (`tocht roles -s X set`)."""
    here: click.Context | None = ctx
    if ctx.args and not hasattr(ctx.command, "commands"):
        # click stops parsing at the option whose value is being completed (`show 92b52d -g ⇥`),
        # leaving the arguments before it unassigned: parse those again on their own
        here = ctx.command.make_context(ctx.info_name, list(ctx.args), parent=ctx.parent, resilient_parsing=True)
    while here is not None:
        if here.params.get(name) is not None:
            return here.params[name]
        here = here.parent
    return None


def _workspace(ctx: click.Context) -> Any:
    return current().workspace(_given(ctx, "session"))


def _sessions(ctx: click.Context) -> Iterable[tuple[str, str]]:
    """Every session's short id, and its name where no other session has it."""
    found = current().store.overview()  # ids and names, without parsing every record
    names = Counter(found.name)  # counted once: `names.count` per session took 1.9 s at 10,000
    yield from zip(found.id, found.name, strict=True)
    yield from ((name, session_id) for session_id, name in zip(found.id, found.name, strict=True) if names[name] == 1)


def _groups(ctx: click.Context) -> Iterable[tuple[str, str]]:
    return [(g, "") for g in _workspace(ctx).groups]


sessions = _offer(_sessions)
groups = _offer(_groups)


def exercises(kind: str | None = None, kit: Callable[[], Kit] | None = None) -> Completer:
    """The exercises of the session's kit (or of `kit()`), only those of `kind` when given."""

    def _exercises(ctx: click.Context) -> Iterable[tuple[str, str]]:
        chosen = kit() if kit else _workspace(ctx).kit
        return [(ex.id, f"{ex.number}. {ex.title}") for ex in chosen.exercises if kind in (None, ex.kind.name)]

    return _offer(_exercises)


def items(kind: str, named: Callable[[Exercise], Sequence[Item]], by_id: bool) -> Completer:
    """The items a parameter of `kind`'s commands names, in the exercise chosen with --exercise (else
    the kit's one of that kind), as they are typed: the id where the room calls them by it, else the number."""

    def _items(ctx: click.Context) -> Iterable[tuple[str, str]]:
        ws = _workspace(ctx)
        ex = ws.exercise_of_kind(kind, _given(ctx, "exercise"))
        return [(item.id if by_id or item.self_named else str(item.number), item.text) for item in named(ex)]

    return _offer(_items)
