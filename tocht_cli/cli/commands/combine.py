"""`tocht merge` and `tocht compare`: several tables into one session; two meetings side by side."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions.workspace import Workspace, resolve_session


def merge(
    sessions: Annotated[
        list[str],
        o.session_argument(N_("Two or more sessions (short id or part of the name)."), N_("SESSIONS")),
    ],
    name: Annotated[
        str, typer.Option("--into", "--name", metavar=N_("NAME"), help=N_("Name of the merged session (the region, the network)."))
    ],
    date: Annotated[
        str | None,
        typer.Option(metavar=N_("DATE"), help=N_("Its date, e.g. 15/01/2027 or '15 January 2027' (default: the latest of the sources).")),
    ] = None,
    json: o.Json = False,
) -> None:
    from tocht_cli.sessions import merging, records
    from tocht_cli.sessions.creation import announce, checked

    store = current().store
    sources = [Workspace(store, resolve_session(store, ref), current().kits) for ref in sessions]
    fields, answers, ballots = merging.merge(sources, checked(records.session_name, name), checked(records.meeting_date, date, None))
    fields["groups"] = checked(records.group_names, fields["groups"], "")

    from tocht_cli.sessions.ballots import hidden_apart

    created = store.create_session(fields, answers, *hidden_apart(ballots, merging.merged_lists(sources)))
    merged = _("merged {sessions} sessions ({answers} answers, groups: {groups}) into {id} {name!r}; it is now current")
    announce(
        created,
        json,
        merged.format(
            sessions=len(sources), answers=len(answers), groups=", ".join(fields["groups"]), id=created["id"], name=created["name"]
        ),
    )


class CompareFormat(str, Enum):
    table = "table"
    md = "md"


def compare(
    earlier: Annotated[
        str | None,
        o.session_argument(
            N_("The earlier session (short id or part of the name; default: the one the current session follows up)."), N_("EARLIER")
        ),
    ] = None,
    later: Annotated[
        str | None,
        o.session_argument(N_("The later session (default: current)."), N_("LATER")),
    ] = None,
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help=N_("table for the screen, md for a Markdown report."))
    ] = CompareFormat.table,
    all_: Annotated[
        bool, typer.Option("--all", help=N_("Also list, one by one, the items the later meeting has not discussed yet (else counted)."))
    ] = False,
    json: o.Json = False,
) -> None:
    from tocht_cli.reports import comparison

    a, b = compared(earlier, later)
    found, pending = comparison.compare(a, b, everything=all_)
    found, kept = comparison.kept_to_total(a, b, found)
    note = comparison.kept_note(b, kept)
    if json:
        doc = {"before": a.id, "after": b.id, "changes": comparison.as_json(found), "not_discussed": comparison.pending_json(pending)}
        output.data_json({**doc, "min_votes": b.disclosure().min_votes, "kept_to_total": comparison.places_json(list(kept))})
    elif fmt is CompareFormat.md:
        from tocht_cli.render.markdown import md

        output.data(comparison.markdown(a, b, found, pending) + "".join(f"\n_{md(line)}_\n" for line in note.splitlines()))
    elif not found and not pending:
        output.data("\n".join(filter(None, (b.kit.label("no_changes"), note))))
    else:
        from tocht_cli.render.styled import Text

        output.paged([*comparison.screen(a, b, found, pending), *([Text(note, style="dim")] if note else [])], pager=False)


def followed_up(later: Workspace) -> Workspace:
    """The session `later` follows up; when it was deleted, what `later` kept of it, said so by the name it
    had (its id was never typed); refused only where `later` kept nothing (a file from before it kept it)."""
    from tocht_cli.base.errors import NotFound
    from tocht_cli.sessions.kept import carried_only, kept_earlier

    source = later.session["from"]
    try:
        return current().workspace(source["id"])
    except NotFound:
        kept = kept_earlier(later)
        if kept is not None:
            said = (
                _("{earlier!r} was deleted: compared with what {later!r} kept of it (the answers it carried over)")
                if carried_only(kept)
                else _("{earlier!r} was deleted: compared with the copy of its answers {later!r} kept")
            )
            output.message(said.format(earlier=kept.session["name"], later=later.session["name"]))
            return kept
        raise NotFound(
            _("the session {later!r} follows up, {earlier!r}, was deleted: there is nothing to compare it with").format(
                later=later.session["name"], earlier=source.get("name") or source["id"]
            ),
            _("compare it with another session: tocht compare EARLIER {id} (see `tocht list`)").format(id=later.id),
        ) from None


def _follows_up(ws: Workspace) -> bool:
    return bool((ws.session.get("from") or {}).get("id"))


def compared(earlier: str | None, later: str | None) -> tuple[Workspace, Workspace]:
    """The two meetings `compare` sets side by side. Given none, the current session and the one it follows up.
    Given one, it is compared with the current session, or,
    when it is the current one or a follow-up the current one does not follow up, with the session it
    follows up (`tocht new --from`: said when that was deleted, never silently another pair); said either
    way, in a line short enough for a terminal (the report's header names the two)."""
    from tocht_cli.base.errors import UsageError
    from tocht_cli.sessions.kept import is_kept

    a, b = current().workspace(earlier), current().workspace(later)
    if later is None and a.id == b.id:
        if not _follows_up(b):
            raise UsageError(
                _("{id} {name!r} is the current session and follows up no earlier one: there is nothing to compare it with").format(
                    id=b.id, name=b.session["name"]
                ),
                _("give two sessions: tocht compare EARLIER LATER (see `tocht list`)"),
            )
        a = followed_up(b)
        said = _("the current session, compared with the session it follows up")
    elif a.id == b.id:
        raise UsageError(
            _("both refer to session {id} {name!r}").format(id=a.id, name=a.session["name"]),
            _("name two sessions by their short ids; see `tocht list`"),
        )
    elif later is None and _follows_up(a) and (b.session.get("from") or {}).get("id") != a.id:
        a, b = followed_up(a), a
        said = _("a follow-up given: compared with the session it follows up")
    else:
        said = _("one session given: compared with the current session") if later is None else ""
    if said and not is_kept(a):  # a deleted meeting's kept copy was said by `followed_up`
        output.message(said)
    return a, b


def register(app: typer.Typer) -> None:
    app.command("merge", help=N_("Combine sessions from several tables or laptops into a new one; the sources stay as they are."))(merge)
    compared = N_(
        "What changed between two meetings: positions, roles, step status, checklist, regional rows.\n\n"
        "Items answered before and not yet discussed in the later meeting are no change: each exercise counts "
        'them in one line ("not discussed yet"); --all lists them too.\n\n'
        "With no session: the current one against the session it follows up (tocht new --from). "
        "With one session: that one against the current session, or, when it is the current one or a follow-up "
        "the current one does not follow up, against the session it follows up.\n\n"
        "--json: {before, after, changes, not_discussed}; each change has exercise, heading, group, item_id, "
        "item, what, before, after and change: added (a row new in the later meeting), removed (a row it no "
        "longer has) or changed; not_discussed counts items per exercise and group."
    )
    app.command("compare", help=compared)(compare)
