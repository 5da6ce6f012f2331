"""Replacing a file whole: temp file in the same folder, fsync, os.replace, fsync of the folder.

A reader (or a crash) sees the old file or the new one, never half of either.
The database, the exported summaries and every cache file are written this way.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def store_temp(path: Path) -> Path:
    """The one temp name of a database file: writers hold the lock, so a name per file is enough,
    and a temp left by a killed writer is simply overwritten by the next write."""
    return path.with_name(f"{temp_prefix(path)}write{TEMP_SUFFIX}")


def replace_file(path: Path, text: str | bytes, mode: int | None = None, temp: Path | None = None) -> None:
    """Write `text` (UTF-8 when it is str) to `path` atomically; on OSError the temp file is gone and `path` untouched.

    The result is private (0600) unless `mode` is given (summaries meant to be
    passed on). `temp` names the temp file (the store's, under its lock); else
    a unique one is made.
    """
    folder = path.parent
    data = text.encode("utf-8") if isinstance(text, str) else text
    if temp is None:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    else:
        tmp_name = str(temp)
        fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp_name, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_folder(folder)


def keep_cache(path: Path, text: str | bytes) -> None:
    """Write a file of the per-user cache folder (made, private, when it is missing) whole; a cache is
    only ever an optimisation, so one that cannot be written is no error."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        replace_file(path, text)
    except (OSError, ValueError):
        pass


def new_file_mode(path: Path) -> int:
    """The permissions a replaced file keeps: its own, or those of a new file under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
