"""Which language tocht speaks, and its own words in that language.

Two audiences, two languages. The facilitator's messages (errors, hints,
confirmations, `--help`) follow `--lang`, else the locale (`LANGUAGE`,
`LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them), else English. What
the room reads (the walk's chrome, replay, summaries, handouts, the room's
pages) follows the kit's language: `words(kit.language)`.

The message ids are the English texts, marked in the code with `_()` (said to
the facilitator now), `N_()` (marked now, said later: help texts written at
import) or `.gettext()` / `.ngettext()` on `words(...)` (said to the room).
Babel extracts them and compiles the catalogs under `tocht_cli/locale`
(CONTRIBUTING.md: "Messages"); the standard library's gettext reads them, so
saying a word imports nothing heavy.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "tocht"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
SOURCE_LANGUAGE = "en"  # the message ids' own language: it needs no catalog
LANGUAGES = ("en", "nl")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

Translations = _gettext.NullTranslations
_chosen: ContextVar[str] = ContextVar("tocht_language")
_facilitator: ContextVar[str] = ContextVar("tocht_facilitator_language")  # as `use` chose it, whatever `speaking` says now


def language_code(value: str) -> str | None:
    """`nl_BE.UTF-8`, `nl-BE`, `NL` → `nl`; None for a language tocht does not speak (or `C`)."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def locale_language(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the locale, read as gettext reads it: the first variable set decides
    (`LANGUAGE` may list several, `fr:nl`); English when it names none tocht speaks."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            for part in value.split(":"):
                if code := language_code(part):
                    return code
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def use(language: str | None) -> str:
    """Speak `language` (from `--lang`) to the facilitator for the rest of this run; None: the locale's."""
    chosen = language_code(language) if language else locale_language()
    if chosen is None:
        raise ValueError(f"{language!r} is not a language tocht speaks ({', '.join(LANGUAGES)})")
    _chosen.set(chosen)
    _facilitator.set(chosen)
    return chosen


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say the facilitator's messages in `language` for a while: in the walk, what tocht says
    (a validation message inside a prompt, `saved: …`) is read by the room, in the kit's language."""
    token = _chosen.set(language_code(language) or SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _chosen.reset(token)


@contextmanager
def to_facilitator() -> Iterator[None]:
    """Say a line to the facilitator in their own language even while a page speaks the kit's (a room's
    refusal on the terminal, written while an English phone's request is answered in English)."""
    try:
        language = _facilitator.get()
    except LookupError:
        language = locale_language()
    with speaking(language):
        yield


def catalog_files() -> list[Path]:
    """The compiled catalogs: what help and cached help depend on besides the code."""
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def facilitator_language() -> str:
    try:
        return _chosen.get()
    except LookupError:
        return use(None)


@cache
def words(language: str) -> Translations:
    """tocht's own words in `language` (a kit's, or the facilitator's); the English ids when it has no catalog."""
    code = language_code(language) or SOURCE_LANGUAGE
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def _(message: str) -> str:
    """`message` in the facilitator's language."""
    return words(facilitator_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The facilitator's form for `count` (format the number in yourself)."""
    return words(facilitator_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it yet (it is said later, with `_`)."""
    return message
