"""The HTML handout as a phone, a tablet and a desktop show it: no ordinary word is split across lines (issue 18:
"programmator" came out as "program / mator"); only a word wider than its cell may break. Measured in Chromium
with a Range per word: a word whose boxes lie on two lines was split."""

from __future__ import annotations

import pytest

from tests.helpers.files import ROOT

FULL = ROOT / "tests" / "data" / "full-session.json"
WIDTHS = [360, 390, 768, 1280, 1600]

# Every word of every text node outside the charts: the words split over lines that would have fit their box.
SPLIT_WORDS = """() => {
  const split = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest("svg")) continue;
    for (const m of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (new Set(rects.map(r => Math.round(r.bottom))).size < 2) continue;
      const box = node.parentElement.closest("td, th, li, dd, dt, p, figcaption, h1, h2, h3, h4, blockquote, span.option");
      const style = getComputedStyle(box);
      const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const wide = rects.reduce((sum, r) => sum + r.width, 0);
      if (wide <= room) split.push(m[0]);
    }
  }
  return split;
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The full two-table session's handout and the kit's worksheets, as HTML files."""
    from typer.testing import CliRunner

    from tocht_cli.cli.app import app

    folder = tmp_path_factory.mktemp("words")
    runner = CliRunner()
    env = {"TOCHT_DB": str(folder / "db" / "tocht.json"), "TOCHT_CACHE_DIR": str(folder / "cache")}
    session = runner.invoke(app, ["import", str(FULL)], env=env).stdout.strip()
    out = {}
    for name, args in (
        ("handout", ["export", session, "--format", "html"]),
        ("worksheets", ["kit", "sheets", "-n", "2", "--format", "html"]),
    ):
        path = folder / f"{name}.html"
        result = runner.invoke(app, [*args, "-o", str(path)], env=env)
        assert result.exit_code == 0, result.output
        out[name] = path
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["handout", "worksheets"])
def test_no_ordinary_word_is_split_across_lines(browser, pages, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(pages[name].as_uri())
        assert page.evaluate(SPLIT_WORDS) == []
        assert page.evaluate(OVERFLOW) <= 0  # and nothing runs off the side: tables fit a phone
    finally:
        page.close()
