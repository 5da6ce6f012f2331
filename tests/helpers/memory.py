"""Where the tests' temporary files go when the machine can hold them in memory (tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

MEMORY = Path("/dev/shm")  # Linux's memory-backed folder: an fsync there costs nothing


def roomy(folder: Path) -> bool:
    """A folder the run may fill: writable, with a gigabyte free (a container's /dev/shm is often 64 MB)."""
    if not os.access(folder, os.W_OK):
        return False
    usage = os.statvfs(folder)
    return usage.f_bavail * usage.f_frsize >= 2**30
