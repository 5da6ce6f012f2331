"""`tocht hub`: one screen that follows several sites live, their counts side by side and in total."""

from __future__ import annotations

import json as json_module
import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from tocht_cli.base.errors import ExitCode, UsageError, os_problem
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output

LOOPBACK = "127.0.0.1"


def hub(
    sessions: Annotated[
        list[str] | None,
        o.session_argument(N_("The sites' sessions (short id or part of the name).")),
    ] = None,
    place: Annotated[str | None, o.place_option(N_("Every session held at PLACE, new ones too."))] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--folder",
            metavar=N_("FOLDER"),
            help=N_("Every session file in FOLDER, a sessions folder a sync tool keeps (…/tocht.sessions); only read."),
        ),
    ] = None,
    title: Annotated[str | None, o.title_option(N_("What the screen is headed (the region)."))] = None,
    host: Annotated[
        str, typer.Option("--host", metavar=N_("ADDRESS"), help=N_("Listen on this address only (0.0.0.0: every interface)."))
    ] = LOOPBACK,
    port: Annotated[int, typer.Option("--port", metavar=N_("PORT"), min=0, max=65535, help=N_("Port to listen on (0: a free one)."))] = 0,
    min_votes: o.MinVotes = None,
    level: Annotated[
        o.Audience,
        typer.Option(
            "--level",
            help=N_(
                "Who sees the screen: network (each site's parts marked for the network or the public), public, "
                "or room (everything); a site marks its parts with tocht audience."
            ),
        ),
    ] = o.Audience.network,
    json: o.Json = False,
) -> None:
    """Serve the hub's screen until Ctrl-C; it follows the files once a second."""
    from tocht_cli.room.hub import Hub, serve
    from tocht_cli.sessions.creation import checked
    from tocht_cli.sessions.following import Followed, folder_store
    from tocht_cli.sessions.records import session_name
    from tocht_cli.sessions.workspace import resolve_session

    if sum(bool(x) for x in (sessions, place, folder)) != 1:
        raise UsageError(_("give the sites' sessions, or --place, or --folder (one of them)"))
    store = folder_store(folder) if folder is not None else current().store
    ids = [resolve_session(store, ref)["id"] for ref in sessions or []]
    kits = current().kits
    fallback = kits.for_new_session()
    heading = checked(session_name, title) if title is not None else place or fallback.words.gettext("All sites")
    followed = Followed(store, kits, ids, place, said=output.message, min_votes=min_votes, level=level.value)
    try:
        serving = serve(Hub(followed, heading, fallback), host, port)
    except OSError as exc:
        raise UsageError(_("cannot listen on {address}: {why}").format(address=f"{host}:{port}", why=os_problem(exc))) from None
    if json:
        output.data(json_module.dumps({"url": serving.url}, ensure_ascii=False))
    else:
        output.message(_("hub: {url}").format(url=serving.url))
        output.message(_("it follows {count} sessions' files; Ctrl-C stops it").format(count=len(followed.sites)))
    stop_on_signals()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    finally:
        serving.stop()
        output.message(_("hub stopped; it changed no file"))


def stop_on_signals() -> None:
    """SIGTERM stops the hub as Ctrl-C does, and so does SIGINT when it was started in the background."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def register(app: typer.Typer) -> None:
    said = N_(
        "One screen that follows several sites live: each site's counts, the total and how many sites agree, "
        "updated as the sites' session files arrive or change (a sync tool, or saved here). Served on "
        "127.0.0.1 unless --host says otherwise; its address carries a key only you have."
    )
    app.command("hub", help=said)(hub)
