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
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dialect:
    mapping: str  # what a key-value block is called in this format
    first_index: int  # how list entries are counted in a key path
    null: str  # what an absent value is called


# A person editing a kit counts its [[tables]] from 1; JSON paths count from 0, as jq does.
TOML = Dialect(mapping="a table", first_index=1, null="nothing")
JSON = Dialect(mapping="an object", first_index=0, null="null")

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def lines(errors: Iterable[Mapping[str, Any]], where: str, dialect: Dialect, prefix: tuple[str | int, ...] = ()) -> list[str]:
    """One line per error; `where` (a file) goes in front when given, `prefix` before each key path."""
    return [line(error, where, dialect, prefix) for error in errors]


def line(error: Mapping[str, Any], where: str, dialect: Dialect, prefix: tuple[str | int, ...] = ()) -> str:
    loc = (*prefix, *error.get("loc", ()))
    at = path(loc, dialect) or "(top)"
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
        return dialect.null
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        shown = str(value)
        return f"the number {shown if len(shown) <= 40 else shown[:37] + '…'}"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else f"the text {value[:40]!r}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, Mapping):
        return dialect.mapping
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    return f"a value of type {type(value).__name__}"


def _entries(n: Any) -> str:
    return "1 entry" if n == 1 else f"{n} entries"


def _chars(n: Any) -> str:
    return "1 character" if n == 1 else f"{n} characters"


# pydantic's error type → what was expected, from its context; a trailing ", got …" is added
# where the input says something (not for `missing` or an unknown key).
_EXPECTED: dict[str, Callable[[Mapping[str, Any], Dialect], str]] = {
    "string_type": lambda c, d: "expected text",
    "string_unicode": lambda c, d: "expected text",
    "string_too_short": lambda c, d: f"expected text of at least {_chars(c.get('min_length'))}",
    "string_too_long": lambda c, d: f"expected text of at most {_chars(c.get('max_length'))}",
    "string_pattern_mismatch": lambda c, d: "expected text in another form",
    "int_type": lambda c, d: "expected a whole number",
    "int_parsing": lambda c, d: "expected a whole number",
    "int_from_float": lambda c, d: "expected a whole number",
    "int_parsing_size": lambda c, d: "expected a whole number of a sensible size",
    "float_type": lambda c, d: "expected a number",
    "float_parsing": lambda c, d: "expected a number",
    "bool_type": lambda c, d: "expected true or false",
    "bool_parsing": lambda c, d: "expected true or false",
    "none_required": lambda c, d: f"expected {d.null}",
    "list_type": lambda c, d: "expected a list",
    "tuple_type": lambda c, d: "expected a list",
    "set_type": lambda c, d: "expected a list",
    "frozen_set_type": lambda c, d: "expected a list",
    "dict_type": lambda c, d: f"expected {d.mapping}",
    "mapping_type": lambda c, d: f"expected {d.mapping}",
    "model_type": lambda c, d: f"expected {d.mapping}",
    "model_attributes_type": lambda c, d: f"expected {d.mapping}",
    "dataclass_type": lambda c, d: f"expected {d.mapping}",
    "dataclass_exact_type": lambda c, d: f"expected {d.mapping}",
    "too_short": lambda c, d: (
        "expected a non-empty list" if c.get("min_length") == 1 else f"expected a list of at least {_entries(c.get('min_length'))}"
    ),
    "too_long": lambda c, d: f"expected a list of at most {_entries(c.get('max_length'))}",
    "greater_than_equal": lambda c, d: f"expected a number of at least {c.get('ge')}",
    "greater_than": lambda c, d: f"expected a number above {c.get('gt')}",
    "less_than_equal": lambda c, d: f"expected a number of at most {c.get('le')}",
    "less_than": lambda c, d: f"expected a number below {c.get('lt')}",
    "literal_error": lambda c, d: f"expected {c.get('expected')}",
    "enum": lambda c, d: f"expected one of {c.get('expected')}",
}

# Errors where the input is not worth showing: the whole table around a missing key, a key nobody asked for.
_FIXED = {
    "missing": "missing",
    "missing_argument": "missing",
    "missing_keyword_only_argument": "missing",
    "missing_positional_only_argument": "missing",
    "extra_forbidden": "unknown key",
    "unexpected_keyword_argument": "unknown key",
    "unexpected_positional_argument": "unexpected value",
    "recursion_loop": "nested too deeply",
    "recursion_depth_exceeded": "nested too deeply",
}

_SIZES = {"too_short", "too_long", "string_too_short", "string_too_long"}

_JARGON = (
    (re.compile(r"^(Value error|Assertion failed), "), ""),
    (re.compile(r"^(\w+ )?[Ii]nput should be "), "expected "),
    (re.compile(r"^Field required$"), "missing"),
    (re.compile(r"^Extra inputs are not permitted$"), "unknown key"),
    (re.compile(r"\s*\[type=[^\]]*\]"), ""),
    (re.compile(r"\s*(For further information visit )?https?://\S+"), ""),
)


def what(error: Mapping[str, Any], dialect: Dialect) -> str:
    """What was wrong, in plain words."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])  # our own checks raise ValueError with a plain sentence
    if kind in _EXPECTED:
        got = error.get("input")
        if kind in _SIZES and hasattr(got, "__len__"):
            shown = _chars(len(got)) if isinstance(got, str) else describe(got, dialect)
            return f"{_EXPECTED[kind](ctx, dialect)}, got {shown}"
        return f"{_EXPECTED[kind](ctx, dialect)}, got {describe(got, dialect)}"
    return plain(str(error.get("msg", "")), error, dialect)


def plain(message: str, error: Mapping[str, Any], dialect: Dialect) -> str:
    """A message of a type not mapped above: our own checks' sentences pass as they are;
    pydantic's wording is turned into ours as far as it goes."""
    for pattern, replacement in _JARGON:
        message = pattern.sub(replacement, message)
    message = message.strip() or "not valid here"
    if message.startswith("expected ") and "input" in error and ", got " not in message:
        message += f", got {describe(error['input'], dialect)}"
    if not message[:2].isupper():  # "Invalid …" reads on after a colon as "invalid …"; "UUID …" stays
        message = message[:1].lower() + message[1:]
    return message


_USAGE = (
    (re.compile(r"Input should be a valid integer(, unable to parse string as an integer)?"), "expected a whole number"),
    (re.compile(r"Input should be a valid number(, unable to parse string as a number)?"), "expected a number"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"expected a number of at least \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"expected a number of at most \1"),
    (re.compile(r"Input should be greater than (\S+)"), r"expected a number above \1"),
    (re.compile(r"Input should be less than (\S+)"), r"expected a number below \1"),
    (re.compile(r"Input should be a valid boolean(, unable to interpret input)?"), "expected yes or no"),
    *_JARGON[:1],
    (re.compile(r"\b[Ii]nput should be "), "expected "),
)


def in_plain_words(message: str) -> str:
    """click's usage errors as typer words them from pydantic ("Input should be a valid integer…") in ours."""
    for pattern, replacement in _USAGE:
        message = pattern.sub(replacement, message)
    return re.sub(r": Value error, ", ": ", message)
