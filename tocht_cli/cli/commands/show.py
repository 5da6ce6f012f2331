"""`tocht show` and bare `tocht`: a session's metadata, progress per exercise and group, answers."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli import tab
from tocht_cli.cli.invocation import current
from tocht_cli.kinds.contract import reference
from tocht_cli.render import output
from tocht_cli.reports.screens import group_title, header, pooled_total, progress_table
from tocht_cli.sessions.workspace import Workspace

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise


def show(
    session: o.SessionArg = None,
    group: Annotated[
        str | None,
        typer.Option("--group", "-g", metavar=N_("GROUP"), help=N_("Only this group's answers."), autocompletion=tab.groups),
    ] = None,
    exercise: Annotated[
        str | None,
        o.exercise(N_("Only this exercise's answers (id or number).")),
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help=N_("Metadata and progress only."))] = False,
    pager: Annotated[bool, typer.Option("--pager/--no-pager", help=N_("Page long output on a terminal ($PAGER, else less -R)."))] = True,
    json: o.Json = False,
    session_option: o.Session = None,
) -> None:
    ws = current().workspace(o.one_session(session, session_option))
    exercises = [ws.kit.exercise(exercise)] if exercise else list(ws.kit.exercises)
    groups = [ws.group(group)] if group else ws.groups
    if json:
        shown = filtered(ws, exercises if exercise else None, groups if group else None)
        output.data_json({**ws.session, **shown, **kept_json(ws, exercises, groups), **sites_json(ws)})
        return
    from tocht_cli.render.layout import Heading, OneLayout

    parts: list[Any] = [header(ws), progress_table(ws)]
    if not brief and not exercise and not group:
        parts += sites_parts(ws)
    if not brief:
        for ex in exercises:
            parts.append(Heading(ex.heading))
            answers: list[Any] = [] if group else pooled_total(ws, ex)
            for g in groups if group else ws.answering_groups(ex):  # what the meeting answers as one, once
                if len(ws.answering_groups(ex)) > 1:
                    answers.append(group_title(ws.kit, g))
                answers.append(group_answers(ws, ex, g))
            parts.append(OneLayout(answers))
        parts += outside(ws, {ex.id for ex in exercises} if exercise else None, groups)
        parts += room_parts(ws, exercises)
    output.paged(parts, pager)


def group_answers(ws: Workspace, ex: Exercise, group: str) -> Any:
    """A group's answers to an exercise as its kind shows them; one line when it recorded nothing there yet,
    rather than a table of headers over empty rows."""
    from tocht_cli.render.styled import Group, Text
    from tocht_cli.reports.failsafe import Guarded
    from tocht_cli.reports.screens import drawn
    from tocht_cli.sessions.disclosure import hidden_lines, kept_sheets

    disclosure = ws.disclosure()
    k = disclosure.min_votes
    kept = kept_sheets(ex, ws.shown_sheets(ex), disclosure)[ws.answering(ex, group)]
    sheet = kept.sheet
    if sheet.cards or any(ex.kind.recorded_by_any(ex, item, [sheet]) for item, _title in ex.kind.answer_items(ex)):
        shown = Guarded(ex, ws.kit, partial(drawn, ex.kind.handout_group, ex, sheet, ws.kit))
        notes = [Text(line, style="dim") for line in hidden_lines(ex, ws.kit, k, kept.hidden)]
        return Group(shown, *notes, Text("")) if notes else shown  # a blank line: the note is this table's, not the next one's
    said = ws.kit.label("unanswered")
    return Text(f"{said[:1].upper()}{said[1:]}", style="dim")


def sites_parts(ws: Workspace) -> list[Any]:
    """A merged session's sites side by side (reports/sites.py), before the exercises they add up."""
    from tocht_cli.render.layout import Heading
    from tocht_cli.render.styled import Text
    from tocht_cli.render.terminal import shown
    from tocht_cli.reports.sites import merged_shown

    found = merged_shown(ws)
    if found is None:
        return []
    parts: list[Any] = [Heading(found.heading), Text(found.intro)]
    for title, blocks in found.parts:
        parts += [Text(title, style="bold"), shown(list(blocks))]
    return parts


def kept_json(ws: Workspace, exercises: list[Exercise], groups: list[str]) -> dict[str, Any]:
    """k, and where a table's hands are kept to the total (what `show` and every document leave out of its
    row), so a script that breaks the answers down per table can do as they do."""
    from tocht_cli.sessions.disclosure import kept_sheets

    disclosure = ws.disclosure()
    k = disclosure.min_votes
    kept = [
        {"exercise": ex.id, "group": group, "item": item, "why": why}
        for ex in exercises
        for group, shown in kept_sheets(ex, ws.shown_sheets(ex), disclosure).items()
        if group in groups
        for item, why in shown.hidden.items()
    ]
    return {"min_votes": k, "kept_to_total": kept}


def sites_json(ws: Workspace) -> dict[str, Any]:
    """A merged session's result per site, for scripts: {"sites": …}; nothing for a session that is no merge."""
    import msgspec

    from tocht_cli.reports.sites import merged_result

    found = merged_result(ws)
    return {"sites": msgspec.to_builtins(found)} if found is not None else {}


def room_parts(ws: Workspace, exercises: list[Exercise]) -> list[Any]:
    """What the room recorded, in the summary's words and from its data (room_results): per exercise the
    votes by table and in total, who reached a card's target and when, the opinion map, how long the timer ran."""
    from tocht_cli.render import terminal
    from tocht_cli.render.layout import Answers, Col, Hanging, Heading
    from tocht_cli.render.styled import Text
    from tocht_cli.sessions.room_results import Given, Votes, room_results

    results = room_results(ws, exercises)
    if results is None:
        return []
    parts: list[Any] = [Heading(results.title)]
    for shown in results.exercises:
        parts.append(Hanging(Text(f"{shown.exercise.heading}: ", style="bold").append(shown.said), 2))
        if isinstance(shown, Votes):
            columns = [Col(h, ratio=0 if not n else 1 if h else 2, short=not n) for n, h in enumerate(shown.headers)]  # the text widest
            table = Answers(columns, numbered=False)
            for row in shown.rows:
                table.add_row(*row)
            parts.append(table)
            if shown.arguments:
                parts.append(Text(shown.arguments_title, style="italic"))
                parts += [Hanging(Text(f"- {place}: ").append(text), 4, first=2) for place, text in shown.arguments]
        elif isinstance(shown, Given):
            parts.append(terminal.shown(shown.blocks))
        else:
            parts += [Text(f"  {who} ({group}) {at}") for who, group, at in shown.winners]
    for said in results.maps:  # the opinion map in words: the terminal leaves its chart out
        parts += [Hanging(Text(f"{said.exercise.heading}: ", style="bold").append(said.title), 2), terminal.shown(said.blocks())]
    if results.timers:
        ran = " · ".join(f"{name} {time}" for name, time in results.timers)
        parts.append(Hanging(Text(f"{results.timer_title}: ", style="bold").append(ran), 2))
    return parts


def outside(ws: Workspace, exercises: set[str] | None, groups: list[str]) -> list[Any]:
    """The answers to items the kit does not have (any more), said on stderr and shown at the end,
    field by field: never left out without a word."""
    from tocht_cli.render.layout import Hanging, Heading
    from tocht_cli.render.styled import Text
    from tocht_cli.reports.summary import outside_answer, outside_title
    from tocht_cli.sessions.exchange import outside_note

    found = [doc for doc in ws.outside() if (exercises is None or doc["exercise"] in exercises) and doc["group"] in groups]
    if not found:
        return []
    output.message(outside_note(ws.kit.name, found))
    parts: list[Any] = [Heading(outside_title(ws))]
    for where, fields in map(outside_answer, found):
        parts += [Text(where, style="bold"), Hanging(Text(fields), 4, first=4)]
    return parts


def filtered(ws: Workspace, exercises: list[Any] | None, groups: list[str] | None) -> dict[str, Any]:
    """Progress and answers, only of the exercises and groups asked for (None: all, also answers to
    exercises the kit no longer has)."""
    progress = {ex: per_group for ex, per_group in ws.progress().items() if exercises is None or ex in {e.id for e in exercises}}
    answers = [a for a in ws.answers() if (exercises is None or a["exercise"] in progress) and (groups is None or a["group"] in groups)]
    if groups is not None:
        progress = {ex: {g: p for g, p in per_group.items() if g in groups} for ex, per_group in progress.items()}
    return {"progress": progress, "answers": answers}


def status() -> None:
    """What bare `tocht` prints: where the current session stands and what to type next."""
    store = current().store
    if store.current_id() is None:
        output.message(_("tocht: no current session."))
        hints = [
            (_("start one and walk through the exercises:"), "tocht run"),
            (_("or see the sessions you have:"), "tocht list"),
            (_("all commands:"), "tocht --help"),
        ]
        width = max(len(text) for text, _command in hints)
        for text, command in hints:
            output.message(f"  {text:<{width}}  {command}")
        return
    ws = current().workspace(None)
    output.data(header(ws))
    output.data(progress_table(ws))
    places = {g: ws.resume_place(g) for g in ws.groups}
    first = min((place[0] for place in places.values() if place is not None), default=None)
    if first is None:
        output.message(_("all exercises are answered; summary: tocht show   (change anything: tocht run --exercise ID)"))
        return
    if len(ws.groups) == 1:
        output.message(fitted(_("next: tocht run   (resumes at {exercise})"), *where(ws, ws.groups[0], places[ws.groups[0]])))
    else:
        say_resumes(ws, places)
    output.message(_("  or record directly: tocht {kind} --help").format(kind=ws.kit.exercises[first].kind.name))


def say_resumes(ws: Workspace, places: dict[str, tuple[int, int | None] | None]) -> None:
    """Where `tocht run` resumes for each table: the walk asks Workspace.resume_place as this does."""
    import shlex

    output.message(_("next, per table:"))
    for group, place in places.items():
        if place is None:
            output.message("  " + _("{group}: every exercise is answered").format(group=group))
            continue
        command = f"tocht run --group {shlex.quote(group)}"
        output.message(fitted("  " + _("{command}   (resumes at {exercise})").replace("{command}", command), *where(ws, group, place)))


def where(ws: Workspace, group: str, place: tuple[int, int | None] | None) -> tuple[Exercise, str]:
    """Where `group`'s walk goes on: the exercise, and the item (as a direct command calls it) when the walk goes
    on inside it ("" when it opens the exercise at its start): the same place `tocht run` goes."""
    index, item = place or (0, None)
    ex = ws.kit.exercises[index]
    at = item if item is not None else ws.first_open(ex, group) or None  # at the first item: the exercise's start
    asked = ex.kind.asked_of(ex, group, ws.groups)
    return ex, reference(ex.kind, asked[at]) if at is not None and at < len(asked) else ""


def fitted(line: str, ex: Exercise, item: str = "") -> str:
    """`line` with the exercise's heading and the item ("T1a · Stellingenspel · A4"), the heading shortened with
    "…" (or to its code, "T1a") so that the line fits the terminal: one line per table, the command and where it
    resumes side by side (a long title broke it); the item is never cut."""
    import shutil

    from rich.cells import cell_len, set_cell_size

    after = f" · {item}" if item else ""
    room = shutil.get_terminal_size().columns - cell_len(line.replace("{exercise}", "")) - cell_len(after)
    exercise = ex.heading
    if cell_len(exercise) > room:
        exercise = set_cell_size(exercise, room - 1).rstrip() + "…" if room >= 12 else ex.code or exercise
    return line.replace("{exercise}", exercise + after)


def register(app: typer.Typer) -> None:
    app.command("show", help=N_("A session's metadata, progress per exercise and group, and the answers so far."))(show)
