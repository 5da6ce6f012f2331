"""The shells' side of Tab: the script `tocht completion SHELL` prints, and the classes that answer the shell.

The shell runs tocht with `_TOCHT_COMPLETE` set for every Tab; click (inside typer) parses the line and asks
the parameter being completed for its values (what it offers is cli/tab.py's).
"""

from __future__ import annotations

import shlex
from typing import Any

COMPLETE_VAR = "_TOCHT_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    """What `tocht completion SHELL` prints: typer's script for `shell`, calling tocht back with `_TOCHT_COMPLETE`."""
    from typer.completion import get_completion_script  # type: ignore[attr-defined]  # the function typer's --show-completion calls

    return get_completion_script(prog_name="tocht", complete_var=COMPLETE_VAR, shell=shell)


def register() -> None:
    """typer's completion classes for the shells (its own `--install-completion` would register them),
    with bash's values quoted: a session or group name may hold spaces. Through typer.completion,
    the module typer's own completion options use: typer's bash class is taken from the registry
    it fills, not imported from where typer keeps it."""
    from typer.completion import completion_init, shell_completion  # type: ignore[attr-defined]

    completion_init()
    bash = shell_completion.get_completion_class("bash")

    class QuotedBash(bash):  # type: ignore[misc,valid-type]
        def format_completion(self, item: Any) -> str:
            return shlex.quote(item.value)

    shell_completion.add_completion_class(QuotedBash, "bash")
