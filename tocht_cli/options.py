"""Options shared by many commands, declared once."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

Session = Annotated[Optional[str], typer.Option("--session", "-s", help="Session id or part of its name (default: the current one).")]
Group = Annotated[Optional[str], typer.Option("--group", "-g", help="The group (table) the answer belongs to.")]
ExerciseRef = Annotated[Optional[str], typer.Option("--exercise", "-e", help="Exercise id, when the kit has several of this kind.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
Note = Annotated[Optional[str], typer.Option("--note", help="A note (the main arguments, remarks).")]
SessionArg = Annotated[Optional[str], typer.Argument(help="Short id or part of the name (default: current).")]
