"""`tocht room`: the session's room on the local network: the screen for the projector, the participants' phones."""

from __future__ import annotations

import json as json_module
import shlex
import shutil
import signal
import threading
from typing import Annotated

import typer

from tocht_cli.base.errors import ExitCode
from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import runtime

Named = Annotated[
    bool, typer.Option("--named", help=N_("Ask each participant's name and keep it with their answers (shown on every page)."))
]
OwnerMarks = Annotated[
    bool | None,
    typer.Option(
        "--owner-marks/--any-table-marks",
        help=N_(
            "In the follow-up round, only the table that promised a step marks it on its phones, or any table "
            "(default: what the session said last, else the kit)."
        ),
    ),
]


def room(
    session: o.SessionArg = None,
    host: o.RoomHost = None,
    port: o.RoomPort = None,
    named: Named = False,
    min_votes: o.MinVotes = None,
    owner_marks: OwnerMarks = None,
    json: o.Json = False,
    session_option: o.Session = None,
) -> None:
    """The room on the local network until Ctrl-C (or q): every answer saved as it is given."""
    session = o.one_session(session, session_option)
    from tocht_cli.room import serve

    ws = current().workspace(session)
    ws.keep_min_votes(min_votes)
    if owner_marks is not None:
        from tocht_cli.sessions.followup import keep_owner_marks

        keep_owner_marks(ws, owner_marks)
        ws = current().workspace(ws.id)  # its round as it now marks
    interactive = runtime.is_interactive() and not json
    stop_on_signals(interactive)
    running = serve.start(ws, host, port, named)
    resume = resume_command(ws.id, host, running.port_to_name(port), named)
    interrupted = False
    try:
        if json:
            found = {
                "screen_url": running.screen_url,
                "control_url": running.control_url,
                "join_url": running.join_url,
                "pin": running.pin,
                "session": ws.id,
            }
            output.data(json_module.dumps(found, ensure_ascii=False))
        else:
            from tocht_cli.room import console

            console.announce(running, qr_code=interactive)
        if interactive:
            from tocht_cli.room import console

            said = _("the screen and the phones follow the keys below; the room keeps every answer as it is given.")
            output.message(console.wrapped(said, shutil.get_terminal_size().columns))  # at words, not mid-word
            console.lead(running.room)
        else:
            threading.Event().wait()  # until Ctrl-C or SIGTERM
    except KeyboardInterrupt:
        interrupted = True
    finally:
        running.stop()
    output.message(_("room closed; every answer is saved. Open it again with:  {command}").format(command=resume))
    if interrupted:
        raise typer.Exit(int(ExitCode.INTERRUPTED))


def stop_on_signals(interactive: bool) -> None:
    """SIGTERM stops the room as Ctrl-C does; without a terminal, so does SIGINT even when the room was
    started in the background (where SIGINT starts out ignored)."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    if not interactive:
        signal.signal(signal.SIGINT, stop)


def resume_command(session_id: str, host: str | None, port: int | None, named: bool) -> str:
    """The command that opens the room again where the phones already point: `port` is the one it listened on
    (not `--port 0`, which would give it a new one), None when it is the usual one (Running.port_to_name)."""
    parts = ["tocht", "room", session_id]
    if host:
        parts += ["--host", host]
    if port is not None:
        parts += ["--port", str(port)]
    if named:
        parts.append("--named")
    return " ".join(shlex.quote(p) for p in parts)


def register(app: typer.Typer) -> None:
    app.command(
        "room", help=N_("Open the session's room: a screen for the projector, and phones to vote, play bingo and fill in per table.")
    )(room)
