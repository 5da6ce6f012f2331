"""Where the checkout's files are, and reading, comparing and breaking them."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIT_DIR = ROOT / "data" / "kits" / "tocht-2017"
# The source report the kit quotes, beside the checkout (or beside the folder of worktrees)
SEED = next(
    (p for folder in (ROOT.parent, ROOT.parent.parent) if (p := folder / "shared" / "seed" / "000_4e5995786488f585.txt").exists()),
    ROOT.parent / "shared" / "seed" / "000_4e5995786488f585.txt",
)


GOLDEN = ROOT / "tests" / "golden"


def golden(name: str, text: str) -> None:
    """Compare with a golden file; TOCHT_UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("TOCHT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def answers_file(db: Path) -> list[Path]:
    return sorted((db.parent / f"{db.stem}.sessions").glob("*.json"))


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def break_kit(kit_copy: Path, file: str, old: str, new: str) -> None:
    path = kit_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def damaged_in_place(path: Path, old: bytes, new: bytes) -> None:
    """`path` with `old` written over by `new` (the same length) in place: the same inode, size and mtime, so only
    the ctime tells that it changed (what a cache that trusts a file's identity must still see)."""
    st = os.stat(path)
    text = path.read_bytes()
    damaged = text.replace(old, new, 1)
    assert len(damaged) == len(text) and damaged != text
    with open(path, "r+b") as fh:
        fh.write(damaged)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
