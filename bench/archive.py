"""Build an archive of N fully answered sessions through the store's public API.

For benchmarks and for trying tocht on a facilitator's archive of years:
python bench/archive.py --sessions 10000 --db /tmp/archief/tocht.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from store import full_answers  # noqa: E402

from tocht_cli.kinds.registry import installed  # noqa: E402
from tocht_cli.kit import loader, shipped  # noqa: E402
from tocht_cli.store import Store  # noqa: E402

BATCH = 500  # sessions per lock hold


def build(db: Path, sessions: int) -> list[str]:
    """The ids of `sessions` new, fully answered sessions (two groups each) in the database at `db`."""
    kit = loader.load(shipped.DEFAULT_KIT, installed())
    answers = full_answers(kit, "tafel 1") + full_answers(kit, "tafel 2")
    store = Store(db)
    ids: list[str] = []
    for start in range(0, sessions, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, sessions)):
            fields = {
                "name": f"Ontmoetingsdag {n}",
                "date": f"{2017 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "place": "CC Strombeek",
                "facilitator": "TOCHT",
                "groups": ["tafel 1", "tafel 2"],
                "kit": kit.reference(),
            }
            batch.append((fields, answers))
        ids += [record["id"] for record in store.create_sessions(batch)]
    store.fold()  # the list's cache names them all, as the next rename or `tocht use` would leave it
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--db", type=Path, required=True, help="the database file to make (its folder may not hold one yet)")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists already; give a new path")
    started = time.perf_counter()
    ids = build(args.db, args.sessions)
    size = sum(p.stat().st_size for p in args.db.parent.rglob("*") if p.is_file())
    print(f"{len(ids):,} sessions in {args.db} ({size / 1e6:.0f} MB) built in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
