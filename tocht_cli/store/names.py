"""The name index: which sessions bear a name, or came from an export, without reading them all.

`tocht new` and `tocht import` warn when a name is taken or an export is here
already. Looking through every session's record for that grows with the archive
(the list's columns read, ten thousand names folded); so the writer keeps,
beside the session files, which sessions each key belongs to:

    tocht.names/NN.json    256 buckets of {key: [ids]}, a key in bucket NN by its crc32;
                           keys: "name:" + the folded name, "from:" + a session's own id
                           and the id of the export it was imported from
    tocht.names/state.json the sessions folder (device, inode, mtime, ctime) as the
                           last tocht writer left it, and this index's version

A lookup reads one bucket. It is never trusted blindly:
- only while the sessions folder is exactly as a tocht writer left it (every
  writer stamps it before it lets go of the lock): a file copied in by a sync
  tool or by hand changes the folder, and then the index is not used (the
  caller looks through the list instead) until the next `new`, `import` or
  `doctor --repair` rebuilds it from the list's records;
- a key is added before the session file that bears it is written, and taken
  away after, so the index names a superset; each session it names is read
  and kept only when its own record still bears the key;
- a missing, damaged or unwritable index is stale, never an error: the
  session files are the truth, and the index is rebuilt from them.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tocht_cli.base.files import replace_file, store_temp
from tocht_cli.base.text import norm

VERSION = 1
BUCKETS = 256
STATE = "state.json"

Stamp = list[int]  # device, inode, mtime and ctime of the sessions folder


def name_key(name: str) -> str:
    return "name:" + norm(name)


def origin_key(session_id: str) -> str:
    return "from:" + session_id


def keys(record: dict[str, Any]) -> set[str]:
    """The keys a session's record is found under: its folded name, its own id and the id it was imported from."""
    found = {name_key(str(record.get("name", ""))), origin_key(str(record["id"]))}
    imported = record.get("imported")
    if isinstance(imported, dict) and isinstance(imported.get("id"), str):
        found.add(origin_key(imported["id"]))
    return found


class Names:
    """The name index of the sessions in `sessions_dir`, kept in `folder`; writes only under the store's lock."""

    def __init__(self, folder: Path, sessions_dir: Path):
        self.folder = folder
        self.sessions_dir = sessions_dir

    def stamp_now(self) -> Stamp | None:
        try:
            st = os.stat(self.sessions_dir)
        except OSError:
            return None
        return [st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]

    def fresh(self) -> bool:
        """Whether the sessions folder is exactly as the last writer that kept this index up to date left it."""
        try:
            state = json.loads((self.folder / STATE).read_bytes())
        except (OSError, ValueError):
            return False
        now = self.stamp_now()
        return isinstance(state, dict) and state.get("version") == VERSION and now is not None and state.get("folder") == now

    def whole(self) -> bool:
        """Whether the index can be trusted now and every bucket of it reads (what `doctor --repair` checks)."""
        return self.fresh() and all(self._bucket(self.folder / f"{n:02x}.json") is not None for n in range(BUCKETS))

    def lookup(self, key: str) -> list[str] | None:
        """The ids the index names under `key`; None when it cannot be trusted now."""
        if not self.fresh():
            return None
        bucket = self._bucket(self._bucket_path(key))
        return None if bucket is None else list(bucket.get(key, []))

    # -- writing: only with the store's lock held --------------------------------------------

    def add(self, records: Iterable[dict[str, Any]]) -> None:
        """Name these sessions under their keys (before their files are written)."""
        self._change({(key, str(r["id"])) for r in records for key in keys(r)}, adding=True)

    def remove(self, record: dict[str, Any], keep: Iterable[str] = ()) -> None:
        """Take the session away from its record's keys but `keep` (after its file no longer bears them)."""
        self._change({(key, str(record["id"])) for key in keys(record) - set(keep)}, adding=False)

    def rebuild(self, records: Iterable[dict[str, Any]]) -> None:
        """Every bucket written anew from these records (every session there is); then stamped."""
        self.invalidate()
        buckets: dict[Path, dict[str, list[str]]] = {}
        for record in records:
            for key in keys(record):
                buckets.setdefault(self._bucket_path(key), {}).setdefault(key, []).append(str(record["id"]))
        self.folder.mkdir(exist_ok=True)
        for n in range(BUCKETS):
            path = self.folder / f"{n:02x}.json"
            if path in buckets:
                self._write(path, buckets[path])
            else:
                path.unlink(missing_ok=True)
        self.stamp()

    def stamp(self) -> None:
        """Say the sessions folder is now as the index knows it. Not synced to disk: a stamp lost in a crash
        leaves the index stale, which is safe (the buckets it vouches for were synced before)."""
        now = self.stamp_now()
        if now is None:
            return
        path = self.folder / STATE
        temp = store_temp(path)
        try:
            temp.write_text(json.dumps({"version": VERSION, "folder": now}), encoding="utf-8")
            os.replace(temp, path)
        except OSError:
            self.invalidate()

    def invalidate(self) -> None:
        """Stale until rebuilt; a stamp that cannot be removed no longer matches the folder a writer changes."""
        with contextlib.suppress(OSError):
            (self.folder / STATE).unlink(missing_ok=True)

    def _change(self, pairs: set[tuple[str, str]], adding: bool) -> None:
        by_bucket: dict[Path, set[tuple[str, str]]] = {}
        for key, session_id in pairs:
            by_bucket.setdefault(self._bucket_path(key), set()).add((key, session_id))
        for path, changes in by_bucket.items():
            bucket = self._bucket(path)
            if bucket is None:
                raise OSError(f"{path} is damaged")
            for key, session_id in changes:
                ids = bucket.setdefault(key, [])
                if adding and session_id not in ids:
                    ids.append(session_id)
                elif not adding and session_id in ids:
                    ids.remove(session_id)
                if not ids:
                    del bucket[key]
            self._write(path, bucket)

    def _bucket_path(self, key: str) -> Path:
        return self.folder / f"{zlib.crc32(key.encode('utf-8')) % BUCKETS:02x}.json"

    def _bucket(self, path: Path) -> dict[str, list[str]] | None:
        """A bucket's keys and ids ({} when it has none yet); None when it is damaged."""
        try:
            found = json.loads(path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return None
        if not isinstance(found, dict) or not all(isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in found.values()):
            return None
        return found

    def _write(self, path: Path, bucket: dict[str, list[str]]) -> None:
        self.folder.mkdir(exist_ok=True)
        replace_file(path, json.dumps(bucket, ensure_ascii=False, separators=(",", ":")), temp=store_temp(path))
