"""Starting and stopping a room: its keys, its address, and the web server in a thread of its own.

uvicorn serves the room (an ASGI server as small and well kept as Starlette); it runs
beside the facilitator's terminal (the room's own view, or the walk), which stays in the
main thread. It listens on exactly one address, never on every interface unless asked.
"""

from __future__ import annotations

import contextvars
import errno
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tocht_cli.base import i18n
from tocht_cli.base.errors import UsageError, os_problem
from tocht_cli.base.files import keep_cache
from tocht_cli.base.i18n import _
from tocht_cli.render import output
from tocht_cli.room import keys as room_keys
from tocht_cli.room import qr
from tocht_cli.room.live import Room
from tocht_cli.room.middleware import server_lines
from tocht_cli.room.network import lan_address, listening_socket, url_host
from tocht_cli.room.web import Site, asgi
from tocht_cli.sessions.workspace import Workspace

DEFAULT_PORT = 8017
ANYWHERE = ("0.0.0.0", "::")


@dataclass
class Running:
    room: Room
    site: Site
    server: Any  # uvicorn.Server
    thread: threading.Thread
    host: str
    port: int  # the one it listens on: a free one when asked for 0 or when the usual one was taken

    @property
    def join_url(self) -> str:
        return self.site.join_url

    def port_to_name(self, asked: int | None) -> int | None:
        """The port a command that opens the room again must name, so the phones' address stays the same:
        the one it listens on, unless none was asked for and it got the usual one (also after --port 0,
        or when the usual one was taken and it fell back to a free one)."""
        return None if asked is None and self.port == DEFAULT_PORT else self.port

    @property
    def address(self) -> str:
        """What a participant types to join, with the PIN: the join address without its token."""
        return self.join_url.rsplit("/j/", 1)[0]

    @property
    def screen_url(self) -> str:
        return self.site.screen_url

    @property
    def control_url(self) -> str:
        return self.site.control_url

    @property
    def pin(self) -> str:
        return self.room.keys.pin

    def stop(self) -> None:
        """Close the live pages, stop serving, then save where the room is; every answer is saved by then."""
        self.room.closing = True
        self.room.moved()
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.room.close()


def start(ws: Workspace, host: str | None = None, port: int | None = None, named: bool = False) -> Running:
    """Listen on `host` and `port` as asked; what is not asked, where the session's room listened last time
    (so the phones' address stays the same), else the laptop's address on the local network and 8017 (a free
    port if that is taken; 0: a free one). Serve the session's room from a thread."""
    import uvicorn

    from tocht_cli.kit.cache import folder

    cache = folder()
    kept = room_keys.keys_file(cache, ws.store.path, ws.id) if cache else None
    address, sock = _listen_where(host, port, kept)
    shown = lan_address() if address in ANYWHERE else address
    base = f"http://{url_host(shown)}:{sock.getsockname()[1]}"
    keys = room_keys.load(kept)
    language = i18n.facilitator_language()

    def setup() -> None:  # the writer's thread speaks as this run does (the store and kits come with `ws`)
        i18n.use(language)

    room = Room(ws, keys, named=named, setup=setup)
    join_url = f"{base}/j/{keys.join}"
    site = Site(room, join_url, f"{base}/s/{keys.screen}", qr.svg(join_url))
    server_lines()
    config = uvicorn.Config(
        asgi(site),
        log_config=None,  # uvicorn's loggers as server_lines() set them, not its "WARNING:  …" on stderr
        log_level="warning",
        access_log=False,  # no log of who asked what: a room keeps no addresses
        lifespan="off",
        http="h11",
        ws="none",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=2,
        timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    # the server's thread runs in this run's context: it speaks to the facilitator as this run does (`--lang`)
    thread = threading.Thread(
        target=contextvars.copy_context().run, args=(server.run,), kwargs={"sockets": [sock]}, name="tocht-room-server", daemon=True
    )
    thread.start()
    while not server.started:
        if not thread.is_alive():
            room.close()
            raise UsageError(_("the room could not start on {address}").format(address=base))
        time.sleep(0.01)
    return Running(room, site, server, thread, address, sock.getsockname()[1])


def _listen_where(host: str | None, port: int | None, kept: Path | None) -> tuple[str, Any]:
    """The address and listening socket: as asked, else as the session's room had them last time (remembered
    beside its keys; its host also when only the port is asked), else as new; the one it got is remembered for next time. The earlier place in use now
    (the room still open in another terminal) is refused: moving on would leave the phones behind."""
    where = kept.with_name(kept.stem + ".address.json") if kept else None
    earlier = _earlier(where)
    remembered = earlier[0] if earlier is not None else None  # the host as last time, also on a port asked anew
    if earlier is not None and port is None and host in (None, earlier[0]):
        try:
            return earlier[0], listening_socket(*earlier)
        except OSError as exc:
            address = f"{url_host(earlier[0])}:{earlier[1]}"
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    _("the room listened on {address} last time, and that is in use now; is it still open in another terminal?").format(
                        address=address
                    ),
                    _("close it there first, so the phones keep their address; or give --port 0 for a new one"),
                ) from None
            output.message(
                _("the room cannot listen where it did last time ({address}: {problem}); the phones must join it again").format(
                    address=address, problem=os_problem(exc)
                )
            )
            remembered = None
    address = host or remembered or lan_address()
    sock = _listen(address, port)
    if where is not None:
        keep_cache(where, json.dumps({"host": address, "port": sock.getsockname()[1]}))
    return address, sock


def _earlier(where: Path | None) -> tuple[str, int] | None:
    """Where the session's room listened last time, when this laptop remembers it."""
    try:
        found = json.loads(where.read_text(encoding="utf-8")) if where else None
    except (OSError, ValueError):
        return None
    if isinstance(found, dict) and isinstance(found.get("host"), str) and isinstance(found.get("port"), int) and found["port"] > 0:
        return found["host"], found["port"]
    return None


def _listen(address: str, port: int | None) -> Any:
    try:
        return listening_socket(address, DEFAULT_PORT if port is None else port)
    except OSError as exc:
        if port is None and exc.errno == errno.EADDRINUSE:
            return listening_socket(address, 0)  # the usual port is taken: any free one
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                _("port {port} on {address} is in use").format(port=port, address=address),
                _("pick another with --port, or --port 0 for any free one"),
            ) from None
        raise UsageError(
            _("cannot listen on {address}: {why}").format(address=address, why=os_problem(exc)),
            _("give one of this laptop's addresses with --host, e.g. --host 127.0.0.1"),
        ) from None
