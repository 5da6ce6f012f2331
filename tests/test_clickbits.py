"""cli/framework/clickbits.py against typer's click: the exceptions it raises are recognised by name, and a
parameter is named in an error as click names it. A typer release that renames or rewords them
fails here (and in the golden usage errors of test_pinned_output.py)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from tocht_cli.cli.framework.clickbits import is_click, join_param_hints

app = typer.Typer()


@app.command()
def hello(name: str, times: int = typer.Option(1, "--times", "-t")) -> None:
    print(name * times)


def raised(*args: str) -> BaseException:
    """The usage error typer raises for `args` (standalone_mode off: raised, not printed)."""
    result = CliRunner().invoke(app, list(args), standalone_mode=False)
    assert result.exception is not None
    return result.exception


@pytest.mark.parametrize(
    "args, name",
    [(["x", "--bogus"], "NoSuchOption"), ([], "MissingParameter"), (["x", "--times", "many"], "BadParameter")],
)
def test_typers_usage_errors_are_recognised_by_their_click_names(args, name):
    exc = raised(*args)
    assert is_click(exc, name) and is_click(exc, "UsageError")
    assert not is_click(exc, "NoArgsIsHelpError")


def test_missing_parameter_is_a_bad_parameter_as_in_click():
    assert is_click(raised(), "BadParameter")


@pytest.mark.parametrize("hint", [["--times", "-t"], "'NAME'", ("--x",)])
def test_parameter_hints_are_joined_as_click_joins_them(hint):
    said = typer.BadParameter("no good", param_hint=hint).format_message()
    assert said == f"Invalid value for {join_param_hints(hint)}: no good"
