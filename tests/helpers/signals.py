"""Ctrl-C sent to the console script once tocht's own code runs: told by Python itself, not by a timer.

With PYTHONPROFILEIMPORTTIME Python writes a line to stderr as each import finishes; the line
of the `tocht_cli` package says tocht's code is running (typer and the rest are still to come),
whatever the machine's load. A SIGINT sent then must end in exit 130 without a traceback.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

IMPORT_LINE = b" tocht_cli\n"  # `import time: self | cumulative |   tocht_cli`: the package, before its modules


def interrupt_when_running(script: Path, args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run `script ARGS`, send SIGINT as soon as the tocht_cli package is imported; (exit code, stdout, stderr)."""
    proc = subprocess.Popen(
        [str(script), *args], env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    seen = b""
    for line in iter(proc.stderr.readline, b""):
        seen += line
        if line.endswith(IMPORT_LINE):
            proc.send_signal(signal.SIGINT)
            break
    out, rest = proc.communicate(timeout=120)
    return proc.returncode, out, seen + rest
