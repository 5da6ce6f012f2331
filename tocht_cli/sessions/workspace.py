"""One session opened for work: its store, metadata, kit, groups and answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tocht_cli.base.errors import NotFound, UsageError
from tocht_cli.base.i18n import _
from tocht_cli.base.text import norm
from tocht_cli.kinds.contract import Change, Exercise, Kit, PlayedCard, Sheet
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.values import FieldProblem
from tocht_cli.kit.kits import Kits
from tocht_cli.render import output
from tocht_cli.render.blocks import Block
from tocht_cli.sessions.disclosure import Disclosure, keep_min_votes, of_record
from tocht_cli.store import HANDS, PHONES, SCHEMA, Record, SessionAnswers, Store


class InvalidAnswer(UsageError):
    """An answer a field refused; keeps which field and why, so a command can name its option."""

    def __init__(self, problem: FieldProblem):
        super().__init__(str(problem))
        self.fields = problem.fields
        self.problem = problem.problem


class GroupGone(NotFound):
    """The group an answer was given for was removed meanwhile (another terminal): nothing is saved under it."""


def now_called(groups: list[str], renamed: dict[str, str], name: str) -> str | None:
    """The group a table chosen as `name` is now: itself, or what it was renamed to; None when it is gone."""
    if name in groups:
        return name
    new = renamed.get(name)
    return new if new in groups else None


def resolve_session(store: Store, ref: str | None) -> dict[str, Any]:
    """A session by short id, or by the start (else any unambiguous part) of its name; the current one when no ref."""
    if ref is None:
        current = store.current_id()
        if current is None:
            raise NotFound(_("there is no current session"), _("start one with `tocht new NAME`, or pick one with `tocht use SESSION`"))
        return store.session(current)
    for session_id in dict.fromkeys((ref.strip(), ref.strip().lower())):
        try:
            return store.session(session_id)  # an id: its own file, without reading every session
        except NotFound:
            pass
    found = store.overview()  # ids and names, without parsing every record
    sessions = [(session_id, name, norm(name)) for session_id, name in zip(found.id, found.name, strict=True)]
    key = norm(ref)
    exact = [s for s in sessions if s[2] == key]
    starts = [s for s in sessions if s[2].startswith(key)]
    matches = exact or starts or [s for s in sessions if key and key in s[2]]
    if len(matches) == 1:
        return store.session(matches[0][0])  # its own file's record: the cache may lag behind a synced file
    if not matches:
        raise NotFound(_("no session {ref!r}").format(ref=ref), _("see `tocht list` for ids and names"))
    listing = "; ".join(f"{session_id} {name!r}" for session_id, name, _key in matches[:10])
    raise UsageError(
        _("{ref!r} matches {count} sessions: {sessions}").format(ref=ref, count=len(matches), sessions=listing), _("give the short id")
    )


@dataclass
class Workspace:
    store: Store
    session: dict[str, Any]
    kits: Kits  # this run's kits, which the session's is one of
    _answers: list[dict[str, Any]] | None = field(default=None, repr=False)
    _sheets: dict[tuple[str, str], list[dict[str, Any]]] | None = field(default=None, repr=False)
    _ballots: list[dict[str, Any]] | None = field(default=None, repr=False)
    shown_as: Disclosure | None = None  # what an export was told to show instead of the session's own k and marks
    origin: str = HANDS  # where counts saved through this workspace come from (`--origin paper`: a worksheet typed in)
    _progress: dict[str, dict[str, dict[str, int]]] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, store: Store, kits: Kits, session_ref: str | None = None) -> Workspace:
        return cls(store, resolve_session(store, session_ref), kits)

    @classmethod
    def held(cls, store: Store, record: dict[str, Any], kits: Kits, answers: list[dict[str, Any]]) -> Workspace:
        """A workspace of answers held in memory, not read from a session file (what a follow-up kept of a
        deleted meeting: `sessions/kept.py`); no room answers. Answers to what the kit lacks are left out."""
        ws = cls(store, record, kits, _ballots=[])
        ws._answers = ws.upgraded([doc for doc in answers if ws.fits(doc)])
        return ws

    @property
    def id(self) -> str:
        return str(self.session["id"])

    @cached_property
    def kit(self) -> Kit:
        """The session's kit; in a follow-up, with the round on the earlier steps it keeps first (`kinds/followup.py`)."""
        from tocht_cli.kinds.followup import with_round

        try:
            return with_round(self.kits.of(self.session), self.session.get("followup"))
        except ValueError as exc:
            from tocht_cli.store.storage import DamagedDatabase

            raise DamagedDatabase(self.store.session_file(self.id), str(exc)) from None

    def answering(self, ex: Exercise, group: str) -> str:
        """The group an answer is kept under: the first for what the meeting answers as one (a follow-up round)."""
        return self.groups[0] if ex.kind.meeting_wide else group

    def answering_groups(self, ex: Exercise) -> list[str]:
        """The groups whose answers to `ex` are shown: the first alone for what the meeting answers as one."""
        return self.groups[:1] if ex.kind.meeting_wide else self.groups

    @property
    def groups(self) -> list[str]:
        return self.session.get("groups") or [self.kit.label("default_group")]

    def group(self, name: str | None) -> str:
        """The group an answer belongs to: the named one, or the only one."""
        groups = self.groups
        if name is None:
            if len(groups) == 1:
                return groups[0]
            raise UsageError(
                _("this session has {count} groups; say which with --group").format(count=len(groups)),
                _("groups: {groups}").format(groups=", ".join(groups)),
            )
        key = norm(name)
        matches = (
            [g for g in groups if g == name] or [g for g in groups if norm(g) == key] or [g for g in groups if norm(g).startswith(key)]
        )
        if len(matches) == 1:
            return matches[0]
        raise UsageError(_("no group {name!r} in this session; groups: {groups}").format(name=name, groups=", ".join(groups)))

    def now_called(self, group: str) -> str | None:
        """`group` by its name now, as this workspace last read the session's record."""
        return now_called(self.groups, self.session.get("renamed") or {}, group)

    def placed(self, record: Record | None, group: str) -> str:
        """The group an answer given for `group` is saved under, from the record as it is under the lock:
        by its new name when another terminal renamed it; refused when it was removed. No answer is ever
        stored under a group the session does not have. The workspace takes that record as its own."""
        self.take(record)
        now = self.now_called(group)
        if now is None:
            raise GroupGone(
                _("session {id} no longer has a group {name!r} (removed in another terminal); nothing is saved under it").format(
                    id=self.id, name=group
                ),
                _("its groups: {groups}").format(groups=", ".join(self.groups)),
            )
        return now

    def reread(self) -> None:
        """The session's record as it is now: another terminal may have renamed, added or removed groups."""
        self.take(self.store.session(self.id))

    def take(self, record: Record | None) -> None:
        """The session's record as read under the lock (None: a file from before files carried it)."""
        if record is not None and {**record, "id": self.id} != self.session:
            self.session = {**record, "id": self.id}
            self.forget()

    def exercise_of_kind(self, kind: str, ref: str | None = None) -> Exercise:
        if ref:
            ex = self.kit.exercise(ref)
            if ex.kind.name != kind:
                raise UsageError(_("exercise {id} is of kind {kind}, not {asked}").format(id=ex.id, kind=ex.kind.name, asked=kind))
            return ex
        found = self.kit.of_kind(kind)
        if not found and self.kit.followup is not None and self.kit.followup.kind.name == kind:
            raise NotFound(
                _("session {id} {name!r} follows up no earlier steps").format(id=self.id, name=self.session.get("name", "")),
                _("start a follow-up with `tocht new NAME --from EARLIER`, or add one with `tocht edit --follow-up EARLIER`"),
            )
        if not found:
            raise NotFound(_("kit {kit} has no exercise of kind {kind}").format(kit=self.kit.name, kind=kind))
        if len(found) > 1:  # recording into the first one unasked would put answers in the wrong place
            raise UsageError(
                _("kit {kit} has {count} exercises of kind {kind}: {ids}").format(
                    kit=self.kit.name, count=len(found), kind=kind, ids=", ".join(ex.id for ex in found)
                ),
                _("say which with --exercise, e.g. --exercise {id}").format(id=found[1].id),
            )
        return found[0]

    # -- answers ----------------------------------------------------------

    def answers(self) -> list[dict[str, Any]]:
        """The session's answers, each checked against its kind: a hand-edited value of the wrong
        shape is a damaged file (exit 5), not a traceback somewhere in a renderer."""
        answers = self._answers  # one read: the room's thread may forget the cache meanwhile (`forget`)
        if answers is None:
            answers = self.as_meant(self.id, self.store.answers(self.id))
            for doc in answers:
                self._check(doc)
            answers = self._answers = self.with_origins(self.upgraded(answers))
        return answers

    def as_meant(self, session_id: str, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A session's answers as they are meant now, whatever schema its file is written in."""
        return answers if self.store.schema(session_id) >= SCHEMA else self.older(answers)

    def older(self, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return older_answers(self.kit, answers)

    @cached_property
    def _answerable(self) -> dict[str, tuple[Exercise, frozenset[str]]]:
        """Each exercise by id with the items a group answers: looked up for every answer read."""
        return {ex.id: (ex, frozenset(item for item, _ in ex.kind.answer_items(ex))) for ex in self.kit.every}

    def fits(self, doc: dict[str, Any]) -> bool:
        """Whether an answer is to an exercise and item the session's kit has."""
        ex, items = self._answerable.get(doc["exercise"], (None, frozenset()))
        return ex is not None and doc["item"] in items

    def outside(self) -> list[dict[str, Any]]:
        """Answers to exercises or items the kit does not have (any more: a kit folder edited after the
        meeting). Kept as they are, shown apart from the exercises, exported and imported apart."""
        return [doc for doc in self.answers() if not self.fits(doc)]

    def _check(self, doc: dict[str, Any]) -> None:
        from tocht_cli.store.storage import DamagedDatabase

        if not self.fits(doc):
            return  # nothing to check it against: kept as it is (see `outside`)
        ex = self._answerable[doc["exercise"]][0]
        try:
            ex.kind.validate(ex, doc["item"], doc["value"])
        except ValueError as exc:
            raise DamagedDatabase(
                self.store.session_file(self.id),
                _("the answer to {exercise}/{item} of group {group!r} does not fit its exercise ({problem})").format(
                    exercise=ex.id, item=doc["item"], group=doc["group"], problem=exc
                ),
            ) from None

    def upgraded(self, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Answers with the options the kit renamed read under their names now (in memory only: see `ExerciseKind.upgraded`)."""
        out = []
        for doc in answers:
            ex = self._answerable[doc["exercise"]][0] if self.fits(doc) else None
            out.append({**doc, "value": ex.kind.upgraded(ex, doc["item"], doc["value"])} if ex is not None and ex.renamed else doc)
        return out

    def with_origins(self, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Answers with counts, each with where they came from: read as meant where a file is from before answers
        carried it (`sessions/origins.py`), in memory only."""
        from tocht_cli.sessions.origins import inferred

        def voted() -> set[tuple[str, str, str]]:
            return {(b["exercise"], b["item"], b["group"]) for b in self.ballots()}

        exercises = {ex.id: ex for ex, _items in self._answerable.values()}
        return inferred(answers, exercises, voted)

    def ballots(self) -> list[dict[str, Any]]:
        """What the participants of the session's room answered on their own devices."""
        ballots = self._ballots
        if ballots is None:
            from tocht_cli.sessions.ballots import upgraded

            ballots = self._ballots = upgraded(self.kit, self.store.ballots(self.id))
        return ballots

    def sheet(self, ex: Exercise, group: str) -> Sheet:
        sheets = self._sheets
        if sheets is None:  # every answer sorted into its sheet once, not scanned for every sheet; published whole
            sheets = {}
            for doc in self.answers():
                sheets.setdefault((doc["exercise"], doc["group"]), []).append(doc)
            self._sheets = sheets
        group = self.answering(ex, group)
        sheet = Sheet.of(sheets.get((ex.id, group), []), ex.id, group)
        if ex.kind.personal_card(ex) is not None:
            sheet.cards = self.played(ex, group)
        return sheet

    def played(self, ex: Exercise, group: str) -> tuple[PlayedCard, ...]:
        """The cards the room's participants at `group`'s table played on their phones: they count in the
        exercise (its progress, its summary) as the group's own card does."""
        from tocht_cli.sessions.ballots import who
        from tocht_cli.store import EXERCISE_LEVEL

        mine = [b for b in self.ballots() if b["exercise"] == ex.id and b["item"] == EXERCISE_LEVEL and b["group"] == group]
        return tuple(PlayedCard(who(b, self.kit), tuple(b["value"].get("crossed") or ()), b["value"].get("won_at")) for b in mine)

    def sheets(self, ex: Exercise) -> dict[str, Sheet]:
        return {g: self.sheet(ex, g) for g in self.answering_groups(ex)}

    def room_ranking(self, round_: Exercise) -> list[tuple[str, int]]:
        """What the whole room gave to a round (kinds/rounds.py), the most first: its phones' room answers as
        they were given (no tally needed) and what the tables without phones typed."""
        ballots = [b for b in self.ballots() if b["exercise"] == round_.id]
        return round_.kind.ranked(round_, ballots, self.sheets(round_), self.store.room(self.id), self.kit)

    def shown_sheet(self, ex: Exercise, group: str) -> Sheet:
        """A group's answers as show, the summary and the handouts print them: what was carried over (see
        `carried_sheet`), and where the room voted, what the table's participants gave counts as they gave
        it in every field the table left empty (saving the tally only settles the hands).
        Progress and compare read `sheet`: what this meeting itself recorded."""
        return self._with_room_answers(ex, group, self.carried_sheet(ex, group))

    def _with_room_answers(self, ex: Exercise, group: str, sheet: Sheet) -> Sheet:
        """Each item the table's participants answered on their devices, with their tally in the fields
        the table's saved answer leaves empty: a phone's vote is an answer the moment it is given."""
        from tocht_cli.sessions.ballots import ballot_kind, vetted

        kind = ballot_kind(ex)
        mine = [b for b in self.ballots() if b["exercise"] == ex.id and b["group"] == group] if kind else []
        mine.sort(key=lambda b: (b.get("at", ""), b["device"]))  # in the order given, whatever order the file keeps
        if kind is None or not mine:
            return sheet
        hidden = set(self.store.room(self.id).get("hidden") or [])
        for item in [i for i in dict.fromkeys(b["item"] for b in mine) if i in self._answerable[ex.id][1]]:
            saved = sheet.get(item) or {}
            change = kind.tally(ex, item, [vetted(ex, b, hidden, self.kit) for b in mine if b["item"] == item])
            start = dict(saved or kind.empty(ex, item))
            try:
                counted = kind.validate(ex, item, change(start) if callable(change) else {**start, **change})
            except FieldProblem:
                continue  # a vote the kit no longer takes: the room's results say so, the table's answer stays
            kept = {name: value for name, value in saved.items() if value not in (None, "", [], {})}
            sheet.values[item] = {**counted, **kept}
            sheet.unsaved[item] = tuple(name for name, value in counted.items() if name not in kept and value not in (None, "", [], {}))
            sheet.origins.setdefault(item, PHONES)  # counts the table saved keep their own origin
            sheet.phones_said[item] = phones_said(ex, counted, sheet.values[item])
        return sheet

    def carried_sheet(self, ex: Exercise, group: str) -> Sheet:
        """In a follow-up, an item this meeting has not answered yet shows what its first answer would carry
        over from the earlier meeting (a plan's header, a step's action, who and when: what the walk offers as
        "last time"), marked so."""
        sheet = self.sheet(ex, group)
        if not self.session.get("from") and not self.session.get("followup"):
            return sheet
        items = self._answerable[ex.id][1]
        for item in [i for i in self.carried_from(ex, group).values if i in items]:  # not the answers to items the kit lacks
            empty = ex.kind.empty(ex, item)
            carried = self._carried(ex, item, group) if sheet.get(item) in (None, {}, empty) else empty
            if carried != empty:
                sheet.values[item] = self.marked_earlier(ex, item, carried)
                sheet.carried.add(item)
        return sheet

    def shown_sheets(self, ex: Exercise) -> dict[str, Sheet]:
        return {g: self.shown_sheet(ex, g) for g in self.answering_groups(ex)}

    def named(self) -> str:
        """The session as a person knows it: its name and date ("Netwerk juni, 18 juni 2027")."""
        from tocht_cli.base.dates import shown_date

        date = self.session.get("date")
        return f"{self.session['name']}, {shown_date(date, self.kit.language)}" if date else self.session["name"]

    def disclosure(self) -> Disclosure:
        """What a document of this session shows of small tables and for which audience: the session's
        stored k and marks, unless the command was given others."""
        return self.shown_as or of_record(self.session)

    def shown_exercises(self) -> list[Exercise]:
        """The exercises whose parts a document for this audience shows, in the kit's order."""
        shown = self.disclosure()
        return [ex for ex in self.kit.exercises if shown.shows(ex.id)]

    def keep_min_votes(self, k: int | None) -> None:
        """A room given --min-votes keeps it with the session: its screen and every later export hide the same tables."""
        if k is not None and k != self.disclosure().min_votes:
            self.session = keep_min_votes(self.store, self.id, k)

    def marked_earlier(self, ex: Exercise, item: str, value: dict[str, Any]) -> dict[str, Any]:
        """A value carried from the earlier meeting with "(last time)" after each text, date and choice it
        carries (a step's action, who, by when and status; a plan's whom and municipality), each one, in every
        format, its words joined by a no-break space so that a line never ends in "(last"."""
        from tocht_cli.kinds.values import Choice, Date, Text

        mark = " " + f"({self.kit.label('earlier')})".replace(" ", "\xa0")  # may go to the next line, but whole
        kinds = ex.kind.fields(ex, item).items()
        marked = [name for name, kind in kinds if isinstance(kind, Text | Date | Choice) and value.get(name)]
        return {**value, **{name: f"{value[name]}{mark}" for name in marked}}

    def progress(self) -> dict[str, dict[str, dict[str, int]]]:
        """exercise id → group → {done, total}; worked out once until the answers change (a handout asks twice).
        A merged meeting's round only at the tables of the sites that held one."""
        known = self._progress
        if known is not None:
            return known
        out: dict[str, dict[str, dict[str, int]]] = {}
        held = self.held_round()
        for ex in self.kit.exercises:
            kind = ex.kind
            out[ex.id] = {}
            for g in self.groups if held is None or not kind.meeting_wide else [g for g in self.groups if g in held]:
                done, total = kind.progress_of(ex, self.sheet(ex, g), g, self.groups)  # a round: the steps that table settles
                out[ex.id][g] = {"done": done, "total": total}
        self._progress = out
        return out

    def held_round(self) -> set[str] | None:
        """The tables of the sites of a merged meeting that held a follow-up round; None when every table did
        (a meeting of its own, or a merge from before merges said so)."""
        sources = self.session.get("merged_from") or []
        if not any(source.get("held_round") for source in sources):
            return None
        return {str(g) for source in sources if source.get("held_round") for g in source.get("groups") or []}

    def resume_at(self, group: str, after: int) -> int | None:
        """The index of the first exercise after `after` with open items in kit order (one with nothing answered,
        an untouched bingo card too), where the group's walk goes on next; None when there is none."""
        place = self._next_open(group, after)
        return None if place is None else place[0]

    def resume_place(self, group: str) -> tuple[int, int | None] | None:
        """(exercise index, item index) where `group`'s walk goes on: the item it was stopped inside, else the first
        exercise with open items (item None: the walk opens it as it opens any exercise); None when every one is
        complete. `tocht` and `tocht run` both ask here, and the place a Ctrl-C kept is read once."""
        return self.stopped_at(group) or self._next_open(group, -1)

    def _next_open(self, group: str, after: int) -> tuple[int, None] | None:
        return next(((n, None) for n, ex in enumerate(self.kit.exercises) if n > after and self.first_open(ex, group) is not None), None)

    def first_open(self, ex: Exercise, group: str) -> int | None:
        """The index of the first open item of `ex` among those `group`'s walk asks, None when all are complete."""
        return ex.kind.first_open_of(ex, self.sheet(ex, group), group, self.groups)

    def stopped_at(self, group: str) -> tuple[int, int] | None:
        """(exercise index, item index) where the group's walk was stopped inside an item (sessions/stopped.py),
        None when it was not, or the kit no longer has that item."""
        from tocht_cli.sessions import stopped

        found = stopped.place(self.store, self.id, group)
        exercises = [ex.id for ex in self.kit.exercises]
        if found is None or found[0] not in exercises:
            return None
        index = exercises.index(found[0])
        ex = self.kit.exercises[index]
        items = [item.id for item in ex.kind.asked_of(ex, group, self.groups)]
        return (index, items.index(found[1])) if found[1] in items else None

    @cached_property
    def _earlier(self) -> tuple[dict[str, str], list[dict[str, Any]]]:
        """Of the session this one follows up (`tocht new --from`): which of its tables each of ours is (by
        organisation, else name, else the only one: `attendance.paired_sessions`), and its answers."""
        from tocht_cli.sessions.attendance import paired_sessions

        source = (self.session.get("from") or {}).get("id")
        if not source:
            return {}, []
        try:
            record = self.store.session(source)
            answers = self.as_meant(source, self.store.answers(source))
        except NotFound:  # the earlier session was deleted: the copy of its answers this record kept, if any
            record, answers = self._kept_earlier()
        pairs = paired_sessions(self.session, self.groups, record, record.get("groups") or [])
        tables = {ours: theirs for ours, theirs in pairs if ours and theirs}
        if len(record.get("groups") or []) == 1:  # a meeting of one table: every table starts from it
            tables = {g: tables.get(g, record["groups"][0]) for g in self.groups}
        return tables, answers

    def _kept_earlier(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The deleted earlier session as this record kept it when it was deleted (`sessions/kept.py`): its
        groups, as a record to pair tables with, and every answer; nothing in a record from before it kept them."""
        from tocht_cli.sessions.carrying import KEPT, kept

        stored = kept(self.session, KEPT)
        return ({"groups": stored[0]}, stored[1]) if stored else ({}, [])

    def earlier(self, ex: Exercise, group: str) -> Sheet:
        """The earlier session's answers of the same table (or of its only table): defaults for `run`; of a kind
        whose items carry their earlier answer (a follow-up round), that answer, matched by the item, not its place."""
        carried = ex.kind.last_time(ex)
        return carried if carried is not None else self._group_sheet(*self._earlier, ex, group)

    def carried_from(self, ex: Exercise, group: str) -> Sheet:
        """What this follow-up carries over: the earlier session's answers while it exists, else what this
        record kept of them when it was made (`sessions/carrying.py`): deleting it takes none away."""
        from tocht_cli.sessions.carrying import kept

        live = self._earlier
        stored = None if live[0] else kept(self.session)
        if stored is None:
            return self._group_sheet(*live, ex, group)
        groups, answers = stored  # the earlier record is gone: its tables paired by name (or its only one)
        tables = {
            g: same
            for g in self.groups
            if (same := next((e for e in groups if norm(e) == norm(g)), groups[0] if len(groups) == 1 else None))
        }
        return self._group_sheet(tables, answers, ex, group)

    def carried_into_follow_up(self, whatever_it_says: bool = False) -> dict[str, Any]:
        """What each of this session's answers carries over into a follow-up made of it, as answers of its
        groups: kept in the follow-up's record (`sessions/carrying.py`). `whatever_it_says`: the facts that
        carry, also of an answer the kind does not carry on (a step done), as a comparison reads them."""
        answers = []
        for ex in self.kit.exercises:
            part = ex.kind.carried_facts if whatever_it_says else ex.kind.carried
            for group, sheet in self.sheets(ex).items():
                for item, value in sheet.values.items():
                    if carried := part(ex, item, value or {}):
                        answers.append({"exercise": ex.id, "item": item, "group": group, "value": carried})
        return {"groups": list(self.groups), "answers": answers}

    def _group_sheet(self, tables: dict[str, str], answers: list[dict[str, Any]], ex: Exercise, group: str) -> Sheet:
        """A table's sheet among an earlier meeting's answers (`tables`: ours → theirs), with the steps this
        meeting's follow-up round put on its plan."""
        same = tables.get(group)
        sheet = Sheet.of(self.upgraded(answers), ex.id, same) if same else Sheet()
        for item, said in self._onto_plan.get((ex.id, group), {}).items():
            kept = {name: value for name, value in (sheet.get(item) or {}).items() if name not in said}
            sheet.values[item] = {**kept, **self._fitting(ex, item, said)}
        return sheet

    def settled_today(self, ex: Exercise, group: str, item: str) -> set[str]:
        """The parts of an item's "last time" that this meeting's follow-up round settled (a step's status: "gedaan"
        in today's round), so the walk says where its offer comes from."""
        return set(self._fitting(ex, item, self._onto_plan.get((ex.id, group), {}).get(item, {})))

    def _fitting(self, ex: Exercise, item: str, said: dict[str, Any]) -> dict[str, Any]:
        """What the round said that the item's answer can hold: a round's status the plan does not have ("vast")
        leaves the plan's status unsaid rather than last time's, which the round outdated."""
        empty = ex.kind.empty(ex, item)
        fits = {}
        for name, value in said.items():
            with suppress(ValueError):
                fits[name] = ex.kind.validate(ex, item, {**empty, name: value})[name]
        return fits

    @cached_property
    def _onto_plan(self) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
        """The steps this meeting's follow-up round put on its plan: (exercise, group) → item → what carries
        over, as if the earlier meeting had answered it (offered and shown as "last time", saved when taken)."""
        out: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for ex in self.kit.exercises:
            if not ex.kind.meeting_wide:
                continue
            for exercise, item, group, value in ex.kind.carried_on(ex, self.sheet(ex, self.groups[0])):
                here = self.table_of(group)
                if here is not None:  # a table this meeting does not have: its step stays in the round, on no one's plan
                    out.setdefault((exercise, here), {})[item] = value
        return out

    def round_step(self, ex: Exercise, item: str, group: str) -> tuple[Exercise, Item, str] | None:
        """Today's follow-up round's step that is `group`'s step `item` on plan `ex`, and the status the round
        settled for it (None while the round settled none): what the plan's status must not contradict."""
        for round_ex in (e for e in self.kit.exercises if e.kind.meeting_wide):
            sheet = self.sheet(round_ex, self.groups[0])
            for found, step in zip(round_ex.kind.items(round_ex), getattr(round_ex.spec, "steps", ()), strict=True):
                status = (sheet.get(step.id) or {}).get("status")
                if status and (step.exercise, step.item) == (ex.id, item) and self.table_of(step.group) == group:
                    return round_ex, found, status
        return None

    def table_of(self, earlier: str) -> str | None:
        """This meeting's table that an earlier meeting's table `earlier` is (the one that promised a step): the
        same name, the name it was renamed to, the table paired with it (`_earlier`: by organisation), in a
        merged session the site's table of that name (the round's site first), or the only table; None when
        none is it. Never merely the first table: a step would land on another table's plan."""
        here = self.now_called(earlier) or next((g for g in self.groups if norm(g) == norm(earlier)), None)
        paired = [ours for ours, theirs in self._earlier[0].items() if norm(theirs) == norm(earlier)]
        round_site = self.groups[0].rpartition(" / ")[0]  # a merged session's groups are "site / table"
        in_sites = [g for g in self.groups if " / " in g and norm(g.rpartition(" / ")[2]) == norm(earlier)]
        in_sites.sort(key=lambda g: g.rpartition(" / ")[0] != round_site)
        found = here or (paired[0] if len(paired) == 1 else None) or next(iter(in_sites), None)
        return found or (self.groups[0] if len(self.groups) == 1 else None)

    def _carried(self, ex: Exercise, item: str, group: str) -> dict[str, Any]:
        """Where a first answer starts: in a follow-up, what the kind carries over of the earlier answer (a
        plan's action), unless the kit changed so that it no longer fits; else the kind's empty value."""
        empty = ex.kind.empty(ex, item)
        carried = ex.kind.carried(ex, item, self.carried_from(ex, group).get(item) or {})
        if not carried:
            return empty
        try:
            return ex.kind.validate(ex, item, {**empty, **carried})
        except ValueError:
            return empty

    def save(
        self,
        ex: Exercise,
        item: str,
        group: str,
        changes: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]],
        origin: str | None = None,
    ) -> dict[str, Any]:
        """Merge `changes` into the item's latest answer, validate the whole and save it, in one lock hold.

        `changes` is a dict of fields, or a function from the latest value to
        the new one (for lists: add a row to the rows as they are *now*). Where there is no answer yet, a
        value that ends up as the kind's empty one (Enter through a prompt, nothing ticked) is no answer
        and nothing is written.
        """
        kind = ex.kind
        group = self.answering(ex, group)
        empty = kind.empty(ex, item)
        start = self._carried(ex, item, group)

        def change(current: dict[str, Any] | None) -> dict[str, Any] | None:
            if current is not None:
                self._check({"exercise": ex.id, "item": item, "group": group, "value": current})
            value = dict(kind.upgraded(ex, item, current) if current is not None else start)  # saved under the names now
            new = kind.validate(ex, item, changes(value) if callable(changes) else {**value, **changes})
            problem = self.head_count_problem(ex, group, value, new)
            if problem:
                raise ValueError(problem)
            return None if current is None and new == empty else new  # no answer yet, and none given: nothing to keep

        from tocht_cli.sessions.origins import stamp

        try:
            value = self.store.update(self.id, ex.id, item, group, change, self.placed, self.older, stamp(ex, origin or self.origin))
        except FieldProblem as exc:
            raise InvalidAnswer(exc) from None
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        finally:
            self.forget()
        return empty if value is None else value

    def head_count_problem(self, ex: Exercise, group: str, before: dict[str, Any], after: dict[str, Any]) -> str | None:
        """Why `group` cannot have given `after` with the people the session says sit there; None when it can or
        nobody said how many."""
        from tocht_cli.sessions.attendance import seat

        people = seat(self.session, group).people
        return None if people is None else ex.kind.head_count_problem(ex, before, after, people)

    def clear(self, ex: Exercise, item: str, group: str) -> bool:
        removed = self.store.delete_answer(self.id, ex.id, item, self.answering(ex, group), self.placed)
        self.forget()
        return removed

    def forget(self) -> None:
        """Read the answers afresh next time (they were changed, here or elsewhere)."""
        self._answers = None
        self._sheets = None
        self._ballots = None
        self._progress = None
        self.__dict__.pop("_onto_plan", None)

    def desk(self, ex: Exercise, group: str) -> Desk:
        return Desk(self, ex, group)


@dataclass
class Desk:
    """One group's answers to one exercise, as a kind's direct command works on them (the contract's Desk)."""

    ws: Workspace
    ex: Exercise
    group: str

    @property
    def kit(self) -> Kit:
        return self.ws.kit

    def sheet(self) -> Sheet:
        return self.ws.sheet(self.ex, self.group)

    def save(self, item: str, changes: Change) -> dict[str, Any]:
        return self.ws.save(self.ex, item, self.group, changes)

    def clear(self, item: str) -> bool:
        return self.ws.clear(self.ex, item, self.group)

    @contextmanager
    def transaction(self) -> Iterator[SessionAnswers]:
        """One lock hold on the session's answers, with `group` as the session has it in that hold."""
        try:
            with self.ws.store.transaction(self.ws.id, self.ws.older) as answers:
                self.at(self.ws.placed(answers.record(), self.group))
                yield answers
        finally:
            self.ws.forget()

    def at(self, group: str) -> None:
        """The group's name now (another terminal renamed it)."""
        self.group = group

    def saved(self, what: str) -> None:
        """Confirm on stderr what was saved, for which group, so the room sees it landed: in the kit's words
        only ("bewaard: alliantie 1: …"), never the exercise's internal id before them, and in which session (its
        name and date): a laptop whose current session is an older one says so before anyone trusts it."""
        session = self.ws.named()
        if len(self.ws.answering_groups(self.ex)) > 1:
            output.message(_("saved: {what} ({group}) — session {session}").format(what=what, group=self.group, session=session))
        else:
            output.message(_("saved: {what} — session {session}").format(what=what, session=session))

    def show(self, text: str) -> None:
        output.data(text)

    def present(self, blocks: list[Block]) -> None:
        from tocht_cli.render.terminal import shown

        output.data(shown(blocks))

    def hint(self, text: str) -> None:
        output.message(_("  hint: {text}").format(text=text))

    def from_room(self) -> list[tuple[str, int]]:
        """What the room gave in the round this exercise asks first, the most first ([] without one)."""
        return self.ws.room_ranking(self.ex.room_round) if self.ex.room_round else []

    def round_says(self, item: str) -> tuple[str, str] | None:
        """The status today's follow-up round settled for this plan step, and how `followup set` names the step."""
        found = self.ws.round_step(self.ex, item, self.group)
        if found is None:
            return None
        from tocht_cli.kinds.followup import FollowUp

        round_ex, step, status = found
        assert isinstance(round_ex.kind, FollowUp)  # the only kind a round_step comes from
        return status, round_ex.kind.called_by(round_ex, step)

    def settle_round(self, item: str, status: str) -> bool:
        """Give the round's step the plan's status (the facilitator chose the plan's), as `followup set` would;
        False when the round has no such word (its "gepland")."""
        from tocht_cli.kinds.followup import FollowUp

        found = self.ws.round_step(self.ex, item, self.group)
        if found is None or status not in found[0].spec.statuses:
            return False
        round_ex, step, _status = found
        assert isinstance(round_ex.kind, FollowUp)
        self.ws.save(round_ex, step.id, self.ws.groups[0], round_ex.kind.settled(round_ex, {}, {"status": status}))
        return True

    def over_head_count(self, item: str, value: dict[str, Any]) -> str | None:
        before = self.ws.sheet(self.ex, self.group).get(item) or {}
        return self.ws.head_count_problem(self.ex, self.group, before, {**before, **value})

    def room(self) -> tuple[list[dict[str, Any]], dict[str, Sheet], dict[str, Any]]:
        """The exercise's room answers, every table's answers and the room's state, as `ranked` reads them."""
        ballots = [b for b in self.ws.ballots() if b["exercise"] == self.ex.id]
        return ballots, self.ws.sheets(self.ex), self.ws.store.room(self.ws.id)

    def change_room(self, change: Callable[[dict[str, Any]], dict[str, Any]], said: str) -> None:
        """The room's state read, changed and written in one lock hold, so a room's own write is never lost."""
        try:
            with self.ws.store.transaction(self.ws.id, self.ws.older) as answers:
                answers.put_room(change(answers.room()))
        finally:
            self.ws.forget()
        output.message(_("saved: {what} — session {session}").format(what=said, session=self.ws.named()))


def phones_said(ex: Exercise, phones: dict[str, Any], value: dict[str, Any]) -> tuple[str, ...]:
    """The text fields of an answer that hold what the table's phones wrote (arguments taken over in the walk, or
    filled in from them): their source is the phones, as the counts' origin says of those. A choice the table made
    is its own even when the phones' majority chose alike (the terminal trial: a typed position said "telefoons")."""
    from tocht_cli.kinds.fields import DescribedKind
    from tocht_cli.kinds.values import Text

    kind = ex.kind
    texts = {f.name for f in kind.answer if isinstance(f.bound(ex.spec), Text)} if isinstance(kind, DescribedKind) else set()
    return tuple(name for name, said in phones.items() if name in texts and said not in (None, "", [], {}) and value.get(name) == said)


def older_answers(kit: Kit, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers an older schema (or export format version 1) wrote, read as this one means them (`ExerciseKind.older`)."""
    exercises = {ex.id: ex for ex in kit.every}
    out = []
    for doc in answers:
        ex = exercises.get(doc["exercise"])
        out.append({**doc, "value": ex.kind.older(ex, doc["item"], doc["value"])} if ex is not None else doc)
    return out
