"""tocht's own terminal text and layouts (render/styled.py, render/layout.py) draw what rich draws, without rich's console.

Property tests put them side by side with rich on the same input: the same lines, the same
characters in the same styles, the same tables, grids and rules. Then what a terminal, a pipe
and a dumb terminal get, and that `tocht show` never imports rich's console.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text as RichText

from tests.helpers.examples import examples
from tocht_cli.base.text import terminal_safe
from tocht_cli.render import styled
from tocht_cli.render.layout import Answers, Cards, Col, Framed, Hanging, Heading

PIECES = [
    "a",
    "woord",
    "verantwoordelijkheidsgevoel",
    " ",
    "  ",
    "\t",
    "\n",
    "é",
    "ë",
    "日本",
    "語",
    "🎉",
    "👩\u200d👩\u200d👧",
    "-",
    "\u00a0",
    "x y",
    "\x1b",
]
STYLES = ["", "bold", "dim", "italic", "bold reverse", "bold yellow", "green"]

texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
runs = st.lists(st.tuples(texts, st.sampled_from(STYLES)), max_size=4)


def console(width: int) -> Console:
    return Console(width=width, color_system=None, force_terminal=False, markup=False, highlight=False, emoji=False)


def both(base: str, parts: list[tuple[str, str]]) -> tuple[RichText, styled.Text]:
    ours, theirs = styled.Text(style=base), RichText(style=base)
    for text, style in parts:
        ours.append(text, style)
        theirs.append(text, style or None)
    return theirs, ours


def letter(text: str) -> str:
    """A no-break space as a letter ("~"): tocht wraps it as rich wraps a letter, joining the words either
    side ("(vorige keer)" is never split), where rich would break the line at it."""
    return text.replace("\xa0", "~")


def lettered(drawn: str) -> str:
    """Drawn lines with no-break spaces as letters, each without what it ends in (a line's last space is
    dropped as printed, a no-break one too)."""
    return "\n".join(letter(line).rstrip(" ~") for line in drawn.split("\n")).rstrip("\n")


def characters(line: styled.Text) -> list[tuple[str, Style]]:
    return [(ch, Style.parse(style) if style else Style()) for text, style in line.styled() for ch in text]


def rich_characters(line: RichText, c: Console) -> list[tuple[str, Style]]:
    return [(ch, line.get_style_at_offset(c, n)) for n, ch in enumerate(line.plain)]


@settings(max_examples=examples(400), deadline=None)
@given(base=st.sampled_from(STYLES), parts=runs, width=st.integers(1, 40), justify=st.sampled_from(["default", "left", "right", "center"]))
def test_text_wraps_as_rich_wraps_it_character_for_character(base, parts, width, justify):
    theirs, _ = both(base, [(letter(text), style) for text, style in parts])
    ours = both(base, parts)[1]
    c = console(width)
    expected = theirs.wrap(c, width, justify=justify, overflow="fold")
    got = ours.wrap(width, justify)
    assert [letter(line.plain) for line in got] == [line.plain for line in expected]
    if justify == "default":  # padding spaces: rich gives them the base style only, and so do we
        assert [[(letter(ch), style) for ch, style in characters(line)] for line in got] == [rich_characters(line, c) for line in expected]


def drawn_by_rich(renderable, width: int) -> str:
    """As tocht printed with rich: every text cleaned of control characters (console.py), lines ending without spaces."""
    c = console(width)
    with c.capture() as capture:
        c.print(renderable)
    return "\n".join(terminal_safe(line).rstrip() for line in capture.get().split("\n")).rstrip("\n")


def drawn_here(renderable, width: int) -> str:
    return styled.rendered([renderable], styled.Terminal(io.StringIO(), environ={"COLUMNS": str(width)})).rstrip("\n")


cells = st.lists(st.sampled_from(PIECES[:12]), min_size=0, max_size=6).map("".join)


@settings(max_examples=examples(200), deadline=None)
@given(
    headers=st.lists(st.sampled_from(["", "#", "Wat", "Standpunt", "tafel één", "Notitie bij de stelling"]), min_size=1, max_size=5),
    data=st.data(),
    width=st.integers(20, 160),
    title=st.sampled_from([None, "Voortgang", "Een lange titel die over de breedte van de tabel kan lopen en dan wraps"]),
)
def test_an_answers_table_is_the_table_rich_draws_with_its_widths(headers, data, width, title):
    columns = [
        Col(h, ratio=data.draw(st.integers(0, 3)), short=data.draw(st.booleans()), justify=data.draw(st.sampled_from(["left", "right"])))
        for h in headers
    ]
    table = Answers(columns, title=title)
    for _ in range(data.draw(st.integers(0, 4))):
        table.add_row(*[data.draw(cells) for _ in columns], style=data.draw(st.sampled_from(["", "bold"])))
    needed = table.needed()
    if not table.fits(needed, width):
        return
    widths = table.widths(needed, width)
    drawn = sum(widths) + 3 * len(columns) + 1
    assert drawn == width if any(not col.short for col in columns) else drawn <= width  # never wider than the width
    wraps = len(title or "") > drawn  # a title longer than the table: a left-aligned paragraph, no centred orphan line
    theirs = Table(title=title, title_justify="left" if wraps else "center", show_header=any(col.header for col in columns))
    for col, w in zip(columns, widths, strict=True):
        theirs.add_column(col.header, width=w, no_wrap=False, overflow="fold", justify=col.justify)
    for row, style in table.rows:
        theirs.add_row(*row, style=style or None)
    assert drawn_here(table, width) == drawn_by_rich(theirs, width)


@settings(max_examples=examples(150), deadline=None)
@given(cards=st.lists(texts, min_size=1, max_size=9), width=st.integers(10, 140), most=st.integers(1, 5), indent=st.integers(0, 6))
def test_cards_are_the_grid_rich_draws(cards, width, most, indent):
    ours = Cards([styled.Text(c) for c in cards], most=most, indent=indent)
    n = ours.columns(width)
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(n):
        grid.add_column(ratio=1, overflow="fold")
    for row in range(0, len(cards), n):
        grid.add_row(*[_RichHanging(RichText(letter(c)), indent) for c in cards[row : row + n]])
    assert lettered(drawn_here(ours, width)) == lettered(drawn_by_rich(grid, width))


class _RichHanging:
    """What layout.Hanging drew with rich (before it drew itself): its lines, wrapped under the first."""

    def __init__(self, text: RichText, indent: int, first: int = 0) -> None:
        self.text, self.indent, self.first = text, indent, first

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        text = self.text
        lines = list(text.wrap(console, max(1, options.max_width - self.first), overflow="fold"))
        if len(lines) > 1 and self.indent != self.first:
            offset = len(lines[0].plain)
            offset += len(text.plain[offset:]) - len(text.plain[offset:].lstrip(" "))
            offset += text.plain.startswith("\n", offset)  # as layout.Hanging: no empty line after the first line's break
            lines = lines[:1] + list(text[offset:].wrap(console, max(1, options.max_width - self.indent), overflow="fold"))
        for n, line in enumerate(lines):
            pad = self.first if n == 0 else self.indent
            if pad:
                yield Segment(" " * pad)
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


@settings(max_examples=examples(150), deadline=None)
@given(text=texts, width=st.integers(4, 100), indent=st.integers(0, 8), first=st.integers(0, 8))
def test_hanging_text_is_what_it_was_with_rich(text, width, indent, first):
    ours = drawn_here(Hanging(styled.Text(text), indent, first), width)
    assert lettered(ours) == lettered(drawn_by_rich(_RichHanging(RichText(letter(text)), indent, first), width))


@given(title=st.sampled_from(["T1a · Stellingenspel", "kort", "日本語のタイトル", "a\tb"]), width=st.integers(8, 120))
def test_a_heading_is_rich_rule(title, width):
    if cell_len(title) + 6 <= width:
        expected = drawn_by_rich(Rule(title, align="left"), width)
    else:
        expected = drawn_by_rich(RichText(title), width) + "\n" + drawn_by_rich(Rule(), width)
    assert drawn_here(Heading(title), width) == expected


@given(text=texts, width=st.integers(6, 120))
def test_a_boxed_call_is_riches_panel_around_centred_text(text, width):
    """The walk's BINGO banner, once a rich Panel, now the `Banner` block drawn by render/terminal."""
    from rich.panel import Panel

    ours = drawn_here(Framed(styled.Text(text, style="bold"), justify="center"), width)
    assert lettered(ours) == lettered(drawn_by_rich(Panel(RichText(letter(text), style="bold", justify="center"), expand=True), width))


@given(body=texts, title=texts, lead=texts, subtitle=texts, width=st.integers(6, 120))
def test_a_frame_is_riches_panel_with_its_title_and_subtitle(body, title, lead, subtitle, width):
    """The walk's panels (an exercise's opening, an item), once rich Panels, now the `Framed` block."""
    from rich.panel import Panel

    heading = styled.Text(lead, style="bold cyan").append(title, "bold") if lead or title else None
    ours = drawn_here(Framed(styled.Text(body), heading, subtitle), width)
    theirs = RichText(letter(lead), style="bold cyan").append(letter(title), "bold") if lead or title else None
    panel = Panel(RichText(letter(body)), title=theirs, subtitle=RichText(letter(subtitle)) if subtitle else None, title_align="left")
    assert lettered(ours) == lettered(drawn_by_rich(panel, width))


def test_a_table_never_squeezes_its_columns_when_a_late_column_has_a_long_word():
    """A web address in the notes made the ratio shares add up to more than the width; rich then
    squeezed every column and cut the ids and the headers ("Standp unt"). Each column gets its
    longest word first now, and the rest is shared."""
    table = Answers([Col("#", short=True), Col("Wat", ratio=3), Col("Standpunt", short=True), Col("Notitie", ratio=2)])
    table.add_row(
        "A1",
        "Je gaat gewoon in op wat er leeft bij mensen",
        "eens",
        "zie https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all",
    )
    drawn = drawn_here(table, 120)
    assert (
        "│ A1 │" in drawn and "Standpunt" in drawn and "https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all" in drawn
    )
    assert all(len(line) == 120 for line in drawn.splitlines())


# -- where it is written ------------------------------------------------------------------


def written(environ: dict[str, str], tty: bool = False) -> str:
    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    stream = Stream()
    line = styled.Text("Datum: ", style="bold").append("27 november").append(" ✓", "green")
    styled.write([line], styled.Terminal(stream, environ=environ))
    return stream.getvalue()


def test_a_terminal_gets_styles_a_pipe_and_a_dumb_terminal_plain_text():
    assert written({}, tty=True) == "\x1b[1mDatum: 27 november\x1b[0m\x1b[1;32m ✓\x1b[0m\n"
    assert written({}) == "Datum: 27 november ✓\n"
    assert written({"TERM": "dumb"}, tty=True) == "Datum: 27 november ✓\n"
    assert written({"FORCE_COLOR": "1"}).startswith("\x1b[1m")  # as rich: FORCE_COLOR makes a terminal
    assert written({"TTY_COMPATIBLE": "0"}, tty=True) == "Datum: 27 november ✓\n"
    assert written({"NO_COLOR": "1"}, tty=True) == "\x1b[1mDatum: 27 november\x1b[0m\x1b[1m ✓\x1b[0m\n"  # bold stays, colour goes


@pytest.mark.parametrize("environ", [{}, {"FORCE_COLOR": "1"}])
def test_control_characters_in_any_text_never_reach_the_terminal(environ):
    stream = io.StringIO()
    styled.write([styled.Text("naam \x1b]0;titel\x07 en \x1b[2J", style="bold")], styled.Terminal(stream, environ=environ))
    assert "\x1b]" not in stream.getvalue() and "\x1b[2J" not in stream.getvalue() and "\x07" not in stream.getvalue()
    assert "naam" in stream.getvalue()


def test_the_width_is_rich_width(monkeypatch):
    assert styled.Terminal(io.StringIO(), environ={"COLUMNS": "57"}).width == 57
    assert styled.Terminal(io.StringIO(), environ={"TERM": "dumb", "FORCE_COLOR": "1", "COLUMNS": "57"}).width == 80


@pytest.mark.parametrize("args", [["show"], ["statements", "-g", "tafel 1"], ["kit", "show"]])
def test_the_terminal_views_never_import_riches_console(cli, args, isolated_db):
    """The point of drawing here: `tocht show` without the ~20 ms rich's console costs to import."""
    cli("new", "Overleg", "-g", "tafel 1")
    code = (
        f"import sys; sys.argv = ['tocht', *{args!r}]\nfrom tocht_cli.launch import main\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print('rich.console' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"}, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def test_a_title_longer_than_its_table_is_a_left_aligned_paragraph():
    """An exercise's instruction above its table: no lone last line centred under the others ("GC's.")."""
    table = Answers(
        [Col("#", short=True), Col("Wat", ratio=1)], title="Verbind de keten van de kunsten met de opdracht van de CC's & GC's."
    )
    table.add_row("1", "x")
    lines = drawn_here(table, 40).splitlines()
    assert lines[:2] == ["Verbind de keten van de kunsten met de", "opdracht van de CC's & GC's."]


def test_hanging_text_broken_after_its_first_line_has_no_empty_line():
    """compare's arguments: "Belangrijkste argumenten: • Luisteren…⏎⏎  • Ja maar…": one list, split by an empty line."""
    drawn = Hanging(styled.Text("Argumenten: • Luisteren is de basis\n• Ja maar ook verrassen → –"), 6, first=4).lines(80)
    assert [line.plain for line in drawn] == ["    Argumenten: • Luisteren is de basis", "      • Ja maar ook verrassen → –"]
