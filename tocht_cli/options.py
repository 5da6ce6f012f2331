"""Options shared by many commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import completion

Session = Annotated[
    str | None,
    typer.Option(
        "--session",
        "-s",
        metavar="SESSION",
        help="Session id or part of its name (default: the current one).",
        autocompletion=completion.sessions,
    ),
]
Group = Annotated[
    str | None,
    typer.Option("--group", "-g", metavar="GROUP", help="The group (table) the answer belongs to.", autocompletion=completion.groups),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SessionArg = Annotated[
    str | None,
    typer.Argument(metavar="SESSION", help="Short id or part of the name (default: current).", autocompletion=completion.sessions),
]
