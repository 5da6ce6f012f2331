"""A document drawn as `html` (one self-contained page) or `pdf`: the one place that picks the renderer.

handout.py builds the document, html/ and pdf/ draw it; apart, so that neither renderer and the
document that both of them read import each other in a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tocht_cli.reports.handout import Document


def rendered(doc: Document, fmt: str) -> str | bytes:
    """The document as `html` (one self-contained page) or `pdf`; each renderer imported only when asked for."""
    if fmt == "pdf":
        from tocht_cli.reports import pdf

        return pdf.render(doc)
    from tocht_cli.reports import html

    return html.render(doc)


def warm(doc: Document, fmt: str) -> None:
    """Render `doc` as `fmt` but for a PDF's typesetting, to have this process import its renderer and compile
    its templates once, before it forks workers that inherit them. Typst is imported, not run: the threads it
    starts do not survive a fork."""
    if fmt != "pdf":
        rendered(doc, fmt)
        return
    import typst  # noqa: F401  (imported once here, not in every worker)

    from tocht_cli.reports import pdf

    pdf.inputs(doc)
