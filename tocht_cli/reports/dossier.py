"""The dossier: the meetings of one network side by side, as data first (`gather`), then as one document
(`document`) that Markdown, HTML, PDF and JSON all draw.

It reads each meeting's session file and nothing else (no cache, no clock), orders the meetings by date
and id, so the same sessions in any order give the same bytes. Small tables keep to the total as in an
export (sessions/disclosure.py). Tables are paired across meetings by the organisations at them, else by name
(`attendance.threads`): "tafel 2" in March is "CC Merchtem" in June when the same organisations sat there.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any, NamedTuple

from msgspec import Struct

from tocht_cli.base.dates import shown_date
from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import gist, norm
from tocht_cli.kinds.statements import majority
from tocht_cli.render.blocks import Bars, Block, Cell, Entries, Paragraph, Table
from tocht_cli.reports import overview
from tocht_cli.reports.handout import Chapter, Document, Part
from tocht_cli.reports.sites import merged_result, shown
from tocht_cli.sessions.attendance import head_count, present, seats, threads
from tocht_cli.sessions.disclosure import LEVEL_NAMES, hands, hands_fields, kept_sheets
from tocht_cli.sessions.sites import SitesResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, Kit, Sheet
    from tocht_cli.sessions.workspace import Workspace

MOST_CHARTED = 10  # recurring challenges drawn in the chart; the table lists them all


class Meeting(Struct, frozen=True):
    id: str
    name: str
    date: str
    place: str
    tables: tuple[str, ...]
    devices: int  # phones and laptops that answered in the room: the participants where known
    organisations: tuple[str, ...] = ()  # who sat at the tables, each once, as typed
    people: int | None = None  # the people the tables counted; None when none said
    seated: dict[str, tuple[str, ...]] = {}  # table → the organisations at it (the tables that said)
    threads: dict[str, str] = {}  # table → the key of that table across the meetings (`attendance.threads`)
    short: str = ""  # its name less the words the dossier's title already says ("juni" of "Netwerk Noord juni")
    unsaid: tuple[str, ...] = ()  # the tables that did not say how many sat there, where another did: `people` is theirs only


class Stance(Struct, frozen=True):
    """A statement at one meeting: the meeting's position (most hands, else most tables), the hands in total,
    each table's position, each table's hands where it has k of them, and the tables kept to the total."""

    meeting: str
    position: str | None
    hands: dict[str, int]
    tables: dict[str, str | None]
    table_hands: dict[str, dict[str, int]]
    kept_to_total: tuple[str, ...]
    flipped: bool = False  # its position differs from the last meeting that took one
    was: str | None = None  # the position the last meeting that took one took


class Statement(Struct, frozen=True):
    exercise: str
    id: str
    text: str
    positions: tuple[str, ...]
    stances: tuple[Stance, ...]


class StepEntry(Struct, frozen=True):
    meeting: str
    table: str
    action: str
    who: str
    by: str
    status: str
    comment: str = ""  # what a follow-up round said when it settled the step, and who settled it
    promised: str = ""  # a round's step: the date of the meeting that promised it (that meeting may not be in the dossier)


class StepTrack(Struct, frozen=True):
    """One action from the meeting it was first promised at to the last that named it (or the one that closed it),
    followed across meetings: a plan row carried over and a follow-up round's settling are the same action."""

    table: str  # the table that named it last
    first: str
    last: str
    meetings: int
    days: int | None  # None when a meeting has no date
    closed: bool  # closed either way: the plan's last status, or a round's closing one (gedaan, geschrapt)
    done: bool  # closed as done (the plan's last status, "gedaan"); a step closed otherwise was dropped
    action: str = ""
    status: str = ""  # the status it closed with, else the last it had


class Step(Struct, frozen=True):
    exercise: str
    id: str
    number: int
    title: str
    statuses: tuple[str, ...]
    history: tuple[StepEntry, ...]
    tracks: tuple[StepTrack, ...]


class Recurring(Struct, frozen=True):
    """A regional challenge as the tables named it, matched across meetings by its folded text."""

    text: str
    suggestion: str  # the kit's id when it is one of the kit's suggestions, else ""
    meetings: tuple[str, ...]
    tables: int
    regional: tuple[str, ...] = ()  # the regional answers the tables gave it, each once, as first typed


class Dossier(Struct, frozen=True):
    kit: str
    language: str
    meetings: tuple[Meeting, ...]
    statements: tuple[Statement, ...]
    steps: tuple[Step, ...]
    challenges: tuple[Recurring, ...]
    sites: tuple[MergedSites, ...] = ()  # a meeting merged from several sites: each site's counts (issue 20 §4)
    title: str = ""  # as given (--title), else the place or network the meetings share ("" when none)
    level: str | None = None  # the audience it is for (None: everything, and it says nothing of its audience)


class MergedSites(Struct, frozen=True):
    meeting: str
    result: SitesResult


def in_order(workspaces: list[Workspace]) -> list[Workspace]:
    """The meetings by date, then id, each once: the order never depends on how they were named."""
    unique = {ws.id: ws for ws in workspaces}
    return sorted(unique.values(), key=lambda ws: (ws.session.get("date") or "", ws.id))


def gather(workspaces: list[Workspace], title: str | None = None) -> Dossier:
    """What the dossier says, from the sessions' files alone, in the latest meeting's kit: a meeting held with the
    same workbook in another language (the same ids) is read in its words."""
    meetings = in_order(workspaces)
    kit = meetings[-1].kit
    ours = {ex.id for ex in kit.exercises}
    for ws in meetings:
        if not ours & {ex.id for ex in ws.kit.exercises}:
            said = _("a dossier takes meetings of one workbook: {id} {name!r} uses kit {kit}, which shares no exercise with {ours}")
            raise UsageError(said.format(id=ws.id, name=ws.session["name"], kit=ws.kit.name, ours=kit.name))
    keys = threads([seats(ws.session, ws.groups) for ws in meetings])
    tables = {ws.id: k for ws, k in zip(meetings, keys, strict=True)}
    named = shared_name([ws.session for ws in meetings], kit.language) if title is None else title.strip()
    shorts = shortened([ws.session["name"] for ws in meetings], named)
    return Dossier(
        kit=kit.name,
        language=kit.language,
        meetings=tuple(map(meeting, meetings, keys, shorts)),
        statements=tuple(s for ex in kit.of_kind("statements") for s in statements(ex, answered(ex, meetings))),
        steps=tuple(s for ex in kit.of_kind("steps") for s in steps(ex, answered(ex, meetings), tables)),
        challenges=tuple(r for ex in kit.of_kind("challenges") for r in challenges(ex, answered(ex, meetings))),
        sites=tuple(MergedSites(ws.id, found) for ws in meetings if (found := merged_result(ws)) is not None and found.exercises),
        title=named,
        level=meetings[-1].disclosure().level,
    )


def shared_name(records: list[dict[str, Any]], language: str) -> str:
    """What the meetings have in common to name the dossier by: their place when they share one, else the words
    their names begin or end with ("Netwerk Halle-Vilvoorde maart", "… juni": "Netwerk Halle-Vilvoorde"); a single
    shared first word with the period ("Netwerk maart", "Netwerk juni": "Netwerk, 12 maart 2027 – 18 juni 2027");
    else the period alone."""
    places = {norm(r.get("place") or "") for r in records}
    if len(places) == 1 and (place := records[-1].get("place") or ""):
        return place
    if len(records) < 2:
        return ""
    names = [r.get("name", "").split() for r in records]
    leading, trailing = shared_words(names), shared_words([words[::-1] for words in names])[::-1]
    if max(len(leading), len(trailing)) >= 2:
        return " ".join(leading if len(leading) >= len(trailing) else trailing)
    if leading and len(leading[0]) > 2 and leading[0][0].isalpha():
        return f"{leading[0]}, {period(records[0].get('date'), records[-1].get('date'), language)}"
    return ""


def shared_words(names: list[list[str]]) -> list[str]:
    """The words every name begins with (folded alike, as the last one writes them), less a dangling separator."""
    common: list[str] = []
    for words in zip(*names, strict=False):
        if len({norm(w) for w in words}) != 1:
            break
        common.append(words[-1])
    while common and not any(c.isalnum() for c in common[-1]):
        common.pop()
    if common:
        common[-1] = common[-1].rstrip(":,;–-")
    return common


def period(first: Any, last: Any, language: str) -> str:
    """The meetings' dates from the first to the last, in the kit's language."""
    return f"{shown_date(first, language)} – {shown_date(last, language)}"


def shortened(names: list[str], title: str) -> list[str]:
    """Each meeting's name less the words all of them begin with, when the title says those words: the tables
    then read "juni (18 juni 2027)" under "Dossier: Netwerk Noord"; "" (the whole name) when a name would be
    left with nothing, or the title does not say them."""
    split = [name.split() for name in names]
    shared = shared_words(split) if len(names) > 1 else []
    if not shared or not norm(title).startswith(norm(" ".join(shared))) or any(len(words) <= len(shared) for words in split):
        return [""] * len(names)
    return [" ".join(words[len(shared) :]) for words in split]


def meeting(ws: Workspace, keys: dict[str, str], short: str) -> Meeting:
    s, groups = ws.session, ws.groups
    devices = len({b["device"] for b in ws.ballots()})
    seated = {g: seat.organisations for g, seat in seats(s, groups).items() if seat.organisations}
    people, unsaid = head_count(s, groups)
    return Meeting(
        ws.id,
        s["name"],
        s.get("date") or "",
        s.get("place") or "",
        tuple(groups),
        devices,
        tuple(present(s, groups)),
        people,
        seated,
        keys,
        short,
        unsaid,
    )


class Answered(NamedTuple):
    """One meeting's own answers to an exercise (never what a follow-up carries over), with its own exercise:
    its kit may word the options in another language."""

    ws: Workspace
    exercise: Exercise
    sheets: dict[str, Sheet]


def answered(ex: Exercise, meetings: list[Workspace]) -> list[Answered]:
    """The meetings whose kit has the exercise (same id, same kind) and whose audience it is for."""
    out = []
    for ws in meetings:
        own = next((e for e in ws.kit.exercises if e.id == ex.id and e.kind.name == ex.kind.name), None)
        if own is not None and ws.disclosure().shows(ex.id):
            out.append(Answered(ws, own, ws.sheets(own)))
    return out


def said_as(own: tuple[str, ...], ours: tuple[str, ...]) -> dict[str, str]:
    """Each option of a meeting's kit as the dossier's kit names it, by its place (`agree` → `eens`)."""
    return dict(zip(own, ours, strict=True)) if len(own) == len(ours) else {}


# -- statements ------------------------------------------------------------------------------------------


def statements(ex: Exercise, meetings: list[Answered]) -> list[Statement]:
    out = []
    for item in ex.kind.items(ex):
        stances = [stance(ex, at, item.id) for at in meetings]
        out.append(Statement(ex.id, item.id, item.text, tuple(ex.spec.positions), flips([s for s in stances if s is not None])))
    return out


def stance(ex: Exercise, at: Answered, item: str) -> Stance | None:
    """The statement at one meeting; None when no table took a position or raised a hand on it."""
    own, names = at.exercise, said_as(tuple(at.exercise.spec.positions), tuple(ex.spec.positions))
    values = {g: s.get(item) or {} for g, s in at.sheets.items()}
    if not any(v.get("position") or hands(v, hands_fields(own)) for v in values.values()):
        return None
    kept = kept_sheets(own, at.sheets, at.ws.disclosure())

    def tally(value: dict[str, Any] | None) -> dict[str, int]:
        return {names.get(o, o): n for o, n in ((value or {}).get("counts") or {}).items() if n}

    def position(value: dict[str, Any]) -> str | None:
        return names.get(value.get("position") or "", value.get("position"))

    total = counted(tally(v) for v in values.values())
    positions = {g: position(v) for g, v in values.items() if v}
    hidden = tuple(g for g in positions if item in kept[g].hidden)
    tables = {g: position(kept[g].sheet.get(item) or {}) for g in positions}  # kept to the total: no position of its own
    shown = {g: tally(kept[g].sheet.get(item)) for g in tables if g not in hidden}
    return Stance(at.ws.id, taken(tuple(ex.spec.positions), total, positions), total, tables, shown, hidden)


def counted(tallies: Any) -> dict[str, int]:
    total: dict[str, int] = {}
    for tally in tallies:
        for option, n in tally.items():
            total[option] = total.get(option, 0) + n
    return {o: n for o, n in total.items() if n}


def taken(positions: tuple[str, ...], total: dict[str, int], tables: dict[str, str | None]) -> str | None:
    """The meeting's position: the one most hands went up for, else the one most tables took (None on a tie)."""
    return majority(positions, total) or majority(positions, counted({p: 1} for p in tables.values() if p))


def flips(stances: list[Stance]) -> tuple[Stance, ...]:
    """Each stance marked when its position is not the one the last meeting with a position took."""
    out, before = [], None
    for s in stances:
        flipped = s.position is not None and before is not None and s.position != before
        out.append(Stance(s.meeting, s.position, s.hands, s.tables, s.table_hands, s.kept_to_total, flipped, before))
        before = s.position or before
    return tuple(out)


# -- steps of the plan -----------------------------------------------------------------------------------


def steps(ex: Exercise, meetings: list[Answered], tables: dict[str, dict[str, str]]) -> list[Step]:
    """Each step's history, and per table across the meetings (`tables`: meeting → table → its key) how long it stayed open."""
    statuses = tuple(ex.spec.statuses)
    dates = {at.ws.id: at.ws.session.get("date") or "" for at in meetings}
    closing = {statuses[-1], *(s for at in meetings if (r := round_of(at.ws)) for s in r.spec.closed)}
    renames = {at.ws.id: at.ws.session.get("renamed") or {} for at in meetings}
    out = []
    for item in ex.kind.items(ex):
        history = tuple(
            entry for at in meetings for entry in (*settled_entries(at, item.id, renames, tables), *step_entries(at, statuses, item.id))
        )
        by_action = followed(history, tables)
        ordered = tuple(e for entries in by_action.values() for e in entries)  # each action's lines together
        found = tracks(by_action, closing, statuses[-1], dates)
        out.append(Step(ex.id, item.id, item.number, item.text, statuses, ordered, found))
    return out


def round_of(ws: Workspace) -> Exercise | None:
    """The meeting's follow-up round, when it had one (kinds/followup.py)."""
    return next((ex for ex in ws.kit.exercises if ex.kind.meeting_wide), None)


def settled_entries(at: Answered, item: str, renames: dict[str, dict[str, str]], tables: dict[str, dict[str, str]]) -> list[StepEntry]:
    """What the meeting's follow-up round settled for the step (an earlier meeting's action, by the table that
    promised it, under the name its table bears at this meeting, paired as across the dossier (`tables`), else
    the name that meeting's table bears now: `renames`, each meeting's earlier names): its
    status ("vast", "gedaan") joins the step's history at this meeting, for whoever the plan is shown to, since
    it is the plan's own news (the round's comment only where the round is shown)."""
    found = round_of(at.ws)
    if found is None:
        return []
    said = at.ws.disclosure().shows(found.id)  # the status is a fact of the plan, shown with it; the round's words only with the round
    sheet = at.ws.sheet(found, at.ws.groups[0])
    out = []
    for step in found.spec.steps:
        value = sheet.get(step.id) or {}
        if value.get("status") and step.exercise == at.exercise.id and step.item == item:
            comment = " — ".join(str(value[key]) for key in ("comment", "settled_by") if value.get(key)) if said else ""
            then = (renames.get(step.session) or {}).get(step.group, step.group)
            table = named_here(tables, at.ws.id, step.session, then) or then
            out.append(StepEntry(at.ws.id, table, step.action, step.who, step.by or "", value["status"], comment, step.date))
    return out


def named_here(tables: dict[str, dict[str, str]], meeting: str, promised_at: str, table: str) -> str | None:
    """The table at `meeting` that is the one that promised a step at `promised_at` (paired by organisation, else
    by name, as everywhere in the dossier), so a meeting's round rows and its plan rows name one table once;
    None when the promising meeting is not in the dossier or the table has no counterpart here."""
    key = (tables.get(promised_at) or {}).get(table)
    return next((name for name, found in tables[meeting].items() if found == key), None) if key else None


def step_entries(at: Answered, statuses: tuple[str, ...], item: str) -> list[StepEntry]:
    names = said_as(tuple(at.exercise.spec.statuses), statuses)
    out = []
    for table, sheet in at.sheets.items():
        v = sheet.get(item) or {}
        action, who, by, status = (str(v.get(key) or "") for key in ("action", "who", "by", "status"))
        if action or who or by or status:
            out.append(StepEntry(at.ws.id, table, action, who, by, names.get(status, status)))
    return out


def followed(history: tuple[StepEntry, ...], tables: dict[str, dict[str, str]]) -> dict[str, list[StepEntry]]:
    """The step's lines per action, in the order first promised: the same words (folded) are the same action,
    whichever table carried it on; a line without an action follows its table (paired across the meetings)."""
    out: dict[str, list[StepEntry]] = {}
    for entry in history:
        key = norm(entry.action) or "\0" + tables[entry.meeting].get(entry.table, norm(entry.table))
        out.setdefault(key, []).append(entry)
    return out


def tracks(by_action: dict[str, list[StepEntry]], closing: set[str], done: str, dates: dict[str, str]) -> tuple[StepTrack, ...]:
    """Per action, how long it has been open: from the meeting it first appeared at to the last one that named it,
    or to the first that closed it (the plan's last status, `done`, or a follow-up round's closing one: gedaan,
    geschrapt); one line per action, however many tables and rounds named it. Only `done` closes it as done."""
    out = []
    for entries in by_action.values():
        closed = next((i for i, e in enumerate(entries) if e.status in closing), None)
        span = entries[: closed + 1] if closed is not None else entries
        first, last = span[0], span[-1]
        status = last.status if closed is not None else next((e.status for e in reversed(span) if e.status), "")
        meetings = len(dict.fromkeys(e.meeting for e in span))
        since = min([dates[first.meeting], *(e.promised for e in span if e.promised)], key=lambda d: d or "9999")
        days = days_between(since, dates[last.meeting])
        ended = closed is not None
        out.append(StepTrack(last.table, first.meeting, last.meeting, meetings, days, ended, ended and status == done, last.action, status))
    return tuple(out)


def days_between(first: str, last: str) -> int | None:
    try:
        return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    except ValueError:
        return None


# -- regional challenges ---------------------------------------------------------------------------------


def challenges(ex: Exercise, meetings: list[Answered]) -> list[Recurring]:
    """Every challenge a table named, once per suggestion of the kit (in any of its languages) or else per folded
    text, most meetings first; a suggestion in the dossier's kit's words. One the whole room supported in the
    round the exercise asks first counts as named at that meeting, by no table."""
    ours = {s.id: s.text for s in ex.spec.suggestions}
    found: dict[str, tuple[str, str, list[str], int, dict[str, str]]] = {}
    for at in meetings:
        suggested = {norm(s.text): s.id for s in at.exercise.spec.suggestions}
        rows = [row for sheet in at.sheets.values() for row in sheet.whole.get("rows") or []]
        named = [(row.get("challenge") or "", 1, row.get("regional") or "") for row in rows]
        round_ = at.exercise.room_round
        named += [(text, 0, "") for text, votes in (at.ws.room_ranking(round_) if round_ else []) if votes]
        for challenge, by_table, regional in named:
            folded = norm(challenge)
            suggestion = suggested.get(folded, "")
            key = suggestion or folded
            if key:
                text, _id, seen, tables, answers = found.get(key, (ours.get(suggestion) or challenge, suggestion, [], 0, {}))
                if norm(regional):
                    answers.setdefault(norm(regional), regional)
                found[key] = (text, suggestion, seen if at.ws.id in seen else [*seen, at.ws.id], tables + by_table, answers)
    ordered = sorted(found.items(), key=lambda kv: (-len(kv[1][2]), -kv[1][3], kv[0]))
    return [Recurring(text, sug, tuple(seen), tables, tuple(answers.values())) for _key, (text, sug, seen, tables, answers) in ordered]


# -- the document ------------------------------------------------------------------------------------------


def as_json(value: Any) -> Any:
    """The dossier as JSON's values: each record a dict of its fields, in their order."""
    if isinstance(value, Struct):
        return {name: as_json(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def document(dossier: Dossier, kit: Kit) -> Document:
    """The dossier to print and share, in the kit's language: who came (on the first page), then statement by
    statement, step by step, and the challenges that come back."""
    words = kit.words
    meetings = {m.id: m for m in dossier.meetings}
    chapters = [
        statements_chapter(dossier, kit, meetings),
        steps_chapter(dossier, kit, meetings),
        challenges_chapter(dossier, kit, meetings),
        *(sites_chapter(merged, kit, meetings) for merged in dossier.sites),
    ]
    first, last = dossier.meetings[0], dossier.meetings[-1]
    spanned = period(first.date, last.date, kit.language)
    said = words.ngettext("{n} meeting", "{n} meetings", len(meetings)).format(n=len(meetings))
    facts = [(words.gettext("Meetings"), said), (kit.label("date"), spanned), *plan_facts(dossier, kit)]
    if dossier.level is not None:
        facts.append((kit.label("audience"), words.gettext(LEVEL_NAMES[dossier.level])))
    return Document(
        language=kit.language,
        title=f"{words.gettext('Dossier')}: {dossier.title or spanned}",
        subtitle=kit.title,
        facts=tuple(facts),
        letter=(),
        progress=None,
        progress_title="",
        chapters=tuple(c for c in chapters if c.parts),
        closing=(),
        summary=attendance_chapter(dossier, kit),  # who came, on the first page
    )


def sites_chapter(merged: MergedSites, kit: Kit, meetings: dict[str, Meeting]) -> Chapter:
    """A meeting merged from several sites: each site's counts side by side (reports/sites.py)."""
    found = shown(merged.result, kit)
    heading = f"{found.heading} · {label(meetings[merged.meeting], kit.language)}"
    return Chapter(heading, (found.intro,), tuple(Part(title, blocks) for title, blocks in found.parts))


def label(m: Meeting, language: str) -> str:
    """A meeting as a row's label: its name (less what the title says) and date."""
    name = m.short or m.name
    return f"{name} ({shown_date(m.date, language)})" if m.date else name


def statements_chapter(dossier: Dossier, kit: Kit, meetings: dict[str, Meeting]) -> Chapter:
    words = kit.words
    parts = [Part(f"{s.id}. {s.text}", statement_blocks(s, kit, meetings)) for s in dossier.statements if s.stances]
    flipped = [(s, st) for s in dossier.statements for st in s.stances if st.flipped]
    if flipped:
        rows = tuple(
            (Cell(s.id, "strong"), gist(s.text), label(meetings[st.meeting], kit.language), Cell(f"{st.was} → {st.position}", "strong"))
            for s, st in flipped
        )
        table = Table(("#", words.gettext("Statement"), words.gettext("Meeting"), words.gettext("Position")), rows, numbered=False)
        parts.insert(0, Part(words.gettext("What flipped"), (table,)))
    return Chapter(words.gettext("Statements across the meetings"), (), tuple(parts))


def statement_blocks(s: Statement, kit: Kit, meetings: dict[str, Meeting]) -> tuple[Block, ...]:
    words = kit.words
    rows = tuple(
        (
            label(meetings[st.meeting], kit.language),
            Cell(st.position or "–", "strong" if st.flipped else ""),
            said_hands(st.hands, s.positions),
            " · ".join(table_said(st, g, s.positions, kit, seated(meetings[st.meeting], g)) for g in st.tables),
        )
        for st in s.stances
    )
    headers = (words.gettext("Meeting"), words.gettext("Position"), words.gettext("Hands in total"), words.gettext("Per table"))
    blocks: list[Block] = [Table(headers, rows, numbered=False)]
    charted = tuple(
        (label(meetings[st.meeting], kit.language), tuple(st.hands.get(p, 0) for p in s.positions)) for st in s.stances if st.hands
    )
    if charted:
        blocks.append(Bars(words.gettext("Hands per meeting"), s.positions, charted))
    return tuple(blocks)


def said_hands(counts: dict[str, int], positions: tuple[str, ...]) -> str:
    return " · ".join(f"{p}\u00a0{counts[p]}" for p in positions if counts.get(p)) or "–"


def seated(m: Meeting, table: str) -> str:
    """A table named with the organisations at it: 'tafel 1 (CC Merchtem, Bib Asse)'."""
    organisations = m.seated.get(table)
    return f"{table} ({', '.join(organisations)})" if organisations else table


def table_said(st: Stance, table: str, positions: tuple[str, ...], kit: Kit, shown: str) -> str:
    """'tafel 1 (CC Merchtem): eens (eens 4 · oneens 1)', the table `shown` with its organisations; a table kept
    to the total says so instead of its position and hands."""
    if table in st.kept_to_total:
        return f"{shown}: {kit.words.gettext('only in the total')}"
    position = st.tables.get(table) or "–"
    counts = st.table_hands.get(table) or {}
    return f"{shown}: {position}" + (f" ({said_hands(counts, positions)})" if counts else "")


def steps_chapter(dossier: Dossier, kit: Kit, meetings: dict[str, Meeting]) -> Chapter:
    words = kit.words
    parts = [Part(f"{s.number}. {s.title}", step_blocks(s, kit, meetings)) for s in dossier.steps if s.history]
    chart = status_chart(dossier, kit, meetings)
    if chart is not None:
        parts.insert(0, Part(words.gettext("Status per meeting"), (chart,)))
    return Chapter(words.gettext("The plan across the meetings"), (), tuple(parts))


def step_blocks(s: Step, kit: Kit, meetings: dict[str, Meeting]) -> tuple[Block, ...]:
    """A step's history, a line per meeting and table, with what a follow-up round said of it when one did."""
    words, language = kit.words, kit.language
    commented = any(e.comment for e in s.history)
    rows = tuple(
        (label(meetings[e.meeting], language), e.table, e.action, e.who, shown_date(e.by, language), e.status or "–")
        + ((e.comment,) if commented else ())
        for e in s.history
    )
    headers = (
        words.gettext("Meeting"),
        kit.label("group"),
        words.gettext("Action"),
        words.gettext("Who"),
        words.gettext("By when"),
        words.gettext("Status"),
    )
    history = Table(headers + ((words.gettext("Comment"),) if commented else ()), rows, numbered=False)
    return (history, Entries(words.gettext("How long each action was open"), tuple(open_said(t, kit, meetings) for t in s.tracks)))


def open_said(t: StepTrack, kit: Kit, meetings: dict[str, Meeting]) -> str:
    """'Rondleiding (tafel 2): open for 98 days, 3 meetings, since Overleg (12 maart 2027)'; or gedaan after as long."""
    words = kit.words
    span = words.ngettext("{n} meeting", "{n} meetings", t.meetings).format(n=t.meetings)
    if t.days:
        span = f"{days_said(t, kit)}, {span}"
    since = label(meetings[t.first], kit.language)
    said = words.gettext("{status} after {span}, since {since}") if t.closed else words.gettext("open for {span}, since {since}")
    named = f"{t.action} ({t.table})" if t.action else t.table
    return f"{named}: " + said.format(status=t.status, span=span, since=since)


def days_said(t: StepTrack, kit: Kit) -> str:
    """How long an action has been open, in days ("98 dagen"), else in meetings when a meeting has no date."""
    if t.days is None:
        return kit.words.ngettext("{n} meeting", "{n} meetings", t.meetings).format(n=t.meetings)
    return kit.words.ngettext("{n} day", "{n} days", t.days).format(n=t.days)


def plan_facts(dossier: Dossier, kit: Kit) -> list[tuple[str, str]]:
    """Under the title, what a reader asks first of the plans: how many actions were done, how many were closed
    otherwise, each under its own status ("2 van 6 gedaan, 1 geschrapt": dropped is not done), and which are still
    open and for how long ("Jongerenpanel starten (tafel 2, 273 dagen)")."""
    words = kit.words
    followed = [t for s in dossier.steps for t in s.tracks]
    if not followed:
        return []
    done = sum(t.done for t in followed)
    said = [words.gettext("{done} of {n} done").format(done=done, n=len(followed))]
    dropped = Counter(t.status for t in followed if t.closed and not t.done)
    said += [f"{n} {status}" for status, n in dropped.items()]
    facts = [(words.gettext("Actions"), ", ".join(said))]
    still = [f"{t.action or t.table} ({t.table}, {days_said(t, kit)})" for t in followed if not t.closed]
    if still:
        facts.append((words.gettext("Still open"), "; ".join(still)))
    return facts


def status_chart(dossier: Dossier, kit: Kit, meetings: dict[str, Meeting]) -> Bars | None:
    """How many steps stood at each status, per meeting (every table's plan together): the plan's statuses, then
    those a follow-up round settled with that the plan has not ("vast", "overgedragen"), so no settled step goes uncounted."""
    if not dossier.steps:
        return None
    entries = [e for s in dossier.steps for e in s.history if e.status]
    statuses = tuple(dict.fromkeys((*dossier.steps[0].statuses, *(e.status for e in entries))))
    counts: dict[str, list[int]] = {m: [0] * len(statuses) for m in meetings}
    for entry in entries:
        counts[entry.meeting][statuses.index(entry.status)] += 1
    rows = tuple((label(meetings[m], kit.language), tuple(c)) for m, c in counts.items() if any(c))
    return Bars(kit.words.gettext("Steps per status"), statuses, rows) if rows else None


def challenges_chapter(dossier: Dossier, kit: Kit, meetings: dict[str, Meeting]) -> Chapter:
    words = kit.words
    if not dossier.challenges:
        return Chapter(words.gettext("Challenges that keep coming back"), (), ())
    rows = tuple(
        (
            r.text,
            "; ".join(r.regional) or "–",
            str(len(r.meetings)),
            str(r.tables),
            ", ".join(label(meetings[m], kit.language) for m in r.meetings),
        )
        for r in dossier.challenges
    )
    headers = ("", words.gettext("Regional answers"), words.gettext("Meetings"), words.gettext("Tables"), words.gettext("When"))
    blocks: list[Block] = [Table(headers, rows, numbered=False)]
    again = [r for r in dossier.challenges if len(r.meetings) > 1][:MOST_CHARTED]
    if again:
        blocks.insert(
            0,
            Bars(
                words.gettext("Meetings that named it"),
                (words.gettext("Meetings"),),
                tuple((gist(r.text, 60), (len(r.meetings),)) for r in again),
            ),
        )
    else:
        blocks.insert(0, Paragraph(words.gettext("No challenge came back at another meeting yet."), "muted"))
    return Chapter(words.gettext("Challenges that keep coming back"), (), (Part("", tuple(blocks)),))


def attendance_chapter(dossier: Dossier, kit: Kit) -> Chapter:
    """Who came: per meeting its tables (with the organisations at them), people and phones; then each
    organisation over time."""
    words = kit.words
    rows = tuple(
        (
            label(m, kit.language),
            m.place,
            str(len(m.tables)),
            ", ".join(seated(m, t) for t in m.tables),
            people_said(m, kit),
            str(m.devices) if m.devices else "–",
        )
        for m in dossier.meetings
    )
    headers = (
        words.gettext("Meeting"),
        kit.label("place"),
        words.gettext("Tables"),
        kit.label("groups"),
        words.gettext("People"),
        words.gettext("Phones"),
    )
    blocks: list[Block] = [
        Table(headers, rows, numbered=False),
        per_meeting(dossier, kit, words.gettext("Tables per meeting"), words.gettext("Tables"), lambda m: len(m.tables)),
    ]
    blocks += people_blocks(dossier, kit)
    if any(m.devices for m in dossier.meetings):
        blocks.append(per_meeting(dossier, kit, words.gettext("Phones per meeting"), words.gettext("Phones"), lambda m: m.devices))
    parts = [
        Part(words.gettext("Meetings"), tuple(blocks)),
        Part(words.gettext("Organisations over time"), organisations_blocks(dossier, kit)),
    ]
    return Chapter(words.gettext("Who came"), (), tuple(parts))  # the cover heads every part


def people_said(m: Meeting, kit: Kit) -> str:
    """A meeting's people as its session's export says them: a count of some tables only says which did not
    ("7; niet opgegeven aan Zandloper"), none said is "–"."""
    return overview.people_said(m.people, m.unsaid, kit.words, "–")


def people_blocks(dossier: Dossier, kit: Kit) -> list[Block]:
    """The people per meeting as a chart of the meetings whose every table said how many sat there: a table
    that never said is no drop in the line; the meetings left out are named under it."""
    words = kit.words
    whole = [m for m in dossier.meetings if m.people and not m.unsaid]
    if not whole:
        return []
    chart = per_meeting(
        dossier, kit, words.gettext("People per meeting"), words.gettext("People"), lambda m: m.people if m in whole else None
    )
    partial = [label(m, kit.language) for m in dossier.meetings if m.unsaid]
    if not partial:
        return [chart]
    note = words.gettext("Not drawn, since a table did not say how many people sat there: {meetings}")
    return [chart, Paragraph(note.format(meetings=", ".join(partial)), "muted")]


def per_meeting(dossier: Dossier, kit: Kit, title: str, what: str, count: Callable[[Meeting], int | None]) -> Bars:
    """A chart of one count per meeting (the meetings that did not say it left out)."""
    counts = [(m, count(m)) for m in dossier.meetings]
    rows = tuple((label(m, kit.language), (n,)) for m, n in counts if n is not None)
    return Bars(title, (what,), rows)


def organisations_blocks(dossier: Dossier, kit: Kit) -> tuple[Block, ...]:
    """Each organisation (as first typed, matched folded), the meetings it came to, most first."""
    words = kit.words
    came: dict[str, tuple[str, list[Meeting]]] = {}
    for m in dossier.meetings:
        for name in m.organisations:
            came.setdefault(norm(name), (name, []))[1].append(m)
    if not came:
        return (Paragraph(words.gettext("No meeting recorded the organisations at its tables."), "muted"),)
    ordered = sorted(came.values(), key=lambda c: -len(c[1]))  # stable: first come first among equals
    rows = tuple((name, str(len(seen)), ", ".join(label(m, kit.language) for m in seen)) for name, seen in ordered)
    return (Table((words.gettext("Organisation"), words.gettext("Meetings"), words.gettext("When")), rows, numbered=False),)


def markdown(doc: Document) -> str:
    """The document as Markdown: the same chapters, parts and blocks as the HTML and the PDF."""
    from tocht_cli.render.markdown import blocks_markdown, md

    out = [f"# {md(doc.title)}", f"*{md(doc.subtitle)}*", "\n".join(f"- **{md(k)}:** {md(str(v))}" for k, v in doc.facts)]
    for chapter in filter(None, (doc.summary, *doc.chapters)):
        out.append(f"## {md(chapter.heading)}")
        for part in chapter.parts:
            if part.title:
                out.append(f"### {md(part.title)}")
            out += blocks_markdown(part.blocks)
    return "\n\n".join(out) + "\n"


# -- which meetings ----------------------------------------------------------------------------------------


def chain(records: list[dict[str, Any]], start: str) -> set[str]:
    """The session `start`, the earlier ones it follows up (`new --from`) and the later ones that follow it up."""
    earlier = {r["id"]: (r.get("from") or {}).get("id") for r in records}
    found, todo = {start}, [start]
    while todo:
        at = todo.pop()
        linked = [earlier.get(at), *(later for later, source in earlier.items() if source == at)]
        fresh = [s for s in linked if s and s not in found and s in earlier]
        found.update(fresh)
        todo += fresh
    return found


def matching(records: list[dict[str, Any]], place: str | None, since: str | None, until: str | None) -> list[str]:
    """The ids of the sessions held at `place` (folded, as typed) between the dates (inclusive, ISO)."""
    return [
        r["id"]
        for r in records
        if (place is None or norm(r.get("place") or "") == norm(place))
        and (since is None or (r.get("date") or "") >= since)
        and (until is None or (r.get("date") or "\uffff") <= until)
    ]
