"""What `tocht list` shows of each session in the list's cache, kept per version of that file.

Parsing the list's cache into ten thousand records (2.4 MB of JSON) costs ~24 ms
of every `tocht list`, which shows a handful of short fields of each. So once
the records passed the checks, those fields are kept as columns (one JSON array
each, ~3 ms to read) in the per-user cache folder, with the file's identity
(checked.py: its device, inode, size, mtime and ctime, and the checks' own
version); while the file has exactly that identity, the columns are the ones its
records give.
`list --json` and every other command read the records themselves.

A file changed less than 2 s ago is not kept, as in checked.py. Like every
cache, one that is missing, damaged or unwritable is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tocht_cli.store.checked as checked  # its SETTLED_NS read when used (tests set it)
from tocht_cli.store.checked import Identity
from tocht_cli.store.shapes import Record

# Each column's name and the types its entries may have.
COLUMNS: dict[str, frozenset[type]] = {
    "id": frozenset({str}),
    "name": frozenset({str}),
    "date": frozenset({str}),
    "place": frozenset({str}),
    "created": frozenset({str}),
    "groups": frozenset({int}),
    "kit": frozenset({str}),
    "kit_path": frozenset({str, type(None)}),
}


class Overview:
    """Columns with one entry per session, in the order of `Store.sessions()`: its id, name, date,
    place and creation time ("" when it has none), its number of groups, its kit's name ("" when
    none) and folder (None when it is a shipped kit)."""

    def __init__(self, columns: dict[str, list[Any]]):
        self.columns = columns
        self.id: list[str] = columns["id"]
        self.name: list[str] = columns["name"]
        self.date: list[str] = columns["date"]
        self.place: list[str] = columns["place"]
        self.created: list[str] = columns["created"]
        self.groups: list[int] = columns["groups"]
        self.kit: list[str] = columns["kit"]
        self.kit_path: list[str | None] = columns["kit_path"]

    @classmethod
    def of(cls, records: Iterable[Record]) -> Overview:
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for r in records:
            kit = r.get("kit") or {}
            columns["id"].append(r["id"])
            columns["name"].append(r["name"])
            columns["date"].append(r.get("date", ""))
            columns["place"].append(r.get("place", ""))
            columns["created"].append(r.get("created", ""))
            columns["groups"].append(len(r.get("groups") or ()))
            columns["kit"].append(kit.get("name") or "")
            columns["kit_path"].append(kit.get("path"))
        return cls(columns)

    def without(self, ids: set[str]) -> Overview:
        """The sessions but those of `ids`, in the same order."""
        kept = [i for i, session_id in enumerate(self.id) if session_id not in ids]
        return Overview({name: [column[i] for i in kept] for name, column in self.columns.items()})

    def __add__(self, other: Overview) -> Overview:
        return Overview({name: column + other.columns[name] for name, column in self.columns.items()})


def kept(path: Path, seen: Identity) -> Overview | None:
    """The overview kept for the version of the list's cache with identity `seen`, if there is one."""
    where = checked.cache_file("overview", path)
    if where is None:
        return None
    try:
        found = json.loads(where.read_bytes())
        if found["index"] != list(seen):
            return None
        columns = found["columns"]
        if set(columns) != set(COLUMNS) or len({len(c) for c in columns.values() if isinstance(c, list)}) != 1:
            return None
        if not all(isinstance(columns[name], list) and set(map(type, columns[name])) <= types for name, types in COLUMNS.items()):
            return None
        return Overview(columns)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def keep(path: Path, seen: Identity, overview: Overview) -> None:
    """Keep the overview of the version of the list's cache with identity `seen` (not when it changed just now)."""
    checked.keep_json(checked.cache_file("overview", path), max(seen[5], seen[6]), {"index": seen, "columns": overview.columns})
