"""Answer values described as data: each field checks and normalises what it is given.

The same descriptions serve the direct commands, the guided walk and the
import of a JSON export, so a value is judged the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol

from msgspec import Struct

from tocht_cli.base.dates import iso_date, shown_date, typed_date
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.base.text import clean, is_utf8, norm

MAX_TEXT = 4000
MAX_LIST = 200


def match_choice(typed: str, options: list[str], what: str = N_("value")) -> str:
    """The option meant by `typed`: exact (folded) match, else a unique start; `what` (marked with N_) names it in the error."""
    key = norm(typed)
    for option in options:
        if norm(option) == key:
            return option
    starts = [o for o in options if key and norm(o).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    raise ValueError(_("{typed!r} is not a valid {what}; valid: {options}").format(typed=typed, what=_(what), options=", ".join(options)))


class Text(Struct, frozen=True):
    multiline: bool = False
    max_len: int = MAX_TEXT
    default: Any = ""

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(_("expected text, got {type}").format(type=type(value).__name__))
        if len(value) > self.max_len:
            raise ValueError(_("text longer than {n} characters").format(n=self.max_len))
        if not is_utf8(value):
            raise ValueError(_("not valid Unicode text (lone surrogates)"))
        return clean(value, multiline=self.multiline)


class Choice(Struct, frozen=True):
    options: tuple[str, ...]
    what: str = N_("value")
    default: Any = None
    former: dict[str, str] = {}  # an option's former name → its name now (the kit's [renamed])

    def check(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(_("expected one of {options}").format(options=", ".join(self.options)))
        named = self.former.get(value, value)
        if named in self.options:
            return named  # as stored: no need to match what was typed
        return match_choice(named, list(self.options), self.what)

    def renamed(self, value: Any) -> Any:
        """A stored value under the option's name now, when it was saved under a former one; else as it is."""
        return self.former.get(value, value) if isinstance(value, str) else value


class Flag(Struct, frozen=True):
    """Yes or no; with `default=None` a question whose "no" is an answer, told apart from no answer (the roles' double)."""

    default: Any = False

    def check(self, value: Any) -> bool | None:
        if value is None and self.default is None:
            return None
        if not isinstance(value, bool):
            raise ValueError(_("expected true or false"))
        return value


class Count(Struct, frozen=True):
    default: Any = None
    maximum: int = 100_000

    def check(self, value: Any) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= self.maximum:
            raise ValueError(_("expected a whole number from {minimum} to {maximum}").format(minimum=0, maximum=self.maximum))
        return value


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?", re.ASCII)


class Date(Struct, frozen=True):
    """Stored, exported and imported as YYYY-MM-DD; typed (command line, walk) in any spelling `typed` reads."""

    default: Any = None

    def check(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise ValueError(_("expected a date as YYYY-MM-DD"))
        return iso_date(value)

    @staticmethod
    def typed(text: str) -> str:
        """What was typed (15/01/2027, 15 januari 2027…) as the value `check` takes."""
        return typed_date(text)


class Timestamp(Struct, frozen=True):
    default: Any = None

    def check(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
            raise ValueError(_("{value!r} is not a timestamp like 2017-09-07T10:15:00+02:00").format(value=str(value)[:40]))
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(_("{value!r} is not a real moment").format(value=value)) from None
        return value


_COUNT = Count()


class Counts(Struct, frozen=True):
    """Show-of-hands per option."""

    options: tuple[str, ...]
    default: Any = None
    former: dict[str, str] = {}  # an option's former name → its name now (the kit's [renamed])

    def check(self, value: Any) -> dict[str, int]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValueError(_("expected counts per option"))
        out: dict[str, int] = {}
        given: dict[str, str] = {}
        for key, count in value.items():
            option = self.former.get(key, key)
            option = option if option in self.options else match_choice(str(option), list(self.options))
            if option in given:
                raise ValueError(
                    _("hands for {option!r} are given twice ({first!r} and {second!r})").format(
                        option=option, first=given[option], second=key
                    )
                )
            given[option] = key
            checked = _COUNT.check(count)
            if checked is not None:
                out[option] = checked
        return {o: out[o] for o in self.options if o in out}

    def renamed(self, value: Any) -> Any:
        """Stored hands with each option under its name now; hands under both names are left as they are,
        for `check` to refuse (added up, they could count one show of hands twice)."""
        if not isinstance(value, dict) or not any(key in self.former for key in value):
            return value
        keys = [self.former.get(key, key) for key in value]
        return dict(zip(keys, value.values(), strict=True)) if len(set(keys)) == len(keys) else value


class Ids(Struct, frozen=True):
    """A subset of kit ids, kept in the kit's order."""

    options: tuple[str, ...]
    what: str = N_("id")
    default: Any = ()

    def check(self, value: Any) -> list[str] | None:
        if value is None and self.default is None:
            return None  # not decided yet, unlike an empty choice
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError(_("expected a list of ids ({what})").format(what=_(self.what)))
        unknown = [v for v in value if v not in self.options]
        if unknown:
            raise ValueError(
                _("unknown {what}: {unknown}; valid: {options}").format(
                    what=_(self.what), unknown=", ".join(unknown), options=", ".join(self.options)
                )
            )
        return [o for o in self.options if o in value]


class Texts(Struct, frozen=True):
    """The group's own entries: cleaned, non-empty, without repeats."""

    max_items: int = MAX_LIST
    default: Any = ()

    def check(self, value: Any) -> list[str]:
        if not isinstance(value, (list, tuple)):
            raise ValueError(_("expected a list of texts"))
        if len(value) > self.max_items:
            raise ValueError(_("more than {n} entries").format(n=self.max_items))
        out: list[str] = []
        for v in value:
            text = Text().check(v)
            if text and text not in out:
                out.append(text)
        return out


class Rows(Struct, frozen=True):
    """A list of small records, e.g. the regional challenges or existing alliances."""

    fields: tuple[tuple[str, Any], ...]
    max_rows: int = MAX_LIST
    default: Any = ()

    def check(self, value: Any) -> list[dict[str, Any]]:
        if not isinstance(value, (list, tuple)):
            raise ValueError(_("expected a list of rows"))
        if len(value) > self.max_rows:
            raise ValueError(
                ngettext("at most {n} row, got {count}", "at most {n} rows, got {count}", self.max_rows).format(
                    n=self.max_rows, count=len(value)
                )
            )
        return [check_record(dict(self.fields), row, _("row {n}").format(n=i)) for i, row in enumerate(value, 1)]


class FieldProblem(ValueError):
    """A field of a record refused its value. Reads as the whole path (`regio/_: rows: row 2: challenge: …`),
    which locates it in a file; `fields` (outermost first) and `problem` let a command name the option instead."""

    def __init__(self, where: str, name: str, problem: ValueError):
        inner = problem.fields if isinstance(problem, FieldProblem) else ()
        super().__init__(f"{where}: {name}: {problem}")
        self.fields: tuple[str, ...] = (name, *inner)
        self.problem: str = problem.problem if isinstance(problem, FieldProblem) else str(problem)


def check_record(fields: dict[str, Any], value: Any, where: str = "value") -> dict[str, Any]:
    """Check every field of a record; unknown keys are an error, missing ones take defaults."""
    if not isinstance(value, dict):
        raise ValueError(_("{where}: expected an object").format(where=where))
    unknown = sorted(set(value) - set(fields))
    if unknown:
        problem = ngettext(
            "{where}: unknown field {unknown}; known: {known}", "{where}: unknown fields {unknown}; known: {known}", len(unknown)
        )
        raise ValueError(problem.format(where=where, unknown=", ".join(unknown), known=", ".join(fields)))
    out = {}
    for name, spec in fields.items():
        raw = value.get(name, spec.default)
        if isinstance(raw, tuple):
            raw = list(raw)
        try:
            out[name] = spec.check(raw)
        except ValueError as exc:
            raise FieldProblem(where, name, exc) from None
    return out


def defaults(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: (list(f.default) if isinstance(f.default, tuple) else f.default) for name, f in fields.items()}


class Saying(Protocol):
    """What a value needs of the kit to be said in its words: a yes or no, a date in its language (a `Kit`)."""

    @property
    def language(self) -> str: ...

    def label(self, key: str) -> str: ...


def as_text(kind: Any, value: Any, kit: Saying) -> str:
    """A field's value as the room reads it."""
    if isinstance(kind, Flag):
        return "" if value is None else kit.label("yes" if value else "no")
    if isinstance(kind, Date):
        return shown_date(value, kit.language)
    if isinstance(kind, Counts):
        counts = value or {}
        return " · ".join(f"{o} {counts[o]}" for o in kind.options if counts.get(o) is not None)  # a recorded 0 is a count
    return "" if value is None else str(value)
