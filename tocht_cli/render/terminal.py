"""The document model on a terminal: a kind's blocks as styled text and answer tables.

The same blocks that HTML, PDF and Markdown draw (render/blocks.py); a kind that returns blocks gets
`tocht show`, the walk's summaries and `tocht replay` from here, without a line of terminal code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tocht_cli.base.text import labelled
from tocht_cli.render import blocks as model
from tocht_cli.render.drawing import Drawing
from tocht_cli.render.layout import Answers, Cards, Col, Echoed, Framed, Hanging, Pairs
from tocht_cli.render.markdown import bar_marks, counted, scaled
from tocht_cli.render.styled import Group, Text

TONE_STYLES = {"": "", "strong": "bold", "muted": "dim", "again": "dim"}


def content(cell: model.Content) -> Text:
    """A cell in its tone; a blank of a worksheet as the options to tick or a rule to write on."""
    if isinstance(cell, str):
        return Text(cell)
    if isinstance(cell, model.Counted):
        return Text(" ".join(filter(None, [bar_marks(cell.counts), cell.text])), style=TONE_STYLES[cell.tone])
    if isinstance(cell, model.Cell):
        return Text(cell.text, style=TONE_STYLES[cell.tone])
    if isinstance(cell, model.Titled):
        return Text(cell.title, style="bold").append(f" {cell.text}")
    if isinstance(cell, model.Boxes):
        return Text("  ".join(f"☐ {o}" for o in cell.options))
    if isinstance(cell, model.Blanks):
        return Text("  ".join(f"{o} ___" for o in cell.options))
    return Text("___")


LONG = 240  # characters: columns share the width by their longest text, up to this (a statement gets more than a name)
NARROW = 12  # characters: a column this narrow (a number, a mark, a count) never wraps
SHORT = 30  # characters: a column whose cells and header's words are all this short (numbers, marks, counts) stays narrow


def answers(headers: Iterable[str], rows: Iterable[Iterable[model.Content]], numbered: bool, title: str | None = None) -> Answers:
    """A table that wraps or stacks rather than cut: short columns (numbers, marks, counts) stay narrow,
    every other column grows."""
    cells = [[content(c) for c in row] for row in rows]
    columns = []
    for index, header in enumerate(headers):
        words = header.split() or [""]  # a header of short words wraps over them ("opzettelijk / dubbel")
        longest = max((len(row[index]) for row in cells if index < len(row)), default=0)
        short = longest <= SHORT and max(map(len, words)) <= SHORT
        soft = longest > NARROW  # a name, a date: on one line while the table fits, else wrapped
        columns.append(Col(header, short=True, soft=soft) if short else Col(header, ratio=min(longest, LONG) // SHORT))
    table = Answers(columns, title=title, numbered=numbered)
    for row in cells:
        table.add_row(*row)
    return table


class Terminal(Drawing[Any]):
    """Blocks as what the terminal draws (render/styled.py or render/layout.py); a picture as an empty group."""

    def heading(self, block: model.Heading) -> Text:
        return Text(block.text, style="bold")

    def paragraph(self, block: model.Paragraph) -> Text:
        said = Text(block.text, style=TONE_STYLES[block.tone])
        return Text(f"{block.lead} ", style="bold").append(said) if block.lead else said

    def sentence(self, block: model.Sentence) -> Text:
        """A sentence's parts on one line, each in its tone."""
        said = Text()
        for index, piece in enumerate(block.parts):
            said.append(" " * bool(index)).append(content(piece))
        return said

    def entries(self, block: model.Entries) -> Any:
        """A bold title and its entries: on its line, or under it one a line when one of them is a sentence."""
        title = Text(f"{block.title} ", style="bold")
        if block.listed():
            return Group(title, *(Hanging(Text(f"• {e}"), indent=2) for e in block.entries))
        return title.append(" · ".join(block.entries) if block.entries else content(block.empty))

    def facts(self, block: model.Facts) -> Group:
        return Group(*(Text(f"{labelled(label)} ", style="bold").append(content(value)) for label, value in block.pairs))

    def table(self, block: model.Table) -> Answers:
        return answers(block.headers, block.rows, block.numbered)

    def bars(self, block: model.Bars) -> Answers:
        """A chart as a table: a row's label, its bar and its counts, each bar as long as its row's total against
        the largest (as Markdown, HTML and the PDF draw them: a list's 3 no longer as long as its 9)."""
        options, most = block.options, block.most
        rows = ((label, f"{bar_marks(counts, scaled(sum(counts), most))} {counted(options, counts)}") for label, counts in block.rows)
        said_by_its_row = [label for label, _ in block.rows] == [block.title]  # one row saying the title again
        return answers(("", ""), rows, numbered=False, title=None if said_by_its_row else block.title)

    def cloud(self, block: model.Cloud) -> Answers:
        return answers(("", "#"), ((word, str(count)) for word, count in block.words), numbered=False)

    def card(self, block: model.BingoCard) -> Group:
        """A bingo card as cards side by side under its title: a crossed statement marked ✗ in reverse video
        and written in bold, the others plain, never dimmed (on a projector the mark, not a colour, says it)."""
        cells = []
        for number, text, crossed in block.cells:
            style = "bold" if crossed else ""
            cells.append(
                Text("✗" if crossed else " ", style="bold reverse" if crossed else "").append(f" {number:>2}. {text}", style=style)
            )
        return Group(Text(block.title, style="bold"), Cards(cells, most=block.columns, indent=6))

    def banner(self, block: model.Banner) -> Framed:
        return Framed(Text(block.text, style="bold white on green"), justify="center")

    def framed(self, block: model.Framed) -> Any:
        """A panel: the title in its top edge (the lead in cyan before it), the subtitle in its bottom one."""
        title = Text().append(f"{block.lead}  " if block.lead else "", "bold cyan").append(block.title, "bold")
        return Framed(Text(block.text), title, block.subtitle) if block.text or block.subtitle else title

    def listing(self, block: model.Listing) -> Group:
        """One entry a line, its number right-aligned after its mark, a long text wrapped under itself."""
        digits = max((len(str(number)) for number, _, _ in block.entries), default=1)
        lines = []
        for number, text, mark in block.entries:
            head = Text(f"{mark or ' '} " if block.marked else "").append(f"{number:>{digits}}. ")
            lines.append(Hanging(Text().append(head).append(text), len(head)))
        return Group(*lines)

    def answered(self, block: model.Answered) -> Echoed:
        """Styled as questionary echoes a choice: the mark in its blue, the question bold, the answer in orange."""
        question = Text().append("? ", "#5f819d").append(block.question, "bold")
        return Echoed(question, block.answer, "bold #ff9d00")

    def compared(self, block: model.Compared) -> Group:
        """The title in bold; per field its label, then the two answers under it, each after its name."""
        parts: list[Any] = [Text(block.title, style="bold")]
        for label, first, second in block.fields:
            answers = [(name, Text(said or "–", style="bold")) for name, said in zip(block.names, (first, second), strict=True)]
            parts += [Text("  " + labelled(label)), Pairs(answers, indent=4)]
        return Group(*parts)

    def left_out(self) -> Group:
        return Group()


part = Terminal().block


def shown(blocks: Iterable[model.Block]) -> Group:
    """A kind's blocks, one under the other, as `tocht show` prints them."""
    return Group(*map(part, blocks))
