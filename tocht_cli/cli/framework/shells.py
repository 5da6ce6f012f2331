"""The shells' side of Tab: the script `tocht completion SHELL` prints, and tocht's answer when the shell asks.

The script has the shell run tocht with `_TOCHT_COMPLETE=complete_SHELL` and the line typed so far at
every Tab. `answer` finds the command and parameter being completed (clickbits.py), asks it for its
values (cli/tab.py's, attached with `autocompletion=`) and writes them as the shell reads them: bash's
shell-quoted (a session or group name may hold spaces), zsh's and fish's with what each value is.

typer keeps all this in private modules (typer._completion_shared, typer._completion_classes,
typer._click.shell_completion). The scripts and the shells' formats are copied from typer 0.29.2,
with two changes: bash's values are quoted, and a value's description is text, never rich markup.
tests/test_completion.py checks them against what typer prints and answers. Under typer's licence:

    The MIT License (MIT)

    Copyright (c) 2019 Sebastián Ramírez

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in
    all copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
    THE SOFTWARE.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

from tocht_cli.cli.framework import COMPLETE_VAR
from tocht_cli.cli.framework.clickbits import resolve_context, resolve_incomplete, split_arg_string

SHELLS = ("bash", "zsh", "fish")

_SCRIPTS = {
    "bash": """
%(complete_func)s() {
    local IFS=$'\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   %(autocomplete_var)s=complete_bash $1 ) )
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s
""",
    "zsh": """
#compdef %(prog_name)s

%(complete_func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(autocomplete_var)s=complete_zsh %(prog_name)s)
}

compdef %(complete_func)s %(prog_name)s
""",
    "fish": 'complete --command %(prog_name)s --no-files --arguments "(env %(autocomplete_var)s=complete_fish '
    '_TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s)" --condition "env '
    '%(autocomplete_var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args _TYPER_COMPLETE_ARGS=(commandline -cp) %(prog_name)s"',
}


def script(shell: str) -> str:
    """What `tocht completion SHELL` prints: the shell's function that calls tocht back with `_TOCHT_COMPLETE`."""
    return (_SCRIPTS[shell] % {"complete_func": "_tocht_completion", "prog_name": "tocht", "autocomplete_var": COMPLETE_VAR}).strip()


def answer(cli: Any, prog_name: str, ctx_args: MutableMapping[str, Any], environ: Mapping[str, str] = os.environ) -> int:
    """Answer the shell that asked (`_TOCHT_COMPLETE=complete_bash` …): the values on stdout, and the exit
    code the script reads (fish asks first whether there are any). An instruction of no shell tocht
    knows gets nothing, exit 1: it is nobody's prompt line to write on."""
    action, _, shell = environ.get(COMPLETE_VAR, "").partition("_")
    if action != "complete" or shell not in SHELLS:
        return 1
    args, incomplete = _line(shell, environ)
    ctx = resolve_context(cli, ctx_args, prog_name, args)
    found, incomplete = resolve_incomplete(ctx, args, incomplete)
    items = found.shell_complete(ctx, incomplete)
    if shell == "fish" and environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return 0 if items else 1
    reply = {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](items)
    if reply:
        sys.stdout.write(reply + "\n")
    return 0


def _line(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The words before the cursor and the one being typed, from what the shell's script passes."""
    if shell == "bash":
        words = split_arg_string(environ.get("COMP_WORDS", ""))
        cursor = int(environ.get("COMP_CWORD", "0") or 0)
        return words[1:cursor], words[cursor] if cursor < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_arg_string(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _bash(items: list[Any]) -> str:
    return "\n".join(shlex.quote(item.value) for item in items)


def _zsh(items: list[Any]) -> str:
    def escape(text: str) -> str:
        return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

    said = [f'"{escape(i.value)}":"{escape(i.help)}"' if i.help else f'"{escape(i.value)}"' for i in items]
    return "_arguments '*: :(({}))'".format("\n".join(said)) if said else "_files"


def _fish(items: list[Any]) -> str:
    return "\n".join(f"{i.value}\t{_SPACE.sub(' ', i.help)}" if i.help else f"{i.value}" for i in items)


_SPACE = re.compile(r"\s")
