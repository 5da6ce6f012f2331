"""`tocht completion SHELL`: the script that has the shell complete tocht's commands, sessions, groups, exercises and items."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from tocht_cli.base.i18n import N_
from tocht_cli.cli.framework import shells
from tocht_cli.render import output


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion_script(shell: Annotated[Shell, typer.Argument(help=N_("bash, zsh or fish."), show_default=False)]) -> None:
    output.data(shells.script(shell.value))


def register(app: typer.Typer) -> None:
    app.command("completion", help=N_("Print the shell's completion script; load it from the shell's start-up file (see the README)."))(
        completion_script
    )
