"""Making sessions from typed input: the checks, the record, and how a new session is announced."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.render import output
from tocht_cli.sessions import records

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Kit
    from tocht_cli.store import Store
    from tocht_cli.store.overview import Overview

T = TypeVar("T")


def checked(check: Callable[..., T], *args: Any) -> T:
    """A records check on typed input: its ValueError becomes a usage error (exit 2)."""
    try:
        return check(*args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def announce(created: dict[str, Any], as_json: bool, what: str) -> None:
    """A new session on stdout (its id, or the whole record with --json) and what happened on stderr."""
    if as_json:
        output.data_json(created)
    else:
        output.data(created["id"])
    output.message(what)


def create(
    store: Store,
    kit: Kit,
    name: str,
    date: str | None = None,
    place: str = "",
    facilitator: str = "",
    groups: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    yes: bool = False,
) -> dict[str, Any]:
    """A new session in `kit`, made the current one; a name in use already is said and asked about."""
    fields = {
        "name": checked(records.session_name, name),
        "date": checked(records.meeting_date, date, dt.date.today().isoformat()),
        "place": checked(records.detail, place, records.PLACE),
        "facilitator": checked(records.detail, facilitator, records.FACILITATOR),
        "groups": checked(records.group_names, groups or [], kit.label("default_group")),
        "kit": kit.reference(),
        **(extra or {}),
    }
    namesakes = same_name(store, fields["name"])
    if namesakes:
        name = fields["name"]
        confirm_again(
            _("there is a session named {name!r} already: {sessions}").format(name=name, sessions=described(namesakes)),
            _("Start another session named {name!r}?").format(name=name),
            yes,
            _("give the new session another name, or add --yes to make a second {name!r}").format(name=name),
        )
    return store.create_session(fields)


def edited(name: str | None, date: str | None, place: str | None, facilitator: str | None) -> dict[str, Any]:
    """The fields `tocht edit` was given, checked; an option given empty is refused rather than clearing a field."""
    given = {"name": name, "date": date, "place": place, "facilitator": facilitator}
    if all(v is None for v in given.values()):
        raise UsageError(_("nothing to change"), _("give one or more of --name, --date, --place, --facilitator"))
    for key, value in given.items():
        if value is not None and not value.strip():
            raise UsageError(_("--{option} is empty; give a new value, or leave --{option} out to keep it as it is").format(option=key))
    checks = {
        "name": lambda v: records.session_name(v),
        "date": lambda v: records.meeting_date(v, None),
        "place": lambda v: records.detail(v, records.PLACE),
        "facilitator": lambda v: records.detail(v, records.FACILITATOR),
    }
    fields = {key: checked(checks[key], value) for key, value in given.items() if value is not None}
    for key, value in fields.items():
        if not value:  # only invisible characters: cleaned away to nothing
            raise UsageError(_("--{option} needs visible characters").format(option=key))
    return fields


def same_name(store: Store, name: str) -> list[dict[str, Any]]:
    """The sessions already called `name` (case and spacing aside): one key of the name index, or (when
    the index cannot be trusted now) found in the list's columns, then read."""
    from tocht_cli.base.text import norm
    from tocht_cli.store.names import name_key

    found = store.indexed(name_key(name))
    if found is not None:
        return found
    key = norm(name)
    return listed(store, lambda seen, n: norm(seen.name[n]) == key)


def listed(store: Store, maybe: Callable[[Overview, int], bool]) -> list[dict[str, Any]]:
    """The records of the sessions whose overview entry `maybe` picks: `new` and `import` look through the
    columns `list` keeps (store/overview.py) and read only the few files picked, so they cost the same at
    ten thousand sessions. For a warning only: a database that cannot be listed is reported by the write."""
    from tocht_cli.base.errors import DatabaseError

    try:
        found = store.overview()
        return [store.session(found.id[n]) for n in range(len(found.id)) if maybe(found, n)]
    except DatabaseError:
        return []


def described(sessions: list[dict[str, Any]]) -> str:
    """Sessions named in a message, each with its date as its kit's language writes it (as `list` shows it)."""
    from tocht_cli.base.dates import shown_date

    language = kit_languages()
    return "; ".join(f"{s['id']} {s['name']!r} ({shown_date(s.get('date', ''), language(s.get('kit') or {}))})" for s in sessions[:5])


def listed_columns(seen: Overview, marked: str | None, most: int | None = None) -> list[list[str]]:
    """The columns of `tocht list`: newest first (by date, then by when it was made), the `most` newest
    (None: all), the current session marked, each date as its kit's language writes it. Ten thousand
    sessions share a few kits and dates: each kit's language is read once, each date written once per kit."""
    from tocht_cli.base.dates import shown_date

    # By date, then by when it was made, as sorting the records by (date, created) would: two stable sorts
    # of plain strings, the second key first, cost less than comparing ten thousand tuples.
    order = sorted(range(len(seen.id)), key=seen.created.__getitem__, reverse=True)
    order.sort(key=seen.date.__getitem__, reverse=True)
    order = order[:most]

    def ordered(column: list[Any]) -> list[Any]:
        return list(map(column.__getitem__, order))

    language = kit_languages()
    kits = ordered(list(zip(seen.date, seen.kit, seen.kit_path, strict=True)))
    written = {key: shown_date(key[0], language({"name": key[1], "path": key[2]})) for key in set(kits)}
    ids = ordered(seen.id)
    return [
        ["*" if session_id == marked else "" for session_id in ids],
        ids,
        list(map(written.__getitem__, kits)),
        ordered(seen.name),
        ordered(seen.place),
        list(map(str, ordered(seen.groups))),
        ordered(seen.kit),
    ]


def kit_languages() -> Callable[[dict[str, Any]], str]:
    """The language of a kit (a session's record's `kit`), which writes its sessions' dates; the
    facilitator's when the kit cannot be read. Sessions share a few kits, so each is read once."""
    from tocht_cli.base import i18n
    from tocht_cli.kit import shipped

    known: dict[tuple[str | None, str | None], str] = {}

    def language(ref: dict[str, Any]) -> str:
        key = (ref.get("name") or None, ref.get("path"))
        if key not in known:
            known[key] = shipped.language_of(ref) or i18n.facilitator_language()
        return known[key]

    return language


def imported_already(store: Store, exported: dict[str, Any]) -> list[dict[str, Any]]:
    """Sessions that are this export: the exported session itself (same id and date), or an earlier import of it."""
    from tocht_cli.store.names import origin_key

    key = (exported.get("id"), exported.get("date"))
    if not isinstance(key[0], str):
        return []
    found = store.indexed(origin_key(key[0]))
    if found is None:
        found = listed(store, lambda seen, n: seen.date[n] == (key[1] or ""))
    return [s for s in found if (s["id"], s.get("date")) == key or ((s.get("imported") or {}).get("id"), s.get("date")) == key]


def confirm_again(what: str, question: str, yes: bool, instead: str) -> None:
    """A second session of the same name, or the same export twice: said, then asked (--yes without a terminal)."""
    from tocht_cli.base.errors import NeedsTerminal
    from tocht_cli.sessions import runtime

    if yes:
        return
    if not runtime.is_interactive():
        raise NeedsTerminal(
            _("{what}; making another needs a confirmation, and stdin is not a terminal; nothing was changed").format(what=what), instead
        )
    output.message(what)
    runtime.confirm(question, False, instead)
