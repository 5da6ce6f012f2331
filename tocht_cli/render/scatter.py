"""An opinion map drawn as SVG: the room's screen puts it inline, the HTML handout too, the PDF embeds it.

Each group has a colour and a shape of its own (A a circle, B a square, C a triangle, D a diamond), so the
map reads in black and white; a device is a dot and nothing more. Dots that fall on the same place (the
same votes) are one dot drawn larger, with how many it stands for written in it. The plane keeps one scale on both axes, centred on the room's middle,
and every coordinate is written with one decimal: the same map gives the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from tocht_cli.render.blocks import Scatter

COLOURS = {"A": "#1f4e79", "B": "#b5472f", "C": "#2e7d32", "D": "#7b3f98", "": "#4d4d4d"}
LEGEND = 28  # the legend's line above the plane, in the SVG's units at a width of 680
TEXT = 14  # the legend's font size in those units: at least 12 px where a handout's narrow map is 337 px wide
LETTER = 0.56  # a legend letter's width as a share of TEXT (for lining the legend up)


def px(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def marker(group: str, x: float, y: float, r: float) -> str:
    """A dot in its group's shape and colour, centred on (x, y)."""
    colour = COLOURS.get(group, COLOURS[""])
    paint = f'class="dot g-{group or "all"}" fill="{colour}" fill-opacity="0.8" stroke="#fff" stroke-width="{px(max(1.0, r / 5))}"'
    if group == "B":
        return f'<rect x="{px(x - r * 0.9)}" y="{px(y - r * 0.9)}" width="{px(r * 1.8)}" height="{px(r * 1.8)}" {paint}/>'
    if group in ("C", "D"):
        corners = [(0, -1.2), (1.05, 0.65), (-1.05, 0.65)] if group == "C" else [(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)]
        points = " ".join(f"{px(x + dx * r)},{px(y + dy * r)}" for dx, dy in corners)
        return f'<polygon points="{points}" {paint}/>'
    return f'<circle cx="{px(x)}" cy="{px(y)}" r="{px(r)}" {paint}/>'


def svg(
    chart: Scatter, width: int = 680, height: int = 440, font: str = "", standalone: bool = False, marks: float = 1.0, narrow: bool = False
) -> str:
    """The map as an `<svg>` element `width` × `height` (its own units; CSS may scale it), the legend on top,
    each group's letter at its middle; `font` names the font family (the page's own when empty); `marks`
    draws dots, letters and the legend larger (the back of a hall); `narrow` marks a handout's phone-sized copy."""
    unit = width / 680 * marks
    keys, rows = legend(chart, unit, width)
    top, margin = rows * LEGEND * unit, 14 * width / 680
    plane_w, plane_h = width - 2 * margin, height - top - 2 * margin
    reach = max((max(abs(x), abs(y)) for x, y, _g in chart.dots), default=0.0) or 1.0
    scale = min(plane_w, plane_h) / 2 / reach
    mid_x, mid_y = width / 2, top + margin + plane_h / 2
    described = escape(chart.described())
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    narrowed = " narrow" if narrow else ""  # a handout has the map at two widths, its CSS shows the one that fits
    family = f' font-family="{escape(font)}"' if font else ""
    out = [
        f'<svg{xmlns} class="opinion-map{narrowed}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{described}" font-size="{px(TEXT * unit)}"{family}>\n<title>{described}</title>\n',
        f'<rect x="{px(margin)}" y="{px(top + margin)}" width="{px(plane_w)}" height="{px(plane_h)}" fill="none" stroke="#bbb" stroke-width="0.75" class="frame"/>\n',
        f'<line x1="{px(mid_x)}" y1="{px(top + margin)}" x2="{px(mid_x)}" y2="{px(top + margin + plane_h)}" stroke="#ddd" stroke-width="0.75" class="axis"/>',
        f'<line x1="{px(margin)}" y1="{px(mid_y)}" x2="{px(margin + plane_w)}" y2="{px(mid_y)}" stroke="#ddd" stroke-width="0.75" class="axis"/>\n',
    ]
    out += keys
    places: Counter[tuple[float, float, str]] = Counter(
        (round(mid_x + x * scale, 1), round(mid_y - y * scale, 1), group) for x, y, group in chart.dots
    )
    for (x, y, group), count in sorted(places.items()):
        r = 7 * unit * math.sqrt(1 + 0.5 * (count - 1))
        out.append(marker(group, x, y, r) + "\n" + (how_many(x, y, r, count) if count > 1 else ""))
    out += letters(chart, mid_x, mid_y, scale, unit, top + margin + 22 * unit)
    out.append("</svg>")
    return "".join(out)


def how_many(x: float, y: float, r: float, count: int) -> str:
    """The number of devices a dot stands for, written in it: phones that voted alike fall on one place."""
    return (
        f'<text x="{px(x)}" y="{px(y + r * 0.42)}" class="count" text-anchor="middle" font-size="{px(r * 1.2)}" font-weight="bold" '
        f'fill="#fff">{count}</text>\n'
    )


def legend(chart: Scatter, unit: float, width: int) -> tuple[list[str], int]:
    """Each group's shape and what it is, side by side above the plane, on as many lines as they need."""
    out, x, line = [], 14 * unit, 0
    for group, said in chart.legend:
        wide = (30 + TEXT * LETTER * len(said)) * unit
        if x > 14 * unit and x + wide > width:
            x, line = 14 * unit, line + 1
        y = line * LEGEND * unit
        out.append(marker(group, x + 6 * unit, y + 14 * unit, 6 * unit))
        out.append(f'<text x="{px(x + 18 * unit)}" y="{px(y + 19 * unit)}" class="legend">{escape(said)}</text>\n')
        x += wide
    return out, line + 1


def letters(chart: Scatter, mid_x: float, mid_y: float, scale: float, unit: float, floor: float) -> list[str]:
    """Each group's letter above its dots (at their middle across, just over the highest), with a white edge
    that keeps it legible where it crosses another group's: never over a dot of its own, which may be all of them."""
    out = []
    for group in sorted({g for _x, _y, g in chart.dots if g}):
        mine = [(x, y) for x, y, g in chart.dots if g == group]
        x = mid_x + sum(p[0] for p in mine) / len(mine) * scale
        top = mid_y - max(p[1] for p in mine) * scale - 7 * unit * math.sqrt(1 + 0.5 * (len(mine) - 1)) - 6 * unit
        y = max(top, floor)  # inside the plane, under the legend
        out.append(
            f'<text x="{px(x)}" y="{px(y)}" class="letter g-{group}" text-anchor="middle" font-size="{px(26 * unit)}" font-weight="bold" '
            f'fill="{COLOURS[group]}" stroke="#fff" stroke-width="{px(4 * unit)}" paint-order="stroke">{escape(group)}</text>\n'
        )
    return out
