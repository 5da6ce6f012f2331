"""Building blocks of a Markdown summary: escaped cells, pipe tables, tallies and vote bars.

Everything here is deterministic (no clock, no set order), so the same answers
always give the same bytes and a summary diffs cleanly in git.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tocht_cli.exercises.blocks import Block, Paragraph
from tocht_cli.text import md_escape

BAR_WIDTH = 10
BAR_MARKS = "█▒░▞▚▓"


def md(text: str | None) -> str:
    """User or kit text, escaped for use inside a line."""
    return md_escape(text or "")


def table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """A pipe table; cells are Markdown already (escape them with `md`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def emphasis(text: str) -> str:
    """Italic (already escaped) text: how an unanswered item is marked."""
    return f"*{text}*" if text else ""


def paragraph_lines(blocks: Iterable[Block]) -> list[str]:
    """A page's paragraphs (the line that sums up what is left open) as Markdown, in their tone."""
    marks = {"": "", "strong": "**", "muted": "*"}
    return [f"{marks[b.tone]}{md(b.text)}{marks[b.tone]}" for b in blocks if isinstance(b, Paragraph) and b.text]


def tally(values: Iterable[str | None], order: Iterable[str] = ()) -> str:
    """'eens 2 · oneens 1' (plain text): how often each value occurs, in the kit's order, then by first sight; a value
    never parts from its number where a cell wraps."""
    counts = Counter(v for v in values if v)
    ordered = [o for o in order if o in counts] + [v for v in counts if v not in set(order)]
    return " · ".join(f"{v}\u00a0{counts[v]}" for v in ordered)


def hands(counts: dict[str, int], options: Iterable[str], space: str = " ") -> str:
    """'eens 5 · oneens 2' from a show of hands; `space` "\u00a0" keeps a position with its number in a cell."""
    return " · ".join(f"{o}{space}{counts[o]}" for o in options if counts.get(o))


def bar(counts: dict[str, int], options: list[str], width: int = BAR_WIDTH) -> str:
    """A fixed-width bar of the hands per option (largest remainder, so it always fills `width`)."""
    total = sum(counts.get(o, 0) for o in options)
    if not total:
        return ""
    exact = [counts.get(o, 0) * width / total for o in options]
    cells = [int(x) for x in exact]
    by_remainder = sorted(range(len(options)), key=lambda i: (-(exact[i] - cells[i]), i))
    for i in by_remainder[: width - sum(cells)]:
        cells[i] += 1
    return "`" + "".join(BAR_MARKS[i % len(BAR_MARKS)] * n for i, n in enumerate(cells)) + "`"


def legend(options: list[str]) -> str:
    return " · ".join(f"`{BAR_MARKS[i % len(BAR_MARKS)]}` {md(o)}" for i, o in enumerate(options))
