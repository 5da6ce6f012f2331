"""`tocht doctor`: does the index agree with the session files, and is every file readable?

A kill at the wrong moment (power loss, SIGKILL) can leave a session file the
index does not know, an index entry whose file is gone, or a temp file. The
checkup names each in plain words; the repair adopts what holds answers,
removes what holds nothing, and never touches a damaged file.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query

from tocht_cli.errors import DatabaseError
from tocht_cli.files import store_temp
from tocht_cli.store.shapes import ANSWERS, META, SESSIONS, Record, checked_answer, checked_record
from tocht_cli.store.storage import DamagedDatabase

_SESSION_TEMP = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_-]*\.json\.write\.tmp")  # store_temp() of a session file

if TYPE_CHECKING:
    from tocht_cli.store import Store


@dataclass
class Finding:
    kind: str  # damaged | missing | orphan | empty-orphan | leftover | record
    path: str
    what: str
    repair: str  # what --repair does, or "" when it leaves it to a person
    session: str = ""


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
    report = Report(str(store.path))
    index: dict[str, Record] = {}
    try:
        with store._read(store.path, "index") as db:
            for doc in db.table(SESSIONS).all() if db is not None else []:
                record = checked_record(doc, store.path)
                if record["id"] in index:
                    report.findings.append(
                        Finding(
                            "duplicate", str(store.path), f"session {record['id']} is listed twice", "keep the first entry", record["id"]
                        )
                    )
                index.setdefault(record["id"], record)
    except DatabaseError as exc:
        report.findings.append(Finding("damaged", str(store.path), exc.message, ""))
        return report
    report.sessions = len(index)
    files = {p.stem: p for p in _listing(store.sessions_dir) if p.suffix == ".json" and not p.name.startswith(".")}
    for session_id, record in index.items():
        path = files.get(session_id)
        if path is None:
            report.findings.append(
                Finding(
                    "missing",
                    str(store.session_file(session_id)),
                    f"session {session_id} {record.get('name')!r} is in the list's cache, but its file is gone",
                    "remove it from the cache",
                    session_id,
                )
            )
            continue
        meta = _session_meta(store, path, report)
        if meta is None:
            continue
        if meta.get("record") != record:
            report.findings.append(
                Finding(
                    "record",
                    str(path),
                    f"session {session_id}'s own record differs from the list's cache",
                    "copy the file's record into the cache",
                    session_id,
                )
            )
    for session_id, path in sorted(files.items()):
        if session_id in index:
            continue
        meta = _session_meta(store, path, report)
        if meta is None:
            continue
        if meta.get("answers") or meta.get("record"):
            name = (meta.get("record") or {}).get("name", "")
            report.findings.append(
                Finding(
                    "orphan",
                    str(path),
                    f"session file {path.name} ({name!r}, {meta['answers']} answers) is not in the list's cache (it is shown all the same)",
                    "add it to the cache",
                    session_id,
                )
            )
        else:
            report.findings.append(
                Finding(
                    "empty-orphan",
                    str(path),
                    f"session file {path.name} holds no answers and no record (a new session cut off halfway)",
                    "remove it",
                    session_id,
                )
            )
    own_temps = {store_temp(store.path).name, store_temp(store.current_path).name}
    for folder, is_ours in ((store.path.parent, own_temps.__contains__), (store.sessions_dir, _SESSION_TEMP.fullmatch)):
        for path in _listing(folder):
            if is_ours(path.name) and path.is_file():
                report.findings.append(
                    Finding("leftover", str(path), f"{path.name} is a temp file left by an interrupted write", "remove it")
                )
    return report


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise DatabaseError(f"cannot list {folder}: {exc.strerror or exc}") from None


def _session_meta(store: Store, path: Path, report: Report) -> dict[str, Any] | None:
    """The file's meta plus its answer count; a finding (and None) when it cannot be read."""
    try:
        with store._read(path, "session") as db:
            if db is None:
                return None  # gone since the folder was listed
            meta = dict(db.table(META).all()[0])
            answers = [checked_answer(doc, path) for doc in db.table(ANSWERS).all()]
            meta["answers"] = len(answers)
            if meta.get("record") is not None:
                if not isinstance(meta["record"], dict):
                    raise DamagedDatabase(path, "its own record is not an object")
                checked_record(meta["record"], path)
    except DatabaseError as exc:
        report.findings.append(Finding("damaged", str(path), exc.message, ""))
        return None
    report.answers += meta["answers"]
    return meta


def repair(store: Store, report: Report) -> list[str]:
    """Do what the report says --repair does; returns one line per act. Called under the lock."""
    done: list[str] = []
    with store._write(store.path, "index") as db:
        sessions = db.table(SESSIONS)
        for f in report.findings:
            path = Path(f.path)
            if f.kind == "duplicate":
                first = sessions.get(Query().id == f.session)
                sessions.remove(Query().id == f.session)
                if first is not None:
                    sessions.insert(dict(first))
                done.append(f"kept one entry of session {f.session}")
            elif f.kind == "missing":
                sessions.remove(Query().id == f.session)
                done.append(f"removed session {f.session} from the list (its answers were already gone)")
            elif f.kind in ("empty-orphan", "leftover"):
                path.unlink(missing_ok=True)
                done.append(f"removed {path.name}")
            elif f.kind in ("orphan", "record"):
                with store._write(path, "session") as sdb:
                    meta = sdb.table(META).all()[0]
                    listed = sessions.get(Query().id == f.session)
                    record = meta.get("record") or (
                        dict(listed) if listed else _recovered_record(f.session, meta, sdb.table(ANSWERS).all())
                    )
                    record = {**record, "id": f.session}  # a file copied in by hand is known by its own name
                    sdb.table(META).update({"session": f.session, "record": record})
                sessions.remove(Query().id == f.session)
                sessions.insert(record)
                done.append(f"{'adopted' if f.kind == 'orphan' else 'made agree'} session {f.session} {record.get('name')!r}")
    return done


def _recovered_record(session_id: str, meta: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    """A record for a session file written before files carried their own: groups from its answers."""
    groups = list(dict.fromkeys(a.get("group") for a in answers if isinstance(a.get("group"), str)))
    created = str(meta.get("created") or "")
    return {
        "id": session_id,
        "name": f"recovered {session_id}",
        "date": created[:10],
        "place": "",
        "facilitator": "",
        "groups": groups,
        "kit": {},
        "created": created,
    }
