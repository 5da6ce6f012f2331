"""Benchmark: a room of phones voting on one statement, on loopback.

Starts `tocht room` as its own process on a fresh database, lets N phones join (each
with the live-update connection its page keeps open) and spreads their votes over two
seconds. The screen is simulated as its script behaves: on every server-sent event it
fetches the live part of the page again. Prints, per room size: the votes stored in the
session file, the time from sending a vote to the screen showing it (the k-th vote sent
counts as shown once the screen shows k votes: p50 and p95, at the event and once the
page part is fetched), and the server's memory (resident, and its peak).
Targets: every vote stored, p95 under one second with 60 phones, memory under 150 MB.

`--kind words` does the same with the word cloud (kit zaal): the cloud is shown and the vote
reopened before the phones answer, so the screen lays the cloud out again on every answer.
`--kind upvotes`: each phone proposes an entry to the room's list, which the screen sorts anew.
`--kind dotvote`: each phone spreads its five dots.
`--opinions`: the opinion map of the fifteen statements, computed in this process from N phones' votes (three
camps, a fifth of the votes at random): CPU milliseconds for the map, and for the map with the screen's drawing
(the median of five), and the groups found. Target: under 500 ms at 200 phones (the screen waits for it).

Run: python bench/room.py [--phones 60 200] [--seconds 2] [--kind statements|words|upvotes|dotvote] [--opinions]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

from tocht_cli.store import Store  # noqa: E402

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
VOTES = re.compile(r"(\d+) stem(?:men)?\b")
TABLES = ("tafel 1", "tafel 2", "tafel 3", "tafel 4")
POSITIONS = ("eens", "oneens", "twijfel")
WORDS = [f"woord{n}" for n in range(80)] + ["cultuur", "ontmoeting", "verbinding", "publiek", "samen", "ideeën"] * 10


def statement(n: int) -> dict[str, str]:
    return {"exercise": "stellingen", "item": "A1", "position": POSITIONS[n % 3], "argument": f"argument {n}"}


def words(n: int) -> dict[str, str]:
    return {"exercise": "woorden", "item": "cultuur", "words": f"{WORDS[n * 7 % len(WORDS)]}, {WORDS[n * 13 % len(WORDS)]}"}


def proposal(n: int) -> dict[str, str]:
    return {"item": "uitdagingen", "text": f"Voorstel {n}: samen iets doen in de regio"}


def dots(n: int) -> dict[str, str]:
    return {"item": "beginnen", "d0": str(n % 4), "d3": str(5 - n % 4)}


KINDS = {  # the kit, the facilitator's acts before the phones answer, a phone's answer, the item, where it goes, what the screen counts
    "statements": ((), ("next-exercise", "next"), statement, "A1", "/p/vote", VOTES),
    "words": (("--kit", "zaal"), ("next", "reveal", "close"), words, "cultuur", "/p/vote", VOTES),
    "upvotes": (
        ("--kit", "zaal"),
        ("next-exercise", "next"),
        proposal,
        "uitdagingen",
        "/p/propose",
        re.compile(r"(\d+) voorstel(?:len)?\b"),
    ),
    "dotvote": (
        ("--kit", "zaal"),
        ("next-exercise", "next-exercise", "next"),
        dots,
        "beginnen",
        "/p/dots",
        re.compile(r"(\d+) deelnemers? verdeelde"),
    ),
}


def tocht(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "tocht_cli", *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def memory(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def join(base: str, join_url: str, n: int) -> tuple[httpx2.AsyncClient, str]:
    phone = httpx2.AsyncClient(base_url=base, follow_redirects=True, timeout=30)
    page = await phone.get(join_url)
    page = await phone.post("/p/join", data={"csrf": CSRF.search(page.text).group(1), "table": TABLES[n % len(TABLES)]})
    return phone, CSRF.search(page.text).group(1)


async def keep_open(client: httpx2.AsyncClient, path: str, seen: list[tuple[float, dict]] | None, stop: asyncio.Event) -> None:
    """A page's live-update connection: read its events until told to stop."""
    async with client.stream("GET", path) as events:
        async for line in events.aiter_lines():
            if stop.is_set():
                return
            if seen is not None and line.startswith("data: "):
                seen.append((time.perf_counter(), json.loads(line[6:])))


async def screen_page(
    screen: httpx2.AsyncClient,
    events: list[tuple[float, dict]],
    shown: list[tuple[float, int]],
    stop: asyncio.Event,
    counted: re.Pattern[str],
) -> None:
    """The screen's script: after each event, fetch the live part again (one at a time, once more if events came meanwhile)."""
    handled = 0
    while not stop.is_set():
        if handled == len(events):
            await asyncio.sleep(0.002)
            continue
        handled = len(events)
        part = await screen.get("/screen/live")
        found = counted.search(part.text)
        shown.append((time.perf_counter(), int(found.group(1)) if found else 0))


async def room(base: str, info: dict[str, str], phones: int, seconds: float, kind: str) -> dict[str, object]:
    _kit, acts, answer, _item, path, counted = KINDS[kind]
    screen = httpx2.AsyncClient(base_url=base, follow_redirects=True, timeout=30)
    await screen.get(info["screen_url"])
    for act in acts:  # to the first statement (or question)
        page = await screen.get("/control")
        await screen.post("/screen/do", data={"csrf": CSRF.search(page.text).group(1), "do": act})
    joined = await asyncio.gather(*(join(base, info["join_url"], n) for n in range(phones)))
    stop = asyncio.Event()
    events: list[tuple[float, dict]] = []
    shown: list[tuple[float, int]] = []
    tasks = [asyncio.create_task(keep_open(screen, "/screen/events", events, stop))]
    tasks += [asyncio.create_task(keep_open(phone, "/p/events", None, stop)) for phone, _ in joined]
    tasks.append(asyncio.create_task(screen_page(screen, events, shown, stop, counted)))
    while not events:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)  # every phone's page is open

    start = time.perf_counter()
    sent: list[float] = [0.0] * phones
    answered: list[float] = [0.0] * phones
    codes: list[int] = [0] * phones

    async def vote(n: int) -> None:
        phone, token = joined[n]
        await asyncio.sleep(max(0.0, start + seconds * n / phones - time.perf_counter()))
        sent[n] = time.perf_counter()
        reply = await phone.post(path, data={"csrf": token, **answer(n)})  # then the page again, as a browser follows the redirect
        answered[n] = time.perf_counter()
        codes[n] = reply.status_code if not reply.history else reply.history[0].status_code

    await asyncio.gather(*(vote(n) for n in range(phones)))
    deadline = time.perf_counter() + 10
    while (not events or events[-1][1]["votes"] < phones or not shown or shown[-1][1] < phones) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for client in [screen, *(phone for phone, _ in joined)]:
        await client.aclose()

    order = sorted(sent)

    def delays(seen: list[tuple[float, int]]) -> list[float]:
        out = []
        for k, at in enumerate(order, 1):
            first = next((t for t, count in seen if count >= k and t >= at), None)
            if first is not None:
                out.append(first - at)
        return out

    at_event = delays([(t, state["votes"]) for t, state in events])
    on_page = delays(shown)
    return {
        "accepted": sum(1 for code in codes if code == 303),
        "reply_p95": percentile([a - s for s, a in zip(sent, answered, strict=True)], 0.95),
        "event": (statistics.median(at_event), percentile(at_event, 0.95)) if at_event else None,
        "page": (statistics.median(on_page), percentile(on_page, 0.95)) if on_page else None,
        "seen": len(on_page),
    }


def opinion_ballots(phones: int, statements: list[str]) -> list[dict[str, object]]:
    """Three camps of phones voting on every statement, a fifth of the votes at random (a fixed seed)."""
    import random

    chance = random.Random(21)
    camps = [[POSITIONS[(j * (c + 1) + c) % 3] for j in range(len(statements))] for c in range(3)]
    return [
        {
            "exercise": "stellingen",
            "item": statement,
            "group": TABLES[n % len(TABLES)],
            "device": f"{n:024x}",
            "value": {"position": chance.choice(POSITIONS) if chance.random() < 0.2 else camps[n % 3][j]},
        }
        for n in range(phones)
        for j, statement in enumerate(statements)
    ]


def opinion_figures(phone_counts: list[int]) -> None:
    """The opinion map's cost at each room size, in CPU time (less swayed by a busy machine than wall time)."""
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kit.kits import Kits
    from tocht_cli.render.scatter import svg
    from tocht_cli.sessions.opinions import Opinions, opinions
    from tocht_cli.sessions.opinions_said import map_said

    kit = Kits(installed).load("tocht-2017")
    ex = kit.exercise("stellingen")
    statements = [item.id for item in ex.kind.items(ex)]
    print(f"{'phones':>6} {'statements':>10} {'map ms':>7} {'map + screen ms':>15} {'groups':>14}")
    for phones in phone_counts:
        ballots = opinion_ballots(phones, statements)
        bare, drawn, found = [], [], None
        for _ in range(5):
            start = time.process_time()
            found = opinions(ex, ballots)
            bare.append(time.process_time() - start)
            start = time.process_time()
            assert isinstance(found, Opinions)
            svg(map_said(ex, opinions(ex, ballots), kit).chart, 760, 560, marks=1.5)
            drawn.append(time.process_time() - start)
        assert isinstance(found, Opinions)
        sizes = " ".join(f"{g.label}{g.size}" for g in found.map.groups) or "one camp"
        print(
            f"{phones:>6} {len(statements):>10} {statistics.median(bare) * 1000:>7.0f} {statistics.median(drawn) * 1000:>15.0f} {sizes:>14}"
        )
    print("target: the map with its drawing under 500 ms at 200 phones")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, nargs="+", default=[60, 200])
    parser.add_argument("--seconds", type=float, default=2.0, help="the votes are spread over this long")
    parser.add_argument("--kind", choices=sorted(KINDS), default="statements", help="what the phones answer")
    parser.add_argument("--opinions", action="store_true", help="time the opinion map instead (no server)")
    args = parser.parse_args()
    if args.opinions:
        opinion_figures(args.phones)
        return
    kit, _acts, _answer, item, _path, _counted = KINDS[args.kind]
    print(
        f"{'phones':>6} {'stored':>7} {'accepted':>8} {'vote→event p50/p95':>19} {'vote→screen p50/p95':>20} {'reply p95':>9} {'memory MB (peak)':>17}"
    )
    for phones in args.phones:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "TOCHT_DB": str(Path(tmp) / "tocht.json"),
                "TOCHT_CACHE_DIR": str(Path(tmp) / "cache"),
                "PYTHONPATH": str(ROOT),
            }
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            sid = tocht(*kit, "new", "Bench", *(arg for table in TABLES for arg in ("-g", table)), env=env)
            server = subprocess.Popen(
                [sys.executable, "-m", "tocht_cli", "room", "--host", "127.0.0.1", "--port", "0", "--json"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            try:
                info = json.loads(server.stdout.readline())
                base = info["join_url"].split("/j/")[0]
                result = asyncio.run(room(base, info, phones, args.seconds, args.kind))
                rss, peak = memory(server.pid)
            finally:
                server.send_signal(2)
                server.communicate(timeout=30)
            stored = sum(1 for b in Store(env["TOCHT_DB"]).ballots(sid) if b["item"] == item)

        def pair(values: object) -> str:
            if not isinstance(values, tuple):
                return "–"
            return f"{values[0] * 1000:.0f}/{values[1] * 1000:.0f} ms"

        print(
            f"{phones:>6} {stored:>7} {result['accepted']:>8} {pair(result['event']):>19} {pair(result['page']):>20} "
            f"{float(result['reply_p95']) * 1000:>6.0f} ms {rss:>8.0f} ({peak:.0f})"
        )
    print("targets: every vote stored; p95 vote→screen under 1000 ms with 60 phones; memory under 150 MB")


if __name__ == "__main__":
    main()
