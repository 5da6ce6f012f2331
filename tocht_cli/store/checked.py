"""The list's cache, once its records passed the checks, is not checked again while it is the same file.

Checking every cached record's shape (`checked_record`) is a sixth of what
`tocht list` costs at 10,000 sessions, on every run, though the list changes
only when a session is made, renamed, picked or deleted. After a check that
found nothing wrong, the file's identity is kept in the per-user cache folder:
its inode, size, mtime and ctime (which no tool can set back), and its device
(another stick mounted in its place may number its files alike). While the file
still has exactly that identity, its records are the ones that were checked.

A file changed less than 2 s ago is not kept: a second change within one tick
of the file system's clock could leave it the same times. The identity also
names this tocht and the file that holds the checks, so new checks check again.
Like every cache, one that is missing, damaged or unwritable is ignored.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from pathlib import Path
from typing import Any

import tocht_cli.store.shapes as shapes  # the file that holds the checks
from tocht_cli import __version__
from tocht_cli.base.files import keep_cache
from tocht_cli.base.installation import cache_folder

SETTLED_NS = 2_000_000_000

# this tocht, the size and mtime of the file that holds the checks, then the file's inode, size, mtime, ctime and device
Identity = tuple[str, int, int, int, int, int, int, int]


def identity(path: Path) -> Identity | None:
    """What tells this version of the file apart from every other; None when it cannot be read."""
    try:
        st = os.stat(path)
        rules = os.stat(shapes.__file__)
    except OSError:
        return None
    return (__version__, rules.st_size, rules.st_mtime_ns, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev)


def passed(path: Path, seen: Identity) -> bool:
    """Whether the version of the file with identity `seen` passed the checks before."""
    kept = cache_file("checked", path)
    if kept is None:
        return False
    try:
        return bool(json.loads(kept.read_bytes()) == list(seen))
    except (OSError, ValueError):
        return False


def remember(path: Path, seen: Identity) -> None:
    """Keep that the version of the file with identity `seen` passed the checks (not when it changed just now)."""
    keep_json(cache_file("checked", path), max(seen[5], seen[6]), seen)


def cache_file(kind: str, path: Path) -> Path | None:
    """The file in the per-user cache folder where `kind` (checked, overview, listing) is kept about the
    database file at `path`; None when there is no cache folder."""
    base = cache_folder()
    if base is None:
        return None
    name = os.fsencode(path)
    return Path(base) / f"{kind}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"


def keep_json(where: Path | None, changed_ns: int, value: Any) -> None:
    """Keep `value` in `where`, unless what it was found in changed less than SETTLED_NS ago (a second
    change within one clock tick could go unseen); a cache that cannot be written is no error."""
    if where is not None and time.time_ns() - changed_ns >= SETTLED_NS:
        keep_cache(where, json.dumps(value))
