"""`tocht group add | rename | remove`: the groups (tables) of a session, with their answers."""

from __future__ import annotations

from typing import Annotated

import typer

from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.cli import options as o
from tocht_cli.cli import tab
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions import runtime

app = typer.Typer(
    help=N_("The groups (tables) of a session: list, add, edit who sits there, rename, remove."), no_args_is_help=True, add_completion=False
)
Orgs = Annotated[
    list[str] | None,
    typer.Option("--org", metavar=N_("ORGANISATION"), help=N_("An organisation at the table; repeat for several.")),
]
People = Annotated[int | None, typer.Option("--people", metavar=N_("NUMBER"), min=0, max=10_000, help=N_("How many people sit there."))]


def answers(count: int) -> str:
    return ngettext("{count} answer", "{count} answers", count).format(count=count)


@app.command("list", help=N_("A session's groups (tables), with the organisations at each and how many people."))
def list_groups(session: o.Session = None, json: o.Json = False) -> None:
    from tocht_cli.sessions import attendance

    ws = current().workspace(session)
    seats = attendance.seats(ws.session, ws.groups)
    if json:
        output.data_json([{"group": g, **attendance.seat_value(seat)} for g, seat in seats.items()])
        return
    rows = [
        [g for g in seats],
        [", ".join(s.organisations) for s in seats.values()],
        ["" if s.people is None else str(s.people) for s in seats.values()],
    ]
    output.data(output.columns((_("group"), _("organisations"), _("people")), rows))


@app.command("add", help=N_("Add a group (table) to a session (the same as tocht add-group)."))
def add(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The new group's name."))],
    session: o.Session = None,
    org: Orgs = None,
    people: People = None,
) -> None:
    from tocht_cli.sessions import attendance, groups
    from tocht_cli.sessions.creation import checked

    ws = current().workspace(session)
    seat = attendance.Seat(tuple(checked(attendance.organisations, org or [])), people)
    output.message(_("{id} now has groups: {groups}").format(id=ws.id, groups=", ".join(groups.add(ws, name, seat))))


@app.command("edit", help=N_("Say who sits at a group (table): its organisations (all of them) and how many people."))
def edit(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The group's name."), autocompletion=tab.groups)],
    session: o.Session = None,
    org: Orgs = None,
    people: People = None,
    no_organisations: Annotated[bool, typer.Option("--no-organisations", help=N_("Say no organisation sits there (any more)."))] = False,
) -> None:
    from tocht_cli.base.errors import UsageError
    from tocht_cli.sessions import groups

    if org is None and people is None and not no_organisations:
        raise UsageError(_("nothing to change"), _("give --org (repeat for several), --people or --no-organisations"))
    if org and no_organisations:
        raise UsageError(_("--org and --no-organisations say opposite things; give one"))
    ws = current().workspace(session)
    group = groups.named(ws, name)
    seat = groups.seat_at(ws, group, [] if no_organisations else org, people)
    count = "–" if seat.people is None else str(seat.people)
    said = _("{id}: at {group!r}: {organisations}; people: {people}")
    output.message(said.format(id=ws.id, group=group, organisations=", ".join(seat.organisations) or "–", people=count))


@app.command("rename", help=N_("Give a group another name; its answers go with it."))
def rename(
    old: Annotated[str, typer.Argument(metavar=N_("OLD"), help=N_("The group's name now."), autocompletion=tab.groups)],
    new: Annotated[str, typer.Argument(metavar=N_("NEW"), help=N_("Its new name."))],
    session: o.Session = None,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    source, target, moved = groups.rename(ws, old, new)
    message = _("{id}: group {old!r} is now {new!r} ({answers} with it)")
    output.message(message.format(id=ws.id, old=source, new=target, answers=answers(moved)))


@app.command("remove", help=N_("Remove a group and its answers; asks first when it has answers (--yes without a terminal)."))
def remove(
    name: Annotated[str, typer.Argument(metavar=N_("NAME"), help=N_("The group's whole name."), autocompletion=tab.groups)],
    session: o.Session = None,
    yes: o.Yes = False,
) -> None:
    from tocht_cli.sessions import groups

    ws = current().workspace(session)
    group = groups.named(ws, name)
    if len(ws.groups) == 1:
        raise groups.last_group(ws, group)
    count = groups.answer_count(ws, group)
    if count:
        runtime.confirm(
            _("Remove group {group!r} of session {id} {name!r} and its {answers}?").format(
                group=group, id=ws.id, name=ws.session["name"], answers=answers(count)
            ),
            yes,
            f"tocht group remove {group!r} -s {ws.id} --yes",
        )
    left, removed = groups.remove(ws, group)
    message = _("{id}: removed group {group!r} ({answers}); groups now: {groups}")
    output.message(message.format(id=ws.id, group=group, answers=answers(removed), groups=", ".join(left)))
