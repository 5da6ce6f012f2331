"""Sessions and the command-line conventions: streams, JSON, exit codes, safe text, help."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.helpers.files import ROOT
from tests.helpers.patience import PATIENCE
from tocht_cli.cli.app import app


def command_at(path):
    """The click command at `tocht PATH…`, through the same lookups the command line makes."""
    import typer.main

    command = typer.main.get_command(app)
    for name in path:
        command = command.get_command(None, name)
    return command


def all_commands(path=()):
    command = command_at(path)
    for name in command.list_commands(None) if hasattr(command, "list_commands") else []:
        yield (*path, name)
        yield from all_commands((*path, name))


@pytest.mark.parametrize("path", list(all_commands()))
def test_every_command_has_help(cli, path):
    result = cli(*path, "--help")
    assert "Usage:" in result.stdout and "--install-completion" not in result.stdout
    assert (command_at(path).help or "").strip(), f"{' '.join(path)} has no help text"


def test_only_the_invoked_command_is_imported():
    code = "import sys; sys.argv=['tocht', 'list']\nfrom tocht_cli.launch import main\ntry: main()\nexcept SystemExit: pass\nprint(sorted(m for m in sys.modules if m.startswith('tocht_cli.cli.commands.')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "['tocht_cli.cli.commands.sessions']"


def test_version_and_help_do_not_import_questionary():
    code = "import sys; from tocht_cli.cli.app import main; sys.argv=['tocht', sys.argv[1]];\ntry: main()\nexcept SystemExit: pass\nprint('questionary' in sys.modules, 'prompt_toolkit' in sys.modules)"
    for flag in ("--version", "--help"):
        out = subprocess.run(
            [sys.executable, "-c", code, flag], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True
        ).stdout
        assert out.strip().endswith("False False"), out


def test_version(cli):
    assert cli("--version").stdout.startswith("tocht ")


def test_new_prints_id_on_stdout_and_message_on_stderr(cli):
    result = cli(
        "new",
        "Ontmoetingsdag",
        "--date",
        "2017-09-07",
        "--place",
        "CC Strombeek",
        "--facilitator",
        "TOCHT",
        "-g",
        "tafel 1",
        "-g",
        "tafel 2",
    )
    sid = result.stdout.strip()
    assert len(sid) == 6 and "\n" not in sid
    assert "now current" in result.stderr
    shown = json.loads(cli("show", "--json").stdout)
    assert shown["id"] == sid and shown["date"] == "2017-09-07" and shown["groups"] == ["tafel 1", "tafel 2"]
    assert shown["kit"]["name"] == "tocht-2017"
    assert set(shown["progress"]["stellingen"]) == {"tafel 1", "tafel 2"}


def test_new_json(cli):
    doc = json.loads(cli("new", "X", "--json").stdout)
    assert doc["id"] and doc["name"] == "X" and doc["groups"] == ["groep 1"]


@pytest.mark.parametrize("args", [["new", "X", "--date", "2017-02-30"], ["new", "   "], ["new", "X", "-g", "a", "-g", "A"]])
def test_new_rejects_bad_values(cli, args):
    result = cli(*args, ok=False)
    assert result.exit_code == 2 and "tocht: error:" in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_list_use_rename_delete(cli):
    a = cli("new", "Voorjaar Genk").stdout.strip()
    b = cli("new", "Najaar Gent").stdout.strip()
    listed = json.loads(cli("list", "--json").stdout)
    assert {s["id"] for s in listed} == {a, b} and [s["current"] for s in listed if s["id"] == b] == [True]
    cli("use", "voorjaar")
    assert json.loads(cli("show", "--json").stdout)["id"] == a
    cli("rename", a, "Voorjaar Hasselt")
    assert "Voorjaar Hasselt" in cli("list").stdout
    result = cli("delete", b, ok=False)  # no terminal, no --yes
    assert result.exit_code == 6 and f"tocht delete {b} --yes" in result.stderr
    cli("delete", b, "--yes")
    assert [s["id"] for s in json.loads(cli("list", "--json").stdout)] == [a]


def test_list_shows_the_newest_sessions_and_says_how_to_see_every_one(cli, run):
    """An archive of years is listed as its newest 20 (the list costs no more with every meeting);
    --all and --json give every session."""
    made = run.store.create_sessions([({"name": f"Overleg {n}", "date": f"2027-01-{n + 1:02d}", "groups": ["g"]}, []) for n in range(23)])
    newest = [record["id"] for record in reversed(made)]
    result = cli("list")
    rows = result.stdout.splitlines()[1:]
    assert [row.lstrip("* ").split()[0] for row in rows] == newest[:20]
    assert result.stderr.strip() == "the newest 20 of 23 sessions; every one: tocht list --all"
    shown = cli("list", "--all")
    assert [row.lstrip("* ").split()[0] for row in shown.stdout.splitlines()[1:]] == newest and shown.stderr == ""
    assert [s["id"] for s in json.loads(cli("list", "--json").stdout)] == newest


def test_unknown_and_ambiguous_sessions(cli):
    cli("new", "Najaar Gent")
    cli("new", "Najaar Genk")
    result = cli("show", "najaar", ok=False)
    assert result.exit_code == 2 and "Najaar Gent" in result.stderr and "Najaar Genk" in result.stderr
    result = cli("use", "zomer", ok=False)
    assert result.exit_code == 3 and "tocht list" in result.stderr
    assert json.loads(cli("show", "genk", "--json").stdout)["name"] == "Najaar Genk"  # a unique part of the name
    assert cli("show", "gen", ok=False).exit_code == 2


def test_no_current_session(cli):
    result = cli("show", ok=False)
    assert result.exit_code == 3 and "tocht new" in result.stderr
    bare = cli()
    assert "tocht run" in bare.stderr


def test_bare_tocht_shows_progress_and_next_command(cli, session):
    cli("bingo", "cross", "1")
    result = cli()
    assert "Voortgang" in result.stdout and "next: tocht run" in result.stderr


def test_markup_in_user_text_is_shown_literally(cli):
    cli("new", "[bold red]x[/bold red]", "--place", "[link=http://x]y[/link]")
    out = cli("list").stdout + cli("show").stdout
    assert "[bold red]x[/bold red]" in out and "[link=http://x]y[/link]" in out


def test_control_characters_are_stripped(cli):
    cli("new", "Evil\x1b[31mRed\x1b]0;title\x07\x07Name\rx")
    doc = json.loads(cli("show", "--json").stdout)
    assert doc["name"] == "EvilRedName x"
    assert "\x1b" not in cli("list").stdout


def test_no_color_is_honoured(cli, session, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = subprocess.run(
        [sys.executable, "-m", "tocht_cli", "show"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1"},
    )
    assert result.returncode == 0 and "Testsessie" in result.stdout
    assert not re.search(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7]|4[0-8])[;m]", result.stdout)


def test_db_option_and_env(cli, tmp_path):
    other = tmp_path / "ander" / "archief.json"
    cli("--db", str(other), "new", "Elders")
    assert other.is_file()
    assert json.loads(cli("list", "--json").stdout) == []
    assert len(json.loads(cli("--db", str(other), "list", "--json").stdout)) == 1


def test_run_without_terminal_is_a_clear_error(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOCHT_DB": str(tmp_path / "t.json")}
    result = subprocess.run(
        [sys.executable, "-m", "tocht_cli", "run"], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=PATIENCE
    )
    assert result.returncode == 6
    assert "needs a terminal" in result.stderr and "tocht bingo cross" in result.stderr and "Traceback" not in result.stderr


def test_unknown_exercise_kind_option(cli, session):
    result = cli("bingo", "--exercise", "rollen", ok=False)
    assert result.exit_code == 2 and "not bingo" in result.stderr


def test_the_console_script_answers_version_without_importing_typer():
    code = "import sys; sys.argv=['tocht', '--version']\nfrom tocht_cli.launch import main\nmain()\nprint('typer' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True
    ).stdout
    assert out.splitlines() == [f"tocht {__import__('tocht_cli').__version__}", "False"]


NAMES_ITS_SESSIONS = {
    ("use",),
    ("rename",),
    ("delete",),
    ("merge",),
    ("compare",),
    ("dossier",),
    ("hub",),
}  # sessions are what it acts on: arguments only
TAKES_NO_SESSION = {
    ("new",),
    ("list",),
    ("import",),
    ("doctor",),
    ("completion",),
    ("kit",),
    ("group",),
    *(("kit", c) for c in ("list", "show", "validate", "copy")),
}


def test_every_command_that_acts_on_one_session_takes_dash_s(cli, session):
    """The README: every command on one session takes -s/--session, also those that take SESSION as an argument."""
    for path in all_commands():
        options = {name for param in command_at(path).params for name in param.opts}
        if path in NAMES_ITS_SESSIONS or path in TAKES_NO_SESSION:
            assert "--session" not in options, path  # or it moves to the list below
        else:
            assert {"--session", "-s"} <= options, path
    later = cli("new", "Later").stdout.strip()
    for args in (["show", "--brief"], ["export", "-f", "json"], ["edit", "--place", "Genk"]):
        assert cli(*args, "-s", session).stdout == cli(*args, session).stdout
    assert json.loads(cli("show", "--json", "--session", session).stdout)["id"] == session != later
    twice = cli("show", later, "-s", session, ok=False)
    assert twice.exit_code == 2 and "give one" in twice.stderr


def test_a_mistyped_command_names_the_close_one(cli):
    result = cli("--lang", "nl", "statments", ok=False)
    assert result.exit_code == 2 and "Onbekend commando 'statments'. Bedoel je 'statements'?" in result.stderr
    assert "Did you mean" not in result.stderr and "Bedoel je" not in cli("qqqq", ok=False).stderr
