"""What `tocht doctor` found in each session file and in the list's cache, kept per version of each file.

Reading and checking every session file whole is nearly all a checkup costs: at 10,000 sessions (480 MB)
it took 8 s of CPU, though between two checkups only the files answered in since have changed. What a
file says to the checkup depends on that file alone (its own record, its answers and room answers and
the groups they are under), so it is kept, as a few numbers and a digest of its record, in the per-user
cache folder with the file's identity (store/checked.py: inode, size, mtime, ctime, device, this tocht
and the file that holds the checks). It is used only while the file has exactly that identity; every
write replaces a session file whole, so each write makes a new identity. The same for the list's cache:
its ids, names and record digests. A file changed less than 2 s ago is not kept, nor one that could not be
read (read again, and said again, at the next checkup). Like every cache, one that is missing, damaged or
unwritable is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, NamedTuple

from tocht_cli.base.files import keep_cache
from tocht_cli.store import checked, shapes

Stat = tuple[int, int, int, int, int]  # inode, size, mtime, ctime, device


class Summary(NamedTuple):
    """What one session file tells the checkup: its answers and room answers, those under a group the
    file's record lacks ([kind, group, count]), its record's digest, id and name (None: it has none)."""

    answers: int
    ballots: int
    strays: list[list[Any]]
    digest: str | None
    own_id: str | None
    name: str


class Listed(NamedTuple):
    """A session as the list's cache names it: its record's digest and its name."""

    digest: str
    name: str


def digest(record: dict[str, Any]) -> str:
    """A short fingerprint of a record: two records have the same one when they hold the same values."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def stat_of(st: os.stat_result) -> Stat:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev)


class Kept:
    """The kept findings of one database, read once per checkup and written back when they grew."""

    def __init__(self, database: Path, sources: tuple[str, ...]) -> None:
        """`sources`: the files whose code made the findings (when one changes, nothing kept holds)."""
        self.where = checked.cache_file("health", database)
        self.whole = checked.cache_file("healthy", database)
        self.rules = _rules((shapes.__file__ or "", *sources))
        self.files: dict[str, list[Any]] = {}
        self.index: list[Any] | None = None
        self.changed = False
        self.loaded = False

    def healthy(self, state: str) -> tuple[int, int] | None:
        """The sessions and answers of the last checkup, when it found nothing wrong and the list's cache and
        every session file are the same files now (`state`); None otherwise."""
        found = _read(self.whole)
        if not isinstance(found, dict) or found.get("rules") != self.rules or found.get("state") != state:
            return None
        counts = found.get("counts")
        return (counts[0], counts[1]) if isinstance(counts, list) and len(counts) == 2 else None

    def keep_healthy(self, state: str, newest_ns: int, sessions: int, answers: int) -> None:
        """Keep that a checkup of the files in `state` found nothing wrong (unless one changed just now)."""
        if self.whole is not None and time.time_ns() - newest_ns >= checked.SETTLED_NS:
            keep_cache(self.whole, json.dumps({"rules": self.rules, "state": state, "counts": [sessions, answers]}))

    def _load(self) -> None:
        """The kept findings of each file, read the first time one is asked for (a healthy archive needs none)."""
        if self.loaded:
            return
        self.loaded = True
        found = _read(self.where)
        if isinstance(found, dict) and found.get("rules") == self.rules:
            files, index = found.get("files"), found.get("index")
            self.files = files if isinstance(files, dict) else {}
            self.index = index if isinstance(index, list) else None

    def summary(self, session_id: str, st: os.stat_result) -> Summary | None:
        """What the session's file told the last checkup, if it has the same identity now."""
        self._load()
        entry = self.files.get(session_id)
        if entry is None or tuple(entry[0]) != stat_of(st):
            return None
        try:
            return Summary(*entry[1])
        except TypeError:
            return None

    def keep_summary(self, session_id: str, st: os.stat_result, summary: Summary) -> None:
        if _settled(st):
            self.files[session_id] = [stat_of(st), list(summary)]
            self.changed = True

    def listed(self, st: os.stat_result) -> tuple[dict[str, Listed], list[str]] | None:
        """The sessions the list's cache named at the last checkup (and the ids it repeated), if it is the same file."""
        self._load()
        if self.index is None or tuple(self.index[0]) != stat_of(st):
            return None
        try:
            return {key: Listed(*value) for key, value in self.index[1].items()}, list(self.index[2])
        except (TypeError, AttributeError):
            return None

    def keep_listed(self, st: os.stat_result, sessions: dict[str, Listed], repeated: list[str]) -> None:
        if _settled(st):
            self.index = [stat_of(st), {key: list(value) for key, value in sessions.items()}, repeated]
            self.changed = True

    def save(self, there: set[str]) -> None:
        """Write what was kept back, without the files that are gone (`there`: the ids of the files there are now)."""
        if not self.loaded:
            return
        gone = self.files.keys() - there
        if not (self.changed or gone) or self.where is None:
            return
        files = {session_id: entry for session_id, entry in self.files.items() if session_id in there}
        keep_cache(self.where, json.dumps({"rules": self.rules, "index": self.index, "files": files}, ensure_ascii=False))


def state(index: os.stat_result | None, files: dict[str, os.stat_result]) -> tuple[str, int]:
    """A fingerprint of the list's cache and the session files (by id) as they are now, each by its identity,
    and the moment the newest of them changed."""
    made = hashlib.blake2b(repr(index and stat_of(index)).encode(), digest_size=16)
    newest = max(index.st_mtime_ns, index.st_ctime_ns) if index is not None else 0
    for session_id, st in files.items():
        made.update(f"{session_id}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_dev};".encode())
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    return made.hexdigest(), newest


def _rules(sources: tuple[str, ...]) -> list[Any]:
    """This tocht and the files that hold the checks: new checks check again."""
    from tocht_cli import __version__

    rules: list[Any] = [__version__]
    for source in sources:
        try:
            st = os.stat(source)
        except OSError:
            return []
        rules += [st.st_size, st.st_mtime_ns]
    return rules


def _settled(st: os.stat_result) -> bool:
    """Whether the file changed long enough ago that a second change could not leave it the same times."""
    return time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) >= checked.SETTLED_NS


def _read(where: Path | None) -> Any:
    if where is None:
        return None
    try:
        return json.loads(where.read_bytes())
    except (OSError, ValueError):
        return None
