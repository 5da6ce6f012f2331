"""Benchmark: a facilitator's archive of 1,000 fully answered sessions.

Prints the median time to record one answer (store level: lock, read, write,
fsync) and the wall time of `tocht list` as a fresh process. Targets: at most
50 ms and 300 ms. Run: python bench/store.py [--sessions N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tocht_cli.kinds import values as v  # noqa: E402
from tocht_cli.kinds.registry import installed  # noqa: E402
from tocht_cli.kit import loader, shipped  # noqa: E402
from tocht_cli.store import EXERCISE_LEVEL, Store, now  # noqa: E402

NOTE = "Een notitie van de groep met wat argumenten, zoals ze in een vergadering vallen. " * 2


def filled(field):
    """A realistic full value for one field description."""
    if isinstance(field, v.Text):
        return NOTE if field.multiline else "Iemand van het team"
    if isinstance(field, v.Choice):
        return field.options[0]
    if isinstance(field, v.Flag):
        return True
    if isinstance(field, v.Date):
        return "2018-03-01"
    if isinstance(field, v.Counts):
        return {o: 4 for o in field.options}
    if isinstance(field, v.Ids):
        return list(field.options)
    if isinstance(field, v.Texts):
        return ["gedeeld woord", "nog een woord", "derde woord"]
    if isinstance(field, v.Rows):
        return [{name: filled(f) for name, f in field.fields} for _ in range(min(field.max_rows, 10))]
    if isinstance(field, v.Timestamp):
        return now()
    raise TypeError(field)


def full_answers(kit, group: str) -> list[dict]:
    docs = []
    for ex in kit.exercises:
        kind = ex.kind
        for item in [i.id for i in kind.items(ex)] + [EXERCISE_LEVEL]:
            try:
                fields = kind.fields(ex, item)
            except ValueError:
                continue
            if fields:
                value = kind.validate(ex, item, {n: filled(f) for n, f in fields.items()})
                docs.append({"exercise": ex.id, "item": item, "group": group, "value": value, "at": now()})
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=200, help="answers to time")
    args = parser.parse_args()
    kit = loader.load(shipped.DEFAULT_KIT, installed())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tocht.json"
        store = Store(db)
        started = time.perf_counter()
        answers = full_answers(kit, "groep 1")
        ids = []
        for n in range(args.sessions):
            fields = {
                "name": f"Sessie {n}",
                "date": "2017-09-07",
                "place": "CC Strombeek",
                "facilitator": "TOCHT",
                "groups": ["groep 1"],
                "kit": kit.reference(),
            }
            ids.append(store.create_session(fields, answers)["id"])
        store.fold()  # as the next `tocht use`, rename or import of an archive leaves it (bench/archive.py does the same)
        built = time.perf_counter() - started
        size = db.stat().st_size + sum(p.stat().st_size for p in store.sessions_dir.iterdir())

        rng = random.Random(7)
        timings = []
        for i in range(args.answers):
            sid = rng.choice(ids)
            t0 = time.perf_counter()
            store.put_answer(sid, "stellingen", "A3", "groep 1", {"position": "eens", "counts": {"eens": i}, "note": NOTE})
            timings.append(time.perf_counter() - t0)

        env = {**os.environ, "TOCHT_DB": str(db), "PYTHONPATH": str(ROOT)}
        runs = []
        for _ in range(7):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tocht_cli", "list"], env=env, stdout=subprocess.DEVNULL, check=True)
            runs.append(time.perf_counter() - t0)

    print(f"archive: {args.sessions} sessions x {len(answers)} answers, {size / 1e6:.1f} MB, built in {built:.1f} s")
    print(
        f"record one answer: median {statistics.median(timings) * 1000:.1f} ms, p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms (target <= 50 ms)"
    )
    print(f"tocht list (new process): median {statistics.median(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms (target <= 300 ms)")


if __name__ == "__main__":
    main()
