"""Soft hyphens in long words, from pyphen's dictionaries (Hunspell's, offline): Chromium has no Dutch
hyphenation, so a narrow cell (a bingo card's) broke "verantwoordelijkheid" anywhere, without a hyphen.
With a soft hyphen at each syllable the browser breaks there, and shows the hyphen."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen

SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"\w{10,}")  # shorter words fit the narrowest cell whole


@cache
def dictionary(language: str) -> Pyphen | None:
    """The hyphenation dictionary for a kit's language ('nl', 'en', 'nl_BE'…), None when pyphen has none."""
    import pyphen  # only the pages that show narrow cells need it

    for lang in (language, language.replace("-", "_").split("_")[0]):
        if lang in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=lang)
    return None


def soft_hyphens(text: str, language: str) -> str:
    """`text` with a soft hyphen at every syllable of its long words, where the language's dictionary knows them."""
    found = dictionary(language)
    if found is None:
        return text
    return LONG_WORD.sub(lambda word: found.inserted(word.group(), hyphen=SOFT_HYPHEN), text)
