"""A session's answers as rows for a spreadsheet: CSV (one file) and XLSX (a sheet per exercise).

One row per field of an answer, in the kit's order: the exercise, the item, the table, the field, its value
as the summary words it, where it came from and when. A table's hands kept to the total (sessions/disclosure.py)
say so in their cell; the exercises not for the document's audience are left out, as in the summaries.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC
from typing import TYPE_CHECKING, Any, NamedTuple

from tocht_cli.kinds.values import Choice
from tocht_cli.render.markdown import hands
from tocht_cli.sessions.ballots import ballot_kind, choice, of_item
from tocht_cli.sessions.disclosure import hands_fields, hands_labels, kept_apart_for, kept_sheets, why_hidden
from tocht_cli.store import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.kinds.fields import DescribedKind
    from tocht_cli.sessions.workspace import Workspace

COLUMN_WIDTHS = (12, 30, 11, 16, 22, 60, 10, 26)  # in characters: the value widest, the time whole
WRAPPED = (1, 5)  # the title and the value wrap within their width
LINE_HEIGHT = 15  # points: a spreadsheet's default row
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula


class Row(NamedTuple):
    exercise: str
    title: str
    item: str
    group: str
    field: str
    value: str
    source: str
    at: str


def headers(kit: Kit) -> tuple[str, ...]:
    """The columns in the kit's language."""
    return (
        kit.words.gettext("Exercise"),
        kit.words.gettext("Title"),
        kit.words.gettext("Item"),
        kit.label("group"),
        kit.words.gettext("Field"),
        kit.words.gettext("Value"),
        kit.words.gettext("Source"),
        kit.words.gettext("Time"),
    )


def rows(ws: Workspace) -> list[Row]:
    """Every answer of the exercises the document shows, then the room's phone votes on them."""
    out: list[Row] = []
    for ex in ws.shown_exercises():
        out += table_rows(ws, ex) + total_rows(ws, ex) + phone_rows(ws, ex)
    return out


def origins(ws: Workspace, ex: Exercise) -> dict[tuple[str, str], str]:
    """(item, group) → where the answer's hands came from, in the kit's words (phones, hands, paper)."""
    from tocht_cli.kinds.fields import ORIGIN_WORDS

    said = ws.kit.words.gettext
    return {
        (d["item"], d["group"]): said(ORIGIN_WORDS[d["origin"]])
        for d in ws.answers()
        if d["exercise"] == ex.id and d.get("origin") in ORIGIN_WORDS
    }


def table_rows(ws: Workspace, ex: Exercise) -> list[Row]:
    """The tables' own answers, field by field as `facts` words them; a show of hands is the hands' source."""
    kit, disclosure = ws.kit, ws.disclosure()
    k = disclosure.min_votes
    labels = hands_labels(ex, kit)
    came = origins(ws, ex)
    out = []
    for group, kept in kept_sheets(ex, ws.shown_sheets(ex), disclosure).items():
        sheet = kept.sheet
        answered_by = kit.words.gettext("the whole meeting") if ex.kind.meeting_wide else group  # a round is settled once, by all
        for item, _title in ex.kind.answer_items(ex):
            value, empty = sheet.get(item), ex.kind.empty(ex, item)
            if not value or value == empty or item in sheet.carried:  # offered from last time: nobody's answer today
                continue
            headings = {label for label, _ in ex.kind.facts(ex, item, empty, kit)}  # a row's own words (a challenge) are no heading
            for label, text in ex.kind.facts(ex, item, value, kit):
                is_hands = label in labels
                if is_hands and item in kept.hidden:
                    text = why_hidden(kit, k, kept.hidden[item])
                if text or label not in headings:  # an empty field is no answer; a row with an empty cell is one
                    hands_from = came.get((item, group)) or said_origin(kit, sheet.origins.get(item))
                    source = hands_from if is_hands else said_by(ex, kit, label, sheet.phones_said.get(item, ()))
                    out.append(Row(ex.id, ex.title, shown_item(item), answered_by, label, text, source, sheet.at.get(item, "")))
    return out


def said_origin(kit: Kit, origin: str | None) -> str:
    """Where a table's shown counts came from (the phones', filled in where it saved none), hands when not said."""
    from tocht_cli.kinds.fields import ORIGIN_WORDS

    return kit.words.gettext(ORIGIN_WORDS[origin]) if origin in ORIGIN_WORDS else kit.words.gettext("hands")


def said_by(ex: Exercise, kit: Kit, label: str, from_phones: tuple[str, ...]) -> str:
    """The source of a field that is no show of hands: the phones when it holds what the table's phones gave,
    else the table."""
    from tocht_cli.kinds.fields import ORIGIN_WORDS, DescribedKind
    from tocht_cli.store import PHONES

    kind = ex.kind
    phones = isinstance(kind, DescribedKind) and any(f.label(ex.spec, kit) == label for f in kind.answer if f.name in from_phones)
    return kit.words.gettext(ORIGIN_WORDS[PHONES]) if phones else kit.words.gettext("table")


def total_rows(ws: Workspace, ex: Exercise) -> list[Row]:
    """Each item's hands over every table (those kept to the total too), once there are several tables: the
    total a table's cell points to; its source says where the hands came from (each origin once)."""
    from tocht_cli.kinds.fields import DescribedKind
    from tocht_cli.kinds.values import Counts

    sheets = ws.shown_sheets(ex)
    if len(sheets) < 2 or not isinstance(ex.kind, DescribedKind):
        return []
    kit, came = ws.kit, origins(ws, ex)
    out = []
    for f in (f for f in ex.kind.answer if f.name in hands_fields(ex)):
        counts = f.bound(ex.spec)
        assert isinstance(counts, Counts)  # hands_fields holds only those
        for item, _title in ex.kind.answer_items(ex):
            values = {g: (s.get(item) or {}).get(f.name) or {} for g, s in sheets.items()}
            total = {o: sum(v.get(o, 0) for v in values.values()) for o in counts.options}
            if any(total.values()):
                text = " · ".join(f"{o} {n}" for o, n in total.items())
                source = ", ".join(dict.fromkeys(came[(item, g)] for g, v in values.items() if any(v.values()) and (item, g) in came))
                row = Row(ex.id, ex.title, shown_item(item), kit.label("total"), f.label(ex.spec, kit), text, source, "")
                out.append(row)
    return out


def phone_rows(ws: Workspace, ex: Exercise) -> list[Row]:
    """Each participant's vote on their phone (never their device or name), in the order given; at an item
    where tables are kept to the total, their phones' votes only together, counted, without a time."""
    kind = ballot_kind(ex)
    ballots = [b for b in ws.ballots() if b["exercise"] == ex.id and b["group"] in ws.groups]
    if kind is None or not ballots:
        return []
    shown, main, phone = ws.disclosure(), choice(ex)[0], ws.kit.words.gettext("phone")
    out = []
    for item in ex.kind.items(ex):
        at_item = sorted(of_item(ballots, ex, item.id), key=lambda b: (ws.groups.index(b["group"]), b.get("at", ""), b["device"]))
        votes = {g: sum(1 for b in at_item if b["group"] == g and b["value"].get(main)) for g in ws.groups}
        apart = kept_apart_for(votes, shown)
        for ballot in (b for b in at_item if b["group"] not in apart):
            for f in kind.ballot:
                text = str(ballot["value"].get(f.name) or "")
                if text:
                    out.append(Row(ex.id, ex.title, item.id, ballot["group"], f.label(ex.spec, ws.kit), text, phone, ballot.get("at", "")))
        out += kept_phone_rows(ws, ex, kind, item.id, [b for b in at_item if b["group"] in apart])
    return out


def kept_phone_rows(ws: Workspace, ex: Exercise, kind: DescribedKind, item: str, ballots: list[dict[str, Any]]) -> list[Row]:
    """The phones' votes of the tables kept to the total on an item, together: per field the choices counted
    ("vast 2 · bezig 1") and the texts in alphabetical order, with no time, so no row is one person's."""
    if not ballots:
        return []
    kit, group = ws.kit, ws.kit.words.gettext("tables kept to the total")
    out = []
    for f in kind.ballot:
        counted = Counter(str(b["value"][f.name]) for b in ballots if b["value"].get(f.name))
        bound = f.bound(ex.spec)
        if isinstance(bound, Choice):
            text = hands(counted, bound.options)
        else:
            text = " · ".join(sorted(counted.elements(), key=str.casefold))
        if text:
            out.append(Row(ex.id, ex.title, item, group, f.label(ex.spec, kit), text, kit.words.gettext("phone"), ""))
    return out


def shown_item(item: str) -> str:
    return "" if item == EXERCISE_LEVEL else item


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as the text it is: one that would start a formula gets a leading apostrophe."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def delimiter(kit: Kit) -> str:
    """Excel opens a CSV by the list separator of the reader's region: a semicolon where the decimal
    separator is a comma (nl-BE, nl-NL), else a comma. LibreOffice asks, with both offered."""
    return ";" if kit.language.split("-")[0].split("_")[0] in ("nl", "de", "fr") else ","


def session_csv(ws: Workspace) -> bytes:
    """The rows as UTF-8 with a byte order mark (so Excel reads the diacritics), every line ended by CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter(ws.kit), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers(ws.kit))
    writer.writerows([neutralised(cell) for cell in row] for row in rows(ws))
    return buffer.getvalue().encode("utf-8-sig")


def sheet_name(ex: Exercise, taken: set[str]) -> str:
    """An exercise's sheet: its id, without what a sheet name may not hold, at most 31 characters, unique."""
    base = "".join("_" if c in "[]:*?/\\" else c for c in ex.id).strip("'")[:31] or str(ex.number)
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    taken.add(name.casefold())
    return name


def lines_needed(row: Row) -> int:
    """How many lines the row's wrapped cells take: neither Excel nor LibreOffice fits a row's height to
    its text on opening a workbook that did not compute it, and a row one line high hides the rest."""
    return max(sum(max(1, -(-len(line) // COLUMN_WIDTHS[column])) for line in row[column].split("\n")) for column in WRAPPED)


def session_xlsx(ws: Workspace) -> bytes:
    """A workbook with a sheet per exercise the document shows (its answers, as in the CSV); the same
    answers give the same bytes: the workbook's creation time is the meeting's date."""
    from datetime import datetime

    import xlsxwriter

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        created = datetime.fromisoformat(ws.session.get("date") or "2000-01-01").replace(tzinfo=UTC)
        book.set_properties({"title": ws.session["name"], "created": created})
        bold = book.add_format({"bold": True})
        wrapped, top = book.add_format({"text_wrap": True, "valign": "top"}), book.add_format({"valign": "top"})
        columns = headers(ws.kit)
        all_rows = rows(ws)
        taken: set[str] = set()
        for ex in ws.shown_exercises():
            sheet = book.add_worksheet(sheet_name(ex, taken))
            sheet.write_row(0, 0, columns, bold)
            sheet.freeze_panes(1, 0)
            sheet.set_landscape()  # printed: every column on the page's width, the headers on every page
            sheet.fit_to_pages(1, 0)
            sheet.repeat_rows(0)
            for n, row in enumerate((r for r in all_rows if r.exercise == ex.id), 1):
                sheet.write_row(n, 0, row)  # strings stay strings: the workbook takes no cell for a formula
                sheet.set_row(n, LINE_HEIGHT * lines_needed(row))
            for column, width in enumerate(COLUMN_WIDTHS):
                sheet.set_column(column, column, width, wrapped if column in WRAPPED else top)
    return buffer.getvalue()
