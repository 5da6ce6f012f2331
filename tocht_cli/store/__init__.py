"""The only code that touches TinyDB: one self-describing file per session, and a list that caches them.

Layout, for a database at `tocht.json`:
    tocht.sessions/ID.json one TinyDB file per session: its answers, and its own record in `meta`
    tocht.json             the list: schema version and a cache of every session's record (for
                           `list` and for finding a session by name), rebuilt by `tocht doctor --repair`
    tocht.json.current     the current session's id: one small read for the commands that use it
    tocht.json.lock        the cross-process lock serialising every write
    tocht.names/           the name index: the sessions under each name and export they came from (names.py)

The session files are the truth: a command on one session reads only its
file, so it costs the same with ten sessions or ten thousand, and a session
file copied in by hand or by a folder-sync tool simply appears.

Every change is read, merged, validated and written inside one hold of the
lock (`update`, `update_session`, `transaction`), so two terminals never lose
each other's answers. Every file is replaced whole (see storage.py), so
reading needs no lock: a reader sees the old file or the new one, and a
database on read-only media can still be listed, shown and exported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tinydb import Query, TinyDB
from tinydb.queries import QueryInstance
from tinydb.table import Table

from tocht_cli.base.errors import DatabaseError, NotFound, TochtError, UsageError, os_problem
from tocht_cli.base.files import store_temp, temp_prefix
from tocht_cli.base.i18n import _
from tocht_cli.store import checked, conflicts, listing, names, overview
from tocht_cli.store.lock import hold, quiet
from tocht_cli.store.overview import Overview
from tocht_cli.store.shapes import (
    ANSWERS,
    BALLOTS,
    EXERCISE_LEVEL,
    HANDS,
    ID,
    META,
    ORIGINS,
    PAPER,
    PHONES,
    ROOM,
    SCHEMA,
    SESSION_FILE,
    SESSIONS,
    STATE,
    Answer,
    Ballot,
    Record,
    check_schema,
    checked_answer,
    checked_ballot,
    checked_record,
    checked_room,
)
from tocht_cli.store.shield import deferred_interrupt
from tocht_cli.store.storage import AtomicJSONStorage, DamagedDatabase, stamped, write_atomic

if TYPE_CHECKING:
    from tocht_cli.store.health import Report

__all__ = [
    "EXERCISE_LEVEL",
    "HANDS",
    "ORIGINS",
    "PAPER",
    "PHONES",
    "SCHEMA",
    "Answer",
    "Ballot",
    "Change",
    "Record",
    "SessionAnswers",
    "Store",
    "default_path",
    "now",
]

LOCK_TIMEOUT = 15.0
T = TypeVar("T")

Change = Callable[[dict[str, Any] | None], dict[str, Any] | None]
Place = Callable[[Record | None, str], str]
"""The group an answer goes under, from the session's record as it is in the lock hold (another terminal may have renamed it)."""
NewSession = (
    tuple[dict[str, Any], list[dict[str, Any]]]
    | tuple[dict[str, Any], list[dict[str, Any]], list[Ballot]]
    | tuple[dict[str, Any], list[dict[str, Any]], list[Ballot], dict[str, Any]]
)
"""A session to create: its fields, its answers, and (after a room) its participants' answers and the room's state."""
Older = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
Origin = Callable[[dict[str, Any] | None, dict[str, Any]], str | None]  # an answer before and after → where its counts come from now
"""A file's answers as they read in this schema, from what an older schema wrote (`SessionAnswers.upgrade`)."""


def now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


class SessionAnswers:
    """The answers of one session during one lock hold: read, change, and written at once.

    Besides the groups' answers, a session that ran a room holds its participants' own answers
    (`ballots`: one per device and item, keyed by a random device id) and the room's state.
    Those are read and replaced as whole tables, so a batch of votes is one write.
    """

    def __init__(self, db: TinyDB, path: Path):
        self._db = db
        self._table: Table = db.table(ANSWERS)
        self._path = path

    def all(self) -> list[dict[str, Any]]:
        return [checked_answer(doc, self._path) for doc in self._table.all()]

    def get(self, exercise: str, item: str, group: str) -> dict[str, Any] | None:
        found = self._table.get(_answer_query(exercise, item, group))
        return dict(checked_answer(found, self._path)["value"]) if found is not None else None

    def put(self, exercise: str, item: str, group: str, value: dict[str, Any], origin: str | None = None) -> dict[str, Any]:
        """Save an answer; `origin` says where its counts came from now (None: where they came from before)."""
        doc = {"exercise": exercise, "item": item, "group": group, "value": value, "at": now()}
        found = self._table.get(_answer_query(exercise, item, group))
        origin = origin or (found.get("origin") if found is not None else None)
        if origin is not None:
            doc["origin"] = origin
        if found is None:
            self._table.insert(doc)  # one write either way: TinyDB's upsert may write twice
        else:
            self._table.update(doc, doc_ids=[found.doc_id])
        return doc

    def delete(self, exercise: str, item: str, group: str) -> bool:
        return bool(self._table.remove(_answer_query(exercise, item, group)))

    def upgrade(self, older: Older) -> None:
        """A file of an older schema brought to this one in one write: every answer as `older` reads it, and
        the schema it is written in now; a file of this schema is left as it is."""
        document = self._document()
        key, meta = next(iter((document.get(META) or {"1": {}}).items()))
        if meta.get("schema", SCHEMA) >= SCHEMA:
            return
        answers = older([checked_answer(doc, self._path) for doc in (document.get(ANSWERS) or {}).values()])
        upgraded = {META: {key: {**meta, "schema": SCHEMA}}, ANSWERS: {str(n): doc for n, doc in enumerate(answers, 1)}}
        self._db.storage.write({**document, **upgraded})

    # -- a room's participants and state: whole tables, one write per batch -------------

    def ballots(self) -> list[Ballot]:
        return ballots_of(self._document(), self._path)

    def put_ballots(self, changes: list[Ballot]) -> None:
        """Save each device's answer (replacing its earlier one to the same item), all in one write;
        a change whose value is None takes the device's answer back."""
        document = self._document()
        kept = {_ballot_key(doc): doc for doc in ballots_of(document, self._path)}
        for change in changes:
            key = _ballot_key(change)
            if change.get("value") is None:
                kept.pop(key, None)
            else:
                kept[key] = checked_ballot({**change, "at": change.get("at") or now()}, self._path)
        self._replace(document, BALLOTS, list(kept.values()))

    def room(self) -> dict[str, Any]:
        return room_of(self._document(), self._path)

    def record(self) -> Record | None:
        """The session's record as it is in this lock hold (None in a file from before files carried it)."""
        metas = list((self._document().get(META) or {}).values())
        found = metas[0].get("record") if metas and isinstance(metas[0], dict) else None
        return checked_record(found, self._path) if found is not None else None

    def put_room(self, state: dict[str, Any]) -> None:
        self._replace(self._document(), ROOM, [checked_room(state, self._path)])

    def _document(self) -> dict[str, Any]:
        return cast(dict[str, Any], self._db.storage.read() or {})

    def _replace(self, document: dict[str, Any], table: str, docs: list[dict[str, Any]]) -> None:
        self._db.storage.write({**document, table: {str(n): doc for n, doc in enumerate(docs, 1)}})


def ballots_of(document: dict[str, Any], path: Path) -> list[Ballot]:
    return [checked_ballot(doc, path) for doc in (document.get(BALLOTS) or {}).values()]


def room_of(document: dict[str, Any], path: Path) -> dict[str, Any]:
    found = list((document.get(ROOM) or {}).values())
    return checked_room(found[0], path) if found else {}


def _ballot_key(doc: dict[str, Any]) -> tuple[str, str, str]:
    return (doc["exercise"], doc["item"], doc["device"])


FOLD_BATCH = 16  # a batch this large (an archive imported whole) takes its sessions into the list's cache at once:
# one rewrite for all of them, instead of every `list` reading each of their files until the next rewrite


class Store:
    def __init__(self, path: Path | str):
        self.path = database_path(path)
        self.sessions_dir = self.path.with_name(self.path.stem + ".sessions")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.current_path = self.path.with_name(self.path.name + ".current")
        self.names = names.Names(self.path.with_name(self.path.stem + ".names"), self.sessions_dir)
        self._names_kept = False  # whether this lock hold keeps the name index up to date (it was, when the hold began)
        self.on_wait: Callable[[], None] | None = None  # called when another process holds the lock
        # The file read last, with the stat it had: reading a session's record and then its answers parses
        # the file once. A file replaced since (a new inode) or edited (size, mtime) is read again. One file
        # only: `doctor` reads ten thousand, and keeping them all would cost more than it saves.
        self._last_read: tuple[Path, tuple[int, int, int], dict[str, Any] | None] | None = None
        self.unreadable: list[str] = []  # session files the last sessions() could not read
        self.conflict_copies: list[conflicts.Copy] = []  # the sync tools' conflict copies the last sessions() saw
        if self.sessions_dir.is_symlink() and not self.sessions_dir.exists():
            raise DatabaseError(
                _("the sessions folder {path} is a link to {target}, which is not there").format(
                    path=self.sessions_dir, target=os.readlink(self.sessions_dir)
                ),
                _("mount or restore the folder it points to (a USB stick, a synced folder)"),
            )

    # -- plumbing: the lock hold and the files opened in it (the store's own modules, health.py and
    # conflicts.py open the files only through these) ---------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The lock held, the folders there, and Ctrl-C held back until the change is whole."""
        if not self.sessions_dir.is_dir() and (self.path.exists() or self.path.is_symlink()):
            with self.reading(self.path, "index"):
                pass  # a file that is not a tocht database gets no lock or folder beside it
        for folder in (self.path.parent, self.sessions_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise DatabaseError(_("cannot use {path} as the database's folder: it is a file").format(path=folder)) from None
            except OSError as exc:
                raise DatabaseError(
                    _("cannot create {path}: {problem}; nothing was changed").format(path=folder, problem=os_problem(exc)),
                    _("point --db / TOCHT_DB at a writable place"),
                ) from None
        with hold(self.lock_path, self.path, LOCK_TIMEOUT, self.on_wait), deferred_interrupt():
            self._names_kept = self.names.fresh()
            try:
                yield
            finally:
                if self._names_kept:  # the sessions folder as this hold left it is the one the index knows
                    self.names.stamp()
                self._names_kept = False

    def _keep_names(self, change: Callable[[names.Names], None]) -> None:
        """Change the name index in this lock hold, if it is kept up to date; an index that cannot be written
        is left stale (the next `new` rebuilds it), never an error: it is only a shortcut."""
        if not self._names_kept:
            return
        try:
            change(self.names)
        except OSError:
            self._names_kept = False
            self.names.invalidate()

    def _rebuild_names(self) -> None:
        """The name index made anew from the list's records (and the files it does not name), in this lock hold."""
        try:
            records = self.sessions()
        except DatabaseError:  # a damaged list: `new` still works, and `doctor --repair` rebuilds both
            return
        self._names_kept = True
        self._keep_names(lambda index: index.rebuild(records))

    @contextmanager
    def reading(self, path: Path, kind: str) -> Iterator[TinyDB | None]:
        """A TinyDB on `path` (the cache or a session file) to read, checked for our schema; None when the file
        is not made yet. No lock needed."""
        db = TinyDB(path, storage=AtomicJSONStorage)
        try:
            stamp = _stamp(path)
            kept = self._last_read
            if stamp is not None and kept is not None and kept[0] == path and kept[1] == stamp:
                cast(AtomicJSONStorage, db.storage).preload(kept[2])
            try:
                found = db.storage.read()
                if stamp is not None and stamp == _stamp(path):
                    self._last_read = (path, stamp, found)
            except DamagedDatabase as exc:
                if kind == "index":  # only a cache: nothing in it is lost
                    exc.hint = _("it is only a cache of the session files: `tocht doctor --repair` moves it aside and rebuilds it")
                raise
            if found is None:
                yield None
            else:
                check_schema(db, path, kind)
                yield db
        finally:
            db.close()

    @contextmanager
    def changing(self, path: Path, kind: str) -> Iterator[TinyDB]:
        """A TinyDB on `path` to change, made with its meta table when new; the lock must be held (`locked`)."""
        db = TinyDB(path, storage=AtomicJSONStorage)
        try:
            if db.storage.read() is None:
                db.table(META).insert({"schema": SCHEMA, "kind": kind, "created": now()})
            else:
                check_schema(db, path, kind)
            yield db
        finally:
            db.close()

    def session_file(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    def protects(self, target: Path) -> bool:
        """Whether writing `target` would touch the database: its index, lock, temp or session files,
        with every link on either side followed (a sessions folder or lock may itself be a link)."""
        resolved = Path(os.path.realpath(target))
        sessions = {
            self.sessions_dir,
            Path(os.path.realpath(self.sessions_dir)),
            self.names.folder,
            Path(os.path.realpath(self.names.folder)),
        }
        own = {
            self.path,
            self.lock_path,
            self.current_path,
            Path(os.path.realpath(self.lock_path)),
            Path(os.path.realpath(self.current_path)),
        }
        if resolved in own or resolved in sessions:
            return True
        if resolved.parent == self.path.parent and resolved.name.startswith(temp_prefix(self.path)):
            return True
        return any(folder in resolved.parents for folder in sessions)

    # -- sessions ---------------------------------------------------------

    def sessions(self) -> list[Record]:
        """Every session with a file: the cached record where the list has one (so listing does
        not read ten thousand files), the file's own record where it has none (copied in by
        hand or by a sync tool). Entries whose file is gone are left out; files that cannot be
        read are named in `self.unreadable`. Commands that act on a session read its record
        from its file (`session`), so a cache that lags behind changes no answer."""
        records, missing, extra = self._listed(self._cached_records)
        return [*([r for r in records if r["id"] not in missing] if missing else records), *extra]

    def overview(self) -> Overview:
        """What `tocht list` shows of the sessions `sessions()` gives, in its order: from the columns
        kept for this version of the list's cache (store/overview.py) when there are, so the
        list's cache is not parsed."""
        found, missing, extra = self._listed(self._cached_overview)
        found = found.without(missing) if missing else found
        return found + Overview.of(extra) if extra else found

    def _listed(
        self, read: Callable[[checked.Identity | None], tuple[T, set[str], checked.Identity | None]]
    ) -> tuple[T, set[str], list[Record]]:
        """The list's cache as `read` reads it (with the ids it names), the ids it names whose file is
        gone, and the own records of the files it does not name (by id). The folder is listed
        before the cache is read, unless a listing is kept for this cache and this folder."""
        self.unreadable = []
        before = checked.identity(self.path)
        state = listing.folder(self.sessions_dir)
        known = listing.kept(self.path, before, state) if before is not None and state is not None else None
        files, plain, copies = (set(), False, []) if known is not None else self._listing()
        found, ids, seen = read(before)
        if known is not None and seen is not None:
            extra, missing, copies = known
        else:
            if known is not None:  # the list changed while it was read: what the folder holds now
                files, plain, copies = self._listing()
            extra, missing = files - ids, ids - files
            if plain and seen is not None and state is not None and state == listing.folder(self.sessions_dir):
                listing.keep(self.path, seen, state, extra, missing, copies)
        self.conflict_copies = [copy for copy in map(conflicts.named, copies) if copy is not None]
        records, present = [], (ids | extra) - missing if extra else set()
        for session_id in sorted(extra):  # after the listed ones, by id
            try:
                own = self._own_record(session_id)
                copy = self._onedrive_copy(session_id, present) if own is not None else None
            except DatabaseError as exc:
                self.unreadable.append(exc.message)
                continue
            if copy is not None:
                self.conflict_copies.append(copy)
            elif own is not None:
                records.append(own)
        return found, missing, records

    def _onedrive_copy(self, file_id: str, sessions: set[str]) -> conflicts.Copy | None:
        """OneDrive's copy of another session, named like a session (`ID-COMPUTER`): known by its own record."""
        raw = self._raw_record(file_id)
        own_id = raw.get("id") if isinstance(raw, dict) else None
        return conflicts.onedrive(f"{file_id}.json", own_id, sessions) if own_id != file_id else None

    def _cached_records(self, before: checked.Identity | None) -> tuple[list[Record], set[str], checked.Identity | None]:
        """The list's cached records, checked (once per version of the file), one per id; with their ids,
        and the identity of the version read (None when it was replaced while it was read)."""
        with self.reading(self.path, "index") as db:
            table = (db.storage.read() or {}).get(SESSIONS, {}) if db is not None else {}
            if not isinstance(table, dict):
                raise DamagedDatabase(self.path, _("its {table!r} table is not a table").format(table=SESSIONS))
        read = before if before is not None and before == checked.identity(self.path) else None  # not replaced meanwhile
        if read is not None and checked.passed(self.path, read):
            cached = [dict(doc) for doc in table.values()]
        else:
            cached = [checked_record(doc, self.path) for doc in table.values()]  # the parsed JSON: no TinyDB Document per session
            if read is not None:
                checked.remember(self.path, read)
        by_id: dict[str, Record] = {}
        for record in cached:  # one per id (a hand-edited list may repeat one: its first record, at its last place)
            by_id.setdefault(record["id"], record)
        if len(by_id) == len(cached):
            return cached, set(by_id), read  # no id repeated: already in order
        place = {r["id"]: n for n, r in enumerate(cached)}
        return [by_id[i] for i in sorted(place, key=place.__getitem__)], set(by_id), read

    def _cached_overview(self, before: checked.Identity | None) -> tuple[Overview, set[str], checked.Identity | None]:
        """The overview of the list's cached records: kept for this version of the file, or made and kept."""
        found = overview.kept(self.path, before) if before is not None else None
        if found is not None:
            return found, set(found.id), before
        records, ids, read = self._cached_records(before)
        found = Overview.of(records)
        if read is not None:
            overview.keep(self.path, read, found)
        return found, ids, read

    def session(self, session_id: str) -> dict[str, Any]:
        """One session's record, from its own file: no need to read the list of all of them."""
        record = self._own_record(session_id)
        if record is not None:
            return record
        if ID.fullmatch(session_id) and self.session_file(session_id).exists():  # a file from before files carried their record
            with self.reading(self.path, "index") as db:
                found = db.table(SESSIONS).get(Query().id == session_id) if db is not None else None
            if found is not None:
                return checked_record(found, self.path)
        raise NotFound(_("no session {ref!r}").format(ref=session_id), _("see `tocht list`"))

    def indexed(self, key: str) -> list[Record] | None:
        """The sessions whose record bears `key` (`names.name_key`, `names.origin_key`), found through the
        name index and each read from its own file, kept only when that record still bears the key (in the
        order they were made); None when the index cannot be trusted now (the caller looks through the list)."""
        ids = self.names.lookup(key)
        if ids is None:
            return None
        found = []
        for session_id in dict.fromkeys(ids):
            try:
                record = self.session(session_id)
            except TochtError:  # gone, or damaged: `list` and `doctor` say so, a warning need not
                continue
            if key in names.keys(record):
                found.append(record)
        return sorted(found, key=lambda r: (str(r.get("created", "")), r["id"]))

    def _own_record(self, session_id: str) -> dict[str, Any] | None:
        if not ID.fullmatch(session_id):
            return None
        path = self.session_file(session_id)
        with self.reading(path, "session") as db:
            if db is None:
                return None
            record = db.table(META).all()[0].get("record")
        if record is None:
            return None
        if not isinstance(record, dict):
            raise DamagedDatabase(path, _("its own record is not an object"))
        return {**checked_record(record, path), "id": session_id}

    def file_ids(self) -> set[str]:
        """The ids of every regular session file whose name is a session id."""
        return self._listing()[0]

    def _listing(self) -> tuple[set[str], bool, list[str]]:
        """The ids of every regular session file whose name is a session id, whether every such entry
        is a plain file (not a link, whose target can go without the folder changing), and the names
        of the sync tools' conflict copies (store/conflicts.py: never sessions of their own)."""
        try:
            entries = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return set(), True, []
        except OSError as exc:
            raise DatabaseError(_("cannot list {path}: {problem}").format(path=self.sessions_dir, problem=os_problem(exc))) from None
        files: set[str] = set()
        copies: list[str] = []
        plain = True
        for entry in entries:
            if conflicts.named(entry.name) is not None:
                copies.append(entry.name)
                continue
            named = SESSION_FILE.fullmatch(entry.name)  # one match per file: `list` looks at ten thousand
            if named is not None:
                try:
                    if entry.is_file():
                        files.add(named[1])
                    plain = plain and not entry.is_symlink()
                except OSError:
                    plain = False  # a link to nowhere: no session, for now
        return files, plain, sorted(copies)

    def current_id(self) -> str | None:
        """The current session, from the small pointer file (or, for an older database, the list)."""
        try:
            text = self.current_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            with self.reading(self.path, "index") as db:
                text = (_current(db) or "") if db is not None else ""
        except (OSError, UnicodeDecodeError):
            return None  # an unreadable pointer points nowhere; `tocht use` writes a new one
        if text and ID.fullmatch(text) and self.session_file(text).exists():
            return text
        return None

    def create_session(
        self,
        fields: dict[str, Any],
        answers: list[dict[str, Any]] | None = None,
        ballots: list[Ballot] | None = None,
        room: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A new session (with answers, and a room's answers and state, for import and merge), made the current one."""
        return self.create_sessions([(fields, answers or [], ballots or [], room or {})])[0]

    def create_sessions(self, batch: list[NewSession], make_current: bool = True) -> list[dict[str, Any]]:
        """New sessions in one lock hold; the last becomes the current one.

        Only the session files are written, each whole with its own record: they
        are the truth, and rewriting the list's cache (2.4 MB at ten thousand
        sessions) for each would make `new` and `import` slow with the archive.
        Readers show a file the cache does not name from its own record; the next
        rewrite of the cache takes it in (`fold`). A failure before every file is
        written removes those written; a kill leaves whole files, shown anyway.
        """
        with self.locked():
            named = self._index_bytes()
            records: list[dict[str, Any]] = []
            for fields, *_rest in batch:
                session_id = _new_id(named, {r["id"] for r in records}, self.sessions_dir)
                records.append({"id": session_id, **fields, "created": now()})
            if not self._names_kept:  # a file copied in, or a database from before the index: found again once
                self._rebuild_names()
            self._keep_names(lambda index: index.add(records))  # before the files: the index names a superset
            written: list[Path] = []
            try:
                for record, (_fields, answers, *rest) in zip(records, batch, strict=True):
                    path = self.session_file(record["id"])
                    write_session_file(path, record, answers, *rest)
                    written.append(path)
            except BaseException:
                for path in written:
                    _unlink(path)
                raise
            if not self.path.exists() or len(records) >= FOLD_BATCH:  # a new database, or an archive brought in whole:
                with self.changing(self.path, "index") as db:  # the list's cache is written once, with these in it
                    self.fold_unlisted(db)
            if make_current and records:
                write_atomic(self.current_path, records[-1]["id"] + "\n")
        return records

    def fold(self) -> None:
        """Take the session files the list's cache does not name yet into it (what `new` and `import` made)."""
        with self.locked(), self.changing(self.path, "index") as db:
            self.fold_unlisted(db)

    def fold_unlisted(self, db: TinyDB) -> None:
        """Add the own records of the session files the cache does not name; every rewrite of the cache does
        this, under the lock. A file that cannot be read, or was copied in under another name than its
        record's id, stays out (`tocht doctor` names it and adopts it)."""
        sessions = db.table(SESSIONS)
        named = {str(doc.get("id")) for doc in sessions.all()}
        found = []
        for session_id in sorted(self.file_ids() - named):
            try:
                own = self._own_record(session_id)
            except DatabaseError:
                continue
            if own is not None and own == self._raw_record(session_id):
                found.append(own)
        if found:
            sessions.insert_multiple(sorted(found, key=lambda r: (str(r.get("created", "")), r["id"])))

    def _raw_record(self, session_id: str) -> Any:
        """The record a session file carries, as written (its id too); after `_own_record` read it, no parse."""
        with self.reading(self.session_file(session_id), "session") as db:
            return db.table(META).all()[0].get("record") if db is not None else None

    def _index_bytes(self) -> bytes:
        """The list's cache as bytes, unparsed: enough to see whether it names an id (see `_new_id`)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise DatabaseError(_("cannot read {path}: {problem}").format(path=self.path, problem=os_problem(exc))) from None

    def update_session(
        self,
        session_id: str,
        change: Callable[[Record], Record],
        answers: Callable[[list[Answer]], list[dict[str, Any]]] | None = None,
        ballots: Callable[[list[Ballot]], list[dict[str, Any]]] | None = None,
    ) -> Record:
        """Change a session's record (name, groups, place…) from its latest version, under the lock;
        with `answers` (and `ballots`), its answers too (a group renamed or removed), in the same single write.

        The session file is the truth; the list's cache follows, and a change
        the cache could not take is taken back in the file too.
        """
        with self.locked(), self.changing(self.path, "index") as db:
            current = self.session(session_id)
            record = {**change(dict(current)), "id": session_id, "created": current.get("created")}
            self.fold_unlisted(db)
            sessions = db.table(SESSIONS)
            path = self.session_file(session_id)
            self._keep_names(lambda index: index.add([record]))  # before the file bears its new name
            with self.changing(path, "session") as sdb:
                before = sdb.storage.read() or {}
                metas = list((before.get(META) or {}).items())
                after = {**before, META: {key: {**doc, "record": record} if n == 0 else doc for n, (key, doc) in enumerate(metas)}}
                if answers is not None:
                    docs = [checked_answer(doc, path) for doc in (before.get(ANSWERS) or {}).values()]
                    after[ANSWERS] = {str(n): doc for n, doc in enumerate(answers(docs), 1)}
                if ballots is not None and before.get(BALLOTS):
                    after[BALLOTS] = {str(n): doc for n, doc in enumerate(ballots(ballots_of(before, path)), 1)}
                sdb.storage.write(after)  # record and answers in one atomic write
                try:
                    cached = sessions.get(Query().id == session_id)
                    if cached is None:
                        sessions.insert(record)
                    else:
                        sessions.update(_replaced_by(record), doc_ids=[cached.doc_id])
                except BaseException:
                    cast(AtomicJSONStorage, sdb.storage).put_back(before)
                    raise
            self._keep_names(lambda index: index.remove(current, keep=names.keys(record)))
            return record

    def use(self, session_id: str) -> None:
        with self.locked(), self.changing(self.path, "index") as db:
            self.session(session_id)  # NotFound when it is not there
            self.fold_unlisted(db)
            self._set_current(db, session_id)

    def _set_current(self, db: TinyDB, session_id: str) -> None:
        """The pointer file (read by every command on the current session) and, for older tochts, the list."""
        write_atomic(self.current_path, session_id + "\n")
        state = db.table(STATE)
        state.truncate()
        state.insert({"current": session_id})

    def delete_session(self, session_id: str) -> None:
        """The session file is moved aside (the session is gone for every reader), then the cache
        follows; a cache that cannot be written puts the file back, and the file goes last."""
        with self.locked(), self.changing(self.path, "index") as db:
            record = self.session(session_id)  # NotFound when it is not there
            self.fold_unlisted(db)
            path = self.session_file(session_id)
            aside = store_temp(path)
            try:
                os.replace(path, aside)
            except OSError as exc:
                raise DatabaseError(
                    _("could not delete {path}: {problem}; nothing was changed").format(path=path, problem=os_problem(exc))
                ) from None
            try:
                db.table(SESSIONS).remove(Query().id == session_id)
            except BaseException:
                os.replace(aside, path)
                raise
            _unlink(aside)
            self._keep_names(lambda index: index.remove(record))

    # -- answers ----------------------------------------------------------

    def schema(self, session_id: str) -> int:
        """The schema the session's file is written in (this one's for a file not made yet)."""
        path = self.session_file(session_id)
        with self.reading(path, "session") as db:
            metas = db.table(META).all() if db is not None else []
            return int(metas[0]["schema"]) if metas else SCHEMA

    def answers(self, session_id: str) -> list[dict[str, Any]]:
        path = self.session_file(session_id)
        with self.reading(path, "session") as db:
            return [checked_answer(doc, path) for doc in db.table(ANSWERS).all()] if db is not None else []

    def ballots(self, session_id: str) -> list[Ballot]:
        """The answers a room's participants gave on their own devices (none when it never ran a room)."""
        path = self.session_file(session_id)
        with self.reading(path, "session") as db:
            return ballots_of(db.storage.read() or {}, path) if db is not None else []

    def room(self, session_id: str) -> dict[str, Any]:
        """Where the session's room was when it last changed ({} when it never ran one)."""
        path = self.session_file(session_id)
        with self.reading(path, "session") as db:
            return room_of(db.storage.read() or {}, path) if db is not None else {}

    @contextmanager
    def transaction(self, session_id: str, older: Older | None = None) -> Iterator[SessionAnswers]:
        """The session's answers for one lock hold; each put is written (durably) before it returns. With
        `older`, a file of an older schema is first brought to this one (a change then means what it says)."""
        path = self.session_file(session_id)
        with self.locked():
            if not path.exists():
                raise NotFound(
                    _("no session {ref!r} (its answer file {path} is missing)").format(ref=session_id, path=path),
                    _("see `tocht list`; `tocht doctor` checks the database"),
                )
            with self.changing(path, "session") as db:
                answers = SessionAnswers(db, path)
                if older is not None:
                    answers.upgrade(older)
                yield answers

    def update(
        self,
        session_id: str,
        exercise: str,
        item: str,
        group: str,
        change: Change,
        place: Place | None = None,
        older: Older | None = None,
        origin: Origin | None = None,
    ) -> dict[str, Any] | None:
        """Apply `change` to the latest answer (None when there is none) and save what it returns.

        `change` runs under the lock; returning None removes the answer, raising changes nothing. `place`
        gives the group the answer is under as the session's record is in that lock hold (or raises);
        `older` as in `transaction`; `origin` says, of the answer before and after, where its counts come from
        now (None: where they came from before).
        """
        with self.transaction(session_id, older) as answers:
            group = place(answers.record(), group) if place else group
            before = answers.get(exercise, item, group)
            value = change(before)
            if value is None:
                answers.delete(exercise, item, group)
                return None
            saved: dict[str, Any] = answers.put(exercise, item, group, value, origin(before, value) if origin else None)["value"]
            return saved

    def put_answer(self, session_id: str, exercise: str, item: str, group: str, value: dict[str, Any]) -> dict[str, Any]:
        """Save one answer durably before returning; replaces an earlier one for the same item."""
        with self.transaction(session_id) as answers:
            return answers.put(exercise, item, group, value)

    def delete_answer(self, session_id: str, exercise: str, item: str, group: str, place: Place | None = None) -> bool:
        with self.transaction(session_id) as answers:
            return answers.delete(exercise, item, place(answers.record(), group) if place else group)

    # -- health -----------------------------------------------------------

    def checkup(self) -> Report:
        """What is wrong with the database, seen with no write in progress: a temp file or a session file
        the cache does not know yet is a write under way while another tocht holds the lock, so the
        lock is waited for as a writer waits (readers take none; a read-only copy has no writer)."""
        from tocht_cli.store.health import checkup

        with quiet(self.lock_path, self.path, LOCK_TIMEOUT, self.on_wait):
            return checkup(self)

    def refresh_names(self) -> bool:
        """The name index rebuilt when it cannot be trusted now or a bucket of it is damaged (`doctor --repair`); whether it was."""
        if self.names.whole():
            return False
        try:
            with self.locked():
                self._rebuild_names()
                return self._names_kept
        except DatabaseError:  # read-only media: a lookup falls back to the list, as it did
            return False

    def repair(self, confirmed: Report) -> tuple[list[str], Report]:
        """Repair what `confirmed` (a checkup the person agreed to) found and is still so, then check
        again: all under the lock, so writers in other terminals cannot make it look half done."""
        from tocht_cli.store.health import checkup, repair

        with self.locked():
            now_found = checkup(self)
            agreed = {(f.kind, f.path) for f in confirmed.findings}
            now_found.findings = [f for f in now_found.findings if (f.kind, f.path) in agreed]
            done = repair(self, now_found)
            self._rebuild_names()
            return done, checkup(self)


def database_path(path: Path | str) -> Path:
    """The database file, symlinks followed (the link stays; its target is what gets replaced).

    A link into a folder that is gone is refused rather than followed: it
    usually means the synced folder or the stick is not there, and a fresh
    empty database in its place would split the archive in two.
    """
    if str(path).strip() == "":
        raise UsageError(_("--db / TOCHT_DB is empty; give the path of a database file"))
    given = Path(path).expanduser().absolute()
    resolved = Path(os.path.realpath(given))
    if given.is_symlink() and not resolved.parent.is_dir():
        raise DatabaseError(
            _("the database {path} is a link to {target}, which does not exist").format(path=given, target=resolved),
            _("mount or restore the folder it points to, or remove the link to start a new database"),
        )
    if resolved.is_dir():
        raise DatabaseError(
            _("the database {path} is a folder; give the path of a file inside it, e.g. {example}").format(
                path=given, example=given / "tocht.json"
            )
        )
    return resolved


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a file apart from the one read before: a replaced file has a new inode."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _answer_query(exercise: str, item: str, group: str) -> QueryInstance:
    q = Query()
    query: QueryInstance = (q.exercise == exercise) & (q.item == item) & (q.group == group)
    return query


def _current(db: TinyDB) -> str | None:
    state = db.table(STATE).all()
    current = state[0].get("current") if state else None
    if isinstance(current, str) and db.table(SESSIONS).contains(Query().id == current):
        return current
    return None


def _replaced_by(record: Record) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that makes a document exactly `record` (keys it no longer has go)."""

    def replace(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(record)

    return replace


def write_session_file(
    path: Path,
    record: dict[str, Any],
    answers: list[dict[str, Any]],
    ballots: list[Ballot] | None = None,
    room: dict[str, Any] | None = None,
) -> None:
    """A whole session file in one atomic write, in TinyDB's own layout (tables of numbered documents)."""
    meta = {"schema": SCHEMA, "kind": "session", "created": record["created"], "session": record["id"], "record": record}
    document = {META: {"1": meta}, ANSWERS: {str(n): doc for n, doc in enumerate(answers, 1)}}
    if ballots:
        document[BALLOTS] = {str(n): checked_ballot(doc, path) for n, doc in enumerate(ballots, 1)}
    if room:
        document[ROOM] = {"1": checked_room(room, path)}
    write_atomic(path, json.dumps(stamped(document), ensure_ascii=False, separators=(",", ":")))


def _new_id(index: bytes, taken: set[str], folder: Path) -> str:
    """Six hex digits, never a number, never an id in use: not a file's, not one of `taken`, and not
    named in the list's cache (quoted anywhere in its bytes: a cached entry whose file is gone would
    otherwise lend its old record to the new session)."""
    while True:
        candidate = secrets.token_hex(3)
        if candidate in taken or candidate.isdigit() or f'"{candidate}"'.encode() in index:
            continue
        if not (folder / f"{candidate}.json").exists():
            return candidate


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise DatabaseError(_("cannot remove {path}: {problem}").format(path=path, problem=os_problem(exc))) from None


def default_path() -> Path:
    """--db, else TOCHT_DB, else the per-user data folder."""
    env = os.environ.get("TOCHT_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("tocht", appauthor=False) / "tocht.json"
