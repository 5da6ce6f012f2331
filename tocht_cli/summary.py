"""A session as one Markdown document: what `tocht export` writes and `tocht replay` prints without a terminal."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from tocht_cli import ballots as room
from tocht_cli import failsafe
from tocht_cli.dates import shown_date
from tocht_cli.kit.model import Exercise
from tocht_cli.markdown import md, table
from tocht_cli.workspace import Workspace


def provenance(session: dict, language: str) -> list[tuple[str, str]]:
    """Where a session came from, as (label key, text): the meeting it follows up, the sessions merged into it;
    their dates as `language` writes them."""
    out = []
    earlier = session.get("from")
    if earlier:
        out.append(("follows", f"{earlier['name']} ({shown_date(earlier['date'], language)})"))
    merged = session.get("merged_from") or []
    if merged:
        out.append(("merged_from", "; ".join(f"{m['name']} ({shown_date(m['date'], language)})" for m in merged)))
    return out


def metadata(ws: Workspace) -> list[tuple[str, str]]:
    """The lines under the title: date, place, facilitator, groups, kit and provenance (label key, text)."""
    s, language = ws.session, ws.kit.language
    lines = [("date", shown_date(s.get("date"), language))] + [(key, s.get(key) or "") for key in ("place", "facilitator")]
    lines += [("groups", ", ".join(ws.groups)), ("kit", f"{ws.kit.name} {ws.kit.version}")]
    return [(key, text) for key, text in lines + provenance(s, language) if text]


def progress_markdown(ws: Workspace) -> str:
    rows = []
    for ex_id, per_group in ws.progress().items():
        ex = ws.kit.exercise(ex_id)
        cells = [("✓ " if p["done"] >= p["total"] else "") + f"{p['done']}/{p['total']}" for p in per_group.values()]
        rows.append([str(ex.number), md(ex.heading), *cells])
    return table(["#", md(ws.kit.label("exercise")), *map(md, ws.groups)], rows)


def exercise_markdown(ws: Workspace, ex: Exercise) -> list[str]:
    """An exercise's heading, each group's answers, then the totals when there are several groups."""
    kit, sheets = ws.kit, ws.sheets(ex)
    blocks = [f"## {md(ex.heading)}"]
    several = len(sheets) > 1
    for group, sheet in sheets.items():
        if several:
            blocks.append(f"### {md(kit.label('group'))}: {md(group)}")
        blocks += failsafe.markdown(ex, kit, partial(ex.kind.markdown_group, ex, sheet, kit))
    if several:
        blocks.append(f"### {md(kit.label('total'))}")
        blocks += failsafe.markdown(ex, kit, partial(ex.kind.markdown_totals, ex, sheets, kit))
    return blocks


def outside_title(ws: Workspace) -> str:
    return ws.kit.words.gettext("Answers to items this kit does not have (any more)")


def outside_answer(doc: dict) -> tuple[str, str]:
    """An answer the kit has no item for, as (`exercise/item · group`, its value field by field): the
    kind cannot render it without the item, so its recorded fields are shown as they are."""

    def shown(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    fields = " · ".join(f"{key}: {shown(value)}" for key, value in doc["value"].items() if value not in ("", None, [], {}))
    return f"{doc['exercise']}/{doc['item']} · {doc['group']}", fields or "–"


def room_markdown(ws: Workspace, exercises: list[Exercise]) -> list[str]:
    """What the participants answered on their own devices in the session's room: the votes per item and
    table (whether or not they were saved as hands), who reached a card's target, when, and how long the
    timer ran. Nothing when the session had no room."""
    ballots = ws.ballots()
    timers = timer_line(ws, exercises)
    if not ballots and not timers:
        return []
    words = ws.kit.words
    title = words.gettext("The room")
    blocks = [f"## {md(title)}"]
    for ex in exercises:
        mine = [b for b in ballots if b["exercise"] == ex.id]
        card = ex.kind.personal_card(ex)
        if room.ballot_kind(ex) is not None and mine:
            rows = []
            for item in ex.kind.items(ex):
                votes = room.tally(ex, room.of_item(mine, ex, item.id), ws.groups)
                if votes:
                    total = {o: sum(counts.get(o, 0) for counts in votes.values()) for o in room.choice(ex)[1]}
                    rows.append([md(item.id), *(md(room.counted(votes.get(g, {}))) for g in ws.groups), md(room.counted(total))])
            said = words.gettext("votes of the participants on their own devices")
            blocks.append(f"**{md(ex.heading)}**: {md(said)}")
            blocks.append(table(["#", *map(md, ws.groups), md(ws.kit.label("total"))], rows))
        elif card is not None:
            won = room.wins(ex, mine, ws.kit)
            if won:
                blocks.append(f"**{md(ex.heading)}**: {md(card.win)}")
                blocks.append("\n".join(f"- {md(who)} ({md(group)}) {md(at[11:16])}" for who, group, at in won))
    return blocks + timers if len(blocks) > 1 or timers else []


def timer_line(ws: Workspace, exercises: list[Exercise]) -> list[str]:
    """How long the room's timer ran, per exercise and item in the kit's order ('A1 3:00 · A2 2:10')."""
    ran = ws.store.room(ws.id).get("timers") or {}
    parts = []
    for ex in exercises:
        items = [("", ex.title)] + [(i.id, i.id if ex.kind.numbered_by_id else str(i.number)) for i in ex.kind.items(ex)]
        for item, name in items:
            seconds = ran.get(f"{ex.id}/{item}")
            if seconds:
                parts.append(f"{md(name)} {seconds // 60}:{seconds % 60:02d}")
    said = ws.kit.words.gettext("Time on the timer")
    return [f"**{md(said)}:** " + " · ".join(parts)] if parts else []


def quoted(text: str) -> str:
    """A kit's text of several paragraphs (its letter, its closing call) as one Markdown blockquote."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    return "\n>\n".join(f"> {md(p)}" for p in paragraphs)


def session_markdown(ws: Workspace, exercises: list[Exercise] | None = None) -> str:
    """The whole summary, byte for byte the same for the same answers; the kit's letter opens it
    and its closing call ends it, unless only some exercises are shown."""
    kit, label = ws.kit, ws.kit.label
    whole = exercises is None or list(exercises) == list(kit.exercises)
    blocks = [f"# {md(ws.session['name'])}", "\n".join(f"- **{md(label(key))}:** {md(text)}" for key, text in metadata(ws))]
    if whole and kit.letter:
        blocks.append(quoted(kit.letter))
    blocks += [f"## {md(label('progress'))}", progress_markdown(ws)]
    for ex in exercises or kit.exercises:
        blocks += exercise_markdown(ws, ex)
    outside = [doc for doc in ws.outside() if whole or doc["exercise"] in {ex.id for ex in exercises or ()}]
    if outside:
        blocks.append(f"## {md(outside_title(ws))}")
        blocks.append("\n".join(f"- **{md(where)}:** {md(fields)}" for where, fields in map(outside_answer, outside)))
    blocks += room_markdown(ws, list(exercises or kit.exercises))
    if whole and kit.closing:
        blocks += ["---", quoted(kit.closing)]
    return "\n\n".join(blocks) + "\n"
