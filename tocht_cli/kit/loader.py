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
from typing import TYPE_CHECKING, Any

from tocht_cli.errors import NotFound
from tocht_cli.i18n import _
from tocht_cli.kit.model import KIT_FILE, Kit

if TYPE_CHECKING:
    from tocht_cli.exercises.contract import ExerciseKind

Kinds = Mapping[str, "ExerciseKind"]

DEFAULT_KIT = "tocht-2017"


def data_root() -> Path:
    """The shipped data: inside the installed package, or `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "kits").is_dir():
            return candidate
    raise NotFound(_("the shipped kits are missing (looked in {path})").format(path=here / "data"), _("reinstall tocht"))


def builtin_names() -> list[str]:
    root = data_root() / "kits"
    return sorted(p.name for p in root.iterdir() if (p / KIT_FILE).is_file())


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


def language_of(ref: Mapping[str, Any]) -> str | None:
    """The language of a session's kit (its record's `kit`), read from its kit.toml alone; None when it
    cannot be read. `tocht list` writes every session's date in it without loading (or validating) kits."""
    import tomllib

    folder = Path(ref["path"]) if ref.get("path") else data_root() / "kits" / (ref.get("name") or DEFAULT_KIT)
    try:
        with (folder / KIT_FILE).open("rb") as f:
            language = tomllib.load(f).get("language")
    except (OSError, ValueError):  # gone, unreadable, not TOML
        return None
    return language if isinstance(language, str) else None


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
