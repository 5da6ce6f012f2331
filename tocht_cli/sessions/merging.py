"""Several sessions (tables, laptops) into one new session: groups kept apart, sources untouched."""

from __future__ import annotations

from typing import Any

from tocht_cli.base.dates import moment_order
from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.sessions.records import MAX_DETAIL, MAX_GROUP
from tocht_cli.sessions.workspace import Workspace

GROUP_SEPARATOR = " / "  # a merged group's name: its source's, then its own ("Halle / tafel 1")


def source_labels(sources: list[Workspace]) -> list[str]:
    """What each source's groups are prefixed with: its name, or name and id where names repeat."""
    names = [ws.session["name"] for ws in sources]
    return [f"{n} ({ws.id})" if names.count(n) > 1 else n for n, ws in zip(names, sources, strict=True)]


def group_map(sources: list[Workspace]) -> list[dict[str, str]]:
    """Per source: its group → the merged session's group, within the limit every group name has."""
    maps = [{g: f"{label}{GROUP_SEPARATOR}{g}" for g in ws.groups} for label, ws in zip(source_labels(sources), sources, strict=True)]
    for ws, mapping in zip(sources, maps, strict=True):
        for merged in mapping.values():
            if len(merged) > MAX_GROUP:
                raise UsageError(
                    _("the merged group {group!r}… would have {count} characters; a group's name has at most {most}").format(
                        group=merged[:60], count=len(merged), most=MAX_GROUP
                    ),
                    _("give session {id} a shorter name first (`tocht rename {id} NAME`), or its groups shorter names").format(id=ws.id),
                )
    return maps


def merge(sources: list[Workspace], name: str, date: str | None) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Session fields, answers and room answers of the merged session (nothing is written here)."""
    ids = [ws.id for ws in sources]
    if len(set(ids)) != len(ids):
        raise UsageError(_("a session is named twice; merge different sessions"))
    if len(sources) < 2:
        raise UsageError(_("merge needs at least two sessions"))
    kits = {(ws.kit.name, ws.kit.version, str(ws.kit.path)) for ws in sources}
    if len(kits) > 1:
        listing = "; ".join(f"{ws.id}: {ws.kit.name} {ws.kit.version}" for ws in sources)
        raise UsageError(_("these sessions use different kits ({kits}); only sessions of one kit can be merged").format(kits=listing))
    maps = group_map(sources)
    round_, step_ids = merged_round(sources)
    rounds = {ws.kit.followup.id for ws in sources if ws.kit.followup is not None}
    answers = [
        regrouped(doc, mapping, ids, rounds)
        for ws, mapping, ids in zip(sources, maps, step_ids, strict=True)
        for doc in ws.answers()
        if doc.get("group") in mapping
    ]
    dates = sorted({ws.session.get("date", "") for ws in sources})
    fields = merged_fields(sources, maps, name, date or dates[-1])
    if round_ is not None:
        fields["followup"] = round_
        answers = one_meeting(answers, rounds, fields["groups"][0])
    return fields, answers, merged_ballots(sources, maps, step_ids, rounds)


def merged_round(sources: list[Workspace]) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The merged session's follow-up round: every source's steps, a step two of them follow up (promised at the
    same place) once, numbered anew; and per source its steps' ids → the merged ones. None without a round."""
    from msgspec import structs

    from tocht_cli.kinds.followup import steps_of
    from tocht_cli.sessions.followup import where

    steps: list[dict[str, Any]] = []
    earlier: dict[str, dict[str, Any]] = {}
    index: dict[tuple[str, ...], str] = {}
    renumbered: list[dict[str, str]] = []
    for ws in sources:
        ids = {}
        for step in steps_of(ws.session.get("followup")):
            keys = (where(step), (norm(step.action), norm(step.who)))
            found = next((index[key] for key in keys if key in index), None)
            if found is None:
                found = f"v{len(steps) + 1}"
                steps.append(structs.asdict(structs.replace(step, id=found)))
            index.update(dict.fromkeys(keys, found))
            ids[step.id] = found
        renumbered.append(ids)
        earlier.update({m["id"]: m for m in (ws.session.get("followup") or {}).get("from") or [] if m["id"] not in earlier})
    return ({"from": list(earlier.values()), "steps": steps} if steps else None), renumbered


def regrouped(doc: dict[str, Any], mapping: dict[str, str], ids: dict[str, str], rounds: set[str]) -> dict[str, Any]:
    """A source's answer (or room answer) under its merged group; a mark of its follow-up round under the merged step's id."""
    moved = {**doc, "group": mapping[doc["group"]]}
    if doc["exercise"] in rounds:
        moved["item"] = ids.get(doc["item"], doc["item"])
    return moved


def one_meeting(answers: list[dict[str, Any]], rounds: set[str], meeting: str) -> list[dict[str, Any]]:
    """The round's answers as the merged meeting's (under its first group, as every meeting answers the round):
    of a step two sources settled, the one settled last."""
    out: list[dict[str, Any]] = []
    kept: dict[str, int] = {}
    for doc in answers:
        if doc["exercise"] not in rounds:
            out.append(doc)
        elif doc["item"] not in kept:
            kept[doc["item"]] = len(out)
            out.append({**doc, "group": meeting})
        elif moment_order(str(doc.get("at", ""))) > moment_order(str(out[kept[doc["item"]]].get("at", ""))):
            out[kept[doc["item"]]] = {**doc, "group": meeting}
    return out


def merged_ballots(
    sources: list[Workspace], maps: list[dict[str, str]], step_ids: list[dict[str, str]], rounds: set[str]
) -> list[dict[str, Any]]:
    """The sources' room answers under their merged groups; a device that answered in two of the rooms keeps
    both, the second under its id numbered (`….2`), so nothing of either is lost; those whose argument a room
    kept off the screen are flagged `hidden`."""
    from tocht_cli.sessions.ballots import flagged

    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for ws, mapping, ids in zip(sources, maps, step_ids, strict=True):
        for doc in flagged(ws.ballots(), set(ws.store.room(ws.id).get("hidden") or [])):
            if doc.get("group") not in mapping:
                continue
            out.append(renumbered(regrouped(doc, mapping, ids, rounds), seen))
    return out


def merged_lists(sources: list[Workspace]) -> dict[str, Any]:
    """What the sources' rooms did to their lists (upvotes), together: the entries a facilitator merged into another
    and those kept off the screen (`exercise/item#entry`, the same entry at every site), so the merged result shows
    what each room showed. Where two rooms merged one entry into different ones, the first source named wins."""
    from tocht_cli.sessions.ballots import list_state

    merged: dict[str, str] = {}
    hidden: set[str] = set()
    for ws in sources:
        lists = list_state(ws.store.room(ws.id))
        merged = {**lists.get("merged", {}), **merged}
        hidden.update(lists.get("hidden", []))
    return {**({"merged": merged} if merged else {}), **({"hidden": sorted(hidden)} if hidden else {})}


def renumbered(doc: dict[str, Any], seen: set[tuple[str, str, str]]) -> dict[str, Any]:
    """A room answer under a device id not in `seen` for its item (`….2`, `….3` when taken), which it then is:
    one device's answers from two rooms, or two laptops, both kept."""
    device, n = doc["device"], 1
    while (doc["exercise"], doc["item"], device) in seen:
        n += 1
        device = f"{doc['device'].split('.')[0]}.{n}"
    seen.add((doc["exercise"], doc["item"], device))
    return {**doc, "device": device}


def merged_fields(sources: list[Workspace], maps: list[dict[str, str]], name: str, date: str) -> dict[str, Any]:
    """The merged session's record: its groups are the sources' (named after them), its details theirs joined."""

    def joined(key: str) -> str:
        text = ", ".join(dict.fromkeys(str(ws.session[key]) for ws in sources if ws.session.get(key)))
        return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"

    return {
        "name": name,
        "date": date,
        "place": joined("place"),
        "facilitator": joined("facilitator"),
        "groups": [g for mapping in maps for g in mapping.values()],
        "kit": sources[0].session.get("kit") or sources[0].kit.reference(),
        "merged_from": [
            {
                "id": ws.id,
                "name": ws.session["name"],
                "date": ws.session.get("date", ""),
                "groups": list(mapping.values()),
                **({"held_round": True} if ws.session.get("followup") else {}),  # its progress counts only where one was held
            }
            for ws, mapping in zip(sources, maps, strict=True)
        ],
        **disclosed(sources),
        **seated(sources, maps),
    }


def disclosed(sources: list[Workspace]) -> dict[str, Any]:
    """What leaves the room of the merged session: the largest k of its sources (a table one of them kept to the
    total stays there) and per exercise the narrowest audience they marked it for (unmarked is the room)."""
    from tocht_cli.sessions.disclosure import DEFAULT_LEVEL, LEVELS, of_record

    shown = [of_record(ws.session) for ws in sources]
    out: dict[str, Any] = {}
    if any("min_votes" in ws.session for ws in sources):
        out["min_votes"] = max(d.min_votes for d in shown)
    marked = {ex for d in shown for ex in d.audience}
    audience = {ex: min((d.audience.get(ex, DEFAULT_LEVEL) for d in shown), key=LEVELS.index) for ex in sorted(marked)}
    audience = {ex: level for ex, level in audience.items() if level != DEFAULT_LEVEL}
    if audience:
        out["audience"] = audience
    return out


def seated(sources: list[Workspace], maps: list[dict[str, str]]) -> dict[str, Any]:
    """Who sat at each table, under its merged name (nothing when no source said)."""
    attendance = {
        mapping[g]: seat
        for ws, mapping in zip(sources, maps, strict=True)
        for g, seat in (ws.session.get("attendance") or {}).items()
        if g in mapping
    }
    return {"attendance": attendance} if attendance else {}
