"""The hub: one screen that follows several sites live, their counts side by side and in total, as the sites'
session files arrive or change (synced from their laptops, or saved beside it).

It is served as a room is (Starlette and uvicorn in a thread, the room's headers, strict CSP, Host check,
static files of its own, no outside resource), on 127.0.0.1 unless asked, behind a key in its address that
only the coordinator has. It only reads: nothing is written to the sessions it follows. A thread polls the
files once a second (sessions/following.py: a file is read again only when it changed); the page asks for
its live part every two seconds and gets it only when the result changed (or reloads itself without
JavaScript).
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from tocht_cli.kinds.contract import Kit
from tocht_cli.room.assets import Assets
from tocht_cli.room.middleware import Guard, server_lines
from tocht_cli.room.templating import templates as room_templates
from tocht_cli.sessions.disclosure import LEVEL_NAMES, why_hidden
from tocht_cli.sessions.following import Followed
from tocht_cli.sessions.origins import ORIGINS
from tocht_cli.sessions.sites import ItemResult, SiteCount, SitesResult, origins_said

HERE = Path(__file__).parent
POLL = 1.0  # seconds between two looks at the files: a stat each, a read only of what changed


@dataclass
class Hub:
    """What the hub's pages show, kept up to date by its watcher thread."""

    followed: Followed
    title: str
    fallback: Kit  # whose words the page speaks until a site's file is read (the kit new sessions get)
    key: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    version: int = 0
    found: SitesResult | None = None
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def look(self) -> None:
        """Read what changed; a new result when anything did."""
        if self.followed.poll():
            found = self.followed.result()
            with self.lock:
                self.found, self.version = found, self.version + 1

    def watch(self) -> None:
        while not self.stopping.wait(POLL):
            self.look()

    def kit(self) -> Kit:
        """The kit the sites use (its words on the page), as the result is worked out."""
        sites = sorted(self.followed.sites.values(), key=lambda ws: (ws.session.get("date") or "", ws.session["name"], ws.id))
        return sites[0].kit if sites else self.fallback


# -- what the page shows --------------------------------------------------------------------------------


def bar(counts: dict[str, int], options: tuple[str, ...]) -> list[tuple[int, float, float, int]]:
    """A stacked bar's segments: (option's place, start, width in percent, count); nothing without votes."""
    votes = sum(counts.values())
    out, at = [], 0.0
    for n, option in enumerate(options):
        width = 100 * counts.get(option, 0) / votes if votes else 0.0
        if width:
            out.append((n, at, width, counts[option]))
        at += width
    return out


def cell(site: SiteCount, options: tuple[str, ...], kit: Kit, k: int) -> dict[str, Any]:
    """A site's counts on an item: its bar and majority, or why they show only in the total."""
    kept = why_hidden(kit, k, site.kept) if site.kept else ""
    return {"kept": kept, "bar": bar(site.counts, options), "majority": site.majority or ""}


def row(item: ItemResult, options: tuple[str, ...], kit: Kit, k: int) -> dict[str, Any]:
    total = {"kept": "", "bar": bar(item.total, options), "majority": item.majority or ""}
    agreeing = f"{item.majority} {item.agreeing}/{item.deciding}" if item.majority and item.deciding else "–"  # which stance they share
    return {
        "id": item.id,
        "text": item.text,  # whole: the screen writes the table smaller to fit (hub.js)
        "sites": [cell(s, options, kit, k) for s in item.sites],
        "total": total,
        "agreeing": agreeing,
    }


def view(hub: Hub) -> dict[str, Any]:
    """The live part's values: per exercise its options, the sites and a row per item."""
    with hub.lock:
        found, version = hub.found, hub.version
    kit = hub.kit()
    if found is None:
        return {"version": version, "sites": [], "exercises": [], "kit": kit, "origins": [], "withheld": []}
    exercises = [
        {"heading": ex.heading, "options": ex.options, "rows": [row(i, ex.options, kit, found.min_votes) for i in ex.items]}
        for ex in found.exercises
    ]
    withheld = [(site, ", ".join(headings)) for site, headings in found.withheld]
    return {
        "version": version,
        "sites": found.sites,
        "exercises": exercises,
        "kit": kit,
        "origins": site_origins(found, kit),
        "withheld": withheld,
        "audience": kit.words.gettext(LEVEL_NAMES[hub.followed.level]) if hub.followed.level else "",
    }


def site_origins(found: SitesResult, kit: Kit) -> list[tuple[str, str]]:
    """Per site, its votes over the exercises where it is shown by where they came from, in the kit's words;
    a site kept to the total everywhere it voted says why, as the reports do (sessions/sites.py)."""
    totals = {site: dict.fromkeys(ORIGINS, 0) for site in found.sites}
    for ex in found.exercises:
        for site, votes in ex.origins:
            for origin, n in votes.items():
                totals[site][origin] += n
    kept = {site for ex in found.exercises for site in ex.origins_kept if not any(totals[site].values())}
    shown = [(site, {o: n for o, n in votes.items() if n}) for site, votes in totals.items()]
    return origins_said(shown, kept, kit)


# -- the app ---------------------------------------------------------------------------------------------


def hub_of(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def templates(kit: Kit, assets: Assets) -> Environment:
    """The room's templates in the sites' kit, which also names the hub's columns (`label`)."""
    env = room_templates(kit, assets)
    env.globals["label"] = kit.label
    return env


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page in the words of the sites' kit (one environment per kit, made once)."""
    hub, state = hub_of(request), request.app.state
    kit = hub.kit()
    env = state.envs.get(id(kit)) or state.envs.setdefault(id(kit), templates(kit, state.assets))
    base = {"title": hub.title, "language": kit.language, "key": hub.key, "kit": kit}
    return HTMLResponse(env.get_template(name).render(**{**base, **values}), status_code=status)


def keyed(request: Request) -> bool:
    return secrets.compare_digest(str(request.path_params.get("key", "")), hub_of(request).key)


async def page(request: Request) -> Response:
    if not keyed(request):
        return await nothing(request, None)
    return render(request, "hub.html", **view(hub_of(request)))


async def live(request: Request) -> Response:
    """The live part, or 204 when the page already shows this version."""
    if not keyed(request):
        return await nothing(request, None)
    shown = view(hub_of(request))
    if request.query_params.get("seen") == str(shown["version"]):
        return Response(status_code=204)
    return render(request, "hub_live.html", **shown)


async def nothing(request: Request, exc: Exception | None) -> Response:
    return render(request, "hub_none.html", 404)


def build(hub: Hub) -> ASGIApp:
    assets = Assets(HERE / "static")

    async def static(scope: Scope, receive: Receive, send: Send) -> None:
        await assets(scope, receive, send)

    routes = [Route("/h/{key}", page), Route("/h/{key}/live", live), Mount("/static", static)]
    app = Starlette(routes=routes, exception_handlers={404: nothing, 405: nothing})
    app.state.hub, app.state.assets, app.state.envs = hub, assets, {}
    return Guard(app)


@dataclass
class Serving:
    hub: Hub
    server: Any  # uvicorn.Server
    threads: list[threading.Thread]
    url: str

    def stop(self) -> None:
        self.hub.stopping.set()
        self.server.should_exit = True
        for thread in self.threads:
            thread.join(timeout=10)


def serve(hub: Hub, host: str, port: int) -> Serving:
    """Listen on `host`:`port` (0: a free one) and follow the files from a thread; the first look is taken now."""
    import uvicorn

    from tocht_cli.room.network import listening_socket, url_host

    hub.look()
    sock = listening_socket(host, port)
    server_lines()
    config = uvicorn.Config(
        build(hub),
        log_config=None,
        log_level="warning",
        access_log=False,
        lifespan="off",
        http="h11",
        ws="none",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    threads = [
        threading.Thread(
            target=contextvars.copy_context().run, args=(server.run,), kwargs={"sockets": [sock]}, name="tocht-hub-server", daemon=True
        ),
        threading.Thread(target=hub.watch, name="tocht-hub-watch", daemon=True),
    ]
    for thread in threads:
        thread.start()
    while not server.started:
        if not threads[0].is_alive():
            raise OSError("the hub could not start")
        time.sleep(0.01)
    return Serving(hub, server, threads, f"http://{url_host(host)}:{sock.getsockname()[1]}/h/{hub.key}")
