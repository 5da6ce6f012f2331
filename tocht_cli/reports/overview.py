"""What heads every rendering of a session, built once: its details and its progress.

`tocht show`, the walk, the Markdown summary and the printed handout all start from these;
each draws them in its own format (render/terminal.py, render/markdown.py, the HTML and PDF templates).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tocht_cli.base.dates import said_dated, shown_date
from tocht_cli.render.blocks import Table
from tocht_cli.sessions.disclosure import LEVEL_NAMES

if TYPE_CHECKING:
    from tocht_cli.base.i18n import Translations
    from tocht_cli.sessions.workspace import Workspace


def provenance(ws: Workspace) -> list[tuple[str, str]]:
    """Where a session came from, as (label key, text): the meeting it follows up ("deleted" when it is no
    more), the sessions merged into it; their dates as the kit's language writes them."""
    session, language, out = ws.session, ws.kit.language, []
    earlier = session.get("from")
    if earlier:
        gone = "" if ws.store.session_file(earlier["id"]).exists() else ws.kit.label("deleted")
        out.append(("follows", said_dated(earlier, language, gone)))
    merged = session.get("merged_from") or []
    if merged:
        out.append(("merged_from", "; ".join(said_dated(m, language) for m in merged)))
    return out


def metadata(ws: Workspace) -> list[tuple[str, str]]:
    """The lines under the title: date, place, facilitator, groups, kit and provenance (label key, text)."""
    s, language = ws.session, ws.kit.language
    lines = [("date", shown_date(s.get("date"), language))] + [(key, s.get(key) or "") for key in ("place", "facilitator")]
    lines += [("groups", ", ".join(ws.groups)), *who_came(ws), ("kit", f"{ws.kit.name} {ws.kit.version}")]
    level = ws.disclosure().level
    if level is not None:
        lines.append(("audience", ws.kit.words.gettext(LEVEL_NAMES[level])))
    return [(key, text) for key, text in lines + provenance(ws) if text]


def who_came(ws: Workspace) -> list[tuple[str, str]]:
    """The organisations present, by table where there are several ("CC Merchtem, Bib Asse (tafel 1) · GC Asse
    (tafel 2)"), and the number of people; nothing when nobody said."""
    from tocht_cli.sessions.attendance import head_count, seats

    seated = {g: s.organisations for g, s in seats(ws.session, ws.groups).items() if s.organisations}
    if len(ws.groups) == 1:
        said = ", ".join(seated.get(ws.groups[0], ()))
    else:
        said = " · ".join(f"{', '.join(names)} ({g})" for g, names in seated.items())
    return [("organisations", said), ("people", people_said(*head_count(ws.session, ws.groups), ws.kit.words))]


def people_said(people: int | None, unsaid: tuple[str, ...], words: Translations, none: str = "") -> str:
    """A meeting's people as every document says them (`attendance.head_count`): a count of some tables only says
    which did not ("7; niet opgegeven aan Zandloper"); `none` when no table said."""
    if people is None:
        return none
    if not unsaid:
        return str(people)
    return words.gettext("{count}; not said at {tables}").format(count=people, tables=", ".join(unsaid))


def progress(ws: Workspace) -> Table:
    """Per exercise how many items each group answered ("✓ 15/15" when all)."""
    rows, shown = [], ws.disclosure()
    for ex_id, per_group in ws.progress().items():
        if not shown.shows(ex_id):
            continue
        ex = ws.kit.exercise(ex_id)
        cells = [done_of(per_group[g]) if g in per_group else "–" for g in ws.groups]  # "–": a site that held no round
        counted = ws.kit.words.gettext("counted per table: the steps of its own plan") if ex.kind.counted_per_table(ex) else ""
        rows.append((str(ex.number), f"{ex.heading} ({counted})" if counted else ex.heading, *cells))
    return Table(("#", ws.kit.label("exercise"), *ws.groups), tuple(rows))


def done_of(p: dict[str, int]) -> str:
    return ("✓ " if p["done"] >= p["total"] else "") + f"{p['done']}/{p['total']}"
