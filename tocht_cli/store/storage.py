"""A TinyDB storage that never leaves a half-written or silently emptied file.

TinyDB's JSONStorage truncates the file and writes in place; a crash or a full
disk in between loses the database. This storage writes a temp file in the
same folder, flushes and fsyncs it, swaps it in with os.replace and fsyncs the
folder. It refuses to read a file that is not a TinyDB document (empty,
truncated, hand-edited into another shape) instead of treating it as new.
One instance lives only for one read or one lock hold, so it may keep what it
read in memory for the operations of that hold.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tocht_cli.base.errors import DatabaseError, InvalidData, os_problem
from tocht_cli.base.files import replace_file, store_temp
from tocht_cli.base.i18n import _

MAX_FILE = 256 * 1024 * 1024
_DOC_ID = re.compile(r"[1-9][0-9]{0,17}")  # what TinyDB itself writes: canonical ASCII integers


class DamagedDatabase(DatabaseError):
    def __init__(self, path: Path, what: str):
        super().__init__(
            _("the database file {path} is damaged: {problem}. It has not been changed.").format(path=path, problem=what),
            _(
                "restore it from a backup, or move it aside to start afresh "
                "(or point --db / TOCHT_DB at another file); `tocht doctor` checks the whole database"
            ),
        )


class AtomicJSONStorage(Storage):
    def __init__(self, path: Path):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._loaded = False

    def preload(self, data: dict[str, Any] | None) -> None:
        """The file as this invocation read it a moment ago (the store checked it is unchanged)."""
        self._data, self._loaded = data, True

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._data = read_document(self.path)
            self._loaded = True
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self.put(stamped(data))

    def put_back(self, data: dict[str, Any]) -> None:
        """The document as it was read, written back whole, who saved it and when included: a change taken
        back leaves the file as it was, not saved again by this laptop now."""
        self.put(data)

    def put(self, data: dict[str, Any]) -> None:
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except BaseException:
            self._loaded = False  # TinyDB changed the cached tables in place: read the file again
            raise
        self._data = data
        self._loaded = True

    def close(self) -> None:
        self._data = None
        self._loaded = False


def stamped(document: dict[str, Any]) -> dict[str, Any]:
    """A session file's document with who saves it now in its meta (base/laptop.py); any other file as it is."""
    from tocht_cli.base.laptop import stamp

    metas = document.get("meta")
    if not isinstance(metas, dict) or not metas:
        return document
    key, meta = next(iter(metas.items()))
    if not isinstance(meta, dict) or meta.get("kind") != "session":
        return document
    return {**document, "meta": {**metas, key: {**meta, "saved_by": stamp()}}}


def read_document(path: Path) -> dict[str, Any] | None:
    """The parsed file, None if it does not exist, or DamagedDatabase."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a pipe in its place must not hang us
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise DamagedDatabase(path, _("it is a folder, not a file") if stat.S_ISDIR(mode) else _("it is not a regular file"))
            raw = fh.read(MAX_FILE + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedDatabase(path, _("it is a folder, not a file")) from None
    except NotADirectoryError:
        raise DatabaseError(_("cannot read {path}: one of the folders on its path is a file").format(path=path)) from None
    except OSError as exc:
        raise DatabaseError(_("cannot read the database file {path}: {problem}").format(path=path, problem=os_problem(exc))) from None
    if len(raw) > MAX_FILE:
        raise DamagedDatabase(path, _("it is larger than {size} MiB").format(size=MAX_FILE // 2**20))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DamagedDatabase(path, _("it starts with a byte order mark (an editor saved it as 'UTF-8 with BOM')"))
    if not raw.strip():
        raise DamagedDatabase(path, _("it is empty ({size} bytes)").format(size=len(raw)))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DamagedDatabase(path, _("it is not UTF-8 text (byte {byte})").format(byte=exc.start)) from None
    except json.JSONDecodeError as exc:
        where = _("not valid JSON ({problem} at line {line}, column {column})")
        raise DamagedDatabase(path, where.format(problem=exc.msg, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise DamagedDatabase(path, _("its JSON is nested too deeply")) from None
    except ValueError as exc:  # a number with thousands of digits
        raise DamagedDatabase(path, _("not valid JSON ({problem})").format(problem=exc)) from None
    problem = _shape_problem(data)
    if problem:
        raise DamagedDatabase(path, problem)
    tables: dict[str, Any] = data
    return tables


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return _("expected an object of tables at the top, found a {type}").format(type=type(data).__name__)
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return _("table {table!r} is a {type}, not an object of documents").format(table=table[:40], type=type(docs).__name__)
        for doc_id, doc in docs.items():
            if not _DOC_ID.fullmatch(doc_id) or not isinstance(doc, dict):
                return _("table {table!r} has an entry {id!r} that is not a document").format(table=table[:40], id=doc_id[:40])
    return None


def write_atomic(path: Path, text: str) -> None:
    """Replace the database file whole, or leave the old one and say so."""
    path = Path(os.path.realpath(path))  # a session file or pointer that is a link: its target is replaced, the link stays
    try:
        replace_file(path, text, temp=store_temp(path))
    except UnicodeEncodeError:
        raise InvalidData(
            _("an answer holds text that is not valid Unicode; nothing was saved"), [_("lone surrogate characters")]
        ) from None
    except OSError as exc:
        raise DatabaseError(
            _("could not write the database file {path}: {problem}. The previous version is intact; the last change was not saved.").format(
                path=path, problem=os_problem(exc)
            ),
            _("free some disk space or check permissions, then give the answer again"),
        ) from None
