"""The shapes every reader of the store relies on: table names, schema, records and answers.

A file edited by hand into another shape is damaged (exit 5), never a
traceback somewhere in a renderer. Kept apart from the Store so that the
checkup (health.py) and the Store share it without importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from tocht_cli.base.errors import DatabaseError
from tocht_cli.base.i18n import N_, _
from tocht_cli.store.storage import DamagedDatabase

SCHEMA = 2  # 2: a yes-or-no that may go unanswered is null until answered; 1 wrote false for it (ExerciseKind.older)
META, SESSIONS, STATE, ANSWERS = "meta", "sessions", "state", "answers"
BALLOTS, ROOM = "ballots", "room"  # a room's participants' own answers (one per device and item), and where the room is
EXERCISE_LEVEL = "_"  # the item key of answers that belong to a whole exercise

Record = dict[str, Any]  # a session's record: id, name, date, place, facilitator, groups, kit…
Answer = dict[str, Any]  # one answer: exercise, item, group, value, at
Ballot = dict[str, Any]  # one device's answer in a room: exercise, item, group, device, value, at (and name, in a named room)

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # a session id, as it names a file
SESSION_FILE = re.compile(rf"({ID.pattern})\.json")  # a session's file name; group 1 is its id
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

# The shape every reader relies on; a file edited by hand into another shape is damaged, not a traceback.
_RECORD_TYPES: Mapping[str, type] = {
    "id": str,
    "name": str,
    "date": str,
    "place": str,
    "facilitator": str,
    "groups": list,
    "kit": dict,
    "created": str,
    "from": dict,
    "merged_from": list,
    "carried": dict,  # what a follow-up carries over of the meeting it follows, kept when made (sessions/carrying.py)
    "kept": dict,  # every answer of the meeting a follow-up follows, kept when that one is deleted (sessions/carrying.py)
    "followup": dict,  # a follow-up round: the earlier sessions and their open steps, kept (kinds/followup.py)
    "imported": dict,
    "min_votes": int,  # a table with fewer votes on an item is shown only in the total (sessions/disclosure.py)
    "audience": dict,  # exercise id → the widest audience its part of a summary is for
    "renamed": dict,  # a group's earlier name → its name now: a room's phones that chose the old name follow
    "attendance": dict,  # a group → who sat there: organisations (names), people (a number) (sessions/attendance.py)
}
_ANSWER_TYPES: Mapping[str, type] = {"exercise": str, "item": str, "group": str, "value": dict, "at": str, "origin": str}
_BALLOT_TYPES: Mapping[str, type] = {**_ANSWER_TYPES, "device": str, "name": str}
# Where an answer's counts (a show of hands, dots) came from: the room's phones, hands counted and typed by the
# facilitator, or a paper worksheet typed in afterwards. An answer without counts has none; a file from before
# answers carried it is read as `sessions/origins.py` infers it.
PHONES, HANDS, PAPER = "phones", "hands", "paper"
ORIGINS = (PHONES, HANDS, PAPER)
_ROOM_TYPES: Mapping[str, type] = {
    "exercise": str,
    "item": str,
    "revealed": list,
    "closed": list,
    "hidden": list,
    "timers": dict,
    "mapped": list,
}


def _shape(doc: Any, types: Mapping[str, type], required: tuple[str, ...], path: Path, what: str) -> dict[str, Any]:
    """`doc` with these keys of these types; `what` (marked with N_) names it in the error."""
    if not isinstance(doc, dict):
        raise DamagedDatabase(path, _("a {what} is a {type}, not an object").format(what=_(what), type=type(doc).__name__))
    for key in required:
        if key not in doc:
            raise DamagedDatabase(path, _("a {what} has no {key!r}").format(what=_(what), key=key))
    for key, value in doc.items():  # a loop rather than generators: `list` checks ten thousand of these
        kind = types.get(key)
        if kind is not None and not isinstance(value, kind):
            problem = _("in a {what}, {key!r} is a {type}, not a {expected}")
            raise DamagedDatabase(path, problem.format(what=_(what), key=key, type=type(value).__name__, expected=kind.__name__))
    return dict(doc)


def checked_record(doc: Any, path: Path) -> Record:
    """A session record every reader can rely on: the types, and names that show something."""
    record = _shape(doc, _RECORD_TYPES, ("id", "name"), path, N_("session record"))
    name, session = record["name"], record["id"][:40]
    if len(name) > 1000 or not name.strip():
        raise DamagedDatabase(path, _("session {id!r} has an empty or overlong name").format(id=session))
    groups = record.get("groups") or ()
    if len(groups) > 1000 or not all(isinstance(g, str) and len(g) <= 1000 and g.strip() for g in groups):
        raise DamagedDatabase(path, _("the groups of session {id!r} are not all names").format(id=session))
    if "date" in record and not _DATE.fullmatch(record["date"]):
        raise DamagedDatabase(path, _("the date {date!r} of session {id!r} is not YYYY-MM-DD").format(date=record["date"][:40], id=session))
    renamed = record.get("renamed") or {}
    if len(renamed) > 1000 or not all(isinstance(new, str) for new in renamed.values()):
        raise DamagedDatabase(path, _("the renamed groups of session {id!r} are not all names").format(id=session))
    sources = record.get("merged_from") or []
    if not all(isinstance(m, dict) and isinstance(m.get("groups", []), list) for m in sources):
        raise DamagedDatabase(path, _("the merged sources of session {id!r} are not all sessions with their groups").format(id=session))
    if not _seated(record.get("attendance") or {}):
        raise DamagedDatabase(path, _("who sat at the tables of session {id!r} is not organisations and a number").format(id=session))
    kit = record.get("kit")
    if kit:
        for key in ("name", "version", "path"):
            value = kit.get(key)
            if value is not None and not isinstance(value, str):
                raise DamagedDatabase(path, _("the kit of session {id!r} is not a name, version and folder").format(id=session))
    return record


def _seated(attendance: dict[str, Any]) -> bool:
    """Each table's seat an object of organisations (names) and people (a whole number)."""
    for seat in attendance.values():
        if not isinstance(seat, dict):
            return False
        names, people = seat.get("organisations", []), seat.get("people", 0)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or type(people) is not int:
            return False
    return len(attendance) <= 1000


def checked_answer(doc: Any, path: Path) -> Answer:
    answer = _shape(doc, _ANSWER_TYPES, ("exercise", "item", "group", "value"), path, N_("answer"))
    if answer.get("origin", PHONES) not in ORIGINS:
        problem = _("an answer's counts come from {origin!r}, not from one of {origins}")
        raise DamagedDatabase(path, problem.format(origin=answer["origin"][:40], origins=", ".join(ORIGINS)))
    return answer


def checked_ballot(doc: Any, path: Path) -> Ballot:
    return _shape(doc, _BALLOT_TYPES, ("exercise", "item", "group", "device", "value"), path, N_("room answer"))


def checked_room(doc: Any, path: Path) -> dict[str, Any]:
    """Where a room was (exercise, item), which results it revealed, which votes it closed, which arguments it kept off the screen and how long its timers ran."""
    room = _shape(doc, _ROOM_TYPES, (), path, N_("room state"))
    if not all(isinstance(key, str) for key in room.get("revealed") or []):
        raise DamagedDatabase(path, _("the room's revealed items are not all names"))
    if not all(isinstance(key, str) for key in room.get("closed") or []):
        raise DamagedDatabase(path, _("the room's closed votes are not all names"))
    if not all(isinstance(key, str) for key in room.get("hidden") or []):
        raise DamagedDatabase(path, _("the room's hidden arguments are not all names"))
    if not all(isinstance(key, str) for key in room.get("mapped") or []):
        raise DamagedDatabase(path, _("the room's opinion maps are not all names"))
    timers = room.get("timers") or {}
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in timers.values()):
        raise DamagedDatabase(path, _("the room's timers are not all whole seconds"))
    return room


def check_schema(db: TinyDB, path: Path, kind: str) -> dict[str, Any]:
    metas = db.table(META).all()
    meta = metas[0] if metas else {}
    schema = meta.get("schema")
    if meta.get("kind") != kind or not isinstance(schema, int) or isinstance(schema, bool):
        what = _("{path} is not a tocht session file (no schema version in its meta table); it has not been changed")
        if kind == "index":
            what = _("{path} is not a tocht index file (no schema version in its meta table); it has not been changed")
        raise DatabaseError(what.format(path=path), _("point --db / TOCHT_DB at a tocht database"))
    if schema > SCHEMA:
        raise DatabaseError(
            _("{path} was written by a newer tocht (schema {schema}; this one knows {known})").format(
                path=path, schema=schema, known=SCHEMA
            ),
            _("upgrade tocht to open it"),
        )
    return dict(meta)
