"""The charts as SVG: bars of hands and choices, the roles' shifts, word clouds. Inline in the HTML, embedded in the PDF.

This module lays a chart out (positions, sizes, wrapped labels) and draws it: the bars (most of
`export --all`'s charts) and each chart's frame and labels in f-strings, every text escaped, because a
Jinja2 macro call costs ten times more; the roles' shifts in `templates/charts.svg`, with autoescape. Every
option has a pattern of its own and every segment its number, so a chart reads in
black and white, and the `<svg>` carries the chart in words (`aria-label`, `<title>`).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from tocht_cli.render import scatter
from tocht_cli.render.blocks import Bars, Cloud, Scatter, Shifts
from tocht_cli.render.cloud import Placed, layout

if TYPE_CHECKING:
    from jinja2 import Environment

WIDTH = 620  # a page's chart: drawn 658 px wide on a screen (its text 12.7 px), 180 mm in the PDF (13 px)
NARROW_WORD = 16  # a phone's cloud's least word, in its units: 16 px where the chart is 337 px wide
NARROW = 330  # a phone's chart: 337 px wide on a 360 px screen, so its text stays above 12 px (the wide one would be 6 px)
FONT = 12  # px in the SVG's own units, its least (a segment's count too); a chart is drawn at the page's width
LINE = 15
CHAR = 6.4  # the average width of a character at FONT, for wrapping labels
FILLS = 6  # patterns in templates/charts.svg, used in turn

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def px(value: float) -> str:
    """A coordinate with one decimal at most: the same chart always gives the same bytes."""
    return f"{value:.1f}".removesuffix(".0")


def fill(n: int) -> str:
    """Plain colours where a pattern would only repeat one colour: a rasteriser draws seams between a pattern's tiles."""
    return {0: "#1f4e79", 3: "#d4d4d4"}.get(n, f"url(#tocht-fill-{n})")


def xml_text(text: str) -> str:
    """Text an XML parser accepts (the PDF's SVG reader is strict): characters XML forbids removed."""
    return _NOT_XML.sub("", text)


@lru_cache(maxsize=4096)
def wrapped(text: str, width: float) -> tuple[str, ...]:
    """A label in lines that fit `width` (a word longer than the line is broken, never cut off). Kept: the
    labels are mostly the kit's items, the same in every session `export --all` draws."""
    return tuple(textwrap.wrap(xml_text(text), max(4, int(width / CHAR)), break_long_words=True, break_on_hyphens=False)) or ("",)


@dataclass
class Segment:
    x: float
    width: float
    fill: int
    count: int
    labelled: bool  # wide enough for its number


@dataclass
class Row:
    y: float  # the row's top
    height: float
    lines: tuple[str, ...]
    total: int
    end: float = 0  # where the bar ends: its total is written after it
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Swatch:
    x: float
    y: float
    fill: int
    text: str


def legend(options: tuple[str, ...], top: float = 0, width: int = WIDTH) -> tuple[list[Swatch], float]:
    """Swatches with the options' names, left to right, on as many lines as they need; and the height they take."""
    swatches, x, y = [], 0.0, top
    for i, option in enumerate(options):
        text = xml_text(option)
        room = 14 + 6 + len(text) * CHAR + 18
        if x and x + room > width:
            x, y = 0.0, y + LINE + 6
        swatches.append(Swatch(x, y, i % FILLS, text))
        x += room
    return swatches, (y - top) + LINE + 10 if options else 0


@dataclass
class BarsLayout:
    width: int
    height: float
    label_width: float
    swatches: list[Swatch]
    rows: list[Row]
    title: str
    described: str


def bars_layout(chart: Bars, width: int = WIDTH) -> BarsLayout:
    swatches, top = legend(chart.options, width=width)
    longest = max((len(label) for label, _ in chart.rows), default=0)
    label_width = min(220.0, width / 3, max(40.0, longest * CHAR + 8))
    bar_x, bar_width = label_width + 12, width - label_width - 12 - 40
    most = chart.most
    rows, y = [], top + 4
    for label, counts in chart.rows:
        lines = wrapped(label, label_width)
        height = max(26.0, LINE * len(lines) + 10)
        row = Row(y, height, lines, sum(counts))
        x = bar_x
        stacked = sum(1 for count in counts if count) > 1  # one part alone is the total, written after the bar
        for i, count in enumerate(counts):
            if count:
                wide = bar_width * count / most
                row.segments.append(Segment(x, wide, i % FILLS, count, stacked and wide >= 26))
                x += wide
        row.end = x
        rows.append(row)
        y += height
    return BarsLayout(width, y + 4, label_width, swatches, rows, xml_text(chart.title), xml_text(chart.described()))


@dataclass
class Mark:
    y: float
    height: float
    lines: tuple[str, ...]
    label_height: float  # the row's text: beside the marks (the whole row), or above them on a phone
    middle: float  # where the marks are drawn
    before: float | None  # x of the holder before (today), None when not answered
    after: float | None


@dataclass
class ShiftsLayout:
    width: int
    height: float
    before: str
    after: str
    columns: list[tuple[float, tuple[str, ...]]]  # x of each holder's column and its name in lines
    header: float  # where the rows start
    marks: list[Mark]
    title: str
    described: str


def shifts_layout(chart: Shifts, width: int = WIDTH) -> ShiftsLayout:
    """Each role's text beside its marks; on a narrow chart above them, so the holders' columns get the width."""
    above = width < WIDTH
    label_width = float(width) if above else 230.0
    left = 0.0 if above else label_width + 16
    column = (width - left) / max(1, len(chart.holders))
    columns = [(left + column * (i + 0.5), wrapped(h, column - 6)) for i, h in enumerate(chart.holders)]
    at = {h: x for h, (x, _) in zip(chart.holders, columns, strict=True)}
    header = float(LINE + 14 + LINE * max((len(lines) for _, lines in columns), default=1) + 8)
    marks, y = [], header
    for label, before, after in chart.rows:
        lines = wrapped(label, label_width)
        text = LINE * len(lines) + (4 if above else 12)
        height = text + 24 if above else max(28.0, text)
        middle = y + text + 12 if above else y + height / 2
        marks.append(Mark(y, height, lines, text if above else height, middle, at.get(before or ""), at.get(after or "")))
        y += height
    return ShiftsLayout(
        width,
        y + 6,
        xml_text(chart.before),
        xml_text(chart.after),
        columns,
        header,
        marks,
        xml_text(chart.title),
        xml_text(chart.described()),
    )


@dataclass
class CloudLayout:
    width: int
    height: int
    words: tuple[Placed, ...]
    title: str
    described: str


def cloud_layout(chart: Cloud, width: int = WIDTH) -> CloudLayout:
    """The cloud as wide as the page's charts: 16:9 on paper and a wide screen, 4:3 on a phone's, where no word
    is under 14 px (the least given left to the table of every word under it)."""
    height = round(width * (9 / 16 if width >= WIDTH else 3 / 4))
    words = tuple((xml_text(word), count) for word, count in chart.words)
    least = 0 if width >= WIDTH else NARROW_WORD
    return CloudLayout(width, height, layout(words, width, height, least).words, xml_text(chart.title), xml_text(chart.described()))


def svg(env: Environment, chart: Bars | Shifts | Cloud | Scatter, standalone: bool = False, width: int = WIDTH) -> Markup:
    """A chart as an `<svg>` element; `standalone` puts the patterns inside it (the PDF), else the page
    defines them once (`fills()`, at the top of the HTML). A page has each chart at `WIDTH` and at `NARROW`,
    its CSS shows the one that fits the screen."""
    macros = env.get_template("charts.svg").module
    if isinstance(chart, Bars):
        return bars(bars_layout(chart, width), fill_defs(env) if standalone else "")
    if isinstance(chart, Scatter):  # drawn by render/scatter.py, which the room's screen draws it with too
        marks = max(1.0, WIDTH / width)  # on a phone's page as large as on paper
        return Markup(
            scatter.svg(
                chart,
                width,
                round(width * (0.65 if width >= WIDTH else 0.85)),
                "Libertinus Serif, serif",
                standalone,
                marks,
                narrow=width < WIDTH,
            )
        )
    if isinstance(chart, Cloud):
        return macros.cloud(cloud_layout(chart, width), standalone)  # type: ignore[attr-defined, no-any-return]
    return macros.shifts(shifts_layout(chart, width), standalone)  # type: ignore[attr-defined, no-any-return]


def fills(env: Environment) -> Markup:
    """The patterns every chart on a page uses, defined once."""
    return env.get_template("charts.svg").module.page_fills()  # type: ignore[attr-defined, no-any-return]


def fill_defs(env: Environment) -> str:
    return str(env.get_template("charts.svg").module.fill_defs())  # type: ignore[attr-defined]


def frame(layout: BarsLayout | ShiftsLayout | CloudLayout, defs: str) -> Markup:
    """A chart's `<svg>` opened, with its title; `defs`: the patterns of a chart that stands alone (the PDF), else ""."""
    narrow = " narrow" if layout.width < WIDTH else ""
    described = escape(layout.described)
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if defs else ""
    return Markup(
        f'<svg{xmlns} class="chart{narrow}" viewBox="0 0 {layout.width} {px(layout.height)}" '
        f'width="{layout.width}" height="{px(layout.height)}" role="img" aria-label="{described}" '
        f'font-family="Libertinus Serif, serif" font-size="12">\n<title>{described}</title>\n{defs + chr(10) if defs else ""}'
    )


def label(lines: tuple[str, ...], x: float, top: float, height: float, anchor: str = "start") -> Markup:
    """A label's lines, centred on the height they are given."""
    anchored = f' text-anchor="{escape(anchor)}"' if anchor != "start" else ""
    first = top + (height - len(lines) * 15) / 2 + 11
    return Markup("".join(f'<text x="{px(x)}" y="{px(first + n * 15)}"{anchored}>{escape(line)}</text>' for n, line in enumerate(lines)))


def bars(c: BarsLayout, defs: str) -> Markup:
    """Bars of hands or choices: the legend's swatches, then per row its label, its segments (each
    numbered when it is wide enough) and its total."""
    out = [frame(c, defs), "\n"]
    for s in c.swatches:
        out.append(
            f'<rect x="{px(s.x)}" y="{px(s.y)}" width="14" height="14" fill="{fill(s.fill)}" stroke="#000" stroke-width="0.75"/>'
            f'<text x="{px(s.x + 20)}" y="{px(s.y + 11.5)}">{escape(s.text)}</text>\n'
        )
    for r in c.rows:
        middle = r.y + r.height / 2
        out.append(f'<line x1="0" y1="{px(r.y)}" x2="{c.width}" y2="{px(r.y)}" stroke="#bbb" stroke-width="0.5"/>\n')
        out.append(f"{label(r.lines, 0, r.y, r.height)}\n")
        for g in r.segments:
            out.append(
                f'<rect x="{px(g.x)}" y="{px(middle - 8)}" width="{px(g.width)}" height="16" fill="{fill(g.fill)}" stroke="#000" stroke-width="0.75"/>\n'
            )
            if g.labelled:
                centre = g.x + g.width / 2
                out.append(
                    f'<rect x="{px(centre - 12)}" y="{px(middle - 7.5)}" width="24" height="15" rx="3" fill="#fff" stroke="#000" stroke-width="0.5"/>'
                    f'<text x="{px(centre)}" y="{px(middle + 4)}" text-anchor="middle" font-weight="bold">{g.count}</text>\n'
                )
        out.append(f'<text x="{px(r.end + 6)}" y="{px(middle + 4)}">{r.total}</text>\n')
    out.append("</svg>")
    return Markup("".join(out))
