"""The command line: global options, error reporting, and the registration of sub-commands.

Commands live in `tocht_cli/commands/` and exercise kinds bring their own
groups; this module only wires them together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from tocht_cli import __version__, output, runtime
from tocht_cli.errors import ExitCode, TochtError
from tocht_cli.text import clean


class TochtGroup(TyperGroup):
    """Turns every TochtError and Ctrl-C into a message on stderr and a documented exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TochtError as exc:
            report(exc)
            raise typer.Exit(int(exc.code)) from None
        except KeyboardInterrupt:
            output.message("\ntocht: interrupted; every answer given so far is saved.")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def report(exc: TochtError) -> None:
    output.message(f"tocht: error: {clean(exc.message, multiline=True)}")
    if exc.hint:
        output.message(f"  hint: {clean(exc.hint, multiline=True)}")


app = typer.Typer(
    name="tocht",
    cls=TochtGroup,
    help="A terminal workshop companion: walk a group through a workbook's exercises and keep every answer.",
    epilog="Exit codes: 0 ok · 1 aborted · 2 usage or invalid value · 3 not found · 4 invalid kit or import file · "
    "5 database problem · 6 needs a terminal · 130 interrupted (answers saved).",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        output.data(f"tocht {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[Optional[Path], typer.Option("--db", help="Database file (default: $TOCHT_DB, else the per-user data folder).", show_default=False)] = None,
    kit: Annotated[Optional[str], typer.Option("--kit", help="Kit for new sessions: a shipped name or a kit folder (default: tocht-2017).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
):
    """Without a command: the current session's progress and the next command to type."""
    runtime.configure(db, kit)
    output.reset_consoles()
    if ctx.invoked_subcommand is None:
        from tocht_cli.commands.show import status

        status()


def _register() -> None:
    from tocht_cli.commands import combine, export, kit, replay, run, sessions, show
    from tocht_cli.exercises.registry import KINDS

    for module in (sessions, show, run, export, replay, combine):
        module.register(app)
    app.add_typer(kit.app, name="kit")
    for kind in KINDS.values():
        for group in kind.command_groups():
            app.add_typer(group, rich_help_panel="Exercises")


_register()


def main() -> None:
    app(prog_name="tocht")
