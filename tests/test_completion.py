"""Shell completion: the scripts `tocht completion` prints, and what Tab offers through them."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.patience import PATIENCE
from tocht_cli.cli.app import app
from tocht_cli.cli.framework import shells
from tocht_cli.cli.framework.clickbits import split_arg_string


def offered(line: str, shell: str = "bash", **env: str) -> list[str]:
    """What tocht answers when the shell asks for completions of `line` (the cursor at its end),
    by the protocol the printed scripts use."""
    words = len(split_arg_string(line))
    ask = {"_TOCHT_COMPLETE": f"complete_{shell}"}
    if shell == "bash":  # the word under the cursor: a new one after a space, unless that space is inside a quote
        ask |= {"COMP_WORDS": line, "COMP_CWORD": str(words if line.endswith(" ") and line.count("'") % 2 == 0 else words - 1)}
    else:
        ask |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = CliRunner().invoke(app, [], env={**ask, **env})
    assert result.exit_code == 0 and result.stderr == "", (result.exit_code, result.stderr, result.exception)
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def archive(cli):
    """Two sessions; the current one has two tables."""
    first = cli("new", "CC Strombeek najaar").stdout.strip()
    second = cli("new", "Gent voorjaar", "-g", "Tafel 1", "-g", "Tafel 2").stdout.strip()
    return first, second


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", ["_TOCHT_COMPLETE=complete_bash", "complete -o default -F _tocht_completion tocht"]),
        ("zsh", ["#compdef tocht", "_TOCHT_COMPLETE=complete_zsh", "compdef _tocht_completion tocht"]),
        ("fish", ["complete --command tocht", "_TOCHT_COMPLETE=complete_fish"]),
    ],
)
def test_each_shell_gets_its_script(cli, shell, expected):
    script = cli("completion", shell).stdout
    assert all(part in script for part in expected), script


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_the_copied_script_is_the_one_typer_shows(monkeypatch, shell):
    """framework/shells.py copies typer's scripts: the same as a typer app's --show-completion prints for tocht."""
    import typer

    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")  # --show-completion takes the shell's name
    probe = typer.Typer()
    probe.command()(lambda: None)
    shown = CliRunner().invoke(probe, ["--show-completion", shell], prog_name="tocht")
    assert shown.stdout == shells.script(shell) + "\n"


LINES = [
    "tocht ", "tocht gr", "tocht group re", "tocht use ", "tocht use G", "tocht show -g ", "tocht show --", "tocht --lang=",
    "tocht show -g 'Taf", "tocht run -e ", "tocht statements vote B", "tocht statements vote A3 -p ", "tocht roles -s ",
    "tocht kit show st", "tocht bingo cross 1", "tocht export --format ", "tocht -- ", "tocht show -- -",
]  # fmt: skip


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_tocht_answers_each_shell_as_typer_would(archive, monkeypatch, capsys, shell):
    """The shells' side copied from typer (framework/shells.py, clickbits.resolve_*) against typer's own classes
    on the same lines: the same values (bash's quoted by tocht), the same descriptions, in the same order."""
    import typer.main
    from typer.completion import completion_init, shell_completion

    completion_init()
    cli = typer.main.get_command(app)
    for line in LINES:
        words = len(split_arg_string(line))
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(words if line.endswith(" ") and line.count("'") % 2 == 0 else words - 1))
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
        monkeypatch.setenv(shells.COMPLETE_VAR, f"complete_{shell}")
        theirs = shell_completion.get_completion_class(shell)(cli, {}, "tocht", shells.COMPLETE_VAR).complete()
        assert shells.answer(cli, "tocht", {}) == 0
        ours = capsys.readouterr().out.removesuffix("\n")
        if shell == "bash":
            theirs = "\n".join(map(shlex.quote, theirs.splitlines()))
        else:  # typer draws a description through rich (markup, wrapped at the terminal's width); tocht's is text on one line
            ours, theirs = " ".join(ours.split()), " ".join(theirs.split())
        assert ours == theirs, line


def test_an_unknown_shell_is_a_usage_error(cli):
    result = cli("completion", "tcsh", ok=False)
    assert result.exit_code == 2 and "tcsh" in result.stderr and result.stdout == ""


def test_commands_and_sub_commands(archive):
    assert {"new", "show", "run", "completion", "statements", "bingo"} <= set(offered("tocht "))
    assert offered("tocht gr") == ["group"]
    assert offered("tocht group re") == ["rename", "remove"]


def test_sessions_by_id_and_by_name(archive):
    first, second = archive
    assert set(offered("tocht use ")) == {first, second, "'CC Strombeek najaar'", "'Gent voorjaar'"}
    assert offered("tocht compare G") == ["'Gent voorjaar'"]
    assert offered("tocht show --json G") == ["'Gent voorjaar'"]
    assert set(offered("tocht roles -s ")) >= {first, second}


def test_a_name_two_sessions_share_is_offered_by_id_only(cli, archive):
    twin = cli("new", "Gent voorjaar", "--yes").stdout.strip()
    assert twin in offered("tocht use ") and offered("tocht use G") == []


def test_groups_of_the_session_on_the_line_else_the_current_one(archive):
    first, _ = archive
    assert offered("tocht show -g ") == ["'Tafel 1'", "'Tafel 2'"]
    assert offered(f"tocht show {first} -g ") == ["'groep 1'"]
    assert offered(f"tocht roles set -s {first} -g ") == ["'groep 1'"]
    assert offered(f"tocht roles -s {first} set 3 --group ") == ["'groep 1'"]
    assert offered("tocht group rename 'Tafel ") == ["'Tafel 1'", "'Tafel 2'"]
    assert offered(f"tocht --db {os.environ['TOCHT_DB']} run -g Tafel") == ["'Tafel 1'", "'Tafel 2'"]


def test_exercises_of_the_kit_and_of_a_kind(archive):
    assert offered("tocht run -e ") == ["bingo", "stellingen", "vocabularium", "rollen", "stappenplan", "allianties", "regio"]
    assert offered("tocht kit show st") == ["stellingen", "stappenplan"]
    assert offered("tocht kit sheets st") == ["stellingen", "stappenplan"]  # every EXERCISE argument is one declaration
    assert offered("tocht audience st") == ["stellingen", "stappenplan"]
    assert offered("tocht statements vote A1 -e ") == ["stellingen"]


def test_items_as_they_are_typed(archive):
    assert offered("tocht statements vote B") == ["B1", "B2", "B3", "B4", "B5", "B6", "B7"]
    assert offered("tocht bingo cross 1") == ["1", *(str(n) for n in range(10, 20))]
    assert offered("tocht vocabulary link p") == ["productie", "presentatie", "participatie"]
    assert offered("tocht vocabulary link productie c") == ["cultuurspreiding", "cultuurparticipatie"]
    assert offered("tocht challenges add --suggestion 3") == ["3", *(str(n) for n in range(30, 40))]
    assert offered("tocht roles clear ") == [str(n) for n in range(1, 10)]


def test_zsh_and_fish_show_what_each_value_is(archive):
    first, _ = archive
    assert f'"{first}":"CC Strombeek najaar"' in offered("tocht use ", "zsh")[0]
    assert "A1\tJe gaat gewoon in op wat er leeft bij mensen" in offered("tocht statements vote A", "fish")[0]


def test_fish_asks_first_whether_there_is_anything_to_offer(archive):
    """fish's script runs tocht with is-args first: exit 0 when values follow, 1 to let fish offer files."""
    ask = {"_TOCHT_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "is-args"}
    assert CliRunner().invoke(app, [], env={**ask, "_TYPER_COMPLETE_ARGS": "tocht use "}).exit_code == 0
    assert CliRunner().invoke(app, [], env={**ask, "_TYPER_COMPLETE_ARGS": "tocht use zzz"}).exit_code == 1


def test_an_instruction_for_no_known_shell_gets_nothing(archive):
    for instruction in ("complete_tcsh", "source_bash", "bash"):
        result = CliRunner().invoke(app, [], env={"_TOCHT_COMPLETE": instruction, "COMP_WORDS": "tocht ", "COMP_CWORD": "1"})
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", ""), instruction


def test_completing_writes_nothing(archive, isolated_db):
    folder = isolated_db.parent
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file() and "cache" not in p.parts}
    for line in ("tocht use ", "tocht show -g ", "tocht run -e ", "tocht statements vote ", "tocht group remove "):
        assert offered(line)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file() and "cache" not in p.parts}
    assert after == before


def test_a_database_that_cannot_be_read_offers_nothing(archive, isolated_db):
    isolated_db.write_text("{not json", encoding="utf-8")
    assert offered("tocht use ") == []
    assert offered("tocht show -g ", TOCHT_DB=str(isolated_db.parent / "nowhere" / "t.json")) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_through_the_printed_script(archive, cli):
    """The whole round trip: bash loads the script and calls the installed tocht for the words."""
    tocht = Path(sys.executable).parent / "tocht"
    if not tocht.exists():
        pytest.skip("needs the installed console script")
    script = cli("completion", "bash").stdout
    probe = 'COMP_WORDS=(tocht show -g "Taf"); COMP_CWORD=3; _tocht_completion tocht; printf "%s\\n" "${COMPREPLY[@]}"'
    env = {**os.environ, "PATH": f"{tocht.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--norc", "-c", f"{script}\n{probe}"], capture_output=True, text=True, env=env, timeout=PATIENCE)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.splitlines() == ["'Tafel 1'", "'Tafel 2'"]
