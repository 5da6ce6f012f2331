"""Whether a person is there to answer: prompts only on a terminal, confirmation before destructive acts."""

from __future__ import annotations

import sys

from tocht_cli.errors import NeedsTerminal


def is_interactive() -> bool:
    """Prompts only when a person can answer them."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def require_terminal(what: str, instead: str) -> None:
    if not is_interactive():
        raise NeedsTerminal(f"{what} needs a terminal to ask its questions, and stdin is not one", instead)


def confirm(question: str, yes: bool, instead: str) -> None:
    """Ask before a destructive act; without a terminal, only --yes allows it."""
    from tocht_cli.errors import Aborted

    if yes:
        return
    if not is_interactive():
        raise NeedsTerminal(f"{question} needs confirmation and stdin is not a terminal", instead)
    import questionary

    if not questionary.confirm(question, default=False).unsafe_ask():
        raise Aborted("nothing was changed")
