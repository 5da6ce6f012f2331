"""A session, or a kit's blank worksheets, as one printable document: what `export --format html|pdf`
and `kit sheets` render.

The document is data (the kinds' blocks under headings), so the HTML and the PDF
renderers draw the same content, and the same answers always give the same document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli.render.blocks import Block, Cell, Content, Facts, Lines, Paragraph, Table
from tocht_cli.reports.changes import changed_since, followed_up
from tocht_cli.reports.overview import metadata, progress
from tocht_cli.reports.summary import framing, paragraphs, round_saved
from tocht_cli.sessions.disclosure import for_totals, hidden_lines, kept_sheets
from tocht_cli.sessions.room_results import Given, Votes, room_results

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.sessions.workspace import Workspace


class Part(Struct, frozen=True):
    """One group's answers, the totals across groups, or one table's worksheet; `title` empty when it is the only part."""

    title: str
    blocks: tuple[Block, ...]


class Chapter(Struct, frozen=True):
    """An exercise on its own page(s): heading, the report's intro, the header of a worksheet, its parts."""

    heading: str
    intro: tuple[str, ...]
    parts: tuple[Part, ...]
    facts: tuple[tuple[str, Content], ...] = ()


class Document(Struct, frozen=True):
    language: str
    title: str
    subtitle: str
    facts: tuple[tuple[str, Content], ...]
    letter: tuple[str, ...]
    progress: Table | None
    progress_title: str
    chapters: tuple[Chapter, ...]
    closing: tuple[str, ...]
    worksheets: bool = False
    epigraph: tuple[str, ...] = ()  # the kit intro's opening words, then its signature under the letter
    signature: str = ""
    invitation: tuple[str, ...] = ()  # the rest of the kit's intro: the workbook's invitation to the reader
    summary: Chapter | None = None  # what came out, before the letter and the detail: a handout's first page


def exercise(ws: Workspace, ex: Exercise) -> Chapter:
    """An exercise's answers: with several groups first the totals, then each group's own answers; with one
    group just its answers. Items called by an id (statement A3, under its challenge's heading) have their
    long texts printed once, in the totals, and are found there by that id; items called by a number (a role,
    a step) keep their text in every group's table, or its rows would read "1 programmator samen"."""
    kit, sheets = ws.kit, ws.shown_sheets(ex)
    if len(sheets) == 1:
        ((group, sheet),) = sheets.items()
        alone = (*ex.kind.handout_group(ex, sheet, kit), *round_saved(ws, ex, group))
        return Chapter(ex.heading, paragraphs(ex.intro), (Part("", alone),))
    disclosure = ws.disclosure()
    kept_apart = kept_sheets(ex, sheets, disclosure)
    parts = [Part(kit.label("total"), tuple(ex.kind.handout_totals(ex, for_totals(ex, sheets, kept_apart), kit)))]
    k = disclosure.min_votes
    for group, kept in kept_apart.items():
        own = ex.kind.handout_group(ex, kept.sheet, kit)
        shown = [
            *(map(without_texts, own) if ex.kind.numbered_by_id else own),
            *(Paragraph(line, "muted") for line in hidden_lines(ex, kit, k, kept.hidden)),
            *round_saved(ws, ex, group),
        ]
        parts.append(Part(f"{kit.label('group')}: {group}", tuple(shown)))
    return Chapter(ex.heading, paragraphs(ex.intro), tuple(parts))


def without_texts(block: Block) -> Block:
    """A table of items without the column of their texts (the one headed by nothing), which the totals print."""
    if not isinstance(block, Table) or "" not in block.headers[1:]:
        return block
    gone = block.headers.index("", 1)
    return Table(block.headers[:gone] + block.headers[gone + 1 :], tuple(r[:gone] + r[gone + 1 :] for r in block.rows), block.numbered)


def room_chapter(ws: Workspace) -> Chapter | None:
    """What the participants answered on their own devices, as the Markdown summary shows it: how long the timer
    ran (under the chapter's heading), then a part per exercise (its votes as a table, or who reached the card's target)."""
    results = room_results(ws, ws.shown_exercises())
    if results is None:
        return None
    parts = []
    for shown in results.exercises:
        blocks: list[Block] = [Paragraph(shown.said)]
        if isinstance(shown, Votes):
            blocks.append(Table(shown.headers, shown.rows))
            if shown.arguments:
                blocks += [Paragraph(shown.arguments_title), Facts(shown.arguments)]
        elif isinstance(shown, Given):
            blocks += shown.blocks
        else:
            blocks.append(Facts(tuple((f"{who} ({group})", at) for who, group, at in shown.winners)))
        parts.append(Part(shown.exercise.heading, tuple(blocks)))
    parts += [Part(f"{said.exercise.heading} · {said.title}", tuple(said.blocks())) for said in results.maps]
    timed = (f"{results.timer_title}: " + " · ".join(f"{name} {ran}" for name, ran in results.timers),) if results.timers else ()
    return Chapter(results.title, timed, tuple(parts))  # under the chapter's heading: never a last line alone on a page


def sites_chapter(ws: Workspace) -> Chapter | None:
    """A merged session's sites side by side (reports/sites.py), before the exercises they add up."""
    from tocht_cli.reports.sites import merged_shown

    found = merged_shown(ws)
    return Chapter(found.heading, (found.intro,), tuple(Part(title, blocks) for title, blocks in found.parts)) if found else None


def opening(kit: Kit) -> dict[str, Any]:
    """The kit's intro around its letter, as the report prints it (the Document's fields)."""
    frame = framing(kit)
    return {"epigraph": frame.epigraph, "signature": frame.signature, "invitation": frame.invitation}


def summary(ws: Workspace) -> Chapter:
    """What came out, from the kinds' own digests: per exercise where the tables agreed and differed most, a
    plan's steps with owners and dates; then what is still open for the next meeting. A follow-up's page
    says what THIS meeting brought: what changed since last time first, then digests of its own answers,
    what it carries over unchanged in one line (so "still open", counted from its own answers, agrees)."""
    kit = ws.kit
    earlier = followed_up(ws)
    sheets = ws.sheets if earlier is not None else ws.shown_sheets
    changes = changed_since(earlier, ws) if earlier is not None else ()
    parts = [Part(kit.label("changes"), changes)] if changes else []
    parts += [Part(ex.heading, tuple(blocks)) for ex in ws.shown_exercises() if (blocks := ex.kind.digest(ex, sheets(ex), kit))]
    if earlier is not None:
        parts += carried_over(ws)
    open_rows = still_open(ws)
    if open_rows:
        parts.append(Part(kit.words.gettext("Still open"), (Table((kit.label("exercise"), *ws.groups), open_rows, numbered=False),)))
    return Chapter(kit.words.gettext("What came out"), (), tuple(parts))


def carried_over(ws: Workspace) -> list[Part]:
    """The exercises whose answers of last time are carried over but not discussed yet, named in one line."""
    carried = [ex.heading for ex in ws.kit.exercises if any(ws.carried_sheet(ex, g) != ws.sheet(ex, g) for g in ws.groups)]
    if not carried:
        return []
    said = ws.kit.words.gettext("taken over from last time, not discussed yet: {exercises}")
    return [Part("", (Paragraph(said.format(exercises=" · ".join(carried))),))]


def still_open(ws: Workspace) -> tuple[tuple[str, ...], ...]:
    """Per exercise with items left unanswered, how many of each table's ("3 van 15"); a game of this
    meeting only (bingo's card, which compare does not follow either) leaves nothing to pick up."""
    kit, rows, disclosure = ws.kit, [], ws.disclosure()
    for ex_id, per_group in ws.progress().items():
        ex = kit.exercise(ex_id)
        if ex.kind.compared and disclosure.shows(ex_id) and any(p["done"] < p["total"] for p in per_group.values()):
            said = kit.words.gettext("{open} of {total}")
            cells = [
                said.format(open=p["total"] - p["done"], total=p["total"]) if p["done"] < p["total"] else "–"
                for p in (per_group.get(g, {"done": 0, "total": 0}) for g in ws.groups)
            ]
            rows.append((ex.heading, *cells))
    return tuple(rows)


def session_handout(ws: Workspace) -> Document:
    """The session's summary to print and share: its details, TOCHT's letter, progress, each exercise, the closing call."""
    kit = ws.kit
    return Document(
        language=kit.language,
        title=ws.session["name"],
        subtitle=kit.title,
        facts=tuple((kit.label(key), text) for key, text in metadata(ws)),
        letter=paragraphs(kit.letter),
        **opening(kit),
        progress=progress(ws),
        progress_title=kit.label("progress"),
        chapters=(
            *filter(None, [sites_chapter(ws)]),
            *(exercise(ws, ex) for ex in ws.shown_exercises()),
            *filter(None, [room_chapter(ws)]),
        ),
        closing=paragraphs(kit.closing),
        summary=summary(ws),
    )


def sheet_header(kit: Kit, table: str | None, session: dict[str, Any] | None) -> tuple[tuple[str, Content], ...]:
    """What heads each worksheet: the table and the date, printed from the session or left blank to fill in."""
    group: Content = Cell(table, "strong") if table else Lines()
    if session is None:
        return ((kit.label("group"), group), (kit.label("date"), Lines()))
    return ((kit.label("group"), group), (kit.label("session"), session["name"]), (kit.label("date"), session.get("date") or Lines()))


def worksheets(kit: Kit, exercises: list[Exercise], people: int, ws: Workspace | None = None) -> Document:
    """Blank worksheets for tables that answer on paper, each exercise on its own page(s), the room's round an
    exercise asks first on the page before it (a room without phones answers it on paper too): a set for each
    of the session's tables (its name in the header), else one set with blanks for the table and the date."""
    session = ws.session if ws else None
    tables: list[str | None] = list(ws.groups) if ws else [None]
    chapters = tuple(
        Chapter(ex.heading, paragraphs(ex.intro), (Part("", tuple(ex.kind.worksheet(ex, kit, people))),), sheet_header(kit, table, session))
        for table in tables
        for asked in exercises
        for ex in (asked.room_round, asked)
        if ex is not None
    )
    return Document(
        language=kit.language,
        title=session["name"] if session else kit.title,
        subtitle=kit.words.gettext("Worksheets · {kit}").format(kit=kit.title),
        facts=(),
        letter=paragraphs(kit.letter),
        **opening(kit),
        progress=None,
        progress_title="",
        chapters=chapters,
        closing=(),
        worksheets=True,
    )
