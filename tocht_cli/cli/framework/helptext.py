"""`--help` that reads well, in the facilitator's language: commands listed with their whole first
sentence, readable metavars, and every word of it (ours, typer's, click's) said when it is shown.

click lists a command with the start of its help cut at the first ". " and at about 45
characters, so "Record the group's position (e.g. A3)" came out as "…(e.g..."; and typer
prints `<str>`, `<int range>`, `<list[str]>` after each option and `{TASK}` in the usage
line. Commands are listed with their whole first sentence (wrapped by click, never cut), and
parameters show a word: the metavar given, else TEXT or N.

Help texts are marked with `N_` where they are written (at import, before `--lang` is read) and
translated here when help is shown. typer 0.29 vendors click without gettext: click's words
("Usage:", "[OPTIONS]") are put through the catalogs here. typer's own words ("Options",
"Arguments", "Commands", "required") it says through the standard library's `gettext.gettext`,
the process's global domain: while help is formatted, that domain is tocht's catalogs in the
facilitator's language (`typer_speaks`; `usage.py` marks the words for the catalogs).
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from tocht_cli.base.i18n import DOMAIN, LOCALE_DIR, N_, _, facilitator_language

# a sentence ends at ". " unless the dot ends an abbreviation (e.g., i.e., bv.)
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bbv)(?<!\bvs)\.\s")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).rstrip(".")


_WORDS = {
    "str": N_("TEXT"), "int": "N", "int range": "N", "float": N_("NUMBER"), "float range": N_("NUMBER"),
    "path": N_("PATH"), "file": N_("FILE"),
}  # fmt: skip


def word_for(shown: str | None) -> str | None:
    """typer's type label (`<str>`, `<int range>`, `<list[str]>`, `a|b`) as a word: TEXT, N, TEXT..., a|b."""
    if not shown:
        return shown
    many = shown.endswith("...")
    inner = shown.removesuffix("...").strip("<>")
    if inner.startswith("list[") and inner.endswith("]"):
        inner, many = inner[5:-1], True
    word = _WORDS.get(inner, inner if "|" in inner or not shown.startswith("<") else inner.upper())
    return f"{word}..." if many else word


@cache
def readable_metavars() -> None:
    """Teach typer's parameters to show TEXT, N, TASK… rather than <str>, <int range>, {TASK} (once per process).

    Only public methods are replaced: an argument's help record is given its name here, as its usage piece."""
    from typer.core import TyperArgument, TyperOption

    typer_type = TyperOption.display_type_rich
    help_record = TyperArgument.get_help_record

    def option_type(self: Any, ctx: Any) -> str | None:
        word = word_for(typer_type(self, ctx))
        return word and _said_word(word)

    def argument_record(self: Any, ctx: Any) -> tuple[str, str] | None:
        record = help_record(self, ctx)
        return record and (argument_name(self), record[1])

    def argument_usage(self: Any, ctx: Any) -> list[str]:
        name = argument_name(self)
        return [name if self.required else f"[{name}]"]

    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    TyperArgument.get_help_record = argument_record  # type: ignore[method-assign]
    TyperArgument.get_usage_pieces = argument_usage  # type: ignore[method-assign]


def argument_name(argument: Any) -> str:
    """An argument as help and usage errors name it: its metavar (else its name in capitals) in the
    facilitator's language, with "..." when it takes several values."""
    name = _(argument.metavar if argument.metavar is not None else argument.name.upper())
    return f"{name}..." if argument.nargs != 1 else str(name)


def _said_word(word: str) -> str:
    """A metavar in the facilitator's language (TEKST, SESSIE), also when it stands for several (TEKST...)."""
    many = word.endswith("...")
    said = _(word.removesuffix("..."))
    return f"{said}..." if many else said


def _said(method: Callable[..., Any], *names: str) -> Callable[..., Any]:
    """`method` run with the object's texts `names` (help, epilog, metavars) in the facilitator's language.

    The texts stay as written (English, marked with N_) on the object; only what is shown is translated,
    so help built before `--lang` was read still comes out in its language.
    """

    def said(self: Any, *args: Any, **kwargs: Any) -> Any:
        kept = {name: getattr(self, name) for name in names if getattr(self, name, None)}
        for name, text in kept.items():
            setattr(self, name, _(text))
        try:
            return method(self, *args, **kwargs)
        finally:
            for name, text in kept.items():
                setattr(self, name, text)

    return said


def short_help(self: Any, limit: int = 45) -> str:
    """A command in a list of commands: its whole first sentence (click wraps it, never cuts it)."""
    return _(self.short_help) if self.short_help else first_sentence(_(self.help)) if self.help else ""


@cache
def said_when_shown() -> None:
    """Translate help when it is shown: commands' help and epilog, parameters' help, the usage line's
    words and typer's own words (once per process). Through typer's public classes: every command
    tocht has is one of typer's, and the help formatter is the one typer's Context makes."""
    from typer import Context, core

    for command in (core.TyperCommand, core.TyperGroup):
        command.format_help = _in_typers_words(command.format_help)  # type: ignore[method-assign]
        command.format_help_text = _said(command.format_help_text, "help")  # type: ignore[method-assign]
        command.format_epilog = _said(command.format_epilog, "epilog")  # type: ignore[method-assign]
        command.get_short_help_str = short_help  # type: ignore[method-assign]
        command.format_usage = _said(command.format_usage, "options_metavar", "subcommand_metavar")  # type: ignore[method-assign]
    for parameter in (core.TyperOption, core.TyperArgument):
        parameter.get_help_record = _said(parameter.get_help_record, "help")  # type: ignore[method-assign]
    formatter = Context.formatter_class
    write_usage = formatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    formatter.write_usage = usage  # type: ignore[method-assign]


def _in_typers_words(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` run with typer's own words ("Options", "required") in the facilitator's language."""

    def formatted(self: Any, *args: Any, **kwargs: Any) -> Any:
        with typer_speaks(facilitator_language()):
            return method(self, *args, **kwargs)

    return formatted


@contextmanager
def typer_speaks(language: str) -> Iterator[None]:
    """typer says its words with `gettext.gettext`: the global domain, in the language gettext reads from
    LANGUAGE (then LC_ALL, LC_MESSAGES, LANG). For a while that domain is tocht's catalogs and LANGUAGE
    `language`, so they come out as `--lang` says; both are put back after (an unknown language, as
    English, finds no catalog: the words as typer wrote them)."""
    domain, kept = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if kept is None:
            del os.environ["LANGUAGE"]
        else:
            os.environ["LANGUAGE"] = kept
