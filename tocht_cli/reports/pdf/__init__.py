"""Documents as PDF, typeset by Typst (the `typst` package: a wheel with the compiler and its fonts inside,
so nothing else is installed, no system library, no browser).

The document goes to the template `handout.typ` as JSON data (`sys.inputs`), never as
Typst markup, so a text full of `#`, `$` or `[` is printed as written. Only Typst's
own embedded fonts are used (Libertinus Serif, which carries every Dutch diacritic),
subset into the file, and the document has no creation date: the same document gives
the same bytes. The charts are the HTML's SVG.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli.render.blocks import Bars, Blanks, Boxes, Cell, Cloud, Content, Entries, Lines, Scatter, Shifts, Shortened, Table, Titled

if TYPE_CHECKING:
    from tocht_cli.reports.handout import Document

TEMPLATE = "handout.typ"


@cache
def compiler() -> Any:
    """One compiler per process, its fonts loaded once: a PDF in about half the time (`export --all`)."""
    import typst

    return typst.Compiler(ignore_system_fonts=True)


def render(doc: Document) -> bytes:
    source = resources.files(__package__).joinpath(TEMPLATE).read_bytes()
    pdf: bytes = compiler().compile(input=source, sys_inputs={"doc": inputs(doc)})
    return pdf


def inputs(doc: Document) -> str:
    """The document as the JSON the template reads; everything a PDF needs but the typesetting."""
    from tocht_cli.reports import html
    from tocht_cli.reports.html import charts
    from tocht_cli.reports.pdf.pieces import bars_pieces

    env = html.environment(doc.language)

    def data(value: Any) -> Any:
        """A block as JSON for the template: its kind, its fields, a chart's SVG and a table's column widths."""
        if isinstance(value, (list, tuple)):
            return [data(v) for v in value]
        if not isinstance(value, Struct):
            return value
        out = {"kind": getattr(value, "kind", "")} | {name: data(getattr(value, name)) for name in value.__struct_fields__}
        if isinstance(value, Bars):
            out["pieces"] = bars_pieces(env, value)
        elif isinstance(value, (Shifts, Cloud, Scatter)):
            out |= {"svg": str(charts.svg(env, value, standalone=True)), "alt": charts.xml_text(value.described())}
        elif isinstance(value, Table):
            out["columns"] = widths(value)
        elif isinstance(value, Entries):
            out["listed"] = value.listed()
        return out

    return json.dumps(data(doc), ensure_ascii=False)


def length(cell: Content) -> int:
    """About how many characters a cell needs on one line."""
    if isinstance(cell, str):
        return max((len(line) for line in cell.split("\n")), default=0)
    if isinstance(cell, Shortened):
        return length(cell.whole)  # printed whole
    if isinstance(cell, Cell):
        return length(cell.text)
    if isinstance(cell, Titled):
        return max(length(cell.title), length(cell.text))
    if isinstance(cell, (Boxes, Blanks)):
        return sum(len(o) + 4 for o in cell.options)
    if isinstance(cell, Lines):
        return 30
    return 0


def widths(table: Table) -> list[str | float]:
    """Typst's column widths: `auto` for a column of short cells (numbers, positions), else a share of
    the rest that grows with the column's text, on average and at its longest (the square root, and no
    more than for 80 characters, so a column of long statements does not starve the answers beside it)."""
    columns = list(zip(table.headers, *table.rows, strict=True))
    out: list[str | float] = []
    for column in columns:
        cells = [length(c) for c in column[1:]] or [0]
        if max(cells) <= 14 and len(column[0]) <= 14:
            out.append("auto")
        else:
            wanted = max(16.0, sum(cells) / len(cells), max(cells) / 3)  # one long note widens its column too
            out.append(round(math.sqrt(min(wanted, 80.0)), 2))
    return out
