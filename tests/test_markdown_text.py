"""A summary's Markdown says what the text says: rendered by CommonMark (markdown-it-py) and by Python-Markdown,
every user text reads back as written, and a character is escaped only where it would change the document."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.helpers.examples import examples
from tocht_cli.base.text import clean, gist, md_block, md_escape


class Words(HTMLParser):
    """The text a reader sees in rendered HTML: tags dropped, a <br> a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def seen(rendered: str) -> str:
    words = Words()
    words.feed(rendered)
    return " ".join("".join(words.parts).split())


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


RENDERERS = [commonmark, python_markdown]

CONTEXTS = {
    "cell": lambda t: f"| # | tekst |\n|---|---|\n| 1 | {md_escape(t)} |",
    "label": lambda t: f"- **Plaats:** {md_escape(t)}",
    "heading": lambda t: f"## {md_escape(t)}",
    "strong": lambda t: f"bij **{md_escape(t)}** van de gemeente",
    "quote": lambda t: f"> {md_block(t, '> ')}",
    "paragraph": lambda t: md_block(t),
}

AWKWARD = list("\\`*_{}[]()<>#+-.!|&$^@~=:;'\"") + ["&amp;", "&#36;", "<b>", "<br>", "[a](b)", "![x](y)", "1.", "1)", "# ", "- ", "> "]
AWKWARD += ["**", "__", "~~", "http://x.be", "<http://x.be>", "a@b.be", "@cite", "$x$", "^a^", "snake_case", "CC & gezelschap"]
WORDS = ["tafel", "één", "CC", "naïef", "x", " ", " ", "\n"]
# as answers are stored: cleaned, so never empty and never starting or ending with a space
awkward = st.lists(st.sampled_from(AWKWARD + WORDS), min_size=1, max_size=10).map(lambda parts: clean("".join(parts), multiline=True))


def expected(text: str) -> str:
    return " ".join(clean(text, multiline=True).split())


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("context", CONTEXTS)
@settings(max_examples=examples(150))
@given(text=awkward)
@example(text="<\\a@b.be<b>")  # Python-Markdown's e-mail autolink, once the inner `<` is escaped
@example(text="[\n[a](b)")  # a link opened on one line and closed on the next
@example(text="&#1.")  # Python-Markdown reads a numeric reference without its `;`
def test_every_text_reads_back_as_written(render, context, text):
    assume(text)
    rendered = render(CONTEXTS[context](text))
    if context == "strong":
        inner = re.search(r"<strong>(.*)</strong>", rendered, re.S)
        assert inner, rendered
        assert seen(inner.group(1)) == expected(text)
    else:
        assert expected(text) in seen(rendered), rendered


@pytest.mark.parametrize(
    "text",
    [
        "CC & gezelschap",
        "Wat nu?! (beleids-)context",
        "a < b en c > d",
        "5 + 3 = 8",
        "snake_case_naam",
        "e-mail: a@b.be",
        "100 $",
        "#1 op de lijst",
    ],
)
def test_ordinary_text_is_not_escaped(text):
    assert md_escape(text) == text


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("*vet*", r"\*vet\*"),
        ("_schuin_", r"\_schuin\_"),
        ("&amp;", "&amp;amp;"),
        ("<script>", "&lt;script>"),
        ("[a](b)", r"\[a](b)"),
        ("a | b", r"a \| b"),
        ("$x$", "&#36;x&#36;"),
        ("&#1.", "&amp;#1."),
        ("nummer #", r"nummer \#"),
    ],
)
def test_markup_is_escaped_where_it_would_change_the_document(text, escaped):
    assert md_escape(text) == escaped


def test_a_block_keeps_its_lines_and_starts_no_list():
    assert md_block("1. eerst\n- dan\n# kop") == "1\\. eerst  \n\\- dan  \n\\# kop"
    assert html.unescape(seen(python_markdown(md_block("1. eerst\n- dan")))) == "1. eerst - dan"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Mensen moeten toch ook geconfronteerd worden met dingen die ze nog niet kennen?!", None),  # one sentence: whole
        (
            "Lokale politici vragen zich bv. af: waarom betalen we zoveel hiervoor? Hoe kunnen we",
            "Lokale politici vragen zich bv. af: waarom betalen we zoveel hiervoor? …",
        ),
        ("woord " * 40, ("woord " * 18).strip() + " …"),  # no sentence: cut at a word
    ],
)
def test_gist_is_a_texts_first_sentence(text, said):
    assert gist(text) == (said or text)


def test_entries_are_one_line_of_words_or_a_list_of_sentences():
    from tocht_cli.render.blocks import Cell, Entries
    from tocht_cli.render.markdown import block_markdown

    assert block_markdown(Entries("Met wie?", ("erfgoed", "onderwijs"))) == "**Met wie?** erfgoed · onderwijs"
    sentences = ("Culturele gebouwen in een perimeter van 500m met elkaar verbinden.", "Samen *programmeren*.")
    assert block_markdown(Entries("Aard?", sentences)) == (
        "**Aard?**\n\n- Culturele gebouwen in een perimeter van 500m met elkaar verbinden.\n- Samen \\*programmeren\\*."
    )
    assert block_markdown(Entries("Met wie?", ())) == "**Met wie?** –"
    assert block_markdown(Entries("Met wie?", (), Cell("nog niet beantwoord", "muted"))) == "**Met wie?** *nog niet beantwoord*"


def test_a_charts_bars_in_markdown_are_as_long_as_their_totals_against_the_largest_as_html_draws_them():
    from tocht_cli.render.blocks import Bars
    from tocht_cli.render.markdown import block_markdown

    drawn = block_markdown(Bars("De zaal", ("De zaal",), (("kalender", (15,)), ("technici", (7,)), ("delen", (1,)), ("niets", (0,)))))
    assert "| kalender | `██████████` 15 |" in drawn
    assert "| technici | `█████` 7 |" in drawn
    assert "| delen | `█` 1 |" in drawn  # anything counted shows
    assert "| niets | – |" in drawn  # nothing counted: a dash, as the HTML chart says it
