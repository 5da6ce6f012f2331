"""tocht as a person starts it: the installed console script, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.patience import PATIENCE

SCRIPT = Path(sys.executable).parent / "tocht"

needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="tocht is not installed in this environment")


def tocht(*args: str, cache: Path | str, columns: int = 80, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "COLUMNS": str(columns), "TOCHT_CACHE_DIR": str(cache), **env}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, env=full, timeout=PATIENCE)
