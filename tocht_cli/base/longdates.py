"""A language's long date form ("15 januari 2027") without importing Babel on every run.

Babel costs ~15 ms to import and load a locale, and `tocht list` writes a
date on every line. What Babel's `format_date(day, "long", locale)` does for
a date is fixed by two things of the locale: its long pattern ("d MMMM y")
and its month names. Those are taken from Babel once and kept in the
per-user cache folder, keyed by this tocht and by the installed Babel (the
path, size and mtime of its `__init__.py`, which an upgrade or a reinstall
replaces); `written` then fills a date in exactly as Babel's pattern would.

A pattern with a field that is not fixed by the day, month and year alone (a
weekday, a week number; no CLDR long form has one today) is kept as such:
`written` returns None and the caller asks Babel for each date.
Like every cache, one that is missing, damaged or unwritable is made again
from Babel, never trusted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from tocht_cli import __version__
from tocht_cli.base.installation import cache_folder

FORM = 1  # the form of the kept parts below; a new form makes every kept file stale

# One part of a date as the pattern lays it out: literal text, a number (the day, the month or the
# year, zero-padded to a width, a width of 2 keeping a year's last two digits) or the month's name.
Part = tuple[str, Any]
NUMBERS = ("day", "month", "year")
WIDTHS: dict[int, Literal["abbreviated", "wide", "narrow"]] = {3: "abbreviated", 4: "wide", 5: "narrow"}  # of a name field


def written(day: dt.date, locale: str) -> str | None:
    """`day` as Babel writes it in `locale`'s long form; None when the form needs Babel itself."""
    parts = _parts(locale)
    if parts is None:
        return None
    out = []
    for kind, value in parts:
        if kind == "text":
            out.append(value)
        elif kind == "months":
            out.append(value[day.month - 1])
        else:
            number = f"{getattr(day, kind):0{value}d}"  # as Babel pads a number field
            out.append(number[-2:] if kind == "year" and value == 2 else number)
    return "".join(out)


@cache
def _parts(locale: str) -> list[Part] | None:
    """The kept parts of `locale`'s long form, or Babel's, kept for the next run."""
    key = _key(locale)
    path = _kept(key)
    if path is not None:
        try:
            kept = json.loads(path.read_bytes())
            if kept["key"] == key:
                return _checked(kept["parts"])
        except (OSError, ValueError, TypeError, KeyError):
            pass  # none kept, stale or damaged: made again below
    parts = from_babel(locale)
    if path is not None and key is not None:
        from tocht_cli.base.files import keep_cache

        keep_cache(path, json.dumps({"key": key, "parts": parts}))
    return parts


def from_babel(locale: str) -> list[Part] | None:
    """`locale`'s long pattern as parts, its month names filled in; None when a field needs more than
    the day, month and year (Babel then writes each date itself). A missing locale is a ValueError."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format, get_era_names, get_month_names, tokenize_pattern

    try:
        found = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"no locale {locale!r}") from exc
    parts: list[Part] = []
    for kind, token in tokenize_pattern(get_date_format("long", found).pattern):
        if kind == "chars":
            parts.append(("text", token))
            continue
        char, width = cast("tuple[str, int]", token)  # a field: its letter and how many times it is written
        if char == "d":
            parts.append(("day", width))
        elif char in ("M", "L") and width <= 2:
            parts.append(("month", width))
        elif char in ("M", "L"):
            names = get_month_names(WIDTHS[width], "format" if char == "M" else "stand-alone", found)
            parts.append(("months", [names[month] for month in range(1, 13)]))
        elif char in ("y", "u"):
            parts.append(("year", width))
        elif char == "G":  # the era: every date Python has is after year 0
            parts.append(("text", get_era_names(WIDTHS[max(3, width)], found)[1]))
        else:
            return None
    return parts


def _checked(parts: Any) -> list[Part] | None:
    """Kept parts that `written` can fill in for any date; ValueError for anything else."""
    if parts is None:
        return None
    if not isinstance(parts, list):
        raise ValueError
    out: list[Part] = []
    for part in parts:
        kind, value = part
        if not _fits(kind, value):
            raise ValueError
        out.append((kind, value))
    return out


def _fits(kind: Any, value: Any) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind in NUMBERS:
        return type(value) is int and 1 <= value <= 10
    return kind == "months" and isinstance(value, list) and len(value) == 12 and all(isinstance(v, str) for v in value)


def _key(locale: str) -> list[Any] | None:
    """This tocht, the form, the installed Babel and the locale; None when Babel cannot be found."""
    from importlib.util import find_spec

    try:
        spec = find_spec("babel")
        origin = spec.origin if spec is not None else None
        st = os.stat(origin) if origin else None
    except (OSError, ImportError, ValueError):
        return None
    if st is None:
        return None
    return [__version__, FORM, origin, st.st_size, st.st_mtime_ns, locale]


def _kept(key: list[Any] | None) -> Path | None:
    """One file per Babel installation and locale: an upgrade of Babel replaces its file."""
    base = cache_folder()
    if base is None or key is None:
        return None
    name = json.dumps([key[2], key[-1]], ensure_ascii=True).encode()
    return Path(base) / f"dates-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"
