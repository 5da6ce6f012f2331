"""`tocht room` as its own process: the line it prints, live updates, Ctrl-C, and starting again."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import httpx2
import pytest

from tests.helpers.patience import PATIENCE
from tests.helpers.room import csrf, serve
from tocht_cli.room.serve import DEFAULT_PORT
from tocht_cli.room.stream import KEEPALIVE


@pytest.fixture
def sid(cli):
    return cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()


def join(base: str, join_url: str, table: str) -> httpx2.Client:
    phone = httpx2.Client(base_url=base, follow_redirects=True, timeout=PATIENCE)
    page = phone.get(join_url)
    phone.post("/p/join", data={"csrf": csrf(page.text), "table": table})
    return phone


def screen_of(served) -> httpx2.Client:
    screen = httpx2.Client(base_url=served.base, follow_redirects=True, timeout=PATIENCE)
    assert screen.get(served.info["screen_url"]).status_code == 200
    return screen


def control(screen: httpx2.Client, act: str) -> None:
    page = screen.get("/control")
    assert screen.post("/screen/do", data={"csrf": csrf(page.text), "do": act}).status_code == 200


def vote(phone: httpx2.Client, item: str, position: str) -> None:
    page = phone.get("/p")
    sent = phone.post("/p/vote", data={"csrf": csrf(page.text), "exercise": "stellingen", "item": item, "position": position})
    assert sent.status_code == 200, sent.text


def test_it_prints_one_json_line_as_it_listens_and_stops_cleanly_on_ctrl_c(sid):
    served = serve()
    assert set(served.info) == {"screen_url", "control_url", "join_url", "pin", "session"}
    assert served.info["session"] == sid and served.info["join_url"].startswith("http://127.0.0.1:")
    token = served.info["join_url"].rsplit("/", 1)[1]
    assert len(token) >= 16 and len(served.info["pin"]) == 6 and served.info["pin"].isdigit()
    assert served.info["screen_url"].rsplit("/", 1)[1] != token
    code, err = served.stop()
    assert code == 130, err
    assert "Traceback" not in err and f"tocht room {sid}" in err
    port = served.base.rsplit(":", 1)[1]
    assert f"--port {port}" in err and "--port 0" not in err  # reopened, the phones' address stays the same


def test_when_the_usual_port_is_taken_the_command_to_reopen_names_the_port_it_got(sid):
    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", DEFAULT_PORT))
        blocker.listen()
    except OSError:
        pass  # taken already, by something else: the same case
    try:
        served = serve(port=None)
        code, err = served.stop()
    finally:
        blocker.close()
    port = served.base.rsplit(":", 1)[1]
    assert code == 130 and port != str(DEFAULT_PORT)
    assert f"tocht room {sid} --host 127.0.0.1 --port {port}" in err


def test_sigterm_stops_it_as_cleanly(sid):
    code, err = serve().stop(15)
    assert code == 130 and "Traceback" not in err and "tocht room" in err


def test_a_vote_is_pushed_to_the_screen_not_left_for_the_keepalive(sid):
    served = serve()
    try:
        screen = screen_of(served)
        control(screen, "next-exercise")
        control(screen, "next")  # A1
        phone = join(served.base, served.info["join_url"], "tafel 1")
        seen: list[tuple[float, dict]] = []
        ready = threading.Event()

        def listen() -> None:
            with screen.stream("GET", "/screen/events", timeout=PATIENCE) as events:
                for line in events.iter_lines():
                    if line.startswith("data: "):
                        seen.append((time.monotonic(), json.loads(line[6:])))
                        ready.set()
                        if seen[-1][1]["votes"] == 1:
                            return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert ready.wait(PATIENCE)
        sent = time.monotonic()
        vote(phone, "A1", "eens")
        listener.join(PATIENCE)
        arrived, state = seen[-1]
        assert state["votes"] == 1 and state["tally"] == {}  # hidden until the reveal
        assert arrived - sent < KEEPALIVE  # woken by the change, not carried by the next keepalive (not a speed test)
    finally:
        served.stop()


def test_a_room_stopped_halfway_and_started_again_loses_nothing(run, sid):
    served = serve()
    screen = screen_of(served)
    control(screen, "next-exercise")
    control(screen, "next")
    phones = [join(served.base, served.info["join_url"], f"tafel {1 + n % 2}") for n in range(4)]
    for phone, position in zip(phones, ["eens", "oneens", "eens", "twijfel"], strict=True):
        vote(phone, "A1", position)
    served.stop()
    again = serve()
    try:
        assert (
            again.info["join_url"] == served.info["join_url"]
            or again.info["join_url"].split("/j/")[1] == served.info["join_url"].split("/j/")[1]
        )
        phone = httpx2.Client(base_url=again.base, follow_redirects=True, timeout=PATIENCE, cookies=phones[0].cookies)
        page = phone.get("/p")
        assert page.status_code == 200 and 'value="eens" checked' in page.text  # the same device, its vote kept
        screen = screen_of(again)
        control(screen, "reveal")
        assert "4" in screen.get("/screen/live").text
    finally:
        again.stop()
    assert len(run.store.ballots(sid)) == 4


def test_a_room_opened_again_listens_where_it_did_so_the_phones_keep_working(run, sid):
    from tocht_cli.room import serve as rooms

    first = rooms.start(run.workspace(sid), "127.0.0.1", 0)
    port, join_url = first.port, first.join_url
    first.stop()
    again = rooms.start(run.workspace(sid))  # `tocht run --room` without --host and --port
    try:
        assert (again.host, again.port, again.join_url) == ("127.0.0.1", port, join_url)
    finally:
        again.stop()


def test_a_room_whose_address_is_taken_now_is_not_moved_elsewhere_unasked(run, sid):
    from tocht_cli.base.errors import UsageError
    from tocht_cli.room import serve as rooms

    first = rooms.start(run.workspace(sid), "127.0.0.1", 0)
    try:
        with pytest.raises(UsageError, match="still open in another terminal"):
            rooms.start(run.workspace(sid))  # the same session's room, opened a second time
    finally:
        first.stop()
    moved = rooms.start(run.workspace(sid), port=0)  # asked for a new one
    moved.stop()
    assert moved.port != first.port


def test_a_room_whose_earlier_address_this_laptop_no_longer_has_listens_anew_and_says_so(run, sid, monkeypatch, capsys):
    import os
    from pathlib import Path

    from tocht_cli.room import serve as rooms

    first = rooms.start(run.workspace(sid), "127.0.0.1", 0)
    first.stop()
    (where,) = (Path(os.environ["TOCHT_CACHE_DIR"]) / "rooms").glob("*.address.json")
    where.write_text(json.dumps({"host": "192.0.2.1", "port": first.port}), encoding="utf-8")  # another network's address
    monkeypatch.setattr(rooms, "lan_address", lambda: "127.0.0.1")
    anew = rooms.start(run.workspace(sid))
    anew.stop()
    assert anew.host == "127.0.0.1" and "192.0.2.1" in capsys.readouterr().err


def test_a_room_reopened_on_another_port_keeps_the_address_it_listened_on_last_time(run, sid, monkeypatch):
    from tocht_cli.room import serve as rooms

    monkeypatch.setattr(rooms, "lan_address", lambda: "192.0.2.1")  # not this laptop's: listening there would fail
    first = rooms.start(run.workspace(sid), "127.0.0.1", 0)
    first.stop()
    again = rooms.start(run.workspace(sid), port=0)  # `tocht room --port N`: the host as last time, documented
    again.stop()
    assert again.host == "127.0.0.1"


def test_uvicorns_own_warnings_reach_the_facilitator_as_one_line_in_their_language(sid):
    """The trial's stray request printed uvicorn's "WARNING:  Invalid HTTP request received." in English, and
    an upgrade its advice to install a WebSocket library."""
    served = serve(env={**os.environ, "LANG": "nl_BE.UTF-8", "LANGUAGE": "nl"})
    host, port = served.base.removeprefix("http://").rsplit(":", 1)
    for request in (b"GARBAGE \x01\r\n\r\n", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=PATIENCE) as conn:
            conn.sendall(request)
            assert conn.recv(64).startswith(b"HTTP/1.1 ")  # answered, so uvicorn has said what it had to
    _, err = served.stop()
    lines = err.splitlines()
    assert "verzoek geweigerd: 400 geen geldig webverzoek" in lines
    assert "vraag om van protocol te wisselen genegeerd: de zaal beantwoordt alleen gewone webverzoeken" in lines
    assert "WARNING" not in err and "WebSocket" not in err and "Invalid HTTP" not in err
