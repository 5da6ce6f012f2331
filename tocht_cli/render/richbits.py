"""Three small pieces of rich that rich keeps private, copied so that tocht imports none of them.

render/styled.py and render/layout.py draw text as rich would (the same cells, the same line breaks, the same
column widths) without rich's console. rich offers what they need only in private modules
(rich._wrap, rich._ratio, rich.cells._is_single_cell_widths), which may change in any release;
these copies change only when we change them. tests/test_richbits.py checks them against rich's
public behaviour (Text.wrap, cell_len, Table's widths), so an upgrade of rich that draws
otherwise fails there and in the golden files rather than on a facilitator's screen.

Copied from rich 15.0.0 (rich/cells.py, rich/_wrap.py, rich/_ratio.py) under its licence:

    Copyright (c) 2020 Will McGugan

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain
from math import ceil

from rich.cells import cell_len, chop_cells

# The characters rich counts as one cell each without looking them up (most Latin, Greek, Cyrillic,
# box drawing, Braille): rich's _SINGLE_CELL_UNICODE_RANGES
_SINGLE_CELL_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
SINGLE_CELLS = frozenset(map(chr, chain.from_iterable(range(start, end + 1) for start, end in _SINGLE_CELL_RANGES)))

# True when every character of the text is one cell wide (rich's _is_single_cell_widths)
is_single_cell_widths: Callable[[str], bool] = SINGLE_CELLS.issuperset

# A word and the spaces around it, as rich's wrapping sees words (rich._wrap.re_word), except that a
# no-break space is part of a word, never where a line breaks or is stripped: "(vorige keer)" stays whole
re_word = re.compile(r"[^\S\xa0]*[\S\xa0]+[^\S\xa0]*")
BREAKING_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\xa0")  # what str.rstrip() strips, but it


def divide_line(text: str, width: int) -> list[int]:
    """Where rich breaks a line to fit `width` cells, words longer than a line folded
    (rich._wrap.divide_line with fold=True): the offsets the new lines start at."""
    breaks: list[int] = []
    offset = 0
    for found in re_word.finditer(text):
        start, word = found.start(), found.group()
        length = cell_len(word.rstrip(BREAKING_SPACES))
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width=width)
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """`total` shared out by `ratios`, none below its minimum (rich._ratio.ratio_distribute): how
    rich's tables and grids share the width among their columns."""
    if minimums:
        ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=False)]
    total_ratio = sum(ratios)
    if total_ratio <= 0:
        raise ValueError("the ratios must add up to more than 0")
    remaining = total
    shares: list[int] = []
    for ratio, least in zip(ratios, minimums or [0] * len(ratios), strict=False):
        share = max(least, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        shares.append(share)
        total_ratio -= ratio
        remaining -= share
    return shares
