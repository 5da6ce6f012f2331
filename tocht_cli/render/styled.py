"""Styled text for the terminal, wrapped and drawn without rich's console.

`tocht show` prints hundreds of lines; rich's console costs ~20 ms to import and
its generic layout most of the rest, so the views tocht prints (a session's
answers, the kit, a kind's sheets) are made of these: `Text` (runs of text, each
with a style such as "bold" or "dim"), `Group`, and the layouts of render/layout.py.
Each renders itself as lines at a width. The line breaks are rich's own
(rich.cells and render/richbits.py, rich's wrapping copied: the same cells per character, the same breaks), so what
a terminal or a file shows is what rich would draw; and each also renders inside
a rich console (`__rich_console__`), which the walk and replay use.

Every text is cleaned of terminal control characters where it is written
(`write`), as render/output.py does for everything.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, TextIO

from rich.cells import cell_len, set_cell_size

from tocht_cli.base.text import terminal_safe
from tocht_cli.render.richbits import BREAKING_SPACES, divide_line, is_single_cell_widths, re_word

_TRAILING_SPACE = re.compile(r"[^\S\xa0]+$")  # a no-break space belongs to its word (richbits.re_word)
ASCII_ONLY: ContextVar[bool] = ContextVar("ascii_only", default=False)  # lines and boxes in ASCII (no UTF-8 out)


class Text:
    """Text in runs, each with its style ("" for none, else rich's words: "bold", "dim reverse",
    "bold yellow"), under the style of the whole (`base`), as rich's Text has it: `append` adds a
    run, `stylize` lays a style over every run."""

    __slots__ = ("base", "runs")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.base = style
        self.runs: list[tuple[str, str]] = [(text, "")] if text else []

    @classmethod
    def of(cls, value: Any) -> Text:
        """A cell or a line: a Text as it is, anything else as its text."""
        return value if isinstance(value, Text) else cls("" if value is None else str(value))

    @property
    def plain(self) -> str:
        runs = self.runs
        return runs[0][0] if len(runs) == 1 else "".join([text for text, _ in runs])

    def __len__(self) -> int:
        return sum(len(text) for text, _ in self.runs)

    def __str__(self) -> str:
        return self.plain

    def styled(self, under: str = "") -> list[tuple[str, str]]:
        """Each run with the style it is drawn in: `under` (a table row's), the whole's, its own."""
        over = _joined(under, self.base)
        return [(text, _joined(over, style)) for text, style in self.runs] if over else self.runs

    def append(self, text: str | Text, style: str = "") -> Text:
        if isinstance(text, Text):
            runs = text.styled(style)
            self.runs = self.runs + runs if self.runs else list(runs)
        elif text:
            self.runs.append((text, style))
        return self

    def stylize(self, style: str) -> Text:
        self.runs = [(text, _joined(s, style)) for text, s in self.runs]
        return self

    def __getitem__(self, index: slice) -> Text:
        start, stop, _ = index.indices(len(self))
        return self._between(start, stop)

    def _between(self, start: int, stop: int) -> Text:
        out, at = Text(style=self.base), 0
        for text, style in self.runs:
            end = at + len(text)
            if end > start and at < stop:
                out.runs.append((text[max(0, start - at) : min(len(text), stop - at)], style))
            at = end
        return out

    def lines(self, width: int) -> list[Text]:
        return self.wrap(width)

    def wrap(self, width: int, justify: str = "default") -> list[Text]:
        """The lines of this text at `width` cells, as rich's Text.wrap breaks them (folding a word
        wider than the width); `justify` "left", "right" or "center" pads them to the width."""
        text = self._tabs_expanded() if "\t" in self.plain else self
        return [text._line(*place) for place in _wrapped(text.plain, width, justify)]

    def _line(self, left: int, start: int, end: int, half: int, right: int) -> Text:
        """The line of this text from `start` to `end`, `left` and `right` spaces around it, and `half` a
        space in the style of a wide character cut off at its end."""
        line = Text(style=self.base)
        runs = self.runs
        if len(runs) == 1:
            text, style = runs[0]
            middle = [(text[start:end] + " " * half, style)]
        else:
            middle = self._between(start, end).runs
            if half:
                cut = self._between(end, end + 1).runs
                middle.append((" " * half, cut[0][1] if cut else ""))
        line.runs = [run for run in [(" " * left, ""), *middle, (" " * right, "")] if run[0]]
        return line

    def _tabs_expanded(self, tab_size: int = 8) -> Text:
        """Each tab as the spaces to the next tab stop (every 8 cells from the start of its line), as rich
        expands them."""
        out, column = Text(style=self.base), 0
        for text, style in self.runs:
            pieces = text.split("\t")
            for n, piece in enumerate(pieces):
                line_start = piece.rfind("\n")
                column = cell_len(piece[line_start + 1 :]) + (column if line_start < 0 else 0)
                out.runs.append((piece, style))
                if n < len(pieces) - 1:
                    column += 1
                    spaces = 1 + (tab_size - column % tab_size if column % tab_size else 0)
                    column += spaces - 1
                    out.runs.append((" " * spaces, style))
        out.runs = [(t, s) for t, s in out.runs if t]
        return out

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


def _joined(under: str, over: str) -> str:
    """Two styles laid one over the other (the later words win where they clash, as in rich)."""
    return f"{under} {over}" if under and over else under or over


@lru_cache(maxsize=4096)  # `show` wraps each item's text again in every group's table
def _wrapped(text: str, width: int, justify: str) -> tuple[tuple[int, int, int, int, int], ...]:
    """rich's Text.wrap of a text without tabs, on its plain string: each line as (spaces before, where
    it starts, where it ends, a half space for a wide character cut off, spaces after). A line whose
    every character is one cell wide (rich's own test; most Dutch and English) is measured by
    counting characters."""
    out = []
    at = 0
    for line in text.split("\n"):
        single = is_single_cell_widths(line)
        measure = len if single else cell_len
        if measure(line) <= width:  # fits whole: no break, nothing to cut (what divide_line and rich find too)
            spans = [(0, _rstrip_end(line, 0, len(line), width))]
        else:
            cuts = [0, *(_breaks(line, width) if single else divide_line(line, width)), len(line)]
            spans = [(a, _rstrip_end(line, a, b, width)) for a, b in itertools.pairwise(cuts)]
        for start, end in spans:
            end, half = _cut(line, start, end, width, single)
            if justify in ("right", "center"):
                end = start + len(line[start:end].rstrip(BREAKING_SPACES))
            cells = (end - start if single else cell_len(line[start:end])) + half
            left = right = 0
            if justify in ("right", "center"):
                room = width - cells
                left = room if justify == "right" else room // 2
                right = room - left
            elif justify == "left":
                right = width - cells
            out.append((left, at + start, at + end, half, right))
        at += len(line) + 1
    return tuple(out)


def _breaks(line: str, width: int) -> list[int]:
    """rich's divide_line (fold) for a line whose every character is one cell wide, counting with
    len() instead of measuring each word twice: the same breaks."""
    breaks: list[int] = []
    offset = 0
    for found in re_word.finditer(line):  # rich's words(): each word with the spaces after it
        start, word = found.start(), found.group()
        length = len(word.rstrip(BREAKING_SPACES))
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # folded: a piece of `width` characters a line
            for at in range(start, start + len(word), width):
                if at:
                    breaks.append(at)
                offset = len(word[at - start : at - start + width])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _rstrip_end(line: str, start: int, end: int, width: int) -> int:
    """rich's rstrip_end: where the piece ends once the spaces it ends in beyond the width are gone."""
    if end - start > width:
        found = _TRAILING_SPACE.search(line, start, end)
        if found is not None:
            return end - min(found.end() - found.start(), end - start - width)
    return end


def _cut(line: str, start: int, end: int, width: int, single: bool) -> tuple[int, int]:
    """Where the piece ends cut to `width` cells, and the half space of a wide character cut in half."""
    if single:
        return min(end, start + width), 0
    if cell_len(line[start:end]) <= width:
        return end, 0
    piece = line[start:end]
    kept = min(len(set_cell_size(piece, width)), len(piece))
    while kept and cell_len(piece[:kept]) > width:
        kept -= 1
    return start + kept, width - cell_len(piece[:kept])


class Group:
    """Renderables one under the other."""

    def __init__(self, *parts: Any) -> None:
        self.parts = parts

    def lines(self, width: int) -> list[Text]:
        return [line for part in self.parts for line in lines_of(part, width)]

    def blocks(self, width: int) -> list[list[Text]]:
        return [block for part in self.parts for block in blocks_of(part, width)]

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


def blocks_of(part: Any, width: int) -> list[list[Text]]:
    """A renderable's lines in the blocks a page break may not split (a row of cards, a table's row), so a
    page of `tocht replay` starts with an item; anything else breaks between any two lines."""
    if hasattr(part, "blocks"):
        return list(part.blocks(width))
    return [[line] for line in lines_of(part, width)]


def lines_of(part: Any, width: int) -> list[Text]:
    """The lines of a renderable of this module (or render/layout.py), of a string, or of a rich renderable
    (a plugin kind may draw with rich: its console is imported then)."""
    if isinstance(part, str):
        return Text(part).lines(width)
    if hasattr(part, "lines"):
        return list(part.lines(width))
    return _drawn_by_rich(part, width)


def _drawn_by_rich(part: Any, width: int) -> list[Text]:
    from rich.console import Console

    console = Console(width=width, color_system=None, force_terminal=False, markup=False, highlight=False, emoji=False)
    out = []
    for segments in console.render_lines(part, console.options.update_width(width), pad=False):
        line = Text()
        for segment in segments:
            if not segment.control:
                line.append(segment.text, str(segment.style) if segment.style else "")
        out.append(line)
    return out


def cropped(lines: list[Text], width: int) -> list[Text]:
    """Lines no wider than `width` (as rich crops what it prints, and a cell what is in it)."""
    for n, line in enumerate(lines):
        plain = line.plain
        single = is_single_cell_widths(plain)
        if (len(plain) > width or not single) and cell_len(plain) > width:
            lines[n] = line._line(0, 0, *_cut(plain, 0, len(plain), width, single), 0)
    return lines


# -- writing ----------------------------------------------------------------------------


class Terminal:
    """Where text goes, seen as rich sees it (so that nothing changes when rich draws the walk): a
    terminal or not (TTY_COMPATIBLE, FORCE_COLOR, else isatty), its width (the first of stdin,
    stdout and stderr that is a terminal, COLUMNS over it, else 80) and height, and whether styles and
    colours are drawn (not on a dumb terminal; NO_COLOR keeps bold and the like, drops colours)."""

    def __init__(self, stream: TextIO, environ: Any = os.environ) -> None:
        self.stream = stream
        self.is_terminal = _is_terminal(stream, environ)
        dumb = environ.get("TERM", "").lower() in ("dumb", "unknown")
        self.styled = self.is_terminal and not dumb
        self.colours = environ.get("NO_COLOR", "") == ""
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
        self.ascii_only = not encoding.startswith("utf")
        self.width, self.height = _size(environ, dumb and self.is_terminal)

    def text(self, lines: list[Text]) -> str:
        """The lines as they are written: styled on a terminal (padding kept, as rich writes it), plain
        with no trailing spaces elsewhere."""
        if not self.styled:
            return "".join(line.rstrip() + "\n" for line in terminal_safe("\n".join(line.plain for line in lines)).split("\n"))
        return "".join("".join(self._run(t, s) for t, s in _merged(line.styled())) + "\n" for line in lines)

    def _run(self, text: str, style: str) -> str:
        text = terminal_safe(text)
        codes = _sgr(style, self.colours) if style else ""
        return f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text


def _merged(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring runs of one style as one (one escape sequence for a cell, not one per piece)."""
    out: list[tuple[str, str]] = []
    for text, style in runs:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        elif text:
            out.append((text, style))
    return out


def _is_terminal(stream: TextIO, environ: Any) -> bool:
    compatible = str(environ.get("TTY_COMPATIBLE", ""))
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return str(force) != ""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _size(environ: Any, dumb: bool) -> tuple[int, int]:
    if dumb:
        return 80, 25
    width = height = 0
    for descriptor in (0, 1, 2):
        try:
            width, height = os.get_terminal_size(descriptor)
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns, rows = environ.get("COLUMNS", ""), environ.get("LINES", "")
    width = int(columns) if columns.isdigit() else width
    height = int(rows) if rows.isdigit() else height
    return width or 80, height or 25


_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "blink": "5", "reverse": "7", "strike": "9"}
_NAMES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_COLOURS = {name: n for n, name in enumerate(_NAMES)} | {f"bright_{name}": 60 + n for n, name in enumerate(_NAMES)}


def _sgr(style: str, colours: bool) -> str:
    """The escape codes of rich's style words, in rich's order: attributes, colour, background."""
    words, attributes, colour, background = style.split(), [], "", ""
    for n, word in enumerate(words):
        if word in _ATTRIBUTES and (n == 0 or words[n - 1] != "on"):
            attributes.append(word)
        elif word in _COLOURS:
            if n and words[n - 1] == "on":
                background = str(40 + _COLOURS[word])
            else:
                colour = str(30 + _COLOURS[word])
    codes = [_ATTRIBUTES[a] for a in _ATTRIBUTES if a in attributes]
    if colours:
        codes += [c for c in (colour, background) if c]
    return ";".join(codes)


def write(parts: Iterable[Any], terminal: Terminal) -> None:
    terminal.stream.write(rendered(parts, terminal))
    terminal.stream.flush()


def rendered(parts: Iterable[Any], terminal: Terminal) -> str:
    token = ASCII_ONLY.set(terminal.ascii_only)
    try:
        return "".join(terminal.text(cropped(lines_of(part, terminal.width), terminal.width)) for part in parts)
    finally:
        ASCII_ONLY.reset(token)


# -- inside rich ------------------------------------------------------------------------


def rich_render(part: Any, options: Any) -> Iterator[Any]:
    """A renderable of this module as rich segments, for a rich console (the walk, replay) to draw."""
    token = ASCII_ONLY.set(options.ascii_only)
    try:
        lines = part.lines(options.max_width)
    finally:
        ASCII_ONLY.reset(token)
    yield from rich_lines(lines)


def rich_lines(lines: list[Text]) -> Iterator[Any]:
    from rich.segment import Segment
    from rich.style import Style

    for line in lines:
        for text, style in line.styled():
            yield Segment(text, Style.parse(style) if style else None)
        yield Segment.line()
