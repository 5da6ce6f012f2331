"""`tocht new | list | use | rename | edit | delete`: the sessions of a facilitator's archive."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli import completion, output, records, runtime
from tocht_cli import options as o
from tocht_cli.i18n import N_
from tocht_cli.invocation import current
from tocht_cli.sessions import announce, checked, create


def new(
    name: Annotated[str, typer.Argument(help="A name for the meeting, e.g. 'CC Strombeek najaar'.")],
    date: Annotated[str | None, typer.Option(help=N_("Meeting date, e.g. 15/01/2027 or '15 January 2027' (default: today)."))] = None,
    place: Annotated[str | None, typer.Option(help="Where the meeting takes place (default: that of --from).")] = None,
    facilitator: Annotated[str | None, typer.Option(help="Who facilitates (default: that of --from).")] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", "-g", metavar="GROUP", help="A group (table); repeat for several (default: those of --from)."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="SESSION",
            help="A follow-up of this session: its answers are the defaults of `tocht run`.",
            autocompletion=completion.sessions,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Make it even when a session of that name exists.")] = False,
    json: o.Json = False,
):
    """Start a session and make it the current one; prints its short id."""
    extra = None
    if from_ is not None:
        from tocht_cli.workspace import resolve_session

        earlier = resolve_session(current().store, from_)
        extra = {"from": {"id": earlier["id"], "name": earlier["name"], "date": earlier.get("date", "")}}
        group = group or earlier.get("groups")
        place = earlier.get("place", "") if place is None else place
        facilitator = earlier.get("facilitator", "") if facilitator is None else facilitator
    session = create(name, date, place or "", facilitator or "", group, extra, yes)
    announce(session, json, f"session {session['id']} {session['name']!r} is now current; next: tocht run")


def list_sessions(json: o.Json = False):
    """All sessions, newest meeting first; * marks the current one."""
    store = current().store
    sessions = sorted(store.sessions(), key=lambda s: (s.get("date", ""), s.get("created", "")), reverse=True)
    marked = store.current_id()
    for problem in store.unreadable:
        output.message(f"note: not listed: {problem}")
    if json:
        output.data_json([{**s, "current": s["id"] == marked} for s in sessions])
        return
    if not sessions:
        output.message("no sessions yet; start one with: tocht run  (or tocht new NAME)")
        return
    from tocht_cli.dates import shown_date

    language = kit_languages()
    rows = [
        [
            "*" if s["id"] == marked else "",
            s["id"],
            shown_date(s.get("date", ""), language(s)),
            s["name"],
            s.get("place", ""),
            str(len(s.get("groups") or [])),
            (s.get("kit") or {}).get("name", ""),
        ]
        for s in sessions
    ]
    output.data(output.columns(["", "id", "date", "name", "place", "groups", "kit"], rows))


def kit_languages():
    """The language of a session's kit, which writes its date; the facilitator's when the kit cannot be
    read. Sessions share a few kits, so each is read once."""
    from tocht_cli import i18n
    from tocht_cli.kit import loader

    known: dict[tuple, str] = {}

    def language(session: dict) -> str:
        ref = session.get("kit") or {}
        key = (ref.get("name"), ref.get("path"))
        if key not in known:
            known[key] = loader.language_of(ref) or i18n.facilitator_language()
        return known[key]

    return language


def use(
    session: Annotated[str, typer.Argument(help="Short id or part of the name.", autocompletion=completion.sessions)],
):
    """Make a session the current one."""
    store = current().store
    from tocht_cli.workspace import resolve_session

    found = resolve_session(store, session)
    store.use(found["id"])
    output.message(f"current session: {found['id']} {found['name']!r}")


def rename(
    session: Annotated[str, typer.Argument(help="Short id or part of the name.", autocompletion=completion.sessions)],
    name: Annotated[str, typer.Argument(help="The new name.")],
):
    """Give a session another name."""
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    new_name = checked(records.session_name, name)
    ws.store.update_session(ws.id, lambda record: {**record, "name": new_name})
    output.message(f"renamed {ws.id} to {new_name!r}")


def edit(
    session: o.SessionArg = None,
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
    date: Annotated[str | None, typer.Option(help=N_("A new meeting date, e.g. 15/01/2027 or '15 January 2027'."))] = None,
    place: Annotated[str | None, typer.Option(help="A new place.")] = None,
    facilitator: Annotated[str | None, typer.Option(help="A new facilitator.")] = None,
    json: o.Json = False,
):
    """Correct a session's name, date, place or facilitator; only what is given changes."""
    from tocht_cli.sessions import edited
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    fields = edited(name, date, place, facilitator)
    before = ws.session
    updated = ws.store.update_session(ws.id, lambda record: {**record, **fields})
    if json:
        output.data_json(updated)
    from tocht_cli.dates import shown_date

    def written(key: str, value: str) -> str:
        return shown_date(value, ws.kit.language) if key == "date" else repr(value)

    changed = [(key, value) for key, value in fields.items() if before.get(key, "") != value]
    shown = ", ".join(f"{key} {written(key, before.get(key, ''))} → {written(key, value)}" for key, value in changed)
    output.message(f"{ws.id}: {shown}" if shown else f"{ws.id}: nothing changed; it already had those values")


def add_group(
    name: Annotated[str, typer.Argument(help="The new group's name.")],
    session: o.Session = None,
):
    """Add a group (table) to a session (also: tocht group add)."""
    from tocht_cli import groups
    from tocht_cli.workspace import Workspace

    ws = Workspace.open(session)
    output.message(f"{ws.id} now has groups: {', '.join(groups.add(ws, name))}")


def delete(
    session: Annotated[str, typer.Argument(help="Short id or part of the name.", autocompletion=completion.sessions)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
):
    """Delete a session and all its answers (asks first; --yes without a terminal)."""
    store = current().store
    from tocht_cli.workspace import resolve_session

    found = resolve_session(store, session)
    runtime.confirm(
        f"Delete session {found['id']} {found['name']!r} and all its answers?",
        yes,
        f"tocht delete {found['id']} --yes",
    )
    store.delete_session(found["id"])
    output.message(f"deleted session {found['id']} {found['name']!r}")


def register(app: typer.Typer) -> None:
    app.command("new")(new)
    app.command("list")(list_sessions)
    app.command("use")(use)
    app.command("rename")(rename)
    app.command("edit")(edit)
    app.command("add-group")(add_group)
    app.command("delete")(delete)
