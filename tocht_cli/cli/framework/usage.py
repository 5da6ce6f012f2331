"""click's usage errors in the facilitator's language and in plain words.

typer 0.29 vendors click without gettext, so click's messages are English
f-strings ("No such option: --bogus", "Got unexpected extra argument(s) (x)").
Each is recognised here by its form and said again from our catalogs; the
usage line and "Try 'tocht list --help' for help." around it too. Messages
typer words from pydantic ("Input should be a valid integer…") become ours
("expected a whole number"). typer's words in help are marked here so the
catalogs hold them (cli/framework/helptext.py has typer say them from ours).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from tocht_cli.base.i18n import N_, _
from tocht_cli.cli.framework.clickbits import is_click, join_param_hints
from tocht_cli.cli.framework.helptext import argument_name

# typer's own words in help, which it says through `gettext.gettext` (tocht's catalogs while help is
# formatted: helptext.typer_speaks), and click's words that helptext.py puts through `_`
TYPER_WORDS = (
    N_("Options"), N_("Arguments"), N_("Commands"), N_("required"), N_("default: {default}"), N_("env var: {var}"),
    N_("(dynamic)"), N_("Show this message and exit."), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
)  # fmt: skip


def worded(flags: int, table: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A table of messages as a library words them (a pattern whose named groups are the placeholders), each with ours."""
    return tuple((re.compile(pattern, flags), message) for pattern, message in table)


# click's messages as it words them, each with ours; the named groups are the placeholders
_CLICK = worded(
    re.DOTALL,
    (
        (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
        (r"No such command '(?P<name>[^'\\]*)'\.", N_("No such command {name!r}.")),  # typer's words
        (r"Missing command\.", N_("Missing command.")),
        (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", N_("Got unexpected extra argument(s) ({args})")),
        (r"Option (?P<name>'[^']*') requires an argument\.", N_("Option {name} needs a value.")),
        (r"Option (?P<name>'[^']*') requires (?P<n>\d+) arguments\.", N_("Option {name} needs {n} values.")),
        (r"Option (?P<name>'[^']*') does not take a value\.", N_("Option {name} does not take a value.")),
        (r"Argument (?P<name>'[^']*') takes (?P<n>\d+) values\.", N_("Argument {name} takes {n} values.")),
        (r"Value (?P<value>.*) is not a valid (?P<what>\w+)\.", N_("{value} is not a valid {what}.")),
        (r"(?P<value>.*) is not one of (?P<choices>.*)\.", N_("{value} is not one of {choices}.")),
        (r"Value must be an iterable\.", N_("expected a list of values")),
        (r"Choose from:\s*(?P<choices>.*)", N_("Choose from: {choices}")),
    ),
)

# what typer says from pydantic's errors, in our plain words
_PYDANTIC = worded(
    0,
    (
        (r"Input should be a valid integer(, unable to parse string as an integer)?", N_("expected a whole number")),
        (r"Input should be a valid number(, unable to parse string as a number)?", N_("expected a number")),
        (r"Input should be greater than or equal to (?P<n>\S+)", N_("expected a number of at least {n}")),
        (r"Input should be less than or equal to (?P<n>\S+)", N_("expected a number of at most {n}")),
        (r"Input should be greater than (?P<n>\S+)", N_("expected a number above {n}")),
        (r"Input should be less than (?P<n>\S+)", N_("expected a number below {n}")),
        (r"Input should be a valid boolean(, unable to interpret input)?", N_("expected yes or no")),
        (r"^(Value error|Assertion failed), ", ""),
        (r"\b[Ii]nput should be (?P<rest>.*)", N_("expected {rest}")),
    ),
)


def said(exc: Any) -> str:
    """A click exception as click shows it (usage line, where help is, the error), in our words."""
    if is_click(exc, "NoArgsIsHelpError"):
        return str(exc.format_message())  # the help itself, already translated as it was formatted
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(_("Error: {message}").format(message=message(exc)))
    return "\n".join(lines)


def message(exc: Any) -> str:
    """What click would put after "Error: ", in the facilitator's language."""
    if is_click(exc, "NoSuchOption"):
        text = reworded(exc.message)
        if exc.possibilities:
            text += " " + _("(Possible options: {options})").format(options=", ".join(sorted(exc.possibilities)))
        return text
    if is_click(exc, "MissingParameter"):
        return _missing(exc)
    if is_click(exc, "BadParameter"):
        hint = _hint(exc)
        text = in_plain_words(exc.message)
        if hint is None:
            return _("Invalid value: {message}").format(message=text)
        return _("Invalid value for {name}: {message}").format(name=hint, message=text)
    return reworded(exc.format_message())


def reworded(text: str) -> str:
    """One of click's messages in our words (unchanged when it is none of the known ones, or ours already)."""
    for pattern, template in _CLICK:
        match = pattern.fullmatch(text)
        if match:
            return _said(template, match)
    return text


def in_plain_words(message: str) -> str:
    """What typer words from pydantic ("Input should be a valid integer…") in ours ("expected a whole number")."""
    for pattern, template in _PYDANTIC:
        message = pattern.sub(partial(_said, template), message)
    return reworded(re.sub(r": Value error, ", ": ", message))


def _said(template: str, match: re.Match[str]) -> str:
    """A matched message in our words: the template translated, the placeholders filled with what matched
    (a group that matched nothing as nothing); an empty template takes the words away."""
    return _(template).format(**{k: v or "" for k, v in match.groupdict().items()}) if template else ""


def _hint(exc: Any) -> str | None:
    """The parameter a usage error is about, as the help names it ('--date', 'NAAM')."""
    if exc.param_hint is not None:
        return join_param_hints(exc.param_hint)
    if exc.param is None:
        return None
    if exc.param.param_type_name == "argument":
        return f"'{argument_name(exc.param)}'"  # the metavar as help shows it, translated
    return join_param_hints(exc.param.get_error_hint())


def _missing(exc: Any) -> str:
    hint = _hint(exc) or "?"
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "")
    text = {"argument": _("Missing argument {name}."), "option": _("Missing option {name}.")}.get(kind, _("Missing value for {name}."))
    extra = [reworded(exc.message)] if exc.message else []
    if exc.param is not None and (choices := exc.param.get_missing_message(ctx=exc.ctx)):
        extra.append(reworded(choices))
    return " ".join([text.format(name=hint), *extra])
