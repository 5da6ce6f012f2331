"""`--help` that reads well: commands listed with their whole first sentence, readable metavars.

click lists a command with the start of its help cut at the first ". " and at about 45
characters, so "Record the group's position (e.g. A3)" came out as "…(e.g..."; and typer
prints `<str>`, `<int range>`, `<list[str]>` after each option and `{TASK}` in the usage
line. Commands get their first sentence as `short_help` (wrapped by click, never cut), and
parameters show a word: the metavar given, else TEXT or N.
"""

from __future__ import annotations

import re
from typing import Any

# a sentence ends at ". " unless the dot ends an abbreviation (e.g., i.e., bv.)
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bbv)(?<!\bvs)\.\s")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).rstrip(".")


def short_helps(command: Any) -> Any:
    """Give the command and its sub-commands their whole first sentence as short help."""
    if command is None:
        return None
    if not command.short_help and command.help:
        command.short_help = first_sentence(command.help)
    for sub in getattr(command, "commands", {}).values():
        short_helps(sub)
    return command


_WORDS = {"str": "TEXT", "int": "N", "int range": "N", "float": "NUMBER", "float range": "NUMBER", "path": "PATH", "file": "FILE"}


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


def readable_metavars() -> None:
    """Teach typer's parameters to show TEXT, N, TASK… rather than <str>, <int range>, {TASK} (once per process)."""
    from typer.core import TyperArgument, TyperOption

    if getattr(TyperOption, "_tocht_readable", False):
        return

    typer_type = TyperOption.display_type_rich

    def option_type(self: Any, ctx: Any) -> str | None:
        return word_for(typer_type(self, ctx))

    def argument_name(self: Any) -> str:
        name = self.metavar if self.metavar is not None else self.name.upper()
        return f"{name}..." if self.nargs != 1 else str(name)

    def argument_usage(self: Any) -> str:
        name = argument_name(self)
        return name if self.required else f"[{name}]"

    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign,assignment]
    TyperArgument._rich_display_name = argument_name  # type: ignore[method-assign]
    TyperArgument._usage_display_name = argument_usage  # type: ignore[method-assign]
    TyperOption._tocht_readable = True  # type: ignore[attr-defined]
