"""Which session files the sessions folder holds, not listed again while the folder is the same.

Listing ten thousand session files costs `tocht list` ~8 ms, on every run,
to notice the few that were copied in or removed. The names in a folder change
only by creating, removing or renaming an entry in it, and each of those sets
the folder's mtime and ctime (POSIX; no tool can set a ctime back). A sync tool
or a copy by hand writes its file elsewhere or under a temp name and renames it
in, or creates it: the folder changes either way. So after a listing, what it
found beyond the list's cache (files the cache does not name, ids the cache
names without a file) is kept in the per-user cache folder with the folder's
device, inode, mtime and ctime and the cache's identity (checked.py); while
all of those are exactly as they were, the listing would find the same.

What a listing kept does not cover, and why that is safe:
- a session file edited in place (the same name, new bytes) leaves the folder as
  it was; the listing holds names only, and a file the cache does not name is
  still read on every `list`, so its new record or its damage shows;
- an entry that is a link can lose its target without the folder changing:
  a listing that met a link (or an entry it could not look at) is not kept;
- a folder (or list's cache) changed less than 2 s ago is not kept, as in checked.py:
  a second change within one tick of the file system's clock could leave it the same times.
Like every cache, one that is missing, damaged or unwritable is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import tocht_cli.store.checked as checked  # its SETTLED_NS read when used (tests set it)
from tocht_cli.store.checked import Identity

Folder = tuple[int, int, int, int]  # device, inode, mtime and ctime of the sessions folder


def folder(path: Path) -> Folder | None:
    """What tells this state of the folder's names apart from every other; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def kept(index: Path, seen: Identity, state: Folder) -> tuple[set[str], set[str], list[str]] | None:
    """The (extra, missing) ids and conflict copies' names a listing found for this cache and this state of
    the folder, if one was kept."""
    path = checked.cache_file("listing", index)
    if path is None:
        return None
    try:
        found = json.loads(path.read_bytes())
        if found["index"] != list(seen) or found["folder"] != list(state):
            return None
        extra, missing, copies = found["extra"], found["missing"], found["conflicts"]
        if not all(isinstance(i, str) for i in [*extra, *missing, *copies]):
            return None
        return set(extra), set(missing), list(copies)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def keep(index: Path, seen: Identity, state: Folder, extra: set[str], missing: set[str], copies: list[str]) -> None:
    """Keep what a listing found (not when the folder or the list's cache changed just now)."""
    record: dict[str, Any] = {"index": seen, "folder": state, "extra": sorted(extra), "missing": sorted(missing), "conflicts": copies}
    checked.keep_json(checked.cache_file("listing", index), max(state[2], state[3], seen[5], seen[6]), record)
