"""Small words from the room trials (issues 18 and 21): the terminal's room view counts participants as the
screen does, and `tocht run | tee` names the stream that is no terminal."""

from __future__ import annotations

import sys

import pytest

from tocht_cli.base.errors import NeedsTerminal
from tocht_cli.sessions.runtime import require_terminal


def test_the_terminals_room_view_says_participants_as_the_screen_does(arena):
    from tocht_cli.room.console import view

    shown = "".join(text for _style, text in view(arena.room, []))
    assert "0 participants" in shown and "present" not in shown  # "0 deelnemers" in Dutch, as on the screen


@pytest.mark.parametrize(("stdin", "stdout", "named"), [(False, True, "stdin"), (True, False, "stdout")])
def test_a_walk_without_a_terminal_names_the_stream_that_is_none(monkeypatch, stdin, stdout, named):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: stdin, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout, raising=False)
    with pytest.raises(NeedsTerminal) as refused:
        require_terminal("tocht run", "tocht run -g tafel1")
    assert named in str(refused.value) and ({"stdin", "stdout"} - {named}).pop() not in str(refused.value)


def test_the_readmes_dot_vote_example_runs_on_the_default_kit(cli):
    """The README's `tocht dotvote set 1 --dots "leer=5"` failed on the default kit, which has two dot votes."""
    import re
    import shlex

    from tests.helpers.files import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    example = re.search(r"`tocht (dotvote set 1 --exercise [^`]+)`", readme)
    assert example, "the README shows how to say which dot vote"
    cli("new", "Proef", "-g", "tafel 1", "-g", "tafel 2")
    saved = cli(*shlex.split(example.group(1)))
    assert "leer elkaar kennen 5" in saved.stderr + saved.stdout
