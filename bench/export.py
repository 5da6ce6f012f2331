"""Benchmark: `tocht export --all` of an archive, as CPU seconds and the largest process's memory.

CPU time (user + system of tocht and every worker it forked and waited for) holds
far better on a busy machine than wall-clock seconds (a loaded machine still adds some:
the load average is printed beside it). The
largest resident set is of any one process (tocht or a worker): with workers
replaced as they grow, it must stay the same whatever the number of sessions.
Builds an archive of fully answered sessions with bench/archive.py (or uses --db).
Run: python bench/export.py [--sessions 1000] [--format html] [--db PATH]
Targets (issue 19 §5): html of 1,000 sessions at most 10 s CPU; pdf at most 0.2 s
CPU per session and every process under 150 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import archive  # noqa: E402


def export_all(db: Path, fmt: str, out: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and the largest process's resident set (MB) of one `export --all`, run in a
    child of its own so that the figures are of that run alone."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - started\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(u.ru_utime + u.ru_stime, wall, u.ru_maxrss / 1024)\n"
    )
    tocht = str(Path(sys.executable).parent / "tocht")
    argv = [sys.executable, "-c", probe, tocht, "export", "--all", "-f", fmt, "--out-dir", str(out)]
    done = subprocess.run(argv, env={**env, "TOCHT_DB": str(db)}, check=True, capture_output=True, text=True)
    cpu, wall, rss = (float(x) for x in done.stdout.split())
    return cpu, wall, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--format", default="html", choices=["md", "html", "pdf", "json"])
    parser.add_argument("--db", type=Path, help="an archive to export (default: one of --sessions is built)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.setdefault("TOCHT_CACHE_DIR", str(Path(tmp) / "cache"))
        db = args.db
        if db is None:
            db = Path(tmp) / "archive" / "tocht.json"
            started = time.perf_counter()
            archive.build(db, args.sessions)
            print(f"  (archive of {args.sessions:,} built in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
        count = len(list((db.parent / (db.stem + ".sessions")).glob("*.json")))
        export_all(db, "md", Path(tmp) / "warm", env)  # the kit cache and compiled modules warm, as a laptop has them
        cpu, wall, rss = export_all(db, args.format, Path(tmp) / "out", env)
        print(
            f"tocht export --all -f {args.format} of {count:,} sessions: {cpu:.1f} s CPU ({cpu / count * 1000:.0f} ms a session), "
            f"{wall:.1f} s wall on {len(os.sched_getaffinity(0))} cores, largest process {rss:.0f} MB "
            f"(load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
