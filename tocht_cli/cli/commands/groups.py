"""`tocht group add | rename | remove`: the groups (tables) of a session, with their answers."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.cli import options as o
from tocht_cli.cli import tab
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import runtime

app = typer.Typer(help=N_("The groups (tables) of a session: add, rename, remove."), no_args_is_help=True, add_completion=False)


def answers(count: int) -> str:
    return ngettext("{count} answer", "{count} answers", count).format(count=count)


@app.command("add", help=N_("Add a group (table) to a session (the same as tocht add-group)."))
def add(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The new group's name."))],
    session: o.Session = None,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    output.message(_("{id} now has groups: {groups}").format(id=ws.id, groups=", ".join(groups.add(ws, name))))


@app.command("rename", help=N_("Give a group another name; its answers go with it."))
def rename(
    old: Annotated[str, typer.Argument(metavar=N_("OLD"), help=N_("The group's name now."), autocompletion=tab.groups)],
    new: Annotated[str, typer.Argument(metavar=N_("NEW"), help=N_("Its new name."))],
    session: o.Session = None,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    source, target, moved = groups.rename(ws, old, new)
    message = _("{id}: group {old!r} is now {new!r} ({answers} with it)")
    output.message(message.format(id=ws.id, old=source, new=target, answers=answers(moved)))


@app.command("remove", help=N_("Remove a group and its answers; asks first when it has answers (--yes without a terminal)."))
def remove(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The group's whole name."), autocompletion=tab.groups)],
    session: o.Session = None,
    yes: o.Yes = False,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    group = groups.named(ws, name)
    if len(ws.groups) == 1:
        raise groups.last_group(ws, group)
    count = groups.answer_count(ws, group)
    if count:
        runtime.confirm(
            _("Remove group {group!r} of session {id} {name!r} and its {answers}?").format(
                group=group, id=ws.id, name=ws.session["name"], answers=answers(count)
            ),
            yes,
            f"tocht group remove {group!r} -s {ws.id} --yes",
        )
    left, removed = groups.remove(ws, group)
    message = _("{id}: removed group {group!r} ({answers}); groups now: {groups}")
    output.message(message.format(id=ws.id, group=group, answers=answers(removed), groups=", ".join(left)))
