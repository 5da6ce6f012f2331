"""Each phone in its language (issue 20 §7): when the room's kit exists in other languages (the same exercises
and item ids, `Kits.translations`), a participant chooses one on the join page, and their phone's pages show the
kit in it: its questions, statements, options and the room's words. What is stored stays the room's: a vote is
kept by the item's id, and an option by its place in the room's kit (`agree` is kept as `eens`); the screen and
the scribes' forms keep the room's language, and what people typed is shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tocht_cli.kinds.contract import Exercise, Kit
from tocht_cli.kinds.fields import Field
from tocht_cli.kinds.values import Choice, Counts

# each language named in itself, as a chooser names them (a code stands for itself where none is known)
AUTONYMS = {"nl": "Nederlands", "en": "English", "fr": "Français", "de": "Deutsch"}


@dataclass(frozen=True)
class Languages:
    """The room's kit and its translations, by language; the room's own first."""

    kits: dict[str, Kit]

    @classmethod
    def of(cls, kit: Kit, translations: dict[str, Kit]) -> Languages:
        return cls({kit.language: kit, **{lang: k for lang, k in sorted(translations.items()) if lang != kit.language}})

    @property
    def room(self) -> Kit:
        return next(iter(self.kits.values()))

    def choices(self) -> list[tuple[str, str]]:
        """(language, its name in itself) for the join page; none when the room has one language."""
        return [(lang, AUTONYMS.get(lang, lang)) for lang in self.kits] if len(self.kits) > 1 else []

    def kit(self, language: str) -> Kit:
        """The kit a phone reads: the one in its language, else the room's."""
        return self.kits.get(language) or self.room

    def exercise(self, language: str, ex: Exercise) -> Exercise:
        """The room's exercise as a phone in `language` reads it (the same id)."""
        kit = self.kit(language)
        return ex if kit is self.room else next((e for e in kit.exercises if e.id == ex.id), ex)


def said_as(fields: tuple[Field, ...], source: Any, target: Any, value: dict[str, Any]) -> dict[str, Any]:
    """A ballot's value given in one kit's words (`source`, an exercise's spec) in another's (`target`): each
    option of a choice, and each counted option, by its place in the list; free text as typed."""
    out = dict(value)
    for f in fields:
        given, kind, wanted = value.get(f.name), f.bound(source), f.bound(target)
        if isinstance(kind, Choice) and isinstance(wanted, Choice) and given in kind.options:
            out[f.name] = moved(kind.options, wanted.options, given)
        elif isinstance(kind, Counts) and isinstance(wanted, Counts) and isinstance(given, dict):
            out[f.name] = {moved(kind.options, wanted.options, o): n for o, n in given.items()}
    return out


def moved(source: tuple[str, ...], target: tuple[str, ...], option: str) -> str:
    """`option` of `source` as the option at its place in `target` (itself when the lists differ in length)."""
    return target[source.index(option)] if option in source and len(source) == len(target) else option
