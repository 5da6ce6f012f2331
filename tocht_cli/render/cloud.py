"""A word cloud laid out: where each word goes and how large, the same words always in the same places.

The room's screen and the printed handouts draw the same layout as SVG (positions and sizes only, no
style): the most given word in the middle and largest, the others on an outward spiral around it, each
where it overlaps none placed before. Nothing random and nothing measured in a browser, so the same
words give the same bytes; a word's width is estimated from its letters, with room to spare.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

WIDTH = 960
HEIGHT = 540
MOST_WORDS = 60  # a cloud beyond this many words is unreadable on a projector; the list under it has them all
LETTER = 0.62  # a bold letter's width as a share of its font size (generous: no two words may touch)
LINE = 1.05  # a word's height as a share of its font size
STEP = 6.0  # how far apart (in the cloud's units) the places tried on the spiral are
FILL = 0.38  # the share of the cloud its words' boxes may cover: enough gaps for the spiral to find
SHRINK = 0.85  # when a word does not fit, every word is made this much smaller and all are placed again
TRIES = 6
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
    area = sum((len(text) * LETTER + 0.3) * size * size * LINE for (text, _), size in zip(words, sizes, strict=True))
    scale = min(1.0, math.sqrt(FILL * width * height / area))
    return [size * scale for size in sizes]


def _box(text: str, size: float, x: float, y: float) -> tuple[float, float, float, float]:
    half = (len(text) * LETTER * size + size * 0.3) / 2
    return (x - half, y - size * 0.85, x + half, y - size * 0.85 + size * LINE)


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    left, top, right, bottom = box
    return any(left < r and right > lft and top < b and bottom > t for lft, t, r, b in boxes)


def _spiral(width: int, height: int, size: float) -> Iterator[tuple[float, float]]:
    """Places outward from the middle, about STEP units apart along the spiral, until it leaves the cloud."""
    stretch, turn, gap = width / height, 0.0, height / 90
    while (radius := gap * turn) < width / 2:
        yield width / 2 + radius * math.cos(turn) * stretch, height / 2 + size * 0.35 + radius * math.sin(turn)
        turn += min(0.5, STEP / (radius * stretch + 1))


def _place(words: tuple[tuple[str, int], ...], sizes: list[float], width: int, height: int, last: bool) -> list[Placed] | None:
    """Every word on the spiral, or None when one does not fit (then all are tried smaller); on the `last`
    try a word that does not fit is left out of the drawing (the list beside it names it)."""
    boxes: list[tuple[float, float, float, float]] = []
    placed = []
    for (text, count), size in zip(words, sizes, strict=True):
        for x, y in _spiral(width, height, size):
            box = _box(text, size, x, y)
            if box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height and not _overlaps(box, boxes):
                boxes.append(box)
                placed.append((text, count, x, y, size))
                break
        else:
            if not last:
                return None
    hi = max(sizes)
    lo = min(sizes)
    return [
        Placed(t, c, round(x, 1), round(y, 1), round(s, 1), 0 if hi == lo else min(SIZES - 1, int((hi - s) / (hi - lo) * SIZES)))
        for t, c, x, y, s in placed
    ]


@lru_cache(maxsize=64)
def layout(words: tuple[tuple[str, int], ...], width: int = WIDTH, height: int = HEIGHT) -> Layout:
    """The cloud of `words` (most given first), at most MOST_WORDS of them, fitted in width × height."""
    shown = words[:MOST_WORDS]
    if not shown:
        return Layout(width, height, ())
    sizes = font_sizes(shown, width, height)
    for attempt in range(TRIES):
        placed = _place(shown, sizes, width, height, last=attempt == TRIES - 1)
        if placed is not None:
            return Layout(width, height, tuple(placed))
        sizes = [size * SHRINK for size in sizes]
    raise AssertionError("the last try always places")
