"""Which laptop saved a session file: a short random label kept in the per-user cache folder, and the host name
for people (never an address). Two laptops that sync one folder each stamp what they save, so that `doctor
--repair` says whose edits each side of a conflict holds instead of guessing it from a sync tool's file name
(Syncthing names a copy after the device whose change lost, which is often this laptop's own)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

LABEL_FILE = "laptop-label"
_LABEL = re.compile(r"[0-9a-f]{6}")


def this_laptop() -> dict[str, str]:
    """This installation: {"laptop": its label ("" when no cache folder can keep one), "host": its name}."""
    return {"laptop": label(), "host": host()}


def stamp() -> dict[str, str]:
    """What a session file saved now keeps of who saved it: this laptop, and when."""
    import datetime as dt

    return {**this_laptop(), "at": dt.datetime.now().astimezone().replace(microsecond=0).isoformat()}


def label() -> str:
    """Six hex digits made once per user and kept in the cache folder; "" when none can be kept."""
    import secrets

    from tocht_cli.base.files import keep_cache
    from tocht_cli.base.installation import cache_folder

    folder = cache_folder()
    if folder is None:
        return ""
    path = Path(folder) / LABEL_FILE
    try:
        kept = path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        kept = ""
    if _LABEL.fullmatch(kept):
        return kept
    made = secrets.token_hex(3)
    keep_cache(path, made + "\n")
    return made if path.exists() else ""


def host() -> str:
    """The computer's name as its owner gave it (people recognise it), printable and short."""
    import socket

    return "".join(ch for ch in socket.gethostname() if ch.isprintable())[:64]


def stamp_of(meta: dict[str, Any]) -> dict[str, str] | None:
    """The stamp a session file's meta holds ({"laptop", "host", "at"}), None for a file saved before tocht
    stamped them or one edited into another shape."""
    found = meta.get("saved_by")
    if not isinstance(found, dict) or not all(isinstance(found.get(key), str) for key in ("laptop", "host", "at")):
        return None
    return {key: str(found[key]) for key in ("laptop", "host", "at")}
