"""Plain values without pydantic: typer 0.29 coerces every parameter's value through a pydantic
TypeAdapter it builds on first use, even a `--group` left out, and importing pydantic's schema
machinery for that was a third of the instructions of `tocht show` (tocht itself needs pydantic
only to validate a kit or an import file).

The values tocht's parameters mostly receive come out here exactly as typer makes them: nothing
given, text, several texts, a whole number in digits within the option's bounds, one of a
choice's values as written. Any other value (a path, a float, a choice with other casing, a
number out of bounds or written otherwise) goes typer's way, so its result and its error
message are typer's own. tests/test_coercion.py holds both ways to the same values.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Any, get_args, get_origin

UNSURE = object()  # a value only typer's own way coerces


@cache
def plain_values() -> None:
    """Give typer's parameters the plain way first (once per process), through their public
    `get_runtime_param`: what typer's `process_value` asks for the value's coercion."""
    from typer.core import TyperArgument, TyperOption

    for parameter in (TyperOption, TyperArgument):
        parameter.get_runtime_param = _plain_first(parameter.get_runtime_param)  # type: ignore[method-assign]


def _plain_first(typers_way: Any) -> Any:
    def get_runtime_param(self: Any) -> PlainFirst:
        return PlainFirst(lambda: typers_way(self))

    return get_runtime_param


class PlainFirst:
    """A parameter's coercion: the plain value when there is one, else typer's (built only then)."""

    __slots__ = ("typers_way",)

    def __init__(self, typers_way: Any) -> None:
        self.typers_way = typers_way

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        plain = plain_value(param, value, ctx)
        return self.typers_way().coerce(value, param=param, ctx=ctx) if plain is UNSURE else plain


def plain_value(param: Any, value: Any, ctx: Any) -> Any:
    """`value` as typer coerces it for `param`, or UNSURE."""
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    several = param.multiple or param.nargs == -1
    if info.parser is not None:
        return UNSURE
    if value is None:
        return () if several else None
    annotation = descriptor.annotation
    if several:
        texts = get_origin(annotation) is list and get_args(annotation) == (str,)
        return list(value) if texts and isinstance(value, tuple | list) and all(type(v) is str for v in value) else UNSURE
    if annotation is str:
        return value if type(value) is str else UNSURE
    if annotation is int:
        return _whole(value, info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation, value, info, ctx)
    return UNSURE


def _whole(value: Any, info: Any) -> Any:
    """A whole number in ASCII digits (or given as one), within the option's bounds unless it clamps."""
    if type(value) is str and value.isascii() and value.isdigit():
        value = int(value)
    if type(value) is not int or info.clamp:
        return UNSURE
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        return UNSURE
    return value


def _choice(choices: type[Enum], value: Any, info: Any, ctx: Any) -> Any:
    """The member itself, or the member whose value is the text given (casefolded unless case-sensitive)."""
    if isinstance(value, choices):
        return value
    if type(value) is not str or (ctx is not None and ctx.token_normalize_func is not None):
        return UNSURE
    said = value if info.case_sensitive else value.casefold()
    for member in choices:
        written = str(member.value)
        if (written if info.case_sensitive else written.casefold()) == said:
            return member
    return UNSURE
