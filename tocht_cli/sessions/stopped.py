"""Where a group's walk was stopped (Ctrl-C, SIGTERM) in the middle of an item: `tocht run` resumes AT that item
and `tocht` says so, even when its first answer already made it complete (a statement's position given, its
hands not yet asked). Kept in the per-user cache folder: it is no answer, and the session file carries none of
it; without a cache folder the walk resumes at the first open item, as it always did."""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

from tocht_cli.base.files import keep_cache
from tocht_cli.store import Store
from tocht_cli.store.checked import cache_file


def _file(store: Store, session: str) -> Path | None:
    return cache_file("stopped", store.session_file(session))


def _read(store: Store, session: str) -> dict[str, list[str]]:
    where = _file(store, session)
    if where is None:
        return {}
    with suppress(OSError, ValueError):
        kept = json.loads(where.read_bytes())
        if isinstance(kept, dict):
            return {g: p for g, p in kept.items() if isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p)}
    return {}


def _write(store: Store, session: str, places: dict[str, list[str]]) -> None:
    where = _file(store, session)
    if where is not None:
        keep_cache(where, json.dumps(places, ensure_ascii=False))


def keep(store: Store, session: str, group: str, exercise: str, item: str) -> None:
    """The walk of `group` stopped at `item` of `exercise`."""
    _write(store, session, {**_read(store, session), group: [exercise, item]})


def place(store: Store, session: str, group: str) -> tuple[str, str] | None:
    """(exercise id, item id) where the group's walk stopped, None when it was not stopped inside an item."""
    found = _read(store, session).get(group)
    return (found[0], found[1]) if found else None


def forget(store: Store, session: str, group: str) -> None:
    """The walk goes on (from there or elsewhere): the place no longer says where it resumes."""
    places = _read(store, session)
    if places.pop(group, None) is not None:
        _write(store, session, places)
