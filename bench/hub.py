"""What a hub's look at the sites' files costs (`tocht hub`, sessions/following.py): the first look (every file
read), a look when nothing changed (a stat per file), and one after a single site's file changed (that file read
again), following N fully answered sessions; CPU seconds, which a busy machine sways less than wall time.

python bench/hub.py --sessions 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive import build  # noqa: E402

from tocht_cli.kinds.registry import installed  # noqa: E402
from tocht_cli.kit.kits import Kits  # noqa: E402
from tocht_cli.sessions.following import Followed  # noqa: E402
from tocht_cli.store import Store  # noqa: E402


def timed(look: Followed) -> tuple[float, bool]:
    started = time.process_time()
    changed = look.poll()
    if changed:
        look.result()
    return time.process_time() - started, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tocht-hub-") as folder:
        db = Path(folder) / "tocht.json"
        ids = build(db, args.sessions)
        store = Store(db)
        followed = Followed(Store(db), Kits(installed), said=lambda text: None)
        first, _ = timed(followed)
        unchanged, changed = timed(followed)
        assert not changed
        store.put_answer(ids[0], "stellingen", "A1", "tafel 1", {"position": "eens", "counts": {"eens": 9}, "note": ""})
        one, changed = timed(followed)
        assert changed
        print(f"{args.sessions} sessions followed: first look {first:.2f} s CPU (every file read, the result worked out)")
        print(f"  a look when nothing changed: {unchanged * 1000:.1f} ms CPU (a stat per file)")
        print(f"  a look after one file changed: {one * 1000:.1f} ms CPU (that file read again, the result worked out)")


if __name__ == "__main__":
    main()
