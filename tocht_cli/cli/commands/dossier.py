"""`tocht dossier`: the meetings of a network side by side in one document."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tocht_cli.base.errors import NotFound, UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import visible
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output

if TYPE_CHECKING:
    from tocht_cli.sessions.workspace import Workspace


class Format(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


def dossier(
    sessions: Annotated[
        list[str] | None,
        o.session_argument(N_("The meetings (short id or part of the name); none: every session the options pick.")),
    ] = None,
    place: o.Place = None,
    since: o.Since = None,
    until: o.Until = None,
    chain: Annotated[
        str | None,
        o.session_option("--chain", N_("A session with the meetings it follows up and those that follow it up (tocht new --from).")),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "md: readable text; html or pdf: the same with charts, to print and send; json: for scripts. Default: as --output's extension says, else md."
            ),
        ),
    ] = None,
    out: o.Output = None,
    min_votes: o.MinVotes = None,
    level: Annotated[
        o.Audience | None,
        typer.Option(
            "--level",
            help=N_(
                "Who the dossier is for: room (everything), network or public; each meeting's parts not marked for them are left out (tocht audience)."
            ),
        ),
    ] = None,
    title: Annotated[
        str | None,
        o.title_option(N_('The dossier\'s title after "Dossier:"; default: the place or network the meetings share, else their dates.')),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help=N_("Print JSON for scripts (the same as --format json)."))] = False,
) -> None:
    from tocht_cli.cli import outfile

    fmt = Format.json if json else fmt or Format(outfile.format_of(out, [f.value for f in Format]) or Format.md)
    if json and out is None and fmt is not Format.json:
        raise UsageError(_("--json and --format {format} ask for two formats; give one").format(format=fmt.value))
    if out is not None and not visible(out):
        raise UsageError(_("--output is empty; give a file name, or - for standard output"))
    if fmt is Format.pdf:
        outfile.refuse_binary_on_terminal(out, _("a PDF"))
    if out not in (None, *outfile.STDOUT_NAMES):
        outfile.guard(Path(out))
    outfile.warn_if_named_otherwise(out, fmt.value)
    workspaces = chosen(sessions or [], place, o.typed_date(since), o.typed_date(until), chain)
    if min_votes is not None or level is not None:
        from tocht_cli.sessions.disclosure import of_record

        for ws in workspaces:
            ws.shown_as = of_record(ws.session, min_votes, level.value if level else None)
    outfile.write(out or "-", rendered(workspaces, fmt, title))


def chosen(refs: list[str], place: str | None, since: str | None, until: str | None, chain: str | None) -> list[Workspace]:
    """The meetings the arguments name: those given (or, with none given, every session), narrowed by place and
    dates, with a session's follow-up chain; at least one."""
    from tocht_cli.reports import dossier as d
    from tocht_cli.sessions.workspace import Workspace, resolve_session

    run = current()
    narrowed = place is not None or since is not None or until is not None
    if not refs and chain is None and not narrowed:
        raise UsageError(_("name the meetings: SESSION…, --chain SESSION, --place PLACE or --since/--until DATE"))
    records = run.store.sessions() if chain is not None or narrowed else []  # named meetings alone read no listing
    ids = [resolve_session(run.store, ref)["id"] for ref in refs]
    if chain is not None:
        ids += sorted(d.chain(records, resolve_session(run.store, chain)["id"]))
    if not refs and chain is None:
        ids = [r["id"] for r in records]
    if narrowed:
        allowed = set(d.matching(records, place, since, until))
        ids = [i for i in ids if i in allowed]
    if not ids:
        raise NotFound(_("no session matches; see `tocht list`"))
    return [Workspace(run.store, run.store.session(i), run.kits) for i in dict.fromkeys(ids)]


def rendered(workspaces: list[Workspace], fmt: Format, title: str | None = None) -> str | bytes:
    from tocht_cli.reports import dossier as d

    gathered = d.gather(workspaces, title)
    if fmt is Format.json:
        return output.dumps(d.as_json(gathered)) + "\n"
    doc = d.document(gathered, d.in_order(workspaces)[-1].kit)
    if fmt is Format.md:
        return d.markdown(doc)
    from tocht_cli.reports.printed import rendered as printed

    return printed(doc, fmt.value)


def register(app: typer.Typer) -> None:
    help_text = N_(
        "Several meetings side by side in one document: positions per statement, the plan's steps and how long they stay open, "
        "recurring challenges, who came."
    )
    app.command("dossier", help=help_text)(dossier)
