"""Dates as people write them: typed in the spellings Flemish and British facilitators use, stored as
ISO (YYYY-MM-DD), shown the way the kit's language writes them.

Numbers are read day first, as Flanders and Britain write them: 01/02/2027 is 1 February. Month
names (both languages, full and abbreviated) and the written-out form come from Babel's CLDR data
rather than tables of our own; Babel costs tens of milliseconds to import, so it is imported only
when a date is read from words, and a date is written out from the pattern and month names Babel
gave once and the cache folder keeps (base/longdates.py).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from tocht_cli.base import i18n
from tocht_cli.base.i18n import _

if TYPE_CHECKING:
    from tocht_cli.base.i18n import Translations

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOTED_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})( \(.+\))$")  # a date with a note after it: "(vorige keer)"
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)  # 2027-01-15, 2027-1-15
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)  # 15/01/2027, 15-1-2027, 15.1.2027
_IN_WORDS = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")  # 15 januari 2027, 15 Jan. 2027
LOCALES = {"nl": "nl_BE", "en": "en_GB"}  # the day-first variants of the kits' languages
SPOKEN = ("nl", "en")  # whose month names are understood, whatever the kit's language


def iso_date(value: str) -> str:
    """A stored or imported date: a real calendar date as YYYY-MM-DD, nothing else."""
    value = value.strip()
    try:
        if not _ISO_DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2018-03-01").format(value=value)) from None


def typed_date(value: str, words: Translations | None = None) -> str:
    """A date as a facilitator types it (15/01/2027, 15-1-2027, 15 januari 2027, 15 Jan 2027,
    2027-01-15), as YYYY-MM-DD. The refusal names the accepted forms, in `words` (the room's
    language, in the walk) or the facilitator's, and fits under a prompt at 80 columns: the
    command line puts the option and the value before it."""
    text = " ".join(value.split())
    day: str | None = None
    month: str | int | None = None
    year: str | None = None
    if found := _YEAR_FIRST.fullmatch(text):
        year, month, day = found.groups()
    elif found := _DAY_FIRST.fullmatch(text):
        day, _, month, year = found.groups()
    elif found := _IN_WORDS.fullmatch(text):
        day, name, year = found.groups()
        month = month_numbers().get(_folded(name))
    gettext = (words or i18n.words(i18n.facilitator_language())).gettext
    if day is None or month is None or year is None:
        raise ValueError(gettext("not a date: write 15/01/2027, 15-1-2027, 15 January 2027 or 2027-01-15"))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise ValueError(gettext("not a real day: write 15/01/2027, 15-1-2027, 15 January 2027 or 2027-01-15")) from None


def shown_date(value: Any, language: str) -> str:
    """A stored date the way `language` writes it (15 januari 2027, 15 January 2027); anything that
    is not a date (nothing, a value of an older version) as it is. A date a follow-up marks as carried
    over keeps its mark after it (and sorts as the date it is)."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        noted = _NOTED_DATE.match(value) if isinstance(value, str) else None
        return shown_date(noted[1], language) + noted[2] if noted else "" if value is None else str(value)
    return _written(value, language)


def said_moment(value: str, language: str) -> str:
    """A stored moment (ISO date, with or without its time) as a day `language` writes whole and the time to the
    minute: "7 december 2026 22:08"; one way of saying when, wherever a file's moment is shown. Its words joined by
    no-break spaces: a message broken at a terminal's width never ends a line in "7 december"."""
    day, _sep, time = value.partition("T")
    return "\u00a0".join(f"{shown_date(day, language)} {time[:5]}".split()) if _ISO_DATE.match(day) else value


def said_dated(record: dict[str, Any], language: str, note: str = "") -> str:
    """A meeting as its name and date, with a note in the date's bracket: "Najaar (7 december 2026, verwijderd)"."""
    said = ", ".join(part for part in (shown_date(record.get("date"), language), note) if part)
    return f"{record.get('name', '')} ({said})" if said else str(record.get("name", ""))


@cache  # `tocht list` writes ten thousand dates, many of them the same day
def _written(value: str, language: str) -> str:
    from tocht_cli.base import longdates

    try:
        day = dt.date.fromisoformat(value)
        kept = longdates.written(day, LOCALES.get(language, language))  # Babel's form, without Babel
        if kept is not None:
            return kept
        locale = _locale(language)
    except ValueError:
        return value
    from babel.dates import format_date

    return format_date(day, "long", locale=locale)


@cache
def _locale(language: str) -> Any:
    """Babel's locale for a kit's language, day first for Dutch and English; ValueError when Babel knows none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(LOCALES.get(language, language))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"no locale for {language!r}") from exc


@cache
def month_numbers() -> dict[str, int]:
    """Every month name tocht understands, folded, with its number: full and abbreviated, in Dutch
    and English (British and American abbreviations: "sep" and "sept")."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for language in SPOKEN:
        for locale in {language, LOCALES[language]}:
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    for number, name in get_month_names(width, context, locale).items():
                        names[_folded(name)] = number
    return names


def _folded(name: str) -> str:
    return name.casefold().rstrip(".")


def moment_order(timestamp: str) -> tuple[float, str]:
    """A key that sorts stored moments by when they happened, with or without offset (one without is local):
    15:14 in Brussels (+01:00) comes after 14:13 in UTC."""
    try:
        return (dt.datetime.fromisoformat(timestamp).timestamp(), timestamp)
    except (TypeError, ValueError):
        return (float("inf"), timestamp)
