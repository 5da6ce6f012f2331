"""Documents as HTML: one self-contained file (styles and charts inline, nothing fetched), readable
offline, printable on A4, in the kit's language.

Jinja2 renders the templates under `templates/` with autoescape on, so a text is
always text; their fixed words go through the catalogs (`_()` in a template, with
Jinja2's i18n extension on the kit's words). The room's pages can reuse the
environment, the blocks' macros (`blocks.html`) and the charts (`charts.py`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from tocht_cli import i18n
from tocht_cli.html import charts

if TYPE_CHECKING:
    from tocht_cli.exercises.blocks import Bars, Shifts
    from tocht_cli.handout import Document


def px(value: float) -> str:
    """A coordinate with one decimal at most: the same chart always gives the same bytes."""
    return f"{value:.1f}".removesuffix(".0")


def breaks(text: str) -> Markup:
    """Text whose newlines are line breaks; every line escaped."""
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def colon(label: str) -> str:
    """`Datum:`, but `Bij wie?` stays as it is: a label that ends in a question or a colon needs none."""
    return label if label.rstrip().endswith(("?", ":", "!")) else f"{label}:"


@cache
def environment(language: str) -> jinja2.Environment:
    """The templates, speaking `language` (a kit's)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tocht_cli.html", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(i18n.words(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["px"] = px
    env.filters["breaks"] = breaks
    env.filters["colon"] = colon

    def chart(block: Bars | Shifts, standalone: bool = False) -> Markup:
        return charts.svg(env, block, standalone)

    env.globals["chart"] = chart
    env.globals["fills"] = lambda: charts.fills(env)
    return env


def render(doc: Document) -> str:
    """A handout or a set of worksheets as one HTML page."""
    return environment(doc.language).get_template("document.html").render(doc=doc)
