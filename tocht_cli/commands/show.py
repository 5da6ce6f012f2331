"""`tocht show` and bare `tocht`: a session's metadata, progress per exercise and group, answers."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli import output, runtime
from tocht_cli.exercises.registry import KINDS
from tocht_cli.workspace import Workspace


def header(ws: Workspace):
    from rich.text import Text

    s, label = ws.session, ws.kit.label
    text = Text(s["name"], style="bold")
    text.append(f"  ({s['id']})\n", style="dim")
    for key, value in (("date", s.get("date")), ("place", s.get("place")), ("facilitator", s.get("facilitator"))):
        if value:
            text.append(f"{label(key)}: ", style="bold")
            text.append(f"{value}\n")
    text.append(f"{label('groups')}: ", style="bold")
    text.append(", ".join(ws.groups) + "\n")
    text.append(f"{label('kit')}: ", style="bold")
    text.append(f"{ws.kit.name} {ws.kit.version}")
    from tocht_cli.summary import provenance

    for key, value in provenance(s):
        text.append(f"\n{label(key)}: ", style="bold")
        text.append(value)
    return text


def progress_table(ws: Workspace):
    from rich.table import Table

    table = Table(title=ws.kit.label("progress"), expand=False)
    table.add_column("#", no_wrap=True)
    table.add_column("", no_wrap=False)
    for g in ws.groups:
        table.add_column(g, justify="right", no_wrap=True)
    for ex_id, per_group in ws.progress().items():
        ex = ws.kit.exercise(ex_id)
        cells = []
        for p in per_group.values():
            mark = "✓ " if p["done"] >= p["total"] else ""
            cells.append(f"{mark}{p['done']}/{p['total']}")
        table.add_row(str(ex.number), ex.heading, *cells)
    return table


def show(
    session: o.SessionArg = None,
    exercise: Annotated[str | None, typer.Option("--exercise", "-e", help="Only this exercise's answers.")] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Metadata and progress only.")] = False,
    json: o.Json = False,
):
    """A session's metadata, progress per exercise and group, and the answers so far."""
    ws = Workspace.open(session)
    exercises = [ws.kit.exercise(exercise)] if exercise else list(ws.kit.exercises)
    if json:
        output.data_json({**ws.session, "progress": ws.progress(), "answers": ws.answers()})
        return
    from rich.rule import Rule

    output.data(header(ws))
    output.data(progress_table(ws))
    if brief:
        return
    for ex in exercises:
        output.data(Rule(ex.heading, align="left"))
        kind = KINDS[ex.kind]
        for g in ws.groups:
            if len(ws.groups) > 1:
                from tocht_cli.exercises.base import group_title

                output.data(group_title(ws, g))
            output.data(kind.show(ex, ws.sheet(ex, g), ws.kit))


def next_exercise(ws: Workspace):
    """The first exercise some group has not finished, or None."""
    for ex in ws.kit.exercises:
        if any(KINDS[ex.kind].first_open(ex, ws.sheet(ex, g)) is not None for g in ws.groups):
            return ex
    return None


def status() -> None:
    """What bare `tocht` prints: where the current session stands and what to type next."""
    store = runtime.open_store()
    if store.current_id() is None:
        output.message("tocht: no current session.")
        output.message("  start one and walk through the exercises:  tocht run")
        output.message("  or see the sessions you have:               tocht list")
        output.message("  all commands:                               tocht --help")
        return
    ws = Workspace.open(None)
    output.data(header(ws))
    output.data(progress_table(ws))
    ex = next_exercise(ws)
    if ex is None:
        output.message("all exercises are answered; summary: tocht show   (change anything: tocht run --exercise ID)")
    else:
        output.message(f"next: tocht run   (resumes at {ex.number}. {ex.title})")
        output.message(f"  or record directly: tocht {KINDS[ex.kind].command} --help")


def register(app: typer.Typer) -> None:
    app.command("show")(show)
