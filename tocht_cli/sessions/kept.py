"""The meeting a follow-up follows up, once it was deleted: what the follow-up kept of it (`sessions/carrying.py`:
every answer, or in a record from before, the answers it carried),
opened as a workspace of its own, so that `compare` and a follow-up's "What has changed?" still read it; and,
before a meeting is deleted, that copy brought up to date in every follow-up of it."""

from __future__ import annotations

from typing import Any

from tocht_cli.kit.kits import Kits
from tocht_cli.sessions.carrying import CARRIED, KEPT, kept
from tocht_cli.sessions.workspace import Workspace
from tocht_cli.store import Store

COPY = "kept_copy"  # in memory only: a record made of what a follow-up kept of its deleted earlier meeting, and which copy
WHOLE = "whole"  # the copy of every answer it kept when the earlier meeting was deleted


def kept_earlier(later: Workspace) -> Workspace | None:
    """What `later` kept of the meeting it follows up, as that meeting's workspace (its name, date and groups,
    every answer it kept when that meeting was deleted, else the answers it carried); None when it follows
    up none or kept nothing (a file from before it kept them)."""
    source = later.session.get("from") or {}
    whole = kept(later.session, KEPT)
    stored = whole if whole is not None else kept(later.session)
    if not source.get("id") or stored is None:
        return None
    groups, answers = stored
    record = {"id": source["id"], "name": source.get("name") or source["id"], "date": source.get("date", ""), "groups": groups}
    copy = WHOLE if whole is not None else CARRIED
    return Workspace.held(later.store, {**record, "kit": later.session.get("kit"), COPY: copy}, later.kits, answers)


def is_kept(ws: Workspace) -> bool:
    """Whether a workspace is what a follow-up kept of a deleted meeting (not a session in the database)."""
    return bool(ws.session.get(COPY))


def carried_only(ws: Workspace) -> bool:
    """Whether a workspace is a deleted meeting's kept copy of only the answers it carried (a follow-up
    made before follow-ups kept every answer): it compares on those facts alone."""
    return ws.session.get(COPY) == CARRIED


def carried_part(ws: Workspace) -> Workspace:
    """`ws` with only the facts its answers carry over (a plan's header, a step's action, who, when and
    status, a step done included): what it can be compared with a kept copy on, which holds nothing else."""
    return Workspace.held(ws.store, ws.session, ws.kits, ws.carried_into_follow_up(whatever_it_says=True)["answers"])


def refresh_follow_ups(store: Store, kits: Kits, earlier: dict[str, Any]) -> list[str]:
    """Before `earlier` is deleted: each follow-up of it keeps what it carries now (answers given after the
    follow-up was made included) and a copy of every answer (its statements too: what "What has changed?"
    and the walk's "last time" read), each in its own lock hold; the names of those refreshed."""
    followers = [r for r in store.sessions() if (r.get("from") or {}).get("id") == earlier["id"]]
    if not followers:
        return []
    ws = Workspace.open(store, kits, earlier["id"])
    carried = ws.carried_into_follow_up()
    whole = {"groups": list(ws.groups), "answers": ws.as_meant(ws.id, store.answers(ws.id))}
    for record in followers:
        store.update_session(record["id"], lambda current: {**current, CARRIED: carried, KEPT: whole})
    return [r["name"] for r in followers]
