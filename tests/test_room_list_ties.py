"""The room's list takes its `top` most supported entries, and every entry tied with the last of them (room
trial, issue 18: a tie across the tenth place was split by chance at the line)."""

from __future__ import annotations

from tocht_cli.kinds.upvotes import taken, tie_place, tie_said, tied_at_line


def test_a_tie_across_the_line_is_taken_whole():
    assert taken([5, 4, 3, 3, 3, 1], 3) == 5
    assert tied_at_line([5, 4, 3, 3, 3, 1], 3) == 3


def test_a_line_between_different_support_takes_the_top_alone():
    assert taken([5, 4, 3, 2, 2], 3) == 3
    assert tied_at_line([5, 4, 3, 2, 2], 3) == 0


def test_entries_nobody_supports_are_not_pulled_in_by_a_tie():
    assert taken([2, 0, 0, 0], 2) == 2 and tied_at_line([2, 0, 0, 0], 2) == 0


def test_no_top_or_a_short_list_takes_every_entry():
    assert taken([2, 2, 1], 0) == 3
    assert taken([2, 2, 1], 10) == 3
    assert tied_at_line([2, 2, 1], 0) == tied_at_line([2, 2, 1], 10) == 0


def test_a_tie_is_said_at_the_place_it_starts():
    """The trial's supports: three entries with 3 are 9th to 11th; the screen said "gelijk op plaats 10"."""
    assert tie_place([12, 11, 10, 9, 8, 7, 6, 5, 3, 3, 3], 10) == 9
    assert tie_place([3, 1, 1, 1], 2) == 2


def test_the_room_blocks_say_the_tie_in_the_kits_words(run):
    kit = run.kits.for_new_session()
    said = tie_said([("a", 3), ("b", 1), ("c", 1), ("d", 1)], 2, kit)
    assert [b.text for b in said] == ["3 voorstellen gelijk op plaats 2: ze worden allemaal overgenomen, 4 in totaal."]
    assert tie_said([("a", 3), ("b", 2)], 2, kit) == []
