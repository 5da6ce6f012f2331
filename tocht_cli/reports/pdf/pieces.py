"""A tall bar chart in the PDF as pieces of a few rows, at one scale: an image never breaks across pages, so a
chart of fifteen entries went whole to the next page and left half a page blank (room trial, issue 18). The
PDF puts the pieces one under the other and may turn the page between two; the first carries the legend, and
no piece is a single row (never one row alone on a page)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tocht_cli.render.blocks import Bars
from tocht_cli.reports.html.charts import BarsLayout, bars, bars_layout, fill_defs, xml_text

if TYPE_CHECKING:
    from jinja2 import Environment

PIECE = 4  # rows a piece holds: about 3 cm of a page


def spans(count: int, size: int = PIECE) -> list[tuple[int, int]]:
    """The rows each piece holds (start, stop): `size` at a time, a last single row kept with the one before."""
    starts = list(range(0, count, size))
    if len(starts) > 1 and count - starts[-1] == 1:
        starts.pop()
    return [(start, next_start) for start, next_start in zip(starts, [*starts[1:], count], strict=True)]


def piece(whole: BarsLayout, start: int, stop: int) -> BarsLayout:
    """The rows start..stop of a laid-out chart, moved to its top (the legend only above the first)."""
    rows = whole.rows[start:stop]
    shift = 0.0 if start == 0 else rows[0].y
    moved = [replace(row, y=row.y - shift) for row in rows]
    height = moved[-1].y + moved[-1].height + 4
    return replace(whole, height=height, rows=moved, swatches=whole.swatches if start == 0 else [])


def bars_pieces(env: Environment, chart: Bars) -> list[tuple[str, str]]:
    """The chart's pieces as (standalone SVG, what it shows in words), each row at the whole chart's scale."""
    whole, defs = bars_layout(chart), fill_defs(env)
    out = []
    for start, stop in spans(len(chart.rows)):
        said = xml_text(Bars(chart.title, chart.options, chart.rows[start:stop]).described())
        out.append((str(bars(replace(piece(whole, start, stop), described=said), defs)), said))
    return out
