"""Starting and stopping a room: its keys, its address, and the web server in a thread of its own.

uvicorn serves the room (an ASGI server as small and well kept as Starlette); it runs
beside the facilitator's terminal (the room's own view, or the walk), which stays in the
main thread. It listens on exactly one address, never on every interface unless asked.
"""

from __future__ import annotations

import errno
import threading
import time
from dataclasses import dataclass
from typing import Any

from tocht_cli import i18n
from tocht_cli.errors import UsageError, os_problem
from tocht_cli.i18n import _
from tocht_cli.invocation import begin, current
from tocht_cli.room import keys as room_keys
from tocht_cli.room import qr
from tocht_cli.room.live import Room
from tocht_cli.room.network import lan_address, listening_socket, url_host
from tocht_cli.room.web import Site, asgi
from tocht_cli.workspace import Workspace

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
    """Listen on `host` (the laptop's address on the local network when None) and `port` (8017 when None, else
    a free one if that is taken; 0: a free one), and serve the session's room from a thread."""
    import uvicorn

    address = host or lan_address()
    sock = _listen(address, port)
    shown = lan_address() if address in ANYWHERE else address
    base = f"http://{url_host(shown)}:{sock.getsockname()[1]}"
    from tocht_cli.kit.cache import folder

    cache = folder()
    keys = room_keys.load(room_keys.keys_file(cache, ws.store.path, ws.id) if cache else None)
    invocation, language = current(), i18n.facilitator_language()

    def setup() -> None:  # the writer's thread speaks as this run does
        begin(invocation)
        i18n.use(language)

    room = Room(ws, keys, named=named, setup=setup)
    join_url = f"{base}/j/{keys.join}"
    site = Site(room, join_url, f"{base}/s/{keys.screen}", qr.svg(join_url))
    config = uvicorn.Config(
        asgi(site),
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
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="tocht-room-server", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            room.close()
            raise UsageError(_("the room could not start on {address}").format(address=base))
        time.sleep(0.01)
    return Running(room, site, server, thread, address, sock.getsockname()[1])


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
