"""Who was there, as the facilitator gives it: `--org TABLE=ORG` and `--people TABLE=N` typed on the command
line, and last time's organisations proposed to a new meeting (`new --from`), asked on a terminal, never taken silently."""

from __future__ import annotations

from typing import Any

from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.sessions import attendance


def between_commas(typed: str) -> list[str]:
    """Names typed on one line between commas (tables, organisations), each stripped, none empty."""
    return [name.strip() for name in typed.split(",") if name.strip()]


def assigned(groups: list[str], given: list[str], option: str) -> dict[str, list[str]]:
    """Typed `TABLE=VALUE` options (repeatable) by table; with one table, a VALUE alone is for it. The table
    is matched as typed names are (`norm`). ValueError names `option` and the tables there are."""
    out: dict[str, list[str]] = {}
    by_name = {norm(g): g for g in groups}
    for text in given:
        table, sep, value = text.partition("=")
        group = by_name.get(norm(table)) if sep else None
        if group is None and len(groups) == 1:
            group, value = groups[0], text
        if group is None:
            raise ValueError(
                _("{option} {given!r}: say which table, as TABLE=VALUE; the tables: {groups}").format(
                    option=option, given=text, groups=", ".join(groups)
                )
            )
        out.setdefault(group, []).append(value)
    return out


def typed_people(text: str) -> int:
    """A number of people as typed."""
    try:
        return attendance.people(int(text.strip()))
    except ValueError:
        raise ValueError(
            _("the number of people: expected a whole number from 0 to {most}, not {given!r}").format(
                most=attendance.MAX_PEOPLE, given=text
            )
        ) from None


def typed_seats(groups: list[str], orgs: list[str], counts: list[str]) -> dict[str, attendance.Seat]:
    """The seats `--org TABLE=ORG` and `--people TABLE=N` give, each checked; tables not named are left out."""
    named = assigned(groups, orgs, "--org")
    numbers = assigned(groups, counts, "--people")
    out: dict[str, attendance.Seat] = {}
    for group in groups:
        if group in named or group in numbers:
            if len(numbers.get(group, [])) > 1:
                raise ValueError(_("--people gives table {name!r} more than one number").format(name=group))
            count = typed_people(numbers[group][0]) if group in numbers else None
            out[group] = attendance.Seat(tuple(attendance.organisations(named.get(group, []))), count)
    return out


def with_seats(record: dict[str, Any], given: dict[str, attendance.Seat]) -> dict[str, Any]:
    for group, seat_now in given.items():
        record = attendance.with_seat(record, group, seat_now)
    return record


def for_new(groups: list[str], orgs: list[str], counts: list[str], earlier: dict[str, Any] | None, take: bool) -> dict[str, Any]:
    """The `attendance` of a new session's record: what was typed, and (a follow-up) last time's organisations
    at the tables not given any, when the facilitator takes them."""
    given = typed_seats(groups, orgs, counts)
    if earlier is not None:
        given = proposed(groups, given, earlier, take)
    return dict(with_seats({}, given).get("attendance") or {})


def proposed(groups: list[str], given: dict[str, attendance.Seat], earlier: dict[str, Any], take: bool) -> dict[str, attendance.Seat]:
    """`given` with last time's organisations at the tables that were given none, paired with the earlier
    meeting's tables (`attendance.paired_sessions`): taken with `take`, else asked on a terminal (Enter: no);
    without a terminal, said and left out."""
    from tocht_cli.base.errors import Aborted
    from tocht_cli.render import output
    from tocht_cli.sessions import runtime

    pairs = attendance.paired_sessions({}, groups, earlier, earlier.get("groups") or [])
    offer = {
        ours: attendance.seat(earlier, theirs).organisations
        for ours, theirs in pairs
        if ours and theirs and not given.get(ours, attendance.Seat()).organisations and attendance.seat(earlier, theirs).organisations
    }
    if not offer:
        return given
    said = "; ".join(f"{table}: {', '.join(names)}" for table, names in offer.items())
    if not take:
        if not runtime.is_interactive():
            output.message(_("last time's organisations were not taken ({said}); add --same-organisations to take them").format(said=said))
            return given
        output.message(_("Last time at these tables: {said}").format(said=said))
        answer = runtime.yes_or_no(_("The same organisations this time?"))
        if answer is None:
            raise Aborted(_("stopped; nothing was changed"))
        if not answer:
            return given
    kept = {table: given.get(table, attendance.Seat()) for table in groups}
    return {**given, **{table: attendance.Seat(names, kept[table].people) for table, names in offer.items()}}
