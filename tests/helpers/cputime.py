"""Where the suite's CPU goes, per test file: a pytest plugin, off unless asked for.

    TOCHT_CPU_REPORT=/tmp/cpu.tsv python -m pytest -n auto --dist loadfile -p tests.helpers.cputime
    python -m tests.helpers.cputime /tmp/cpu.tsv     # the files, costliest first

Wall time misleads on a machine shared with other work (and between two xdist workers); CPU seconds do not.
Counted per test, setup and teardown included: the test's process, the children it waited for, and the ones
still running (the worker's Chromium, a `tocht room` serving), read from /proc. Each process appends one line per
file to the report (file, CPU seconds, wall seconds, tests)."""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

REPORT = "TOCHT_CPU_REPORT"
TICKS = os.sysconf("SC_CLK_TCK")


def _descendants_cpu(root: int) -> float:
    """CPU seconds of the processes below `root` still running (with the children each has waited for)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(tick) for tick in fields[11:15]) / TICKS  # utime stime cutime cstime
    below, total = {root}, 0.0
    grew = True  # a child's id may be below its parent's (ids wrap): look again until nothing is added
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in below and pid not in below:
                below.add(pid)
                total += times[pid]
                grew = True
    return total


def cpu_seconds() -> float:
    """This process's CPU, its waited-for children's and its running descendants'."""
    own = os.times()
    return own.user + own.system + own.children_user + own.children_system + _descendants_cpu(os.getpid())


class Meter:
    def __init__(self, report: str) -> None:
        self.report = report
        self.files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        cpu, wall = cpu_seconds(), time.monotonic()
        yield
        spent = self.files[item.nodeid.split("::")[0]]
        spent[0] += cpu_seconds() - cpu
        spent[1] += time.monotonic() - wall
        spent[2] += 1

    def pytest_sessionfinish(self):
        with open(self.report, "a", encoding="utf-8") as out:
            for name, (cpu, wall, tests) in self.files.items():
                out.write(f"{name}\t{cpu:.2f}\t{wall:.2f}\t{tests}\n")


def pytest_configure(config):
    report = os.environ.get(REPORT)
    if report:
        config.pluginmanager.register(Meter(report), "tocht-cpu-meter")


def summary(report: str) -> str:
    """The report's files, costliest first, with the total."""
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for line in Path(report).read_text(encoding="utf-8").splitlines():
        name, cpu, wall, tests = line.split("\t")
        for n, value in enumerate((float(cpu), float(wall), int(tests))):
            files[name][n] += value
    rows = sorted(files.items(), key=lambda row: -row[1][0])
    total = sum(cpu for cpu, _, _ in files.values())
    lines = [f"{cpu:8.1f} s CPU {wall:8.1f} s wall {int(tests):5d} tests  {name}" for name, (cpu, wall, tests) in rows]
    return "\n".join([*lines, f"{total:8.1f} s CPU in all"])


if __name__ == "__main__":
    print(summary(sys.argv[1]))
