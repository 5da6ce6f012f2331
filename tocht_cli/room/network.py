"""Where a room listens: the laptop's address on the local network, found without internet.

On an offline hotspot there is often no default route, so asking "which address would
reach the internet" fails; the interfaces themselves are asked next. Nothing is sent
anywhere: `connect` on a UDP socket only asks the kernel for a route.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys

NOWHERE = "198.51.100.1"  # a documentation address (TEST-NET-2): only the route to it is looked up
VIRTUAL = ("lo", "docker", "veth", "virbr", "br-", "vmnet", "vboxnet", "tun", "tap", "wg", "utun", "awdl", "llw")
_SIOCGIFADDR = {"linux": 0x8915, "darwin": 0xC0206921}


def lan_address() -> str:
    """The IPv4 address other devices on the local network reach this laptop at; 127.0.0.1 when it has none."""
    return routed() or next(iter(interface_addresses()), None) or resolved() or "127.0.0.1"


def routed() -> str | None:
    """The address the default route leaves from, when there is one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((NOWHERE, 9))
        except OSError:
            return None  # no route: an offline hotspot
        address = str(probe.getsockname()[0])
    return address if usable(address) else None


def interface_addresses() -> list[str]:
    """The IPv4 addresses of the network interfaces (not loopback, not a container's bridge), private ones first."""
    request = _SIOCGIFADDR.get(sys.platform)
    if request is None or not hasattr(socket, "if_nameindex"):
        return []
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            if name.startswith(VIRTUAL):
                continue
            try:
                packed = fcntl.ioctl(probe.fileno(), request, struct.pack("256s", name.encode()[:15]))
            except OSError:
                continue  # down, or no IPv4 address
            address = socket.inet_ntoa(packed[20:24])
            if usable(address):
                found.append(address)
    return sorted(found, key=lambda a: not ipaddress.ip_address(a).is_private)


def resolved() -> str | None:
    """What the laptop's own name resolves to (macOS: `name.local`), when it is a usable address."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    return next((str(info[4][0]) for info in infos if usable(str(info[4][0]))), None)


def usable(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_unspecified or ip.is_multicast)


def url_host(host: str) -> str:
    """A host as it goes in an address: IPv6 in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to exactly `host` (port 0: a free one), listening."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said outright: asyncio turns Nagle's algorithm off only on sockets that say so, and with
    # it on, each answer waited ~40 ms for the browser's delayed acknowledgement
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(256)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(False)
    return sock
