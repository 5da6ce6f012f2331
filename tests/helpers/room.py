"""A room for tests: its web app served in-process (Starlette's TestClient), and phones that join it."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field

from starlette.testclient import TestClient

from tests.helpers.patience import PATIENCE
from tocht_cli.room.keys import Keys
from tocht_cli.room.live import Room
from tocht_cli.room.web import Site, asgi
from tocht_cli.sessions.workspace import Workspace

BASE = "http://127.0.0.1:8017"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
SAID = re.compile(r'<p id="said"[^>]*>([^<]*)</p>')


def csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, html[:2000]
    return found.group(1)


@dataclass
class Arena:
    room: Room
    site: Site
    clients: list[TestClient] = field(default_factory=list)

    def client(self) -> TestClient:
        client = TestClient(asgi(self.site), base_url=BASE)
        self.clients.append(client)
        return client

    def phone(self, table: str | None = None, name: str = "") -> TestClient:
        """A phone that scanned the QR code and chose its table."""
        phone = self.client()
        page = phone.get(f"/j/{self.room.keys.join}")
        assert page.status_code == 200, page.text
        if page.url.path == "/p/join":
            chosen = phone.post("/p/join", data={"csrf": csrf(page.text), "table": table or self.room.groups[0], "name": name})
            assert chosen.status_code == 200 and chosen.url.path == "/p", chosen.text
        return phone

    def screen(self) -> TestClient:
        screen = self.client()
        assert screen.get(f"/s/{self.room.keys.screen}").url.path == "/screen"
        return screen

    def control(self, screen: TestClient, act: str) -> str:
        """Press the control view's button for `act`; what the control view then says it did."""
        page = screen.get("/control")
        done = screen.post("/screen/do", data={"csrf": csrf(page.text), "do": act})
        assert done.status_code == 200 and done.url.path == "/control", done.text
        return SAID.search(done.text).group(1)

    def vote(self, phone: TestClient, position: str, argument: str = "", status: int = 200) -> str:
        page = phone.get("/p")
        stop = self.room.stop
        sent = phone.post(
            "/p/vote",
            data={"csrf": csrf(page.text), "exercise": stop.exercise.id, "item": stop.item.id, "position": position, "argument": argument},
        )
        assert sent.status_code == status, sent.text
        return sent.text

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.room.close()


def open_room(ws: Workspace, named: bool = False) -> Arena:
    """The room of the session `ws` opened (`run.workspace(id)`), served in-process."""
    room = Room(ws, Keys.new(), named=named)
    site = Site(room, f"{BASE}/j/{room.keys.join}", f"{BASE}/s/{room.keys.screen}", "<svg></svg>")
    return Arena(room, site)


TOCHT = [sys.executable, "-m", "tocht_cli"]


@dataclass
class Served:
    """`tocht room` running as its own process, as a facilitator starts it."""

    process: subprocess.Popen[str]
    info: dict[str, str]

    @property
    def base(self) -> str:
        return self.info["join_url"].split("/j/")[0]

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        """Ctrl-C (or another signal); the exit code and what it said on stderr."""
        self.process.send_signal(sig)
        try:
            _, err = self.process.communicate(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, err


def launched(*args: str, env: dict[str, str] | None = None) -> Served:
    """Start `tocht ARGS` (a server that prints one JSON line when it listens: `room` or `hub` with `--json`)
    as its own process, and wait for that line."""
    process = subprocess.Popen(
        [*TOCHT, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8"
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        process.kill()
        raise AssertionError(f"tocht {args[0]} did not start: {process.communicate()[1]}")
    return Served(process, json.loads(line))


def serve(*args: str, env: dict[str, str] | None = None, port: str | None = "0") -> Served:
    """Start `tocht room --host 127.0.0.1 --port PORT --json ARGS` (no --port when None) and wait for the
    line it prints when it listens."""
    return launched("room", "--host", "127.0.0.1", *(["--port", port] if port is not None else []), "--json", *args, env=env)


def to_statement(arena: Arena, item: str = "A1") -> None:
    ex = arena.room.kit.exercise("stellingen")
    arena.room.goto(ex, item)


def cross(arena: Arena, phone, item: str, crossed: bool = True):
    page = phone.get("/p/card/bingo")
    return phone.post("/p/card/bingo", data={"csrf": csrf(page.text), "item": item, "crossed": "1" if crossed else "0"})


def room_of_two_tables(arena: Arena) -> str:
    """Votes on A2 from both tables (never saved as hands) and a phone of tafel 2 that won the bingo."""
    to_statement(arena, "A2")
    arena.vote(arena.phone("tafel 1"), "eens")
    arena.vote(arena.phone("tafel 2"), "eens")
    arena.vote(arena.phone("tafel 2"), "twijfel")
    phone = arena.phone("tafel 2")
    for n in range(1, 11):
        cross(arena, phone, f"bingo-{n}")
    return arena.room.ws.id


def form_of(page: str, action: str, item: str) -> dict[str, str]:
    """The hidden fields of the form on `page` that posts to `action` for `item` (as a browser would send them)."""
    for found in re.finditer(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S):
        if found.group(1) == action and f'name="item" value="{item}"' in found.group(2):
            return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(2)))
    raise AssertionError(f"no form for {action} {item}")


def post(phone, exercise: str, item: str, to: str = "answer", **fields):
    page = phone.get(f"/p/table/{exercise}?item={item}").text
    target = f"/p/table/{exercise}/{to if to == 'answer' else 'do/' + to}"
    return phone.post(target, data={**form_of(page, target, item), **fields})
