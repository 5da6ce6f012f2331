"""The command line: global options, error reporting, and the registration of sub-commands.

Commands live in `tocht_cli/cli/commands/` and exercise kinds bring their own
groups; this module only wires them together.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from tocht_cli import __version__
from tocht_cli.base import i18n
from tocht_cli.base.errors import Aborted, ExitCode, TochtError, UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli.framework import COMPLETE_VAR
from tocht_cli.cli.invocation import Invocation, begin
from tocht_cli.render import output

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind
from tocht_cli.base.text import clean, is_utf8
from tocht_cli.cli.framework.coercion import plain_values
from tocht_cli.cli.framework.helptext import readable_metavars, said_when_shown

readable_metavars()
said_when_shown()
plain_values()


class TochtGroup(TyperGroup):
    """Turns every TochtError, click usage error and Ctrl-C into a message on stderr and a documented exit code,
    and builds only the command that is invoked.

    click's own messages (which quote what was typed) are printed through
    `output.message` like ours, so they too are cleaned of control characters.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *_kind_groups()]

    def get_command(self, ctx: Any, name: str) -> Any:
        return super().get_command(ctx, name) or lazy_command(name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command is said with the commands close to it, as git does ("Bedoel je 'statements'?"):
        the commands are built lazily, so typer's own suggestion (in English) never sees them."""
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as exc:
            from difflib import get_close_matches

            typed = args[0] if args else ""
            close = get_close_matches(typed, self.list_commands(ctx)) if self.get_command(ctx, typed) is None else []
            if close:
                said = _("No such command {name!r}.").format(name=typed)
                exc.message = f"{said} " + _("Did you mean {commands}?").format(commands=" / ".join(map(repr, close)))
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        i18n.use(None)  # the locale's language, until --lang says another
        if os.environ.get(COMPLETE_VAR):  # the shell asks what to offer on Tab (framework/shells.py, cli/tab.py)
            from tocht_cli.cli.framework import shells

            code: Any = shells.answer(self, prog_name or "tocht", extra)
        else:
            code = self.run_line(args, prog_name, windows_expand_args, extra)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def run_line(self, args: list[str], prog_name: str | None, windows_expand_args: bool, extra: dict[str, Any]) -> Any:
        """The command line run by typer, every error said as a message with its exit code."""
        not_utf8 = next((a for a in args if not is_utf8(a)), None)
        try:
            if not_utf8 is not None:
                shown = not_utf8.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise UsageError(
                    _("the argument {shown!r} is not valid UTF-8 text; nothing was changed").format(shown=shown),
                    _("set the terminal to UTF-8 (e.g. LANG=nl_BE.UTF-8) and type it again"),
                )
            return super().main(args, prog_name, COMPLETE_VAR, False, windows_expand_args, **extra)
        except TochtError as exc:
            report(exc)
            return int(exc.code)
        except typer.TyperException as exc:  # click's usage errors, vendored by typer
            from tocht_cli.cli.framework.usage import said

            output.message(said(exc))
            return exc.exit_code
        except typer.Abort:
            output.message(_("tocht: aborted; nothing more was changed"))
            return int(ExitCode.FAILURE)
        except OSError as exc:
            if exc.errno != errno.EBADF:
                raise
            output.message(_("tocht: error: the output could not be written: stdout is closed"))
            return int(ExitCode.FAILURE)

    def invoke(self, ctx: Any) -> Any:
        """Ctrl-C here gets its message (typer would turn it into a silent exit 130); errors go up to `main`."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            output.message("\n" + _("tocht: interrupted; every answer given so far is saved."))
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def report(exc: TochtError) -> None:
    """The message on stderr: an error as such; stopping on purpose or saying no is no error ("tocht: nothing was changed")."""
    said = _here(clean(exc.message, multiline=True))
    output.message(
        _("tocht: {message}").format(message=said) if isinstance(exc, Aborted) else _("tocht: error: {message}").format(message=said)
    )
    if exc.hint:
        output.message(_("  hint: {text}").format(text=_here(clean(exc.hint, multiline=True))))


def _here(text: str) -> str:
    """Paths under the current folder as the facilitator typed them (`mijn-kit/bingo.toml`),
    so a kit's problems fit one line each at 80 columns."""
    try:
        folder = os.getcwd()
    except OSError:
        return text
    return text if folder == os.sep else text.replace(folder + os.sep, "")


app = typer.Typer(
    name="tocht",
    cls=TochtGroup,
    help=N_("A terminal workshop companion: walk a group through a workbook's exercises and keep every answer."),
    epilog=N_(
        "Exit codes: 0 ok · 1 aborted · 2 usage or invalid value · 3 not found · 4 invalid kit or import file · "
        "5 database problem · 6 needs a terminal · 130 interrupted (answers saved)."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _language(value: str | None) -> str | None:
    """Eager, so that `tocht --lang nl --help` is already in Dutch."""
    try:
        return i18n.use(value)
    except ValueError:
        message = _("{value!r} is not a language tocht speaks ({languages})")
        raise typer.BadParameter(message.format(value=value, languages=", ".join(i18n.LANGUAGES))) from None


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # not while the shell completes a line holding --version
        output.data(f"tocht {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar=N_("FILE"), help=N_("Database file (default: $TOCHT_DB, else the per-user data folder)."), show_default=False
        ),
    ] = None,
    kit: Annotated[
        str | None,
        typer.Option("--kit", metavar=N_("KIT"), help=N_("Kit for new sessions: a shipped name or a kit folder (default: tocht-2017).")),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar=N_("LANG"),
            callback=_language,
            is_eager=True,
            help=N_("Language of tocht's messages: en or nl (default: the locale's, else English). The room reads the kit's language."),
        ),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Print the version and exit."))] = False,
) -> None:
    """Without a command: the current session's progress and the next command to type."""
    if db is not None and not db.strip():
        raise UsageError(_("--db is empty; give the path of a database file, or leave --db out"))
    _started()
    begin(Invocation(Path(db) if db is not None else None, kit, _installed_kinds))
    if ctx.invoked_subcommand is None:
        from tocht_cli.cli.commands.show import status

        status()


# Where each command lives. Only the invoked one is imported and turned into a click command:
# building all of them (about 40, with their options) cost 30 ms on every start.
COMMANDS = {
    "new": "sessions",
    "list": "sessions",
    "use": "sessions",
    "rename": "sessions",
    "edit": "sessions",
    "add-group": "sessions",
    "group": "groups",
    "delete": "sessions",
    "show": "show",
    "run": "run",
    "room": "room",
    "export": "export",
    "audience": "audience",
    "import": "export",
    "replay": "replay",
    "merge": "combine",
    "compare": "combine",
    "dossier": "dossier",
    "hub": "hub",
    "doctor": "doctor",
    "kit": "kit",
    "completion": "completion",
}


GROUPS = {"kit", "group"}  # commands with sub-commands: their module's `app`


def _installed_kinds() -> Mapping[str, ExerciseKind]:
    from tocht_cli.kinds.registry import installed

    return installed()


def _kind_groups() -> dict[str, Any]:
    """Each exercise kind's command groups (`tocht statements`, `tocht checklist`…), by name.
    A plugin kind that cannot be loaded is named on stderr and left out; the rest works."""
    from tocht_cli.cli.commands import kinds
    from tocht_cli.kinds.registry import installed

    registry = installed()
    groups = kinds.groups(registry)
    if os.environ.get(COMPLETE_VAR):
        return groups  # no note on the facilitator's prompt line at every Tab
    for name, why in registry.unreported():
        output.message(_("tocht: note: the exercise kind {name!r} cannot be loaded and is left out ({why})").format(name=name, why=why))
    return groups


def lazy_command(name: str) -> Any:
    """The click command for `tocht NAME`, built from its module only now; None when there is none."""
    from importlib import import_module

    import typer.main

    if name in COMMANDS:
        module = import_module(f"tocht_cli.cli.commands.{COMMANDS[name]}")
        if name in GROUPS:
            holder = module.app
        else:
            holder = typer.Typer(add_completion=False)
            module.register(holder)  # only the one typed is built: `new`'s options cost `list` 4 ms
            holder.registered_commands = [c for c in holder.registered_commands if c.name == name]
    else:
        found = _kind_groups().get(name)
        if found is None:
            return None
        from tocht_cli.cli.commands import kinds

        holder = kinds.build(*found)
    holder.rich_markup_mode = None  # plain help, as the root's: text is data, never markup
    return typer.main.get_command(holder)


def main() -> None:
    gc.disable()  # start-up leaves next to no garbage (~140 objects); `_started` turns the collector back on
    app(prog_name="tocht")


def _started() -> None:
    """What is imported by now (typer, its pydantic, tocht's modules) lives as long as the process: frozen,
    the collector no longer scans it each time a command's data grows (a tenth of `list` at 10,000
    sessions, a twentieth of `export ID`). Only where `main` held the collector back: tests run many
    commands in one process, and freezing each one's leftovers would keep them."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
