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
    answer = yes_or_no(question)
    if answer is None:
        raise Aborted(_("stopped; nothing was changed"))
    if not answer:
        raise Aborted(_("nothing was changed"))


def yes_or_no(question: str) -> bool | None:
    """questionary's yes/no question (No when Enter is pressed), in the facilitator's words:
    "(j/N)" and "Ja"/"Nee" in Dutch, where j answers yes as well as y. `/`, the stop letter and Enter
    stop (None), as in the walk's prompts, whose hint it shows ("/s stoppen")."""
    import questionary
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from questionary.prompts import confirm as prompt

    stop_word = _("quit")  # the walk's word for stopping
    stop = next(c for c in stop_word.lower() if c.isalpha())
    # questionary's module words: the answer once given, and what it shows while it waits (not after)
    prompt.YES, prompt.NO = _("Yes"), _("No")  # type: ignore[attr-defined]
    prompt.NO_OR_YES = _("(y/N)") + f" · /{stop} {stop_word}"  # type: ignore[attr-defined]  # the walk's hint for stopping
    asked = questionary.confirm(question, default=False)
    keys = KeyBindings()
    said_yes = _("y")
    if said_yes not in "yY":  # the language's own letter for yes answers as y does

        @keys.add(said_yes.lower())
        @keys.add(said_yes.upper())
        def yes(event: Any) -> None:
            event.app.key_processor.feed(KeyPress("y"), first=True)

    typed: list[str] = []  # "/" and then the stop letter, typed just now

    @keys.add("/", eager=True)
    def slash(event: Any) -> None:
        typed[:] = ["/"]

    @keys.add(stop, eager=True, filter=Condition(lambda: typed == ["/"]))
    @keys.add(stop.upper(), eager=True, filter=Condition(lambda: typed == ["/"]))
    def stop_letter(event: Any) -> None:
        typed.append(stop)

    @keys.add("enter", eager=True, filter=Condition(lambda: len(typed) == 2))
    def stopped(event: Any) -> None:
        event.app.exit(result=None)

    own = asked.application.key_bindings
    asked.application.key_bindings = merge_key_bindings([own, keys] if own else [keys])
    answer = asked.unsafe_ask()
    return None if answer is None else bool(answer)
