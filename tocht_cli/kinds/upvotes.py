"""Een lijst van de zaal: the room proposes entries to a question and upvotes them, the most supported first.

In a room every phone may propose a few entries and support any entry once (and take that back
until the vote closes); the facilitator merges duplicates and keeps an entry off the screen. What
a device proposed and supported is its own room answer (`device_shape`); saving the room's tally
gives each table the entries its participants proposed or supported, with their votes, so the
tables' answers add up to the room's list. Without phones a table types its entries and the hands
for each (`tocht upvotes add`, `votes`, `merge`).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NamedTuple

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.base.text import norm
from tocht_cli.kinds.actions import Subject, clear_action, item_label, item_of, item_param
from tocht_cli.kinds.contract import Action, ExerciseKind, Param, Prompter, Sheet, question_heading, question_number, stop_key
from tocht_cli.kinds.fields import hands_problem
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.rounds import question
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Options, Whole
from tocht_cli.kinds.values import MAX_LIST, Count, Rows, Text, Texts
from tocht_cli.render.blocks import Bars, Block, Heading, Lines, Paragraph, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from tocht_cli.kinds.contract import Desk, Exercise, Kit

MAX_ENTRY = 200  # one entry: a sentence
MOST_PER_DEVICE = 10
WORKSHEET_ROWS = 8


class Spec(KitTable, frozen=True):
    entry: KitText  # the heading of an entry ("Uitdaging")
    votes: KitText  # the heading of its votes ("Steun")
    propose_question: KitText  # what the walk and a phone ask for a new entry
    questions: Annotated[tuple[Item, ...], Numbered()]
    per_device: Annotated[int, Whole(1, MOST_PER_DEVICE)] = 2  # entries a phone may propose
    seeds: Annotated[tuple[str, ...], Options(0)] = ()  # entries on the list before anyone proposes (each question's)
    top: Annotated[int, Whole(0, MAX_LIST)] = 0  # how many of the most supported are the list's result (0: all)


@lru_cache(maxsize=4096)
def entry_key(text: str) -> str:
    """An entry as duplicates are told apart: without case, accents, spaces and dashes. Kept: the kit's seeds
    are keyed for every session `export --all` renders (a tenth of building its documents)."""
    return norm(" ".join(text.split()))


class Entry(NamedTuple):
    """An entry of the room's list: its key, its text as first proposed, who proposed and who supports it, and
    the entries the facilitator merged into it (key, text), so that a merge can be seen and undone."""

    key: str
    text: str
    proposers: frozenset[str]
    voters: frozenset[str]
    absorbed: tuple[tuple[str, str], ...] = ()

    @property
    def votes(self) -> int:
        return len(self.voters)


def merged_into(key: str, merged: dict[str, str]) -> str:
    """The entry `key` counts as after the facilitator's merges (a merge of a merge followed, a loop stopped)."""
    seen = {key}
    while key in merged and merged[key] not in seen:
        key = merged[key]
        seen.add(key)
    return key


class Listed(NamedTuple):
    """An entry of a question's list over the whole room: its key, its text, its support (phones and hands), and
    the entries merged into it (key, text)."""

    key: str
    text: str
    votes: int
    absorbed: tuple[tuple[str, str], ...]


def room_marks(state: dict[str, Any], place: str) -> tuple[dict[str, str], set[str]]:
    """What the room's state says of the list at `place` ("exercise/item#"): entries merged (entry → entry) and
    entries kept off the screen."""
    merged = {k.removeprefix(place): v for k, v in (state.get("merged") or {}).items() if k.startswith(place)}
    return merged, {k.removeprefix(place) for k in state.get("hidden") or [] if k.startswith(place)}


@lru_cache(maxsize=4096)
def digest(key: str) -> str:
    """An entry's place among those of equal support: fixed, and unrelated to its first letters."""
    return hashlib.sha256(key.encode()).hexdigest()


def room_entries(ballots: Iterable[dict[str, Any]], merged: dict[str, str], hidden: set[str], seeds: Iterable[str] = ()) -> list[Entry]:
    """The room's list from its devices' answers: each entry once (a merged one counted as the one it was
    merged into), those kept off the screen left out; the most supported first. The kit's `seeds` are on it
    from the start, proposed by nobody (after the proposals of equal support), in the kit's order; proposals of
    equal support in the order of their key's digest: never alphabetically (the A's would get a head start),
    nor by when a device last changed its answer (an entry would jump), and the same on every load."""
    ordered = sorted(ballots, key=lambda b: (b.get("at", ""), b["device"]))
    texts: dict[str, str] = {}
    proposers: dict[str, set[str]] = {}
    voters: dict[str, set[str]] = {}
    absorbed: dict[str, dict[str, str]] = {}
    proposals = [("", text, entry_key(text)) for text in seeds]
    proposals += [(b["device"], text, entry_key(text)) for b in ordered for text in b["value"].get("proposed") or []]
    proposals.sort(key=lambda p: p[2] in merged)  # an entry is shown in its own words, not a duplicate's
    for device, text, own in proposals:
        key = merged_into(own, merged)
        if key not in hidden:
            texts.setdefault(key, text)
            proposers.setdefault(key, set()).update({device} - {""})
            if own != key:
                absorbed.setdefault(key, {}).setdefault(own, text)
    for b in ordered:
        for key in {merged_into(k, merged) for k in b["value"].get("up") or []} & texts.keys():
            voters.setdefault(key, set()).add(b["device"])
    seeded = {entry_key(text): n for n, text in enumerate(seeds)}
    keys = sorted(texts, key=lambda k: (-len(voters.get(k, ())), not proposers[k], seeded.get(k, -1), digest(k)))
    return [Entry(k, texts[k], frozenset(proposers[k]), frozenset(voters.get(k, ())), tuple(absorbed.get(k, {}).items())) for k in keys]


def taken(votes: list[int], top: int) -> int:
    """How many of a list ordered by `votes` (most first) its result takes: the `top` most supported and every
    entry tied with the last of them, so that a tie at the line is never split by chance (0 `top`: all); entries
    nobody supports are never pulled in by a tie (the kit's list offered before anyone voted)."""
    if not 0 < top < len(votes):
        return len(votes)
    return top + sum(1 for n in votes[top:] if n == votes[top - 1] > 0)


def tied_at_line(votes: list[int], top: int) -> int:
    """How many entries share the support of the `top`th when the tie reaches past it (all of them are taken);
    0 when the line splits no tie."""
    if taken(votes, top) == min(top, len(votes)) or not top:
        return 0
    return votes.count(votes[top - 1])


def tie_place(votes: list[int], top: int) -> int:
    """The place the tie at the line starts at (three entries tied as 9th, 10th and 11th share place 9)."""
    return votes.index(votes[top - 1]) + 1 if 0 < top <= len(votes) else top


def rows_of(value: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((value or {}).get("entries") or [])


def adding(texts: list[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The change that adds entries not yet on the list (with no votes)."""

    def change(value: dict[str, Any]) -> dict[str, Any]:
        rows = rows_of(value)
        known = {entry_key(r["text"]) for r in rows}
        for text in texts:
            if entry_key(text) not in known:
                known.add(entry_key(text))
                rows.append({"text": text, "votes": 0})
        return {**value, "entries": rows}

    return change


def numbered(rows: list[dict[str, Any]], number: int) -> int:
    """The index of entry `number` (counted from 1), refused in plain words when there is none."""
    if not 1 <= number <= len(rows):
        raise UsageError(_("no entry {number}; the list has {count}").format(number=number, count=len(rows)))
    return number - 1


def tie_said(ranked: list[tuple[str, int]], top: int, kit: Kit) -> list[Block]:
    """A note under the room's list when it holds more than its `top` because entries tied at the line."""
    votes = [n for _, n in ranked]
    tied = tied_at_line(votes, top)
    if not tied:
        return []
    said = kit.words.gettext("{tied} entries tied at place {top}: all of them are taken over, {count} in all.")
    return [Paragraph(said.format(tied=tied, top=tie_place(votes, top), count=len(ranked)), "muted")]


def room_merging(key: str, into: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The change to the room's state that counts entry `key` ("exercise/item#entry") as `into`; `into` empty undoes it."""

    def change(state: dict[str, Any]) -> dict[str, Any]:
        merged = {k: v for k, v in (state.get("merged") or {}).items() if k != key}
        return {**state, "merged": dict(sorted({**merged, **({key: into} if into else {})}.items()))}

    return change


def listed_lines(listed: list[Listed]) -> list[str]:
    """The room's list as numbered lines, each merged entry under the one it counts as."""
    lines = []
    for n, e in enumerate(listed, 1):
        lines.append(f"{n}. {e.text} ({e.votes})")
        lines += [f"   ← {text}" for _key, text in e.absorbed]
    return lines


def picked(listed: list[Listed], ref: str, ex: Exercise, item: Item) -> Listed:
    """An entry of the room's list by its number or its words; refused with the whole list to choose from."""
    ref = " ".join(ref.split())
    if ref.isdigit() and 1 <= int(ref) <= len(listed):
        return listed[int(ref) - 1]
    found = next((e for e in listed if e.key == entry_key(ref)), None)
    if found is not None:
        return found
    if not listed:
        raise UsageError(_("the room's list for “{item}” is empty").format(item=item_label(ex, item)))
    raise UsageError(
        _("no entry {ref!r} on the room's list for “{item}”").format(ref=ref, item=item_label(ex, item)),
        _("give its number or its words: {entries}").format(entries="; ".join(f"{n}. {e.text}" for n, e in enumerate(listed, 1))),
    )


def absorbed_one(listed: list[Listed], ref: str, ex: Exercise, item: Item) -> tuple[str, str]:
    """A merged entry (key, text) by its words; refused with every merged entry to choose from."""
    merged = [(key, text, e.text) for e in listed for key, text in e.absorbed]
    found = next(((key, text) for key, text, _into in merged if key == entry_key(ref)), None)
    if found is not None:
        return found
    if not merged:
        raise UsageError(_("nothing is merged on the room's list for “{item}”").format(item=item_label(ex, item)))
    raise UsageError(
        _("{ref!r} is not merged on the room's list for “{item}”").format(ref=ref, item=item_label(ex, item)),
        _("merged now: {entries}").format(entries="; ".join(_("“{entry}” into “{into}”").format(entry=t, into=i) for _k, t, i in merged)),
    )


class Upvotes(ExerciseKind):
    name = "upvotes"
    help = N_("A list the room proposes to and supports, the most supported first; show it with `tocht upvotes`.")

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "entry": N_("Heading for an entry"),
        "votes": N_("Heading for the votes"),
        "propose_question": N_("Question for a new entry"),
        "per_device": N_("Entries per phone"),
        "questions": N_("Questions"),
    }

    def items(self, ex: Exercise) -> list[Item]:
        return list(ex.spec.questions)

    def round_spec(self, parent: Exercise, room: Any, seeds: tuple[str, ...]) -> Spec:
        """The room's list the exercise asks first: its own list (`seeds`) offered, the `top` most supported its result."""
        entry = room.entry or room.title
        return Spec(entry, room.heading, room.question, question(room), min(room.per_device, MOST_PER_DEVICE), seeds, room.upvotes.top)

    def ranked(
        self, ex: Exercise, ballots: list[dict[str, Any]], sheets: dict[str, Sheet], state: dict[str, Any], kit: Kit
    ) -> list[tuple[str, int]]:
        """The room's list, the most supported first (the `top` of them): every question's, see `room_list`."""
        totals: dict[str, tuple[str, int]] = {}
        for item in self.items(ex):
            for e in self.room_list(ex, item.id, ballots, sheets, state):
                known, before = totals.get(e.key, (e.text, 0))
                totals[e.key] = (known, before + e.votes)
        ordered = sorted(totals.values(), key=lambda pair: -pair[1])
        return ordered[: taken([n for _, n in ordered], ex.spec.top)]

    def room_list(
        self, ex: Exercise, item: str, ballots: list[dict[str, Any]], sheets: dict[str, Sheet], state: dict[str, Any]
    ) -> list[Listed]:
        """A question's list over the whole room, the most supported first: its phones' entries and support as the
        room shows them (merged, hidden), with the entries and hands of the tables without phones added, each
        table's duplicate merged as the facilitator merged it (in the room or with `room-merge`)."""
        merged, hidden = room_marks(state, f"{stop_key(ex, item)}#")
        at_item = [b for b in ballots if b["item"] == item]
        found: dict[str, Listed] = {}
        for e in room_entries(at_item, merged, hidden, ex.spec.seeds):
            if e.voters or e.proposers:  # a seed nobody supported is not the room's
                found[e.key] = Listed(e.key, e.text, e.votes, e.absorbed)
        voted = {b["group"] for b in at_item}
        for key, (text, votes) in self.totals([s for g, s in sheets.items() if g not in voted], item).items():
            into = merged_into(key, merged)
            known = found.get(into) or Listed(into, text, 0, ())
            absorbed = dict(known.absorbed) | ({key: text} if key != into else {})
            found[into] = known._replace(votes=known.votes + votes, absorbed=tuple(absorbed.items()))
        return sorted(found.values(), key=lambda e: -e.votes)

    def room_blocks(self, ex: Exercise, ranked: list[tuple[str, int]], kit: Kit) -> list[Block]:
        """The room's list as bars; when a tie at the `top`th place took more, a line says so."""
        shown = [b for item in self.items(ex) for b in self.chart(ex, item, {text: (text, n) for text, n in ranked})]
        return shown + tie_said(ranked, ex.spec.top, kit)

    def fields(self, ex: Exercise, item: str) -> dict[str, Any]:
        entry = (("text", Text(max_len=MAX_ENTRY)), ("votes", Count()))
        return self.item_fields(ex, item, {"entries": Rows(entry)})

    def device_shape(self, ex: Exercise, item: str) -> dict[str, Any] | None:
        """A device's own answer to a question: the entries it proposed and the keys of those it supports."""
        if item not in {i.id for i in ex.spec.questions}:
            return None
        return {"proposed": Texts(max_items=ex.spec.per_device), "up": Texts(max_items=MAX_LIST)}

    def facts(self, ex: Exercise, item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        return [(row["text"], str(row["votes"])) for row in rows_of(value)]

    # -- printed pages ----------------------------------------------------
    def chart(self, ex: Exercise, item: Item, totals: dict[str, tuple[str, int]]) -> list[Block]:
        """A question and its entries as bars, the most supported first; nothing for a question without entries."""
        if not totals:
            return []
        rows = sorted(totals.values(), key=lambda pair: -pair[1])
        return [Heading(question_heading(self, ex, item)), Bars(ex.spec.votes, (ex.spec.votes,), tuple((t, (n,)) for t, n in rows))]

    def totals(self, sheets: Iterable[Sheet], item: str) -> dict[str, tuple[str, int]]:
        """Entry key → (its text, its votes summed over the sheets)."""
        out: dict[str, tuple[str, int]] = {}
        for sheet in sheets:
            for row in rows_of(sheet.get(item)):
                text, votes = out.get(entry_key(row["text"]), (row["text"], 0))
                out[entry_key(row["text"])] = (text, votes + row["votes"])
        return out

    def handout_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
        shown = [b for item in self.items(ex) for b in self.chart(ex, item, self.totals([sheet], item.id))]
        return shown or [Paragraph(kit.label("unanswered"), "muted")]

    def handout_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """Every table's entries together, their votes added up."""
        return [b for item in self.items(ex) for b in self.chart(ex, item, self.totals(sheets.values(), item.id))]

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        """Each question with the list as the room's phones get it (the kit's suggestions first), then numbered
        lines to propose on, each with a column for the marks of those who support it."""
        said = kit.words.gettext("Write a proposal of your own on an empty line; put a mark beside each entry you support.")
        seeded = [(str(n), text, Lines()) for n, text in enumerate(ex.spec.seeds, 1)]
        rows = (*seeded, *((str(n), Lines(), Lines()) for n in range(len(seeded) + 1, len(seeded) + WORKSHEET_ROWS + 1)))
        table = Table(("#", ex.spec.entry, ex.spec.votes), rows)
        return [b for item in self.items(ex) for b in (Heading(question_heading(self, ex, item)), Paragraph(said), table)]

    # -- the room ---------------------------------------------------------
    def room_tally(self, entries: list[Entry], devices: set[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """The change the room makes to a table's list: every entry its participants (`devices`) proposed
        or supported, with their votes, in the room's order; the table's own other entries stay after them."""
        ours = [(e.text, len(e.voters & devices)) for e in entries if e.voters & devices or e.proposers & devices]

        def change(value: dict[str, Any]) -> dict[str, Any]:
            keys = {entry_key(text) for text, _ in ours}
            kept = [row for row in rows_of(value) if entry_key(row["text"]) not in keys]
            return {**value, "entries": [{"text": text, "votes": votes} for text, votes in ours] + kept}

        return change

    # -- recording --------------------------------------------------------
    def walk(self, w: Prompter, ex: Exercise, start: int) -> None:
        """Per question: new entries until an empty answer, then the hands for each entry."""

        def ask(item: Item) -> None:
            w.item_panel(item.text, number=question_number(self, ex, item))
            while typed := " ".join(w.text(ex.spec.propose_question).split()):
                w.save(item.id, adding([typed]))
            for n, row in enumerate(rows_of(w.own(item.id)), 1):
                shown = str(row["votes"])
                check = partial(hands_problem, expected=1, shown=shown)
                typed = w.text(f"{ex.spec.votes}: {row['text']}", default=shown, validate=check).strip()
                if typed and typed != shown:
                    w.save(item.id, self.voting(n, int(typed)))

        w.step_through(self.items(ex), ask, start)

    def voting(self, number: int, votes: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def change(value: dict[str, Any]) -> dict[str, Any]:
            rows = rows_of(value)
            at = numbered(rows, number)
            rows[at] = {**rows[at], "votes": votes}
            return {**value, "entries": rows}

        return change

    def merging(self, number: int, into: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """Entry `number` folded into entry `into`: one entry, with the votes of both."""

        def change(value: dict[str, Any]) -> dict[str, Any]:
            rows = rows_of(value)
            gone, kept = numbered(rows, number), numbered(rows, into)
            if gone == kept:
                raise UsageError(_("an entry cannot be merged into itself"))
            rows[kept] = {**rows[kept], "votes": rows[kept]["votes"] + rows[gone]["votes"]}
            return {**value, "entries": [row for n, row in enumerate(rows) if n != gone]}

        return change

    def actions(self) -> list[Action]:
        question = Subject(N_("question"), N_("QUESTION"), N_("Question number or id, e.g. 1."))

        def said(ex: Exercise, item: Item, value: dict[str, Any]) -> str:
            count = len(rows_of(value))
            return ngettext("{item}: {count} entry", "{item}: {count} entries", count).format(item=item_label(ex, item), count=count)

        def run(
            make: Callable[[dict[str, Any]], Callable[[dict[str, Any]], dict[str, Any]]],
        ) -> Callable[[Desk, Exercise, dict[str, Any]], None]:
            def act(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
                item = item_of(ex, args, question.what)
                desk.saved(said(ex, item, desk.save(item.id, make(args))))

            return act

        def texts(args: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
            return adding([t for t in (" ".join(a.split()) for a in args["entries"]) if t])

        entries = Param("entries", N_("The entries, each its own (quote an entry of several words)."), many=True, required=True,
                        metavar=N_("ENTRIES"))  # fmt: skip
        number = Param("number", N_("The entry's number as `tocht upvotes` shows it."), type=int, required=True, metavar=N_("NUMBER"))
        count = Param("votes", N_("How many support it (a show of hands)."), type=int, required=True, minimum=0, metavar=N_("VOTES"))
        into = Param("into", N_("The number of the entry it is merged into."), type=int, required=True, metavar=N_("INTO"))
        return [
            Action("add", N_("Add entries to a question's list."), (item_param(question), entries), run(texts)),
            Action("votes", N_("Record how many support an entry."), (item_param(question), number, count),
                   run(lambda args: self.voting(args["number"], args["votes"]))),
            Action("merge", N_("Merge an entry into another (a duplicate): their votes are added up."),
                   (item_param(question), number, into), run(lambda args: self.merging(args["number"], args["into"]))),
            clear_action(question, N_("Forget a question's list.")),
            *self.room_actions(question),
        ]  # fmt: skip

    def room_actions(self, question: Subject) -> list[Action]:
        """`room-merge` and `room-unmerge`: a duplicate on the whole room's list (every table's entries and the
        phones') counted as another, as the room's control view does it, for a facilitator at the terminal."""
        entry = Param("entry", N_("The entry: its number on the room's list or its words."), required=True, metavar=N_("ENTRY"))
        into = Param("into", N_("The entry it counts as: its number on the room's list or its words."), required=True,
                     metavar=N_("INTO"))  # fmt: skip
        merged = Param("entry", N_("The merged entry, in its words."), required=True, metavar=N_("ENTRY"))
        as_json = Param("json", N_("Print the room's list as JSON (for scripts)."), "--json", type=bool)

        def merge(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
            item = item_of(ex, args, question.what)
            listed = self.desk_list(desk, ex, item.id)
            gone, kept = picked(listed, args["entry"], ex, item), picked(listed, args["into"], ex, item)
            if gone.key == kept.key:
                raise UsageError(_("an entry cannot be merged into itself"))
            said = _("“{entry}” merged into “{into}” on the room's list").format(entry=gone.text, into=kept.text)
            self.keep_merge(desk, ex, item, (gone.key, kept.key), said, args["json"])

        def unmerge(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
            item = item_of(ex, args, question.what)
            gone = absorbed_one(self.desk_list(desk, ex, item.id), args["entry"], ex, item)
            said = _("“{entry}” is its own entry again on the room's list").format(entry=gone[1])
            self.keep_merge(desk, ex, item, (gone[0], ""), said, args["json"])

        return [
            Action("room-merge", N_("Merge an entry of the whole room's list into another (a duplicate, across tables too)."),
                   (item_param(question), entry, into, as_json), merge, per_group=False, in_room=False),
            Action("room-unmerge", N_("Undo a merge on the whole room's list."), (item_param(question), merged, as_json), unmerge,
                   per_group=False, in_room=False),
        ]  # fmt: skip

    def desk_list(self, desk: Desk, ex: Exercise, item: str) -> list[Listed]:
        ballots, sheets, state = desk.room()
        return self.room_list(ex, item, ballots, sheets, state)

    def keep_merge(self, desk: Desk, ex: Exercise, item: Item, merge: tuple[str, str], said: str, as_json: bool) -> None:
        """The merge (entry, into; into empty undoes it) saved in the room's state (read, changed and written in one
        lock hold) and `said`, then the list as it is now."""
        desk.change_room(room_merging(f"{stop_key(ex, item.id)}#{merge[0]}", merge[1]), said)
        listed = self.desk_list(desk, ex, item.id)
        if as_json:
            rows = [
                {"number": n, "text": e.text, "votes": e.votes, "merged": [t for _key, t in e.absorbed]} for n, e in enumerate(listed, 1)
            ]
            desk.show(json.dumps({"question": item.id, "entries": rows}, ensure_ascii=False, indent=2))
        else:
            desk.show("\n".join(listed_lines(listed)))


KIND = Upvotes()
