"""Replacing a file whole: temp file in the same folder, fsync, os.replace, fsync of the folder.

A reader (or a crash) sees the old file or the new one, never half of either.
The database and the exported summaries are both written this way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def replace_file(path: Path, text: str, shared: bool = False) -> None:
    """Write `text` to `path` atomically; on OSError the temp file is gone and `path` untouched.

    Temp files are private (0600); `shared` gives the result the usual
    permissions of a new file instead, for summaries meant to be passed on.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    fsync_folder(folder)


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
