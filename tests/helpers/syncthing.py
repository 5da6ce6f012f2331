"""Two real Syncthing instances on 127.0.0.1 sharing one folder, driven through their config XML and REST API.

Each has its own home (keys, config, database) and folder; they know each other by device id and
address only (no discovery, no relays, no announcements: nothing leaves the machine). The folder is
scanned when the test says so (no file-system watcher), so what syncs and when is the test's choice.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.patience import PATIENCE

FOLDER = "tocht-sessions"
BINARY = shutil.which("syncthing")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    """One laptop's Syncthing: its home, the folder it shares, its device id, ports and API key."""

    name: str
    home: Path
    folder: Path
    device: str = ""
    listen: int = 0
    gui: int = 0
    key: str = "tocht-test-key"
    process: subprocess.Popen[bytes] | None = None

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui}{path}", method=method, headers={"X-API-Key": self.key})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def scan(self) -> None:
        self.api("POST", f"/rest/db/scan?folder={FOLDER}")

    def pause(self, other: Instance) -> None:
        self.api("POST", f"/rest/system/pause?device={other.device}")

    def resume(self, other: Instance) -> None:
        self.api("POST", f"/rest/system/resume?device={other.device}")

    def in_sync_with(self, other: Instance) -> bool:
        found = self.api("GET", f"/rest/db/completion?folder={FOLDER}&device={other.device}")
        return isinstance(found, dict) and found.get("completion") == 100 and found.get("needItems") == 0


def generate(instance: Instance) -> None:
    subprocess.run(
        [BINARY or "syncthing", "generate", f"--home={instance.home}", "--no-default-folder", "--skip-port-probing"],
        check=True,
        capture_output=True,
        env=_env(instance),
        timeout=PATIENCE,
    )
    device = ET.parse(instance.home / "config.xml").getroot().find("device")
    assert device is not None
    instance.device = device.attrib["id"]
    instance.listen, instance.gui = free_port(), free_port()


def configure(instance: Instance, peers: list[Instance], *, dials: bool) -> None:
    """The config: one folder shared with every peer (and itself).

    Only the instance that `dials` knows its peers' loopback addresses; the other waits for the call
    ("dynamic", with discovery off, is never dialled). Two Syncthing 1.19s dialling each other at the same
    moment, as after a resume, can both drop the pair and sit in a Hello timeout for minutes.
    """
    path = instance.home / "config.xml"
    root = ET.parse(path).getroot()
    for old in [*root.findall("device"), *root.findall("folder")]:
        root.remove(old)
    folder = ET.SubElement(
        root,
        "folder",
        id=FOLDER,
        label=FOLDER,
        path=str(instance.folder),
        type="sendreceive",
        rescanIntervalS="3600",
        fsWatcherEnabled="false",
    )
    for device in [instance, *peers]:
        ET.SubElement(folder, "device", id=device.device)
        entry = ET.SubElement(root, "device", id=device.device, name=device.name, compression="metadata", introducer="false")
        dialled = dials or device is instance
        ET.SubElement(entry, "address").text = f"tcp://127.0.0.1:{device.listen}" if dialled else "dynamic"
    ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
    ET.SubElement(folder, "maxConflicts").text = "10"  # Syncthing's default for a folder made in its GUI; absent here, it is 0: no copies
    gui = root.find("gui")
    assert gui is not None
    gui.set("tls", "false")
    _set(gui, "address", f"127.0.0.1:{instance.gui}")
    _set(gui, "apikey", instance.key)
    options = root.find("options")
    assert options is not None
    for listen in options.findall("listenAddress"):
        options.remove(listen)
    _set(options, "listenAddress", f"tcp://127.0.0.1:{instance.listen}")
    quiet = {"globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false"}
    for key, value in {
        **quiet,
        "urAccepted": "-1",
        "autoUpgradeIntervalH": "0",
        "startBrowser": "false",
        "crashReportingEnabled": "false",
        "reconnectionIntervalS": "1",  # a connection reset while they meet is retried at once, not after Syncthing's 60 s
    }.items():
        _set(options, key, value)
    _set(options, "minHomeDiskFree", "0").set("unit", "%")
    ET.ElementTree(root).write(path)


def _set(parent: ET.Element, tag: str, text: str) -> ET.Element:
    found = parent.find(tag)
    if found is None:
        found = ET.SubElement(parent, tag)
    found.text = text
    return found


def _env(instance: Instance) -> dict[str, str]:
    return {**os.environ, "HOME": str(instance.home), "STNOUPGRADE": "1", "STNORESTART": "1", "STNODEFAULTFOLDER": "1"}


def start(instance: Instance) -> None:
    log = (instance.home / "syncthing.log").open("wb")
    instance.process = subprocess.Popen(
        [BINARY or "syncthing", "serve", f"--home={instance.home}", "--no-browser", "--no-restart", "--no-upgrade"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(instance),
    )
    wait_for(lambda: _pings(instance), f"{instance.name}'s Syncthing to answer", instance)


def _pings(instance: Instance) -> bool:
    try:
        return instance.api("GET", "/rest/system/ping") == {"ping": "pong"}
    except OSError:
        return False


def stop(instance: Instance) -> None:
    if instance.process is not None and instance.process.poll() is None:
        instance.process.terminate()
        try:
            instance.process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait()


def wait_for(ready: Callable[[], bool], what: str, *instances: Instance) -> None:
    """Poll until `ready` (a bound against hanging, not a measure of speed); the logs are shown when it never is."""
    deadline = time.monotonic() + PATIENCE
    while not ready():
        if time.monotonic() > deadline:
            logs = "\n".join((i.home / "syncthing.log").read_text(errors="replace")[-3000:] for i in instances)
            raise AssertionError(f"waited {PATIENCE:.0f} s for {what}\n{logs}")
        time.sleep(0.2)


@contextmanager
def pair(base: Path, folder_a: Path, folder_b: Path) -> Iterator[tuple[Instance, Instance]]:
    """Two Syncthings, laptop-a sharing `folder_a` and laptop-b `folder_b` with each other, running and connected."""
    a = Instance("laptop-a", base / "syncthing-a", folder_a)
    b = Instance("laptop-b", base / "syncthing-b", folder_b)
    for instance in (a, b):
        instance.folder.mkdir(parents=True, exist_ok=True)
        generate(instance)
    configure(a, [b], dials=True)
    configure(b, [a], dials=False)
    with ExitStack() as running:
        for instance in (a, b):
            running.callback(stop, instance)
            start(instance)
        wait_for(lambda: _connected(a, b), "the two Syncthings to connect", a, b)
        yield a, b


def _connected(a: Instance, b: Instance) -> bool:
    found = a.api("GET", "/rest/system/connections")
    return isinstance(found, dict) and bool(found.get("connections", {}).get(b.device, {}).get("connected"))
