"""The rich console tocht prints through: every text cleaned of terminal control characters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderResult

from tocht_cli.base.text import terminal_safe


def safe_console(stderr: bool) -> Any:
    """A rich console that cleans every text it prints (one per stream and invocation): through
    rich's public render hook, each thing printed is drawn and its text cleaned before rich adds
    its own styling codes."""
    from rich.console import Console, RenderHook

    class Cleaning(RenderHook):
        def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
            return [Cleaned(renderable) for renderable in renderables]

    console = Console(stderr=stderr, markup=False, highlight=False, emoji=False)
    console.push_render_hook(Cleaning())
    return console


class Cleaned:
    """A renderable drawn as rich draws it, each text segment cleaned (control segments, rich's
    own cursor and screen codes, kept)."""

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for text, style, control in console.render(self.renderable, options):
            yield Segment(terminal_safe(text), style, control) if control is None else Segment(text, style, control)
