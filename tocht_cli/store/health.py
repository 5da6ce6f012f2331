"""`tocht doctor`: does the index agree with the session files, and is every file readable?

A kill at the wrong moment (power loss, SIGKILL) can leave a session file the
index does not know, an index entry whose file is gone, or a temp file. The
checkup names each in plain words; the repair adopts what holds answers,
removes what holds nothing, and never touches a damaged file.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query

from tocht_cli.base.errors import DatabaseError, os_problem
from tocht_cli.base.files import store_temp
from tocht_cli.base.i18n import _, ngettext
from tocht_cli.store import conflicts, examined, storage
from tocht_cli.store.examined import Listed, Summary
from tocht_cli.store.shapes import (
    ANSWERS,
    BALLOTS,
    ID,
    META,
    ROOM,
    SESSIONS,
    Answer,
    Ballot,
    Record,
    checked_answer,
    checked_ballot,
    checked_record,
    checked_room,
)
from tocht_cli.store.storage import DamagedDatabase

_SESSION_TEMP = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_-]*\.json\.write\.tmp")  # store_temp() of a session file

if TYPE_CHECKING:
    from tocht_cli.store import Store


@dataclass
class Finding:
    kind: str  # damaged | missing | orphan | empty-orphan | leftover | record | answer-group | ballot-group | conflict
    path: str
    what: str
    repair: str  # what --repair does, or "" when it leaves it to a person
    session: str = ""
    group: str = ""  # answer-group, ballot-group: the group the answers are under
    conflict: dict[str, str] | None = None  # conflict: the copy's file, session, tool, device and when (store/conflicts.py)


@dataclass
class Report:
    database: str
    sessions: int = 0
    answers: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.findings

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "healthy": self.healthy}


def checkup(store: Store) -> Report:
    """Every way the cache, the session files, the pointer and the temp files can disagree, in plain words."""
    report = Report(str(store.path))
    kept = examined.Kept(store.path, (__file__, examined.__file__, conflicts.__file__, storage.__file__))  # what decides a finding
    listed = _entries(store.sessions_dir)
    files, copies, misnamed = _session_files(listed)
    state, newest = examined.state(_stat(store.path), files)
    known = kept.healthy(state) if not misnamed else None
    if known is not None:  # nothing changed since a checkup that found nothing wrong
        report.sessions, report.answers = known
    else:
        index = _cached(store, report, kept)
        report.sessions = len(index)
        report.findings += misnamed
        _check_cached(store, index, files, report, kept)
        _check_uncached(store, index, files, report, copies, kept)
    _check_conflicts(store, files, copies, report)
    _check_pointer(store, report)
    _check_leftovers(store, report, listed)
    kept.save(set(files))
    if report.healthy and known is None:
        kept.keep_healthy(state, newest, report.sessions, report.answers)
    return report


Files = dict[str, os.stat_result]  # the session files by id, each with its identity as the folder was listed


def _cached(store: Store, report: Report, kept: examined.Kept) -> dict[str, Listed]:
    """The sessions the cache lists (each once); a cache that cannot be read is a finding."""
    before = _stat(store.path)
    known = kept.listed(before) if before is not None else None
    if known is not None:
        report.findings += [_duplicate(store, session_id) for session_id in known[1]]
        return known[0]
    index: dict[str, Listed] = {}
    repeated: list[str] = []
    try:
        with store.reading(store.path, "index") as db:
            for doc in (db.storage.read() or {}).get(SESSIONS, {}).values() if db is not None else []:
                record = checked_record(doc, store.path)
                if record["id"] in index:
                    repeated.append(record["id"])
                    report.findings.append(_duplicate(store, record["id"]))
                index.setdefault(record["id"], Listed(examined.digest(record), record["name"]))
        if before is not None and _same(before, _stat(store.path)):
            kept.keep_listed(before, index, repeated)
    except DatabaseError as exc:
        report.findings.append(
            Finding(
                "damaged-cache",
                str(store.path),
                exc.message,
                _("move it aside to {name}.damaged and rebuild it from the session files").format(name=store.path.name),
            )
        )
    return index


def _duplicate(store: Store, session_id: str) -> Finding:
    return Finding(
        "duplicate", str(store.path), _("session {id} is listed twice").format(id=session_id), _("keep the first entry"), session_id
    )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _same(before: os.stat_result, after: os.stat_result | None) -> bool:
    """Whether a file read between two looks at it was the same file all along (not replaced meanwhile)."""
    return after is not None and examined.stat_of(before) == examined.stat_of(after)


def _session_files(listed: list[os.DirEntry[str]]) -> tuple[Files, list[conflicts.Copy], list[Finding]]:
    """The session files by id (with their identity), the sync tools' conflict copies, and a finding for each
    file named or made unlike one. (Names, not paths, are looked at: there are ten thousand.)"""
    files: Files = {}
    copies: list[conflicts.Copy] = []
    misnamed: list[Finding] = []
    for entry in listed:
        name = entry.name
        if name.startswith(".") or not name.endswith(".json"):
            continue
        copy = conflicts.named(name)
        if copy is not None:
            copies.append(copy)
        elif not ID.fullmatch(name[: -len(".json")]):
            misnamed.append(
                Finding(
                    "name",
                    entry.path,
                    _("{name} is not named like a session (letters, digits, - and _), so it is not shown").format(name=name),
                    "",
                )
            )
        elif not _is_file(entry):
            misnamed.append(Finding("name", entry.path, _("{name} is not a regular file, so it is not shown").format(name=name), ""))
        else:
            files[name[: -len(".json")]] = entry.stat()
    return files, copies, misnamed


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a regular file, a link followed (as Path.is_file says: False when it cannot tell)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _check_cached(store: Store, index: dict[str, Listed], files: Files, report: Report, kept: examined.Kept) -> None:
    """Each session the cache lists has its file, and the cache agrees with the file's own record."""
    for session_id, cached in index.items():
        seen = files.get(session_id)
        if seen is None:
            report.findings.append(
                Finding(
                    "missing",
                    str(store.session_file(session_id)),
                    _("session {id} {name!r} is in the list's cache, but its file is gone").format(id=session_id, name=cached.name),
                    _("remove it from the cache"),
                    session_id,
                )
            )
            continue
        meta = _session_meta(store, session_id, seen, report, kept)
        if meta is None:
            continue
        if meta.digest is None or meta.digest != cached.digest:
            file = store.session_file(session_id)
            report.findings.append(
                Finding(
                    "record",
                    str(file),
                    _("the list's cache is behind session file {name}").format(name=file.name),
                    _("bring the cache up to date"),
                    session_id,
                )
            )


def _check_uncached(
    store: Store, index: dict[str, Listed], files: Files, report: Report, copies: list[conflicts.Copy], kept: examined.Kept
) -> None:
    """A session file the cache does not list: shown from its own record, an orphan, an empty leftover, or
    OneDrive's conflict copy of another session (named `ID-COMPUTER`, its record saying it is ID)."""
    for session_id, seen in sorted(files.items()):
        if session_id in index:
            continue
        path = store.session_file(session_id)
        copy = conflicts.onedrive(path.name, _own_id(store, path), files.keys())
        if copy is not None:
            copies.append(copy)
            continue
        meta = _session_meta(store, session_id, seen, report, kept)
        if meta is None:
            continue
        if meta.digest is not None and meta.own_id == session_id:  # made by `new` or `import`: shown from its own record
            report.sessions += 1
        elif meta.digest is not None or meta.answers or meta.ballots:
            orphan = _("session file {file} ({name!r}, {answers} answers) is not in the list's cache")
            if meta.digest is not None:
                orphan = _("session file {file} ({name!r}, {answers} answers) is not in the list's cache (it is shown all the same)")
            report.findings.append(
                Finding(
                    "orphan",
                    str(path),
                    orphan.format(file=path.name, name=meta.name, answers=meta.answers),
                    _("add it to the cache"),
                    session_id,
                )
            )
        else:
            report.findings.append(
                Finding(
                    "empty-orphan",
                    str(path),
                    _("session file {name} holds no answers and no record (a new session cut off halfway)").format(name=path.name),
                    _("remove it"),
                    session_id,
                )
            )


def _own_id(store: Store, path: Path) -> Any:
    """The id a session file's own record gives (None when it has none or cannot be read: checked later)."""
    try:
        with store.reading(path, "session") as db:
            metas = db.table(META).all() if db is not None else []
    except DatabaseError:
        return None
    record = metas[0].get("record") if metas else None
    return record.get("id") if isinstance(record, dict) else None


def _check_conflicts(store: Store, files: Files, copies: list[conflicts.Copy], report: Report) -> None:
    """Each conflict copy named with its session and origin; one that cannot be read is damaged, never merged."""
    for copy in copies:
        path = store.sessions_dir / copy.name
        try:
            document = conflicts.read_copy(path)
        except DatabaseError as exc:
            what = _("{file} is a conflict copy of session {id} ({origin}) that cannot be read: {problem}")
            report.findings.append(
                Finding(
                    "damaged",
                    str(path),
                    what.format(file=copy.name, id=copy.session, origin=conflicts.origin(copy), problem=exc.message),
                    "",
                )
            )
            continue
        name = next(iter(document[META].values()))["record"].get("name", "")
        origin = conflicts.origin(copy, conflicts.saved_on(document))
        if copy.session not in files:
            what = _("{file} is a conflict copy ({origin}) of session {id} {name!r}, whose own file is not there")
            report.findings.append(
                Finding(
                    "conflict",
                    str(path),
                    what.format(file=copy.name, origin=origin, id=copy.session, name=name),
                    "",
                    conflict=copy.as_json(),
                )
            )
            continue
        what = _("{file} is a conflict copy of session {id} {name!r} ({origin}): answers given on two laptops at once")
        report.findings.append(
            Finding(
                "conflict",
                str(path),
                what.format(file=copy.name, id=copy.session, name=name, origin=origin),
                _("merge it into session {id} field by field, asking where both changed the same field").format(id=copy.session),
                copy.session,
                conflict=copy.as_json(),
            )
        )


def _check_pointer(store: Store, report: Report) -> None:
    """The current session's pointer names a session there is."""
    if store.current_path.exists() and store.current_id() is None:
        report.findings.append(
            Finding(
                "pointer",
                str(store.current_path),
                _("{name} names no session there is").format(name=store.current_path.name),
                _("remove it (no current session)"),
            )
        )


def _check_leftovers(store: Store, report: Report, sessions: list[os.DirEntry[str]]) -> None:
    """Temp files an interrupted write left beside the cache and the session files (`sessions`: that folder's entries)."""
    own_temps = {store_temp(store.path).name, store_temp(store.current_path).name}
    beside = (_entries(store.path.parent), own_temps.__contains__)
    for entries, is_ours in (beside, ([e for e in sessions if e.name.startswith(".")], _SESSION_TEMP.fullmatch)):
        for entry in entries:
            if is_ours(entry.name) and _is_file(entry):
                path = Path(entry.path)
                report.findings.append(
                    Finding(
                        "leftover",
                        str(path),
                        _("{name} is a temp file left by an interrupted write").format(name=path.name),
                        _("remove it"),
                    )
                )


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries by name; none when it is not there."""
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda entry: entry.name)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise DatabaseError(_("cannot list {path}: {problem}").format(path=folder, problem=os_problem(exc))) from None


def _session_meta(store: Store, session_id: str, seen: os.stat_result, report: Report, kept: examined.Kept) -> Summary | None:
    """What the session's file tells the checkup (kept from an earlier checkup while it is the same file): its
    answers counted, its answers under a group it lacks found; a finding (and None) when it cannot be read."""
    summary = kept.summary(session_id, seen)
    if summary is None:
        path = store.session_file(session_id)
        try:
            summary = _examined(store, path)
        except DatabaseError as exc:
            report.findings.append(Finding("damaged", str(path), exc.message, ""))
            return None
        if summary is None:
            return None  # gone since the folder was listed
        if _same(seen, _stat(path)):
            kept.keep_summary(session_id, seen, summary)
    report.answers += summary.answers
    if summary.strays:
        report.findings += [_stray(store.session_file(session_id), kind, group, count) for kind, group, count in summary.strays]
    return summary


def _examined(store: Store, path: Path) -> Summary | None:
    """The file read and checked whole: what it tells the checkup; None when it is gone, DatabaseError when damaged."""
    with store.reading(path, "session") as db:
        if db is None:
            return None
        record = db.table(META).all()[0].get("record")
        answers = [checked_answer(doc, path) for doc in db.table(ANSWERS).all()]
        ballots = [checked_ballot(doc, path) for doc in db.table(BALLOTS).all()]  # a room's participants' answers
        for doc in db.table(ROOM).all():
            checked_room(doc, path)
        if record is not None:
            if not isinstance(record, dict):
                raise DamagedDatabase(path, _("its own record is not an object"))
            checked_record(record, path)
    strays = [*_strays(record, "answer-group", answers), *_strays(record, "ballot-group", ballots)]
    if record is None:
        return Summary(len(answers), len(ballots), strays, None, None, "")
    return Summary(len(answers), len(ballots), strays, examined.digest(record), record["id"], record["name"])


def _strays(record: Record | None, kind: str, docs: list[Answer] | list[Ballot]) -> list[list[Any]]:
    """Answers (answer-group) or room answers (ballot-group) under a group the session does not have (saved
    by an older tocht while another terminal renamed or removed it, or a hand edit): [kind, group, count]."""
    groups = set((record or {}).get("groups") or ())
    if not groups:  # a record without groups has the kit's default group, which the store does not know
        return []
    return [[kind, group, count] for group, count in Counter(doc["group"] for doc in docs if doc["group"] not in groups).items()]


def _stray(path: Path, kind: str, group: str, count: int) -> Finding:
    """One finding per group that a file's answers (or room answers) are under and its record lacks."""
    return Finding(
        kind,
        str(path),
        _stray_words(kind, count).format(id=path.stem, count=count, group=group),
        _("move them to one of its groups, or drop them: asked per group"),
        path.stem,
        group,
    )


def _stray_words(kind: str, count: int) -> str:
    if kind == "answer-group":
        return ngettext(
            "session {id} has {count} answer under group {group!r}, which it does not have",
            "session {id} has {count} answers under group {group!r}, which it does not have",
            count,
        )
    return ngettext(
        "session {id} has {count} room answer under group {group!r}, which it does not have",
        "session {id} has {count} room answers under group {group!r}, which it does not have",
        count,
    )


def repair(store: Store, report: Report) -> list[str]:
    """Do what the report says --repair does; returns one line per act. Called under the lock."""
    done: list[str] = []
    damaged = [f for f in report.findings if f.kind == "damaged-cache"]
    if damaged:  # a cache holds nothing the session files do not: keep the damaged one aside, start anew
        aside = store.path.with_name(store.path.name + ".damaged")
        n = 1
        while aside.exists():  # an earlier damaged copy stays too
            n += 1
            aside = store.path.with_name(f"{store.path.name}.damaged-{n}")
        os.replace(store.path, aside)
        done.append(_("moved the damaged cache aside to {name}").format(name=aside.name))
    with store.changing(store.path, "index") as db:
        sessions = db.table(SESSIONS)
        for f in report.findings:
            path = Path(f.path)
            if f.kind == "duplicate":
                first = sessions.get(Query().id == f.session)
                sessions.remove(Query().id == f.session)
                if first is not None:
                    sessions.insert(dict(first))
                done.append(_("kept one entry of session {id}").format(id=f.session))
            elif f.kind == "missing":
                sessions.remove(Query().id == f.session)
                done.append(_("removed session {id} from the cache (its file was already gone)").format(id=f.session))
            elif f.kind in ("empty-orphan", "leftover", "pointer"):
                path.unlink(missing_ok=True)
                done.append(_("removed {name}").format(name=path.name))
            elif f.kind in ("orphan", "record"):
                record = _cache_entry(store, f.session, sessions.get(Query().id == f.session))
                sessions.remove(Query().id == f.session)
                sessions.insert(record)
                act = (
                    _("adopted session {id} {name!r}")
                    if f.kind == "orphan"
                    else _("brought the cache up to date for session {id} {name!r}")
                )
                done.append(act.format(id=f.session, name=record.get("name")))
        store.fold_unlisted(db)  # the sessions `new` and `import` made since the cache was last written
        if damaged:
            for session_id in sorted(set(store.file_ids()) - {doc.get("id") for doc in sessions.all()}):
                try:
                    sessions.insert(_cache_entry(store, session_id, None))
                except DatabaseError as exc:
                    done.append(_("left out {id}: {problem}").format(id=session_id, problem=exc.message))
            done.append(_("rebuilt the cache from {count} session files").format(count=len(sessions)))
    return done


def _cache_entry(store: Store, session_id: str, listed: Any) -> Record:
    """The file's own record, for the cache (written into the file first when it had none)."""
    path = store.session_file(session_id)
    with store.changing(path, "session") as sdb:
        meta = sdb.table(META).all()[0]
        record = meta.get("record") or (dict(listed) if listed else _recovered_record(session_id, meta, sdb.table(ANSWERS).all()))
        record = checked_record({**record, "id": session_id}, path)  # a file copied in by hand is known by its own name
        if meta.get("record") != record or meta.get("session") != session_id:
            sdb.table(META).update({"session": session_id, "record": record})
    return record


def _recovered_record(session_id: str, meta: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    """A record for a session file written before files carried their own: groups from its answers."""
    groups = list(dict.fromkeys(a.get("group") for a in answers if isinstance(a.get("group"), str)))
    created = str(meta.get("created") or "")
    return {
        "id": session_id,
        "name": _("recovered {id}").format(id=session_id),
        "date": created[:10],
        "place": "",
        "facilitator": "",
        "groups": groups,
        "kit": {},
        "created": created,
    }
