"""The bingo card as a grid the group looks at, and the walk's checkboxes, drawn on an emulated
terminal (tests/helpers/terminal.py): what the room sees after each key, and what is saved."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import BINGO, DOWN, KIT, SPACE, TASKS, UP, Facilitator
from tests.helpers.files import golden
from tests.helpers.terminal import Terminal
from tocht_cli import store

TARGET = KIT.exercise("bingo").spec.target


@pytest.fixture
def walk(keyed):
    def drive(room: Facilitator, *args: str, code: int = 0, screen: Terminal | None = None):
        return keyed(room.keys, "run", *args, code=code, screen=screen)

    return drive


def card(cli, group: str | None = None) -> dict:
    doc = json.loads(cli("bingo", "--json").stdout)
    return doc[group] if group else next(iter(doc.values()))


def test_bingo_shows_the_moment_the_target_is_reached_and_goes_when_a_cross_is_taken_back(walk, cli, session):
    room = Facilitator()
    room.begin()
    for n, statement in enumerate(BINGO[:TARGET], 1):
        room.cross(statement, among=BINGO)
        room.sees(f"{n} / {TARGET} geschrapt")
    room.uncross(BINGO[0], among=BINGO)
    room.sees(f"{TARGET - 1} / {TARGET} geschrapt")
    room.card_done()
    room.stop_with_ctrl_c()  # at stellingen's intro
    screen = Terminal(80, 40)
    walk(room, "-e", "bingo", screen=screen, code=130)
    for n in range(1, TARGET):
        assert "BINGO!" not in screen.first_with(f"\n{n} / {TARGET} geschrapt")
    assert "BINGO!  groep 1 (bingo om " in screen.first_with(f"{TARGET} / {TARGET} geschrapt")
    assert "BINGO!" not in screen.last_with(f"{TARGET - 1} / {TARGET} geschrapt")
    crossed = card(cli)
    assert set(crossed) == set(BINGO[1:TARGET])  # BINGO follows the crosses: its moment is gone with the tenth


def test_every_cross_is_saved_the_moment_it_is_made(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.cross(*BINGO[:TARGET], among=BINGO)
    room.stop_with_ctrl_c()  # no Enter on the card: nothing waits to be saved at the end
    result = walk(room, "-e", "bingo", code=130)
    assert "Resume with:\n  tocht run" in result.stderr
    crossed = card(cli)
    assert set(crossed) - {"_"} == set(BINGO[:TARGET]) and crossed["_"]["bingo_at"]


def test_enter_on_the_card_records_nothing(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.cross(BINGO[3], among=BINGO)
    room.uncross(BINGO[3], among=BINGO)  # crossed and taken back: nothing stays
    room.card_done()
    room.stop_with_ctrl_c()  # at stellingen's intro
    walk(room, "-e", "bingo", code=130)
    assert card(cli) == {}


@pytest.mark.parametrize("step, lands", [("skip", "T1a"), ("back", "T0"), ("stop", None)])
def test_the_walk_is_steered_from_under_the_card(walk, cli, session, step, lands):
    room = Facilitator()
    room.begin()
    room.cross(BINGO[0], among=BINGO)
    room.card_step(step, among=BINGO)
    room.stop_with_ctrl_c()
    result = walk(room, "-e", "bingo", code=0 if step == "stop" else 130)
    assert set(card(cli)) == {BINGO[0]}
    if lands:
        assert result.stdout.count(lands) >= (2 if step == "back" else 1)
    else:
        assert "Resume with" not in result.stderr and "saved." in result.stderr


@pytest.mark.parametrize("columns", [80, 120])
def test_the_card_on_screen(walk, session, monkeypatch, columns):
    """The card as the room sees it, with BINGO and the cursor on a crossed statement (golden)."""
    monkeypatch.setattr(store, "now", lambda: "2027-01-15T10:42:00")
    room = Facilitator()
    room.begin()
    room.cross(*BINGO[:TARGET], among=BINGO)
    room.sees(f"{TARGET} / {TARGET} geschrapt")
    room.stop_with_ctrl_c()
    screen = Terminal(columns, 40)
    walk(room, "-e", "bingo", screen=screen, code=130)
    frame = screen.last_with("Enter")
    golden(f"screens/bingo-grid-{columns}.txt", frame)
    assert all(len(line) <= columns for line in frame.splitlines())
    # on a beamer: a crossed statement has its mark in reverse video and is bold, never struck through or
    # coloured; the others are plain, not dimmed; the cursor (on the tenth) is underlined besides
    assert {"reverse", "bold"} <= frame.styles_of("[✗]")
    for n in range(1, len(BINGO) + 1):
        looks = frame.styles_of(f"{n:>2}. ")
        assert looks == ({"bold"} if n < TARGET else {"bold", "underscore"} if n == TARGET else frozenset()), n


def test_a_checkbox_reads_as_its_choices_once_answered(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.sees("spatie: aan- of afvinken")  # ticked, not crossed as on the bingo card
    room.keys += DOWN * TASKS.index("cultuurspreiding") + SPACE  # ontwikkeling
    room.sees("[x]")  # a tick that reads as yes (Markdown's [x]), not bingo's cross
    room.keys += UP * TASKS.index("cultuurspreiding")
    room.tick("gemeenschapsvorming", among=TASKS)
    room.sees("Hoe?")
    room.stop_with_ctrl_c()
    screen = Terminal(80, 30)
    said = walk(room, "-e", "vocabularium", screen=screen, code=130).stdout
    tasks = {t.id: t.text for t in KIT.exercise("vocabularium").spec.tasks}
    answered = " ".join(said.split("basisopdrachten verbinden")[-1].split())  # the answer line, as rich wraps it
    assert f"{tasks['cultuurspreiding']} · {tasks['gemeenschapsvorming']}" in answered  # as `show` lists them
    assert "selection" not in answered and "done" not in answered
    assert "[x]" not in screen.last_with("Hoe?")  # the ticks are gone: the walk echoed the answer instead
    assert not any("[✗]" in frame for frame in screen.frames)


def test_a_checkbox_offers_the_walks_navigation(walk, cli, session):
    room = Facilitator()
    room.begin()
    room.skip(among=TASKS)  # ontwikkeling: on to productie, nothing recorded
    room.tick("cultuurspreiding", among=TASKS)  # productie
    room.slash("stoppen")  # at its "Hoe?"
    walk(room, "-e", "vocabularium")
    got = next(iter(json.loads(cli("vocabulary", "--json").stdout).values()))
    assert "ontwikkeling" not in got and got["productie"]["tasks"] == ["cultuurspreiding"]


@pytest.mark.parametrize("columns, rows", [(80, 24), (120, 40)])
def test_the_cursors_whole_cell_stays_on_a_card_taller_than_the_terminal(walk, session, columns, rows):
    """From the first statement to the last and back: the cursor's cell is on screen whole, and a
    line says how many statements are above or below what the terminal holds."""
    room = Facilitator()
    room.begin()
    for n in [*range(len(BINGO)), *range(len(BINGO) - 1, -1, -1)]:
        room.cross(BINGO[n], among=BINGO)
        room.sees(f"{n + 1:>2}. ")
    room.stop_with_ctrl_c()
    screen = Terminal(columns, rows)
    walk(room, "-e", "bingo", screen=screen, code=130)
    cards = [frame for frame in screen.frames if "geschrapt" in frame and "Enter" in frame]
    for n, statement in enumerate(KIT.exercise("bingo").spec.statements, 1):
        at = [f for f in cards if f"»[✗] {n:>2}." in f or f"»[ ] {n:>2}." in f]
        assert at, n
        assert all(word in f for f in at for word in statement.text.split()), n  # its lines, the last too
        assert all(len(f.splitlines()) < rows for f in at), n
    tall = [f for f in cards if "hieronder" in f or "hierboven" in f]
    assert tall or columns == 120
    for frame in tall:
        said = [line for line in frame.splitlines() if "hieronder" in line or "hierboven" in line]
        assert all(line.startswith(("↑ nog ", "↓ nog ")) for line in said)
