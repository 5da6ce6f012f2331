"""What the fields of a kit may hold: light markers that pydantic turns into validation.

A kind's Spec is a `KitTable` (a frozen msgspec Struct) whose fields carry these
markers in `Annotated[...]`. `KitTable` and each marker implement pydantic's
`__get_pydantic_core_schema__` hook and import pydantic_core only inside it, when
the loader builds a schema; importing a kind, or using a Spec from the kit cache,
costs nothing. (Structs and plain classes, not dataclasses: a frozen dataclass
compiles its methods when its module is imported, by every command.)

Every check raises a PydanticCustomError whose message is already in plain
words; `tocht_cli.base.problems` puts the file and key path in front of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_type_hints

from msgspec import NODEFAULT, Struct, structs

from tocht_cli.base.i18n import _
from tocht_cli.base.text import has_controls, norm, visible

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema, core_schema

ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def toml_key(name: str) -> str:
    """The key a field has in the TOML file: `with_` (a Python keyword) is `with`."""
    return name.rstrip("_")


class KitTable(Struct, frozen=True):
    """A table of a kit file (kit.toml's, an exercise file's head, a kind's Spec and its [[tables]]):
    validated by pydantic as a table of exactly its fields, each under its TOML key, every unknown
    key a problem; then made into the class."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _table(cls, handler)


def _table(cls: type[Struct], handler: GetCoreSchemaHandler, keys: dict[str, str] | None = None, skip: str = "") -> CoreSchema:
    """A table of the fields of `cls` (but `skip`), each under its TOML key (or the one `keys` gives its
    name), made into `cls` (Numbered makes its entries itself: it numbers them)."""
    from pydantic_core import core_schema

    hints = get_type_hints(cls, include_extras=True)
    table: dict[str, core_schema.TypedDictField] = {}
    name_of: dict[str, str] = {}
    for f in structs.fields(cls):
        if f.name == skip:
            continue
        key = (keys or {}).get(f.name, toml_key(f.name))
        optional = f.default is not NODEFAULT or f.default_factory is not NODEFAULT
        table[key] = core_schema.typed_dict_field(handler.generate_schema(hints[f.name]), required=not optional)
        name_of[key] = f.name
    schema = core_schema.typed_dict_schema(table, extra_behavior="forbid")
    if keys is not None:
        return schema
    return core_schema.no_info_after_validator_function(lambda given: cls(**{name_of[k]: v for k, v in given.items()}), schema)


def problem(kind: str, message: str, **ctx: Any) -> Exception:
    """A validation error in plain words (`kind` names it for tests and the translator)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(kind, message, ctx or None)


class Problem(Exception):
    """A problem a kind's `finish(spec)` finds across fields: where (a key path) and what."""

    def __init__(self, loc: tuple[str | int, ...], what: str):
        super().__init__(what)
        self.loc = loc
        self.what = what


# -- text ---------------------------------------------------------------------------------------


def checked_text(value: str) -> str:
    """Text a person will read: something visible, no control characters; stored trimmed."""
    if not value.strip():
        raise problem("text_empty", _("expected non-empty text, got an empty text"))
    if has_controls(value):
        raise problem("text_controls", _("contains control characters or escape sequences (only line breaks and tabs are allowed)"))
    if not visible(value):
        raise problem("text_invisible", _("has no visible characters"))
    return value.strip()


def _strict_str() -> core_schema.CustomErrorSchema:
    """A text as TOML gives it (no number or date turned into text); any other value is
    `expected non-empty text, got …` (`tocht_cli.base.problems` says it, in the facilitator's language)."""
    from pydantic_core import core_schema

    return core_schema.custom_error_schema(
        core_schema.str_schema(strict=True), custom_error_type="text_type", custom_error_message="expected non-empty text"
    )


class TextCheck:
    """The marker of KitText: what `checked_text` accepts."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(checked_text, _strict_str())


class IdCheck:
    """An item's id: what direct commands and exports call it by, so unique in its exercise
    (ignoring case, as it is typed) and never only digits (that would read as a number)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.with_info_after_validator_function(_checked_id, _strict_str())


def _checked_id(value: str, info: core_schema.ValidationInfo) -> str:
    value = value.strip()
    if not value:
        raise problem("text_empty", _("expected non-empty text, got an empty text"))
    if not ITEM_ID.fullmatch(value):
        raise problem("item_id", _("ids are ASCII letters, digits, '-' and '_' (not first), got {got}"), got=repr(value[:40]))
    if value.isdigit():
        raise problem("item_id_digits", _("an id of only digits ({got}) would be mistaken for an item's number"), got=repr(value))
    if isinstance(info.context, dict):  # the loader passes one per exercise file
        seen = info.context.setdefault("ids", set())
        if value.casefold() in seen:
            raise problem("item_id_duplicate", _("duplicate id {got} (ids are matched ignoring case)"), got=repr(value))
        seen.add(value.casefold())
    return value


KitText = Annotated[str, TextCheck()]
ItemId = Annotated[str, IdCheck()]


# -- numbers ------------------------------------------------------------------------------------


class Whole:
    """A whole number from `minimum` to `maximum` (no upper bound when None); never a boolean or a text."""

    def __init__(self, minimum: int, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum

    def expected(self) -> str:
        if self.maximum is None:
            return _("expected a whole number of at least {minimum}").format(minimum=self.minimum)
        return _("expected a whole number from {minimum} to {maximum}").format(minimum=self.minimum, maximum=self.maximum)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        def in_range(value: int) -> int:
            if value < self.minimum or (self.maximum is not None and value > self.maximum):
                got = _("the number {value}").format(value=value)
                raise problem("whole_range", _("{expected}, got {given}").format(expected=self.expected(), given=got))
            return value

        return core_schema.no_info_after_validator_function(in_range, core_schema.int_schema(strict=True))


class Yes:
    """A true or false (`words = true`), never a number or a text."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.bool_schema(strict=True)


# -- lists --------------------------------------------------------------------------------------


class Options:
    """Distinct short labels a person picks from by typing (positions, statuses, holders):
    distinct also when folded the way typed choices are matched (text.norm)."""

    def __init__(self, min_items: int = 1):
        self.min_items = min_items

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        text = core_schema.no_info_after_validator_function(checked_text, _strict_str())
        return core_schema.no_info_after_validator_function(
            _distinct, core_schema.list_schema(text, min_length=self.min_items, strict=True)
        )


def _distinct(labels: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for label in labels:
        key = norm(label)
        if key in seen:
            raise problem(
                "options_distinct",
                _("labels must be distinct, also ignoring case, spaces, dashes and accents (they are typed that way): {a} and {b}"),
                a=repr(seen[key]),
                b=repr(label),
            )
        seen[key] = label
    return tuple(labels)


class Keys:
    """A table of some of these keys (no other), each a text: the words of a kit's [labels], kept in this order."""

    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        text = core_schema.no_info_after_validator_function(checked_text, _strict_str())
        fields = {key: core_schema.typed_dict_field(text, required=False) for key in self.keys}
        table = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        return core_schema.no_info_after_validator_function(lambda given: {key: given[key] for key in self.keys if key in given}, table)


class Tables:
    """A list of [[tables]] (at least `min_items`), each validated as the `KitTable` of `tuple[Entry, ...]`."""

    def __init__(self, min_items: int = 1):
        self.min_items = min_items

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        (entry, _) = get_args(source)
        rows = core_schema.list_schema(handler.generate_schema(entry), min_length=self.min_items, strict=True)
        return core_schema.no_info_after_validator_function(tuple, _tables(rows))


class Numbered:
    """A list of [[tables]], one per entry of a Struct with a `number`: the entries are
    numbered from 1 in the order given (what `tocht kit show` prints and commands accept).

    `keys` renames a field's key in the file (("label", "text"): the file says `label`).
    """

    def __init__(self, min_items: int = 1, keys: tuple[tuple[str, str], ...] = ()):
        self.min_items, self.keys = min_items, keys

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        (entry, _) = get_args(source)  # tuple[Entry, ...]
        key_of = {name: key for key, name in self.keys}
        rows = core_schema.list_schema(_table(entry, handler, key_of, skip="number"), min_length=self.min_items, strict=True)
        return core_schema.no_info_after_validator_function(_numbering(entry, key_of), _tables(rows))


def _tables(rows: core_schema.ListSchema) -> CoreSchema:
    """Anything but a list is `expected a list of tables, one [[key]] per entry` (the translator
    fills in the key): a single [key] table is the usual slip."""
    from pydantic_core import core_schema

    def a_list(value: Any) -> Any:
        if not isinstance(value, list):
            raise problem("tables_type", _("expected a list of tables, one [[]] per entry"))
        return value

    return core_schema.no_info_before_validator_function(a_list, rows)


def _numbering(entry: Callable[..., Any], key_of: dict[str, str]) -> Callable[[list[dict[str, Any]]], tuple[Any, ...]]:
    field_of = {key: name for name, key in key_of.items()}

    def build(rows: list[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(entry(**{field_of.get(k, k): v for k, v in row.items()}, number=n) for n, row in enumerate(rows, start=1))

    return build
