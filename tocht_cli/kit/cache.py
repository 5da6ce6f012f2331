"""A validated kit kept between commands, so that a command rebuilds it without pydantic.

Validating a kit (building pydantic's schemas for every kind, then reading
and checking its files) costs ~35 ms in a command, ~100 ms in a process that
has not imported pydantic yet; a command may cost 1.2x a one-command typer
app in all. The kit a command validated is kept as JSON in a per-user cache
folder; the next command rebuilds the same frozen Structs from it (~2 ms)
while each of the kit's files, the code that defines its shape and tocht's
version are exactly as they were.

The cache is only ever an optimisation: a missing, damaged, foreign or stale
file is ignored (and replaced by the next valid load), and a folder that
cannot be written is no error. What it reads back is used only when its
checksum matches, and it can only name the kit's own Structs: JSON runs
no code, and each class it names is looked up in the kit's and the kinds'
modules and must be a Struct there.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli import __version__
from tocht_cli.base.files import keep_cache
from tocht_cli.kinds.contract import ExerciseKind, Kit

if TYPE_CHECKING:
    pass

MAGIC = b"tocht kit cache 1\n"
MAX_BYTES = 16 * 1024 * 1024
SETTLED_NS = 2_000_000_000  # a file changed this recently may change again within its mtime's tick: not cached yet
KIT_PACKAGE = Path(__file__).parent  # its modules give a kit its shape and its checks, with each kind's module


def folder() -> Path | None:
    """The per-user cache folder every cache of tocht shares (base/installation.py; None when there is no home)."""
    from tocht_cli.base.installation import cache_folder

    where = cache_folder()
    return Path(where) if where else None


def cache_file(kit_folder: Path, builtin: bool) -> Path | None:
    where = folder()
    if where is None:
        return None
    key = hashlib.sha256(f"{kit_folder}\0{builtin}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return where / f"kit-{key}.json"


def _stamp(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _modules(kinds: Mapping[str, ExerciseKind]) -> set[str]:
    """The modules whose Structs make up a kit: the kit package's, the kit's model in kinds/, each kind's module and its Spec's."""
    modules = {"tocht_cli.kinds.contract", "tocht_cli.kinds.items", "tocht_cli.kinds.tables"}
    for kind in kinds.values():
        modules |= {type(kind).__module__, getattr(kind.spec_type, "__module__", "")}
    return modules - {""}


def _code(kinds: Mapping[str, ExerciseKind]) -> dict[str, list[int]]:
    """The files of the code that gives a kit its shape and its checks, stamped (found without importing them)."""
    found = {f"{__package__}/{entry.name}": _stamp(entry.path) for entry in os.scandir(KIT_PACKAGE) if entry.name.endswith(".py")}
    for name in sorted(_modules(kinds) | {"tocht_cli.base.text"}):  # text: what counts as visible, a control character
        file = getattr(sys.modules.get(name), "__file__", None)
        if file:
            found[name] = _stamp(file)
    return found


def _fingerprint(files: list[str], kinds: Mapping[str, ExerciseKind]) -> dict[str, Any]:
    """Everything the cached kit follows from; OSError when a file is gone."""
    return {
        "tocht": __version__,
        "kinds": {name: type(kind).__module__ for name, kind in kinds.items()},
        "code": _code(kinds),
        "files": [[file, *_stamp(file)] for file in files],
    }


# -- the kit as JSON: a Struct is {"$": "module:Name", field: value…}, a path {"$path": "…"};
# every list is a tuple again (the kit's Structs are frozen and hold tuples).


def _plain(value: Any) -> Any:
    if isinstance(value, ExerciseKind):
        return {"$kind": value.name}  # an exercise's kind: by name, found again in the registry
    if isinstance(value, Struct):
        cls = type(value)
        return {"$": f"{cls.__module__}:{cls.__qualname__}", **{name: _plain(getattr(value, name)) for name in value.__struct_fields__}}
    if isinstance(value, Path):
        return {"$path": str(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in value):
            raise ValueError("a table whose keys cannot be kept")
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a {type(value).__name__} cannot be kept in the kit cache")


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


class _Rebuild:
    """The object_hook that turns the JSON back into the kit's Structs, and only into those."""

    def __init__(self, kinds: Mapping[str, ExerciseKind]):
        self.kinds = kinds
        self.modules = _modules(kinds)

    def __call__(self, table: dict[str, Any]) -> Any:
        if "$path" in table:
            return Path(table["$path"])
        if "$kind" in table:
            return self.kinds[str(table["$kind"])]
        values = {k: _tuples(v) for k, v in table.items() if k != "$"}
        if "$" not in table:
            return values
        module, _, name = str(table["$"]).partition(":")
        cls = getattr(sys.modules.get(module) if module in self.modules else None, name, None)
        if not (isinstance(cls, type) and issubclass(cls, Struct)):
            raise ValueError(f"{table['$']} is not part of a kit")
        return cls(**values)


def read(kit_folder: Path, builtin: bool, kinds: Mapping[str, ExerciseKind]) -> Kit | None:
    """The cached kit of `kit_folder`, or None when there is none that is whole and up to date."""
    try:
        path = cache_file(kit_folder, builtin)
        if path is None:
            return None
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if not data.startswith(MAGIC) or len(data) > MAX_BYTES:
            return None
        header, checksum, body = data[len(MAGIC) :].split(b"\n", 2)
        recorded = json.loads(header)
        if not isinstance(recorded, dict) or not isinstance(recorded.get("files"), list):
            return None
        files = [entry[0] for entry in recorded["files"] if isinstance(entry, list) and entry and isinstance(entry[0], str)]
        if recorded != _fingerprint(files, kinds):
            return None  # a kit file, the code or tocht changed since
        if hashlib.sha256(header + b"\n" + body).hexdigest().encode() != checksum:
            return None  # damaged
        kit = json.loads(body, object_hook=_Rebuild(kinds))
    except Exception:  # missing, unreadable, damaged or foreign: validate the kit instead
        return None
    if not isinstance(kit, Kit) or kit.path != kit_folder or kit.builtin != builtin:
        return None
    for ex in (*kit.exercises, *([kit.followup] if kit.followup else [])):
        kind = kinds.get(ex.kind.name)
        if kind is not ex.kind or type(ex.spec) is not kind.spec_type:
            return None
    return kit


def write(kit: Kit, kinds: Mapping[str, ExerciseKind]) -> None:
    """Keep a validated kit for the next command; silently nothing when that cannot be done."""
    path = cache_file(kit.path, kit.builtin)
    if path is None:
        return
    files = [str(kit.path / "kit.toml"), *(str(ex.file) for ex in (*kit.exercises, *([kit.followup] if kit.followup else [])))]
    import time

    try:
        fingerprint = _fingerprint(files, kinds)
        now = time.time_ns()
        if any(now - max(stamp[2], stamp[3]) < SETTLED_NS for stamp in fingerprint["files"]):
            return  # just edited: a second edit within the same mtime tick would go unnoticed
        header = json.dumps(fingerprint, separators=(",", ":")).encode()
        body = json.dumps(_plain(kit), separators=(",", ":")).encode()
        checksum = hashlib.sha256(header + b"\n" + body).hexdigest().encode()
        keep_cache(path, MAGIC + header + b"\n" + checksum + b"\n" + body)
    except (OSError, TypeError, ValueError, RecursionError):
        return
