"""A TinyDB storage that never leaves a half-written or silently emptied file.

TinyDB's JSONStorage truncates the file and writes in place; a crash or a full
disk in between loses the database. This storage writes a temp file in the
same folder, flushes and fsyncs it, swaps it in with os.replace and fsyncs the
folder. It refuses to read a file that is not a TinyDB document (empty,
truncated, hand-edited into another shape) instead of treating it as new.
One instance lives only while the store holds the cross-process lock, so it
may keep what it read in memory for the operations of that one lock hold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tocht_cli.errors import DatabaseError
from tocht_cli.files import TEMP_SUFFIX, replace_file, temp_prefix

class DamagedDatabase(DatabaseError):
    def __init__(self, path: Path, what: str):
        super().__init__(
            f"the database file {path} is damaged: {what}. It has not been changed.",
            "restore it from a backup, or move it aside to start afresh "
            "(or point --db / TOCHT_DB at another file)",
        )


class AtomicJSONStorage(Storage):
    def __init__(self, path: Path):
        self.path = Path(path)
        self._data: dict | None = None
        self._loaded = False

    def read(self) -> dict | None:
        if not self._loaded:
            self._data = read_document(self.path)
            self._loaded = True
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        self._data = data
        self._loaded = True

    def close(self) -> None:
        self._data = None
        self._loaded = False


def read_document(path: Path) -> dict | None:
    """The parsed file, None if it does not exist, or DamagedDatabase."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedDatabase(path, "it is a folder, not a file") from None
    except OSError as exc:
        raise DatabaseError(f"cannot read the database file {path}: {exc.strerror}") from None
    if not raw.strip():
        raise DamagedDatabase(path, f"it is empty ({len(raw)} bytes)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedDatabase(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise DamagedDatabase(path, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    problem = _shape_problem(data)
    if problem:
        raise DamagedDatabase(path, problem)
    return data


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return f"expected an object of tables at the top, found a {type(data).__name__}"
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return f"table {table!r} is a {type(docs).__name__}, not an object of documents"
        for doc_id, doc in docs.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                return f"table {table!r} has an entry {doc_id!r} that is not a document"
    return None


def write_atomic(path: Path, text: str) -> None:
    """Replace the database file whole, or leave the old one and say so."""
    try:
        replace_file(path, text)
    except OSError as exc:
        raise DatabaseError(
            f"could not write the database file {path}: {exc.strerror or exc}. "
            "The previous version is intact; the last answer was not saved.",
            "free some disk space or check permissions, then give the answer again",
        ) from None


def remove_leftover_temps(path: Path) -> None:
    """Temp files left by a process killed mid-write; only called under the lock."""
    for leftover in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
        try:
            leftover.unlink()
        except OSError:
            pass
