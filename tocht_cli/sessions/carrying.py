"""What a follow-up carries over from the meeting it follows (a plan's header, a step's action, who and
when), kept in its own record when it is made: its "(last time)" answers stay when the earlier session
is deleted, as a follow-up round keeps its open steps (sessions/followup.py)."""

from __future__ import annotations

from typing import Any

from tocht_cli.base.i18n import _

CARRIED = "carried"  # the record's key: {"groups": the earlier meeting's groups, "answers": what each item carries}
KEPT = "kept"  # once the earlier meeting is deleted: {"groups": its groups, "answers": every answer as its file held them}
# (made by `Workspace.carried_into_follow_up`: this module reads it and knows no workspace, so that neither imports the other)


def kept(record: dict[str, Any], key: str = CARRIED) -> tuple[list[str], list[dict[str, Any]]] | None:
    """The groups and answers a follow-up's record keeps of its earlier meeting under `key` (the answers it
    carried, or with `KEPT` every answer: None in a file from before it kept them); whatever in it is not
    an answer's shape is left out, never a traceback."""
    found = record.get(key)
    if not isinstance(found, dict):
        return None
    groups = [g for g in found.get("groups") or [] if isinstance(g, str)]
    answers = [doc for doc in found.get("answers") or [] if _answer_shaped(doc)]
    return groups, answers


def _answer_shaped(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and all(isinstance(doc.get(k), str) for k in ("exercise", "item", "group"))
        and isinstance(doc.get("value"), dict)
    )


def checked_copy(value: Any) -> dict[str, Any]:
    """A kept copy (`CARRIED` or `KEPT`) as an import takes it: groups and answers of an answer's shape,
    else a ValueError (sessions/envelope.py says so)."""
    if not isinstance(value, dict) or set(value) != {"groups", "answers"}:
        raise ValueError(_("expected the groups and answers of the earlier meeting"))
    stored = kept({CARRIED: value})
    if stored is None or len(stored[0]) != len(value["groups"]) or len(stored[1]) != len(value["answers"]):
        raise ValueError(_("expected the groups and answers of the earlier meeting"))
    return value
