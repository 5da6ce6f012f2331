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
    """Refuse to ask `what`'s questions without a person, naming the stream that is no terminal (`run | tee`:
    its output, not its input)."""
    if is_interactive():
        return
    if not sys.stdin.isatty():
        raise NeedsTerminal(_("{command} needs a terminal to ask its questions, and stdin is not one").format(command=what), instead)
    raise NeedsTerminal(_("{command} needs a terminal to show its questions, and stdout is not one").format(command=what), instead)


def confirm(question: str, yes: bool, instead: str) -> None:
    """Ask before a destructive act; without a terminal, only --yes allows it."""
    from tocht_cli.base.errors import Aborted

    if yes:
        return
    if not is_interactive():
        raise NeedsTerminal(
            _("{question} There is no terminal to answer on, so nothing was changed.").format(question=question),
            _("to go ahead anyway, type: {command}").format(command=instead),
        )
    answer = yes_or_no(question)
    if answer is None:
        raise Aborted(_("stopped; nothing was changed"))
    if not answer:
        raise Aborted(_("nothing was changed"))


def yes_or_no(question: str) -> bool | None:
    """A typed yes or no, in the facilitator's words ("j"/"ja", "n"/"nee"; y/yes and n/no too); Enter is
    No. Any other answer ("misschien") is asked again, never taken for No. `/s` stops (None), as in the
    walk, whose hint it shows ("/s stoppen"): on the question's line when both fit, else whole on its own."""
    import textwrap

    import questionary
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.formatted_text import FormattedText

    from tocht_cli.base.text import norm

    stop_word = _("quit")  # the walk's word for stopping
    stop = "/" + next(c for c in stop_word.lower() if c.isalpha())
    yes, no = ({norm(w) for w in words} for words in (("y", "yes", _("y"), _("yes")), ("n", "no", _("n"), _("no"), "")))

    def understood(typed: str) -> bool | str:
        return norm(typed) in yes | no or typed.strip().lower() == stop or _("answer {yes} or {no}").format(yes=_("y"), no=_("n"))

    choices = _("(y/N)")
    hint = f"{choices} · {stop} {stop_word}"
    width = get_app_session().output.get_size().columns
    lines = textwrap.wrap(question, width - 3) or [question]  # between words: the terminal would cut "ant / woorden"
    fits = len(lines[-1]) + len(hint) + 5 <= width
    asked = refusals_whole(
        questionary.text("\n".join(lines), instruction=hint if fits else "\n" + hint, validate=understood, erase_when_done=True)
    )
    typed = asked.unsafe_ask()
    if typed is None or typed.strip().lower() == stop:
        return None
    said_yes = norm(typed) in yes
    print_formatted_text(
        FormattedText([("bold", "? " + "\n".join(lines) + " "), ("", _("Yes") if said_yes else _("No"))])
    )  # the answer stays, the hint goes
    return said_yes


def refusals_whole(question: Any) -> Any:
    """A typed prompt whose refusal is shown whole, broken between words over as many lines as it needs:
    prompt_toolkit's line for it is one line high and cut the rest off at 80 columns ("verwacht een geheel
    getal van 0 tot 10000, niet 'ongeveer vij")."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.filters import has_validation_error
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, Window

    from tocht_cli.render.output import between_words

    app = question.application

    def refusal() -> FormattedText:
        error = app.current_buffer.validation_error
        width = get_app_session().output.get_size().columns - 1
        return FormattedText([("class:validation-toolbar", between_words(error.message, width))] if error else [])

    for container in app.layout.walk():
        if isinstance(container, ConditionalContainer) and container.filter is has_validation_error:
            container.content = Window(FormattedTextControl(refusal), dont_extend_height=True)
    return question
