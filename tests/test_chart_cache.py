"""A chart of the same facts at the same width is drawn once per process (`export --all` renders many
sessions whose unanswered exercises and carried answers repeat), and a different fact is drawn anew."""

from __future__ import annotations

from tocht_cli.render.blocks import Bars
from tocht_cli.reports import html
from tocht_cli.reports.html import charts


def test_the_same_chart_is_drawn_once_and_another_anew(monkeypatch):
    drawn = []
    real = charts.svg

    def counting(env, block, standalone=False, width=charts.WIDTH):
        drawn.append((block.title, width))
        return real(env, block, standalone, width)

    monkeypatch.setattr(charts, "svg", counting)
    chart = html.environment("nl").globals["chart"]
    bars = Bars("Handen (cache)", ("eens", "oneens"), (("stelling 1", (3, 1)),))
    first = chart(bars)
    assert chart(Bars("Handen (cache)", ("eens", "oneens"), (("stelling 1", (3, 1)),))) == first
    chart(bars, width=charts.NARROW)
    chart(Bars("Handen (cache)", ("eens", "oneens"), (("stelling 1", (2, 2)),)))
    assert drawn == [("Handen (cache)", charts.WIDTH), ("Handen (cache)", charts.NARROW), ("Handen (cache)", charts.WIDTH)]
    assert ">3</text>" in first


def test_a_chart_built_with_a_list_inside_is_drawn_all_the_same():
    chart = html.environment("nl").globals["chart"]
    bars = Bars("Handen (lijst)", ("eens",), [("stelling 1", (3,))])  # type: ignore[arg-type]
    assert ">3</text>" in chart(bars) and chart(bars) == chart(bars)
