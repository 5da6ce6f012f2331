"""Finding and loading kits: the ones shipped in the package, or a folder of TOML files.

A kit comes from the kit cache (`kit/cache.py`) while its files are as they
were; otherwise `kit/validation.py` reads and validates it (with pydantic,
every problem of every file at once) and the cache keeps the result. So the
commands of a meeting neither read TOML nor build pydantic's schemas.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tocht_cli.base.data import data_root
from tocht_cli.base.errors import NotFound
from tocht_cli.base.i18n import _
from tocht_cli.kit.shipped import builtin_names

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind, Kit

Kinds = Mapping[str, "ExerciseKind"]


def load(ref: str, kinds: Kinds) -> Kit:
    """A kit by shipped name, or by path to its folder or its kit.toml; `kinds` are the exercise kinds it may use."""
    if ref in builtin_names():
        return load_path(data_root() / "kits" / ref, kinds, builtin=True)
    path = Path(ref).expanduser()
    if path.exists():
        return load_path(path, kinds)
    raise NotFound(
        _("no kit {ref!r}: not a shipped kit ({kits}) and no such folder").format(ref=ref, kits=", ".join(builtin_names())),
        _("see `tocht kit list`, or give the path of a kit folder"),
    )


def load_path(path: Path, kinds: Kinds, builtin: bool = False) -> Kit:
    path = path.resolve()
    folder = path.parent if path.is_file() else path
    return _load_folder(folder, kinds, builtin)


@lru_cache(maxsize=8)
def _load_folder(folder: Path, kinds: Kinds, builtin: bool) -> Kit:
    from tocht_cli.kit import cache

    kit = cache.read(folder, builtin, kinds)
    if kit is None:
        from tocht_cli.kit import validation

        kit = validation.validate(folder, builtin, kinds)
        cache.write(kit, kinds)
    return kit
