"""Benchmark: `tocht dossier` over 50 fully answered sessions against 2, in CPU seconds (the same on a busy machine).

The dossier reads the session files only, so its time grows with the meetings it shows, never with the archive.
Target: at most 2 s for 50. Run: python bench/dossier.py [--sessions 50] [--format md]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive import build  # noqa: E402


def cpu_seconds(db: Path, ids: list[str], fmt: str) -> float:
    """The CPU time of one `tocht dossier` process (user + system, its children included), its output discarded."""
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime)"
    )
    command = [sys.executable, "-m", "tocht_cli", "--db", str(db), "dossier", *ids, "--format", fmt]
    return float(subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--format", default="md", choices=["md", "html", "json", "pdf"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tocht.json"
        ids = build(db, args.sessions)
        few = min(cpu_seconds(db, ids[:2], args.format) for _ in range(3))
        many = min(cpu_seconds(db, ids, args.format) for _ in range(3))
    print(f"dossier --format {args.format}: 2 sessions {few:.2f} s CPU, {args.sessions} sessions {many:.2f} s CPU, ratio {many / few:.1f}")


if __name__ == "__main__":
    main()
