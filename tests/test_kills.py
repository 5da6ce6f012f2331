"""Recording processes killed at random moments (SIGKILL and SIGINT, mostly inside a write)
lose no acknowledged answer and leave no unreadable file. The full run is bench/kills.py."""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_kills():
    name = "tocht_bench_kills"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "kills.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_recorders_lose_no_acknowledged_answer(tmp_path):
    kills = load_kills()
    lines: list[str] = []
    res = kills.run(kills=25, db=tmp_path / "kills" / "tocht.json", seed=2017, time_limit=60.0)
    kills.report(res, out=lines.append)
    summary = "\n".join(lines)

    assert res.total_kills == 25, summary
    assert res.kills["SIGKILL"] and res.kills["SIGINT"], summary
    assert sum(res.in_write.values()) > 0, summary  # the point: kills land inside writes
    assert len(res.acked) >= 25, summary  # every child acknowledged at least one answer
    assert res.lost == [], summary
    assert res.unreadable == [], summary
    assert res.damaged == [], summary
    assert res.unexpected == [], summary
    assert res.bad_exits == [] and res.tracebacks == [] and res.child_errors == [], summary
    assert set(res.findings) <= {"leftover"}, summary  # a SIGKILL mid-write may leave its temp file, nothing else
    assert res.ok, summary


def test_main_reports_and_exits_zero(tmp_path, capsys):
    kills = load_kills()
    assert kills.main(["--kills", "3", "--seed", "1", "--db", str(tmp_path / "k.json")]) == 0
    out = capsys.readouterr().out
    assert "acknowledged answers lost: 0" in out
    assert "unreadable files: 0" in out
    assert "kills: 3 (" in out
