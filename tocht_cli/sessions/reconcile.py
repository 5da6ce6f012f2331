"""A sync tool's conflict copy merged back into its session, field by field, keeping both sides.

Two versions of one session file meet: the session file ("this laptop's") and the copy
(the other version the sync tool kept). Their common ancestor is gone, so what they share is
what is equal in both, and a side that has nothing in a field (no answer, an empty text or
list) did not fill it: the other side's value is taken. Only a field both sides filled with
different values is a clash, settled by a person (or `--prefer`): this file's value, the
copy's, or both where the field can hold both (a text, a list). Room answers are one per
device and item: both sides' are kept, as `merge` keeps two rooms' (a device's second one
numbered). The group list is the union of both; the room's state is this file's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.sessions.merging import renumbered
from tocht_cli.store.shapes import ANSWERS, BALLOTS, META, ROOM

Where = tuple[str, str, str]  # exercise, item, group; ("", "", "") for the session's own details


@dataclass(frozen=True)
class Clash:
    """A field both sides filled differently: where, which field, each side's value and when it was saved."""

    where: Where
    field: str
    mine: Any
    theirs: Any
    mine_at: str = ""
    theirs_at: str = ""
    both: Any = None  # the value holding both sides, None when the field cannot hold both
    label: str = ""  # the field as the kit names it (its key when the kind does not describe it)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (*self.where, self.field)


Decisions = dict[tuple[str, str, str, str], str]  # a clash's key → "session" | "copy" | "both"


def merged(kit: Kit, mine: dict[str, Any], theirs: dict[str, Any], decided: Decisions) -> tuple[dict[str, Any], list[Clash]]:
    """The merged document, and the clashes `decided` does not settle (this file's value stands in for them)."""
    merge = _Merge(kit, decided, _agreed_until(_docs(mine, ANSWERS), _docs(theirs, ANSWERS)))
    record = merge.record(_record(mine), _record(theirs))
    answers = merge.answers(_docs(mine, ANSWERS), _docs(theirs, ANSWERS))
    key, meta = next(iter(mine[META].items()))
    document = {**mine, META: {key: {**meta, "record": record}}, ANSWERS: _numbered(answers)}
    ballots = _merged_ballots(_docs(mine, BALLOTS), _docs(theirs, BALLOTS))
    if ballots:
        document[BALLOTS] = _numbered(ballots)
    if not mine.get(ROOM) and theirs.get(ROOM):
        document[ROOM] = theirs[ROOM]
    return document, merge.clashes


def settled(kit: Kit, decided: Decisions) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    """The merge `store.conflicts.absorb` applies under the lock: every clash must be decided (a clash that
    appeared since the person was asked, because a side changed meanwhile, stops it unwritten)."""

    def merge(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        document, open_clashes = merged(kit, mine, theirs, decided)
        if open_clashes:
            raise UsageError(
                _("the session or its copy changed while you chose; nothing was merged"), _("run `tocht doctor --repair` again")
            )
        return document

    return merge


def preferred(clashes: list[Clash], prefer: str) -> tuple[Decisions, list[Clash]]:
    """Every clash decided as `--prefer` says, and the clashes it cannot settle (both, where a field holds one value)."""
    unsettled = [c for c in clashes if prefer == "both" and c.both is None]
    return {c.key: prefer for c in clashes if c not in unsettled}, unsettled


Fits = Callable[[dict[str, Any]], dict[str, Any]]  # an answer's value checked by its kind (ValueError when it does not fit)
_RECORD_LABELS = {"name": N_("name"), "date": N_("date"), "place": N_("place"), "facilitator": N_("facilitator")}
_SEAT_LABELS = {"people": N_("people"), "organisations": N_("organisations")}
_APART = ("groups", "renamed", "attendance")  # the record's parts merged each in its own way, not as one field


class _Merge:
    """One merge of two documents: the kit that checks its answers, the decisions, and the clashes left open."""

    def __init__(self, kit: Kit, decided: Decisions, agreed_until: str = ""):
        self.kit = kit
        self.exercises = {ex.id: ex for ex in kit.every}
        self.decided = decided
        self.agreed_until = agreed_until  # the last save both sides have: before it, they were one file
        self.clashes: list[Clash] = []

    def record(self, mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        """The session's details field by field; its groups both sides' (this file's order, then the copy's new ones)."""
        groups = list(dict.fromkeys([*(mine.get("groups") or []), *(theirs.get("groups") or [])]))
        renamed = {**(theirs.get("renamed") or {}), **(mine.get("renamed") or {})}
        own, other = ({k: v for k, v in side.items() if k not in _APART} for side in (mine, theirs))
        record = self.fields(("", "", ""), own, other, ("", ""), None, _RECORD_LABELS)
        seats = self.attendance(mine.get("attendance") or {}, theirs.get("attendance") or {})
        parts = {"groups": groups, "renamed": renamed, "attendance": seats}
        return {**record, **{key: value for key, value in parts.items() if value}}

    def attendance(self, mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        """Who sat where, table by table and part by part (a clash's place is its table): one laptop's head count
        of tafel 1 and the other's of tafel 3 are no clash, and a table's organisations can hold both sides'."""
        tables = dict.fromkeys([*mine, *theirs])
        return {g: self.fields(("", "", g), mine.get(g) or {}, theirs.get(g) or {}, ("", ""), _seat_fits, _SEAT_LABELS) for g in tables}

    def answers(self, mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each answer (exercise, item, group) from the side that has it, or both sides' merged field by field."""
        by_place = {_where(doc): doc for doc in theirs}
        out = []
        for doc in mine:
            other = by_place.pop(_where(doc), None)
            out.append(doc if other is None or other == doc else self.answer(doc, other))
        return out + list(by_place.values())

    def answer(self, mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        """One answer both sides have, merged and checked by its kind (an answer outside the kit is kept unchecked)."""
        where = _where(mine)
        ex = self.exercises.get(where[0])
        fits: Fits | None = None if ex is None else (lambda value: ex.kind.validate(ex, where[1], value))
        at = (str(mine.get("at") or ""), str(theirs.get("at") or ""))
        if self.agreed_until and all(at):  # an answer one side saved since they parted, the other not: that side's
            if at[0] <= self.agreed_until < at[1]:
                return theirs
            if at[1] <= self.agreed_until < at[0]:
                return mine
        value = self.fields(where, mine["value"], theirs["value"], at, fits, _labels(self.kit, ex))
        try:
            value = fits(value) if fits is not None else value
        except ValueError as exc:
            raise UsageError(
                _(
                    "the merged answer to {exercise}/{item} of group {group!r} does not fit its exercise ({problem}); nothing was merged"
                ).format(exercise=where[0], item=where[1], group=where[2], problem=exc),
                _("choose one side for it: `tocht doctor --repair --prefer session` or `--prefer copy`"),
            ) from None
        return {**mine, "value": value, "at": max(at)}

    def fields(
        self, where: Where, mine: dict[str, Any], theirs: dict[str, Any], at: tuple[str, str], fits: Fits | None, labels: dict[str, str]
    ) -> dict[str, Any]:
        """Field by field: equal or filled on one side only is taken; filled differently on both is a clash."""
        out = dict(mine)
        for name, value in theirs.items():
            own = mine.get(name)
            if own == value or _empty(value):
                continue
            if _empty(own):
                out[name] = value
                continue
            clash = Clash(where, name, own, value, at[0], at[1], _both(name, mine, own, value, fits), labels.get(name, name))
            choice = self.decided.get(clash.key)
            if choice is None:
                self.clashes.append(clash)
            elif choice == "copy":
                out[name] = value
            elif choice == "both" and clash.both is not None:
                out[name] = clash.both
        return out


def _seat_fits(seat: dict[str, Any]) -> dict[str, Any]:
    """A table's seat with its organisations checked (two names alike once folded do not hold both)."""
    from tocht_cli.sessions.attendance import organisations

    return {**seat, "organisations": organisations(seat.get("organisations") or [])}


def _agreed_until(mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> str:
    """When the two sides last agreed: the latest save of an answer both hold alike ("" when none). An answer
    saved on one side after it, and on the other before it, changed on one side only: it is not a clash."""
    same = [str(doc.get("at") or "") for doc in mine if doc in theirs]
    return max(same, default="")


def _record(document: dict[str, Any]) -> dict[str, Any]:
    return dict(next(iter(document[META].values()))["record"])


def _docs(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return list((document.get(table) or {}).values())


def _numbered(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(n): doc for n, doc in enumerate(docs, 1)}


def _both(name: str, mine: dict[str, Any], own: Any, theirs: Any, fits: Fits | None) -> Any:
    """The field holding both sides (texts joined, lists united) when the answer takes it; else None
    (a choice, a number, the session's own details: one side or the other)."""
    if fits is None:
        return None
    if isinstance(own, str) and isinstance(theirs, str):
        joined: Any = f"{own} / {theirs}"
    elif isinstance(own, list) and isinstance(theirs, list):
        joined = [*own, *(v for v in theirs if v not in own)]
    else:
        return None
    try:
        return fits({**mine, name: joined})[name]
    except ValueError:
        return None


def _merged_ballots(mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both sides' room answers; one given on both sides once, a device's differing one kept under a numbered id."""
    seen: set[tuple[str, str, str]] = set()
    out = [renumbered(doc, seen) for doc in mine]
    out += [renumbered(doc, seen) for doc in theirs if doc not in mine]
    return out


def _labels(kit: Kit, ex: Exercise | None) -> dict[str, str]:
    """An answer's fields as the kit names them (a kind that does not describe its fields: their keys)."""
    from tocht_cli.kinds.fields import DescribedKind

    if ex is None or not isinstance(ex.kind, DescribedKind):
        return {}
    return {f.name: f.short_label(ex.spec, kit) for f in (*ex.kind.answer, *ex.kind.whole)}


def _where(doc: dict[str, Any]) -> Where:
    return (doc["exercise"], doc["item"], doc["group"])


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
