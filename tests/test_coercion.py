"""cli/framework/coercion.py: tocht's parameters take their plain values without pydantic, each exactly
as typer's own way makes it, and every other value still goes typer's way."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer

from tests.helpers.files import ROOT
from tocht_cli.cli.framework.coercion import UNSURE, plain_value


def every_parameter():
    """Each parameter of every command and sub-command tocht has, the root's included."""
    import typer.main

    from tocht_cli.cli import app as root

    commands = [typer.main.get_command(root.app)]
    for name in [*root.COMMANDS, *root._kind_groups()]:
        command = root.lazy_command(name)
        commands += [command, *getattr(command, "commands", {}).values()]
    return [(command, param) for command in commands for param in command.params]


def typers_value(param, value, ctx):
    """What typer itself makes of `value`, or the error it raises."""
    try:
        return param.get_runtime_param().typers_way().coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as exc:
        return exc


VALUES = [None, "", "tafel 1", " 5", "5", "007", "0", "-1", "65536", "1e3", "٣", "5_0", "md", "HTML", "pdf", "klad", True, 3, 0]
SEVERAL = [None, (), ("a", "b"), ["x"], ("a", 1), "ab"]


def test_a_plain_value_is_typers_own_and_every_other_goes_typers_way():
    """Over every parameter tocht has and values of every shape: wherever the plain way answers, typer's
    answers the same (also in type); where typer refuses a value, the plain way leaves it to typer."""
    answered = 0
    for command, param in every_parameter():
        ctx = typer.Context(command)
        several = param.multiple or param.nargs == -1
        for value in SEVERAL if several else VALUES:
            plain = plain_value(param, value, ctx)
            if plain is UNSURE:
                continue
            answered += 1
            typers = typers_value(param, value, ctx)
            assert not isinstance(typers, Exception), (command.name, param.name, value, typers)
            assert (type(plain), plain) == (type(typers), typers), (command.name, param.name, value)
    assert answered > 500  # the plain way is taken, not just never wrong


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["room", "--port", "70000"], "Invalid value for '--port': expected a number of at most 65535"),
        (["room", "--port", "vijf"], "Invalid value for '--port': expected a whole number"),
        (["export", "-f", "docx"], "'docx' is not one of 'md', 'html', 'pdf', 'json', 'csv', 'xlsx'."),
    ],
)
def test_a_value_typer_refuses_is_refused_in_typers_words(cli, argv, said):
    result = cli(*argv, ok=False)
    assert result.exit_code == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_a_command_of_plain_values_does_not_import_pydantic(tmp_path):
    """A third of `tocht show`'s instructions were pydantic's, imported for typer's coercion alone
    (a kit is validated with pydantic only until the kit cache holds it)."""
    code = (
        "import sys; sys.argv = ['tocht', *sys.argv[1:]]\nfrom tocht_cli.launch import main\n"
        "try: main()\nexcept SystemExit: pass\nprint('pydantic' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOCHT_DB": str(tmp_path / "tocht.json")}
    subprocess.run([sys.executable, "-m", "tocht_cli", "kit", "show"], env=env, check=True, capture_output=True)  # the kit cached
    for argv in (["new", "Ontmoetingsdag", "-g", "tafel 1", "--yes"], ["show", "-g", "tafel 1", "--brief"], ["list"]):
        done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=True)
        assert done.stderr.splitlines()[-1] == "False", (argv, done.stderr)
