"""The exercise kinds this installation knows, by the name a kit file gives in `kind = "…"`.

Kinds are plugins: every installed package's `tocht.kinds` entry points,
tocht's own included (see pyproject.toml), so an organisation adds a
kind by installing a package, without forking. Only the command layer asks
for the registry and hands it down; a kind's module is imported the first
time a kit names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache, reduce
from importlib import import_module
from typing import Any, NamedTuple

from tocht_cli.base import installation
from tocht_cli.base.errors import InvalidData
from tocht_cli.base.i18n import _
from tocht_cli.kinds.contract import ExerciseKind

GROUP = "tocht.kinds"

_POINT = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")  # importlib.metadata's


class EntryPoint(NamedTuple):
    """An entry point as `installation` keeps it (`module:attribute`), loaded as importlib.metadata's
    `EntryPoint.load` does: without importing importlib.metadata (email, zipfile, csv…), a tenth of
    every command's start, for what its cached value already says."""

    name: str
    value: str

    def load(self) -> Any:
        found = _POINT.match(self.value)
        if found is None:
            raise ValueError(f"not an entry point: {self.value!r}")
        return reduce(getattr, filter(None, (found.group("attr") or "").split(".")), import_module(found.group("module")))


class Kinds(Mapping[str, ExerciseKind]):
    """Kinds by name, each loaded from its entry point on first use. Hashable by identity, so a kit
    loaded with one registry is cached apart from a kit loaded with another."""

    def __init__(self, points: dict[str, EntryPoint]):
        self._points = points
        self._loaded: dict[str, ExerciseKind] = {}
        self.broken: dict[str, str] = {}  # name → why it cannot be loaded (a plugin that is broken)
        self._reported: set[str] = set()

    def __getitem__(self, name: str) -> ExerciseKind:
        if name not in self._loaded and name not in self.broken:
            self._load(name, self._points[name])
        if name in self.broken:
            raise InvalidData(
                _("the exercise kind {name!r} cannot be loaded").format(name=name),
                [self.broken[name]],
                _("fix or uninstall the package that brings it; kits and sessions that do not use it keep working"),
            )
        return self._loaded[name]

    def _load(self, name: str, point: EntryPoint) -> None:
        try:
            kind = point.load()
        except Exception as exc:  # a broken plugin must not take tocht down, nor show a traceback
            self.broken[name] = f"{point.value}: {type(exc).__name__}: {exc}"
            return
        if not isinstance(kind, ExerciseKind) or kind.name != name:
            self.broken[name] = _("{point} is not an ExerciseKind named {name!r}").format(point=point.value, name=name)
            return
        self._loaded[name] = kind

    def unreported(self) -> list[tuple[str, str]]:
        """Broken kinds not yet named to the person at the keyboard (once each)."""
        new = [(name, why) for name, why in self.broken.items() if name not in self._reported]
        self._reported.update(name for name, _ in new)
        return new

    def __iter__(self) -> Iterator[str]:
        """The kinds that load; the others are in `broken`."""
        for name in self._points:
            if name not in self._loaded and name not in self.broken:
                self._load(name, self._points[name])
            if name in self._loaded:
                yield name

    def __contains__(self, name: object) -> bool:
        return name in self._points

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@cache
def installed() -> Kinds:
    """Every kind registered under `tocht.kinds`; the first package to claim a name keeps it.
    The entry points are looked up once per installation (base/installation.py), not on every command."""
    points: dict[str, EntryPoint] = {}
    for name, value in installation.entry_points(GROUP):
        points.setdefault(name, EntryPoint(name, value))
    return Kinds(points)
