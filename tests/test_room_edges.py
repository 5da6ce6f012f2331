"""The room's edges against a real server on 127.0.0.1: what a hostile or broken client sends gets a 4xx and
one line on the facilitator's terminal, never a traceback; limits hold where only real sockets show it."""

from __future__ import annotations

import asyncio
import re
import socket

import httpx2
import pytest
from starlette.testclient import TestClient

from tests.helpers.patience import PATIENCE
from tests.helpers.room import BASE, csrf, serve
from tocht_cli.room.limits import MAX_STREAMS, Buckets
from tocht_cli.room.web import asgi


@pytest.fixture
def served(cli):
    sid = cli("new", "Randen", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    running = serve("--session", sid)
    yield running
    if running.process.poll() is None:
        running.stop()


def raw(served, request: bytes) -> bytes:
    """Send `request` as bytes on one connection; what came back until the server closed it or went quiet."""
    host, port = served.base.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=PATIENCE) as conn:
        conn.sendall(request)
        conn.shutdown(socket.SHUT_WR)
        got = b""
        try:
            while chunk := conn.recv(65536):
                got += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return got


def chunked_post(served, path: str, size: int, cookie: str = "") -> bytes:
    host = served.base.removeprefix("http://")
    head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
    head += (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n"
    piece = b"a=" + b"x" * 4094
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(size // len(piece) + 1)) + b"0\r\n\r\n"
    return raw(served, head.encode() + body)


def stderr_after_stop(served) -> str:
    code, err = served.stop()
    assert code == 130, err  # Ctrl-C: the documented code
    return err


def test_a_chunked_post_past_the_size_limit_gets_413_and_one_line_never_a_traceback(served):
    phone = httpx2.Client(base_url=served.base, follow_redirects=True, timeout=PATIENCE)
    phone.get(served.info["join_url"])
    joined = "; ".join(f"{name}={value}" for name, value in phone.cookies.items())
    for path, cookie in (("/", ""), ("/p/vote", joined), ("/p/join", joined)):
        answer = chunked_post(served, path, 200_000, cookie)
        assert answer.startswith(b"HTTP/1.1 413"), (path, answer[:200])
    phone.close()
    err = stderr_after_stop(served)
    assert "Traceback" not in err and "Exception" not in err, err
    assert len(re.findall(r"\b413\b", err)) == 3, err  # the status, not a port such as 41353


@pytest.mark.parametrize(
    "head",
    [
        b"Content-Length: " + b"9" * 5000,
        b"Content-Length: -1",
        b"Content-Length: 12abc",
        b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 10",
    ],
)
def test_a_malformed_request_gets_a_4xx_and_never_a_traceback(served, head):
    host = served.base.removeprefix("http://").encode()
    answer = raw(served, b"POST / HTTP/1.1\r\nHost: " + host + b"\r\n" + head + b"\r\n\r\n0123456789")
    assert answer[9:10] == b"4", answer[:200]
    err = stderr_after_stop(served)
    assert "Traceback" not in err and "Exception" not in err, err


def test_one_client_typing_wrong_pins_keeps_nobody_else_out(arena):
    guesser = TestClient(asgi(arena.site), base_url=BASE, client=("192.168.1.66", 50000))
    form = guesser.get("/").text
    codes = [guesser.post("/", data={"csrf": csrf(form), "pin": "000000"}).status_code for _ in range(15)]
    assert codes[-1] == 429
    visitor = TestClient(asgi(arena.site), base_url=BASE, client=("192.168.1.20", 50000))
    page = visitor.post("/", data={"csrf": csrf(visitor.get("/").text), "pin": arena.room.keys.pin})
    assert page.status_code == 200 and page.url.path == "/p/join"
    guesser.close()
    visitor.close()


def test_a_classroom_behind_one_address_joins_with_the_right_pin_at_once(arena):
    codes = []
    for _ in range(30):  # thirty phones behind one NAT within a second: the right PIN never counts as a guess
        phone = TestClient(asgi(arena.site), base_url=BASE, client=("192.168.1.77", 50000))
        page = phone.post("/", data={"csrf": csrf(phone.get("/").text), "pin": arena.room.keys.pin})
        codes.append((page.status_code, page.url.path))
        phone.close()
    assert codes == [(200, "/p/join")] * 30


def test_right_pins_from_one_address_have_their_own_generous_rate(arena):
    arena.site.pin_joins = Buckets(burst=3, rate=0.001)
    codes = []
    for _ in range(4):
        phone = TestClient(asgi(arena.site), base_url=BASE, client=("192.168.1.78", 50000), follow_redirects=False)
        codes.append(phone.post("/", data={"csrf": csrf(phone.get("/").text), "pin": arena.room.keys.pin}).status_code)
        phone.close()
    assert codes == [303, 303, 303, 429]


def test_many_clients_typing_wrong_pins_are_held_back_together(arena):
    import time

    codes = []
    started = time.monotonic()
    for n in range(12):
        guesser = TestClient(asgi(arena.site), base_url=BASE, client=(f"192.168.1.{n}", 50000))
        form = guesser.get("/").text
        codes += [guesser.post("/", data={"csrf": csrf(form), "pin": "000000"}).status_code for _ in range(8)]
        guesser.close()
    refilled = int(time.monotonic() - started) + 1  # one a second: more on a busy machine, where the guesses take longer
    assert codes.count(429) >= 12 * 8 - 60 - 2 - refilled  # everyone together: 60 at once (and one a second)


def test_devices_made_from_the_join_link_are_rate_limited(arena):
    arena.site.joins = Buckets(burst=5, rate=0.001)
    codes = []
    for _ in range(7):
        stranger = TestClient(asgi(arena.site), base_url=BASE, follow_redirects=False)
        codes.append(stranger.get(f"/j/{arena.room.keys.join}").status_code)
        stranger.close()
    assert codes == [303] * 5 + [429] * 2
    phone = arena.client()  # a device that joined before, scanning again, is no new device: never held back
    phone.cookies.set("tocht_device", arena.site.keys.seal("device", {"d": "a" * 24, "t": "tafel 1", "n": ""}))
    assert phone.get(f"/j/{arena.room.keys.join}", follow_redirects=False).status_code == 303


def test_a_device_holds_no_more_live_connections_than_its_cap_even_opened_at_once(arena):
    phone = arena.phone("tafel 1")
    cookie = "; ".join(f"{k}={v}" for k, v in phone.cookies.items())
    app = asgi(arena.site)
    statuses: list[int] = []

    async def opened_at_once() -> None:
        gone = asyncio.Event()

        async def receive() -> dict:
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        scope = {
            "type": "http",
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/p/events",
            "raw_path": b"/p/events",
            "root_path": "",
            "query_string": b"",
            "headers": [(b"host", b"127.0.0.1:8017"), (b"cookie", cookie.encode())],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8017),
        }
        tasks = [asyncio.create_task(app(scope, receive, send)) for _ in range(MAX_STREAMS + 4)]
        while len(statuses) < len(tasks):
            await asyncio.sleep(0)
        gone.set()
        await asyncio.gather(*tasks)

    asyncio.run(opened_at_once())
    assert sorted(statuses) == [200] * MAX_STREAMS + [429] * 4
    assert arena.site.streams == {}  # every one closed gave its place back
