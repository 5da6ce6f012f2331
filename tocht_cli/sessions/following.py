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
from typing import Any

from tocht_cli.base.errors import TochtError, UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions.disclosure import LEVEL_NAMES, hands_fields, of_record
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
    level: str | None = "network"  # the audience of the screen: each site's parts marked for it (None: everything)
    seen: dict[str, Stamp] = field(default_factory=dict)
    sites: dict[str, Workspace] = field(default_factory=dict)  # the last good version of each site's session
    troubled: set[str] = field(default_factory=set)
    told: set[tuple[str, str]] = field(default_factory=set)  # (site, heading) left out that the terminal was told of

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
        named = [(f"{n} ({ws.id})" if names.count(n) > 1 else n, ws) for n, ws in zip(names, same, strict=True)]
        sites = [Site(name, self.shown_answers(ws)) for name, ws in named]
        k = self.min_votes or max(of_record(ws.session).min_votes for ws in same)
        found = result(list(kit.exercises), sites, k)
        withheld = tuple((name, headings) for name, ws in named if (headings := self.withheld(ws)))
        self.tell_withheld(withheld)
        return SitesResult(found.sites, found.min_votes, found.exercises, withheld)

    def shown_answers(self, ws: Workspace) -> list[dict[str, Any]]:
        """A site's answers to the exercises it marked for the hub's audience (`tocht audience`), as an export
        for that audience shows them: what a site kept to its own room never reaches the other sites' screen."""
        shown = of_record(ws.session, level=self.level)
        return [doc for doc in ws.answers() if shown.shows(doc["exercise"])]

    def tell_withheld(self, withheld: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        """Say once on the terminal what a site keeps from the screen, and how that site lets it out."""
        for site, headings in withheld:
            new = [h for h in headings if (site, h) not in self.told]
            if new and self.level is not None:
                self.told.update((site, h) for h in new)
                said = _(
                    "{site}: {exercises} not marked for {audience}, so not on the hub; that site marks it with: tocht audience EXERCISE {level}"
                )
                self.said(said.format(site=site, exercises=", ".join(new), audience=_(LEVEL_NAMES[self.level]), level=self.level))

    def withheld(self, ws: Workspace) -> tuple[str, ...]:
        """The headings of the exercises with counts a site answered but did not mark for the audience."""
        shown = of_record(ws.session, level=self.level)
        answered = {doc["exercise"] for doc in ws.answers()}
        return tuple(ex.heading for ex in ws.kit.exercises if ex.id in answered and hands_fields(ex) and not shown.shows(ex.id))


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
