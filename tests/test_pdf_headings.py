"""A PDF never leaves a title at a page's foot with what it heads on the next page (issue 20: a heading of the
dossier stood alone at the bottom of a page, its list or table overleaf)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tocht_cli.render.blocks import Block, Entries, Heading, Paragraph, Table
from tocht_cli.reports.handout import Chapter, Document, Part

LINE = "Een regel die de bladzijde vult."
COUNT = 60


def followers(n: int) -> dict[str, tuple[Block, ...]]:
    """What a title heads, the first words of which name it: a list, a table, a heading's table."""
    first = f"Eerste punt {n:02d}, lang genoeg om een lijst van te maken en niet op één regel te passen"
    return {
        "list": (Entries(f"Titel {n:02d}", (first, f"Tweede punt {n:02d}, ook lang genoeg voor een lijst")),),
        "table": (Table(("Kolom", "Wat"), ((f"Eerste punt {n:02d}", first), ("b", "c")), numbered=False),),
        "heading": (Heading(f"Titel {n:02d}"), Table(("Kolom", "Wat"), ((f"Eerste punt {n:02d}", first),), numbered=False)),
    }


def document(what: str) -> Document:
    """Parts of a growing length, each ending in a titled block: some title lands at every height of a page."""
    parts = tuple(
        Part(f"Titel {n:02d}" if what == "table" else f"Deel {n:02d}", (*(Paragraph(LINE) for _ in range(n % 9)), *followers(n)[what]))
        for n in range(1, COUNT)
    )
    return Document("nl", "Titels", "Proef", (), (), None, "", (Chapter("Hoofdstuk", (), parts),), ())


@pytest.mark.parametrize("what", ["list", "table", "heading"])
def test_a_title_stays_on_the_page_of_what_it_heads(what):
    from tocht_cli.reports import pdf

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.render(document(what)))).pages]
    assert len(pages) > 3
    for n in range(1, COUNT):
        (at,) = [i for i, text in enumerate(pages) if f"Titel {n:02d}" in text]
        assert f"Eerste punt {n:02d}" in pages[at], f"Titel {n:02d} stands alone at the foot of page {at + 1}"
