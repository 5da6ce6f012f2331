"""`tocht export` and `tocht import`: a session as Markdown or JSON, and a JSON export back into a session."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from tocht_cli.base.errors import ExitCode, TochtError, UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import visible
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.sessions.disclosure import LEVEL_NAMES
from tocht_cli.sessions.workspace import Workspace


class Format(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


LevelOption = Annotated[
    o.Audience | None,
    typer.Option(
        "--level",
        help=N_(
            "Who the summary is for: room (everything), network or public; leaves out the parts not marked for them "
            "(tocht audience) and says the level in the document. Default: everything, unsaid."
        ),
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "md: the readable summary; html or pdf: the same with charts, to print and share; "
            "json: everything needed to rebuild the session; csv or xlsx: one row per answer, for a spreadsheet. "
            "Default: as --output's extension says, else md."
        ),
    ),
]


def render(ws: Workspace, fmt: Format) -> str | bytes:
    if fmt is Format.json:
        from tocht_cli.sessions import exchange

        return output.dumps(exchange.export_doc(ws)) + "\n"
    if fmt in (Format.csv, Format.xlsx):
        from tocht_cli.reports import tabular

        return tabular.session_csv(ws) if fmt is Format.csv else tabular.session_xlsx(ws)
    if fmt in (Format.html, Format.pdf):
        from tocht_cli.reports.handout import session_handout
        from tocht_cli.reports.printed import rendered

        return rendered(session_handout(ws), fmt.value)
    from tocht_cli.reports.summary import session_markdown

    return session_markdown(ws)


def file_name(session: dict[str, Any], fmt: Format) -> str:
    """Stable and readable: meeting date, name, short id (the id keeps two 'Overleg' sessions apart)."""
    from tocht_cli.base.text import slug

    return f"{session.get('date', '')}-{slug(session['name'])[:60].strip('-')}-{session['id']}.{fmt.value}"


def export(
    session: o.SessionArg = None,
    fmt: FormatOption = None,
    out: o.Output = None,
    all_: Annotated[bool, typer.Option("--all", help=N_("Every session, one file each, into --out-dir."))] = False,
    out_dir: Annotated[str | None, typer.Option("--out-dir", metavar=N_("DIR"), help=N_("Folder for --all (made if missing)."))] = None,
    level: LevelOption = None,
    min_votes: o.MinVotes = None,
    session_option: o.Session = None,
) -> None:
    from tocht_cli.cli import outfile

    session = o.one_session(session, session_option)
    fmt = fmt or Format(outfile.format_of(out, [f.value for f in Format]) or Format.md)
    told = Told(level.value if level else None, min_votes)
    if fmt is Format.json and (level not in (None, o.Audience.room) or min_votes is not None):
        raise UsageError(
            _("a JSON export is the whole session, to rebuild it; --level and --min-votes go with md, html, pdf, csv and xlsx")
        )
    if all_:
        if session or out:
            raise UsageError(_("--all exports every session into --out-dir; leave out SESSION and --output"))
        if out_dir is None or not visible(out_dir):
            raise UsageError(_("--all needs --out-dir DIR"))
        export_all(Path(out_dir), fmt, told)
        return
    if out_dir is not None:
        raise UsageError(_("--out-dir goes with --all; for one session use --output FILE"))
    if out is not None and not visible(out):
        raise UsageError(_("--output is empty; give a file name, or - for standard output"))
    if fmt is Format.pdf:
        outfile.refuse_binary_on_terminal(out, _("a PDF"))
    if fmt is Format.xlsx:
        outfile.refuse_binary_on_terminal(out, _("a workbook"))
    if out not in (None, *outfile.STDOUT_NAMES):
        outfile.guard(Path(out))  # before the work, so a refused path costs nothing
    outfile.warn_if_named_otherwise(out, fmt.value)
    ws = told.applied(current().workspace(session))
    outfile.write(out or "-", render(ws, fmt))
    left_out = [ex.id for ex in ws.kit.exercises if not ws.disclosure().shows(ex.id)]
    if left_out:
        said = _("left out, not marked for {audience}: {exercises}; mark one with: tocht audience EXERCISE {level}")
        output.message(said.format(audience=_(LEVEL_NAMES[str(told.level)]), exercises=", ".join(left_out), level=told.level))
    if ws.outside():
        from tocht_cli.sessions.exchange import outside_note

        output.message(outside_note(ws.kit.name, ws.outside()))
    if fmt is Format.json:
        from tocht_cli.sessions.exchange import stray_note

        note = stray_note(ws)
        if note:
            output.message(note)


class Told(NamedTuple):
    """What the command was told to show instead of the session's own: the audience, the smallest table."""

    level: str | None
    min_votes: int | None

    def applied(self, ws: Workspace) -> Workspace:
        if self.level is not None or self.min_votes is not None:
            from tocht_cli.sessions.disclosure import of_record

            ws.shown_as = of_record(ws.session, self.min_votes, self.level)
        return ws


def export_all(folder: Path, fmt: Format, told: Told) -> None:
    store = current().store
    sessions = sorted(store.sessions(), key=lambda s: (s.get("date", ""), s["id"]))
    if not sessions:
        output.message(_("no sessions to export"))
        return
    from tocht_cli.cli import outfile

    outfile.make_folder(folder)
    for s, text in zip(sessions, rendered([s["id"] for s in sessions], fmt, told), strict=True):
        outfile.write(folder / file_name(s, fmt), text)


PDFS_PER_WORKER = 2
"""Typst keeps what it compiled in a cache of its own for the whole process (a new compiler does not free
it): ~33 MB more per PDF, up to ~500 MB. A worker that made this many is replaced by a fresh fork."""


def rendered(ids: list[str], fmt: Format, told: Told) -> Iterator[str | bytes]:
    """Each session rendered, in order. Many are rendered by worker processes, one per core
    (rendering is the work; the files are written here, one by one, as they come)."""
    import multiprocessing
    import os

    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
    if len(ids) < 50 or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (_render_one((session_id, fmt, told)) for session_id in ids)
        return
    from tocht_cli.cli.invocation import begin

    _warm(ids[0], fmt, told)
    pdf = fmt is Format.pdf
    context = multiprocessing.get_context("fork")
    # A worker forked later (by the pool's thread, whose context is empty) is told this command's invocation.
    with context.Pool(workers, begin, (current(),), maxtasksperchild=PDFS_PER_WORKER if pdf else None) as pool:
        jobs = ((session_id, fmt, told) for session_id in ids)
        for text, problem in pool.imap(_render_safely, jobs, chunksize=1 if pdf else 16):
            if problem is not None:
                error = TochtError(problem[0], problem[1])
                error.code = ExitCode(problem[2])
                raise error
            yield text


def _render_one(job: tuple[str, Format, Told]) -> str | bytes:
    store = current().store
    return render(job[2].applied(Workspace(store, store.session(job[0]), current().kits)), job[1])


def _warm(session_id: str, fmt: Format, told: Told) -> None:
    """One session rendered here before the workers fork (a PDF but for its typesetting), so that each
    inherits the imports, the kit and the compiled templates instead of making them again: a PDF's
    worker is replaced every few PDFs. A problem with that session is the worker's to report, in order."""
    try:
        store = current().store
        ws = told.applied(Workspace(store, store.session(session_id), current().kits))
        if fmt in (Format.html, Format.pdf):
            from tocht_cli.reports.handout import session_handout
            from tocht_cli.reports.printed import warm

            warm(session_handout(ws), fmt.value)
        else:
            render(ws, fmt)
    except TochtError:
        pass


def _render_safely(job: tuple[str, Format, Told]) -> tuple[str | bytes, tuple[str, str | None, int] | None]:
    """In a worker: the text, or the error as plain values (an exception need not survive pickling)."""
    try:
        return _render_one(job), None
    except TochtError as exc:
        return "", (exc.message, exc.hint, int(exc.code))


def import_session(
    file: Annotated[str, typer.Argument(metavar=N_("FILE"), help=N_("A JSON export (`tocht export --format json`); - reads stdin."))],
    name: Annotated[
        str | None, typer.Option("--name", metavar=N_("NAME"), help=N_("Name for the new session (default: the exported one)."))
    ] = None,
    use: Annotated[bool, typer.Option("--use", help=N_("Make the new session the current one."))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Import even when it is here already, or its name is taken."))] = False,
    json: o.Json = False,
) -> None:
    from tocht_cli.sessions import exchange, records
    from tocht_cli.sessions.ballots import hidden_apart
    from tocht_cli.sessions.creation import announce, checked, confirm_again, described, imported_already, same_name

    run = current()
    text, where = exchange.read_text(file)
    fields, answers, ballots, lists = exchange.parse(text, where, run.kits)
    exported = exchange.exported_session(text)
    if name is not None:
        fields["name"] = checked(records.session_name, name)
    here = [] if name is not None else imported_already(run.store, exported)
    namesakes = same_name(run.store, fields["name"])
    if here:
        what = _("this export ({id} {name!r}) is here already: {sessions}").format(
            id=exported["id"], name=exported.get("name"), sessions=described(here)
        )
    elif namesakes:
        what = _("there is a session named {name!r} already: {sessions}").format(name=fields["name"], sessions=described(namesakes))
    if here or namesakes:
        confirm_again(
            what,
            _("Import it as another session anyway?"),
            yes,
            _("give it another name with --name NEW, or add --yes to import it again"),
        )
    if isinstance(exported.get("id"), str):
        fields["imported"] = {"id": exported["id"]}
    created = run.store.create_sessions([(fields, answers, *hidden_apart(ballots, lists))], make_current=use)[0]
    after = _("it is now current") if use else _("make it current with: tocht use {id}").format(id=created["id"])
    imported = _("imported {answers} answers as session {id} {name!r}; {after}")
    announce(created, json, imported.format(answers=len(answers), id=created["id"], name=created["name"], after=after))


def register(app: typer.Typer) -> None:
    text = N_(
        "A session's summary as Markdown (default), HTML or PDF, its answers as CSV or XLSX, or the whole session as JSON; "
        "the same answers always give the same bytes."
    )
    app.command("export", help=text)(export)
    app.command("import", help=N_("Create a session from a JSON export; the file is checked whole before anything is written."))(
        import_session
    )
