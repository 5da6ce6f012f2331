"""`tocht doctor`: check that the database is whole, and repair what a kill at the wrong moment left."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import options as o
from tocht_cli import output, runtime
from tocht_cli.errors import DatabaseError
from tocht_cli.i18n import N_, _, ngettext
from tocht_cli.invocation import current


def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help=N_("Adopt or remove orphan session files and temp files, after saying what it will do."))
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Repair without asking (needed without a terminal)."))] = False,
    json: o.Json = False,
):
    store = current().store
    report = store.checkup()
    if json and not repair:
        output.data_json(report.as_json())
    else:
        sessions = ngettext("{n} session", "{n} sessions", report.sessions).format(n=report.sessions)
        answers = ngettext("{n} answer", "{n} answers", report.answers).format(n=report.answers)
        output.data(_("database: {path}").format(path=report.database) + f"\n{sessions}, {answers}")
        for f in report.findings:
            repairs = (
                _("(--repair: {repair})").format(repair=f.repair)
                if f.repair
                else _("(not repaired: restore it from a backup or move it aside)")
            )
            output.data(f"- {f.what} {repairs}")
    if report.healthy:
        output.message(_("all is well"))
        return
    fixable = [f for f in report.findings if f.repair]
    if not repair:
        found = ngettext("{n} problem found; nothing was changed", "{n} problems found; nothing was changed", len(report.findings))
        raise DatabaseError(found.format(n=len(report.findings)), "tocht doctor --repair" if fixable else None)
    if fixable:
        question = ngettext("Repair {n} problem as listed?", "Repair {n} problems as listed?", len(fixable))
        runtime.confirm(question.format(n=len(fixable)), yes, "tocht doctor --repair --yes")
        done, after = store.repair(report)
        for line in done:
            output.message(_("repaired: {what}").format(what=line))
    else:
        after = report
    if json:
        output.data_json(after.as_json())
    if not after.healthy:
        remain = ngettext("{n} problem remains", "{n} problems remain", len(after.findings)).format(n=len(after.findings))
        raise DatabaseError(remain, _("see `tocht doctor`; a damaged file needs a backup or a person"))
    output.message(_("all is well now"))


def register(app: typer.Typer) -> None:
    text = N_(
        "Check the database: the list of sessions and the session files agree, every file reads, nothing is left over.\n\n"
        "Exit 0 when all is well, 5 when something is wrong (and, with --repair, still wrong after the repair)."
    )
    app.command("doctor", help=text)(doctor)
