"""The rules of an export's envelope in plain Python, and a whole file checked by them without pydantic.

A valid file, the common case, is checked here (`contents`) in a fraction of what building
envelope.py's pydantic models costs. The first problem stops this check: the file is then
validated again by those models, which name every problem with its key path
(`sessions[3].answers.t1a: …`). The rules (a name as tocht writes it, the kit found, an
answer's value as its kind takes it) live here once, and the models call them.

Both ways give the same result for a file both accept; tests/test_envelope_rules.py holds them
to it on every change of a rich export, one key at a time.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from msgspec import structs

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import _, ngettext
from tocht_cli.base.text import norm
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kinds.values import Date, Timestamp
from tocht_cli.kit import loader, shipped
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions import attendance, ballots, carrying, disclosure, records
from tocht_cli.store import EXERCISE_LEVEL

MAX_BALLOTS = 100_000  # a room's answers in one export: a full day of a big hall, and a bound on what is read
MAX_ROUND_STEPS = 1000
MAX_LISTED = 10_000  # a room's lists' merged and hidden entries in one export
MAX_AUDIENCES = 1000
MAX_MERGED_TEXT = 400
ORIGINS = ("phones", "hands", "paper")  # where an answer's counts came from (sessions/origins.py)
LIST_PLACE = re.compile(r"(?P<exercise>[^/#]{1,100})/(?P<item>[^/#]{1,100})#(?P<entry>[^#]{1,400})")
SURROGATE = re.compile(r"[\ud800-\udfff]|\\u[dD][89abcdefABCDEF]")  # half a UTF-16 pair, which pydantic refuses as text


# -- the rules, shared with envelope.py's models ------------------------------------------------


def meeting_date(value: Any) -> str:
    date = Date().check(value)
    if not date:
        raise ValueError(_("a session needs a date (YYYY-MM-DD)"))
    return date


def _kept_exactly(value: Any, cleaned: str) -> str:
    if cleaned != value:
        raise ValueError(_("contains control characters, invisible characters or surrounding spaces"))
    return cleaned


def unchanged(value: Any, what: str) -> str:
    """A detail recorded by tocht, kept exactly: cleaning it would change it."""
    return _kept_exactly(value, records.detail(value, what))


def named(value: Any) -> str:
    """A group's name as tocht writes it (among a merged session's sources: checked against the groups by the merge)."""
    return _kept_exactly(value, records.group_name(value))


def another_group(value: Any, groups: list[str]) -> str:
    """A group's name as tocht writes it, distinct from `groups` (those before it) as they are typed; added to them."""
    name = named(value)
    if any(norm(g) == norm(name) for g in groups):
        raise ValueError(_("group {name!r} is given twice, or would be mistaken for another when typed").format(name=name))
    groups.append(name)
    return name


def given_groups(value: Any) -> set[str]:
    """The groups as the file names them (and as tocht would clean them), valid or not."""
    given = {g for g in value if isinstance(g, str)} if isinstance(value, list) else set()
    for name in list(given):
        with suppress(ValueError):
            given.add(records.group_name(name))
    return given


def find_kit(name: str, version: str, path: str | None, context: dict[str, Any]) -> Kit:
    """--kit if given, else the recorded folder if it exists here, else the shipped one by name
    (among this run's kits, `context["kits"]`); a note in the context when its version differs."""
    kits: Kits = context["kits"]
    try:
        if kits.chosen:
            kit = kits.load(kits.chosen)
        elif path is not None and Path(path).is_dir():
            kit = loader.load_path(Path(path), kits.kinds)
        elif name in shipped.builtin_names():
            kit = kits.load(name)
        elif path is None:
            raise ValueError(
                _("kit {name!r} is not shipped with tocht; give its folder with `tocht --kit FOLDER import …`").format(name=name)
            )
        else:
            raise ValueError(
                _(
                    "kit {name!r} is not shipped with tocht and its folder {path!r} is not here; give it with `tocht --kit FOLDER import …`"
                ).format(name=name, path=path)
            )
    except TochtError as exc:
        raise ValueError(exc.message) from None
    if name != kit.name:
        raise ValueError(_("the answers are for kit {name!r}, not {kit!r}").format(name=name, kit=kit.name))
    if version != kit.version:
        context["note"] = _("exported with kit {name} {version}; checking against {current}").format(
            name=name, version=version, current=kit.version
        )
    return kit


def followup_round(value: Any, context: dict[str, Any]) -> dict[str, Any] | None:
    """A follow-up round as the session kept it: the earlier sessions and their open steps. The answers
    after it are checked against the kit with that round in it (`kinds/followup.py`)."""
    from tocht_cli.kinds.followup import steps_of, with_round

    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"from", "steps", "owner_marks"}:
        raise ValueError(_("expected an object of the earlier sessions (from) and their open steps (steps)"))
    if not isinstance(value.get("owner_marks", False), bool):
        raise ValueError(_("expected owner_marks to be true or false"))
    sources = value.get("from") or []
    if not isinstance(sources, list) or not all(
        isinstance(s, dict)
        and {k: str for k in s} == dict.fromkeys(("id", "name", "date"), str)
        and all(isinstance(v, str) for v in s.values())
        for s in sources
    ):
        raise ValueError(_("expected the earlier sessions as a list of their id, name and date"))
    steps = steps_of(value)
    if len(steps) > MAX_ROUND_STEPS:
        raise ValueError(_("at most {most} steps").format(most=MAX_ROUND_STEPS))
    if context.get("kit") is not None:
        context["kit"] = with_round(context["kit"], value)
    marks = {"owner_marks": value["owner_marks"]} if "owner_marks" in value else {}
    return {"from": sources, "steps": [structs.asdict(s) for s in steps], **marks}


def timestamp(value: Any) -> str:
    at = Timestamp().check(value)
    if at is None:
        raise ValueError(_("expected an ISO timestamp"))
    return at


def device(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(ballots.DEVICE, value):
        raise ValueError(_("expected a device's id: 24 hexadecimal digits"))
    return value


def exercise_of(kit: Kit, ex_id: str) -> Exercise | None:
    return next((e for e in kit.every if e.id == ex_id), None)


def answer_items(ex: Exercise) -> set[str]:
    return {i for i, _ in ex.kind.answer_items(ex)}


def ballot_items(ex: Exercise) -> set[str]:
    """What a participant answers: the exercise's items, and their own card."""
    return {i.id for i in ex.kind.items(ex)} | {EXERCISE_LEVEL}


def bounded(value: Any, context: dict[str, Any]) -> Any:
    """No more answers than the kit has items for the session's groups: a bigger file is refused before its answers are read."""
    kit: Kit | None = context.get("kit")
    groups = len(context["groups"]) if context.get("groups known") else records.MAX_GROUPS
    if kit is not None and isinstance(value, list):
        most = sum(len(ex.kind.answer_items(ex)) for ex in kit.every) * max(1, groups)
        if len(value) > most:
            answers = ngettext(
                "{n} answers; this kit with {groups} group holds at most {most}",
                "{n} answers; this kit with {groups} groups holds at most {most}",
                groups,
            )
            raise ValueError(answers.format(n=len(value), groups=groups, most=most))
    return value


def list_place(value: str, kit: Kit | None) -> str:
    """An entry of a room's list as `exercise/item#entry`: a list the session's kit has (a kind whose devices
    keep their own answer there), or a word of a word cloud (a ballot in the participants' own words)."""
    found = LIST_PLACE.fullmatch(value)
    ex = exercise_of(kit, found["exercise"]) if kit is not None and found else None
    if found is None or (kit is not None and (ex is None or not has_entries(ex, found["item"]))):
        raise ValueError(_("expected an entry of a room's list as exercise/item#entry, got {got!r}").format(got=value[:80]))
    return value


def has_entries(ex: Exercise, item: str) -> bool:
    """Whether the room may keep entries of `item` off the screen: a list's, or a word cloud's words."""
    return ex.kind.device_shape(ex, item) is not None or (ballots.ballot_kind(ex) is not None and not ballots.choice(ex)[1])


def record_fields(session: dict[str, Any], kit: Kit) -> dict[str, Any]:
    """The record of the new session from the checked session (absent keys as None), in the order tocht writes one."""
    fields: dict[str, Any] = {key: session[key] for key in ("name", "date", "place", "facilitator", "groups")}
    if session["attendance"]:
        fields["attendance"] = session["attendance"]
    if session["from"] is not None:
        fields["from"] = session["from"]
    if session["merged_from"] is not None:
        fields["merged_from"] = session["merged_from"]
    fields["kit"] = kit.reference()
    fields.update({key: session[key] for key in ("followup", "min_votes", "audience", "kept") if session[key] is not None})
    return fields


# -- the whole file, checked in plain Python -------------------------------------------------


class Contents(NamedTuple):
    """What an import takes from a valid export."""

    session: dict[str, Any]  # the new session's record
    answers: list[dict[str, Any]]  # to the kit's items, then to items it does not have (any more)
    outside: list[dict[str, Any]]  # those to items it does not have
    ballots: list[dict[str, Any]]
    lists: dict[str, Any]
    kit: Kit


def contents(text: str, doc: dict[str, Any], context: dict[str, Any]) -> Contents | None:
    """The contents of a valid export `doc` (parsed from `text`); None at the first problem (or doubt):
    envelope.py then validates it again and says what is wrong."""
    if SURROGATE.search(text):
        return None
    try:
        return _contents(doc, context)
    except ValueError:
        return None


def _object(value: Any, required: AbstractSet[str], optional: AbstractSet[str] = frozenset()) -> dict[str, Any]:
    """`value` an object with every key of `required` and none beyond `optional`."""
    if not isinstance(value, dict) or not required <= value.keys() or not value.keys() <= required | optional:
        raise ValueError
    return value


def _text(value: Any, longest: int | None = None) -> str:
    if not isinstance(value, str) or (longest is not None and len(value) > longest):
        raise ValueError
    return value


def _list(value: Any, longest: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (longest is not None and len(value) > longest):
        raise ValueError
    return value


def _contents(doc: dict[str, Any], context: dict[str, Any]) -> Contents:
    _object(doc, {"format", "version", "session", "answers"}, {"outside_kit", "ballots", "lists", "opinions"})
    session = _session(doc["session"], context)
    kit: Kit = context["kit"]
    seen: set[tuple[str, ...]] = set()
    answers = [_answer(a, kit, session["groups"], seen) for a in bounded(_list(doc["answers"]), context)]
    outside = [_answer(a, kit, session["groups"], seen, outside=True) for a in bounded(_list(doc.get("outside_kit", [])), context)]
    seen_ballots: set[tuple[str, ...]] = set()
    kept = [_ballot(b, kit, session["groups"], seen_ballots) for b in _list(doc.get("ballots", []), MAX_BALLOTS)]
    if not isinstance(doc.get("opinions", {}), dict):
        raise ValueError
    return Contents(record_fields(session, kit), answers + outside, outside, kept, _lists(doc.get("lists"), kit), kit)


SESSION_KEYS = {"id", "place", "facilitator", "attendance", "from", "merged_from", "followup", "min_votes", "audience", "kept"}


def _session(value: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The session's record as envelope.Session takes it (absent keys as None), its kit found in `context`."""
    given = _object(value, {"name", "date", "groups", "kit"}, SESSION_KEYS)
    groups: list[str] = []
    for name in _list(given["groups"], records.MAX_GROUPS):
        another_group(name, groups)
    if not groups:
        raise ValueError
    context["groups"], context["groups known"] = groups, True
    session: dict[str, Any] = {
        "name": records.session_name(given["name"]),
        "date": meeting_date(given["date"]),
        "place": records.detail(given["place"], records.PLACE) if "place" in given else "",
        "facilitator": records.detail(given["facilitator"], records.FACILITATOR) if "facilitator" in given else "",
        "groups": groups,
        "attendance": attendance.checked(given["attendance"], groups) if "attendance" in given else None,
        "from": _provenance(given["from"]) if "from" in given else None,
        "merged_from": _sources(given.get("merged_from")),
    }
    kit = _object(given["kit"], {"name", "version"}, {"path"})
    path = kit.get("path")
    context["kit"] = find_kit(_text(kit["name"]), _text(kit["version"]), None if path is None else _text(path), context)
    session["followup"] = followup_round(given["followup"], context) if "followup" in given else None
    votes = given.get("min_votes")
    session["min_votes"] = None if votes is None else disclosure.checked_min_votes(votes)
    session["audience"] = _audience(given.get("audience"))
    session["kept"] = carrying.checked_copy(given["kept"]) if "kept" in given else None
    return session


def _provenance(value: Any, optional: AbstractSet[str] = frozenset()) -> dict[str, Any]:
    given = _object(value, {"id", "name", "date"}, optional)
    return {key: unchanged(given[key], key) for key in ("id", "name", "date")}


def _sources(value: Any) -> list[dict[str, Any]] | None:
    """A merged session's sources: each one's id, name and date, and the groups its tables are in (when said)."""
    if value is None:
        return None
    sources = []
    for given in _list(value, records.MAX_GROUPS):
        source = _provenance(given, {"groups", "held_round"})
        if given.get("groups") is not None:
            source["groups"] = [named(g) for g in _list(given["groups"], records.MAX_GROUPS)]
        if given.get("held_round") is True:
            source["held_round"] = True
        sources.append(source)
    return sources


def _audience(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) > MAX_AUDIENCES:
        raise ValueError
    return {key: disclosure.checked_level(level) for key, level in value.items()}


ANSWER_KEYS = {"exercise", "item", "group", "value", "at"}


def _answer(value: Any, kit: Kit, groups: list[str], seen: set[tuple[str, ...]], outside: bool = False) -> dict[str, Any]:
    """An answer as envelope.Answer (or, `outside` the kit, OutsideAnswer) takes and dumps it."""
    given = _object(value, ANSWER_KEYS, {"origin"})
    exercise, item, group = (_text(given[key]) for key in ("exercise", "item", "group"))
    if group not in groups or (exercise, item, group) in seen:
        raise ValueError
    seen.add((exercise, item, group))
    ex = exercise_of(kit, exercise)
    if ex is not None and item in answer_items(ex):
        checked = ex.kind.validate(ex, item, given["value"])
    elif outside and isinstance(given["value"], dict):
        checked = given["value"]
    else:
        raise ValueError
    answer = {"exercise": exercise, "item": item, "group": group, "value": checked, "at": timestamp(given["at"])}
    if given.get("origin") is not None:
        answer["origin"] = _origin(given["origin"])
    return answer


def _origin(value: Any) -> str:
    if value not in ORIGINS:
        raise ValueError
    return str(value)


def _ballot(value: Any, kit: Kit, groups: list[str], seen: set[tuple[str, ...]]) -> dict[str, Any]:
    """A participant's answer as envelope.Ballot takes and dumps it."""
    given = _object(value, {*ANSWER_KEYS, "device"}, {"origin", "name", "hidden"})
    exercise, item, group = (_text(given[key]) for key in ("exercise", "item", "group"))
    ex = exercise_of(kit, exercise)
    key = (exercise, item, device(given["device"]))
    if ex is None or item not in ballot_items(ex) or group not in groups or key in seen or given.get("origin") is not None:
        raise ValueError
    seen.add(key)
    ballot: dict[str, Any] = {"exercise": exercise, "item": item, "group": group, "value": ballots.validate(ex, item, given["value"])}
    ballot |= {"at": timestamp(given["at"]), "device": key[2]}
    if _text(given.get("name", ""), ballots.MAX_NAME):
        ballot["name"] = given["name"]
    hidden = given.get("hidden", False)
    if not isinstance(hidden, bool):
        raise ValueError
    if hidden:
        ballot["hidden"] = True
    return ballot


def _lists(value: Any, kit: Kit) -> dict[str, Any]:
    """What the room's facilitator did with its lists, without what is empty."""
    if value is None:
        return {}
    given = _object(value, set(), {"merged", "hidden"})
    merged = given.get("merged", {})
    if not isinstance(merged, dict) or len(merged) > MAX_LISTED:
        raise ValueError
    for place, into in merged.items():
        list_place(place, kit)
        if not _text(into, MAX_MERGED_TEXT):
            raise ValueError
    hidden = [list_place(_text(place), kit) for place in _list(given.get("hidden", []), MAX_LISTED)]
    return {key: entries for key, entries in (("merged", dict(merged)), ("hidden", hidden)) if entries}
