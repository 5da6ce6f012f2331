"""Finding and loading kits: the ones shipped in the package, or a folder of TOML files.

A kit comes from the kit cache (`kit/cache.py`) while its files are as they
were; otherwise `kit/validation.py` reads and validates it (with pydantic,
every problem of every file at once) and the cache keeps the result. So the
commands of a meeting neither read TOML nor build pydantic's schemas.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tocht_cli.errors import NotFound
from tocht_cli.kit.model import Kit

DEFAULT_KIT = "tocht-2017"
KIT_FILE = "kit.toml"


def data_root() -> Path:
    """The shipped data: inside the installed package, or `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "kits").is_dir():
            return candidate
    raise NotFound(f"the shipped kits are missing (looked in {here / 'data'})", "reinstall tocht")


def builtin_names() -> list[str]:
    root = data_root() / "kits"
    return sorted(p.name for p in root.iterdir() if (p / KIT_FILE).is_file())


def load(ref: str) -> Kit:
    """A kit by shipped name, or by path to its folder or its kit.toml."""
    if ref in builtin_names():
        return load_path(data_root() / "kits" / ref, builtin=True)
    path = Path(ref).expanduser()
    if path.exists():
        return load_path(path)
    raise NotFound(
        f"no kit {ref!r}: not a shipped kit ({', '.join(builtin_names())}) and no such folder",
        "see `tocht kit list`, or give the path of a kit folder",
    )


def load_path(path: Path, builtin: bool = False) -> Kit:
    path = path.resolve()
    folder = path.parent if path.is_file() else path
    return _load_folder(folder, builtin)


@lru_cache(maxsize=8)
def _load_folder(folder: Path, builtin: bool) -> Kit:
    from tocht_cli.exercises.registry import KINDS
    from tocht_cli.kit import cache

    kit = cache.read(folder, builtin, KINDS)
    if kit is None:
        from tocht_cli.kit import validation

        kit = validation.validate(folder, builtin, KINDS)
        cache.write(kit, KINDS)
    return kit
