"""A session's groups (tables): added, renamed with their answers, removed with their answers.

Each change reads the record and the answers as they are under the lock and
writes both in one atomic write (`Store.update_session` with `answers`), so
a renamed group never leaves answers behind under its old name; the answers a
room's participants gave at that table move (or go) with them. The record keeps
each earlier name (`renamed`), so a phone that chose a table before it was
renamed carries on at the table under its new name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.sessions import attendance, records
from tocht_cli.sessions.creation import checked
from tocht_cli.sessions.workspace import Workspace


def named(ws: Workspace, name: str) -> str:
    """One of the session's groups by its whole name (case and spacing aside): no guessing from a prefix
    when the answers are about to move or go."""
    groups = ws.groups
    matches = [g for g in groups if g == name] or [g for g in groups if norm(g) == norm(name)]
    if len(matches) != 1:
        raise UsageError(
            _("session {id} has no group {name!r}").format(id=ws.id, name=name), _("its groups: {groups}").format(groups=", ".join(groups))
        )
    return matches[0]


MAX_RENAMED = 100  # earlier names kept; older ones are forgotten (their phones choose their table again)


def renamed_after(renamed: dict[str, str], old: str, new: str) -> dict[str, str]:
    """The earlier names once `old` is called `new`: the names that led to `old` lead to `new`, and a name
    in use again is no longer an earlier one."""
    after = {earlier: new if now == old else now for earlier, now in renamed.items() if earlier != new}
    after[old] = new
    return dict(list(after.items())[-MAX_RENAMED:])


def without_earlier(record: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The record without the earlier names that lead to a group removed, or that name a group added."""
    renamed = {old: new for old, new in (record.get("renamed") or {}).items() if old not in names and new not in names}
    return {**record, "renamed": renamed} if renamed else {k: v for k, v in record.items() if k != "renamed"}


def answer_count(ws: Workspace, group: str) -> int:
    return sum(1 for doc in ws.store.answers(ws.id) if doc["group"] == group)


def add(ws: Workspace, name: str, seat: attendance.Seat | None = None) -> list[str]:
    """The groups once `name` is added, with who sits there (`seat`) when said."""
    default = ws.kit.label("default_group")

    def change(record: dict[str, Any]) -> dict[str, Any]:  # the groups as they are now, under the lock
        groups = checked(records.group_names, [*(record.get("groups") or [default]), name], default)
        added = {**without_earlier(record, {name}), "groups": groups}
        return attendance.with_seat(added, groups[-1], seat) if seat else added

    return list(ws.store.update_session(ws.id, change)["groups"])


def seat_at(ws: Workspace, group: str, organisations: list[str] | None, people: int | None) -> attendance.Seat:
    """Who sits at `group` (a name from `named`) once the organisations (all of them, when given) and the number of people
    (when given) are replaced; read and written in one lock hold."""
    names = None if organisations is None else tuple(checked(attendance.organisations, organisations))
    return reseated(
        ws,
        group,
        lambda before: attendance.Seat(before.organisations if names is None else names, before.people if people is None else people),
    )


def reseated(ws: Workspace, group: str, change: Callable[[attendance.Seat], attendance.Seat]) -> attendance.Seat:
    """`group`'s seat changed by `change` from the seat as it is under the lock; the seat now."""
    default = ws.kit.label("default_group")
    now = attendance.Seat()

    def changed(record: dict[str, Any]) -> dict[str, Any]:
        nonlocal now
        still_there(ws, record, group, default)
        now = change(attendance.seat(record, group))
        return attendance.with_seat(record, group, now)

    ws.store.update_session(ws.id, changed)
    return now


def still_there(ws: Workspace, record: dict[str, Any], group: str, default: str) -> list[str]:
    """The session's groups as they are now under the lock, which must still hold `group` (another terminal may have changed them)."""
    groups = record.get("groups") or [default]
    if group not in groups:
        raise UsageError(
            _("session {id} no longer has a group {name!r}").format(id=ws.id, name=group),
            _("its groups: {groups}").format(groups=", ".join(groups)),
        )
    return list(groups)


def rename(ws: Workspace, old: str, new: str) -> tuple[str, str, int]:
    """(old name, new name, answers moved)."""
    source = named(ws, old)
    target = checked(records.group_name, new)
    default = ws.kit.label("default_group")
    moved = 0

    def change(record: dict[str, Any]) -> dict[str, Any]:
        groups = still_there(ws, record, source, default)
        clash = [g for g in groups if g != source and norm(g) == norm(target)]
        if clash:
            raise UsageError(
                _("session {id} has a group {name!r} already").format(id=ws.id, name=clash[0]),
                _("pick another name, or remove that group first"),
            )
        renamed = [target if g == source else g for g in groups]
        earlier = renamed_after(record.get("renamed") or {}, source, target)
        seated = attendance.moved(record, source, target)  # who sat there goes along
        return {**seated, "groups": checked(records.group_names, renamed, default), "renamed": earlier}

    def move(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal moved
        moved = sum(1 for doc in answers if doc["group"] == source)
        return [{**doc, "group": target} if doc["group"] == source else doc for doc in answers]

    def move_ballots(ballots: list[dict[str, Any]]) -> list[dict[str, Any]]:  # a room's participants of the table move along
        return [{**doc, "group": target} if doc["group"] == source else doc for doc in ballots]

    ws.store.update_session(ws.id, change, move, move_ballots)
    return source, target, moved


def remove(ws: Workspace, group: str) -> tuple[list[str], int]:
    """(the groups left, answers removed); `group` is a name from `named`."""
    default = ws.kit.label("default_group")
    removed = 0

    def change(record: dict[str, Any]) -> dict[str, Any]:
        groups = still_there(ws, record, group, default)
        if len(groups) == 1:
            raise last_group(ws, group)
        return {**without_earlier(attendance.moved(record, group, None), {group}), "groups": [g for g in groups if g != group]}

    def drop(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal removed
        removed = sum(1 for doc in answers if doc["group"] == group)
        return [doc for doc in answers if doc["group"] != group]

    def drop_ballots(ballots: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [doc for doc in ballots if doc["group"] != group]

    record = ws.store.update_session(ws.id, change, drop, drop_ballots)
    return list(record["groups"]), removed


def last_group(ws: Workspace, group: str) -> UsageError:
    return UsageError(
        _("{name!r} is the only group of session {id}; a session keeps at least one").format(name=group, id=ws.id),
        _("rename it instead (`tocht group rename {name!r} NEW -s {id}`), or delete the session (`tocht delete {id}`)").format(
            name=group, id=ws.id
        ),
    )
