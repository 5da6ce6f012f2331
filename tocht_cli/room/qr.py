"""The join address as a QR code: SVG for the screen page, half blocks for the terminal (segno, pure Python)."""

from __future__ import annotations

import segno


def svg(url: str) -> str:
    """Inline SVG that scales with the page, dark on light whatever the page's colours."""
    code = segno.make(url, error="m")
    return str(code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff"))


def blocks(url: str) -> list[str]:
    """The code as lines of half blocks (two rows of modules per line), to print black on white."""
    rows = [list(row) for row in segno.make(url, error="m").matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    glyphs = {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}
    return [
        "".join(glyphs[bool(a), bool(b)] for a, b in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True)
    ]
