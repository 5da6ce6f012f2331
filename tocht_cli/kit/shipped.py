"""Where kits are: the shipped kits' folder and each kit's own file, and a kit's language read from
that file alone, without loading (or validating) the kit: `tocht list` writes every session's date
in its kit's language, and imports none of the kit's shape for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tocht_cli.base.data import data_root

KIT_FILE = "kit.toml"  # the kit's own file in its folder, beside one file per exercise
DEFAULT_KIT = "tocht-2017"


def builtin_names() -> list[str]:
    root = data_root() / "kits"
    return sorted(p.name for p in root.iterdir() if (p / KIT_FILE).is_file())


def language_of(ref: Mapping[str, Any]) -> str | None:
    """The language of a session's kit (its record's `kit`), read from its kit.toml alone; None when it
    cannot be read."""
    import tomllib

    folder = Path(ref["path"]) if ref.get("path") else data_root() / "kits" / (ref.get("name") or DEFAULT_KIT)
    try:
        with (folder / KIT_FILE).open("rb") as f:
            language = tomllib.load(f).get("language")
    except (OSError, ValueError):  # gone, unreadable, not TOML
        return None
    return language if isinstance(language, str) else None
