"""Where things are printed: data on stdout, messages on stderr, user text never as markup.

This is the one choke point between tocht and a terminal: every string and
every rich renderable passes `terminal_safe` here, whatever its source (typed,
imported, a kit, a path), so no text can set a window title, clear the
screen or make the terminal type. rich is imported only when something is
rendered, so `tocht --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any

from tocht_cli.text import terminal_safe


@cache
def _console(stderr: bool):
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        """Cleans the text of every segment; rich's own styling codes are added after this."""

        def _render_buffer(self, buffer):
            return super()._render_buffer(Segment(terminal_safe(t), s, c) if c is None else Segment(t, s, c) for t, s, c in buffer)

    return SafeConsole(stderr=stderr, markup=False, highlight=False, emoji=False)


def stdout_console():
    return _console(False)


def stderr_console():
    return _console(True)


def reset_consoles() -> None:
    """Forget cached consoles (tests swap sys.stdout between invocations)."""
    _console.cache_clear()


def data(renderable: Any = "") -> None:
    """Print a result: plain strings as they are, rich renderables through rich."""
    if isinstance(renderable, str):
        text = terminal_safe(renderable)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        stdout_console().print(renderable)


def message(text: str) -> None:
    """A note for the person at the keyboard, on stderr."""
    sys.stderr.write(terminal_safe(text).rstrip("\n") + "\n")
    sys.stderr.flush()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False)


def data_json(obj: Any) -> None:
    data(dumps(obj))


def columns(headers: list[str], rows: list[list[str]]) -> str:
    """A plain aligned table: instant for thousands of rows, where rich takes seconds."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in [headers, *rows]]
    return "\n".join(lines)
