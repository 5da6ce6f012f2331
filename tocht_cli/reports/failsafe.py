"""A kind that fails to render (a plugin's bug) is named and left out; everything else is still shown.

A broken plugin is already left out when it cannot be loaded (kinds/registry.py); one that
loads but raises while it renders an exercise would otherwise end `tocht show`, `replay` or
`export` with a traceback, and the facilitator would see none of the other exercises. Here its
part becomes one line in the room's words, and the facilitator is told once, on stderr, which
kind (and from which package) failed, with the error. tocht's own errors (a damaged file) are
not a kind's bug and go up as they always do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import _
from tocht_cli.render import output

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.render.styled import Text

T = TypeVar("T")


def report(ex: Exercise, exc: Exception) -> None:
    """Tell the facilitator, once per exercise in this run, which kind failed and why."""
    if not output.first_time(("kind failed", ex.id)):
        return
    kind = ex.kind
    output.message(
        _("tocht: note: the exercise kind {kind!r} (from {module}) failed to show {exercise} and is left out: {error}").format(
            kind=kind.name, module=type(kind).__module__, exercise=ex.id, error=f"{type(exc).__name__}: {exc}"
        )
    )


def left_out(ex: Exercise, kit: Kit) -> str:
    """What the room reads where the exercise's answers would be."""
    return kit.words.gettext("(not shown: the exercise kind {kind} failed; the answers are kept)").format(kind=ex.kind.name)


def made(ex: Exercise, make: Callable[[], T], instead: Callable[[], T]) -> T:
    """What a kind makes of `ex`, or, when the kind fails, what stands `instead` (said once on stderr)."""
    try:
        return make()
    except TochtError:
        raise
    except Exception as exc:
        report(ex, exc)
        return instead()


def markdown(ex: Exercise, kit: Kit, make: Callable[[], list[str]]) -> list[str]:
    """A kind's Markdown blocks, or one line saying they are left out."""
    return made(ex, make, lambda: [f"*{left_out(ex, kit)}*"])


class Guarded:
    """A kind's terminal rendering, made and rendered whole before any of it is printed, so that a
    failure at either moment leaves one line instead of half a table and a traceback."""

    def __init__(self, ex: Exercise, kit: Kit, make: Callable[[], Any]) -> None:
        self.ex, self.kit, self.make = ex, kit, make

    def lines(self, width: int) -> list[Text]:
        return [line for block in self.blocks(width) for line in block]

    def blocks(self, width: int) -> list[list[Text]]:
        from tocht_cli.render.styled import Text, blocks_of

        return made(
            self.ex, lambda: blocks_of(self.make(), width), lambda: [Text(left_out(self.ex, self.kit), style="italic").lines(width)]
        )

    def __rich_console__(self, console: Any, options: Any) -> Iterable[Any]:
        from tocht_cli.render.styled import rich_render

        yield from rich_render(self, options)
