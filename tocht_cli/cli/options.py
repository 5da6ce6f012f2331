"""Options shared by many commands, declared once."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import tab

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit


def session_argument(help: str, metavar: str = N_("SESSION")) -> Any:
    """An argument that names sessions (`run SESSION`, `compare EARLIER LATER`), completed with the sessions."""
    return typer.Argument(metavar=metavar, help=help, autocompletion=tab.sessions)


Session = Annotated[
    str | None,
    typer.Option(
        "--session",
        "-s",
        metavar=N_("SESSION"),
        help=N_("Session id or part of its name (default: the current one)."),
        autocompletion=tab.sessions,
    ),
]
Group = Annotated[
    str | None,
    typer.Option("--group", "-g", metavar=N_("GROUP"), help=N_("The group (table) the answer belongs to."), autocompletion=tab.groups),
]
Json = Annotated[bool, typer.Option("--json", help=N_("Print JSON for scripts."))]
SessionArg = Annotated[str | None, session_argument(N_("Short id or part of the name (default: current)."))]
Yes = Annotated[bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))]
Organisations = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        metavar=N_("TABLE=ORGANISATION"),
        help=N_("An organisation at a table; repeat for several (with one table, the name alone)."),
    ),
]
People = Annotated[
    list[str] | None,
    typer.Option("--people", metavar=N_("TABLE=NUMBER"), help=N_("How many people sat at a table (with one table, the number alone).")),
]


class Origin(str, Enum):
    """Where counts typed in came from (the room's phones save their own)."""

    hands = "hands"
    paper = "paper"


CountsOrigin = Annotated[
    Origin,
    typer.Option(
        "--origin",
        help=N_("Where the counts come from: hands counted in the room, or a paper worksheet typed in afterwards."),
    ),
]


def exercise(help: str, kind: str | None = None) -> Any:
    """--exercise (-e), completed with the kit's exercises (of `kind`); `help` says what it picks."""
    return typer.Option("--exercise", "-e", metavar=N_("EXERCISE"), help=help, autocompletion=tab.exercises(kind))


def exercise_argument(help: str, kit: Callable[[], Kit] | None = None) -> Any:
    """An EXERCISE argument (`audience`, `kit show`), completed with the exercises of the session's kit (or of `kit()`)."""
    return typer.Argument(metavar=N_("EXERCISE"), help=help, autocompletion=tab.exercises(kit=kit))


def session_option(flag: str, help: str) -> Any:
    """An option that names one session (`new --from`, `dossier --chain`), completed with the sessions."""
    return typer.Option(flag, metavar=N_("SESSION"), help=help, autocompletion=tab.sessions)


def one_session(argument: str | None, option: str | None) -> str | None:
    """The session a command takes as SESSION or as --session, as the reader prefers; named both ways, once."""
    if argument is not None and option is not None and argument != option:
        raise UsageError(
            _("SESSION {argument!r} and --session {option!r} name two sessions; give one").format(argument=argument, option=option)
        )
    return argument if argument is not None else option


def place_option(help: str) -> Any:
    """--place: the sessions held at a place (`dossier`, `hub`), each command saying what it does with them."""
    return typer.Option("--place", metavar=N_("PLACE"), help=help)


def title_option(help: str) -> Any:
    """--title: what a document or a screen of several sessions is headed (`dossier`, `hub`)."""
    return typer.Option("--title", metavar=N_("TITLE"), help=help)


Place = Annotated[str | None, place_option(N_("Every session held at PLACE."))]
Since = Annotated[str | None, typer.Option("--since", metavar=N_("DATE"), help=N_("Only meetings on or after DATE, e.g. 15/01/2027."))]
Until = Annotated[str | None, typer.Option("--until", metavar=N_("DATE"), help=N_("Only meetings on or before DATE."))]
Output = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar=N_("FILE"), help=N_("File to write (replaced whole; never the database); - or nothing for stdout.")
    ),
]


def typed_date(value: str | None) -> str | None:
    """A --since/--until date as the sessions store it (ISO), or a usage error in the facilitator's words."""
    if value is None:
        return None
    from tocht_cli.base.dates import typed_date as iso

    try:
        return iso(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


RoomHost = Annotated[
    str | None,
    typer.Option(
        "--host",
        metavar=N_("ADDRESS"),
        help=N_(
            "Listen on this address only (default: where the session's room listened last time, else this laptop's "
            "address on the local network; 0.0.0.0: every interface)."
        ),
    ),
]
RoomPort = Annotated[
    int | None,
    typer.Option(
        "--port",
        metavar=N_("PORT"),
        min=0,
        max=65535,
        help=N_("Port to listen on (default: the one the session's room had last time, else 8017, else a free one; 0: a free one)."),
    ),
]
MinVotes = Annotated[
    int | None,
    typer.Option(
        "--min-votes",
        metavar=N_("COUNT"),
        min=1,
        max=1000,
        help=N_(
            "A table with fewer votes than COUNT on an item is shown only in the total, so that nobody's vote can be "
            "told (default: the session's, else 3; 1 shows every table)."
        ),
    ),
]


class Audience(str, Enum):
    """Who a part of a summary is for (sessions/disclosure.py's LEVELS): each sees its own and the wider ones'."""

    room = "room"
    network = "network"
    public = "public"
