"""What tocht needs of click that typer keeps private, by public means or copied.

typer 0.29 vendors click as `typer._click`, a private module: its exception classes other than
BadParameter are not exported, the way click names a parameter in an error is a private
function, and so is the way it finds what a line typed so far completes (shell_completion.py).
Exceptions are recognised here by their class names (click's documented ones); `join_param_hints`,
`split_arg_string` and the completion's `resolve_context` / `resolve_incomplete` are copied, reaching
click's objects through their public methods only (`make_context`, `make_parser`, `resolve_command`,
`get_params`, `get_parameter_source`). tests/test_clickbits.py and tests/test_completion.py check them
against what typer raises, says and completes.

They are copied from click 8 (click/exceptions.py and click/shell_completion.py, as typer 0.29.2
vendors them) under its licence:

    Copyright 2014 Pallets

    Redistribution and use in source and binary forms, with or without
    modification, are permitted provided that the following conditions are
    met:

    1.  Redistributions of source code must retain the above copyright
        notice, this list of conditions and the following disclaimer.

    2.  Redistributions in binary form must reproduce the above copyright
        notice, this list of conditions and the following disclaimer in the
        documentation and/or other materials provided with the distribution.

    3.  Neither the name of the copyright holder nor the names of its
        contributors may be used to endorse or promote products derived from
        this software without specific prior written permission.

    THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
    "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
    LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
    PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT
    HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
    SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED
    TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
    PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF
    LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
    NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
    SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

from __future__ import annotations

import shlex
from collections.abc import MutableMapping, Sequence
from typing import Any


def is_click(exc: Any, name: str) -> bool:
    """Whether `exc` is one of click's exceptions called `name` (NoSuchOption, MissingParameter…),
    or derives from it, without importing the module typer keeps them in."""
    return any(kind.__name__ == name for kind in type(exc).__mro__)


def join_param_hints(param_hint: Sequence[str] | str | None) -> str | None:
    """The parameter an error is about, as click names it: '--date' / '-d' (click's _join_param_hints)."""
    if param_hint is not None and not isinstance(param_hint, str):
        return " / ".join(repr(x) for x in param_hint)
    return param_hint


def split_arg_string(string: str) -> list[str]:
    """The words of a line as the shell would split them, the last one possibly unfinished (an open quote)."""
    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out = []
    try:
        for token in lex:
            out.append(token)
    except ValueError:  # the line ends inside a quote or after a backslash: the partial word as it is
        out.append(lex.token)
    return out


def resolve_context(cli: Any, ctx_args: MutableMapping[str, Any], prog_name: str, args: list[str]) -> Any:
    """The context of the last command named in `args` (`tocht statements vote …` → vote's), each
    parsed without prompts or callbacks."""
    with cli.make_context(prog_name, args.copy(), **{**ctx_args, "resilient_parsing": True}) as ctx:
        args = _rest(ctx, args)
        while args and hasattr(ctx.command, "resolve_command"):
            name, command, args = ctx.command.resolve_command(ctx, args)
            if command is None:
                return ctx
            with command.make_context(name, args, parent=ctx, resilient_parsing=True) as ctx:
                args = _rest(ctx, args)
    return ctx


def _rest(ctx: Any, args: list[str]) -> list[str]:
    """What a group's own options leave of `args`: its sub-command and that one's words (click keeps them
    in the context's private `_protected_args`; the group's public parser says the same)."""
    if not hasattr(ctx.command, "resolve_command"):
        return []
    return list(ctx.command.make_parser(ctx).parse_args(args=list(args))[1])


def resolve_incomplete(ctx: Any, args: list[str], incomplete: str) -> tuple[Any, str]:
    """The command or parameter that completes `incomplete`, and what of it is to be completed."""
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and _start_of_option(incomplete):
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    if "--" not in args and _start_of_option(incomplete):
        return ctx.command, incomplete
    params = ctx.command.get_params(ctx)
    for param in params:
        if _is_incomplete_option(args, param):
            return param, incomplete
    for param in params:
        if _is_incomplete_argument(ctx, param):
            return param, incomplete
    return ctx.command, incomplete


def _start_of_option(value: str) -> bool:
    """Whether `value` looks like an option: every option of tocht starts with "-" (click's parser
    knows the prefixes of the options it was given; "-" is always one of them)."""
    return value[:1] == "-"


def _is_incomplete_argument(ctx: Any, param: Any) -> bool:
    """Whether `param` is an argument that can still take values."""
    if param.param_type_name != "argument":
        return False
    value = ctx.params.get(param.name)
    source = ctx.get_parameter_source(param.name)
    return (
        param.nargs == -1
        or getattr(source, "name", None) != "COMMANDLINE"
        or (param.nargs > 1 and isinstance(value, tuple | list) and len(value) < param.nargs)
    )


def _is_incomplete_option(args: list[str], param: Any) -> bool:
    """Whether `param` is an option whose value is being typed (the last option on the line, within its nargs)."""
    if param.param_type_name != "option" or param.is_flag or param.count:
        return False
    last_option = None
    for index, arg in enumerate(reversed(args)):
        if index + 1 > param.nargs:
            break
        if _start_of_option(arg):
            last_option = arg
            break
    return last_option is not None and last_option in param.opts
