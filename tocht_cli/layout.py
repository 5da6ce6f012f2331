"""Answer tables that never cut a text: a table when the terminal is wide enough, else one block per row.

rich's tables cut a cell with "…" when a column is narrower than a word, and
`no_wrap` columns are cut whatever they hold. `Answers` decides when it is
rendered, at the width it is given: when every column gets room for its longest
word (and short columns such as positions or counts for their whole text), a
table whose cells wrap (and fold a word only as a last resort); else a stacked
layout, one block per row: its number and text, then `heading: value` lines,
each wrapped under itself. Nothing the group wrote is ever shortened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

READABLE = 20  # a column of running text narrower than this is hard to read; go stacked instead


@dataclass(frozen=True)
class Col:
    """One column: its header, whether it holds running text (`ratio` > 0 grows), and
    whether it is short (a number, a position, a count) and should stay on one line."""

    header: str
    ratio: int = 0
    short: bool = False
    justify: str = "left"


@dataclass
class Answers:
    """A table of answers that wraps or stacks rather than cut (see the module's docstring).

    The first column is the item's number, the second its text; they head each block when stacked.
    With `numbered` False there is no number column: the first column alone heads each block.
    """

    columns: list[Col]
    title: str | None = None
    rows: list[tuple[list[Any], str]] = field(default_factory=list)
    numbered: bool = True

    def add_row(self, *cells: Any, style: str = "") -> None:
        self.rows.append(([("" if c is None else c) for c in cells], style))

    def __rich_console__(self, console: Any, options: Any) -> Iterable[Any]:
        width = options.max_width
        if self.fits(width):
            yield self.table(width)
        else:
            yield from self.stacked()

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(options.max_width, options.max_width)

    # -- deciding -----------------------------------------------------------
    def needed(self) -> list[int]:
        """The narrowest each column may be without cutting or folding a word (short columns: unwrapped)."""
        from rich.cells import cell_len

        widths = []
        for index, col in enumerate(self.columns):
            cells = [plain(cells[index]) for cells, _ in self.rows if index < len(cells) and not _spanning(cells)]
            header = max((cell_len(w) for w in col.header.split()), default=0)  # a header may wrap, never be cut
            if col.short:
                need = max([header] + [cell_len(line) for c in cells for line in c.splitlines() or [""]])
            else:
                cells.append(col.header)
                need = max((cell_len(w) for c in cells for w in c.split()), default=0)
                if col.ratio:
                    longest = max((cell_len(c) for c in cells), default=0)
                    need = max(need, min(READABLE, longest))
            widths.append(need)
        return widths

    def fits(self, width: int) -> bool:
        # a rich table with the default box: "│ " before each cell, " │" after the last
        return sum(self.needed()) + 3 * len(self.columns) + 1 <= width

    # -- the two layouts ------------------------------------------------------
    def table(self, width: int) -> Any:
        """Columns sized here (rich's ratios ignore a flexible column's minimum): short ones to their
        text, the rest share what is left by their ratios, none narrower than its longest word."""
        from rich._ratio import ratio_distribute
        from rich.table import Table

        needed = self.needed()
        flexible = [i for i, col in enumerate(self.columns) if not col.short]
        widths = list(needed)
        left = width - 3 * len(self.columns) - 1 - sum(needed[i] for i, col in enumerate(self.columns) if col.short)
        if flexible:
            shares = ratio_distribute(left, [self.columns[i].ratio or 1 for i in flexible], [needed[i] for i in flexible])
            for i, share in zip(flexible, shares, strict=True):
                widths[i] = share
        table = Table(title=self.title, show_header=any(col.header for col in self.columns))
        for col, w in zip(self.columns, widths, strict=True):
            table.add_column(col.header, width=w, no_wrap=False, overflow="fold", justify=col.justify)  # type: ignore[arg-type]
        for cells, style in self.rows:
            table.add_row(*cells, style=style or None)
        return table

    def stacked(self) -> Iterable[Any]:
        from rich.text import Text

        if self.title:
            yield Text(self.title, style="bold", overflow="fold")
        lead = 2 if self.numbered else 1
        for cells, style in self.rows:
            number = plain(cells[0]) if cells and self.numbered else ""
            text = cells[lead - 1] if len(cells) >= lead else ""
            head = Text(f"{number}  " if number else "", style="bold")
            indent = len(head)
            head.append(text if isinstance(text, Text) else Text(str(text)))
            if style:
                head.stylize(style)
            yield Hanging(head, indent)
            for col, cell in zip(self.columns[lead:], cells[lead:], strict=False):
                if not plain(cell):
                    continue
                line = Text(f"{col.header}: " if col.header else "", style="bold")
                line.append(cell if isinstance(cell, Text) else Text(str(cell)))
                yield Hanging(line, 4, first=2)
        yield Text("")


def _spanning(cells: list[Any]) -> bool:
    """A section row (`A. Van aanbodgestuurd…`): only the item column filled."""
    return not any(plain(c) for i, c in enumerate(cells) if i != 1)


def plain(cell: Any) -> str:
    return cell.plain if hasattr(cell, "plain") else str(cell)


class Hanging:
    """A text wrapped with its continuation lines indented by `indent` (and the first by `first`)."""

    def __init__(self, text: Any, indent: int, first: int = 0) -> None:
        self.text, self.indent, self.first = text, indent, first

    def __rich_console__(self, console: Any, options: Any) -> Iterable[Any]:
        from rich.segment import Segment

        text = self.text
        lines = list(text.wrap(console, max(1, options.max_width - self.first), overflow="fold"))
        if len(lines) > 1 and self.indent != self.first:
            # the rest wrapped again at its own width, from where the first line ends
            offset = len(lines[0].plain)
            offset += len(text.plain[offset:]) - len(text.plain[offset:].lstrip(" "))
            lines = lines[:1] + list(text[offset:].wrap(console, max(1, options.max_width - self.indent), overflow="fold"))
        for n, line in enumerate(lines):
            pad = self.first if n == 0 else self.indent
            if pad:
                yield Segment(" " * pad)
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


class Cards:
    """Short texts side by side in as many columns (up to `most`) as leave room for their longest word;
    each wrapped in its column, none cut."""

    def __init__(self, cells: list[Any], most: int = 5, indent: int = 0) -> None:
        self.cells, self.most, self.indent = cells, most, indent

    def columns(self, width: int) -> int:
        from rich.cells import cell_len

        longest = max((cell_len(w) for c in self.cells for w in plain(c).split()), default=1)
        need = longest + self.indent
        for n in range(self.most, 1, -1):
            if (width - (n - 1)) // n >= need:
                return n
        return 1

    def __rich_console__(self, console: Any, options: Any) -> Iterable[Any]:
        from rich.table import Table

        n = self.columns(options.max_width)
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(n):
            grid.add_column(ratio=1, overflow="fold")
        for row in range(0, len(self.cells), n):
            grid.add_row(*[Hanging(c, self.indent) for c in self.cells[row : row + n]])
        yield grid

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(options.max_width, options.max_width)


class Heading:
    """An exercise's heading as a rule across the screen, or bold on its own lines when the rule would cut it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Any, options: Any) -> Iterable[Any]:
        from rich.cells import cell_len
        from rich.rule import Rule
        from rich.text import Text

        if cell_len(self.text) + 6 <= options.max_width:
            yield Rule(self.text, align="left")
        else:
            yield Text(self.text, style="bold")
            yield Rule()
