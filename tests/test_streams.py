"""The real console script with streams the shell closed or an encoding that cannot say every character:
a message and the documented exit code (README, base/errors.py), never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "tocht"
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="tocht is not installed in this environment")


def shell(line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`tocht …` as a shell runs it, with the redirections in LINE ("$T" is the console script)."""
    full = {**os.environ, "T": str(SCRIPT), **env}
    return subprocess.run(["sh", "-c", line], capture_output=True, text=True, env=full, timeout=120)


@pytest.fixture
def session():
    made = shell('"$T" new "Café Strombeek" -g "tafel 1"')
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


@pytest.mark.parametrize("command", ["list", "show", "bingo", "--version", "--help", "kit show bingo --help"])
def test_a_closed_stdout_is_output_not_written(session, command):
    result = shell(f'"$T" {command} >&-')
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "the output could not be written: stdout is closed" in result.stderr


def test_a_vote_with_both_streams_closed_is_saved_and_ends_well(session):
    result = shell('"$T" statements vote A2 --position eens >&- 2>&-')
    assert result.returncode == 0  # a traceback would have ended it with 1
    state = json.loads(shell('"$T" statements --json').stdout)
    assert next(iter(state.values()))["A2"]["position"] == "eens"


def test_a_closed_stdin_is_no_problem(session):
    result = shell('"$T" list <&-')
    assert result.returncode == 0 and "Café Strombeek" in result.stdout, result.stderr


def test_an_ascii_stream_shows_what_it_can(session):
    result = shell('"$T" show', PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "Caf? Strombeek" in result.stdout
    result = shell('"$T" show --json', PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and json.loads(result.stdout)["name"] == "Café Strombeek"  # escaped, exact
    result = shell('"$T" --lang nl statements vote ZZ', PYTHONIOENCODING="ascii")
    assert result.returncode == 2 and "Traceback" not in result.stderr and "geen stelling 'ZZ'" in result.stderr
