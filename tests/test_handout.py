"""Handouts and worksheets as a reader gets them: the HTML in a real Chromium, the PDF through pypdf.

The browser is the system's Chromium (Debian's `chromium`, which `.ci/run` installs),
driven by Playwright; Playwright never downloads a browser of its own here.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections import Counter
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.helpers.examples import examples
from tests.helpers.files import ROOT, load_json
from tocht_cli.render.blocks import Bars, BingoCard, Cell, Table
from tocht_cli.reports import html
from tocht_cli.reports.handout import worksheets
from tocht_cli.reports.html import charts

FULL = ROOT / "tests" / "data" / "full-session.json"
# What tries to be HTML, an event handler, Jinja2, or Typst markup (a heading, code, math, a label, a reference).
HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> {{ 7*7 }} {% if true %}ja{% endif %} {# weg #}\n'
    "= Kop in Typst\n#pagebreak() #set text(fill: red) $x^2$ [link] *vet* _schuin_ <label> @ref \\ &amp; `code` ]] }"
)
SAME_SHAPE = re.sub(r"\S", "x", HOSTILE)  # as long, as many lines and words, nothing special


@pytest.fixture
def open_page(browser, tmp_path):
    """Open an HTML file in the browser; every dialog a script would open is recorded (there must be none)."""
    pages = []

    def opened(html: str):
        path = tmp_path / f"page{len(pages)}.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opened
    for page in pages:
        page.close()


@pytest.fixture
def full(cli):
    """The fully answered two-table session of tests/data, imported; returns its id."""
    return cli("import", str(FULL)).stdout.strip()


def export_bytes(cli, tmp_path, *args: str) -> bytes:
    target = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
    cli("export", *args, "-o", str(target))
    return target.read_bytes()


def pdf_text(data: bytes) -> str:
    """The PDF's text as one line of words (a table cell's line breaks are the layout's, not the text's)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def words(text: str) -> str:
    return " ".join(text.split())


def tag_counts(page) -> Counter:
    return Counter(page.evaluate("[...document.querySelectorAll('*')].map(e => e.tagName)"))


def answer_everything(cli, text: str, group: str) -> None:
    """The same free text in every place a group can write one."""
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "3", "--note", text, "-g", group)
    cli("roles", "set", "1", "--now", "samen", "--future", "kunstenaar", "--note", text, "-g", group)
    cli("steps", "set", "1", "--action", text, "--who", text, "-g", group)
    cli("steps", "target", "--whom", text, "--municipality", text, "-g", group)
    cli("checklist", "set", "1", "--status", "deels", "--how", text, "-g", group)
    cli("alliances", "add", text, "--purpose", text, "-g", group)
    cli("alliances", "with", "1", "--own", text, "-g", group)
    cli("vocabulary", "link", "productie", "1", "--how", text, "-g", group)
    cli("vocabulary", "add-word", text, "-g", group)
    cli("challenges", "add", text, "--regional", text, "-g", group)


@pytest.fixture
def hostile_and_clean(cli):
    """Two sessions answered alike: one with hostile text everywhere (its name too), one with plain text of the same shape."""
    made = []
    for text in (HOSTILE, SAME_SHAPE):
        session = cli("new", text.replace("\n", " ")[:80], "-g", "tafel 1", "-g", "tafel 2", "--yes").stdout.strip()
        for group in ("tafel 1", "tafel 2"):
            answer_everything(cli, text, group)
        made.append(session)
    return made


# -- HTML ------------------------------------------------------------------------------------------


def test_the_html_is_one_self_contained_page_in_the_kits_language(cli, full):
    html = cli("export", full, "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert not re.search(r"<(link|script|iframe|img)\b", html), "nothing is fetched, nothing runs"
    assert not re.search(r"(src|href)=\"(https?:)?//", html) and "url(http" not in html and "@import" not in html
    assert html.count("<svg") >= 20 and "Werkbladen" not in html
    # a plan's header is one sentence, what the group filled in standing out; a shift is named in words
    assert '<p class="sentence">bij <strong>de schepen van cultuur</strong> van de gemeente <strong>Grimbergen</strong></p>' in html
    assert "<p><strong>Met wie?</strong> jonge, minder bekende kunstenaars · erfgoed · onderwijs · zorgcentrum</p>" in html
    assert '<ul class="entries">\n<li>Een muziektheatergezelschap met eigen ruimte' in html  # sentences: a list
    assert "<p><strong>Wat verschuift er?</strong> buitenkomen, contact met publiek opzoeken: programmator → kunstenaar</p>" in html


def test_the_same_answers_give_the_same_html_and_pdf_bytes(cli, full, tmp_path):
    html, pdf = export_bytes(cli, tmp_path, full, "-f", "html"), export_bytes(cli, tmp_path, full, "-f", "pdf")
    assert export_bytes(cli, tmp_path, full, "-f", "html") == html and export_bytes(cli, tmp_path, full, "-f", "pdf") == pdf
    doc = load_json(FULL)
    random.Random(12).shuffle(doc["answers"])
    shuffled = tmp_path / "shuffled.json"
    shuffled.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = cli("import", str(shuffled), "--yes").stdout.strip()
    assert export_bytes(cli, tmp_path, other, "-f", "html") == html
    assert export_bytes(cli, tmp_path, other, "-f", "pdf") == pdf


def test_chromium_shows_the_whole_session_with_its_answers(cli, full, open_page):
    page = open_page(cli("export", full, "-f", "html").stdout)
    text = page.inner_text("body")
    assert page.locator("h1").inner_text() == "Ontmoetingsdag CC Strombeek" and page.locator("h1").bounding_box()["height"] > 20
    assert text.startswith("NIEUWE ALLIANTIES") and "Beste sector," in text and "WAT ALS..." in text
    for answer in ("Argument 1 van tafel 1", "Mensen moeten toch ook geconfronteerd worden", "11 / 10 geschrapt", "Totaal"):
        assert answer in text, answer
    headings = page.locator("h2").all_inner_texts()
    assert headings[:2] == ["Wat er uit de bus kwam", "Voortgang"] and len(headings) == 9 and headings[3].startswith("T1a · Stellingenspel")
    assert page.locator("section.exercise h3").all_inner_texts()[:3] == ["Totaal", "Groep: tafel 1", "Groep: tafel 2"]  # texts first, once
    charts = page.locator("svg.chart:not(.narrow)")  # the narrow drawings are a phone's
    assert charts.count() >= 20
    for n in range(charts.count()):
        chart = charts.nth(n)
        assert chart.bounding_box()["height"] > 20 and len(chart.get_attribute("aria-label")) > 10
    assert page.locator("table thead th").count() > 50 and page.locator("tbody th[scope=row]").count() > 100


def test_no_word_runs_out_of_its_cell_in_chromium(cli, full, open_page):
    """Chromium has no Dutch hyphenation: a word wider than a bingo cell or a table cell must still break inside it."""
    page = open_page(cli("export", full, "-f", "html").stdout)
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.card-grid li, td, th')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"
    )
    assert overflowing == []


def test_printed_on_a4_each_exercise_starts_a_page(cli, full, open_page):
    page = open_page(cli("export", full, "-f", "html").stdout)
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in printed.pages} == {(595, 842)}
    starts = [re.sub(r"^\d+ / \d+ ", "", words(p.extract_text())) for p in printed.pages]  # the footer's page number first
    for heading in page.locator("section.exercise > h2").all_inner_texts():
        assert any(start.startswith(words(heading)) for start in starts), heading


def test_hostile_answers_stay_text_and_change_no_structure(cli, hostile_and_clean, open_page):
    hostile, clean = (open_page(cli("export", session, "-f", "html").stdout) for session in hostile_and_clean)
    assert tag_counts(hostile) == tag_counts(clean)
    assert hostile.locator("script").count() == 0 and hostile.dialogs == []
    assert not hostile.evaluate("[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))")
    text = hostile.inner_text("body")
    assert text.count("<script>alert(1)</script>") >= 20 and '<img src=x onerror="alert(2)">' in text
    assert "{{ 7*7 }}" in text and "{% if true %}ja{% endif %}" in text and "= Kop in Typst" in text


# -- PDF -------------------------------------------------------------------------------------------


def test_the_pdf_carries_the_statements_the_answers_and_the_letter(cli, full, tmp_path):
    data = export_bytes(cli, tmp_path, full, "-f", "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF-") and reader.metadata.title.startswith("Ontmoetingsdag CC Strombeek")
    text = pdf_text(data)
    for expected in (
        "Beste sector,",
        "Mensen moeten toch ook geconfronteerd worden met dingen die ze nog niet kennen?!",
        "Argument 1 van tafel 1",
        "wij/zij samen blijven discussiëren?",  # a Dutch diacritic, as text
        "BINGO! (bingo om 11:42)",
        "WAT ALS...",
        "bij de schepen van cultuur van de gemeente Grimbergen",  # a plan's header, as one sentence
        "Wat verschuift er? buitenkomen, contact met publiek opzoeken",
    ):
        assert expected in text, expected
    chapters = [o.title for o in reader.outline if not isinstance(o, list)]  # the PDF's bookmarks
    assert chapters[:2] == ["Wat er uit de bus kwam", "Voortgang"] and len(chapters) == 9 and chapters[2] == "T0 · Bingo"
    assert len(reader.pages) >= 8


def test_the_pdf_embeds_its_fonts_and_they_carry_every_dutch_diacritic(cli, tmp_path):
    name = "Één café: naïef, coördinatie, ruïne, geëerd, à la carte, façade, Ĳsselmeer — “citaat” ‘x’"
    cli("new", name, "--date", "2017-09-07")
    cli("statements", "vote", "A1", "-p", "eens", "--note", name)
    data = export_bytes(cli, tmp_path, "-f", "pdf")
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("LibertinusSerif" in name for name in fonts)
    assert pdf_text(data).count(name) >= 2  # the title and the note, every letter as written


def test_a_word_wider_than_its_bingo_cell_breaks_at_a_syllable_and_no_other_word_does(cli, tmp_path):
    cli("new", "Bingo", "--date", "2017-09-07")
    cli("bingo", "cross", "13")  # "Iedereen moet zijn verantwoordelijkheid nemen", in bold once crossed
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(export_bytes(cli, tmp_path, "-f", "pdf"))).pages]
    (card,) = [text for text in pages if "Wij/zij" in text]
    assert "verantwoordelijk\xad\nheid nemen" in card  # not run into cell 14 (a soft hyphen where it breaks)
    assert card.count("\xad") == 1  # "onderzoek", "maatstaf", "doorverbindt"… fit, and stay whole


def test_hostile_answers_are_printed_as_written_in_the_pdf(cli, hostile_and_clean, tmp_path):
    hostile, clean = (PdfReader(io.BytesIO(export_bytes(cli, tmp_path, s, "-f", "pdf"))) for s in hostile_and_clean)

    def outline(reader, items=None):
        return [outline(reader, o) if isinstance(o, list) else o.title for o in (reader.outline if items is None else items)]

    assert outline(hostile) == outline(clean)  # no heading, page or label came out of an answer
    text = words(" ".join(p.extract_text() for p in hostile.pages))
    for part in ("<script>alert(1)</script>", "{{ 7*7 }}", "= Kop in Typst", "#pagebreak() #set text(fill: red) $x^2$", "<label> @ref"):
        assert part in text, part


def test_export_all_as_pdf_writes_one_file_per_session(cli, full, tmp_path):
    cli("new", "Tweede overleg", "--date", "2018-01-10")
    out = tmp_path / "pdf"
    cli("export", "--all", "--format", "pdf", "--out-dir", str(out))
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".pdf", ".pdf"] and all(f.read_bytes().startswith(b"%PDF-") for f in files)
    (mine,) = [f for f in files if f.name.endswith(f"-{full}.pdf")]
    assert mine.read_bytes() == export_bytes(cli, tmp_path, full, "-f", "pdf")


def test_the_output_files_extension_chooses_the_format_unless_given(cli, full, tmp_path):
    for name, start in (
        ("verslag.pdf", b"%PDF-"),
        ("verslag.HTML", b"<!DOCTYPE html>"),
        ("verslag.json", b"{"),
        ("verslag.txt", b"# Ontmoetingsdag"),
    ):
        cli("export", full, "-o", str(tmp_path / name))
        assert (tmp_path / name).read_bytes().startswith(start), name
    cli("export", full, "-f", "md", "-o", str(tmp_path / "toch.pdf"))
    assert (tmp_path / "toch.pdf").read_bytes().startswith(b"# Ontmoetingsdag")
    cli("kit", "sheets", "-o", str(tmp_path / "bladen.html"))
    assert (tmp_path / "bladen.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_pdf_is_never_written_to_a_terminal(cli, session, monkeypatch):
    from tocht_cli.cli import outfile

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    with pytest.raises(Exception, match="not for a terminal") as refused:
        outfile.refuse_binary_on_terminal(None, "a PDF")
    assert refused.value.code == 2
    outfile.refuse_binary_on_terminal("verslag.pdf", "a PDF")  # a file is fine


# -- worksheets -----------------------------------------------------------------------------------


def test_six_numbered_bingo_cards_each_shuffled_and_the_same_on_a_reprint(run):
    from tocht_cli.kit import shipped

    kit = run.kits.load(shipped.DEFAULT_KIT)
    bingo = kit.exercise("bingo")
    cards = [b for b in worksheets(kit, [bingo], 6).chapters[0].parts[0].blocks if isinstance(b, BingoCard)]
    assert [c.title for c in cards] == [f"Kaart {n} van 6" for n in range(1, 7)]
    orders = [tuple(number for number, _, _ in c.cells) for c in cards]
    assert all(sorted(order) == list(range(1, 26)) for order in orders) and len(set(orders)) == 6
    assert not any(crossed for c in cards for _, _, crossed in c.cells) and {c.columns for c in cards} == {5}
    again = [b for b in worksheets(kit, [bingo], 6).chapters[0].parts[0].blocks if isinstance(b, BingoCard)]
    assert again == cards


def test_worksheets_for_a_table_of_six_print_every_exercise(cli, tmp_path, open_page):
    target = tmp_path / "werkbladen.pdf"
    cli("kit", "sheets", "-n", "6", "-o", str(target))
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = pdf_text(target.read_bytes())
    assert all(f"Kaart {n} van 6" in text for n in range(1, 7)) and "Kaart 7" not in text
    for expected in ("Groep:", "Datum:", "A3", "eens", "twijfel", "programmator", "participatie", "klein beginnen", "Suggesties"):
        assert expected in text, expected
    assert len(reader.pages) >= 6 + 6
    page = open_page(cli("kit", "sheets", "--format", "html").stdout)
    assert page.locator("figure.card").count() == 6 and page.locator("figure.card li").count() == 6 * 25
    assert page.locator("section.exercise").count() == 7 + 4 and page.locator(".box").count() > 100  # and the four room rounds
    cover = page.locator("header.cover").inner_text()  # one cover, TOCHT's letter signed; then each page is a sheet
    assert page.locator("h1").count() == 1 and "Beste sector" in cover and "— TOCHT - 7 september 2017" in cover


def test_worksheets_of_a_session_name_it_and_each_table(cli, two_groups, open_page):
    cli("edit", "--date", "2017-09-07")
    page = open_page(cli("kit", "sheets", "stellingen", "--session", two_groups, "-f", "html").stdout)
    headers = page.locator(".sheet-header").all_inner_texts()
    assert len(headers) == 2 and all("Twee tafels" in h and "2017-09-07" in h for h in headers)
    assert "tafel 1" in headers[0] and "tafel 2" in headers[1]
    assert page.locator("tbody tr").count() == 2 * 15


def test_sheets_refuse_what_they_cannot_do(cli, tmp_path):
    assert "no exercise" in cli("kit", "sheets", "nope", "-f", "html", ok=False).stderr
    assert cli("kit", "sheets", "-n", "0", "-f", "html", ok=False).exit_code == 2
    assert cli("kit", "sheets", "-o", "", ok=False).exit_code == 2


# -- the building blocks, whatever the text ---------------------------------------------------------


class Parsed(HTMLParser):
    """Start tags and text of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: Counter = Counter()
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\r"), max_size=60))
def test_any_text_in_a_table_is_one_cell_of_text(text):
    markup = str(html.table(Table(("#", "", "x"), (("1", text, Cell(text, "muted")),))))
    parsed = Parsed(markup)
    lines = text.count("\n")
    assert parsed.tags == Counter(table=1, thead=1, tbody=1, tr=2, th=4, td=2, em=1) + Counter(br=2 * lines)
    assert "".join(parsed.text).replace("\n", "") == "#x1" + 2 * text.replace("\n", "")


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(st.text(max_size=50), st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=5), st.text(max_size=30))
def test_any_chart_is_svg_an_xml_reader_takes_with_every_label_in_it(rows, title):
    chart = Bars(title, ("eens", "oneens"), tuple((label, (a, b)) for label, a, b in rows))
    tree = ElementTree.fromstring(str(charts.svg(html.environment("nl"), chart, standalone=True)))
    drawn = "".join("".join(tree.itertext()).split())
    assert all("".join(charts.xml_text(label).split()) in drawn for label, _, _ in rows)
    assert " ".join(tree.get("aria-label").split()) == " ".join(charts.xml_text(chart.described()).split())
    totals = [text.text for text in tree.iter("{http://www.w3.org/2000/svg}text") if text.text and text.text.isdigit()]
    assert all(str(a + b) in totals for _, a, b in rows if a + b)


def test_charts_have_text_of_at_least_12_px_from_a_phone_to_a_wide_screen(cli, full, open_page):
    page = open_page(cli("export", full, "-f", "html").stdout)
    smallest = """() => Math.min(...[...document.querySelectorAll('figure.chart svg')]
        .filter(svg => svg.getBoundingClientRect().width > 0)
        .flatMap(svg => [...svg.querySelectorAll('text:not([font-size])')]
            .map(() => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 12)))"""
    shown = "() => [...document.querySelectorAll('figure.chart svg')].filter(s => s.getBoundingClientRect().width > 0).length"
    for width in (360, 390, 800, 1280, 1600):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(shown) == page.locator("figure.chart").count()  # one drawing of each chart, never both
        assert page.evaluate(smallest) >= 12, width
