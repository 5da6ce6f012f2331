"""The rich console tocht prints through: every text cleaned of terminal control characters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.segment import Segment

from tocht_cli.text import terminal_safe


def safe_console(stderr: bool) -> Any:
    """A rich console that cleans every text it prints (one per stream and invocation)."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        """Cleans the text of every segment; rich's own styling codes are added after this."""

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(Segment(terminal_safe(t), s, c) if c is None else Segment(t, s, c) for t, s, c in buffer)

    return SafeConsole(stderr=stderr, markup=False, highlight=False, emoji=False)
