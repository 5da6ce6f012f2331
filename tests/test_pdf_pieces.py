"""A tall bar chart in the PDF comes in pieces at one scale, so the page may turn inside it (room trial, issue
18: a chart of fifteen entries went whole to the next page and left half a page of "De zaal" blank)."""

from __future__ import annotations

import json
import re

from tocht_cli.render.blocks import Bars
from tocht_cli.reports.html import environment
from tocht_cli.reports.html.charts import bars_layout
from tocht_cli.reports.pdf.pieces import bars_pieces, spans

CHART = Bars("Steun", ("Steun",), tuple((f"Uitdaging {n}", (12 - n,)) for n in range(9)))


def test_rows_go_in_fours_and_a_last_single_row_stays_with_the_ones_before():
    assert spans(9) == [(0, 4), (4, 9)]
    assert spans(8) == [(0, 4), (4, 8)]
    assert spans(3) == [(0, 3)]
    assert spans(1) == [(0, 1)]


def test_the_pieces_hold_every_row_once_the_legend_above_the_first_and_the_whole_charts_scale():
    pieces = bars_pieces(environment("nl"), CHART)
    assert len(pieces) == 2
    drawn = [svg for svg, _ in pieces]
    assert [len(re.findall(r"Uitdaging \d<", svg)) for svg in drawn] == [4, 5]
    assert ">Steun</text>" in drawn[0] and ">Steun</text>" not in drawn[1]  # the legend once
    widths = [float(w) for svg in drawn for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16"', svg)]
    whole = bars_layout(CHART)
    assert widths == [round(s.width, 1) for r in whole.rows for s in r.segments]  # each bar as long as in the whole chart
    assert pieces[1][1].startswith("Steun. Uitdaging 4: Steun 8")


def test_the_pdf_gets_a_tall_list_in_pieces(cli, run):
    from tocht_cli.reports import pdf
    from tocht_cli.reports.handout import session_handout

    sid = cli("new", "Proef", "-g", "tafel 1").stdout.strip()
    cli("upvotes", "add", "1", *"ABCDEFGHI", "-e", "regio-room", "-g", "tafel 1")
    for n in range(1, 10):
        cli("upvotes", "votes", "1", str(n), str(10 - n), "-e", "regio-room", "-g", "tafel 1")
    charts = list(with_pieces(json.loads(pdf.inputs(session_handout(run.workspace(sid))))))
    assert charts and all(len(c["pieces"]) == 2 for c in charts)  # nine entries: four, then five
    assert all(sum(svg.count('height="16"') for svg, _ in c["pieces"]) == 9 for c in charts)


def with_pieces(value):
    """Every chart the PDF gets in pieces, wherever it is in the document."""
    if isinstance(value, dict):
        if "pieces" in value:
            yield value
        for inner in value.values():
            yield from with_pieces(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from with_pieces(inner)
