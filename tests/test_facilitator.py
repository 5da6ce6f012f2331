"""The facilitator's steps (tests/helpers/facilitator.py) compose the keys that the walk's own prompts read as meant."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from prompt_toolkit.data_structures import Size

from tests.helpers.facilitator import ALLY_WITH, BACKSPACE, BINGO, CTRL_C, DOWN, ENTER, HOLDERS, KIT, POSITIONS, SPACE, UP, Facilitator
from tocht_cli.kinds.contract import Card
from tocht_cli.walk.guide import Back, Jump, Skip, Stop, Walk

CELLS = [(str(s.number), s.text, s.id) for s in KIT.exercise("bingo").spec.statements]


def typed(keys: str, ask):
    """Answer one of the walk's prompts with KEYS from a pipe, as `tocht run` is driven in the tests."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    walk = Walk(SimpleNamespace(kit=KIT), "groep 1")  # the prompts need only the kit's labels
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            return ask(walk)


def test_the_steps_are_these_keys():
    room = Facilitator()
    room.begin()
    room.choose("twijfel", among=POSITIONS)
    room.choose("eens", among=POSITIONS, shown="twijfel")
    room.skip(among=POSITIONS)
    room.tick("met-3", "met-1", among=ALLY_WITH)
    room.answer("2018-13-01")
    room.erase("2018-13-01")
    room.keep()
    room.no_more()
    room.slash("terug")
    room.stop_with_ctrl_c()
    assert room.keys == (
        ENTER
        + DOWN * 2
        + ENTER
        + UP * 2
        + ENTER
        + "/o"
        + ENTER
        + SPACE
        + DOWN * 2
        + SPACE
        + ENTER
        + "2018-13-01\r"
        + BACKSPACE * 10
        + ENTER
        + ENTER
        + "/terug\r"
        + CTRL_C
    )


@pytest.mark.parametrize("choice, shown", [("eens", None), ("twijfel", None), ("twijfel", "oneens"), ("eens", "twijfel")])
def test_choose_lands_on_the_choice_in_a_select_of_the_walk(choice, shown):
    room = Facilitator()
    room.choose(choice, among=POSITIONS, shown=shown)
    assert typed(room.keys, lambda walk: walk.select("?", [(p, p) for p in POSITIONS], default=shown)) == choice


@pytest.mark.parametrize("step, steers", [("skip", Skip), ("back", Back), ("jump", Jump), ("stop", Stop)])
def test_a_steers_letter_steers_from_a_select(step, steers):
    room = Facilitator()
    getattr(room, step)(among=HOLDERS)
    with pytest.raises(steers):
        typed(room.keys, lambda walk: walk.select("?", [(h, h) for h in HOLDERS]))


def test_tick_toggles_the_named_choices_in_any_order():
    room = Facilitator()
    room.tick("met-3", "met-1", among=ALLY_WITH)
    assert typed(room.keys, lambda walk: walk.checkbox("?", [(o, o) for o in ALLY_WITH], set())) == ["met-1", "met-3"]


def on_card(keys: str, crossed: set[str]):
    """Answer a card (the walk's grid) with KEYS; CROSSED follows the crosses as they would be saved."""

    def cross(value: str, on: bool) -> Card:
        (crossed.add if on else crossed.discard)(value)
        return Card(frozenset(crossed))

    return typed(keys, lambda walk: walk.grid("?", CELLS, Card(frozenset(crossed)), cross))


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_cross_and_uncross_find_their_cells_however_many_columns(columns, monkeypatch):
    monkeypatch.setattr("prompt_toolkit.output.DummyOutput.get_size", lambda self: Size(rows=40, columns=columns))
    room = Facilitator()
    room.cross("bingo-3", "bingo-1", "bingo-25", among=BINGO)
    room.uncross("bingo-3", among=BINGO)
    room.card_done()
    crossed: set[str] = set()
    assert on_card(room.keys, crossed) is None
    assert crossed == {"bingo-1", "bingo-25"}


@pytest.mark.parametrize("step, steers", [("skip", Skip), ("back", Back), ("jump", Jump), ("stop", Stop)])
def test_a_steers_letter_steers_from_a_card(step, steers):
    room = Facilitator()
    room.cross("bingo-2", among=BINGO)
    room.card_step(step, among=BINGO)
    crossed: set[str] = set()
    with pytest.raises(steers):
        on_card(room.keys, crossed)
    assert crossed == {"bingo-2"}  # saved when crossed, whatever comes after


def test_slash_steers_from_a_text_prompt():
    room = Facilitator()
    room.slash("terug")
    with pytest.raises(Back):
        typed(room.keys, lambda walk: walk.text("?"))


def test_a_steer_in_a_select_waits_for_its_enter_and_another_key_drops_it():
    """/o then the arrow down and Enter: the arrow ends the steer; Enter chooses the second position."""
    assert typed("/o" + DOWN + ENTER, lambda walk: walk.select("?", [(p, p) for p in POSITIONS])) == POSITIONS[1]


def test_a_digit_points_in_a_select_enter_confirms_and_it_never_steers():
    """Nine choices at most take digits; a digit with no choice does nothing (no steer behind it)."""
    assert typed("5" + "2" + ENTER, lambda walk: walk.select("?", [(p, p) for p in POSITIONS])) == POSITIONS[1]


def test_an_option_keeps_its_digit_whether_no_answer_leads_or_not():
    """Unanswered, "no answer" leads as 0; answered, it is gone: 2 is the second position in both states."""
    lead = [(KIT.label("no_answer"), "-"), *((p, p) for p in POSITIONS)]
    assert typed("2" + ENTER, lambda walk: walk.select("?", lead, lead=True)) == POSITIONS[1]
    assert typed("2" + ENTER, lambda walk: walk.select("?", [(p, p) for p in POSITIONS], default=POSITIONS[2])) == POSITIONS[1]
    assert typed("0" + ENTER, lambda walk: walk.select("?", lead, default=POSITIONS[2], lead=True)) == "-"


def test_a_digit_and_enter_typed_together_answer_one_question_only():
    """The Enter after a digit confirms it; it is not left over to submit the next question empty."""
    choices = [(p, p) for p in POSITIONS]
    assert typed("1" + ENTER + "5 2 1" + ENTER, lambda walk: (walk.select("?", choices), walk.text("?"))) == (POSITIONS[0], "5 2 1")


def test_a_steer_typed_ahead_of_the_terminals_cursor_report_still_steers():
    """The terminal's answer to where the cursor is comes in as a key; between /o and Enter it changes nothing."""
    with pytest.raises(Skip):
        typed("/o" + "\x1b[1;1R" + ENTER, lambda walk: walk.select("?", [(p, p) for p in POSITIONS]))


def test_each_steer_gets_a_letter_of_its_own_even_when_words_share_their_first():
    """A kit's own words may start alike ("stop" after "skip"): the next free letter of the word is taken."""
    from tocht_cli.walk.guide import steering_keys

    words = {"skip": "skip", "back": "back", "next_open": "next", "jump": "jump", "stop": "stop"}
    assert [key.letter for key in steering_keys(words.__getitem__)] == ["s", "b", "n", "j", "t"]
