"""One run of tocht: its database and kits, in one object the command line hands down.

The command layer makes it once per invocation (`begin`, in cli/app.py) from
the global options and the installed kinds. Only the command line asks
`current()` for it; what it calls (workspaces, imports, the room) is given
the store and the kits as arguments. Beginning a run also gives the output
layer fresh consoles, bound to the streams of that moment (a test calling the
CLI twice in one process).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tocht_cli.kit.kits import Kits

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind
    from tocht_cli.sessions.workspace import Workspace
    from tocht_cli.store import Store


@dataclass
class Invocation:
    db: Path | None = None
    kit: str | None = None  # --kit: the kit for new sessions (and for `kit show`, `import`)
    find_kinds: Callable[[], Mapping[str, ExerciseKind]] = dict  # the command layer's registry, asked for when first needed

    @cached_property
    def store(self) -> Store:
        from tocht_cli.store import Store, default_path

        return Store(self.db or default_path())

    @cached_property
    def kits(self) -> Kits:
        return Kits(self.find_kinds, self.kit)

    def workspace(self, session_ref: str | None) -> Workspace:
        """A session (by id or name; the current one when None) opened with this run's store and kits."""
        from tocht_cli.sessions.workspace import Workspace

        return Workspace.open(self.store, self.kits, session_ref)


_current: ContextVar[Invocation] = ContextVar("tocht_invocation")


def begin(invocation: Invocation) -> Invocation:
    from tocht_cli.render import output

    output.begin()
    _current.set(invocation)
    return invocation


def current() -> Invocation:
    """This run's invocation; a bare one (no kinds) before the command layer began one."""
    try:
        return _current.get()
    except LookupError:
        bare = Invocation()
        _current.set(bare)
        return bare
