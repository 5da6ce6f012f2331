"""One run of tocht: its database, kit choice, exercise kinds and consoles, in one object.

The command layer makes it once per invocation (`begin`) from the global
options and the installed kinds; everything below asks `current()` for it
instead of reading module-level settings that must be reset by hand. A
fresh invocation (a test calling the CLI twice in one process) gets fresh
consoles bound to the streams of that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind
    from tocht_cli.kinds.model import Kit
    from tocht_cli.store import Store


@dataclass
class Invocation:
    db: Path | None = None
    kit: str | None = None  # --kit: the kit for new sessions (and for `kit show`, `import`)
    find_kinds: Callable[[], Mapping[str, ExerciseKind]] = dict  # the command layer's registry, asked for when first needed
    noted: set[str] = field(default_factory=set)  # what was said once in this run (reports/failsafe.py)

    @cached_property
    def kinds(self) -> Mapping[str, ExerciseKind]:
        """The exercise kinds, looked up only by commands that load a kit (`list` does not)."""
        return self.find_kinds()

    @cached_property
    def store(self) -> Store:
        from tocht_cli.store import Store, default_path

        return Store(self.db or default_path())

    def load_kit(self, ref: str) -> Kit:
        from tocht_cli.kit import loader

        if ref not in self._kits:  # `export --all` asks for the same kit for every session
            self._kits[ref] = loader.load(ref, self.kinds)
        return self._kits[ref]

    @cached_property
    def _kits(self) -> dict[str, Kit]:
        return {}

    def kit_of(self, session: dict[str, Any]) -> Kit:
        """The kit a session was recorded with."""
        from tocht_cli.kit import loader, shipped

        ref = session.get("kit") or {}
        if ref.get("path"):
            return loader.load_path(Path(ref["path"]), self.kinds)
        return self.load_kit(ref.get("name") or shipped.DEFAULT_KIT)

    def kit_for_new_session(self) -> Kit:
        from tocht_cli.kit import shipped

        return self.load_kit(self.kit or shipped.DEFAULT_KIT)

    def console(self, stderr: bool) -> Any:
        return self._consoles[stderr]

    @cached_property
    def _consoles(self) -> dict[bool, Any]:
        from tocht_cli.render.console import safe_console

        return {False: safe_console(stderr=False), True: safe_console(stderr=True)}


_current: ContextVar[Invocation] = ContextVar("tocht_invocation")


def begin(invocation: Invocation) -> Invocation:
    _current.set(invocation)
    return invocation


def current() -> Invocation:
    """This run's invocation; a bare one (no kinds) before the command layer began one."""
    try:
        return _current.get()
    except LookupError:
        return begin(Invocation())
