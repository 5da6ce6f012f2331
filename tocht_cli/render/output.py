"""Where things are printed: data on stdout, messages on stderr, user text never as markup.

This is the one choke point between tocht and a terminal: every string and
every rich renderable passes `terminal_safe` here, whatever its source (typed,
imported, a kit, a path), so no text can set a window title, clear the
screen or make the terminal type. rich is imported only when something is
rendered, so `tocht --help` stays fast.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tocht_cli.base.text import terminal_safe

if TYPE_CHECKING:
    from rich.console import Console


# This run's consoles, made when first printed to: per run, not per import, because a run's streams
# are those of its moment (a test swaps them between two runs in one process). The command line
# starts each run with `begin()`; the room's threads and the export's workers print through the same.
_consoles: dict[bool, Console] = {}
# What this run said once only (a kind that failed to show an exercise: reports/failsafe.py).
_said: set[object] = set()
# What draws a message above a prompt being answered (`draw_above`), for this run.
_above: list[Callable[[str], bool]] = []


def begin() -> None:
    """A new run: consoles bound to the streams of now, and nothing said yet."""
    _consoles.clear()
    _said.clear()
    _above.clear()


def console(stderr: bool) -> Console:
    if stderr not in _consoles:
        from tocht_cli.render.console import safe_console

        _consoles[stderr] = safe_console(stderr=stderr)
    return _consoles[stderr]


def stdout_console() -> Console:
    return console(stderr=False)


def stderr_console() -> Console:
    return console(stderr=True)


def first_time(what: object) -> bool:
    """Whether `what` is said for the first time in this run (and from now on, it was)."""
    if what in _said:
        return False
    _said.add(what)
    return True


def data(renderable: Any = "") -> None:
    """Print a result: plain strings as they are, tocht's styled text and layouts (render/styled.py, render/layout.py)
    drawn by render/styled.py, anything else through rich."""
    if isinstance(renderable, str):
        text = terminal_safe(renderable)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    elif hasattr(renderable, "lines"):
        from tocht_cli.render import styled

        styled.write([renderable], styled.Terminal(sys.stdout))
    else:
        console = stdout_console()
        if console.is_terminal:
            console.print(renderable)
            return
        with console.capture() as capture:  # piped: rich pads lines to the width, which files and diffs do not want
            console.print(renderable)
        sys.stdout.write("\n".join(line.rstrip() for line in capture.get().split("\n")))
        sys.stdout.flush()


def binary(data: bytes) -> None:
    """A file's bytes on stdout (a PDF piped on); the commands refuse a terminal before they get here."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def paged(renderables: list[Any], pager: bool = True) -> None:
    """Print renderables on stdout; through a pager when stdout is a terminal and they fill more than the screen.

    The pager is $PAGER (as the shell would split it), else `less -R`, with LESS=FRX when LESS is
    not set (raw colour codes, quit at the end when it fits) and LESSCHARSET=utf-8 when that is not
    set (the text is UTF-8). Piped output is never paged.
    """
    if all(hasattr(r, "lines") for r in renderables):  # tocht's own text and layouts: drawn without rich's console
        from tocht_cli.render import styled

        terminal = styled.Terminal(sys.stdout)
        text = styled.rendered(renderables, terminal)
        height, paging = terminal.height, pager and sys.stdout.isatty() and terminal.is_terminal
    else:
        console = stdout_console()
        if not (pager and sys.stdout.isatty() and console.is_terminal):
            for r in renderables:
                data(r)
            return
        with console.capture() as capture:
            for r in renderables:
                console.print(r)
        text, height, paging = capture.get(), console.size.height, True
    if not paging or text.count("\n") < height:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    page(text)


def page(text: str) -> None:
    """Hand rendered text (already cleaned, with rich's own styling codes) to the pager."""
    import os
    import shlex
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "") or ["less", "-R"]
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LESSCHARSET", "utf-8")  # what is written below, whatever the locale (often not installed) says
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", "replace"))
        process.stdin.close()
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the reader quit the pager early
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager (less scrolls back); wait until it exits


def message(text: str) -> None:
    """A note for the person at the keyboard, on stderr; on a terminal its long lines broken between words
    (the terminal itself would cut "sam / en blijven")."""
    said = terminal_safe(text).rstrip("\n")
    if sys.stderr.isatty():
        said = between_words(said, shutil.get_terminal_size().columns)
    if not drawn_above(said + "\n"):
        sys.stderr.write(said + "\n")
        sys.stderr.flush()


def drawn_above(text: str) -> bool:
    """Whether `text` went above the prompt being answered, through what the command that asks installed
    (`draw_above`): written straight to a terminal with a question and the walk's status line on it, it
    would land over them."""
    return _above[0](text) if _above else False


def draw_above(drawer: Callable[[str], bool]) -> None:
    """From now on in this run, messages go through `drawer`, which draws them above a prompt when one is asked
    (the walk with a room: the room's server thread says things while the walk asks)."""
    _above[:] = [drawer]


def between_words(text: str, width: int, hang: str = "") -> str:
    """Each line that is too long broken between words, its continuation indented as the line itself is
    (and by `hang` more)."""
    import textwrap

    def wrapped(line: str) -> str:
        if len(line) <= width:
            return line
        indent = line[: len(line) - len(line.lstrip())] + hang
        return textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)

    return "\n".join(wrapped(line) for line in text.split("\n"))


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False)


def data_json(obj: Any) -> None:
    """JSON for scripts; \\u escapes where stdout's encoding cannot say a character (PYTHONIOENCODING=ascii),
    so the data stays exact rather than turning into '?'."""
    import codecs

    says_everything = codecs.lookup(getattr(sys.stdout, "encoding", None) or "utf-8").name.startswith("utf")
    data(json.dumps(obj, ensure_ascii=not says_everything, indent=2, sort_keys=False))


def columns(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """A plain aligned table, given column by column: instant for thousands of rows, where rich
    takes seconds (one %-format for every line: `list` prints ten thousand of them)."""
    widths = [max(len(header), max(map(len, column), default=0)) for header, column in zip(headers, cells, strict=True)]
    line = "  ".join(f"%-{width}s" for width in widths)
    return "\n".join([(line % tuple(headers)).rstrip(), *[(line % row).rstrip() for row in zip(*cells, strict=True)]])
