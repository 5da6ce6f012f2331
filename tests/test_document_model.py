"""One document model, one renderer per format: a kind's blocks drawn for the terminal and as Markdown say
the same facts, keep every text as text, and give a kind without view code its `show` and its summary."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tocht_cli.render.blocks import Bars, BingoCard, Cell, Counted, Entries, Facts, Heading, Paragraph, Sentence, Shifts, Table
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
    assert "Rollen" not in drawn  # a picture of a table's columns: text formats leave it out
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
    assert blocks_markdown([Paragraph(""), Shifts("Rollen", ("a", "b"), "vandaag", "morgen", (("x", "a", "b"),))]) == []


def test_a_paragraph_opens_with_its_lead_in_bold_in_every_text_format():
    said = Paragraph("*niets*", lead="Wat verschuift er?")
    assert blocks_markdown([said]) == ["**Wat verschuift er?** \\*niets\\*"]
    line = lines_of(shown([said]), 80)[0]
    assert line.plain == "Wat verschuift er? *niets*" and line.styled()[0] == ("Wat verschuift er? ", "bold")


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


def test_a_sentence_keeps_its_parts_in_their_tones_in_every_text_format():
    said = Sentence(("bij", Cell(HOSTILE, "strong"), "van de gemeente", Cell("…", "strong")))
    assert blocks_markdown([said]) == ["bij **\\*vet\\* \\| &lt;b>x&lt;/b> \\[link](http://x) # kop** van de gemeente **…**"]
    line = lines_of(shown([said]), 120)[0]
    assert line.plain == f"bij {HOSTILE} van de gemeente …"
    assert (HOSTILE, "bold") in line.styled() and ("…", "bold") in line.styled()


def test_a_show_of_hands_in_a_cell_carries_its_bar_and_legend_in_the_text_formats_and_its_chart_is_not_repeated():
    hands = Counted("eens\u00a03 · oneens\u00a01", options=("eens", "oneens"), counts=(3, 1))
    blocks = [Table(("#", "", "Handen"), (("A1", "x", hands),)), Bars("Handen", ("eens", "oneens"), (("A1", (3, 1)),), column=True)]
    document = "\n\n".join(blocks_markdown(blocks))
    assert "| A1 | x | `████████▒▒` eens\u00a03 · oneens\u00a01 |" in document
    assert document.endswith("Handen: `█` eens · `▒` oneens") and document.count("████████▒▒") == 1
    drawn = text_of(blocks)
    assert "████████▒▒ eens\u00a03 · oneens\u00a01" in drawn and drawn.count("████████▒▒") == 1


def test_entries_are_one_line_of_words_or_a_list_of_sentences_in_every_text_format():
    words = Entries("Met wie?", ("erfgoed", HOSTILE))
    sentences = Entries("Aard?", ("Een zin die langer is dan veertig tekens, met een komma.", "kort"))
    nothing = Entries("Met wie?", (), Cell("niet beantwoord", "muted"))
    assert blocks_markdown([words, sentences, nothing]) == [
        "**Met wie?** erfgoed · \\*vet\\* \\| &lt;b>x&lt;/b> \\[link](http://x) # kop",
        "**Aard?**\n\n- Een zin die langer is dan veertig tekens, met een komma.\n- kort",
        "**Met wie?** *niet beantwoord*",
    ]
    drawn = text_of([words, sentences, nothing]).splitlines()
    assert drawn[0] == f"Met wie? erfgoed · {HOSTILE}" and drawn[2] == "• Een zin die langer is dan veertig tekens, met een komma."
    assert drawn[-1] == "Met wie? niet beantwoord"


def test_no_kind_draws_or_writes_markdown_itself():
    """Every kind (tocht's seven, and any plugin) gives blocks; the terminal and Markdown renderers draw them."""
    import ast
    from pathlib import Path

    from tocht_cli.kinds import registry

    per_format = ("show", "show_checklist", "markdown_group", "markdown_totals", "draws_own_markdown")
    for kind in registry.installed().values():
        assert not any(hasattr(kind, method) for method in per_format), kind.name
    kinds = Path(registry.__file__).parent
    for module in kinds.glob("*.py"):
        imported = {n.module for n in ast.walk(ast.parse(module.read_text(encoding="utf-8"))) if isinstance(n, ast.ImportFrom)}
        assert "tocht_cli.render.terminal" not in imported, module.name


def test_a_table_that_does_not_fit_wraps_its_headers_then_its_names_before_it_stacks():
    """At 80 columns a plan's six columns stay a table: long headers wrap over their words, a name or a
    date wraps like running text; only a table that still does not fit is stacked."""
    rows = (("2", "ontwikkel een verhaal met een nieuw vocabularium", "koffie met de schepen", "Els", "", ""),)
    table = Table(("#", "", "Welke concrete actie?", "Wie?", "Tegen wanneer?", "Status"), rows)
    drawn = [line.plain for line in lines_of(shown([table]), 80)]
    assert drawn[0].startswith("┏") and any("│ Els " in line for line in drawn)
    assert max(map(len, drawn)) <= 80


def test_every_text_format_tells_the_blocks_apart_once_and_must_draw_each():
    from tocht_cli.render.drawing import Drawing
    from tocht_cli.render.markdown import Markdown
    from tocht_cli.render.terminal import Terminal

    pictures = [Shifts("Rollen", ("a",), "vandaag", "morgen", ()), Bars("Handen", ("eens",), (("A1", (1,)),), column=True)]
    assert [Markdown().block(p) for p in pictures] == ["", ""]
    assert [lines_of(Terminal().block(p), 80) for p in pictures] == [[], []]

    class Unfinished(Drawing[str]):
        def heading(self, block: Heading) -> str:
            return block.text

    with pytest.raises(TypeError, match="card"):
        Unfinished()  # type: ignore[abstract]


def test_a_listing_keeps_its_marks_column_and_hangs_long_entries_under_their_text():
    from tocht_cli.render.blocks import Listing

    listing = Listing(((1, "kort", "✓"), (2, f"lang {HOSTILE} " * 3, ""), (10, "tien", "")), marked=True)
    lines = [line.plain for line in lines_of(shown([listing]), 40)]
    assert lines[0] == "✓  1. kort" and lines[1].startswith("   2. lang *vet*") and lines[-1] == "  10. tien"
    assert all(line.startswith(" " * 6) for line in lines[2:-1])  # wrapped under its text, not under its number
    plain = Listing(((1, "cultuur (2)", ""),))
    assert [line.plain for line in lines_of(shown([plain]), 40)] == ["1. cultuur (2)"]  # what `from-room` printed
    assert blocks_markdown([listing])[0].splitlines()[0] == "1. ✓ kort"


def test_a_banner_stands_out_in_every_text_format():
    from tocht_cli.render.blocks import Banner

    lines = lines_of(shown([Banner(f"BINGO! {HOSTILE}")]), 60)
    assert lines[0].plain.startswith("╭─") and "BINGO! *vet*" in lines[1].plain and lines[2].plain.startswith("╰─")
    assert ("BINGO! " + HOSTILE, "bold white on green") in [(text.strip(), style) for text, style in lines[1].styled()]
    assert blocks_markdown([Banner("BINGO! *tafel*")]) == ["**BINGO! \\*tafel\\***"]


def test_the_walks_frame_is_its_panel_on_a_terminal_and_its_title_and_text_elsewhere():
    from tocht_cli.render.blocks import Framed

    lines = [line.plain for line in lines_of(shown([Framed("Stellingen", "Lees ze.", lead="A1", subtitle="tafel 1 · 0/15")]), 40)]
    assert lines == [
        "╭─ A1  Stellingen ─────────────────────╮",
        "│ Lees ze.                             │",
        "╰─────────── tafel 1 · 0/15 ───────────╯",
    ]
    assert [line.plain for line in lines_of(shown([Framed("A2 alleen")]), 40)] == ["A2 alleen"]  # no text: the title alone
    assert blocks_markdown([Framed("*T*", "tekst", lead="A1", subtitle="tafel 1")]) == ["**A1 \\*T\\***\n\ntekst\n\n*tafel 1*"]


def test_a_banner_and_a_listing_are_drawn_in_html_and_pdf_too():
    """Every format draws every block: the walk's own blocks print in a handout as its text."""
    import io

    from pypdf import PdfReader

    from tocht_cli.render.blocks import Banner, Framed, Listing
    from tocht_cli.reports.handout import Chapter, Document, Part
    from tocht_cli.reports.printed import rendered

    framed = Framed("Stellingen <u>", "Lees ze.", lead="A1", subtitle="tafel 1 · 0/15")
    blocks = (Banner("BINGO! <b>tafel</b>"), Listing(((1, "kort <i>", "✓"), (7, "zeven", "")), marked=True), framed)
    chapter = Chapter("Kop", (), (Part("", blocks),))
    document = Document(
        language="nl", title="T", subtitle="S", facts=(), letter=(), progress=None, progress_title="", chapters=(chapter,), closing=()
    )
    html = rendered(document, "html")
    assert '<p class="banner"><strong>BINGO! &lt;b&gt;tafel&lt;/b&gt;</strong></p>' in html
    assert '<li value="1">✓ kort &lt;i&gt;</li>' in html and '<li value="7">zeven</li>' in html
    assert "<h4>A1 Stellingen &lt;u&gt;</h4>" in html and '<p class="muted">tafel 1 · 0/15</p>' in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered(document, "pdf"))).pages)
    assert "BINGO! <b>tafel</b>" in text and "✓ kort <i>" in text and "7." in text
    assert "A1 Stellingen <u>" in text and "tafel 1 · 0/15" in text


def test_a_terminals_bars_are_as_long_as_their_totals_against_the_largest_as_in_markdown():
    """The room's list closing T6's round drew "██████████ 9" and "██████████ 3" alike (room re-trial, issue 18)."""
    chart = Bars("Steun", ("Steun",), (("Zalen delen", (9,)), ("Jongeren", (3,)), ("Niemand", (0,))))
    drawn = [line.plain for line in lines_of(shown([chart]), 80) if "█" in line.plain]
    assert [line.count("█") for line in drawn] == [10, 3]
    assert [line.count("█") for line in "\n".join(blocks_markdown([chart])).splitlines() if "█" in line] == [10, 3]


def test_a_rooms_round_of_one_question_carries_no_number_in_the_terminal_or_the_handout(cli, tmp_path):
    """T6's room round asks one question: "1. Op welke uitdaging…" read as a count (room re-trial, issue 18);
    the screen already dropped it, now the terminal, the saved message and the handout do too."""
    cli("new", "Eén vraag", "-g", "tafel 1")
    saved = cli("--lang", "nl", "upvotes", "add", "1", "Zalen delen").stderr
    cli("upvotes", "votes", "1", "1", "9")
    assert "Op welke uitdaging lopen we vast?" in saved and "1. Op welke" not in saved
    assert "1. Op welke" not in cli("upvotes").stdout
    cli("export", "-o", str(tmp_path / "out.md"))
    handout = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "**Op welke uitdaging lopen we vast?**" in handout and "1. Op welke" not in handout


def test_the_phones_tally_taken_unchanged_in_the_walk_is_saved_as_the_phones_votes():
    """Phone votes the facilitator accepted as the hands ("Hoeveel handen", offered from the phones' tally)
    were labelled "(handen)" in `tocht show` and the handout (room re-trial, issue 18); typed over, they are hands."""
    from types import SimpleNamespace

    from tests.helpers.files import KIT_DIR
    from tocht_cli.kinds.fields import Field, ask_counts
    from tocht_cli.kinds.registry import installed
    from tocht_cli.kinds.values import Counts
    from tocht_cli.kit import loader
    from tocht_cli.store import PHONES

    kit = loader.load_path(KIT_DIR, installed())
    counts = Counts(("eens", "oneens"))
    f = Field("counts", counts, "Handen")
    for typed, origin in (("4 1", PHONES), ("5 1", None)):
        saved: list[str | None] = []
        w = SimpleNamespace(
            kit=kit,
            suggested=lambda item: {"counts": {"eens": 4, "oneens": 1}},
            text=lambda *args, typed=typed, **kwargs: typed,
            label=kit.label,
            save=lambda item, change, saved=saved: saved.append(None),
            save_counted=lambda item, change, origin, saved=saved: saved.append(origin),
        )
        ask_counts(f, counts, w, "Hoeveel handen?", "A1", {}, {}, False)
        assert saved == [origin], typed
