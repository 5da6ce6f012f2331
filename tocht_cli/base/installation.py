"""What is installed, known cheaply: the folders on sys.path, and a group's entry points kept between runs.

Finding the `tocht.kinds` entry points means reading the metadata of every
installed package (~15 ms with three dozen of them, on every command that
loads a kit). Installing, upgrading or removing a package adds or removes a
dist-info folder on sys.path, which changes that folder's mtime; so the
entry points found are kept in the per-user cache folder with the folders
and their mtimes, and used again while those are exactly as they were.

Standard library only, and only its cheap modules: the help cache
(cli/framework/helpcache.py) uses this before anything else is imported. A cache is never
required: one that is missing, stale, damaged or unwritable is ignored.
"""

from __future__ import annotations

import os
import sys
import zlib

SETTLED_NS = 2_000_000_000  # a folder changed this recently may change again within its mtime's tick: not kept yet


def cache_folder() -> str | None:
    """$TOCHT_CACHE_DIR, else the per-user cache folder as platformdirs names it (importing it costs ~10 ms)."""
    path = os.environ.get("TOCHT_CACHE_DIR", "")
    if path:
        return path
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return os.path.join(local, "tocht", "Cache") if local else None
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "tocht")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return os.path.join(xdg if os.path.isabs(xdg) else os.path.join(home, ".cache"), "tocht")


def paths() -> list[tuple[str, int]]:
    """Each folder on sys.path with its mtime: installing or removing a package (a kind plugin brings
    its own `tocht <kind>` commands) adds or removes a dist-info folder there, which changes it."""
    out = []
    for entry in sys.path:
        try:
            out.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            out.append((entry, 0))
    return out


def entry_points(group: str) -> list[tuple[str, str]]:
    """The (name, value) of every entry point in `group`, in the order importlib.metadata finds them."""
    import json
    import time

    folders = paths()
    key = json.dumps([sys.version, group, folders], ensure_ascii=True)
    base = cache_folder()
    # one file per Python, group and sys.path (`python -m tocht_cli` puts the current folder first), holding the mtimes
    where = json.dumps([sys.version, group, sys.path], ensure_ascii=True).encode()
    path = os.path.join(base, f"entry-points-{zlib.crc32(where):08x}{zlib.adler32(where):08x}.json") if base is not None else None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                kept = json.load(fh)
            if kept["key"] == key:
                return [(str(name), str(value)) for name, value in kept["points"]]
        except (OSError, ValueError, TypeError, KeyError):
            pass  # none kept, or damaged: look them up
    from importlib.metadata import entry_points as scan

    found = [(point.name, point.value) for point in scan(group=group)]
    if path is not None and all(time.time_ns() - mtime >= SETTLED_NS for _, mtime in folders):
        from pathlib import Path

        from tocht_cli.base.files import keep_cache

        keep_cache(Path(path), json.dumps({"key": key, "points": found}))
    return found
