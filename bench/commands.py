"""Benchmark: each command's start-to-end time as a ratio to a one-command typer app.

Whole processes, medians, in this virtual environment: the ratio holds on a
noisy machine where milliseconds do not. Each command's runs alternate with
runs of the typer app, and its ratio is the median of its own runs over the
median of the typer app's runs beside them, so a machine that gets busier
half-way shifts both. Builds archives of fully answered sessions (100 and
--sessions) with bench/archive.py and times the commands a facilitator types
most. Run: python bench/commands.py [--sessions 10000] [--runs 15]

With --instructions each command runs once under valgrind's callgrind and its
ratio is of instructions executed, not of time: the same figure on a busy
laptop as on an idle one (valgrind must be installed; ~50x slower per run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import archive  # noqa: E402

TYPER_APP = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "tocht") -> None:
    print(f"hello {name}")


app()
"""


def run_time(argv: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def instructions(argv: list[str], env: dict) -> int:
    """The instructions `argv` executes, counted by callgrind, after one run uncounted: its caches warm
    (the per-user cache folder, the help cache), as the timed mode's median of many runs has them."""
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(re.findall(r"Collected : (\d+)", counted.stderr)[-1])


def median_times(argv: list[str], env: dict, baseline: list[str], runs: int) -> tuple[float, float]:
    """The medians of `argv`'s runs and of the typer app's runs, taken in turns."""
    times: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        base.append(run_time(baseline, env))
        times.append(run_time(argv, env))
    return statistics.median(times), statistics.median(base)


def tab(line: str) -> list:
    """No arguments and, last, the environment bash's completion script sets when Tab is pressed after `line`."""
    return [{"_TOCHT_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(line.split()))}]


def build(db: Path, sessions: int) -> str:
    """An archive of `sessions` fully answered sessions; returns the id of one in the middle."""
    ids = archive.build(db, sessions)
    return ids[len(ids) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=10_000, help="the large archive (the small one has 100)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead of timing")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    tocht = str(Path(sys.executable).parent / "tocht")
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "hello.py"
        app.write_text(TYPER_APP, encoding="utf-8")
        # A warm cache of its own, not the user's; and compiled modules, as an installed wheel has them
        # (with PYTHONDONTWRITEBYTECODE set, an editable install would compile tocht on every run).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["TOCHT_CACHE_DIR"] = str(Path(tmp) / "cache")
        compileall.compile_dir(ROOT / "tocht_cli", quiet=1)
        typer_app = [sys.executable, str(app)]
        baselines: list[float] = []
        print(f"{'command':<34}" + "".join(f"{n:>14,} sessions" for n in (100, args.sessions)))
        archives = {}
        for n in (100, args.sessions):
            db = Path(tmp) / f"a{n}" / "tocht.json"
            started = time.perf_counter()
            archives[n] = (db, build(db, n))
            print(f"  (archive of {n:,} built in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
        os.sync()  # the archives' half a gigabyte written back now, not while the commands are timed
        db, sid = archives[100]
        subprocess.run(
            [tocht, "export", sid, "-f", "json", "-o", str(Path(tmp) / "export.json")], env={**env, "TOCHT_DB": str(db)}, check=True
        )
        commands = {
            "tocht --help": lambda sid: ["--help"],
            "tocht --version": lambda sid: ["--version"],
            "tocht list": lambda sid: ["list"],
            "tocht list --all": lambda sid: ["list", "--all"],
            "tocht show ID": lambda sid: ["show", sid],
            "tocht new NAME": lambda sid: ["new", "Ontmoetingsdag 7", "-g", "tafel 1", "--yes"],
            "tocht import FILE": lambda sid: ["import", str(Path(tmp) / "export.json"), "--yes"],
            "tocht export ID": lambda sid: ["export", sid],
            "tocht statements vote A3 -g G -s ID": lambda sid: ["statements", "vote", "A3", "-p", "eens", "-g", "tafel 1", "-s", sid],
            "tocht doctor": lambda sid: ["doctor"],
            "Tab: tocht use ⇥": lambda sid: tab("tocht use "),
            "Tab: tocht statements vote -s ID -g ⇥": lambda sid: tab(f"tocht statements vote -s {sid} -g "),
        }
        for label, argv in commands.items():
            cells = []
            for n in (100, args.sessions):
                db, sid = archives[n]
                line = argv(sid)
                extra = line.pop() if isinstance(line[-1], dict) else {}
                cmd_env = {**env, **extra, "TOCHT_DB": str(db), "COLUMNS": "120"}
                if args.instructions:
                    counted, base = instructions([tocht, *line], cmd_env), instructions(typer_app, cmd_env)
                    cells.append(f"{counted / base:>8.2f}x {counted / 1e9:>5.2f} G ")
                    continue
                seconds, baseline = median_times([tocht, *line], cmd_env, typer_app, args.runs)
                baselines.append(baseline)
                cells.append(f"{seconds / baseline:>8.2f}x {seconds * 1000:>5.0f} ms")
            print(f"{label:<34}" + "".join(f"{c:>23}" for c in cells))
        if args.instructions:
            return
        db = Path(tmp) / "a1000" / "tocht.json"
        build(db, 1000)
        os.sync()
        out = Path(tmp) / "export-all"
        seconds = statistics.median(
            run_time([tocht, "export", "--all", "--out-dir", str(out)], {**env, "TOCHT_DB": str(db)}) for _ in range(3)
        )
        print(f"{'tocht export --all (1,000 sessions)':<34}{seconds:>14.1f} s   (target: at most 5 s)")
        print(f"one-command typer app: median {statistics.median(baselines) * 1000:.0f} ms (= 1.00; timed beside each command)")


if __name__ == "__main__":
    main()
