"""What the walk shows when its item changed elsewhere while it was on it (terminal re-trial, issue 18)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.facilitator import Facilitator

LONG = "Een brief aan het college sturen met onze vragen en een uitnodiging voor een gesprek"


def values(cli, exercise: str) -> dict:
    return next(iter(json.loads(cli(exercise, "--json").stdout).values()))


def test_a_clash_shows_each_field_under_its_label_with_both_answers_indented_in_one_voice(run, cli, session, capsys):
    """The trial: "Welke concrete actie?: van de zaal: … · het uwe: …" wrapped to the margin, named the room though
    another terminal saved it, and mixed "het uwe" with "het mijne"."""
    from tocht_cli.walk.guide import Walk

    ws = run.workspace(None)
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("stappenplan")
    walk.value(ex, "stap-1")
    cli("steps", "set", "1", "--action", LONG)  # another terminal
    asked = []
    walk.select = lambda message, choices, **_: asked.append([title for title, _ in choices]) or choices[1][1]  # type: ignore[method-assign]
    walk.save(ex, "stap-1", {"action": "Koffie met de schepen"})
    lines = capsys.readouterr().out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Intussen werd elders een ander antwoord bewaard"))
    shown = lines[start:]
    print("\n".join(shown))
    assert "zaal" not in " ".join(shown) and "?:" not in " ".join(shown)
    label = next(n for n, line in enumerate(shown) if line.strip().endswith("?"))
    assert shown[label].startswith("  ") and not shown[label].startswith("   ")  # the field's label, on its own line
    saved, typed = shown[label + 1], shown[-1]
    assert saved.startswith("    intussen bewaard: Een brief") and typed.startswith("    net getypt:") and "Koffie met de schepen" in typed
    column = saved.index("Een brief")
    assert all(line[:column].strip() == "" and line[column] != " " for line in shown[label + 2 : -1])  # wrapped under itself
    assert all(len(line) <= 80 for line in shown)
    assert asked == [["het bewaarde antwoord houden", "vervangen door wat ik typte"]]
    assert values(cli, "steps")["stap-1"]["action"] == "Koffie met de schepen"


@pytest.mark.parametrize("typed", [True, False])  # an answer given at "vandaag", or Enter on nothing (no write)
def test_each_question_shows_the_item_as_saved_now_when_another_terminal_answered_it_meanwhile(run, cli, session, typed):
    """The trial: another terminal set "samen" for "Wie zou ze moeten opnemen?" while the walk was at "vandaag"; the
    walk then asked it on "verder zonder antwoord" and echoed so, yet "samen" was stored."""
    from tocht_cli.walk.guide import Walk

    ws = run.workspace(None)
    walk = Walk(ws, ws.groups[0])
    ex = ws.kit.exercise("rollen")
    asked = []

    def select(message, choices, default=None, **_):
        asked.append((message, default))
        if len(asked) == 1:
            cli("roles", "set", "1", "--future", "samen")  # another terminal, while "vandaag" is asked
            return "programmator" if typed else default
        raise KeyboardInterrupt  # stop at the next question

    walk.select = select  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        ex.kind.ask(walk.on(ex), ex, "rol-1")
    assert asked[1] == ("Wie zou ze moeten opnemen?", "samen")  # shown as saved, Enter keeps it
    assert (
        values(cli, "roles")["rol-1"]["now"] == ("programmator" if typed else None) and values(cli, "roles")["rol-1"]["future"] == "samen"
    )


def test_enter_on_last_times_text_leaves_what_it_took_over_in_the_scrollback(keyed, cli, session):
    """The trial: "? Welke gemeente? (vorige keer: Grimbergen — Enter: overnemen)" and then nothing."""
    cli("steps", "set", "1", "--action", "koffie drinken")
    cli("new", "Vervolg", "--from", session)
    room = Facilitator()
    room.begin()
    room.keep()  # bij wie
    room.keep()  # welke gemeente
    room.keep()  # stap-1: last time's action, taken over
    room.stop_with_ctrl_c()
    said = keyed(room.keys, "run", "-e", "stappenplan", code=130).stdout
    assert "Enter: overnemen) koffie drinken (overgenomen) ? Wie?" in " ".join(said.split())
    assert values(cli, "steps")["stap-1"]["action"] == "koffie drinken"


def test_keys_typed_between_prompts_are_not_echoed_and_the_terminal_is_restored_after_the_walk(monkeypatch):
    """The trial: "/o" typed while the next prompt loaded was echoed raw on a line of its own (and once shifted
    a prompt). During the walk the terminal echoes nothing itself; prompt_toolkit reads the keys as typeahead."""
    import os
    import select
    import sys
    import termios

    from tocht_cli.walk.guide import unechoed

    main, side = os.openpty()
    try:
        with open(side, closefd=False) as tty:
            monkeypatch.setattr(sys, "stdin", tty)
            assert termios.tcgetattr(side)[3] & termios.ECHO
            with pytest.raises(KeyboardInterrupt), unechoed():
                assert not termios.tcgetattr(side)[3] & termios.ECHO
                os.write(main, b"/o\n")  # typed ahead: waiting, not shown
                select.select([side], [], [], 60)  # the terminal has taken it in (it does so in its own time)
                raise KeyboardInterrupt  # Ctrl-C: the terminal is given back as it was
            assert termios.tcgetattr(side)[3] & termios.ECHO
            os.set_blocking(main, False)
            with pytest.raises(BlockingIOError):
                os.read(main, 10)  # nothing was echoed back to the screen
    finally:
        os.close(main)
        os.close(side)
