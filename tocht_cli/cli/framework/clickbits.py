"""What tocht needs of click that typer keeps private, by public means or copied.

typer 0.29 vendors click as `typer._click`, a private module: its exception classes other than
BadParameter are not exported, and the way click names a parameter in an error is a private
function. Exceptions are recognised here by their class names (click's documented ones), and
`join_param_hints` is copied. tests/test_clickbits.py checks both against what typer raises and says.

`join_param_hints` is copied from click 8 (click/exceptions.py, as typer 0.29.2 vendors it) under
its licence:

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

from collections.abc import Sequence
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
