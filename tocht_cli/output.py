"""Where things are printed: data on stdout, messages on stderr, user text never as markup.

rich is imported only when something is rendered, so `tocht --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=None)
def _console(stderr: bool):
    from rich.console import Console

    return Console(stderr=stderr, markup=False, highlight=False, emoji=False)


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
        sys.stdout.write(renderable if renderable.endswith("\n") else renderable + "\n")
        sys.stdout.flush()
    else:
        stdout_console().print(renderable)


def message(text: str) -> None:
    """A note for the person at the keyboard, on stderr."""
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.stderr.flush()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False)


def data_json(obj: Any) -> None:
    data(dumps(obj))


def columns(headers: list[str], rows: list[list[str]]) -> str:
    """A plain aligned table: instant for thousands of rows, where rich takes seconds."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in [headers, *rows]]
    return "\n".join(lines)
