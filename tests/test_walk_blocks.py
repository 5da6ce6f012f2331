"""The walk's echo of an answer and its screen of two clashing answers are blocks of the document model,
drawn by the terminal renderer as rich drew them before (pinned below), and by every other format too."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tocht_cli.render.blocks import Answered, Compared
from tocht_cli.render.markdown import blocks_markdown
from tocht_cli.render.styled import lines_of
from tocht_cli.render.terminal import shown

HOSTILE = "*vet* <b>x</b> [link](http://x)"
SAID = "Meanwhile another answer for stap 1 was saved elsewhere (another device or terminal):"
CLASH = Compared(
    SAID,
    ("saved meanwhile:", "just typed:"),
    (("Actie", "bel de schepen", "mail de schepen " * 6), ("Wie", "", "Mia"), ("Wanneer", "x" * 90, "1 juni")),
)


def lines(block, width: int) -> list[str]:
    return [line.plain.rstrip() for line in lines_of(shown([block]), width)]


def test_an_answer_that_fits_stays_on_its_questions_line_in_questionarys_colours():
    [line] = lines_of(shown([Answered("Wie neemt het woord?", "Jan")]), 80)
    assert line.styled() == [("? ", "#5f819d"), ("Wie neemt het woord?", "bold"), (" Jan", "bold #ff9d00")]
    assert lines(Answered("Wie neemt het woord?", ""), 80) == ["? Wie neemt het woord?"]


def test_a_long_answer_goes_under_its_question_indented_and_broken_between_words():
    answer = "een heel lang antwoord met veel woorden dat niet naast de vraag past"
    assert lines(Answered("Wat is de belangrijkste uitdaging voor de regio?", answer), 40) == [
        "? Wat is de belangrijkste uitdaging voor",
        "de regio?",
        "  een heel lang antwoord met veel",
        "  woorden dat niet naast de vraag past",
    ]


def test_the_clash_screen_is_drawn_as_rich_drew_it():
    assert lines(CLASH, 80) == [
        "Meanwhile another answer for stap 1 was saved elsewhere (another device or",
        "terminal):",
        "  Actie:",
        "    saved meanwhile: bel de schepen",
        "    just typed:      mail de schepen mail de schepen mail de schepen mail de",
        "                     schepen mail de schepen mail de schepen",
        "  Wie:",
        "    saved meanwhile: –",
        "    just typed:      Mia",
        "  Wanneer:",
        "    saved meanwhile: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "                     xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "    just typed:      1 juni",
    ]


def test_on_a_narrow_terminal_each_answer_goes_under_its_name():
    assert lines(CLASH, 28)[4:8] == ["  Actie:", "    saved meanwhile:", "      bel de schepen", "    just typed:"]


def test_markdown_html_and_pdf_say_both_blocks_as_text():
    blocks = [Answered(f"Vraag {HOSTILE}", HOSTILE), Compared("Kies", ("bewaard:", "getypt:"), (("Wie", HOSTILE, ""),))]
    escaped = "\\*vet\\* &lt;b>x&lt;/b> \\[link](http://x)"
    assert blocks_markdown(blocks) == [f"**Vraag {escaped}** {escaped}", f"**Kies**\n\n- Wie: bewaard: {escaped} · getypt: –"]
    from tocht_cli.reports.handout import Chapter, Document, Part
    from tocht_cli.reports.printed import rendered

    chapter = Chapter("Kop", (), (Part("", tuple(blocks)),))
    document = Document(
        language="nl", title="T", subtitle="S", facts=(), letter=(), progress=None, progress_title="", chapters=(chapter,), closing=()
    )
    html = rendered(document, "html")
    assert "<strong>Vraag *vet* &lt;b&gt;x&lt;/b&gt; [link](http://x)</strong>" in html and "getypt" in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered(document, "pdf"))).pages)
    assert "Vraag *vet* <b>x</b>" in text and "bewaard" in text and "getypt" in text
