"""User text is data: strip what a terminal would execute, escape what Markdown would parse."""

from __future__ import annotations

import re
import unicodedata

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: str, *, multiline: bool = False) -> str:
    """Remove escape sequences and control characters (keeping newlines where allowed)."""
    text = _ANSI.sub("", text).translate(_BIDI)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = []
    for ch in text:
        if ch == "\n":
            kept.append("\n" if multiline else " ")
        elif unicodedata.category(ch) != "Cc":
            kept.append(ch)
    result = "".join(kept)
    return result.strip() if not multiline else result.strip("\n ")


# Inline specials only: user text never starts a line in a summary (it sits in a
# table cell or after a label), so block markers such as `-`, `+` or `1.` are safe.
# `$`, `^` and `@` are pandoc's math, superscript and citations; `~` is strikeout.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$^@])")


def md_escape(text: str) -> str:
    """Escape user text for Markdown (pipes included, so it is safe inside tables).

    Newlines become <br> so that a note cannot end a table row or start a heading.
    Callers never put the result at the start of a line.
    """
    lines = clean(text, multiline=True).split("\n")
    return "<br>".join(_MD_SPECIAL.sub(r"\\\1", line) for line in lines)


def slug(text: str) -> str:
    """A readable, stable file-name part: ascii letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sessie"


def norm(text: str) -> str:
    """A key for forgiving matching of typed choices: case, spaces, dashes and accents fold."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-]+", "", ascii_text.lower())


def short(label: str) -> str:
    """A kit question as a column heading: without its hint in brackets."""
    return label.split(" (")[0]
