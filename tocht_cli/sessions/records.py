"""What a session's record may hold: one set of limits for `new`, `rename`, `add-group`, `merge` and `import`.

Each check raises ValueError with a plain sentence; commands turn it into a
usage error, the import into one problem line with its key path.
"""

from __future__ import annotations

from typing import Any

from tocht_cli.base.dates import typed_date
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import clean, is_utf8, norm

MAX_NAME = 200  # a session's name
MAX_DETAIL = 200  # place, facilitator
MAX_GROUP = 120  # a group's name; merge prefixes it with the source's name
MAX_GROUPS = 100
PLACE, FACILITATOR = N_("the place"), N_("the facilitator")  # what `detail` checks, named in its errors


def _text(value: Any, what: str, limit: int, required: bool) -> str:
    """`value` cleaned, or ValueError naming it by `what` (marked with N_)."""
    if not isinstance(value, str):
        raise ValueError(_("{what}: expected text").format(what=_(what)))
    if not is_utf8(value):
        raise ValueError(_("{what}: not valid Unicode text (lone surrogates)").format(what=_(what)))
    cleaned = clean(value)
    if required and not cleaned:
        raise ValueError(_("{what} needs visible characters").format(what=_(what)))
    if len(cleaned) > limit:
        raise ValueError(_("{what} has {count} characters; at most {most}").format(what=_(what), count=len(cleaned), most=limit))
    return cleaned


def session_name(value: Any) -> str:
    return _text(value, N_("a session's name"), MAX_NAME, True)


def detail(value: Any, what: str) -> str:
    return _text(value, what, MAX_DETAIL, False)


def group_name(value: Any) -> str:
    return _text(value, N_("a group's name"), MAX_GROUP, True)


def group_names(values: list[Any], default: str) -> list[str]:
    """Distinct (case-folded) visible names, at most MAX_GROUPS; `default` when none are given."""
    if len(values) > MAX_GROUPS:
        raise ValueError(_("{count} groups; at most {most}").format(count=len(values), most=MAX_GROUPS))
    names: list[str] = []
    for value in values:
        name = group_name(value)
        same = [n for n in names if norm(n) == norm(name)]
        if same:
            raise ValueError(
                _("group {name!r} is given twice").format(name=name)
                if same[0].casefold() == name.casefold()
                else _("groups {first!r} and {second!r} would be mistaken for each other when typed").format(first=same[0], second=name)
            )
        names.append(name)
    return names or [default]


def meeting_date(value: str | None, default: str | None) -> str | None:
    """A --date option, typed in any spelling `typed_date` reads, as YYYY-MM-DD; `default` when none was given."""
    if not value:
        return default
    try:
        return typed_date(value)
    except ValueError as exc:
        raise ValueError(f"--date {value!r}: {exc}") from None
