"""`tocht new | list | use | rename | edit | delete`: the sessions of a facilitator's archive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import records, runtime
from tocht_cli.sessions.creation import announce, checked, create

if TYPE_CHECKING:
    from tocht_cli.store import Record, Store


def new(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("A name for the meeting, e.g. 'CC Strombeek najaar'."))],
    date: Annotated[
        str | None, typer.Option(metavar=N_("DATE"), help=N_("Meeting date, e.g. 15/01/2027 or '15 January 2027' (default: today)."))
    ] = None,
    place: Annotated[str | None, typer.Option(help=N_("Where the meeting takes place (default: that of --from)."))] = None,
    facilitator: Annotated[str | None, typer.Option(help=N_("Who facilitates (default: that of --from)."))] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", "-g", metavar=N_("GROUP"), help=N_("A group (table); repeat for several (default: those of --from).")),
    ] = None,
    from_: Annotated[
        str | None, o.session_option("--from", N_("A follow-up of this session: its answers are the defaults of `tocht run`."))
    ] = None,
    follow_up: Annotated[
        list[str] | None,
        o.session_option(
            "--follow-up", N_("An earlier session whose open steps this one follows up (with --from: that one too); repeat for several.")
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Make it even when a session of that name exists."))] = False,
    json: o.Json = False,
    org: o.Organisations = None,
    people: o.People = None,
    same_organisations: Annotated[
        bool,
        typer.Option("--same-organisations", help=N_("With --from: take last time's organisations at the same tables, without asking.")),
    ] = False,
) -> None:
    extra: dict[str, Any] = {}
    run = current()
    earlier = None
    if from_ is not None:
        from tocht_cli.sessions.workspace import Workspace, resolve_session

        earlier = resolve_session(run.store, from_)
        from tocht_cli.sessions.carrying import CARRIED

        extra = {"from": {"id": earlier["id"], "name": earlier["name"], "date": earlier.get("date", "")}}
        extra[CARRIED] = Workspace.open(run.store, run.kits, earlier["id"]).carried_into_follow_up()
        extra |= carried_audience(earlier)
        group = group or earlier.get("groups")
        place = earlier.get("place", "") if place is None else place
        facilitator = earlier.get("facilitator", "") if facilitator is None else facilitator
    kit = run.kits.for_new_session()
    said = ""
    if from_ is not None or follow_up:
        from tocht_cli.sessions import followup

        made, said = followup.for_new(run.store, run.kits, kit, [*([from_] if from_ else []), *(follow_up or [])])
        extra.update(made)
    extra |= seated(checked(records.group_names, group or [], kit.label("default_group")), org, people, earlier, same_organisations)
    session = create(run.store, kit, name, date, place or "", facilitator or "", group, extra or None, yes)
    announce(session, json, _("session {id} {name!r} is now current; next: tocht run").format(id=session["id"], name=session["name"]))
    if said:
        output.message(said)
    if earlier is not None and "audience" in extra:
        output.message(audience_said(earlier["name"], extra["audience"]))


def carried_audience(earlier: Record) -> dict[str, Any]:
    """A follow-up keeps the earlier meeting's audience marks (`tocht audience`), so that it does not drop out of
    the network's dossier and hub unless someone chose so."""
    from tocht_cli.sessions.disclosure import of_record

    marks = of_record(earlier).audience
    return {"audience": dict(marks)} if marks else {}


def audience_said(earlier: str, marks: dict[str, str]) -> str:
    """What new says of the marks it carried ("… from 'maart': stappenplan (the public)"): the facilitator knows
    what leaves the room."""
    from tocht_cli.sessions.disclosure import LEVEL_NAMES

    listed = ", ".join(f"{exercise} ({_(LEVEL_NAMES[level])})" for exercise, level in marks.items())
    said = _("audience marks carried over from {name!r}: {marks}; change one with: tocht audience EXERCISE LEVEL")
    return said.format(name=earlier, marks=listed)


def seated(groups: list[str], org: list[str] | None, people: list[str] | None, earlier: Record | None, same: bool) -> dict[str, Any]:
    """The new session's `attendance` (none when nobody said who sat where)."""
    from tocht_cli.sessions.seating import for_new

    found = checked(for_new, groups, org or [], people or [], earlier, same)
    return {"attendance": found} if found else {}


LATEST = 20
"""The sessions `tocht list` shows without --all: the newest, as `git log -n` or `gh issue list` do, so that
the list of an archive of years costs no more and fits a screen."""


def list_sessions(
    every: Annotated[bool, typer.Option("--all", "-a", help=N_("Every session, not only the newest 20."))] = False,
    json: o.Json = False,
) -> None:
    store = current().store
    # the table shows a few columns: no need to parse every record
    found, listed = (store.sessions(), None) if json else (None, store.overview())
    marked = store.current_id()
    for problem in store.unreadable:
        output.message(_("note: not listed: {problem}").format(problem=problem))
    names = dict(zip(listed.id, listed.name, strict=True)) if listed is not None else {s["id"]: s["name"] for s in found or []}
    copies = conflict_copies(store, names)
    if found is not None:
        sessions = sorted(found, key=lambda s: (s.get("date", ""), s.get("created", "")), reverse=True)
        output.data_json([{**s, "current": s["id"] == marked, "conflict_copies": copies.get(s["id"], [])} for s in sessions])
        return
    if listed is None or not listed.id:
        output.message(_("no sessions yet; start one with: tocht run  (or tocht new NAME)"))
        return
    from tocht_cli.sessions.creation import listed_columns

    headers = ("", _("id"), _("date"), _("name"), _("place"), _("groups"), _("kit"))
    most = None if every else LATEST
    output.data(output.columns(headers, listed_columns(listed, marked, most)))
    if most is not None and len(listed.id) > most:
        said = _("the newest {shown} of {count} sessions; every one: tocht list --all")
        output.message(said.format(shown=most, count=len(listed.id)))


def conflict_copies(store: Store, names: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """The sync tools' conflict copies `list` saw, each named on stderr; by session, as `--json` gives them."""
    from tocht_cli.store import conflicts

    by_session: dict[str, list[dict[str, str]]] = {}
    for copy in store.conflict_copies:
        said = _("note: {file} is a conflict copy of session {id} {name!r} ({origin}); `tocht doctor --repair` merges it")
        output.message(
            said.format(
                file=copy.name,
                id=copy.session,
                name=names.get(copy.session, ""),
                origin=conflicts.origin(copy, conflicts.copy_saved_on(store, copy)),
            )
        )
        by_session.setdefault(copy.session, []).append(copy.as_json())
    return by_session


SessionRef = Annotated[str, o.session_argument(N_("Short id or part of the name."))]


def use(session: SessionRef) -> None:
    store = current().store
    from tocht_cli.sessions.workspace import resolve_session

    found = resolve_session(store, session)
    store.use(found["id"])
    output.message(_("current session: {id} {name!r}").format(id=found["id"], name=found["name"]))


def rename(
    session: SessionRef,
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The new name."))],
) -> None:

    ws = current().workspace(session)
    new_name = checked(records.session_name, name)
    ws.store.update_session(ws.id, lambda record: {**record, "name": new_name})
    output.message(_("renamed {id} to {name!r}").format(id=ws.id, name=new_name))


FIELDS = {"name": N_("name"), "date": N_("date"), "place": N_("place"), "facilitator": N_("facilitator")}


def edit(
    session: o.SessionArg = None,
    name: Annotated[str | None, typer.Option(help=N_("A new name."))] = None,
    date: Annotated[
        str | None, typer.Option(metavar=N_("DATE"), help=N_("A new meeting date, e.g. 15/01/2027 or '15 January 2027'."))
    ] = None,
    place: Annotated[str | None, typer.Option(help=N_("A new place."))] = None,
    facilitator: Annotated[str | None, typer.Option(help=N_("A new facilitator."))] = None,
    follow_up: Annotated[
        list[str] | None,
        o.session_option(
            "--follow-up", N_("Follow up an earlier session's open steps too: they join the follow-up round; repeat for several.")
        ),
    ] = None,
    json: o.Json = False,
    session_option: o.Session = None,
) -> None:
    from tocht_cli.sessions.creation import edited

    ws = current().workspace(o.one_session(session, session_option))
    if follow_up:
        from tocht_cli.sessions import followup

        record = followup.extend(ws, followup.earlier_records(ws.store, follow_up, ws.id))
        output.message(followup.said(record.get("followup")))
        if all(v is None for v in (name, date, place, facilitator)):
            if json:
                output.data_json(record)
            return
    fields = edited(name, date, place, facilitator)
    before = ws.session
    updated = ws.store.update_session(ws.id, lambda record: {**record, **fields})
    if json:
        output.data_json(updated)
    from tocht_cli.base.dates import shown_date

    def written(key: str, value: str) -> str:
        return shown_date(value, ws.kit.language) if key == "date" else repr(value)

    changed = [(key, value) for key, value in fields.items() if before.get(key, "") != value]
    shown = ", ".join(f"{_(FIELDS[key])} {written(key, before.get(key, ''))} → {written(key, value)}" for key, value in changed)
    output.message(f"{ws.id}: {shown}" if shown else _("{id}: nothing changed; it already had those values").format(id=ws.id))


def add_group(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The new group's name."))],
    session: o.Session = None,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    output.message(_("{id} now has groups: {groups}").format(id=ws.id, groups=", ".join(groups.add(ws, name))))


def delete(session: SessionRef, yes: o.Yes = False) -> None:
    store = current().store
    from tocht_cli.sessions.kept import refresh_follow_ups
    from tocht_cli.sessions.workspace import resolve_session

    found = resolve_session(store, session)
    question = _("Delete session {id} {name!r} and all its answers?").format(id=found["id"], name=found["name"])
    followers = sorted(r["name"] for r in store.sessions() if (r.get("from") or {}).get("id") == found["id"])
    if followers:
        said = ngettext(
            "{names} follows up on it and keeps a copy of its answers.",
            "{names} follow up on it and keep a copy of its answers.",
            len(followers),
        )
        question = " ".join((said.format(names=", ".join(map(repr, followers))), question))
    runtime.confirm(question, yes, f"tocht delete {found['id']} --yes")
    refresh_follow_ups(store, current().kits, found)  # what was answered in it since a follow-up was made stays too
    store.delete_session(found["id"])
    output.message(_("deleted session {id} {name!r}").format(id=found["id"], name=found["name"]))


def register(app: typer.Typer) -> None:
    app.command("new", help=N_("Start a session and make it the current one; prints its short id."))(new)
    app.command("list", help=N_("The newest 20 sessions (every one with --all), newest meeting first; * marks the current one."))(
        list_sessions
    )
    app.command("use", help=N_("Make a session the current one."))(use)
    app.command("rename", help=N_("Give a session another name."))(rename)
    app.command("edit", help=N_("Correct a session's name, date, place or facilitator; only what is given changes."))(edit)
    app.command("add-group", help=N_("Add a group (table) to a session (also: tocht group add)."))(add_group)
    app.command("delete", help=N_("Delete a session and all its answers (asks first; --yes without a terminal)."))(delete)
