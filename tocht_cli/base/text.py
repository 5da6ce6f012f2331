"""User text is data: strip what a terminal would execute, escape what Markdown would parse."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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


# Markdown: escape a character only where it would change the document, in CommonMark, Python-Markdown
# and pandoc alike; every escape used is one all three read (a backslash before `\ * _ ` # [ ] |`, else
# an HTML character reference). User text never starts a line in an inline place (a table cell, after a
# label); `md_block` also guards the start of each line.
_MD_INLINE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash that would escape what follows (or what the document puts after it)
    r"|[*`|]"  # emphasis, code, a table's cell
    r"|(?<![^\W_])_|_(?![^\W_])"  # underscore, unless inside a word (snake_case is no emphasis)
    r"|#(?=#*$)"  # a closing sequence at a heading's end
    r"|&(?=#?\w+;|#[xX]?[0-9a-fA-F])"  # a character reference (Python-Markdown reads `&#1` as one): `CC & gezelschap` stays
    r"|<(?=[A-Za-z/!?])"  # a tag or an autolink: `a < b` stays as it is
    r"|<(?=[^> !]+@[^> ]+>)"  # Python-Markdown's e-mail autolink, whatever its first sign (`<\\a@b.be>`)
    r"|(?<!\w)@(?=[\w{])"  # a pandoc citation (an e-mail address is none)
)
_PAIRED = {"$": "&#36;", "^": "&#94;", "~": "&#126;"}  # pandoc's math, superscript, sub/strikeout: only in pairs
_REFERENCES = {"&": "&amp;", "<": "&lt;", "@": "&#64;"}


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    return _REFERENCES.get(found) or "\\" + found


def _links(line: str) -> str:
    """`[` only where a `]` follows it, `]` only where no `[` came before: no link can form, in one text, across
    its lines, or across two texts."""
    opened = line.find("[")
    closing = line.rfind("]")
    out = []
    for i, ch in enumerate(line):
        if (ch == "[" and i < closing) or (ch == "]" and (opened == -1 or opened > i)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _inline(line: str) -> str:
    line = _MD_INLINE.sub(_escaped, line)
    for sign, reference in _PAIRED.items():
        if line.count(sign) > 1:
            line = line.replace(sign, reference)
    return line


@lru_cache(maxsize=4096)  # a summary escapes the kit's own words again and again
def md_escape(text: str) -> str:
    """User text for a place inside a line of Markdown (a table cell, after a label): the same text when read.

    Newlines become <br> so that a note cannot end a table row or start a heading.
    """
    return _links("<br>".join(_inline(line) for line in clean(text, multiline=True).split("\n")))


def _line_start(line: str) -> str:
    """A line's first sign escaped when it would make a list, a heading, a quote or a rule of it."""
    number = re.match(r"\d+(?=[.)])", line)
    if number:
        return line[: number.end()] + "\\" + line[number.end() :]
    if line[:1] == "=":
        return "&#61;" + line[1:]
    return "\\" + line if line[:1] in ("-", "+", ">", "#") else line


def md_block(text: str, prefix: str = "") -> str:
    """A paragraph of user or kit text that starts a line (`prefix` "> " in a quote): each of its lines kept as
    a line (a hard break), and what would make a list, a heading or a quote of a line escaped at its start."""
    lines = [_line_start(_inline(line.lstrip())) for line in clean(text, multiline=True).split("\n")]
    return _links(f"  \n{prefix}".join(lines))  # across the lines: a link may open on one and close on the next


def slug(text: str) -> str:
    """A readable, stable file-name part: ascii letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sessie"


_ASCII_SEPARATORS = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if re.fullmatch(r"[\s_\-]", c)))


def norm(text: str) -> str:
    """A key for forgiving matching of typed choices: case, spaces, dashes and accents fold
    (letters of every script stay: 'Альфа' and 'Бета' are two keys, not two empty ones)."""
    if text.isascii():  # most names: the same key, ten times faster (`new` compares with every session's name)
        return text.translate(_ASCII_SEPARATORS).lower()
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-]+", "", stripped.casefold())


def labelled(label: str) -> str:
    """A label before its value: with a colon, unless it ends in its own ("Met wie?" never becomes "Met wie?:")."""
    return label if label.rstrip().endswith(("?", ":", "!")) else f"{label}:"


def short(label: str) -> str:
    """A kit question as a column heading: without its hint in brackets."""
    return label.split(" (")[0]


_FIRST_SENTENCE = re.compile(r".{40,}?[.?!…]+(?=\s|$)", re.S)  # at least 40 characters: "bv." ends no sentence


def gist(text: str, limit: int = 110) -> str:
    """A long text's first sentence, at most `limit` characters cut at a word, with "…" when something was left
    out: enough to recognise a statement on a page that sums up."""
    first = _FIRST_SENTENCE.match(text)
    said = first.group(0) if first else text
    if len(said) > limit:
        said = said[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    elif said != text:
        said += " …"
    return said


def listed(titles: Iterable[str], between: str = "") -> str:
    """Choices read as one line: a title's closing full stop is dropped (not an ellipsis's), and `between`
    them, else "; " when one holds a comma, so a kit's sentences never read "bereiken., Expertise"."""
    items = [title[:-1] if title.endswith(".") and not title.endswith("..") else title for title in titles]
    return (between or ("; " if any("," in item for item in items) else ", ")).join(items)
