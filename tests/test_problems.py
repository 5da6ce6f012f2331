"""The translator of validation errors (tocht_cli/base/problems.py): plain words for every error type it maps,
plain words for one it does not, and key paths as a person editing the file counts them."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from pydantic_core import PydanticCustomError, ValidationError

from tocht_cli.base import problems
from tocht_cli.base.problems import JSON, TOML

JARGON = (
    "Input should",
    "Value error",
    "Assertion failed",
    "Field required",
    "Extra inputs",
    "errors.pydantic.dev",
    "[type=",
    "Unexpected",
)


def error(kind: str, value: object = "x", ctx: dict | None = None, loc: tuple = ("key",)) -> dict:
    """A real pydantic error of `kind` (pydantic writes its own message for it)."""
    details: dict = {"type": kind, "loc": loc, "input": value}
    if ctx is not None:
        details["ctx"] = ctx
    return ValidationError.from_exception_data("t", [details]).errors(include_url=False)[0]


def plain(text: str) -> str:
    assert not any(j in text for j in JARGON), text
    return text


# (type, input, ctx) → the words that must be in the line; pydantic's own words never are.
MAPPED = {
    "missing": ({}, None, "key: missing"),
    "missing_argument": ({}, None, "key: missing"),
    "missing_keyword_only_argument": ({}, None, "key: missing"),
    "missing_positional_only_argument": ({}, None, "key: missing"),
    "extra_forbidden": (1, None, "key: unknown key"),
    "unexpected_keyword_argument": (1, None, "key: unknown key"),
    "unexpected_positional_argument": (1, None, "key: unexpected value"),
    "recursion_loop": ([], None, "key: nested too deeply"),
    "recursion_depth_exceeded": ([], None, "key: nested too deeply"),
    "string_type": (3, None, "key: expected text, got the number 3"),
    "string_unicode": (b"\xff", None, "key: expected text, got a value of type bytes"),
    "string_too_short": ("ab", {"min_length": 3}, "key: expected text of at least 3 characters, got 2 characters"),
    "string_too_long": ("abc", {"max_length": 1}, "key: expected text of at most 1 character, got 3 characters"),
    "string_pattern_mismatch": ("b", {"pattern": "^a"}, "key: expected text in another form, got the text 'b'"),
    "int_type": ("tien", None, "key: expected a whole number, got the text 'tien'"),
    "int_parsing": ("tien", None, "key: expected a whole number, got the text 'tien'"),
    "int_from_float": (2.5, None, "key: expected a whole number, got the number 2.5"),
    "int_parsing_size": ("9" * 5000, None, "key: expected a whole number of a sensible size, got the text '9999"),
    "float_type": ("x", None, "key: expected a number, got the text 'x'"),
    "float_parsing": ("x", None, "key: expected a number, got the text 'x'"),
    "bool_type": ("ja", None, "key: expected true or false, got the text 'ja'"),
    "bool_parsing": ("ja", None, "key: expected true or false, got the text 'ja'"),
    "none_required": (3, None, "key: expected nothing, got the number 3"),
    "list_type": ({}, None, "key: expected a list, got a table"),
    "tuple_type": ("x", None, "key: expected a list, got the text 'x'"),
    "set_type": (3, None, "key: expected a list, got the number 3"),
    "frozen_set_type": (3, None, "key: expected a list, got the number 3"),
    "dict_type": ([1], None, "key: expected a table, got a list of 1"),
    "mapping_type": ([1], {"error": "no"}, "key: expected a table, got a list of 1"),
    "model_type": ("x", {"class_name": "Session"}, "key: expected a table, got the text 'x'"),
    "model_attributes_type": ("x", None, "key: expected a table, got the text 'x'"),
    "dataclass_type": (True, {"class_name": "Spec"}, "key: expected a table, got the boolean true"),
    "dataclass_exact_type": (3, {"class_name": "Spec"}, "key: expected a table, got the number 3"),
    "too_short": ([], {"field_type": "List", "min_length": 1, "actual_length": 0}, "key: expected a non-empty list, got an empty list"),
    "too_long": (
        [1, 2, 3],
        {"field_type": "List", "max_length": 2, "actual_length": 3},
        "key: expected a list of at most 2 entries, got a list of 3",
    ),
    "greater_than_equal": (0, {"ge": 1}, "key: expected a number of at least 1, got the number 0"),
    "greater_than": (0, {"gt": 0}, "key: expected a number above 0, got the number 0"),
    "less_than_equal": (9, {"le": 5}, "key: expected a number of at most 5, got the number 9"),
    "less_than": (9, {"lt": 5}, "key: expected a number below 5, got the number 9"),
    "literal_error": ("c", {"expected": "'a' or 'b'"}, "key: expected 'a' or 'b', got the text 'c'"),
    "enum": ("c", {"expected": "'a' or 'b'"}, "key: expected one of 'a' or 'b', got the text 'c'"),
    "value_error": (
        3,
        {"error": ValueError("a session's name needs visible characters")},
        "key: a session's name needs visible characters",
    ),
    "assertion_error": (3, {"error": AssertionError("not both")}, "key: not both"),
}


def test_every_mapped_type_is_tested():
    assert set(MAPPED) == set(problems._EXPECTED) | set(problems._FIXED) | {"value_error", "assertion_error"}


@pytest.mark.parametrize("kind", list(MAPPED))
def test_each_mapped_error_type_reads_as_plain_words(kind):
    value, ctx, expected = MAPPED[kind]
    try:
        err = error(kind, value, ctx)
    except KeyError:
        pytest.skip(f"this pydantic has no error type {kind}")
    text = plain(problems.line(err, "", TOML))
    assert text.startswith(expected), (kind, text)


# Enough context for pydantic to write the message of any of its error types.
CONTEXT = {
    "error": "bad", "class_name": "C", "class": "C", "expected": "'a'", "pattern": "^a", "min_length": 2, "max_length": 1,
    "actual_length": 3, "field_type": "List", "ge": 1, "gt": 1, "le": 1, "lt": 1, "multiple_of": 2, "tag": "t",
    "discriminator": "d", "expected_tags": "a", "context": "c", "max_digits": 2, "decimal_places": 2, "whole_digits": 1,
    "expected_schemes": "http", "attribute": "a", "encoding": "utf8", "encoding_error": "bad", "tz_expected": 0, "tz_actual": 1,
    "expected_version": 4, "method_name": "m",
}  # fmt: skip


def test_every_type_pydantic_knows_reads_without_its_jargon():
    """Also the ones not mapped: the fallback turns pydantic's sentence into ours."""
    from pydantic_core.core_schema import ErrorType

    for kind in typing.get_args(ErrorType):
        plain(problems.what(error(kind, "x", CONTEXT), TOML))


def test_an_unknown_type_falls_back_to_plain_words():
    url = error("url_parsing", "x", {"error": "relative URL without a base"})
    assert problems.what(url, TOML) == "expected a valid URL, relative URL without a base, got the text 'x'"
    assert problems.what(error("uuid_type", 3), JSON) == "expected a string, bytes or UUID object, got the number 3"
    assert problems.what(error("date_past", "x"), JSON) == "date should be in the past"
    # a check of our own, of a type nobody mapped: its sentence as it is
    own = PydanticCustomError("odd_thing", "the moon is {phase}", {"phase": "full"})
    exc = ValidationError.from_exception_data("t", [{"type": own, "loc": ("a",), "input": 1}])
    assert problems.lines(exc.errors(), "kit.toml", TOML) == ["kit.toml: a: the moon is full"]
    # and whatever a future pydantic may write
    assert problems.what({"type": "brand_new", "msg": "Input should be shiny", "input": 2}, JSON) == "expected shiny, got the number 2"
    assert problems.what({"type": "brand_new", "msg": "Value error, Frobnicated", "input": 2}, JSON) == "frobnicated"
    assert problems.what({"type": "brand_new", "msg": "Field required"}, JSON) == "missing"
    assert problems.what({"type": "brand_new", "msg": "Bad [type=x, input_value=2] https://errors.pydantic.dev/2/v/x"}, JSON) == "bad"
    assert problems.what({"type": "brand_new", "msg": ""}, JSON) == "not valid here"


def test_key_paths_count_as_the_format_does():
    loc = ("challenges", 1, "statements", 0, "id")
    assert problems.path(loc, TOML) == "challenges[2].statements[1].id"  # a person counts [[tables]] from 1
    assert problems.path(loc, JSON) == "challenges[1].statements[0].id"  # as jq counts
    assert problems.path(("with", "\x1b]0;x", "a b"), TOML) == "with.'\\x1b]0;x'.'a b'"  # odd keys quoted, never raw
    assert problems.line(error("dict_type", 3, loc=()), "kit.toml", TOML) == "kit.toml: (top): expected a table, got the number 3"
    assert problems.lines([error("missing", {}, loc=("name",))], "", JSON, prefix=("session",)) == ["session.name: missing"]


def test_a_list_of_tables_names_its_toml_header():
    err = {
        "type": "tables_type",
        "loc": ("challenges", 0, "statements"),
        "msg": "expected a list of tables, one [[]] per entry",
        "input": {},
    }
    assert (
        problems.line(err, "s.toml", TOML)
        == "s.toml: challenges[1].statements: expected a list of tables, one [[challenges.statements]] per entry, got a table"
    )


@pytest.mark.parametrize(
    "value, toml, json",
    [
        (None, "nothing", "null"),
        (True, "the boolean true", "the boolean true"),
        (3, "the number 3", "the number 3"),
        (10**60, "the number " + "1" + "0" * 36 + "…", "the number " + "1" + "0" * 36 + "…"),
        ("  ", "an empty text", "an empty text"),
        ("x" * 50, f"the text {'x' * 40!r}", f"the text {'x' * 40!r}"),
        ([], "an empty list", "an empty list"),
        ([1, 2], "a list of 2", "a list of 2"),
        ({}, "a table", "an object"),
        (dt.date(2017, 9, 7), "the date 2017-09-07", "the date 2017-09-07"),
        (dt.datetime(2017, 9, 7, 10, 0), "the date and time 2017-09-07T10:00:00", "the date and time 2017-09-07T10:00:00"),
        (dt.time(10, 0), "the time 10:00:00", "the time 10:00:00"),
        (b"x", "a value of type bytes", "a value of type bytes"),
    ],
)
def test_what_was_given_in_a_few_words(value, toml, json):
    assert problems.describe(value, TOML) == toml
    assert problems.describe(value, JSON) == json
