"""The envelope of a JSON export as pydantic models: the session's record, its kit, its answers.

Imported by `tocht import` only when a file does not pass envelope_rules.py's plain check
(pydantic's models cost more to build than a valid file takes to check): they say what is
wrong, every problem with its key path. The checks themselves are tocht's own: a session's
name, groups and details go through `records`, an answer's value through its
kind's `validate` (the field descriptions of `kinds/values.py`), so a file
that validates holds nothing `tocht run` could not have recorded.

Validation runs top to bottom with one context: the session's groups and
its kit, once found, are what the answers are checked against. Every problem
is a pydantic error; `tocht_cli.base.problems` turns them into plain lines.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

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
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.sessions import attendance, ballots, carrying, disclosure, records
from tocht_cli.sessions import envelope_rules as rules
from tocht_cli.sessions.envelope_rules import MAX_BALLOTS, MAX_LISTED, Contents


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


def _group(value: Any, info: ValidationInfo) -> str:
    return rules.another_group(value, _context(info).setdefault("groups", []))


def _given_groups(value: Any, info: ValidationInfo) -> Any:
    """The groups as the file names them, valid or not: the answers are checked against these, so that
    a problem with one group hides no answer given to a group the session lacks."""
    if isinstance(value, list):
        _context(info)["groups given"] = rules.given_groups(value)
    return value


PROVENANCE = N_("the session's id, name and date")


class Provenance(Strict):
    """An earlier or merged session ({id, name, date}): kept as a record, never followed."""

    id: Annotated[str, BeforeValidator(lambda v: rules.unchanged(v, N_("id")))]
    name: Annotated[str, BeforeValidator(lambda v: rules.unchanged(v, N_("name")))]
    date: Annotated[str, BeforeValidator(lambda v: rules.unchanged(v, N_("date")))]


class Source(Provenance):
    """A merged session's source: its id, name and date, and the groups its tables are in the merged session."""

    groups: Annotated[list[Annotated[str, BeforeValidator(rules.named)]], Field(max_length=records.MAX_GROUPS)] | None = None
    held_round: Literal[True] | None = None  # it held a follow-up round (the merged round's progress is its tables')

    def dumped(self) -> dict[str, Any]:
        return self.model_dump(exclude={key for key in ("groups", "held_round") if getattr(self, key) is None})


class KitReference(Strict):
    """The kit the answers were given in; validating it finds that kit on this machine."""

    name: str
    version: str
    path: str | None = None

    @model_validator(mode="after")
    def found(self, info: ValidationInfo) -> KitReference:
        _context(info)["kit"] = rules.find_kit(self.name, self.version, self.path, _context(info))
        return self


def _round(value: Any, info: ValidationInfo) -> Any:
    return rules.followup_round(value, _context(info))


class Session(Strict):
    id: Any = None  # the exported session's id: an import gets a new one
    name: Annotated[str, BeforeValidator(records.session_name)]
    date: Annotated[str, BeforeValidator(rules.meeting_date)]
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
    audience: (
        Annotated[dict[str, Annotated[str, BeforeValidator(disclosure.checked_level)]], Field(max_length=rules.MAX_AUDIENCES)] | None
    ) = None
    kept: Annotated[dict[str, Any] | None, BeforeValidator(carrying.checked_copy)] = None  # a deleted earlier meeting's answers

    def fields(self, kit: Kit) -> dict[str, Any]:
        """The record of the new session, in the order tocht writes one."""
        session = dict(self)  # the fields by name, as validated
        session["from"] = None if self.from_ is None else self.from_.model_dump()
        session["merged_from"] = None if self.merged_from is None else [m.dumped() for m in self.merged_from]
        return rules.record_fields(session, kit)


# -- the answers ------------------------------------------------------------------------------


class Answer(Strict):
    """One answer; checked against the kit and groups found above (skipped where they were not)."""

    exercise: str
    item: str
    group: str
    value: Any
    at: Annotated[str, BeforeValidator(rules.timestamp)]
    origin: Literal["phones", "hands", "paper"] | None = None  # rules.ORIGINS: where its counts came from

    def dumped(self) -> dict[str, Any]:
        return self.model_dump(exclude={"origin"} if self.origin is None else set())

    @field_validator("exercise")
    @classmethod
    def known_exercise(cls, value: str, info: ValidationInfo) -> str:
        kit: Kit | None = _context(info).get("kit")
        if kit is not None and rules.exercise_of(kit, value) is None:
            raise ValueError(_("kit {kit} has no exercise {ref!r}").format(kit=kit.name, ref=value))
        return value

    @field_validator("item")
    @classmethod
    def known_item(cls, value: str, info: ValidationInfo) -> str:
        ex = _answer_exercise(info)
        if ex is not None and value not in rules.answer_items(ex):
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
        if ex is not None and item in rules.answer_items(ex):
            return ex.kind.validate(ex, item, value)
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {plain.describe(value, plain.JSON)}")
        return value


def _answer_exercise(info: ValidationInfo) -> Exercise | None:
    kit: Kit | None = _context(info).get("kit")
    ex_id = info.data.get("exercise")
    return rules.exercise_of(kit, ex_id) if kit is not None and ex_id is not None else None


def _bounded(value: Any, info: ValidationInfo) -> Any:
    return rules.bounded(value, _context(info))


class Ballot(Answer):
    """One participant's answer in a room (a vote, a bingo card), checked as the room checks it: the exercise
    and the group as an answer's, the item and the value as the room takes them, one per device and item."""

    device: Annotated[str, BeforeValidator(rules.device)]
    name: Annotated[str, StringConstraints(max_length=ballots.MAX_NAME)] = ""
    hidden: bool = False  # its argument kept off the room's screen
    origin: None = None  # a participant's own answer has no counts of a table

    @field_validator("item")
    @classmethod
    def known_item(cls, value: str, info: ValidationInfo) -> str:
        ex = _answer_exercise(info)
        if ex is not None and value not in rules.ballot_items(ex):
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


def _list_place(value: str, info: ValidationInfo) -> str:
    return rules.list_place(value, _context(info).get("kit"))


ListPlace = Annotated[str, AfterValidator(_list_place)]


class Lists(Strict):
    """What the room's facilitator did with its lists: entries merged into another, entries kept off the screen."""

    merged: Annotated[
        dict[ListPlace, Annotated[str, StringConstraints(min_length=1, max_length=rules.MAX_MERGED_TEXT)]], Field(max_length=MAX_LISTED)
    ] = {}
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

    def contents(self, kit: Kit) -> Contents:
        """What an import takes from it, as envelope_rules.contents gives it."""
        outside = [a.dumped() for a in self.outside_kit]
        lists = self.lists.model_dump(exclude_defaults=True) if self.lists else {}
        answers = [a.dumped() for a in self.answers] + outside
        return Contents(self.session.fields(kit), answers, outside, [b.dumped() for b in self.ballots], lists, kit)
