"""Dates as a facilitator types them, checked once for every command, prompt and import."""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> str:
    """A real calendar date as YYYY-MM-DD."""
    value = value.strip()
    try:
        if not _ISO_DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2018-03-01") from None
