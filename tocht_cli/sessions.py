"""Making sessions from typed input: the checks, the record, and how a new session is announced."""

from __future__ import annotations

import datetime as dt

from tocht_cli import output, records
from tocht_cli.errors import UsageError
from tocht_cli.invocation import current


def checked(check, *args):
    """A records check on typed input: its ValueError becomes a usage error (exit 2)."""
    try:
        return check(*args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def announce(created: dict, as_json: bool, what: str) -> None:
    """A new session on stdout (its id, or the whole record with --json) and what happened on stderr."""
    if as_json:
        output.data_json(created)
    else:
        output.data(created["id"])
    output.message(what)


def create(
    name: str, date: str | None = None, place: str = "", facilitator: str = "", groups: list[str] | None = None, extra: dict | None = None
) -> dict:
    """A new session with the kit of --kit, made the current one."""
    kit = current().kit_for_new_session()
    fields = {
        "name": checked(records.session_name, name),
        "date": checked(records.meeting_date, date, dt.date.today().isoformat()),
        "place": checked(records.detail, place, "the place"),
        "facilitator": checked(records.detail, facilitator, "the facilitator"),
        "groups": checked(records.group_names, groups or [], kit.label("default_group")),
        "kit": kit.reference(),
        **(extra or {}),
    }
    return current().store.create_session(fields)
