"""Options shared by many commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

Session = Annotated[
    str | None, typer.Option("--session", "-s", metavar="SESSION", help="Session id or part of its name (default: the current one).")
]
Group = Annotated[str | None, typer.Option("--group", "-g", metavar="GROUP", help="The group (table) the answer belongs to.")]
ExerciseRef = Annotated[
    str | None, typer.Option("--exercise", "-e", metavar="EXERCISE", help="Exercise id, when the kit has several of this kind.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SessionArg = Annotated[str | None, typer.Argument(metavar="SESSION", help="Short id or part of the name (default: current).")]
