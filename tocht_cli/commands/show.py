"""`tocht show` and bare `tocht`: a session's metadata, progress per exercise and group, answers."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tocht_cli import options as o
from tocht_cli import output
from tocht_cli.i18n import N_, _
from tocht_cli.invocation import current
from tocht_cli.screens import group_title, header, progress_table
from tocht_cli.workspace import Workspace


def show(
    session: o.SessionArg = None,
    group: Annotated[str | None, typer.Option("--group", "-g", metavar=N_("GROUP"), help=N_("Only this group's answers."))] = None,
    exercise: Annotated[
        str | None, typer.Option("--exercise", "-e", metavar=N_("EXERCISE"), help=N_("Only this exercise's answers (id or number)."))
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help=N_("Metadata and progress only."))] = False,
    pager: Annotated[bool, typer.Option("--pager/--no-pager", help=N_("Page long output on a terminal ($PAGER, else less -R)."))] = True,
    json: o.Json = False,
):
    ws = Workspace.open(session)
    exercises = [ws.kit.exercise(exercise)] if exercise else list(ws.kit.exercises)
    groups = [ws.group(group)] if group else ws.groups
    if json:
        output.data_json({**ws.session, "progress": ws.progress(), "answers": ws.answers()})
        return
    from tocht_cli.layout import Heading

    parts: list[Any] = [header(ws), progress_table(ws)]
    if not brief:
        for ex in exercises:
            parts.append(Heading(ex.heading))
            kind = ex.kind
            for g in groups:
                if len(ws.groups) > 1:
                    parts.append(group_title(ws, g))
                parts.append(kind.show(ex, ws.sheet(ex, g), ws.kit))
    output.paged(parts, pager)


def next_exercise(ws: Workspace):
    """The first exercise some group has not finished, or None."""
    for ex in ws.kit.exercises:
        if any(ex.kind.first_open(ex, ws.sheet(ex, g)) is not None for g in ws.groups):
            return ex
    return None


def status() -> None:
    """What bare `tocht` prints: where the current session stands and what to type next."""
    store = current().store
    if store.current_id() is None:
        output.message(_("tocht: no current session."))
        hints = [
            (_("start one and walk through the exercises:"), "tocht run"),
            (_("or see the sessions you have:"), "tocht list"),
            (_("all commands:"), "tocht --help"),
        ]
        width = max(len(text) for text, _command in hints)
        for text, command in hints:
            output.message(f"  {text:<{width}}  {command}")
        return
    ws = Workspace.open(None)
    output.data(header(ws))
    output.data(progress_table(ws))
    ex = next_exercise(ws)
    if ex is None:
        output.message(_("all exercises are answered; summary: tocht show   (change anything: tocht run --exercise ID)"))
    else:
        output.message(_("next: tocht run   (resumes at {number}. {title})").format(number=ex.number, title=ex.title))
        output.message(_("  or record directly: tocht {kind} --help").format(kind=ex.kind.name))


def register(app: typer.Typer) -> None:
    app.command("show", help=N_("A session's metadata, progress per exercise and group, and the answers so far."))(show)
