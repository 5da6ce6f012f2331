"""The only code that touches TinyDB: sessions in an index file, answers in one file per session.

Layout, for a database at `tocht.json`:
    tocht.json             index: schema version, session metadata, current session
    tocht.sessions/ID.json one TinyDB file per session with its answers
    tocht.json.lock        the cross-process lock serialising every read and write

TinyDB rewrites and re-reads a whole file on every operation; keeping answers
per session means recording one answer touches a few kilobytes, however large
a facilitator's archive grows, and `tocht list` reads only the index.
Every operation opens a fresh TinyDB inside the lock, so no process acts on a
cached next-id or an out-of-date copy.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb import Query, TinyDB

from tocht_cli.errors import DatabaseError, NotFound
from tocht_cli.store.storage import AtomicJSONStorage, remove_leftover_temps

SCHEMA = 1
LOCK_TIMEOUT = 15.0
META, SESSIONS, STATE, ANSWERS = "meta", "sessions", "state", "answers"
EXERCISE_LEVEL = "_"  # the item key of answers that belong to a whole exercise


def now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: Path):
        self.path = Path(path).expanduser().absolute()
        self.sessions_dir = self.path.with_name(self.path.stem + ".sessions")
        self._lock = None

    # -- plumbing ---------------------------------------------------------

    @contextmanager
    def _locked(self, write: bool) -> Iterator[None]:
        from filelock import FileLock, Timeout

        if write:
            try:
                self.sessions_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create {self.sessions_dir}: {exc.strerror}") from None
        if self._lock is None:
            self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            with self._lock:
                if write:
                    remove_leftover_temps(self.path)
                yield
        except Timeout:
            raise DatabaseError(
                f"the database {self.path} is busy: another tocht has held its lock for {LOCK_TIMEOUT:.0f} s",
                "close the other tocht, or try again",
            ) from None

    @contextmanager
    def _open(self, path: Path, kind: str, write: bool) -> Iterator[TinyDB | None]:
        """A TinyDB on `path`, checked for our schema; None when reading a file not made yet."""
        if not write and not path.parent.exists():
            yield None
            return
        with self._locked(write):
            if write and path != self.path:
                remove_leftover_temps(path)
            db = TinyDB(path, storage=AtomicJSONStorage)
            try:
                if db.storage.read() is None:
                    if not write:
                        yield None
                        return
                    db.table(META).insert({"schema": SCHEMA, "kind": kind, "created": now()})
                else:
                    self._check_schema(db, path, kind)
                yield db
            finally:
                db.close()

    @staticmethod
    def _check_schema(db: TinyDB, path: Path, kind: str) -> None:
        metas = db.table(META).all()
        meta = metas[0] if metas else {}
        schema = meta.get("schema")
        if meta.get("kind") != kind or not isinstance(schema, int):
            raise DatabaseError(
                f"{path} is not a tocht {kind} file (no schema version in its meta table); it has not been changed",
                "point --db / TOCHT_DB at a tocht database",
            )
        if schema > SCHEMA:
            raise DatabaseError(
                f"{path} was written by a newer tocht (schema {schema}; this one knows {SCHEMA})",
                "upgrade tocht to open it",
            )

    def _session_file(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    # -- sessions ---------------------------------------------------------

    def sessions(self) -> list[dict]:
        with self._open(self.path, "index", write=False) as db:
            if db is None:
                return []
            return [dict(doc) for doc in db.table(SESSIONS).all()]

    def session(self, session_id: str) -> dict:
        with self._open(self.path, "index", write=False) as db:
            found = db.table(SESSIONS).get(Query().id == session_id) if db is not None else None
        if found is None:
            raise NotFound(f"no session {session_id!r}", "see `tocht list`")
        return dict(found)

    def current_id(self) -> str | None:
        with self._open(self.path, "index", write=False) as db:
            if db is None:
                return None
            state = db.table(STATE).all()
            current = state[0].get("current") if state else None
            if current and db.table(SESSIONS).contains(Query().id == current):
                return current
            return None

    def create_session(self, fields: dict[str, Any], answers: list[dict] | None = None) -> dict:
        """A new session (with answers, for import and merge), made the current one."""
        with self._open(self.path, "index", write=True) as db:
            sessions = db.table(SESSIONS)
            taken = {doc.get("id") for doc in sessions.all()}
            session_id = _new_id(taken)
            doc = {"id": session_id, **fields, "created": now()}
            with self._open(self._session_file(session_id), "session", write=True) as sdb:
                sdb.table(META).update({"session": session_id})
                if answers:
                    sdb.table(ANSWERS).insert_multiple(answers)
            sessions.insert(doc)
            _set_current(db, session_id)
        return doc

    def update_session(self, session_id: str, fields: dict[str, Any]) -> dict:
        with self._open(self.path, "index", write=True) as db:
            sessions = db.table(SESSIONS)
            if not sessions.contains(Query().id == session_id):
                raise NotFound(f"no session {session_id!r}", "see `tocht list`")
            sessions.update(fields, Query().id == session_id)
            return dict(sessions.get(Query().id == session_id))

    def use(self, session_id: str) -> None:
        with self._open(self.path, "index", write=True) as db:
            _set_current(db, session_id)

    def delete_session(self, session_id: str) -> None:
        with self._open(self.path, "index", write=True) as db:
            removed = db.table(SESSIONS).remove(Query().id == session_id)
            if not removed:
                raise NotFound(f"no session {session_id!r}", "see `tocht list`")
            try:
                self._session_file(session_id).unlink()
            except FileNotFoundError:
                pass

    # -- answers ----------------------------------------------------------

    def answers(self, session_id: str) -> list[dict]:
        path = self._session_file(session_id)
        with self._open(path, "session", write=False) as db:
            return [dict(doc) for doc in db.table(ANSWERS).all()] if db is not None else []

    def put_answer(self, session_id: str, exercise: str, item: str, group: str, value: dict) -> dict:
        """Save one answer durably before returning; replaces an earlier one for the same item."""
        doc = {"exercise": exercise, "item": item, "group": group, "value": value, "at": now()}
        with self._open_answers(session_id) as table:
            found = table.get(_answer_query(exercise, item, group))
            if found is None:
                table.insert(doc)  # one write either way: TinyDB's upsert may write twice
            else:
                table.update(doc, doc_ids=[found.doc_id])
        return doc

    def delete_answer(self, session_id: str, exercise: str, item: str, group: str) -> bool:
        with self._open_answers(session_id) as table:
            return bool(table.remove(_answer_query(exercise, item, group)))

    @contextmanager
    def _open_answers(self, session_id: str):
        path = self._session_file(session_id)
        with self._locked(write=True):
            if not path.exists():
                raise NotFound(f"no session {session_id!r} (its answer file {path} is missing)", "see `tocht list`")
            with self._open(path, "session", write=True) as db:
                yield db.table(ANSWERS)


def _answer_query(exercise: str, item: str, group: str):
    q = Query()
    return (q.exercise == exercise) & (q.item == item) & (q.group == group)


def _set_current(db: TinyDB, session_id: str) -> None:
    state = db.table(STATE)
    state.truncate()
    state.insert({"current": session_id})


def _new_id(taken: set) -> str:
    while True:
        candidate = secrets.token_hex(3)
        if candidate not in taken and not candidate.isdigit():
            return candidate


def default_path() -> Path:
    """--db, else TOCHT_DB, else the per-user data folder."""
    env = os.environ.get("TOCHT_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("tocht", appauthor=False) / "tocht.json"
