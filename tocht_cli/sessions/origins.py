"""Where an answer's counts came from: the room's phones, hands counted and typed by the facilitator, or a
paper worksheet typed in afterwards. A merged result of several sites says it per site, so a coordinator
knows which totals a room counted itself and which a person copied.

The origin is stamped on an answer (beside its value) when its counts change, by whoever changes them:
the room's tally says phones, the walk and the direct commands hands (or paper, when told). An answer whose
counts did not change keeps the origin it had. A file from before answers carried it is read as meant: counts
of a table whose phones voted on that item came from the phones, others from hands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kinds.fields import ORIGIN_WORDS
from tocht_cli.sessions.disclosure import hands, hands_fields
from tocht_cli.store import HANDS, ORIGINS, PAPER, PHONES

__all__ = ["HANDS", "ORIGINS", "PAPER", "PHONES", "inferred", "said", "stamp", "votes_by_origin"]


def stamp(ex: Exercise, origin: str) -> Callable[[dict[str, Any] | None, dict[str, Any]], str | None]:
    """What `Store.update` asks of an answer before and after: `origin` when the save changed its counts, else
    None (it keeps the origin it had)."""
    fields = hands_fields(ex)

    def of(before: dict[str, Any] | None, after: dict[str, Any]) -> str | None:
        changed = any((before or {}).get(name) != after.get(name) for name in fields)
        return origin if changed and hands(after, fields) else None

    return of


def inferred(
    answers: list[dict[str, Any]], exercises: dict[str, Exercise], voted: Callable[[], set[tuple[str, str, str]]]
) -> list[dict[str, Any]]:
    """Answers with counts and no origin (a file from before answers carried one) given the one they had: phones
    where the table's phones voted on the item (`voted`: (exercise, item, group), asked only when needed), else hands."""
    missing = [n for n, doc in enumerate(answers) if "origin" not in doc and has_counts(exercises.get(doc["exercise"]), doc["value"])]
    if not missing:
        return answers
    phones = voted()
    out = list(answers)
    for n in missing:
        doc = out[n]
        out[n] = {**doc, "origin": PHONES if (doc["exercise"], doc["item"], doc["group"]) in phones else HANDS}
    return out


def has_counts(ex: Exercise | None, value: dict[str, Any]) -> bool:
    return ex is not None and hands(value, hands_fields(ex)) > 0


def votes_by_origin(ex: Exercise, answers: list[dict[str, Any]]) -> dict[str, int]:
    """How many votes of an exercise's answers came from each origin, in the order phones, hands, paper."""
    fields = hands_fields(ex)
    out = dict.fromkeys(ORIGINS, 0)
    for doc in answers:
        if doc["exercise"] == ex.id and doc.get("origin") in out:
            out[doc["origin"]] += hands(doc["value"], fields)
    return {origin: n for origin, n in out.items() if n}


def said(votes: dict[str, int], kit: Kit) -> str:
    """A site's votes by where they came from, in the kit's words ('telefoons 40 · handen 12 · papier 3')."""
    return " · ".join(f"{kit.words.gettext(ORIGIN_WORDS[origin])} {n}" for origin, n in votes.items())
