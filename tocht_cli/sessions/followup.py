"""A follow-up round's steps: what earlier meetings promised and did not finish, kept in the new session.

The steps are read from the earlier sessions' files once, when the round is made (`tocht new --from`,
`--follow-up`, or `tocht edit --follow-up` later), and kept in the session's own record (`followup`),
so the session stands alone: an export, the dossier and a laptop without the earlier sessions read
the round from it. Which steps are open is the kit's word: a status of its follow-up block's `closed`
(the plan's own "gedaan" too) closes a step; any other, or none, leaves it open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import structs

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.kinds.followup import Step, steps_of
from tocht_cli.sessions.workspace import Workspace

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Kit
    from tocht_cli.kit.kits import Kits
    from tocht_cli.store import Store


def open_steps(earlier: Workspace, closed: tuple[str, ...]) -> list[Step]:
    """The steps one earlier session left open: its plans' actions not closed, then its own round's steps not
    closed. A step on both (its round put it on the plan) is one step with one status: the plan's, unless the
    round marked it later (never "vorige keer: bezig" beside a plan that says "gedaan")."""
    record = earlier.session
    origin = {"session": earlier.id, "meeting": record.get("name", ""), "date": record.get("date", "")}
    saved_at = {(a["exercise"], a["item"]): a.get("at", "") for a in earlier.answers()}  # the latest of any table
    planned: list[tuple[Step, str]] = []
    round_ex = next((ex for ex in earlier.kit.exercises if ex.kind.meeting_wide), None)
    for ex in earlier.kit.exercises:
        for group in earlier.groups if ex is not round_ex else []:
            for p in ex.kind.promises(ex, earlier.sheet(ex, group)):
                step = Step("", p.action, p.who, p.by, p.title, p.status, exercise=ex.id, item=p.item, group=group, **origin)
                planned.append((step, saved_at.get((ex.id, p.item), "")))
    steps = [step for step, _at in planned]
    if round_ex is not None:
        sheet = earlier.sheet(round_ex, earlier.groups[0])
        for step in round_ex.spec.steps:
            settled = sheet.get(step.id) or {}
            marked = structs.replace(
                step, id="", status=settled.get("status") or step.status, comment=settled.get("comment") or step.comment
            )
            same = [n for n, (s, _at) in enumerate(planned) if norm(s.action) == norm(step.action)]
            if not same:
                steps.append(marked)  # where it was first promised stays
            for n in same:
                if settled.get("status") and saved_at.get((round_ex.id, step.id), "") > planned[n][1]:
                    steps[n] = structs.replace(steps[n], status=marked.status, comment=marked.comment)
    return [step for step in steps if step.status not in closed]


def round_record(store: Store, kits: Kits, kit: Kit, earlier: list[dict[str, Any]], kept: Any = None) -> dict[str, Any] | None:
    """The record's `followup` of a session following up `earlier` (oldest first), in `kit`: the steps
    `kept` already (an existing round, whose ids stay), then each open step not in it yet, numbered on.
    None when the kit has no follow-up block."""
    if kit.followup is None:
        return None
    closed = kit.followup.spec.closed
    steps = list(steps_of(kept))
    sources = list((kept or {}).get("from") or [])
    seen = {where(s) for s in steps} | {(norm(s.action), norm(s.who)) for s in steps}
    for record in earlier:
        if any(s.get("id") == record["id"] for s in sources):
            continue
        sources.append({"id": record["id"], "name": record.get("name", ""), "date": record.get("date", "")})
        for step in open_steps(Workspace(store, record, kits), closed):
            if where(step) in seen or (norm(step.action), norm(step.who)) in seen:
                continue
            seen |= {where(step), (norm(step.action), norm(step.who))}
            steps.append(structs.replace(step, id=f"v{len(steps) + 1}"))
    return {"from": sources, "steps": [structs.asdict(s) for s in steps]}


def for_new(store: Store, kits: Kits, kit: Kit, refs: list[str]) -> tuple[dict[str, Any], str]:
    """A new session's round on the sessions `refs` names: its record's `followup` (nothing when no step is
    open), and what the facilitator is told of it."""
    made = round_record(store, kits, kit, earlier_records(store, refs))
    return ({"followup": made} if made and made["steps"] else {}), said(made)


def extend(ws: Workspace, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    """The session's round with the open steps of `earlier` added (read, merged and written in one lock
    hold; the steps it had keep their ids and what was settled for them); its record as written."""

    def change(record: dict[str, Any]) -> dict[str, Any]:
        made = round_record(ws.store, ws.kits, ws.kits.of(record), earlier, record.get("followup"))
        if made is None:
            raise UsageError(_("kit {kit} has no follow-up round").format(kit=ws.kit.name))
        return {**record, "followup": made}

    return ws.store.update_session(ws.id, change)


def keep_owner_marks(ws: Workspace, on: bool) -> None:
    """Whether only the table that promised a step marks it in the room: kept with the session's round, so that
    every later room (and an export) does the same."""
    if not ws.session.get("followup"):
        raise UsageError(
            _("session {id} has no follow-up round: there are no steps to mark").format(id=ws.id),
            _("a follow-up is made with tocht new --from EARLIER"),
        )
    ws.store.update_session(ws.id, lambda record: {**record, "followup": {**(record.get("followup") or {}), "owner_marks": on}})


def where(step: Step) -> tuple[str, ...]:
    """Where a step was promised: the same step reached through two meetings is asked once."""
    return (step.session, step.exercise, step.item, step.group)


def earlier_records(store: Store, refs: list[str], this: str | None = None) -> list[dict[str, Any]]:
    """The sessions named, oldest meeting first; a session cannot follow itself up."""
    from tocht_cli.sessions.workspace import resolve_session

    found = {r["id"]: r for r in (resolve_session(store, ref) for ref in refs)}
    if this in found:
        raise UsageError(_("a session cannot follow itself up"), _("name an earlier session"))
    return sorted(found.values(), key=lambda r: (r.get("date", ""), r.get("created", "")))


def said(made: dict[str, Any] | None) -> str:
    """What the facilitator is told of the round just made."""
    from tocht_cli.base.i18n import ngettext

    if made is None:
        return _("note: this session's kit has no follow-up round; the earlier plan's steps are not asked about")
    count = len(made["steps"])
    if not count:
        return _("no open steps in the earlier plan: nothing to follow up")
    return ngettext(
        "the follow-up round has {count} open step; `tocht run` starts with it, `tocht followup` lists it",
        "the follow-up round has {count} open steps; `tocht run` starts with them, `tocht followup` lists them",
        count,
    ).format(count=count)
