"""Documents as HTML: one self-contained file (styles and charts inline, nothing fetched), readable
offline, printable on A4, in the kit's language.

Jinja2 renders the templates under `templates/` with autoescape on, so a text is
always text; their fixed words go through the catalogs (`_()` in a template, with
Jinja2's i18n extension on the kit's words). The room's pages can reuse the
environment, the blocks' macros (`blocks.html`) and the charts (`charts.py`).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from tocht_cli.base import i18n
from tocht_cli.base.text import labelled
from tocht_cli.render.blocks import Boxes, Cell, Content, Lines, Shortened, Table, Titled
from tocht_cli.reports.html import charts

if TYPE_CHECKING:
    from tocht_cli.render.blocks import Bars, Cloud, Scatter, Shifts
    from tocht_cli.reports.handout import Document


def breaks(text: str) -> Markup:
    """Text whose newlines are line breaks; every line escaped (most have none: escaped at once)."""
    if "\n" not in text:
        return escape(text)
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


TONES = {"strong": ("<strong>", "</strong>"), "muted": ('<em class="muted">', "</em>"), "again": ('<span class="again">', "</span>")}


def content(cell: Content) -> Markup:
    """A table cell or a fact's value as HTML: a function, not a macro, because `export --all` renders
    hundreds of thousands of them and a Jinja2 macro call costs ten times more. (Every text is escaped.)"""
    if isinstance(cell, str):
        return breaks(cell)
    if isinstance(cell, Shortened):  # a document is read, printed too: the whole statement, never its first words
        return breaks(cell.whole)
    if isinstance(cell, Cell):
        before, after = TONES.get(cell.tone or "", ("", ""))
        return Markup(f"{before}{breaks(cell.text)}{after}")
    if isinstance(cell, Titled):
        return Markup(f'<strong class="title">{breaks(cell.title)}</strong><span class="explanation">{breaks(cell.text)}</span>')
    if isinstance(cell, Lines):
        return Markup('<span class="lines" aria-hidden="true">' + '<span class="line"></span>' * cell.count + "</span>")
    if isinstance(cell, Boxes):
        each = [_box(option) for option in cell.options]
    else:
        each = [f'<span class="option">{escape(o)} <span class="blank" aria-hidden="true"></span></span>' for o in cell.options]
    return Markup(f'<span class="boxes">{"".join(each)}</span>')


def _box(option: str) -> str:
    """A box to tick and its option: the box keeps to the option's first word, the rest may wrap."""
    first, space, rest = option.partition(" ")
    return f'<span class="option"><span class="keep"><span class="box" aria-hidden="true"></span> {escape(first)}</span>{space}{escape(rest)}</span>'


WIDE = 6  # a table of more columns sets its text a little tighter: its longest words fit the column (the dossier's step history)


def table(t: Table) -> Markup:
    """A table of answers as HTML (a function for the same reason as `content`); each data cell is
    labelled with its column's header, for the narrow screens that show a row as a list."""
    labels = [f' data-label="{escape(header)}"' if header else "" for header in t.headers]
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in t.headers)
    rows = "".join(f"<tr>{''.join(_cell(t, labels, n, cell) for n, cell in enumerate(row))}</tr>\n" for row in t.rows)
    numbered = " numbered" if t.numbered else ""
    wide = " wide" if len(t.headers) > WIDE else ""
    return Markup(f'<table class="answers{numbered}{wide}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>')


def _cell(t: Table, labels: list[str], n: int, cell: Content) -> str:
    if n == 0 and t.numbered:
        return f'<th scope="row">{content(cell)}</th>'
    return f"<td{labels[n] if n < len(labels) else ''}>{content(cell)}</td>"


CHARTS_KEPT = 512  # a few sessions' charts, wide and narrow: a worker's memory stays flat over `export --all`


@cache
def environment(language: str) -> jinja2.Environment:
    """The templates, speaking `language` (a kit's)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tocht_cli.reports.html", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the templates ship with tocht: not checked on disk at each of a page's hundred charts
    )
    env.install_gettext_translations(i18n.words(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["px"] = charts.px
    env.filters["breaks"] = breaks
    env.filters["colon"] = labelled
    env.globals["content"] = content
    env.globals["table"] = table

    @lru_cache(maxsize=CHARTS_KEPT)
    def kept(block: Bars | Shifts | Cloud | Scatter, standalone: bool, width: int) -> Markup:
        return charts.svg(env, block, standalone, width)

    def chart(block: Bars | Shifts | Cloud | Scatter, standalone: bool = False, width: int = charts.WIDTH) -> Markup:
        """A chart drawn once for the same facts at the same width (a block is a frozen value): the charts of
        an exercise nobody answered, of a follow-up's carried answers, of a kit's blank sheets repeat. A block
        built with a list inside cannot be a key: drawn each time."""
        try:
            hash(block)
        except TypeError:
            return charts.svg(env, block, standalone, width)
        return kept(block, standalone, width)

    env.globals["chart"] = chart
    env.globals["frame"] = lambda layout, standalone: charts.frame(layout, charts.fill_defs(env) if standalone else "")
    env.globals["label"] = charts.label
    env.globals["chart_widths"] = {"wide": charts.WIDTH, "narrow": charts.NARROW}
    env.globals["fills"] = lambda: charts.fills(env)
    return env


def render(doc: Document) -> str:
    """A handout or a set of worksheets as one HTML page."""
    return environment(doc.language).get_template("document.html").render(doc=doc)
