"""Typed reading of a hand-written TOML table that collects one problem per bad key.

Every problem names the file, the key path and what was expected, so a
facilitator editing a kit can fix all of them in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tocht_cli.text import has_controls, norm, visible

_ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")

_MISSING = object()


@dataclass(frozen=True)
class Item:
    """One addressable line of an exercise: a stable id, its text and its number."""

    id: str
    text: str
    number: int


class Reader:
    def __init__(self, file: Path, table: dict, problems: list[str], prefix: str = ""):
        self.file = file
        self.table = table
        self.problems = problems
        self.prefix = prefix
        self._used: set[str] = set()

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def problem(self, key: str, what: str) -> None:
        self.problems.append(f"{self.file}: {self._key(key) or '(top)'}: {what}")

    def _get(self, key: str, optional: bool):
        self._used.add(key)
        value = self.table.get(key, _MISSING)
        if value is _MISSING and not optional:
            self.problem(key, "missing")
        return value

    def text(self, key: str, *, optional: bool = False, default: str = "") -> str:
        value = self._get(key, optional)
        if value is _MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"expected non-empty text, got {_describe(value)}")
            return default
        if has_controls(value):
            self.problem(key, "contains control characters or escape sequences (only line breaks and tabs are allowed)")
            return default
        if not visible(value):
            self.problem(key, "has no visible characters")
            return default
        return value.strip()

    def integer(self, key: str, *, minimum: int, maximum: int, default: int) -> int:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
            self.problem(key, f"expected a whole number from {minimum} to {maximum}, got {_describe(value)}")
            return default
        return value

    def words(self, key: str, *, min_items: int = 1) -> list[str]:
        """A list of distinct short labels (positions, statuses...)."""
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or len(value) < min_items or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, f"expected a list of at least {min_items} non-empty texts, got {_describe(value)}")
            return []
        if any(has_controls(v) for v in value):
            self.problem(key, "contains control characters or escape sequences")
            return []
        labels = [v.strip() for v in value]
        if not all(map(visible, labels)):
            self.problem(key, "a label has no visible characters")
        if len(set(map(norm, labels))) != len(labels):
            self.problem(key, "labels must be distinct, also ignoring case, spaces, dashes and accents (they are typed that way)")
        return labels

    def sub(self, key: str) -> Reader:
        """A nested [key] table (an empty one, with a problem, when absent)."""
        value = self._get(key, True)
        if not isinstance(value, dict):
            self.problem(key, f"expected a [{key}] table, got {_describe(value)}")
            value = {}
        return Reader(self.file, value, self.problems, f"{self._key(key)}.")

    def tables(self, key: str, *, min_items: int = 1) -> list[Reader]:
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, f"expected a list of tables ([[{key}]]), got {_describe(value)}")
            return []
        if len(value) < min_items:
            self.problem(key, f"expected at least {min_items} entries, got {len(value)}")
        return [Reader(self.file, v, self.problems, f"{self._key(key)}[{i}].") for i, v in enumerate(value, start=1)]

    def items(self, key: str, *, text_key: str = "text", min_items: int = 1, seen: set[str] | None = None) -> list[Item]:
        """A list of [[key]] tables with a unique `id` and a text, numbered from 1."""
        seen = set() if seen is None else seen
        items = []
        for number, sub in enumerate(self.tables(key, min_items=min_items), start=1):
            item_id = sub.text("id")
            text = sub.text(text_key)
            sub.finish()
            if item_id and item_id.casefold() in seen:
                sub.problem("id", f"duplicate id {item_id!r} (ids are matched ignoring case)")
            elif item_id and not _ITEM_ID.fullmatch(item_id):
                sub.problem("id", f"ids are ASCII letters, digits, '-' and '_' (not first), got {item_id[:40]!r}")
            elif item_id.isdigit():
                sub.problem("id", f"an id of only digits ({item_id!r}) would be mistaken for an item's number")
            seen.add(item_id.casefold())
            items.append(Item(item_id, text, number))
        return items

    def finish(self) -> None:
        """Report keys nobody asked for: usually a typo in a hand-edited file."""
        for key in self.table:
            if key not in self._used:
                self.problem(key, "unknown key")


def _describe(value: Any) -> str:
    if value is _MISSING:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else f"the text {value[:40]!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
