"""A word cloud laid out: where each word goes and how large, the same words always in the same places.

The room's screen and the printed handouts draw the same layout as SVG (positions and sizes only, no
style): the most given word in the middle and largest, the others on an outward spiral around it, each
where it overlaps none placed before. Nothing random and nothing measured in a browser, so the same
words give the same bytes; a word's width is estimated from its letters, with room to spare.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

WIDTH = 960
HEIGHT = 540
MOST_WORDS = 60  # a cloud beyond this many words is unreadable on a projector; the list under it has them all
LETTER = 0.62  # a bold letter's width as a share of its font size (generous: no two words may touch)
LINE = 1.05  # a word's height as a share of its font size
CELL = 4  # the grid a word's box is fitted to, in the cloud's units
FILL = 0.38  # the share of the cloud its words' boxes may cover: enough gaps for the spiral to find
SHRINK = 0.85  # when a word does not fit, every word is made this much smaller and all are placed again
TRIES = 6
FEWER = 0.9  # a less given word is drawn at most this share of the size of any more given one
SIZES = 5  # size classes the drawings colour words by (0: the most given)


class Placed(NamedTuple):
    """A word where it is drawn: (x, y) the middle of its baseline, its font size, its size class."""

    text: str
    given: int  # how many gave it
    x: float
    y: float
    size: float
    rank: int


class Layout(NamedTuple):
    width: int
    height: int
    words: tuple[Placed, ...]


def font_sizes(words: tuple[tuple[str, int], ...], width: int, height: int) -> list[float]:
    """Each word's size from its count (the square root keeps a few popular words from hiding the rest),
    no word wider than the cloud, and all made smaller together until they cover at most FILL of it."""
    small, big = height / 24, height / 5.5
    counts = [count for _, count in words]
    lo, hi = min(counts), max(counts)
    shares = [(0.5 if len(counts) > 8 else 0.8) if hi == lo else math.sqrt((c - lo) / (hi - lo)) for c in counts]
    sizes = [
        min(small + (big - small) * share, width * 0.9 / (len(text) * LETTER + 0.3)) for (text, _), share in zip(words, shares, strict=True)
    ]
    sizes = _ordered_by_count(counts, sizes)
    area = sum((len(text) * LETTER + 0.3) * size * size * LINE for (text, _), size in zip(words, sizes, strict=True))
    scale = min(1.0, math.sqrt(FILL * width * height / area))
    return [size * scale for size in sizes]


def _ordered_by_count(counts: list[int], sizes: list[float]) -> list[float]:
    """The sizes made to follow the counts: a long word kept narrower than the cloud must not leave a
    shorter, less given word drawn larger than it, so each word is kept below every more given one."""
    ceiling, below = math.inf, math.inf  # the smallest size of the more given words, and of the count being passed
    result = list(sizes)
    previous = None
    for index in sorted(range(len(counts)), key=lambda i: -counts[i]):
        if counts[index] != previous:
            ceiling, previous = min(ceiling, below), counts[index]
        result[index] = min(sizes[index], ceiling * FEWER)
        below = min(below, result[index])
    return result


@lru_cache(maxsize=8)
def _spiral(columns: int, rows: int) -> tuple[tuple[int, int], ...]:
    """The grid's cells outward from the middle along a spiral as wide as the cloud, each once."""
    stretch, turn, gap = columns / rows, 0.0, rows / 90
    seen: dict[tuple[int, int], None] = {}
    while (radius := gap * turn) < columns / 2:
        x, y = round(columns / 2 + radius * math.cos(turn) * stretch), round(rows / 2 + radius * math.sin(turn))
        if 0 <= x < columns and 0 <= y < rows:
            seen.setdefault((x, y), None)
        turn += min(0.5, 0.8 / (radius * stretch + 1))
    return tuple(seen)


def _place(words: tuple[tuple[str, int], ...], sizes: list[float], width: int, height: int, last: bool) -> list[Placed] | None:
    """Every word on the spiral where it overlaps nothing placed before, or None when one does not fit (then
    all are tried smaller); on the `last` try a word that does not fit is left out of the drawing (the list
    beside it names it). The cloud is a grid of CELL-unit cells, each row a bit mask of the cells taken."""
    columns, rows = width // CELL, height // CELL
    spiral = _spiral(columns, rows)
    taken = [0] * rows
    placed = []
    first = 0  # the spiral's cells before it are all taken: no word's middle can go there
    for (text, count), size in zip(words, sizes, strict=True):
        wide = math.ceil((len(text) * LETTER + 0.3) * size / CELL)
        high = math.ceil(size * LINE / CELL)
        while first < len(spiral) and taken[spiral[first][1]] >> spiral[first][0] & 1:
            first += 1
        for x, y in spiral[first:]:
            left, top = x - wide // 2, y - high // 2
            if taken[y] >> x & 1 or left < 0 or top < 0 or left + wide > columns or top + high > rows:
                continue
            mask = ((1 << wide) - 1) << left
            if any(taken[r] & mask for r in range(top, top + high)):
                continue
            for r in range(top, top + high):
                taken[r] |= mask
            placed.append((text, count, (left + wide / 2) * CELL, top * CELL + size * 0.85, size))
            break
        else:
            if not last:
                return None
    hi, lo = max(sizes), min(sizes)
    return [
        Placed(t, c, round(x, 1), round(y, 1), round(s, 1), 0 if hi == lo else min(SIZES - 1, int((hi - s) / (hi - lo) * SIZES)))
        for t, c, x, y, s in placed
    ]


@lru_cache(maxsize=64)
def layout(words: tuple[tuple[str, int], ...], width: int = WIDTH, height: int = HEIGHT, least: float = 0) -> Layout:
    """The cloud of `words` (most given first), at most MOST_WORDS of them, fitted in width × height; no word
    smaller than `least` (a phone's cloud, drawn about as large as laid out: those that no longer fit are left
    out, the least given first)."""
    shown = words[:MOST_WORDS]
    if not shown:
        return Layout(width, height, ())
    sizes = [max(least, size) for size in font_sizes(shown, width, height)]
    for attempt in range(TRIES):
        placed = _place(shown, sizes, width, height, last=attempt == TRIES - 1)
        if placed is not None:
            return Layout(width, height, tuple(placed))
        sizes = [max(least, size * SHRINK) for size in sizes]
    raise AssertionError("the last try always places")
