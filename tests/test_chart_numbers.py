"""A handout's bar chart writes each number once (room trial, issue 21: inside the bar and after it)."""

from __future__ import annotations

from tocht_cli.render.blocks import Bars
from tocht_cli.reports.html.charts import bars_layout


def test_a_bar_of_one_part_writes_its_number_only_after_it():
    layout = bars_layout(Bars("Steun", ("Steun",), (("Meer jongeren bereiken", (8,)), ("Een gedeelde kalender", (5,)))))
    assert [r.total for r in layout.rows] == [8, 5]
    assert not any(s.labelled for r in layout.rows for s in r.segments)


def test_a_bar_of_several_parts_writes_each_part_inside_and_the_total_after():
    layout = bars_layout(Bars("Stemmen", ("eens", "oneens"), (("A1", (6, 4)),)))
    assert [s.count for s in layout.rows[0].segments if s.labelled] == [6, 4] and layout.rows[0].total == 10
