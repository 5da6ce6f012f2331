"""User text is data: strip what a terminal would execute, escape what Markdown would parse."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[PX^_][^\x1b]*(\x1b\\)?|[@-Z\\-_])")
_C1_CSI = re.compile(r"\x9b[0-?]*[ -/]*[@-~]|[\x90\x98\x9d\x9e\x9f][^\x9c\x07]*[\x9c\x07]?")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800")  # fillers that draw nothing


def _strip_sequences(text: str) -> str:
    return _C1_CSI.sub("", _ANSI.sub("", text)).translate(_BIDI)


def terminal_safe(text: str) -> str:
    """What may reach a terminal: escape sequences (7- and 8-bit), control characters and
    bidi overrides removed, newlines and tabs kept. Applied to everything tocht prints."""
    if not _UNSAFE.search(text):
        return text  # the usual case, at regex speed: a 10,000-session list is one long string
    text = _CONTROLS.sub("", _strip_sequences(text))
    return _SURROGATES.sub(lambda m: _shown(m.group()), text)


_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # what clean() would change
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _shown(ch: str) -> str:
    """A byte that was not UTF-8 (a file name, PEP 383) as \\xNN, so a printed path is the real one."""
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return "\ufffd"


def is_utf8(text: str) -> bool:
    """False for text with lone surrogates: bytes that were not UTF-8 (PEP 383), or a JSON `\\ud800`."""
    return not _SURROGATES.search(text)


def has_controls(text: str) -> bool:
    """Whether text carries anything terminal_safe would remove (besides newlines and tabs)."""
    return terminal_safe(text) != text or "\r" in text


def visible(text: str) -> bool:
    """Whether the text shows anything: not only spaces, zero-width or format characters."""
    return any(unicodedata.category(ch)[0] not in "CZ" and ch not in _BLANK_LETTERS for ch in text)


def clean(text: str, *, multiline: bool = False) -> str:
    """User text as stored: no escape sequences or control characters (newlines kept where
    allowed), trimmed, and empty when nothing in it is visible."""
    if not _NEEDS_CLEANING.search(text):  # the usual case, at regex speed: a summary cleans every answer it shows
        result = text.strip() if not multiline else text.strip("\n ")
        return result if visible(result) else ""
    text = _strip_sequences(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = []
    for ch in text:
        if ch == "\n":
            kept.append("\n" if multiline else " ")
        elif unicodedata.category(ch) not in ("Cc", "Cs"):
            kept.append(ch)
    result = "".join(kept)
    result = result.strip() if not multiline else result.strip("\n ")
    return result if visible(result) else ""


# Inline specials only: user text never starts a line in a summary (it sits in a
# table cell or after a label), so block markers such as `-`, `+` or `1.` are safe.
# `$`, `^` and `@` are pandoc's math, superscript and citations; `~` is strikeout.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$^@])")


@lru_cache(maxsize=4096)  # a summary escapes the kit's own words again and again
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
    """A key for forgiving matching of typed choices: case, spaces, dashes and accents fold
    (letters of every script stay: 'Альфа' and 'Бета' are two keys, not two empty ones)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-]+", "", stripped.casefold())


def short(label: str) -> str:
    """A kit question as a column heading: without its hint in brackets."""
    return label.split(" (")[0]
