"""One document model, one renderer per format: a kind's blocks drawn for the terminal and as Markdown say
the same facts, keep every text as text, and give a kind without view code its `show` and its summary."""

from __future__ import annotations

from markdown_it import MarkdownIt

from tocht_cli.render.blocks import Bars, BingoCard, Cell, Facts, Heading, Paragraph, Shifts, Table
from tocht_cli.render.markdown import blocks_markdown
from tocht_cli.render.styled import lines_of
from tocht_cli.render.terminal import shown

HOSTILE = "*vet* | <b>x</b> [link](http://x) # kop"

BLOCKS = [
    Heading(f"Uitdaging {HOSTILE}"),
    Paragraph(f"Nog niet beantwoord (2): {HOSTILE}", "muted"),
    Facts((("Woorden", HOSTILE),)),
    Table(("#", "", "Standpunt"), (("A1", HOSTILE, Cell("eens", "strong")), ("A2", "tweede", Cell("niet beantwoord", "muted")))),
    Bars("Handen", ("eens", "oneens"), (("A1", (3, 1)), ("A2", (0, 0)))),
    Shifts("Rollen", ("cc", "gezelschap"), "vandaag", "morgen", (("programmeren", "cc", None),)),
    BingoCard("Gehoord?", ((1, HOSTILE, True), (2, "stil", False)), columns=2),
]


def text_of(blocks) -> str:
    return "\n".join(line.plain for line in lines_of(shown(blocks), 120))


def test_the_terminal_draws_every_block_with_its_text_as_written():
    drawn = text_of(BLOCKS)
    for said in ("Uitdaging", "Nog niet beantwoord (2)", "Woorden: ", "Standpunt", "eens", "Handen", "████████▒▒ eens 3 · oneens 1"):
        assert said in drawn, said
    assert drawn.count(HOSTILE) == 5  # never read as markup
    assert "vandaag" in drawn and "morgen" in drawn and "–" in drawn  # a shift to nobody
    assert "✗" in drawn  # the crossed statement


def test_markdown_of_every_block_reads_back_as_the_text_written():
    document = "\n\n".join(blocks_markdown(BLOCKS))
    html = MarkdownIt("commonmark").enable("table").render(document)
    assert "<b>" not in html and 'href="http://x"' not in html and "<h1>" not in html
    assert html.count("*vet* | &lt;b&gt;x&lt;/b&gt; [link](http://x) # kop") == 5
    assert "| # |  | Standpunt |" in document  # the number column's header is not escaped
    assert "**eens**" in document and "*niet beantwoord*" in document  # a cell's tone
    assert "`████████▒▒` eens 3 · oneens 1" in document and "`█` eens · `▒` oneens" in document


def test_an_empty_block_writes_nothing():
    assert blocks_markdown([Paragraph("")]) == []


def test_a_kind_without_view_code_is_shown_and_summed_up_from_its_blocks(cli):
    """Challenges writes no terminal or Markdown code: show and export render its handout's blocks."""
    cli("new", "Dag", "-g", "tafel 1")
    assert cli("challenges", "add", "Te weinig | *tijd*", "--regional", "samen plannen").exit_code == 0
    screen = cli("challenges").stdout
    assert "Te weinig | *tijd*" in screen and "samen plannen" in screen and "1 / 10" in screen
    summary = cli("export").stdout
    assert "**1 / 10**" in summary and "| 1 | Te weinig \\| \\*tijd\\* | samen plannen |" in summary


def test_a_label_that_ends_in_a_question_gets_no_extra_colon_in_every_format():
    """ "Welke concrete actie?:" read doubled: a label ending in ? or : stands as it is, a plain one gets its colon."""
    from tocht_cli.reports.html import environment

    blocks = [Facts((("Welke concrete actie?", "affiches"), ("Wanneer", "mei")))]
    terminal, markdown = text_of(blocks), "\n".join(blocks_markdown(blocks))
    html = environment("nl").from_string('{% from "blocks.html" import facts %}{{ facts(pairs) }}').render(pairs=blocks[0].pairs)
    assert "Welke concrete actie? affiches" in terminal and "Wanneer: mei" in terminal
    assert "**Welke concrete actie?** affiches" in markdown and "**Wanneer**: mei" in markdown
    assert "?:" not in terminal + markdown + html and "Wanneer:" in html


def test_compare_says_a_changed_field_with_one_mark_and_a_row_added_or_gone_as_the_change():
    from tocht_cli.reports.comparison import ADDED, REMOVED, Change

    label = {"added": "toegevoegd", "removed": "verwijderd"}.get
    assert Change("allianties", "T5", "tafel 1", "1. Bib", "Met wie?", "", "scholen").said(label) == ("Met wie?", "– → scholen")
    assert Change("allianties", "T5", "tafel 1", "", "Status", "nog niet", "aanwezig").said(label) == ("Status:", "nog niet → aanwezig")
    added = Change("allianties", "T5", "tafel 1", "", "Scholen en jeugdtheater", "", "Klasbezoeken", "_", ADDED)
    assert added.said(label) == ("toegevoegd:", "Scholen en jeugdtheater — Klasbezoeken")
    assert Change("allianties", "T5", "tafel 1", "", "Erfgoedcel", "", "", "_", REMOVED).said(label) == ("verwijderd:", "Erfgoedcel")
