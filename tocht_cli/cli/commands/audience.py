"""`tocht audience`: which parts of a session's summary are for the room only, the network, or the public."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output


def audience(
    exercise: Annotated[
        str | None,
        o.exercise_argument(N_("The exercise (id or number) whose part to mark; none: list every exercise's audience.")),
    ] = None,
    level: Annotated[
        o.Audience | None,
        typer.Argument(
            metavar=N_("LEVEL"),
            help=N_(
                "room (the default: only the meeting's own summary), network (also what the network's centres see) "
                "or public (also what anyone may read). Leave it out to see the exercise's."
            ),
        ),
    ] = None,
    json: o.Json = False,
    session_option: o.Session = None,
) -> None:
    from tocht_cli.sessions.disclosure import LEVEL_NAMES, mark_audience

    run = current()
    ws = run.workspace(session_option)
    chosen = [ws.kit.exercise(exercise)] if exercise else list(ws.kit.exercises)
    if level is not None and exercise is not None:
        ws.session = mark_audience(run.store, ws.id, chosen[0].id, level.value)
        said = _("{exercise} is now for {audience}; `tocht export --level {level}` shows it")
        output.message(said.format(exercise=chosen[0].heading, audience=_(LEVEL_NAMES[level.value]), level=level.value))
    marks = ws.disclosure().audience
    shown = {ex.id: marks.get(ex.id, o.Audience.room.value) for ex in chosen}
    if json:
        output.data_json(shown)
    elif level is None:  # what to type first (the id, the level), then the exercise's heading
        width = max(len(ex.id) for ex in chosen)
        output.data("\n".join(f"{ex.id:<{width}}  {shown[ex.id]:<7}  {ex.heading}" for ex in chosen))


def register(app: typer.Typer) -> None:
    text = N_(
        "Mark an exercise's part of the summary for the room, the network or the public; "
        "`tocht export --level` then leaves out what is not for that audience. Without a level: list the marks."
    )
    app.command("audience", help=text)(audience)
