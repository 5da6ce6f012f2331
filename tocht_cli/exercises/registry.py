"""The exercise kinds this installation knows, by the name a kit file gives in `kind = "…"`.

Kinds are plugins: every installed package's `tocht.kinds` entry points,
tocht's own seven included (see pyproject.toml), so an organisation adds a
kind by installing a package, without forking. Only the command layer asks
for the registry and hands it down; a kind's module is imported the first
time a kit names it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from tocht_cli.errors import InvalidData
from tocht_cli.exercises.contract import ExerciseKind

GROUP = "tocht.kinds"


class Kinds(Mapping[str, ExerciseKind]):
    """Kinds by name, each loaded from its entry point on first use. Hashable by identity, so a kit
    loaded with one registry is cached apart from a kit loaded with another."""

    def __init__(self, points: dict[str, EntryPoint]):
        self._points = points
        self._loaded: dict[str, ExerciseKind] = {}

    def __getitem__(self, name: str) -> ExerciseKind:
        if name not in self._loaded:
            point = self._points[name]
            try:
                kind = point.load()
            except Exception as exc:  # a broken plugin must not take tocht down with a traceback
                raise InvalidData(
                    f"the exercise kind {name!r} cannot be loaded",
                    [f"{point.value}: {type(exc).__name__}: {exc}"],
                    "reinstall the package that brings it",
                ) from None
            if not isinstance(kind, ExerciseKind) or kind.name != name:
                raise InvalidData(f"the exercise kind {name!r} is not usable", [f"{point.value} is not an ExerciseKind named {name!r}"])
            self._loaded[name] = kind
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._points)

    def __len__(self) -> int:
        return len(self._points)

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@cache
def installed() -> Kinds:
    """Every kind registered under `tocht.kinds`; the first package to claim a name keeps it."""
    points: dict[str, EntryPoint] = {}
    for point in entry_points(group=GROUP):
        points.setdefault(point.name, point)
    return Kinds(points)
