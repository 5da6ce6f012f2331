"""Conflict copies a folder-sync tool leaves beside a session file, told by their names.

When two laptops change one session while they cannot reach each other, the sync tool keeps
one version under the session's name and the other under a name of its own. tocht reads
those names (never the tool's database) so `list` and `doctor` can say whose copy it is, and
`doctor --repair` can merge it back:

    Syncthing   ID.sync-conflict-20261207-101500-ABCDEF7.json     device, date and time
    Dropbox     ID (laptop-an's conflicted copy 2026-12-07).json   computer, date (a ' (1)' may follow)
    Nextcloud   ID (conflicted copy 2026-12-07 101500).json        date and time
    ownCloud    ID_conflict-20261207-101500.json                   date and time (older clients)
    OneDrive    ID-LAPTOP-AN.json                                  computer: only when the file's own record
                                                                  says it is session ID and ID's file exists

OneDrive's name is a session id too (letters, digits, -), so the name alone would take a session
called `tafel-2` for a copy of `tafel`: it counts as a copy only when its content agrees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query

from tocht_cli.base.errors import DatabaseError
from tocht_cli.base.i18n import _
from tocht_cli.store.shapes import (
    ANSWERS,
    BALLOTS,
    ID,
    META,
    ROOM,
    SCHEMA,
    SESSIONS,
    checked_answer,
    checked_ballot,
    checked_record,
    checked_room,
)
from tocht_cli.store.storage import DamagedDatabase, read_document

if TYPE_CHECKING:
    from tocht_cli.store import Store

Merge = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
"""The session file's document and the copy's, to the merged document (TinyDB's layout, as read)."""

_ID = ID.pattern
_PATTERNS = (
    ("syncthing", re.compile(rf"(?P<id>{_ID})\.sync-conflict-(?P<date>\d{{8}})-(?P<time>\d{{6}})-(?P<device>[A-Z0-9]{{7}})\.json")),
    (
        "dropbox",
        re.compile(rf"(?P<id>{_ID}) \((?P<device>.{{1,64}}?)'s conflicted copy (?P<date>\d{{4}}-\d{{2}}-\d{{2}})\)(?: \(\d+\))?\.json"),
    ),
    ("dropbox", re.compile(rf"(?P<id>{_ID}) \(conflicted copy (?P<date>\d{{4}}-\d{{2}}-\d{{2}})\)(?: \(\d+\))?\.json")),
    ("nextcloud", re.compile(rf"(?P<id>{_ID}) \(conflicted copy (?P<date>\d{{4}}-\d{{2}}-\d{{2}}) (?P<time>\d{{6}})\)\.json")),
    ("owncloud", re.compile(rf"(?P<id>{_ID})_conflict-(?P<date>\d{{8}})-(?P<time>\d{{6}})\.json")),
)
_ONEDRIVE = re.compile(rf"(?P<id>{_ID})-(?P<device>[A-Za-z0-9][A-Za-z0-9-]{{0,62}})\.json")


@dataclass(frozen=True)
class Copy:
    """A conflict copy of a session: its file name, the session, the tool, and where and when it says it came from."""

    name: str
    session: str
    tool: str  # syncthing | dropbox | nextcloud | owncloud | onedrive
    device: str = ""  # Syncthing's short device id, or the computer's name; "" when the name does not say
    when: str = ""  # YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, "" when the name does not say

    def as_json(self) -> dict[str, str]:
        return {"file": self.name, "session": self.session, "tool": self.tool, "device": self.device, "when": self.when}

    @classmethod
    def of(cls, found: dict[str, str]) -> Copy:
        """The copy `as_json` gave."""
        return cls(found["file"], found["session"], found["tool"], found["device"], found["when"])


def named(name: str) -> Copy | None:
    """The conflict copy a file name in the sessions folder is, by its name alone (not OneDrive's: see `onedrive`)."""
    if "conflict" not in name:  # every pattern has it: one test for the ten thousand session files
        return None
    for tool, pattern in _PATTERNS:
        found = pattern.fullmatch(name)
        if found is not None and ID.fullmatch(found["id"]):
            return Copy(name, found["id"], tool, found.groupdict().get("device") or "", _when(found.groupdict()))
    return None


def onedrive(name: str, own_id: Any, sessions: Collection[str]) -> Copy | None:
    """A file named like a session that is OneDrive's copy of another: `ID-COMPUTER.json`, whose own
    record says it is session ID, and session ID has its file."""
    found = _ONEDRIVE.fullmatch(name)
    if found is None or not isinstance(own_id, str) or own_id not in sessions:
        return None
    if not name.startswith(own_id + "-") or name == f"{own_id}.json":
        return None
    return Copy(name, own_id, "onedrive", name[len(own_id) + 1 : -len(".json")])


def _when(parts: dict[str, str | None]) -> str:
    """The moment a name gives, as ISO text (date only when it has no time)."""
    date, time = parts.get("date") or "", parts.get("time") or ""
    if len(date) == 8:
        date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return f"{date}T{time[:2]}:{time[2:4]}:{time[4:]}" if time else date


def origin(copy: Copy, saved_by: dict[str, str] | None = None) -> str:
    """Where and when the copy comes from, in words (the tool's name as it is: a name): the laptop that saved it,
    as its file says (`saved_on`); a file saved before tocht said so by what its name gives, but never
    Syncthing's device id, which names the device whose change lost, often this laptop itself."""
    from tocht_cli.base.dates import said_moment
    from tocht_cli.base.i18n import facilitator_language

    if saved_by is not None:
        when = said_moment(saved_by["at"], facilitator_language())
        return _("{tool}, saved on {laptop}, {when}").format(tool=tool_name(copy), laptop=laptop_named(saved_by), when=when)
    when = said_moment(copy.when, facilitator_language()) if copy.when else ""
    device = "" if copy.tool == "syncthing" else copy.device
    if device and when:
        return _("{tool}, from {device}, {when}").format(tool=tool_name(copy), device=device, when=when)
    if device:
        return _("{tool}, from {device}").format(tool=tool_name(copy), device=device)
    return _("{tool}, {when}").format(tool=tool_name(copy), when=when) if when else tool_name(copy)


def tool_name(copy: Copy) -> str:
    """The sync tool that made the copy, as it is called."""
    return _TOOLS[copy.tool]


def saved_on(document: dict[str, Any]) -> dict[str, str] | None:
    """Which laptop last saved a session file's document, and when (base/laptop.py); None for a file saved
    before tocht said so."""
    from tocht_cli.base.laptop import stamp_of

    meta = next(iter((document.get(META) or {}).values()), None)
    return stamp_of(meta) if isinstance(meta, dict) else None


def copy_saved_on(store: Store, copy: Copy) -> dict[str, str] | None:
    """Which laptop saved a conflict copy (`saved_on`), None when its file does not say or cannot be read."""
    try:
        return saved_on(read_copy(store.sessions_dir / copy.name))
    except DatabaseError:
        return None


def laptop_named(saved_by: dict[str, str]) -> str:
    """A laptop as a person knows it, with its label after the name, the same in `list` and `doctor --repair`, so
    that two laptops of one host name ("vm") are told apart: "this laptop ('marie-thinkpad 3f2a1c')" or
    "laptop 'jan-laptop b0b0b0'"."""
    from tocht_cli.base.laptop import this_laptop

    name = f"{saved_by['host']} {saved_by['laptop']}".strip()
    if saved_by["laptop"] and saved_by["laptop"] == this_laptop()["laptop"]:
        return _("this laptop ({name!r})").format(name=name)
    return _("laptop {name!r}").format(name=name)


_TOOLS = {"syncthing": "Syncthing", "dropbox": "Dropbox", "nextcloud": "Nextcloud", "owncloud": "ownCloud", "onedrive": "OneDrive"}


def read_copy(path: Path) -> dict[str, Any]:
    """A conflict copy's document, checked as a session file of this schema is; DamagedDatabase when it is not one."""
    document = read_document(path)
    if document is None:
        raise DamagedDatabase(path, _("it is gone"))
    metas = list((document.get(META) or {}).values())
    if not metas or metas[0].get("kind") != "session" or metas[0].get("schema") != SCHEMA:
        raise DamagedDatabase(path, _("it is not a session file of this tocht (schema {schema})").format(schema=SCHEMA))
    checked_record(metas[0].get("record"), path)
    for doc in (document.get(ANSWERS) or {}).values():
        checked_answer(doc, path)
    for doc in (document.get(BALLOTS) or {}).values():
        checked_ballot(doc, path)
    for doc in (document.get(ROOM) or {}).values():
        checked_room(doc, path)
    return document


def absorb(store: Store, copy: Copy, merge: Merge) -> dict[str, Any]:
    """Merge the copy into its session in one lock hold: both read, the merge written whole (atomically) with the
    list's cache following, and only then the copy removed. Returns the merged document."""
    path, copy_path = store.session_file(copy.session), store.sessions_dir / copy.name
    with store.locked(), store.changing(store.path, "index") as db, store.changing(path, "session") as sdb:
        mine = read_copy(path)  # the session file itself is checked as strictly as the copy
        merged = merge(mine, read_copy(copy_path))
        sdb.storage.write(merged)
        record = checked_record(next(iter(merged[META].values()))["record"], path)
        sessions = db.table(SESSIONS)
        if sessions.contains(Query().id == copy.session):
            sessions.update(_becomes(record), Query().id == copy.session)
        copy_path.unlink()
    return merged


def _becomes(record: dict[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that makes a cached record exactly `record`."""

    def replace(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(record)

    return replace
