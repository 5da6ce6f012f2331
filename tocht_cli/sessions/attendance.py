"""Who was there: the organisations at each table and how many people sat there, and tables paired across
meetings by them.

The record keeps `attendance`: a table's name → {"organisations": [names as typed], "people": n}, each
part only when it was given. An organisation is matched by its folded name (`norm`: "CC  merchtem" is
"CC Merchtem"), shown as it was typed. Pairing is here once, for `compare`, the dossier and a follow-up's
defaults: a table in March and one in June are the same table when they share an organisation, else when
they bear the same name, else when each meeting had a single table.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import norm
from tocht_cli.sessions import records

MAX_ORGANISATIONS = 20  # at one table
MAX_PEOPLE = 10_000
ORGANISATION = N_("an organisation's name")


class Seat(NamedTuple):
    """Who sat at one table: the organisations as typed (maybe none) and the number of people (None: not said)."""

    organisations: tuple[str, ...] = ()
    people: int | None = None


def organisations(values: list[Any]) -> list[str]:
    """Distinct visible names (by their folded form), at most MAX_ORGANISATIONS; ValueError otherwise."""
    if not isinstance(values, list):
        raise ValueError(_("{what}: expected a list of names").format(what=_(ORGANISATION)))
    if len(values) > MAX_ORGANISATIONS:
        raise ValueError(_("{count} organisations at one table; at most {most}").format(count=len(values), most=MAX_ORGANISATIONS))
    names: list[str] = []
    for value in values:
        name = records.detail(value, ORGANISATION)
        if not name:
            raise ValueError(_("{what} needs visible characters").format(what=_(ORGANISATION)))
        if any(norm(n) == norm(name) for n in names):
            raise ValueError(_("organisation {name!r} is given twice").format(name=name))
        names.append(name)
    return names


def people(value: Any) -> int:
    """A number of people at a table: a whole number from 0 to MAX_PEOPLE."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
        raise ValueError(_("the number of people: expected a whole number from 0 to {most}").format(most=MAX_PEOPLE))
    return value


def seat_value(seat: Seat) -> dict[str, Any]:
    """A seat as the record keeps it: only the parts that were given."""
    value: dict[str, Any] = {}
    if seat.organisations:
        value["organisations"] = list(seat.organisations)
    if seat.people is not None:
        value["people"] = seat.people
    return value


def checked(value: Any, groups: list[str]) -> dict[str, dict[str, Any]]:
    """A record's `attendance` (from an import): each key one of the session's groups, each seat valid."""
    if not isinstance(value, dict):
        raise ValueError(_("expected an object of tables"))
    out: dict[str, dict[str, Any]] = {}
    for group, seat in value.items():
        if group not in groups:
            raise ValueError(_("{name!r} is not one of the session's groups").format(name=group))
        if not isinstance(seat, dict) or set(seat) - {"organisations", "people"}:
            raise ValueError(_("{name!r}: expected organisations and people").format(name=group))
        kept = Seat(tuple(organisations(seat.get("organisations") or [])), people(seat["people"]) if "people" in seat else None)
        if seat_value(kept) != seat:
            raise ValueError(_("{name!r}: contains control characters, invisible characters or surrounding spaces").format(name=group))
        out[group] = seat
    return out


def seat(record: dict[str, Any], group: str) -> Seat:
    """Who sat at `group`, as the record says (nothing said: an empty seat)."""
    value = (record.get("attendance") or {}).get(group) or {}
    organisations = value.get("organisations") or ()
    count = value.get("people")
    return Seat(tuple(o for o in organisations if isinstance(o, str)), count if isinstance(count, int) else None)


def seats(record: dict[str, Any], groups: list[str]) -> dict[str, Seat]:
    return {g: seat(record, g) for g in groups}


def present(record: dict[str, Any], groups: list[str]) -> list[str]:
    """The organisations present, each once (by folded name), in table order, as first typed."""
    found: dict[str, str] = {}
    for g in groups:
        for name in seat(record, g).organisations:
            found.setdefault(norm(name), name)
    return list(found.values())


def people_count(record: dict[str, Any], groups: list[str]) -> int | None:
    """The people at all tables together; None when no table said how many."""
    counts = [s.people for s in seats(record, groups).values() if s.people is not None]
    return sum(counts) if counts else None


def head_count(record: dict[str, Any], groups: list[str]) -> tuple[int | None, tuple[str, ...]]:
    """The people at all tables together (None when no table said how many) and the tables that did not say,
    where another did: the count is theirs only."""
    people = people_count(record, groups)
    unsaid = tuple(g for g, seat in seats(record, groups).items() if seat.people is None) if people is not None else ()
    return people, unsaid


def with_seat(record: dict[str, Any], group: str, changed: Seat) -> dict[str, Any]:
    """The record with `group`'s seat replaced (an empty one removed)."""
    attendance = {g: s for g, s in (record.get("attendance") or {}).items() if g != group}
    value = seat_value(changed)
    if value:
        attendance[group] = value
    return with_attendance(record, attendance)


def moved(record: dict[str, Any], old: str, new: str | None) -> dict[str, Any]:
    """The record once table `old` is called `new` (its seat goes with it), or removed (`new` None)."""
    attendance = dict(record.get("attendance") or {})
    if old not in attendance:
        return record
    value = attendance.pop(old)
    if new is not None:
        attendance[new] = value
    return with_attendance(record, attendance)


def with_attendance(record: dict[str, Any], attendance: dict[str, Any]) -> dict[str, Any]:
    """The record with these seats; without the key when nobody said who sat where (as a record made before)."""
    return {**record, "attendance": attendance} if attendance else {k: v for k, v in record.items() if k != "attendance"}


def keys(names: tuple[str, ...] | list[str]) -> set[str]:
    """Organisations as they are matched: folded."""
    return {norm(n) for n in names}


Pair = tuple[str | None, str | None]


def paired(a: dict[str, Seat], b: dict[str, Seat]) -> list[Pair]:
    """The tables of two meetings paired: (table in A or None, table in B or None), A's order first, then B's
    unpaired. First by the organisations they share (most shared first), then by name, then the only table
    of each when both had one; a table that carries organisations different from the other's is never
    paired by its name alone."""
    matched: dict[str, str] = {}
    shared = sorted(
        (
            (len(keys(sa.organisations) & keys(sb.organisations)), ia, ib, ga, gb)
            for ia, (ga, sa) in enumerate(a.items())
            for ib, (gb, sb) in enumerate(b.items())
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for count, _ia, _ib, ga, gb in shared:
        if count and ga not in matched and gb not in matched.values():
            matched[ga] = gb
    by_name = {norm(g): g for g in b if g not in matched.values()}
    for ga, sa in a.items():
        same = by_name.get(norm(ga))
        if ga not in matched and same is not None and not (sa.organisations and b[same].organisations):
            matched[ga] = by_name.pop(norm(ga))
    if len(a) == 1 and len(b) == 1 and not matched:
        matched = {next(iter(a)): next(iter(b))}
    taken = set(matched.values())
    return [(ga, matched.get(ga)) for ga in a] + [(None, gb) for gb in b if gb not in taken]


def paired_sessions(a: dict[str, Any], groups_a: list[str], b: dict[str, Any], groups_b: list[str]) -> list[Pair]:
    """The tables of two sessions' records paired (`paired`)."""
    return paired(seats(a, groups_a), seats(b, groups_b))


def threads(meetings: list[dict[str, Seat]]) -> list[dict[str, str]]:
    """Per meeting (in order), each table → the key of the table it is across the meetings: each meeting's tables
    paired (`paired`) with every table as it was last seen, so "tafel 2" in March is "CC Merchtem" in June."""
    out: list[dict[str, str]] = []
    last: dict[str, tuple[str, Seat]] = {}  # a table's name when last seen → (its key, its seat then)
    for n, seats_now in enumerate(meetings):
        before = {name: seat for name, (_key, seat) in last.items()}
        keyed = {now: last[was][0] if was else f"{n}/{now}" for was, now in paired(before, seats_now) if now is not None}
        for now, key in keyed.items():
            last = {name: kept for name, kept in last.items() if kept[0] != key}
            last[now] = (key, seats_now[now])
        out.append(keyed)
    return out
