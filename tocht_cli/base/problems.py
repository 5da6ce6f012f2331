"""Validation errors in plain words: pydantic's error list becomes one line per problem.

Each line reads `where: key.path: what was expected, got …`, for a person
editing a kit or an export by hand: never pydantic's own wording ("Input
should be", "Field required") and no links. The kit (TOML) and the import
(JSON) share it; they differ only in what a mapping is called and how list
entries are counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from msgspec import Struct

from tocht_cli.base.i18n import N_, _, ngettext


class Dialect(Struct, frozen=True):
    mapping: str  # what a key-value block is called in this format (marked with N_)
    first_index: int  # how list entries are counted in a key path
    null: str  # what an absent value is called (marked with N_)


# A person editing a kit counts its [[tables]] from 1; JSON paths count from 0, as jq does.
TOML = Dialect(mapping=N_("a table"), first_index=1, null=N_("nothing"))
JSON = Dialect(mapping=N_("an object"), first_index=0, null="null")

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def lines(errors: Iterable[Mapping[str, Any]], where: str, dialect: Dialect, prefix: tuple[str | int, ...] = ()) -> list[str]:
    """One line per error; `where` (a file) goes in front when given, `prefix` before each key path."""
    return [line(error, where, dialect, prefix) for error in errors]


def line(error: Mapping[str, Any], where: str, dialect: Dialect, prefix: tuple[str | int, ...] = ()) -> str:
    loc = (*prefix, *error.get("loc", ()))
    at = path(loc, dialect) or _("(top)")
    text = what(error, dialect)
    if error.get("type") == "tables_type":  # TOML's [[a.b]] header names the table by its keys alone
        text = text.replace("[[]]", f"[[{'.'.join(part for part in loc if isinstance(part, str))}]]")
    return f"{where}: {at}: {text}" if where else f"{at}: {text}"


def path(loc: Iterable[str | int], dialect: Dialect) -> str:
    """`challenges[2].statements[1].id`: keys joined by dots, list entries counted as the dialect counts."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + dialect.first_index}]"
        else:
            key = part if _PLAIN_KEY.fullmatch(part) else repr(part[:40])
            out += f".{key}" if out else key
    return out


def describe(value: Any, dialect: Dialect) -> str:
    """What was given instead, in a few words (texts cut at 40 characters)."""
    if value is None:
        return _(dialect.null)
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        shown = str(value)
        return _("the number {value}").format(value=shown if len(shown) <= 40 else shown[:37] + "…")
    if isinstance(value, str):
        return _("an empty text") if not value.strip() else _("the text {value!r}").format(value=value[:40])
    if isinstance(value, (list, tuple)):
        return ngettext("a list of {n}", "a list of {n}", len(value)).format(n=len(value)) if value else _("an empty list")
    if isinstance(value, Mapping):
        return _(dialect.mapping)
    if isinstance(value, dt.datetime):
        return _("the date and time {value}").format(value=value.isoformat())
    if isinstance(value, dt.date):
        return _("the date {value}").format(value=value.isoformat())
    if isinstance(value, dt.time):
        return _("the time {value}").format(value=value.isoformat())
    return _("a value of type {type}").format(type=type(value).__name__)


def _entries(n: Any) -> str:
    return ngettext("{n} entry", "{n} entries", n if isinstance(n, int) else 2).format(n=n)


def _chars(n: Any) -> str:
    return ngettext("{n} character", "{n} characters", n if isinstance(n, int) else 2).format(n=n)


def _said(message: str, **values: Any) -> Callable[[Mapping[str, Any], Dialect], str]:
    """`message` (marked with N_) in the facilitator's language, its placeholders filled from the error's context."""
    return lambda c, d: _(message).format(**{name: get(c, d) for name, get in values.items()})


def _context(key: str) -> Callable[[Mapping[str, Any], Dialect], Any]:
    return lambda c, d: c.get(key)


_MAPPING = _said(N_("expected {mapping}"), mapping=lambda c, d: _(d.mapping))
_NULL = _said(N_("expected {null}"), null=lambda c, d: _(d.null))

# pydantic's error type → what was expected, from its context; ", got …" is added
# where the input says something (not for `missing` or an unknown key).
_EXPECTED: dict[str, Callable[[Mapping[str, Any], Dialect], str]] = {
    "string_type": _said(N_("expected text")),
    "string_unicode": _said(N_("expected text")),
    "string_too_short": _said(N_("expected text of at least {characters}"), characters=lambda c, d: _chars(c.get("min_length"))),
    "string_too_long": _said(N_("expected text of at most {characters}"), characters=lambda c, d: _chars(c.get("max_length"))),
    "string_pattern_mismatch": _said(N_("expected text in another form")),
    "int_type": _said(N_("expected a whole number")),
    "int_parsing": _said(N_("expected a whole number")),
    "int_from_float": _said(N_("expected a whole number")),
    "int_parsing_size": _said(N_("expected a whole number of a sensible size")),
    "float_type": _said(N_("expected a number")),
    "float_parsing": _said(N_("expected a number")),
    "bool_type": _said(N_("expected true or false")),
    "bool_parsing": _said(N_("expected true or false")),
    "none_required": _NULL,
    "list_type": _said(N_("expected a list")),
    "tuple_type": _said(N_("expected a list")),
    "set_type": _said(N_("expected a list")),
    "frozen_set_type": _said(N_("expected a list")),
    "dict_type": _MAPPING,
    "mapping_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dataclass_type": _MAPPING,
    "dataclass_exact_type": _MAPPING,
    "too_short": lambda c, d: (
        _("expected a non-empty list")
        if c.get("min_length") == 1
        else _("expected a list of at least {entries}").format(entries=_entries(c.get("min_length")))
    ),
    "too_long": _said(N_("expected a list of at most {entries}"), entries=lambda c, d: _entries(c.get("max_length"))),
    "greater_than_equal": _said(N_("expected a number of at least {n}"), n=_context("ge")),
    "greater_than": _said(N_("expected a number above {n}"), n=_context("gt")),
    "less_than_equal": _said(N_("expected a number of at most {n}"), n=_context("le")),
    "less_than": _said(N_("expected a number below {n}"), n=_context("lt")),
    "literal_error": _said(N_("expected {values}"), values=_context("expected")),
    "enum": _said(N_("expected one of {values}"), values=_context("expected")),
}

# Errors where the input is not worth showing: the whole table around a missing key, a key nobody asked for.
_FIXED = {
    "missing": N_("missing"),
    "missing_argument": N_("missing"),
    "missing_keyword_only_argument": N_("missing"),
    "missing_positional_only_argument": N_("missing"),
    "extra_forbidden": N_("unknown key"),
    "unexpected_keyword_argument": N_("unknown key"),
    "unexpected_positional_argument": N_("unexpected value"),
    "recursion_loop": N_("nested too deeply"),
    "recursion_depth_exceeded": N_("nested too deeply"),
}

_SIZES = {"too_short", "too_long", "string_too_short", "string_too_long"}

# Our own checks' errors (kinds/tables.py) that say what was expected; what was given follows.
_GIVEN = {"tables_type"}

# pydantic's wording of error types not mapped above, and what we say instead: (pattern, message, says what was given)
_JARGON = (
    (re.compile(r"^(Value error|Assertion failed), "), "", False),
    (re.compile(r"^(\w+ )?[Ii]nput should be (?P<rest>.*)$", re.DOTALL), N_("expected {rest}"), True),
    (re.compile(r"^Field required$"), N_("missing"), False),
    (re.compile(r"^Extra inputs are not permitted$"), N_("unknown key"), False),
    (re.compile(r"\s*\[type=[^\]]*\]"), "", False),
    (re.compile(r"\s*(For further information visit )?https?://\S+"), "", False),
)


def what(error: Mapping[str, Any], dialect: Dialect) -> str:
    """What was wrong, in plain words."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _FIXED:
        return _(_FIXED[kind])
    if kind == "text_type":  # kinds/tables.py: a kit's text that is no text (its schema is built once, in English)
        return given(_("expected non-empty text"), describe(error.get("input"), dialect))
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])  # our own checks raise ValueError with a plain sentence
    if kind in _EXPECTED:
        got = error.get("input")
        if kind in _SIZES and hasattr(got, "__len__"):
            shown = _chars(len(got)) if isinstance(got, str) else describe(got, dialect)
            return given(_EXPECTED[kind](ctx, dialect), shown)
        return given(_EXPECTED[kind](ctx, dialect), describe(got, dialect))
    return plain(str(error.get("msg", "")), error, dialect)


def given(expected: str, got: str) -> str:
    """'expected a whole number, got the text 'x''."""
    return _("{expected}, got {given}").format(expected=expected, given=got)


def _reworded(replacement: str, match: re.Match[str]) -> str:
    return _(replacement).format(**match.groupdict()) if replacement else ""


def plain(message: str, error: Mapping[str, Any], dialect: Dialect) -> str:
    """A message of a type not mapped above: our own checks' sentences pass as they are (with what was
    given, where they only say what was expected); pydantic's wording loses its jargon as far as it goes."""
    expects = error.get("type") in _GIVEN
    for pattern, replacement, says_expected in _JARGON:
        message, found = pattern.subn(partial(_reworded, replacement), message)
        expects = expects or (says_expected and found > 0)
    message = message.strip() or _("not valid here")
    if expects and "input" in error:
        message = given(message, describe(error["input"], dialect))
    if not message[:2].isupper():  # "Invalid …" reads on after a colon as "invalid …"; "UUID …" stays
        message = message[:1].lower() + message[1:]
    return message
