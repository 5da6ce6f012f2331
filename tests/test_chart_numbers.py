"""A handout's bar chart writes each number once (room trial, issue 21: inside the bar and after it)."""

from __future__ import annotations

from tocht_cli.render.blocks import Bars
from tocht_cli.reports.html.charts import bars, bars_layout


def test_a_bar_of_one_part_writes_its_number_only_after_it():
    layout = bars_layout(Bars("Steun", ("Steun",), (("Meer jongeren bereiken", (8,)), ("Een gedeelde kalender", (5,)))))
    assert [r.total for r in layout.rows] == [8, 5]
    assert not any(s.labelled for r in layout.rows for s in r.segments)


def test_a_bar_of_several_parts_writes_each_part_inside_and_the_total_after():
    layout = bars_layout(Bars("Stemmen", ("eens", "oneens"), (("A1", (6, 4)),)))
    assert [s.count for s in layout.rows[0].segments if s.labelled] == [6, 4] and layout.rows[0].total == 10


def test_an_entry_nobody_supports_reads_0_as_on_the_screen():
    """The handout wrote "–" for an entry with no support where the projector showed 0 (room trial, issue 18)."""
    chart = Bars("Steun", ("Steun",), (("Meer jongeren bereiken", (3,)), ("Een gedeelde kalender", (0,))))
    drawn = str(bars(bars_layout(chart), ""))
    assert ">0</text>" in drawn and "–" not in drawn
    assert chart.described() == "Steun. Meer jongeren bereiken: Steun 3; Een gedeelde kalender: 0"
