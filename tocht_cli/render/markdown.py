"""Building blocks of a Markdown summary: escaped cells, pipe tables, tallies and vote bars.

Everything here is deterministic (no clock, no set order), so the same answers
always give the same bytes and a summary diffs cleanly in git.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tocht_cli.base.text import labelled, md_escape
from tocht_cli.render.blocks import (
    Answered,
    Banner,
    Bars,
    BingoCard,
    Blanks,
    Block,
    Boxes,
    Cell,
    Cloud,
    Compared,
    Content,
    Counted,
    Entries,
    Facts,
    Framed,
    Heading,
    Listing,
    Paragraph,
    Sentence,
    Shortened,
    Table,
    Titled,
)
from tocht_cli.render.drawing import Drawing

BAR_WIDTH = 10
BAR_MARKS = "█▒░▞▚▓"


def md(text: str | None) -> str:
    """User or kit text, escaped for use inside a line."""
    return md_escape(text or "")


def table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """A pipe table; cells are Markdown already (escape them with `md`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def emphasis(text: str) -> str:
    """Italic (already escaped) text: how an unanswered item is marked."""
    return f"*{text}*" if text else ""


def tally(values: Iterable[str | None], order: Iterable[str] = ()) -> str:
    """'eens 2 · oneens 1' (plain text): how often each value occurs, in the kit's order, then by first sight; a value
    never parts from its number where a cell wraps."""
    return " · ".join(f"{v}\u00a0{n}" for v, n in tallied(values, order))


def tallied(values: Iterable[str | None], order: Iterable[str] = ()) -> list[tuple[str, int]]:
    """Each value with how often it occurs, in the kit's order, then by first sight."""
    counts = Counter(v for v in values if v)
    ordered = [o for o in order if o in counts] + [v for v in counts if v not in set(order)]
    return [(v, counts[v]) for v in ordered]


def hands(counts: dict[str, int], options: Iterable[str], space: str = " ") -> str:
    """'eens 5 · oneens 2' from a show of hands; `space` "\u00a0" keeps a position with its number in a cell."""
    return " · ".join(f"{o}{space}{counts[o]}" for o in options if counts.get(o))


def counted(options: Iterable[str], counts: Iterable[int]) -> str:
    """A bar's counts in words: 'eens 5 · oneens 2'; a chart of one option (a count: how many groups) its number."""
    options, counts = list(options), list(counts)
    return str(counts[0]) if len(options) == 1 else hands(dict(zip(options, counts, strict=True)), options)


def bar(counts: dict[str, int], options: list[str], width: int = BAR_WIDTH) -> str:
    """A fixed-width bar of the hands per option, as code so its marks line up."""
    drawn = bar_marks(tuple(counts.get(o, 0) for o in options), width)
    return f"`{drawn}`" if drawn else ""


def scaled(total: int, most: int) -> int:
    """A bar's width for `total` of the largest `most`: at least one mark for anything counted."""
    return max(1, round(BAR_WIDTH * total / most)) if total else 0


def bar_marks(counts: tuple[int, ...], width: int = BAR_WIDTH) -> str:
    """A fixed-width bar of the counts, each option in its own mark (largest remainder, so it always fills `width`)."""
    total = sum(counts)
    if not total:
        return ""
    exact = [n * width / total for n in counts]
    cells = [int(x) for x in exact]
    for i in sorted(range(len(counts)), key=lambda i: (-(exact[i] - cells[i]), i))[: width - sum(cells)]:
        cells[i] += 1
    return "".join(BAR_MARKS[i % len(BAR_MARKS)] * n for i, n in enumerate(cells))


def legend(options: list[str]) -> str:
    return " · ".join(f"`{BAR_MARKS[i % len(BAR_MARKS)]}` {md(o)}" for i, o in enumerate(options))


# -- the document model in Markdown: one renderer for every kind's blocks -----------------------------

TONE_MARKS = {"": "", "strong": "**", "muted": "*", "again": ""}


def content(cell: Content) -> str:
    """One cell of a table or a fact's value, escaped, in its tone; a blank (worksheets only) as a rule."""
    if isinstance(cell, str):
        return md(cell)
    if isinstance(cell, Counted):
        drawn = bar_marks(cell.counts)
        return " ".join(filter(None, [f"`{drawn}`" if drawn else "", md(cell.text)]))
    if isinstance(cell, Shortened):  # plain text has no hover: the whole
        return md(cell.whole or cell.text)
    if isinstance(cell, Cell):
        mark = TONE_MARKS[cell.tone]
        return f"{mark}{md(cell.text)}{mark}" if cell.text and cell.tone != "again" else ""  # a table's rows are read together
    if isinstance(cell, Titled):
        return f"**{md(cell.title)}** {md(cell.text)}"
    if isinstance(cell, (Boxes, Blanks)):
        return " ".join(f"☐ {md(o)}" if isinstance(cell, Boxes) else f"{md(o)} \\_\\_\\_" for o in cell.options)
    return "\\_\\_\\_"


class Markdown(Drawing[str]):
    """Blocks as Markdown: every text escaped, so what a group wrote stays text; a picture as nothing."""

    def heading(self, block: Heading) -> str:
        return f"**{md(block.text)}**"

    def paragraph(self, block: Paragraph) -> str:
        mark = TONE_MARKS[block.tone]
        said = f"{mark}{md(block.text)}{mark}" if block.text else ""
        return f"**{md(block.lead)}** {said}".rstrip() if block.lead else said

    def sentence(self, block: Sentence) -> str:
        return " ".join(filter(None, map(content, block.parts)))

    def entries(self, block: Entries) -> str:
        """A bold title and its entries: on one line, or a list when one of them is a sentence."""
        if block.listed():
            return f"**{md(block.title)}**\n\n" + "\n".join(f"- {md(e)}" for e in block.entries)
        return f"**{md(block.title)}** " + (md(" · ".join(block.entries)) or content(block.empty))

    def facts(self, block: Facts) -> str:
        return "\n\n".join(f"**{md(label)}**{labelled(label).removeprefix(label)} {content(value)}" for label, value in block.pairs)

    def table(self, block: Table) -> str:
        drawn = table([h if h == "#" else md(h) for h in block.headers], ([content(c) for c in row] for row in block.rows))
        return drawn + "".join(f"\n\n{md(header)}: {legend(list(options))}" for header, options in counted_options(block))

    def bars(self, block: Bars) -> str:
        """A chart as a table of bars with the counts beside them, and a legend when it has several options: each
        bar as long as its row's total against the largest (as the HTML and the PDF draw them); a row with nothing
        counted is "–", as the HTML says it, not a bare " 0"."""
        options, most = list(block.options), block.most

        def drawn(counts: tuple[int, ...]) -> str:
            if not any(counts):
                return "–"
            return f"{bar(dict(zip(options, counts, strict=True)), options, scaled(sum(counts), most))} {md(counted(options, counts))}"

        rows = [[md(label), drawn(counts)] for label, counts in block.rows]
        shown = f"**{md(block.title)}**\n\n" + table(["", ""], rows)
        return shown + (f"\n\n{legend(options)}" if len(options) > 1 else "")

    def cloud(self, block: Cloud) -> str:
        return table(["", "#"], ([md(word), str(count)] for word, count in block.words))

    def card(self, block: BingoCard) -> str:
        """The statements crossed on it (a record of what was heard: the rest of the card is the kit's)."""
        return table(["#", md(block.title)], ([str(n), md(text)] for n, text, crossed in block.cells if crossed))

    def banner(self, block: Banner) -> str:
        return f"**{md(block.text)}**"

    def framed(self, block: Framed) -> str:
        """The title in bold (its lead before it), the text under it, the subtitle in italics."""
        title = f"**{md(' '.join(filter(None, [block.lead, block.title])))}**"
        return "\n\n".join(filter(None, [title, md(block.text), emphasis(md(block.subtitle))]))

    def listing(self, block: Listing) -> str:
        """An ordered list, each entry under its own number, its mark before its text."""
        return "\n".join(f"{number}. " + " ".join(filter(None, [md(mark), md(text)])) for number, text, mark in block.entries)

    def answered(self, block: Answered) -> str:
        """The question in bold, the answer after it."""
        return " ".join(filter(None, [f"**{md(block.question)}**", md(block.answer)]))

    def compared(self, block: Compared) -> str:
        """The title in bold, then a field a line: its label and the two answers, each after its name."""
        first, second = block.names
        fields = [f"- {md(labelled(label))} {md(first)} {md(a or '–')} · {md(second)} {md(b or '–')}" for label, a, b in block.fields]
        return "\n\n".join([f"**{md(block.title)}**", "\n".join(fields)])

    def left_out(self) -> str:
        return ""


def counted_options(block: Table) -> list[tuple[str, tuple[str, ...]]]:
    """Each column of shows of hands with bars drawn: its header and its options, what its legend explains."""
    columns = zip(block.headers, *block.rows, strict=True)
    return [
        (header, next(c.options for c in cells if isinstance(c, Counted)))
        for header, *cells in columns
        if any(isinstance(c, Counted) and any(c.counts) for c in cells)
    ]


block_markdown = Markdown().block


def blocks_markdown(blocks: Iterable[Block]) -> list[str]:
    """A kind's blocks as Markdown blocks (what `tocht export` joins with blank lines); empty ones (and pictures) left out."""
    return [shown for shown in map(block_markdown, blocks) if shown]
