"""`tocht group add | rename | remove`: the groups (tables) of a session, with their answers."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import completion, output, runtime
from tocht_cli import options as o

app = typer.Typer(help="The groups (tables) of a session: add, rename, remove.", no_args_is_help=True)


def answers(count: int) -> str:
    return f"{count} answer" if count == 1 else f"{count} answers"


Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The new group's name.")],
    session: o.Session = None,
):
    """Add a group (table) to a session (the same as tocht add-group)."""
    from tocht_cli import groups
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    output.message(f"{ws.id} now has groups: {', '.join(groups.add(ws, name))}")


@app.command("rename")
def rename(
    old: Annotated[str, typer.Argument(help="The group's name now.", autocompletion=completion.groups)],
    new: Annotated[str, typer.Argument(help="Its new name.")],
    session: o.Session = None,
):
    """Give a group another name; its answers go with it."""
    from tocht_cli import groups
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    source, target, moved = groups.rename(ws, old, new)
    output.message(f"{ws.id}: group {source!r} is now {target!r} ({answers(moved)} with it)")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The group's whole name.", autocompletion=completion.groups)],
    session: o.Session = None,
    yes: Yes = False,
):
    """Remove a group and its answers; asks first when it has answers (--yes without a terminal)."""
    from tocht_cli import groups
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    group = groups.named(ws, name)
    if len(ws.groups) == 1:
        raise groups.last_group(ws, group)
    count = groups.answer_count(ws, group)
    if count:
        runtime.confirm(
            f"Remove group {group!r} of session {ws.id} {ws.session['name']!r} and its {answers(count)}?",
            yes,
            f"tocht group remove {group!r} -s {ws.id} --yes",
        )
    left, removed = groups.remove(ws, group)
    output.message(f"{ws.id}: removed group {group!r} ({answers(removed)}); groups now: {', '.join(left)}")
