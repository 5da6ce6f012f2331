"""Answer tables that never cut a text: a table when the terminal is wide enough, else one block per row.

rich's tables cut a cell with "…" when a column is narrower than a word, and
`no_wrap` columns are cut whatever they hold. `Answers` decides when it is
rendered, at the width it is given: when every column gets room for its longest
word (and short columns such as positions or counts for their whole text), a
table whose cells wrap (and fold a word only as a last resort); else a stacked
layout, one block per row: its number and text, then `heading: value` lines,
each wrapped under itself. Nothing the group wrote is ever shortened.

These layouts draw themselves as lines of `styled.Text` (no rich console): a
table exactly as rich's Table with its default box draws one with these column
widths, so a terminal shows what it always showed, and `tocht show` spends its
time on the answers, not on a layout engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from msgspec import Struct, field
from rich.cells import cell_len, set_cell_size

from tocht_cli.base.text import labelled
from tocht_cli.render.richbits import is_single_cell_widths, ratio_distribute
from tocht_cli.render.styled import ASCII_ONLY, Text, cropped, lines_of, rich_render

READABLE = 20  # a column of running text narrower than this is hard to read; go stacked instead
TALL = 8  # a row whose running text wraps to more lines than this in its column reads better stacked


class Col(Struct, frozen=True):
    """One column: its header, whether it holds running text (`ratio` > 0 grows), and
    whether it is short (a number, a position, a count) and should stay on one line."""

    header: str
    ratio: int = 0
    short: bool = False
    justify: str = "left"
    soft: bool = False  # short while the table fits on one line a row; else it wraps like running text


_STACK_ALL: ContextVar[bool] = ContextVar("stack_all", default=False)
_DECIDED: ContextVar[list[bool] | None] = ContextVar("decided", default=None)


class OneLayout:
    """Parts (an exercise's answers, a group each) whose tables of answers share one layout: when one
    table must stack at this width, they all do, so one exercise never reads as a list and a table."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts

    def lines(self, width: int) -> list[Text]:
        from tocht_cli.render.styled import lines_of

        decided: list[bool] = []
        token = _DECIDED.set(decided)
        try:
            drawn = [line for part in self.parts for line in lines_of(part, width)]
        finally:
            _DECIDED.reset(token)
        if not any(decided) or all(decided):
            return drawn
        stacked = _STACK_ALL.set(True)
        try:
            return [line for part in self.parts for line in lines_of(part, width)]
        finally:
            _STACK_ALL.reset(stacked)

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


class Answers(Struct):
    """A table of answers that wraps or stacks rather than cut (see the module's docstring).

    The first column is the item's number, the second its text; they head each block when stacked.
    With `numbered` False there is no number column: the first column alone heads each block.
    """

    columns: list[Col]
    title: str | None = None
    rows: list[tuple[list[Any], str]] = field(default_factory=list)
    numbered: bool = True
    empty: str = ""  # said in one line under the title when there are no rows (else a header and its border)

    def add_row(self, *cells: Any, style: str = "") -> None:
        self.rows.append(([("" if c is None else c) for c in cells], style))

    def lines(self, width: int) -> list[Text]:
        return [line for block in self.blocks(width) for line in block]

    def blocks(self, width: int) -> list[list[Text]]:
        """The lines of each row (a page break goes between rows); the title, the borders and the header
        go with the first row, the bottom border with the last. Without rows, `empty` says so in one line."""
        if not self.rows and self.empty:
            title = Text(self.title, style="italic").wrap(width) if self.title else []
            return [[*title, Text(self.empty, style="italic")]]
        needed = self.needed()
        if not self.fits(needed, width):
            needed = self.needed(whole_headers=False)
        if not self.fits(needed, width) and any(col.soft for col in self.columns):
            wrapping = [Col(col.header, ratio=1, justify=col.justify) if col.soft else col for col in self.columns]
            return Answers(wrapping, self.title, self.rows, self.numbered, self.empty).blocks(width)
        stacks = _STACK_ALL.get() or not self.fits(needed, width) or self.too_tall(self.widths(needed, width))
        decided = _DECIDED.get()
        if decided is not None:
            decided.append(stacks)
        if not stacks:
            return self.table(self.widths(needed, width), width)
        return [part.lines(width) for part in self.stacked()]

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(options.max_width, options.max_width)

    # -- deciding -----------------------------------------------------------
    def needed(self, whole_headers: bool = True) -> list[int]:
        """The narrowest each column may be without cutting or folding a word (short columns: unwrapped,
        their header too while it is a readable line and `whole_headers`)."""
        widths = []
        for index, col in enumerate(self.columns):
            every = [plain(cells[index]) for cells, _ in self.rows if index < len(cells)]
            header = max((cell_len(w) for w in col.header.split()), default=0)  # a header may wrap, never be cut
            if col.short:
                if whole_headers and cell_len(col.header) <= READABLE:
                    header = cell_len(col.header)  # a short column's header as short as a readable line stays on it
                need = max([header] + [cell_len(line) for c in every for line in c.splitlines() or [""]])
            else:
                need = max((_longest_word(c) for c in [*every, col.header]), default=0)
                if col.ratio:  # room to read a sentence, by the answers (a section's title may wrap)
                    cells = [plain(cells[index]) for cells, _ in self.rows if index < len(cells) and not _spanning(cells)]
                    longest = max((cell_len(c) for c in [*cells, col.header]), default=0)
                    need = max(need, min(READABLE, longest))
            widths.append(max(1, need))  # a column is never 0 wide: what it holds could not show
        return widths

    def fits(self, needed: list[int], width: int) -> bool:
        # a table with a box: "│ " before each cell, " │" after the last
        return sum(needed) + 3 * len(self.columns) + 1 <= width

    def too_tall(self, widths: list[int]) -> bool:
        """A column of running text squeezed so narrow that a cell in it runs down more than TALL lines (a
        statement 22 characters wide, 15 lines tall at 80 columns): the stacked layout reads better."""
        return any(
            len(Text(plain(cells[i])).wrap(widths[i])) > TALL
            for i, col in enumerate(self.columns)
            if col.ratio
            for cells, _ in self.rows
            if i < len(cells) and not _spanning(cells)
        )

    # -- the two layouts ------------------------------------------------------
    def widths(self, needed: list[int], width: int) -> list[int]:
        """Columns sized here: short ones to their text, the rest share what is left by their ratios,
        none narrower than its longest word. Where sharing by ratio would give a column less than its
        longest word (a long web address in a narrow column), each gets that first and the rest is
        shared: the columns never add up to more than the width, so rich never had to squeeze them."""
        flexible = [i for i, col in enumerate(self.columns) if not col.short]
        widths = list(needed)
        left = width - 3 * len(self.columns) - 1 - sum(needed[i] for i, col in enumerate(self.columns) if col.short)
        if flexible:
            ratios, least = [self.columns[i].ratio or 1 for i in flexible], [needed[i] for i in flexible]
            shares = ratio_distribute(left, ratios, least)
            if sum(shares) > left:
                shares = [n + extra for n, extra in zip(least, ratio_distribute(left - sum(least), ratios), strict=True)]
            for i, share in zip(flexible, shares, strict=True):
                widths[i] = share
        return widths

    def table(self, widths: list[int], width: int) -> list[list[Text]]:
        """The table rich's Table draws with these column widths: its default box (heavy under a header),
        a space of padding either side of each cell, a bold header at the foot of its row, an italic
        title centred above (left-aligned when it wraps), cells wrapped in their columns and at the top of their row.
        A block of lines per row; the title, top border and header with the first, the bottom border with the last."""
        edge = len(self.columns) + 1  # a border left of each column and one at the end
        padded = [w + 2 for w in widths]  # a space of padding either side
        box = _BOXES["ascii" if ASCII_ONLY.get() else ("heavy-head" if any(col.header for col in self.columns) else "square")]
        out: list[Text] = []
        if self.title:  # an instruction longer than a line reads as a paragraph: left, no centred orphan line
            across = sum(padded) + edge
            out += Text(self.title, style="italic").wrap(across, "center" if cell_len(self.title) <= across else "left")
        rows: list[tuple[list[Any], str, bool]] = []
        if any(col.header for col in self.columns):
            rows.append(([col.header for col in self.columns], "bold", True))
        rows += [(cells, style, False) for cells, style in self.rows]
        out.append(Text(box.line(0, padded)))
        blocks, rowed = [out], False
        for cells, style, header in rows:
            side = [(box.head if header else box.body, "")]
            filled = [*cells, *[""] * (len(padded) - len(cells))]
            drawn = [_cell(cell, col.justify, w, style) for cell, col, w in zip(filled, self.columns, padded, strict=False)]
            height = max(len(lines) for lines in drawn)
            for n, (lines, w) in enumerate(zip(drawn, padded, strict=True)):
                blank = [[(" " * w, style)] for _ in range(height - len(lines))]
                drawn[n] = blank + lines if header else lines + blank
            if not header and rowed:  # each row after the first starts a block
                blocks.append([])
            rowed = rowed or not header
            for n in range(height):
                line = Text()
                line.runs = [run for cell in drawn for run in (*side, *cell[n])] + side
                blocks[-1].append(line)
            if header:
                blocks[-1].append(Text(box.line(1, padded)))
        blocks[-1].append(Text(box.line(2, padded)))
        return blocks

    def stacked(self) -> Iterator[Any]:
        if self.title:
            yield Text(self.title, style="bold")
        lead = 2 if self.numbered else 1
        for cells, style in self.rows:
            number = plain(cells[0]) if cells and self.numbered else ""
            text = cells[lead - 1] if len(cells) >= lead else ""
            head = Text(f"{number}  " if number else "", style="bold")
            indent = len(head)
            head.append(Text.of(text))
            if style:
                head.stylize(style)
            yield Hanging(head, indent)
            for col, cell in zip(self.columns[lead:], cells[lead:], strict=False):
                if not plain(cell):
                    continue
                line = Text(f"{labelled(col.header)} " if col.header else "", style="bold")  # "Wie?" never "Wie?:"
                line.append(Text.of(cell))
                yield Hanging(line, 4, first=2)
        yield Text("")


class _Box(Struct, frozen=True):
    """A box's characters: its top, the rule under the header and its bottom (left, across, between,
    right), and the vertical of header rows and of body rows."""

    rules: tuple[str, str, str]
    head: str
    body: str

    def line(self, which: int, widths: list[int]) -> str:
        left, across, between, right = tuple(self.rules[which])
        return left + between.join(across * w for w in widths) + right


_BOXES = {
    "heavy-head": _Box(("┏━┳┓", "┡━╇┩", "└─┴┘"), "┃", "│"),
    "square": _Box(("┌─┬┐", "├─┼┤", "└─┴┘"), "│", "│"),
    "ascii": _Box(("+--+", "|-+|", "+--+"), "|", "|"),
}


def _cell(cell: Any, justify: str, width: int, style: str) -> list[list[tuple[str, str]]]:
    """A cell's lines (as styled runs) in a column `width` wide with its padding: wrapped at the width
    inside it, padded to the column, all in the row's style."""
    lines = []
    for line in Text.of(cell).wrap(max(0, width - 2), justify):  # justified: as wide as the column's inside
        lines.append([(" ", style), *line.styled(style), (" ", style)])
    return lines or [[(" " * width, style)]]


@lru_cache(maxsize=4096)  # the same item texts in every group's table
def _longest_word(text: str) -> int:
    """The cells of the text's longest word (counted by characters where each is one cell wide)."""
    measure = len if is_single_cell_widths(text) else cell_len
    return max(map(measure, text.split()), default=0)


def _spanning(cells: list[Any]) -> bool:
    """A section row (`A. Van aanbodgestuurd…`): only the item column filled."""
    return not any(plain(c) for i, c in enumerate(cells) if i != 1)


def plain(cell: Any) -> str:
    return cell.plain if hasattr(cell, "plain") else str(cell)


class Hanging:
    """A text wrapped with its continuation lines indented by `indent` (and the first by `first`)."""

    def __init__(self, text: Text, indent: int, first: int = 0) -> None:
        self.text, self.indent, self.first = text, indent, first

    def lines(self, width: int) -> list[Text]:
        text = self.text
        lines = text.wrap(max(1, width - self.first))
        if len(lines) > 1 and self.indent != self.first:
            # the rest wrapped again at its own width, from where the first line ends
            offset = len(lines[0].plain)
            offset += len(text.plain[offset:]) - len(text.plain[offset:].lstrip(" "))
            offset += text.plain.startswith("\n", offset)  # the line break the first line ended at: no empty line after it
            lines = lines[:1] + text[offset:].wrap(max(1, width - self.indent))
        out = []
        for n, line in enumerate(lines):
            pad = self.first if n == 0 else self.indent
            out.append(Text(" " * pad).append(line) if pad else line)
        return out

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


class Echoed:
    """A question's line and its answer as questionary echoes a choice: after the question when the whole
    fits the width, else under it, indented, its lines broken between words."""

    def __init__(self, question: Text, answer: str, style: str) -> None:
        self.question, self.answer, self.style = question, answer, style

    def lines(self, width: int) -> list[Text]:
        question, answer = self.question, self.answer
        if answer and cell_len(question.plain) + 1 + cell_len(answer) <= width:
            return Text().append(question).append(" " + answer, self.style).wrap(width)
        under = Hanging(Text(answer, style=self.style), indent=2, first=2).lines(width) if answer else []
        return question.wrap(width) + under

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


class Pairs:
    """Rows of a name and its text: the names in a column as wide as the longest, each text wrapped under
    itself beside it (the two answers the walk asks to choose between), the whole indented by `indent`.
    On a terminal too narrow for that, each text under its name."""

    NARROWEST = 10  # cells for the texts beside the names

    def __init__(self, rows: list[tuple[str, Text]], indent: int) -> None:
        self.rows, self.indent = rows, indent

    def lines(self, width: int) -> list[Text]:
        column = max((cell_len(name) for name, _ in self.rows), default=0)
        beside = width - self.indent - column - 1 >= self.NARROWEST  # else each text under its name
        out = []
        for name, text in self.rows:
            if beside:
                head, under = " " * self.indent + name + " " * (column - cell_len(name) + 1), self.indent + column + 1
            else:
                out.append(Text(" " * self.indent + name))
                head, under = " " * (self.indent + 2), self.indent + 2
            for n, line in enumerate(text.wrap(max(1, width - under))):
                out.append(Text(head if n == 0 else " " * under).append(line))
        return out

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


class Cards:
    """Short texts side by side in as many columns (up to `most`) as leave room for their longest word;
    each wrapped in its column, none cut."""

    def __init__(self, cells: list[Text], most: int = 5, indent: int = 0) -> None:
        self.cells, self.most, self.indent = cells, most, indent

    def columns(self, width: int) -> int:
        longest = max((cell_len(w) for c in self.cells for w in plain(c).split()), default=1)
        need = longest + self.indent
        for n in range(self.most, 1, -1):
            if (width - (n - 1)) // n >= need:
                return n
        return 1

    def lines(self, width: int) -> list[Text]:
        """As rich's expanding grid draws them: the width shared out evenly (rich's ratio_distribute), a
        space between columns, each card wrapped under its mark."""
        return [line for row in self.blocks(width) for line in row]

    def blocks(self, width: int) -> list[list[Text]]:
        """The lines of each row of cards (a page break goes between rows, never through a card)."""
        n = self.columns(width)
        shares = ratio_distribute(width, [1] * n, [2] + [1] * (n - 1))
        insides = [share - (1 if column < n - 1 else 0) for column, share in enumerate(shares)]
        rows = []
        for row in range(0, len(self.cells), n):
            cards = [
                cropped(Hanging(card, self.indent).lines(inside), inside)
                for card, inside in zip(self.cells[row : row + n], insides, strict=False)
            ]
            cards += [[] for _ in range(n - len(cards))]
            drawn_row = []
            for line in range(max(len(card) for card in cards)):
                drawn = Text()
                for column, (card, inside) in enumerate(zip(cards, insides, strict=True)):
                    text = card[line] if line < len(card) else Text()
                    gap = " " if column < n - 1 else ""
                    drawn.append(text).append(" " * max(0, inside - cell_len(text.plain)) + gap)
                drawn_row.append(drawn)
            rows.append(drawn_row)
        return rows

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(options.max_width, options.max_width)


class Framed:
    """Parts in a box across the screen, a title in its top edge and a subtitle in the middle of its bottom one:
    rich's Panel (rounded, one space inside), as the walk frames an exercise's opening, an item and a call."""

    def __init__(self, body: Any, title: Text | None = None, subtitle: str = "", justify: str = "default") -> None:
        self.body, self.title, self.subtitle, self.justify = body, title, subtitle, justify

    def lines(self, width: int) -> list[Text]:
        (top_left, across, top_right), side, (bottom_left, _, bottom_right) = (
            ("+-+", "|", "+-+") if ASCII_ONLY.get() else ("╭─╮", "│", "╰─╯")
        )
        inner = max(1, width - 4)
        body = self.body.wrap(inner, self.justify) if isinstance(self.body, Text) else lines_of(self.body, inner)
        middle = [Text(f"{side} ").append(line).append(" " * (inner - cell_len(line.plain)) + f" {side}") for line in body]
        subtitle = Text(self.subtitle) if self.subtitle else None
        return [
            _edge(top_left, across, top_right, self.title, width),
            *middle,
            _edge(bottom_left, across, bottom_right, subtitle, width, centred=True),
        ]

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)


def _edge(left: str, across: str, right: str, label: Text | None, width: int, centred: bool = False) -> Text:
    """A box's top or bottom edge with its label on one line (a space either side), at the left or centred,
    cut where it is wider than the edge, as rich's Panel draws a title and a subtitle."""
    if label is None or not label.plain or width <= 4:  # an empty title is none, as in rich's Panel
        return Text(left + across * max(0, width - 2) + right)
    room = width - 4
    flat = Text(style=label.base)
    flat.runs = [(text.replace("\n", " "), style) for text, style in label.runs]
    said = Text(" ").append(flat._tabs_expanded()).append(" ")
    if cell_len(said.plain) > room:
        kept = set_cell_size(said.plain, room)
        same = next((n for n, (a, b) in enumerate(zip(kept, said.plain, strict=False)) if a != b), len(kept))
        said = said[:same].append(kept[same:])  # half a wide character cut off: a space, as rich
    excess = room - cell_len(said.plain)
    before = excess // 2 if centred else 0
    return Text(left + across * (1 + before)).append(said).append(across * (excess - before + 1) + right)


class Heading:
    """An exercise's heading as a rule across the screen, or bold on its own lines when the rule would cut it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def lines(self, width: int) -> list[Text]:
        """rich's Rule: the title (tabs expanded; cut with "…" where it is wider than the width allows),
        a space, and the line to the end, in rich's colour for rules."""
        across = "-" if ASCII_ONLY.get() else "─"
        if cell_len(self.text) + 6 <= width:
            title = Text(self.text.replace("\n", " "))._tabs_expanded().plain
            if cell_len(title) > width - 2:
                title = set_cell_size(title, width - 3) + "…"
            return [Text(title + " ").append(set_cell_size(across * width, max(0, width - cell_len(title) - 1)), "bright_green")]
        return [*Text(self.text, style="bold").wrap(width), Text(across * width, style="bright_green")]

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_render(self, options)
