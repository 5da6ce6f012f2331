"""Whether a person is there to answer: prompts only on a terminal, confirmation before destructive acts."""

from __future__ import annotations

import sys
from typing import Any

from tocht_cli.base.errors import NeedsTerminal
from tocht_cli.base.i18n import _


def is_interactive() -> bool:
    """Prompts only when a person can answer them."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def require_terminal(what: str, instead: str) -> None:
    if not is_interactive():
        raise NeedsTerminal(_("{command} needs a terminal to ask its questions, and stdin is not one").format(command=what), instead)


def confirm(question: str, yes: bool, instead: str) -> None:
    """Ask before a destructive act; without a terminal, only --yes allows it."""
    from tocht_cli.base.errors import Aborted

    if yes:
        return
    if not is_interactive():
        raise NeedsTerminal(_("{question} needs confirmation and stdin is not a terminal").format(question=question), instead)
    if not yes_or_no(question):
        raise Aborted(_("nothing was changed"))


def yes_or_no(question: str) -> bool:
    """questionary's yes/no question (No when Enter is pressed), in the facilitator's words:
    "(j/N)" and "Ja"/"Nee" in Dutch, where j answers yes as well as y."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from questionary.prompts import confirm as prompt

    prompt.YES, prompt.NO = _("Yes"), _("No")  # type: ignore[attr-defined]  # the answer once given: questionary says it from these module words
    asked = questionary.confirm(question, default=False, instruction=_("(y/N)") + " ")
    said_yes = _("y")
    if said_yes not in "yY":  # the language's own letter for yes answers as y does
        keys = KeyBindings()

        @keys.add(said_yes.lower())
        @keys.add(said_yes.upper())
        def yes(event: Any) -> None:
            event.app.key_processor.feed(KeyPress("y"), first=True)

        own = asked.application.key_bindings
        asked.application.key_bindings = merge_key_bindings([own, keys] if own else [keys])
    return bool(asked.unsafe_ask())
