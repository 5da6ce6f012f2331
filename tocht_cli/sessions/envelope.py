"""The envelope of a JSON export as pydantic models: the session's record, its kit, its answers.

Imported by `tocht import` only (pydantic's models cost time to build; no
other command needs them). The checks themselves are tocht's own: a session's
name, groups and details go through `records`, an answer's value through its
kind's `validate` (the field descriptions of `kinds/values.py`), so a file
that validates holds nothing `tocht run` could not have recorded.

Validation runs top to bottom with one context: the session's groups and
its kit, once found, are what the answers are checked against. Every problem
is a pydantic error; `tocht_cli.base.problems` turns them into plain lines.
"""

from __future__ import annotations

import re
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import structs
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tocht_cli.base import problems as plain
from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.base.text import norm
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kinds.values import Date, Timestamp
from tocht_cli.kit import loader, shipped
from tocht_cli.kit.kits import Kits
from tocht_cli.sessions import attendance, ballots, disclosure, records
from tocht_cli.store import EXERCISE_LEVEL

MAX_BALLOTS = 100_000  # a room's answers in one export: a full day of a big hall, and a bound on what is read


class Strict(BaseModel):
    """Every key known, no value converted into another type (a number is not a text)."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _context(info: ValidationInfo) -> dict[str, Any]:
    """What validation found so far (the groups, the kit), shared from the session to the answers."""
    if not isinstance(info.context, dict):
        raise TypeError("validate an Envelope with a context dict")
    return info.context


def _first(info: ValidationInfo, kind: str, key: tuple[str, ...]) -> bool:
    """Whether `key` is met for the first time among the records of `kind` in this file (noted if so)."""
    seen: set[tuple[str, ...]] = _context(info).setdefault(kind, set())
    if key in seen:
        return False
    seen.add(key)
    return True


def an_object(with_keys: str) -> BeforeValidator:
    """Anything but an object is `expected an object with …, got …`: what belongs in it, in words (marked with N_)."""

    def check(value: Any) -> Any:
        if not isinstance(value, dict):
            expected = _("expected an object with {keys}").format(keys=_(with_keys))
            raise ValueError(_("{expected}, got {given}").format(expected=expected, given=plain.describe(value, plain.JSON)))
        return value

    return BeforeValidator(check)


# -- the session's record ---------------------------------------------------------------------


def _date(value: Any) -> str:
    date = Date().check(value)
    if not date:
        raise ValueError(_("a session needs a date (YYYY-MM-DD)"))
    return date


def _unchanged(value: Any, what: str) -> str:
    """A detail recorded by tocht, kept exactly: cleaning it would change it."""
    if records.detail(value, what) != value:
        raise ValueError(_("contains control characters, invisible characters or surrounding spaces"))
    return str(value)


def _named(value: Any) -> str:
    """A group's name as tocht writes it (among a merged session's sources: checked against the groups by the merge)."""
    if records.group_name(value) != value:
        raise ValueError(_("contains control characters, invisible characters or surrounding spaces"))
    return str(value)


def _group(value: Any, info: ValidationInfo) -> str:
    """A group's name as tocht writes it, distinct from the others as they are typed."""
    name = records.group_name(value)
    if name != value:
        raise ValueError(_("contains control characters, invisible characters or surrounding spaces"))
    groups: list[str] = _context(info).setdefault("groups", [])
    if any(norm(g) == norm(name) for g in groups):
        raise ValueError(_("group {name!r} is given twice, or would be mistaken for another when typed").format(name=name))
    groups.append(name)
    return name


def _given_groups(value: Any, info: ValidationInfo) -> Any:
    """The groups as the file names them (and as tocht would clean them), valid or not: the answers are
    checked against these, so that a problem with one group hides no answer given to a group the session lacks."""
    if isinstance(value, list):
        given = _context(info)["groups given"] = {g for g in value if isinstance(g, str)}
        for name in list(given):
            with suppress(ValueError):
                given.add(records.group_name(name))
    return value


PROVENANCE = N_("the session's id, name and date")


class Provenance(Strict):
    """An earlier or merged session ({id, name, date}): kept as a record, never followed."""

    id: Annotated[str, BeforeValidator(lambda v: _unchanged(v, N_("id")))]
    name: Annotated[str, BeforeValidator(lambda v: _unchanged(v, N_("name")))]
    date: Annotated[str, BeforeValidator(lambda v: _unchanged(v, N_("date")))]


class Source(Provenance):
    """A merged session's source: its id, name and date, and the groups its tables are in the merged session."""

    groups: Annotated[list[Annotated[str, BeforeValidator(_named)]], Field(max_length=records.MAX_GROUPS)] | None = None

    def dumped(self) -> dict[str, Any]:
        return self.model_dump(exclude={"groups"} if self.groups is None else set())


class KitReference(Strict):
    """The kit the answers were given in; validating it finds that kit on this machine."""

    name: str
    version: str
    path: str | None = None

    @model_validator(mode="after")
    def found(self, info: ValidationInfo) -> KitReference:
        _context(info)["kit"] = find_kit(self, _context(info))
        return self


def find_kit(ref: KitReference, context: dict[str, Any]) -> Kit:
    """--kit if given, else the recorded folder if it exists here, else the shipped one by name
    (among this run's kits, which the importer put in the validation's context)."""
    kits: Kits = context["kits"]
    try:
        if kits.chosen:
            kit = kits.load(kits.chosen)
        elif ref.path is not None and Path(ref.path).is_dir():
            kit = loader.load_path(Path(ref.path), kits.kinds)
        elif ref.name in shipped.builtin_names():
            kit = kits.load(ref.name)
        elif ref.path is None:
            raise ValueError(
                _("kit {name!r} is not shipped with tocht; give its folder with `tocht --kit FOLDER import …`").format(name=ref.name)
            )
        else:
            raise ValueError(
                _(
                    "kit {name!r} is not shipped with tocht and its folder {path!r} is not here; give it with `tocht --kit FOLDER import …`"
                ).format(name=ref.name, path=ref.path)
            )
    except TochtError as exc:
        raise ValueError(exc.message) from None
    if ref.name != kit.name:
        raise ValueError(_("the answers are for kit {name!r}, not {kit!r}").format(name=ref.name, kit=kit.name))
    if ref.version != kit.version:
        context["note"] = _("exported with kit {name} {version}; checking against {current}").format(
            name=ref.name, version=ref.version, current=kit.version
        )
    return kit


MAX_ROUND_STEPS = 1000


def _round(value: Any, info: ValidationInfo) -> Any:
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
    context = _context(info)
    if context.get("kit") is not None:
        context["kit"] = with_round(context["kit"], value)
    marks = {"owner_marks": value["owner_marks"]} if "owner_marks" in value else {}
    return {"from": sources, "steps": [structs.asdict(s) for s in steps], **marks}


class Session(Strict):
    id: Any = None  # the exported session's id: an import gets a new one
    name: Annotated[str, BeforeValidator(records.session_name)]
    date: Annotated[str, BeforeValidator(_date)]
    place: Annotated[str, BeforeValidator(lambda v: records.detail(v, records.PLACE))] = ""
    facilitator: Annotated[str, BeforeValidator(lambda v: records.detail(v, records.FACILITATOR))] = ""
    groups: Annotated[
        list[Annotated[str, BeforeValidator(_group)]], Field(min_length=1, max_length=records.MAX_GROUPS), BeforeValidator(_given_groups)
    ]

    @field_validator("groups")
    @classmethod
    def groups_known(cls, value: list[str], info: ValidationInfo) -> list[str]:
        _context(info)["groups known"] = True  # every one valid: the answers' groups are checked against them
        return value

    attendance: dict[str, Any] | None = None  # who sat at each table (sessions/attendance.py); absent: nobody said

    @field_validator("attendance", mode="before")
    @classmethod
    def seated(cls, value: Any, info: ValidationInfo) -> Any:
        """Each table one of the session's groups (when they were valid), each seat as tocht writes one."""
        groups = info.data.get("groups")
        return attendance.checked(value, groups) if groups is not None else value

    from_: Annotated[Provenance | None, an_object(PROVENANCE)] = Field(default=None, alias="from")  # absent: not a follow-up
    merged_from: Annotated[list[Annotated[Source, an_object(PROVENANCE)]], Field(max_length=records.MAX_GROUPS)] | None = None
    kit: Annotated[KitReference, an_object(N_("the kit's name and version"))]
    followup: Annotated[dict[str, Any] | None, BeforeValidator(_round)] = None  # after `kit`: its round is added to it
    min_votes: Annotated[int, BeforeValidator(disclosure.checked_min_votes)] | None = None  # what the room hid, kept
    audience: Annotated[dict[str, Annotated[str, BeforeValidator(disclosure.checked_level)]], Field(max_length=1000)] | None = None

    def fields(self, kit: Kit) -> dict[str, Any]:
        """The record of the new session, in the order tocht writes one."""
        fields: dict[str, Any] = {
            "name": self.name,
            "date": self.date,
            "place": self.place,
            "facilitator": self.facilitator,
            "groups": self.groups,
        }
        if self.attendance:
            fields["attendance"] = self.attendance
        if self.from_ is not None:
            fields["from"] = self.from_.model_dump()
        if self.merged_from is not None:
            fields["merged_from"] = [m.dumped() for m in self.merged_from]
        fields["kit"] = kit.reference()
        if self.followup is not None:
            fields["followup"] = self.followup
        fields.update({key: value for key, value in (("min_votes", self.min_votes), ("audience", self.audience)) if value is not None})
        return fields


# -- the answers ------------------------------------------------------------------------------


def _timestamp(value: Any) -> str:
    at = Timestamp().check(value)
    if at is None:
        raise ValueError(_("expected an ISO timestamp"))
    return at


class Answer(Strict):
    """One answer; checked against the kit and groups found above (skipped where they were not)."""

    exercise: str
    item: str
    group: str
    value: Any
    at: Annotated[str, BeforeValidator(_timestamp)]
    origin: Literal["phones", "hands", "paper"] | None = None  # where its counts came from (sessions/origins.py)

    def dumped(self) -> dict[str, Any]:
        return self.model_dump(exclude={"origin"} if self.origin is None else set())

    @field_validator("exercise")
    @classmethod
    def known_exercise(cls, value: str, info: ValidationInfo) -> str:
        kit: Kit | None = _context(info).get("kit")
        if kit is not None and _exercise(kit, value) is None:
            raise ValueError(_("kit {kit} has no exercise {ref!r}").format(kit=kit.name, ref=value))
        return value

    @field_validator("item")
    @classmethod
    def known_item(cls, value: str, info: ValidationInfo) -> str:
        ex = _answer_exercise(info)
        if ex is not None and value not in {i for i, _ in ex.kind.answer_items(ex)}:
            raise ValueError(_("exercise {exercise} has no item {item!r}").format(exercise=ex.id, item=value))
        return value

    @field_validator("group")
    @classmethod
    def known_group(cls, value: str, info: ValidationInfo) -> str:
        given = _context(info).get("groups given")
        if given is not None and value not in given:
            raise ValueError(_("group {name!r} is not one of the session's groups").format(name=value))
        return value

    @field_validator("value")
    @classmethod
    def valid_value(cls, value: Any, info: ValidationInfo) -> Any:
        ex, item = _answer_exercise(info), info.data.get("item")
        if ex is None or item is None:
            return value  # nothing to check it against
        return ex.kind.validate(ex, item, value)

    @model_validator(mode="after")
    def first_of_its_kind(self, info: ValidationInfo) -> Answer:
        if not _first(info, "seen", (self.exercise, self.item, self.group)):
            raise ValueError(
                _("a second answer for {exercise}/{item} of group {group!r}").format(
                    exercise=self.exercise, item=self.item, group=self.group
                )
            )
        return self


class OutsideAnswer(Answer):
    """An answer to an exercise or item the session's kit does not have (any more), exported apart
    (`outside_kit`): kept as it is. Only where the kit has that item (again) is its value checked."""

    @field_validator("exercise")
    @classmethod
    def known_exercise(cls, value: str, info: ValidationInfo) -> str:
        return value

    @field_validator("item")
    @classmethod
    def known_item(cls, value: str, info: ValidationInfo) -> str:
        return value

    @field_validator("value")
    @classmethod
    def valid_value(cls, value: Any, info: ValidationInfo) -> Any:
        ex, item = _answer_exercise(info), info.data.get("item")
        if ex is not None and item in {i for i, _ in ex.kind.answer_items(ex)}:
            return ex.kind.validate(ex, item, value)
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {plain.describe(value, plain.JSON)}")
        return value


def _exercise(kit: Kit, ex_id: str) -> Exercise | None:
    return next((e for e in kit.every if e.id == ex_id), None)


def _answer_exercise(info: ValidationInfo) -> Exercise | None:
    kit: Kit | None = _context(info).get("kit")
    ex_id = info.data.get("exercise")
    return _exercise(kit, ex_id) if kit is not None and ex_id is not None else None


def _bounded(value: Any, info: ValidationInfo) -> Any:
    """No more answers than the kit has items for the session's groups: a bigger file is refused before its answers are read."""
    context = _context(info)
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


def _device(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(ballots.DEVICE, value):
        raise ValueError(_("expected a device's id: 24 hexadecimal digits"))
    return value


class Ballot(Answer):
    """One participant's answer in a room (a vote, a bingo card), checked as the room checks it: the exercise
    and the group as an answer's, the item and the value as the room takes them, one per device and item."""

    device: Annotated[str, BeforeValidator(_device)]
    name: Annotated[str, StringConstraints(max_length=ballots.MAX_NAME)] = ""
    hidden: bool = False  # its argument kept off the room's screen
    origin: None = None  # a participant's own answer has no counts of a table

    @field_validator("item")
    @classmethod
    def known_item(cls, value: str, info: ValidationInfo) -> str:
        ex = _answer_exercise(info)
        if ex is not None and value not in {i.id for i in ex.kind.items(ex)} | {EXERCISE_LEVEL}:
            raise ValueError(_("exercise {exercise} has no item {item!r}").format(exercise=ex.id, item=value))
        return value

    @field_validator("value")
    @classmethod
    def valid_value(cls, value: Any, info: ValidationInfo) -> Any:
        ex, item = _answer_exercise(info), info.data.get("item")
        if ex is None or item is None:
            return value
        return ballots.validate(ex, item, value)

    @model_validator(mode="after")
    def first_of_its_kind(self, info: ValidationInfo) -> Ballot:
        if not _first(info, "seen ballots", (self.exercise, self.item, self.device)):
            raise ValueError(
                _("a second room answer of device {device} for {exercise}/{item}").format(
                    device=self.device, exercise=self.exercise, item=self.item
                )
            )
        return self

    def dumped(self) -> dict[str, Any]:
        return self.model_dump(exclude={"origin", *(key for key in ("name", "hidden") if not getattr(self, key))})


MAX_LISTED = 10_000  # a room's lists' merged and hidden entries in one export
PLACE = re.compile(r"(?P<exercise>[^/#]{1,100})/(?P<item>[^/#]{1,100})#(?P<entry>[^#]{1,400})")


def _list_place(value: str, info: ValidationInfo) -> str:
    """An entry of a room's list as `exercise/item#entry`: a list the session's kit has (a kind whose devices
    keep their own answer there)."""
    found = PLACE.fullmatch(value)
    kit: Kit | None = _context(info).get("kit")
    ex = _exercise(kit, found["exercise"]) if kit is not None and found else None
    if found is None or (kit is not None and (ex is None or ex.kind.device_shape(ex, found["item"]) is None)):
        raise ValueError(_("expected an entry of a room's list as exercise/item#entry, got {got!r}").format(got=value[:80]))
    return value


ListPlace = Annotated[str, AfterValidator(_list_place)]


class Lists(Strict):
    """What the room's facilitator did with its lists: entries merged into another, entries kept off the screen."""

    merged: Annotated[dict[ListPlace, Annotated[str, StringConstraints(min_length=1, max_length=400)]], Field(max_length=MAX_LISTED)] = {}
    hidden: Annotated[list[ListPlace], Field(max_length=MAX_LISTED)] = []


class Envelope(Strict):
    format: str  # checked before: a file of another format is not read on
    version: int  # idem: another version is read by another tocht
    session: Annotated[Session, an_object(N_("the session's name, date, groups and kit"))]
    answers: Annotated[list[Annotated[Answer, an_object(N_("exercise, item, group, value and at"))]], BeforeValidator(_bounded)]
    outside_kit: Annotated[
        list[Annotated[OutsideAnswer, an_object(N_("exercise, item, group, value and at"))]], BeforeValidator(_bounded)
    ] = []

    ballots: Annotated[
        list[Annotated[Ballot, an_object("exercise, item, group, device, value and at")]], Field(max_length=MAX_BALLOTS)
    ] = []  # after a room: its participants' answers
    lists: Annotated[Lists, an_object("merged and hidden")] | None = None  # after a room: its lists' merges and hidden entries
    opinions: dict[str, Any] = {}  # the room's opinion maps, computed from the ballots: an import takes nothing from them

    def answer_list(self) -> list[dict[str, Any]]:
        return [a.dumped() for a in [*self.answers, *self.outside_kit]]

    def ballot_list(self) -> list[dict[str, Any]]:
        return [b.dumped() for b in self.ballots]
