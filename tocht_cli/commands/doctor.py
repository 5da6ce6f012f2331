"""`tocht doctor`: check that the database is whole, and repair what a kill at the wrong moment left."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli import output, runtime
from tocht_cli.errors import DatabaseError
from tocht_cli.invocation import current


def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Adopt or remove orphan session files and temp files, after saying what it will do.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Repair without asking (needed without a terminal).")] = False,
    json: o.Json = False,
):
    """Check the database: the list of sessions and the session files agree, every file reads, nothing is left over.

    Exit 0 when all is well, 5 when something is wrong (and, with --repair, still wrong after the repair).
    """
    store = current().store
    report = store.checkup()
    if json and not repair:
        output.data_json(report.as_json())
    else:
        output.data(f"database: {report.database}\n{report.sessions} sessions, {report.answers} answers")
        for f in report.findings:
            output.data(
                f"- {f.what}" + (f" (--repair: {f.repair})" if f.repair else " (not repaired: restore it from a backup or move it aside)")
            )
    if report.healthy:
        output.message("all is well")
        return
    fixable = [f for f in report.findings if f.repair]
    if not repair:
        raise DatabaseError(f"{len(report.findings)} problem(s) found; nothing was changed", "tocht doctor --repair" if fixable else None)
    if fixable:
        runtime.confirm(f"Repair {len(fixable)} problem(s) as listed?", yes, "tocht doctor --repair --yes")
        done, after = store.repair(report)
        for line in done:
            output.message(f"repaired: {line}")
    else:
        after = report
    if json:
        output.data_json(after.as_json())
    if not after.healthy:
        raise DatabaseError(f"{len(after.findings)} problem(s) remain", "see `tocht doctor`; a damaged file needs a backup or a person")
    output.message("all is well now")


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
