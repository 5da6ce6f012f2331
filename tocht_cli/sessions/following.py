"""The sites a hub follows: their session files, read again only when a file changed (a sync tool brought a
new version, a site saved an answer), and their result together (sessions/sites.py).

Which files: the sessions named, every session held at a place (new ones found as they arrive), or every
session file of a folder a sync tool keeps (another laptop's `tocht.sessions`). Each poll lists what to follow
and stats each file; a file whose identity (device, inode, size, times) is unchanged is not read. A file that
cannot be read (half written by a tool that does not rename, or damaged) keeps the site's last good version,
and the problem is said once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tocht_cli.base.errors import TochtError, UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions.disclosure import of_record
from tocht_cli.sessions.sites import Site, SitesResult, result
from tocht_cli.sessions.workspace import Workspace
from tocht_cli.store import Store
from tocht_cli.store.shapes import SESSION_FILE

Stamp = tuple[int, int, int, int, int]  # device, inode, size, mtime, ctime: a file replaced or edited has another


@dataclass
class Followed:
    """What a hub follows: the store it reads, and the sessions (by id) or the place that pick its sites."""

    store: Store
    kits: Kits
    ids: list[str] = field(default_factory=list)  # none: every session file of the store (at `place`, when given)
    place: str | None = None
    said: Callable[[str], None] = print  # where a problem with a file is said (the hub's terminal)
    min_votes: int | None = None  # the hub's k (`--min-votes`); None: the largest the sites' rooms kept
    seen: dict[str, Stamp] = field(default_factory=dict)
    sites: dict[str, Workspace] = field(default_factory=dict)  # the last good version of each site's session
    troubled: set[str] = field(default_factory=set)

    def poll(self) -> bool:
        """Read the files that changed since the last poll; whether the result may have changed."""
        changed = False
        present = self.files()
        for gone in [sid for sid in self.seen if sid not in present]:
            del self.seen[gone]
            changed |= self.sites.pop(gone, None) is not None
        for sid, path in present.items():
            stamp = stamp_of(path)
            if stamp is None or self.seen.get(sid) == stamp:
                continue
            self.seen[sid] = stamp
            changed |= self.read(sid)
        return changed

    def files(self) -> dict[str, Path]:
        """The session files to follow now, by id: the named ones, else every one in the folder."""
        if self.ids:
            return {sid: self.store.session_file(sid) for sid in self.ids}
        try:
            names = os.listdir(self.store.sessions_dir)
        except OSError:
            return {}
        return {found[1]: self.store.sessions_dir / name for name in sorted(names) if (found := SESSION_FILE.fullmatch(name))}

    def read(self, sid: str) -> bool:
        """The session's new version, when it reads and is one to follow; whether what the hub shows changed."""
        try:
            ws = Workspace(self.store, self.store.session(sid), self.kits)
            if self.place is not None and norm(ws.session.get("place") or "") != norm(self.place):
                return self.sites.pop(sid, None) is not None
            ws.answers(), ws.ballots()  # read (and checked) now, not while the page is drawn
        except TochtError as exc:  # a damaged or vanished file, a kit not here
            if sid not in self.troubled:
                self.troubled.add(sid)
                self.said(_("{id}: cannot be read now ({problem}); showing its last good version").format(id=sid, problem=exc.message))
            return False
        self.troubled.discard(sid)
        self.sites[sid] = ws
        return True

    def result(self) -> SitesResult | None:
        """The sites together, in the first one's kit (those of another kit are left out); None before any."""
        workspaces = sorted(self.sites.values(), key=lambda ws: (ws.session.get("date") or "", ws.session["name"], ws.id))
        if not workspaces:
            return None
        kit = workspaces[0].kit
        same = [ws for ws in workspaces if ws.kit.name == kit.name]
        for ws in workspaces:
            if ws.kit.name != kit.name and ws.id not in self.troubled:
                self.troubled.add(ws.id)
                said = _("{id} {name!r} uses kit {kit}, not {ours}: left out")
                self.said(said.format(id=ws.id, name=ws.session["name"], kit=ws.kit.name, ours=kit.name))
        names = [ws.session["name"] for ws in same]
        sites = [Site(f"{n} ({ws.id})" if names.count(n) > 1 else n, ws.answers()) for n, ws in zip(names, same, strict=True)]
        k = self.min_votes or max(of_record(ws.session).min_votes for ws in same)
        return result(list(kit.exercises), sites, k)


def stamp_of(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def folder_store(folder: Path) -> Store:
    """The store whose sessions folder is `folder` (NAME.sessions, or a database folder holding tocht.sessions):
    only read here, so another laptop's synced folder is never written to."""
    if folder.name.endswith(".sessions") and folder.is_dir():
        return Store(folder.with_name(folder.name.removesuffix(".sessions") + ".json"))
    if (folder / "tocht.sessions").is_dir():
        return Store(folder / "tocht.json")
    raise UsageError(
        _("{folder} is not a folder of session files").format(folder=folder),
        _("give the sessions folder a sync tool keeps, e.g. …/tocht.sessions"),
    )
