"""The room's small parts: its address found without internet, its keys kept between starts, its limits."""

from __future__ import annotations

import socket
import stat

import pytest

from tocht_cli.room import keys as room_keys
from tocht_cli.room import network
from tocht_cli.room.limits import Buckets


def test_the_address_is_one_other_devices_can_reach_never_every_interface():
    address = network.lan_address()
    assert address != "0.0.0.0"
    assert network.usable(address) or address == "127.0.0.1"


def test_without_a_default_route_the_interfaces_are_asked(monkeypatch):
    """An offline hotspot: connecting a UDP socket anywhere fails; the interfaces still know their addresses."""

    class NoRoute(socket.socket):
        def connect(self, address):
            raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(network.socket, "socket", NoRoute)
    assert network.routed() is None
    monkeypatch.setattr(network, "interface_addresses", lambda: ["10.42.0.1"])
    assert network.lan_address() == "10.42.0.1"
    monkeypatch.setattr(network, "interface_addresses", lambda: [])
    monkeypatch.setattr(network, "resolved", lambda: None)
    assert network.lan_address() == "127.0.0.1"  # nothing else: this laptop alone


def test_the_listening_socket_is_bound_to_the_address_asked_and_picks_a_free_port():
    sock = network.listening_socket("127.0.0.1", 0)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM and sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
    assert network.url_host("fe80::1") == "[fe80::1]" and network.url_host("10.0.0.2") == "10.0.0.2"


def test_the_keys_are_kept_between_starts_readable_by_their_owner_only(tmp_path):
    path = room_keys.keys_file(tmp_path, tmp_path / "tocht.json", "abc123")
    first = room_keys.load(path)
    assert room_keys.load(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.join) >= 16 and len(first.pin) == 6 and first.pin.isdigit() and first.screen != first.join
    path.write_text("not json", encoding="utf-8")
    assert room_keys.load(path) != first  # damaged: new keys, and everyone joins again
    assert room_keys.keys_file(tmp_path, tmp_path / "other.json", "abc123") != path  # another database, other keys


def test_a_sealed_cookie_opens_only_with_its_own_key_and_purpose():
    keys, other = room_keys.Keys.new(), room_keys.Keys.new()
    sealed = keys.seal("device", {"d": "a" * 24, "t": "tafel 1"})
    assert keys.unseal("device", sealed) == {"d": "a" * 24, "t": "tafel 1"}
    assert other.unseal("device", sealed) is None
    assert keys.unseal("screen", sealed) is None
    body, signature = sealed.split(".")
    assert keys.unseal("device", body[:-2] + "xx." + signature) is None
    assert keys.unseal("device", None) is None and keys.unseal("device", "x" * 4000) is None


@pytest.mark.parametrize("burst", [1, 5])
def test_a_bucket_lets_a_burst_through_then_its_rate(burst):
    now = [0.0]
    bucket = Buckets(burst=burst, rate=1, clock=lambda: now[0])
    assert [bucket.allow("d") for _ in range(burst + 1)] == [True] * burst + [False]
    assert bucket.allow("another device")
    now[0] += 1
    assert bucket.allow("d") and not bucket.allow("d")
