"""render/richbits.py: the pieces of rich tocht copied rather than import from rich's private modules.

Each is checked here against rich's public behaviour, so that a rich release that measures or
breaks text otherwise fails here (and in the golden screens) rather than on a facilitator's
screen. test_styled.py puts the whole of render/styled.py and render/layout.py beside rich's Text, Table and grid.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tests.helpers.examples import examples
from tocht_cli.render.richbits import SINGLE_CELLS, divide_line, is_single_cell_widths, ratio_distribute

PIECES = ["a", "woord", "verantwoordelijkheidsgevoel", " ", "  ", "é", "日本", "語", "🎉", "-", "x y", "Ünïcödé"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


def test_every_single_cell_character_is_one_cell_for_rich():
    assert {c for c in SINGLE_CELLS if cell_len(c) != 1} == set()
    assert is_single_cell_widths("Zoë's ronde") and not is_single_cell_widths("日本")


@settings(deadline=None, max_examples=examples(300))
@given(texts, st.integers(min_value=2, max_value=30))  # a wide character needs two cells
def test_divide_line_breaks_where_rich_wraps(text, width):
    """The lines rich's Text.wrap (fold) makes of a line start where divide_line says."""
    console = Console(width=width, color_system=None, force_terminal=False)
    theirs = [line.plain for line in Text(text).wrap(console, width, overflow="fold", no_wrap=False)]
    cuts = [0, *divide_line(text, width), len(text)]
    ours = [text[a:b] for a, b in itertools.pairwise(cuts)]
    assert [line.rstrip() for line in ours] == [line.rstrip() for line in theirs]


@pytest.mark.parametrize(
    "total, ratios, minimums",
    [
        (80, [1, 1, 1], [1, 1, 1]),
        (79, [2, 1], [1, 1]),
        (10, [1, 1, 1], [2, 1, 1]),
        (100, [3, 1, 2], [5, 40, 1]),
        (7, [1], [1]),
        (9, [1, 5], [6, 1]),
    ],
)
def test_ratio_distribute_shares_as_rich_shares_a_tables_width(total, ratios, minimums):
    """An expanding table without borders or padding, its columns with these ratios and least widths,
    draws its columns as wide as ratio_distribute says (each cell's letter starts its column)."""
    table = Table(box=None, padding=0, show_header=False, show_edge=False, expand=True, pad_edge=False)
    letters = "abcdefgh"[: len(ratios)]
    for ratio, least in zip(ratios, minimums, strict=True):
        table.add_column(ratio=ratio, width=least, no_wrap=True)
    table.add_row(*letters)
    console = Console(width=total, color_system=None, force_terminal=False)
    with console.capture() as drawn:
        console.print(table)
    row = drawn.get().rstrip("\n").ljust(total)
    starts = [row.index(letter) for letter in letters]
    assert ratio_distribute(total, ratios, minimums) == [b - a for a, b in zip(starts, [*starts[1:], total], strict=True)]
