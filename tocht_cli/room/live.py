"""A session's room while it runs: where the facilitator is, what the participants gave, and
what the screen and the phones show.

Every answer a participant gives is saved in the session file before their phone hears
"saved" (through the room's one writer thread, writer.py): as a room answer (a ballot)
of their device, one per device and item, with the table they sit at. A room stores no
address and no browser of anyone, only the random device id their cookie carries.
The facilitator's acts (go to an item, reveal, the timer, save the tally) are kept in the
session's room state, so a room stopped and started again is where it was.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tocht_cli.base.errors import TochtError, UsageError
from tocht_cli.base.i18n import _, speaking
from tocht_cli.kinds.contract import Action, Exercise, Kit, PersonalCard, Sheet, question_number, reference, stop_key
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.upvotes import room_merging
from tocht_cli.kinds.values import check_record
from tocht_cli.render.blocks import Block
from tocht_cli.room.keys import Keys
from tocht_cli.room.timer import DEFAULT_MINUTES, MINUTE, Timer
from tocht_cli.room.writer import Key, Writer, key
from tocht_cli.sessions import ballots as counted
from tocht_cli.sessions.ballots import ballot_kind
from tocht_cli.sessions.workspace import Desk, GroupGone, Workspace, now_called
from tocht_cli.store import EXERCISE_LEVEL, PHONES, Ballot, Record, now
from tocht_cli.store.checked import Identity, identity

T = TypeVar("T")
SEEN = 120.0  # a device that never kept a live page open (no JavaScript) counts as present this long after its last request
GONE = 1.0  # a device whose last live page closed counts as gone this long after, unless it opens another (a reload)
FOLLOW = 1.0  # how often (seconds) the room looks whether another terminal changed the session's groups


def at_tables(ex: Exercise, item: str) -> bool:
    """An item the tables answer (scribes, a phone for its table), not each device: its result is what
    the tables said."""
    return bool(item) and ballot_kind(ex) is None and ex.kind.device_shape(ex, item) is None


@dataclass(frozen=True)
class Device:
    """A participant as the room knows them: a random id, the table they chose, a name in a named room, and
    whether it joined only to fill in its table's forms (a scribe's laptop, not a participant's phone)."""

    id: str
    table: str = ""
    name: str = ""
    language: str = ""  # the language its pages show the kit in, when the room offers several (room/languages.py)
    scribe: bool = False


class Refused(UsageError):
    """A participant's answer the room does not take (the vote is closed, the room moved on)."""


class Clash(Refused):
    """A scribe's command refused because another scribe changed what it acts on since the form showed it."""


@dataclass(frozen=True)
class Stop:
    """A place the facilitator can take the room to: an exercise's opening, or one of its items."""

    exercise: Exercise
    item: Item | None = None

    @property
    def key(self) -> str:
        return stop_key(self.exercise, self.item.id if self.item else "")

    @property
    def number(self) -> str:
        """The item's number as the room shows it; "" where it would count nothing: an opening, or the one
        question of a room's round (a "1" the facilitator and the room read as a count)."""
        ex, item = self.exercise, self.item
        return reference(ex.kind, item) if item is not None and question_number(ex.kind, ex, item) else ""


def stops(kit: Kit) -> list[Stop]:
    """Every exercise's opening, then the question of the room's round it asks first, then its items one by
    one (a card is played all day: its opening only)."""
    out = []
    for ex in kit.exercises:
        out.append(Stop(ex))
        if ex.room_round is not None:
            out += [Stop(ex.room_round, item) for item in ex.room_round.kind.items(ex.room_round)]
        if ex.kind.personal_card(ex) is None:
            out += [Stop(ex, item) for item in ex.kind.items(ex)]
    return out


def card_order(card: PersonalCard, device: str, ex: Exercise) -> list[Item]:
    """The card's items shuffled for this device, the same every time it looks."""
    items = list(card.items)
    random.Random(f"{device}/{ex.id}").shuffle(items)
    return items


def item_title(ex: Exercise, item: str, width: int = 60) -> str:
    """An answer named in a sentence: its title (the exercise's for the exercise-wide one), cut short, quoted."""
    title = ex.title if item == EXERCISE_LEVEL else dict(ex.kind.answer_items(ex)).get(item, item)
    return f"«{title if len(title) <= width else title[: width - 1].rstrip() + '…'}»"


def fingerprint(value: Any) -> str:
    """What a form showed of an answer, to tell later whether someone changed it meanwhile."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def field_fingerprint(ex: Exercise, item: str, name: str, value: dict[str, Any]) -> str:
    """What a scribe's form shows of one field of an answer (unanswered: the kind's empty value, as its value type
    reads it), as a fingerprint: the form and the save compare the same thing, so a first answer is no clash."""
    empty = ex.kind.empty(ex, item)
    return fingerprint(ex.kind.fields(ex, item)[name].check(value.get(name, empty.get(name))))


class Changes:
    """Wakes the live pages when the room changes: any thread may say so, the server's loop listens."""

    def __init__(self) -> None:
        self.version = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._lock = threading.Lock()

    def notify(self) -> None:
        with self._lock:
            self.version += 1
            loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._fire)

    def _fire(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or after `timeout` seconds."""
        self._loop = asyncio.get_running_loop()
        if self.version == seen:
            if self._event is None:
                self._event = asyncio.Event()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), timeout)
        return self.version


def holds_whole(saved: str, text: str) -> bool:
    """Whether a saved answer's text holds `text` as one of its parts, whole (a note's line without its bullet, a
    comment's part between " · "), its spaces aside: an argument "ja" is not in a note that merely contains "ja"."""
    wanted = " ".join(text.split())
    parts = (part for line in saved.splitlines() for part in (line, *line.split(" · ")))
    return any(" ".join(part.split()).removeprefix("• ").removeprefix("– ") == wanted for part in parts)


class RoomDesk(Desk):
    """A kind's direct command run for a table's scribe: what it confirms is collected, not printed."""

    def __init__(self, ws: Workspace, ex: Exercise, group: str):
        super().__init__(ws, ex, group)
        self.said: list[str] = []

    def saved(self, what: str) -> None:
        self.said.append(what)

    def show(self, text: str) -> None:
        pass  # the page shows the answers itself

    def present(self, blocks: list[Block]) -> None:
        pass  # the page shows the answers itself


@dataclass
class Room:
    ws: Workspace
    keys: Keys
    named: bool = False
    setup: Callable[[], None] = lambda: None  # this run's language, for the writer's thread
    clock: Callable[[], float] = time.monotonic
    changes: Changes = field(default_factory=Changes)  # anything the screen shows, votes too
    moves: Changes = field(default_factory=Changes)  # what every phone follows: the place, the reveal, the timer
    closing: bool = False

    def __post_init__(self) -> None:
        self.kit = self.ws.kit
        self.groups = list(self.ws.groups)
        self.renamed: dict[str, str] = dict(self.ws.session.get("renamed") or {})
        self.tables = 0  # how often the session's groups changed while the room was open
        self._stamp = self._file_stamp()
        self.stops = stops(self.kit)
        self._lock = threading.RLock()
        self._ballots: dict[Key, Ballot] = {key(b): b for b in counted.upgraded(self.kit, self.ws.store.ballots(self.ws.id))}
        state = self.ws.store.room(self.ws.id)
        self.revealed: set[str] = set(state.get("revealed") or [])
        self.shut: set[str] = set(state.get("closed") or [])  # the places whose vote is closed for good
        self.hidden: set[str] = set(state.get("hidden") or [])  # arguments kept off the screen: place#device
        self.merged: dict[str, str] = dict(state.get("merged") or {})  # a list's entries merged: place#entry → entry
        self.timers: dict[str, int] = dict(state.get("timers") or {})
        self.mapped: set[str] = set(state.get("mapped") or [])  # the places where the screen shows the opinion map
        restored = self._restored(state)
        self.reopened = restored is not None  # it was somewhere when it last closed: a walk beside it goes on there
        self.at = restored or 0
        self.walked: str | None = None  # where a walk beside the room (`tocht run --room`) last took the screen
        self.taken_back: Stop | None = None  # where the control view had taken the screen when the walk took it back
        self.timer = Timer(self.clock)
        self._seen: dict[str, float] = {}
        self._open: dict[str, int] = {}  # live pages (event streams) each device holds open now
        self._streamed: set[str] = set()  # devices that ever held one: they are gone soon after their last closes
        self._once: set[str] = set()  # devices seen in one request only, and no live page yet: not counted
        self._scribes: set[str] = set()  # devices that joined as their table's scribe (a laptop): not counted
        self.writer = Writer(self.ws.store, self.ws.id, self.setup, self._saved, self._placed)
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="tocht-room-follow", daemon=True)
        self._watcher.start()

    # -- where the room is -----------------------------------------------
    def _restored(self, state: dict[str, Any]) -> int | None:
        """The stop where the room was when it last closed; None when it never was anywhere (or is gone from the kit)."""
        wanted = f"{state.get('exercise', '')}/{state.get('item', '')}"
        return next((n for n, stop in enumerate(self.stops) if stop.key == wanted), None)

    @property
    def stop(self) -> Stop:
        return self.stops[self.at]

    def go(self, index: int) -> None:
        """Take the room to stop `index`; the timer of the stop it leaves is counted and stopped."""
        with self._lock:
            index = max(0, min(index, len(self.stops) - 1))
            if index == self.at:
                return
            self._settle_timer()
            self.at = index
            self.taken_back = None  # a note of the place before: said until the screen moves again
        self._keep()

    def goto(self, ex: Exercise, item: str | None) -> None:
        """Follow the walk: the exercise's opening, or one of its items (an item the room does not stop at: the opening)."""
        wanted = stop_key(ex, item or "")
        index = next((n for n, s in enumerate(self.stops) if s.key == wanted), None)
        if index is None:
            index = next(n for n, s in enumerate(self.stops) if s.exercise.id == ex.id)
        self.go(index)

    def follow_walk(self, ex: Exercise, item: str | None) -> None:
        """The walk came to `ex` (its opening) or its `item`: the screen goes there, as the last place chosen.
        Where the control view had taken the screen meanwhile is kept (`taken_back`), so both faces say so."""
        away = self.away_from_walk()
        self.goto(ex, item)
        with self._lock:
            self.walked = self.stop.key
            self.taken_back = away if away is not None and away.key != self.walked else None
        self.moved()

    def away_from_walk(self) -> Stop | None:
        """Where the screen is when the control view took it away from the walk's place; None when it is
        where the walk is (or no walk follows the room)."""
        with self._lock:
            return None if self.walked is None or self.stop.key == self.walked else self.stop

    def walk_done(self) -> None:
        """The walk beside the room ended: no walk follows the screen now, so neither face says what it took back
        or that its next step takes the screen back (there is none)."""
        with self._lock:
            self.walked, self.taken_back = None, None
        self.moved()

    def step(self, by: int) -> None:
        self.go(self.at + by)

    def step_exercise(self, by: int) -> None:
        """To the opening of the next (or previous, or this one's when inside it) exercise."""
        with self._lock:
            openings = [n for n, s in enumerate(self.stops) if s.item is None]
            if by > 0:
                target = next((n for n in openings if n > self.at), self.at)
            else:
                target = next((n for n in reversed(openings) if n < self.at), 0)
        self.go(target)

    def reveal(self, shown: bool | None = None) -> bool:
        """Show (or hide again) the results of where the room is; None: the other way round. Returns whether shown.
        A result shown closes the vote: nobody changes a vote after seeing how the room voted (hiding it again
        does not reopen it; `close_vote` does). At a table exercise's item the result is what the tables
        answered. Where there is nothing to show, refused, not claimed."""
        stop, shown_key = self.stop, self.answer_key()
        if not shown_key:
            raise UsageError(_("nothing to show here: the participants do not vote on this"))
        if at_tables(stop.exercise, shown_key) and not self.answered(stop.exercise, shown_key):
            raise UsageError(_("nothing to show here yet: no table has answered this"))
        with self._lock:
            where = self.stop.key
            shown = where not in self.revealed if shown is None else shown
            if shown:
                self.revealed.add(where)
                self.shut.add(where)
                self.timer.halt()
            else:
                self.revealed.discard(where)
        self._keep()
        return shown

    def show_map(self, shown: bool | None = None) -> bool:
        """Show (or hide again) the opinion map of the exercise where the room is, on the screen and each phone;
        None: the other way round. Refused where the participants do not vote for or against statements."""
        from tocht_cli.sessions.opinions import mappable

        if not mappable(self.stop.exercise):
            raise UsageError(_("no opinion map here: the participants do not vote for or against statements"))
        with self._lock:
            where = self.stop.key
            shown = where not in self.mapped if shown is None else shown
            if shown:
                self.mapped.add(where)
            else:
                self.mapped.discard(where)
        self._keep()
        return shown

    def map_shown(self) -> bool:
        return self.stop.key in self.mapped

    def close_vote(self, shut: bool | None = None) -> bool:
        """Close (or reopen) the vote where the room is, now; None: the other way round. Returns whether closed."""
        with self._lock:
            where = self.stop.key
            shut = not self.closed() if shut is None else shut
            if shut:
                self.shut.add(where)
                self.timer.halt()
            else:
                self.shut.discard(where)
                self.timer.closes = False  # reopened: the timer at zero does not close it again at once
        self._keep()
        return shut

    def answer_key(self) -> str:
        """The answers the room shows where it is: its item's, or at a table exercise's opening the tables'
        exercise-wide answer (the plan's "Bij wie?"); "" where there is none (a bingo card is each player's own)."""
        stop = self.stop
        if stop.item is not None:
            return stop.item.id
        ex = stop.exercise
        whole = ballot_kind(ex) is None and ex.kind.personal_card(ex) is None and ex.kind.has_whole(ex)
        return EXERCISE_LEVEL if whole else ""

    def is_revealed(self) -> bool:
        return self.stop.key in self.revealed

    # -- the timer ----------------------------------------------------------
    def minutes(self) -> int:
        """The timer's length where the room is: what the kit suggests for the exercise, else tocht's own."""
        return self.stop.exercise.minutes or DEFAULT_MINUTES

    def timer_start(self) -> None:
        """Start, pause or resume the timer."""
        with self._lock:
            self.timer.start(self.minutes() * MINUTE)
        self.moved()

    def timer_extend(self) -> None:
        with self._lock:
            self.timer.extend(MINUTE)
        self.moved()

    def timer_closes(self) -> bool:
        """Toggle whether the vote closes when the timer reaches zero."""
        with self._lock:
            self.timer.closes = not self.timer.closes
            closes = self.timer.closes
        self.moved()
        return closes

    def _settle_timer(self) -> None:
        """The room leaves where it is: the seconds the timer ran there are recorded, and a vote the timer
        closed stays closed."""
        where = self.stop.key
        if self.timer_closed():
            self.shut.add(where)
        used = self.timer.finish()
        if used:
            self.timers[where] = self.timers.get(where, 0) + used

    def timer_closed(self) -> bool:
        return self.timer.closes and self.timer.expired

    def timer_shown(self) -> dict[str, Any]:
        """The timer as everyone sees it. Once the vote closed (shown, closed now), "closes at zero" is no
        longer true: the clock stopped there (the facilitator may start it again as a talking timer), without that
        note, and it says "stopped", not "paused" (nobody waits for it to go on)."""
        shown = self.timer.shown()
        shown["closes"] = shown["closes"] and self.stop.key not in self.shut
        shown["stopped"] = shown["state"] == "paused" and self.stop.key in self.shut  # the vote closed: not a pause
        return shown

    def closed(self) -> bool:
        """Whether the vote on where the room is has closed: its result was shown, the facilitator closed it,
        or the timer reached zero, set to close it."""
        return self.stop.key in self.shut or self.timer_closed()

    # -- keeping the room's state ---------------------------------------
    def _keep(self) -> None:
        """Save where the room is, what it revealed and how long its timers ran; then wake the pages."""
        with self._lock:
            stop = self.stop
            state = {
                "exercise": stop.exercise.id,
                "item": stop.item.id if stop.item else "",
                "revealed": sorted(self.revealed),
                "closed": sorted(self.shut),
                "hidden": sorted(self.hidden),
                "timers": dict(self.timers),
                **({"mapped": sorted(self.mapped)} if self.mapped else {}),
            }

        self.writer.call(lambda: self._change_state(lambda saved: {**state, "merged": saved.get("merged") or {}}))
        self.moved()

    def moved(self) -> None:
        """Wake every live page: the screen and the phones."""
        self.changes.notify()
        self.moves.notify()

    def _saved(self, ballots: list[Ballot]) -> None:
        """The room's memory takes the answers just saved; its workspace (the walk's, in `run --room`) reads them
        afresh next time, or a round's result read there leaves out what the phones gave while it waited."""
        with self._lock:
            for ballot in ballots:
                if ballot.get("value") is None:
                    self._ballots.pop(key(ballot), None)
                else:
                    self._ballots[key(ballot)] = ballot
        self.ws.forget()
        self.changes.notify()

    def close(self) -> None:
        """Count the timer and save where the room is; then stop the writer (every answer is saved by then)."""
        if self.writer.closed:
            return
        self.closing = True
        self._stopping.set()
        self._watcher.join()
        with self._lock:
            self._settle_timer()
        self._keep()
        self.writer.close()

    # -- the session's groups, changed from another terminal ---------------
    def _file_stamp(self) -> Identity | None:
        return identity(self.ws.store.session_file(self.ws.id))

    def _watch(self) -> None:
        while not self._stopping.wait(FOLLOW):
            with suppress(TochtError):  # a file damaged meanwhile: the next answer saved says so to its sender
                self.follow()

    def follow(self) -> None:
        """Take the session's groups as `tocht group rename/add/remove` left them in the file: the pages show
        the tables as they are, and a phone follows its table's new name (or chooses again when it is gone)."""
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self.writer.call(lambda: self._reread(stamp))
            self.changes.notify()  # an answer saved (a scribe, the walk): the screen and the control view show it

    def _reread(self, stamp: Identity | None) -> None:
        """In the writer's thread, so no answer being saved is lost from the room's memory. The file counts as
        seen only once it is read: a request that asks while the watcher's reread is under way queues behind it,
        instead of going on with the tables as they were (a busy machine let an answer for a removed table in)."""
        try:
            self._take_groups()
            merged = dict(self.ws.store.room(self.ws.id).get("merged") or {})
            with self._lock:
                self.merged = merged
        finally:
            self._stamp = stamp

    def _take_groups(self) -> None:
        record = self.ws.store.session(self.ws.id)
        groups, renamed = list(record.get("groups") or [self.kit.label("default_group")]), dict(record.get("renamed") or {})
        if groups == self.groups and renamed == self.renamed:
            return
        ballots = counted.upgraded(self.kit, self.ws.store.ballots(self.ws.id))  # a rename moved them, a removal took them away
        with self._lock:
            self.groups, self.renamed, self.tables = groups, renamed, self.tables + 1
            self._ballots = {key(b): b for b in ballots}
            self.ws.session = record
        self.ws.forget()
        self.moved()

    def table(self, chosen: str) -> str:
        """The table a phone chose, by its name now ('' when it is gone: the phone chooses again)."""
        with self._lock:
            return now_called(self.groups, self.renamed, chosen) or ""

    def _placed(self, record: Record | None, ballots: list[Ballot]) -> list[Ballot]:
        """Participants' answers at their table as the session's groups are under the lock (the workspace's
        one rule, as for the scribes' answers): a table renamed meanwhile by its new name; a table removed
        meanwhile refuses them."""
        with self._at_table():
            return [{**ballot, "group": self.ws.placed(record, ballot["group"])} for ballot in ballots]

    @contextmanager
    def _at_table(self) -> Iterator[None]:
        """A table found removed under the lock: the phone is asked to choose its table again."""
        try:
            yield
        except GroupGone:
            raise Refused(self.kit.words.gettext("Choose your table first.")) from None

    def where(self) -> str:
        """What a phone's page follows to know it must load again: the place, and the tables."""
        return f"{self.stop.key}#{self.tables}" + ("#map" if self.map_shown() else "")

    # -- participants -------------------------------------------------------
    # A device is present while one of its pages keeps a live connection open (every participant's page
    # does, with JavaScript), and for GONE seconds after the last one closes (a page reloading opens the
    # next within that); a device without JavaScript is present for SEEN seconds after its last request.
    # A device that never held a live page counts from its second request on: a join link opened twice at
    # once (a double tap, a QR scanner's preview) makes a device whose one page load nobody kept, and it
    # must not count as a participant for SEEN seconds. Whoever comes or goes wakes the screen: the count
    # is right within GONE seconds.
    def seen(self, device: str) -> None:
        now_ = self.clock()
        with self._lock:
            if device not in self._streamed and device not in self._seen and device not in self._once:
                if len(self._once) > 5000:
                    self._once.clear()
                self._once.add(device)
                return
            came = not self._is_present(device, now_)
            self._seen[device] = now_
            self._once.discard(device)
            if len(self._seen) > 5000:
                self._seen = {d: t for d, t in self._seen.items() if self._is_present(d, now_)}
        if came:
            self.changes.notify()

    def live_opened(self, device: str) -> None:
        """One of the device's pages opened its live connection."""
        with self._lock:
            came = not self._is_present(device, self.clock())
            self._open[device] = self._open.get(device, 0) + 1
            self._streamed.add(device)
        self.seen(device)
        if came:
            self.changes.notify()

    def live_closed(self, device: str) -> None:
        """One of the device's live connections closed (a reload, another page, or the tab closed)."""
        with self._lock:
            left = self._open.get(device, 0) - 1
            if left > 0:
                self._open[device] = left
            else:
                self._open.pop(device, None)
            self._seen[device] = self.clock()
        self.changes.notify()  # the screen's stream then waits until the device counts as gone

    def _is_present(self, device: str, now_: float) -> bool:
        if self._open.get(device):
            return True
        last = self._seen.get(device)
        return last is not None and now_ - last < (GONE if device in self._streamed else SEEN)

    def present(self) -> int:
        """The participants in the room now: their devices, the scribes' laptops left out."""
        now_ = self.clock()
        with self._lock:
            return sum(1 for device in self._seen if device not in self._scribes and self._is_present(device, now_))

    def scribing(self, device: str, scribe: bool) -> None:
        """A device that joined as its table's scribe (a laptop) is not a participant, on whichever page; a participant's
        phone on its table's forms still is (the count fell from 12 to 7 as phones opened them): the screen counts people."""
        with self._lock:
            changed = (device in self._scribes) != scribe
            if scribe:
                self._scribes.add(device)
            else:
                self._scribes.discard(device)
        if changed:
            self.changes.notify()

    def next_leave(self) -> float | None:
        """Seconds until the next device counts as gone (the screen wakes then to say so), None when nobody will."""
        now_ = self.clock()
        with self._lock:
            waits = [
                last + (GONE if device in self._streamed else SEEN) - now_
                for device, last in self._seen.items()
                if not self._open.get(device)
            ]
        future = [wait for wait in waits if wait > 0]
        return min(future) if future else None

    def ballots(self, ex: Exercise, item: str) -> list[Ballot]:
        with self._lock:
            return [b for (e, i, _), b in self._ballots.items() if e == ex.id and i == item]

    def exercise_ballots(self, ex: Exercise) -> list[Ballot]:
        """Every room answer of the exercise, on all its items (the opinion map reads them at once)."""
        with self._lock:
            return [b for (e, _i, _d), b in self._ballots.items() if e == ex.id]

    def own(self, device: Device, ex: Exercise, item: str) -> dict[str, Any]:
        with self._lock:
            found = self._ballots.get((ex.id, item, device.id))
        return dict(found["value"]) if found else {}

    def awaits_vote(self, device: Device) -> bool:
        """A vote is open where the room is and this phone has not voted: its other pages say so."""
        stop = self.stop
        if ballot_kind(stop.exercise) is None or stop.item is None or self.closed():
            return False
        return not self.own(device, stop.exercise, stop.item.id)

    def _ballot(self, device: Device, ex: Exercise, item: str, value: dict[str, Any] | None) -> Ballot:
        doc: Ballot = {"exercise": ex.id, "item": item, "group": device.table, "device": device.id, "value": value, "at": now()}
        if self.named and device.name:
            doc["name"] = device.name
        return doc

    def vote(self, device: Device, ex: Exercise, item: str, given: dict[str, Any]) -> dict[str, Any]:
        """A participant's answer to the item the room is on, saved before this returns."""
        kind = ballot_kind(ex)
        with self._lock:
            stop = self.stop
            if kind is None or stop.exercise is not ex or stop.item is None or stop.item.id != item:
                raise Refused(self.kit.words.gettext("The room has moved on; this is no longer being voted on."))
            if self.closed():
                raise Refused(self.kit.words.gettext("The vote is closed."))
        self._needs_table(device)
        owner = self.answered_by_another(device, ex, item)
        if owner:
            raise Refused(self.kit.words.gettext("Only {table} answers this one.").format(table=owner))
        try:
            value = counted.validate(ex, item, given)
        except ValueError as exc:
            raise Refused(str(exc)) from None
        if any(value.get(f.name) in (None, "") for f in kind.ballot if f.main):
            raise Refused(self.kit.words.gettext("Choose an answer first."))
        ballot = self._ballot(device, ex, item, value)
        self.writer.ballots(lambda current: [ballot])
        return value

    def answered_by_another(self, device: Device, ex: Exercise, item: str) -> str | None:
        """The table that alone answers `item` (a follow-up step its owner marks), when it is not this device's."""
        with self._lock:
            tables = list(self.groups)
        owner = ex.kind.answered_only_by(ex, item, tables)
        return owner if owner is not None and owner != device.table else None

    def _needs_table(self, device: Device) -> None:
        if device.table not in self.groups:
            raise Refused(self.kit.words.gettext("Choose your table first."))

    def keep_own(self, device: Device, ex: Exercise, item: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Change what the device keeps of its own for `item` where the room is (a list's proposals and the
        entries it supports): read, changed, checked and saved in one hold of the writer; refused once the
        vote closed or the room moved on."""
        with self._lock:
            stop = self.stop
            if stop.exercise is not ex or stop.item is None or stop.item.id != item:
                raise Refused(self.kit.words.gettext("The room has moved on; this is no longer being voted on."))
            if self.closed():
                raise Refused(self.kit.words.gettext("The vote is closed."))
        self._needs_table(device)

        def write(current: dict[Key, Ballot]) -> list[Ballot]:
            found = current.get((ex.id, item, device.id))
            try:
                value = counted.validate(ex, item, change(dict(found["value"]) if found else {}))
            except ValueError as exc:
                raise Refused(str(exc)) from None
            return [self._ballot(device, ex, item, value)]

        return dict(self.writer.ballots(write)[0]["value"])

    def merges(self, ex: Exercise, item: str) -> dict[str, str]:
        """The entries of a list the facilitator merged into another, where the room is: entry → entry."""
        place = f"{stop_key(ex, item)}#"
        with self._lock:
            return {key.removeprefix(place): into for key, into in self.merged.items() if key.startswith(place)}

    def merge(self, entry: str, into: str) -> None:
        """Count a list's entry where the room is as another (a duplicate); `into` empty undoes it."""
        with self._lock:
            stop = self.stop
            if stop.item is None or entry == into:
                raise Refused(self.kit.words.gettext("There is nothing here."))
            key = f"{stop_key(stop.exercise, stop.item.id)}#{entry}"
        self.writer.call(lambda: self._change_state(room_merging(key, into)))
        self.moved()

    def _change_state(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """In the writer's thread: the room's state as the file has it, changed and written in one lock hold. The
        lists' merges are the file's (`tocht upvotes room-merge` from a terminal changes them there too)."""
        with self.ws.store.transaction(self.ws.id) as answers:
            state = change(answers.room())
            answers.put_room(state)
        with self._lock:
            self.merged = dict(state.get("merged") or {})

    # -- a card each (bingo) --------------------------------------------
    def card(self, device: Device, ex: Exercise) -> tuple[PersonalCard, list[Item], dict[str, Any]]:
        card = ex.kind.personal_card(ex)
        if card is None:
            raise Refused(self.kit.words.gettext("That is not on your card."))
        return card, card_order(card, device.id, ex), self.own(device, ex, EXERCISE_LEVEL)

    def cross(self, device: Device, ex: Exercise, item_id: str, crossed: bool) -> dict[str, Any]:
        """Cross (or uncross) one item on the device's card; the moment it reaches the target is its win,
        and taking crosses back below the target takes the win away. Read and changed under the lock."""
        card = ex.kind.personal_card(ex)
        if card is None or item_id not in {i.id for i in card.items}:
            raise Refused(self.kit.words.gettext("That is not on your card."))
        self._needs_table(device)
        shape = counted.card_shape(card)

        def change(current: dict[Key, Ballot]) -> list[Ballot]:
            found = current.get((ex.id, EXERCISE_LEVEL, device.id))
            value = dict(found["value"]) if found else {"crossed": [], "won_at": None}
            chosen = set(value.get("crossed") or [])
            chosen = chosen | {item_id} if crossed else chosen - {item_id}
            enough = len(chosen) >= card.target
            won = (value.get("won_at") or now()) if enough else None
            return [self._ballot(device, ex, EXERCISE_LEVEL, check_record(shape, {"crossed": sorted(chosen), "won_at": won}))]

        return dict(self.writer.ballots(change)[0]["value"])

    def wins(self, ex: Exercise) -> list[tuple[str, str, str]]:
        """(who, table, when) of every card that reached its target, the first first."""
        with self._lock:
            mine = [b for (e, i, _), b in self._ballots.items() if e == ex.id and i == EXERCISE_LEVEL]
        return counted.wins(ex, mine, self.kit)

    # -- results ------------------------------------------------------------
    def tally(self, ex: Exercise, item: str) -> dict[str, dict[str, int]]:
        """Per table (in the session's order), the count of each option of the ballot's main field."""
        return counted.tally(ex, self.ballots(ex, item), self.groups) if ballot_kind(ex) else {}

    def arguments(self, ex: Exercise, item: str, hidden_too: bool = False) -> list[tuple[counted.Argument, bool]]:
        """What participants wrote besides their choice (a statement's arguments), by position, oldest first;
        each with whether the facilitator keeps it off the screen (left out unless `hidden_too`)."""
        with self._lock:
            given = [counted.worded(ex, b, self.hidden, self.kit) for b in self.ballots(ex, item)]
            marked = [(a, self._hidden_key(ex, item, a.device) in self.hidden) for a in counted.arguments(ex, given)]
        return [(argument, hidden) for argument, hidden in marked if hidden_too or not hidden]

    @staticmethod
    def _hidden_key(ex: Exercise, item: str, device: str) -> str:
        return f"{stop_key(ex, item)}#{device}"

    def hide_argument(self, device: str, hidden: bool) -> None:
        """Keep a participant's argument where the room is off the screen and out of the tally's note (or
        show it again); the argument itself stays in their room answer."""
        with self._lock:
            stop = self.stop
            if stop.item is None:
                raise Refused(self.kit.words.gettext("There is nothing here."))
            marked = self._hidden_key(stop.exercise, stop.item.id, device)
            if hidden:
                self.hidden.add(marked)
            else:
                self.hidden.discard(marked)
        self._keep()

    def taken_over(self, device: str) -> str:
        """The table whose saved answer where the room is already holds `device`'s argument (a tally saved before
        it was hidden copied it), "" when none: hiding it then keeps it off the screen only, and the facilitator
        is told to change that answer (it is the table's now; tocht never rewrites it behind their back)."""
        stop = self.stop
        if stop.item is None:
            return ""
        ex, item = stop.exercise, stop.item.id
        for argument, _hidden in self.arguments(ex, item, hidden_too=True):
            value = self.sheet(ex, argument.group).values.get(item) or {} if argument.device == device else {}
            if any(isinstance(v, str) and holds_whole(v, argument.text) for v in value.values()):
                return argument.group
        return ""

    def suggestion(self, ex: Exercise, item: str, group: str) -> dict[str, Any]:
        """What the table's ballots make of its answer to `item` (its hands), {} when it has none: the walk
        offers it as the answer."""
        kind = ballot_kind(ex)
        mine = [b for b in self.ballots(ex, item) if b["group"] == group] if kind else []
        if kind is None or not mine:
            return {}
        change = kind.tally(ex, item, mine)
        return change({}) if callable(change) else dict(change)

    def save_tally(self) -> dict[str, dict[str, Any]]:
        """The tables' answers to where the room is, from their participants' ballots: in one lock hold,
        read, merged, validated and written. Returns each table's saved answer."""
        stop = self.stop
        kind = ballot_kind(stop.exercise)
        if kind is None or stop.item is None:
            raise UsageError(_("the room is not on an item its participants vote on"))
        ex, item = stop.exercise, stop.item.id

        def write() -> dict[str, dict[str, Any]]:
            saved: dict[str, dict[str, Any]] = {}
            with self.ws.store.transaction(self.ws.id) as answers:
                mine = [b for b in counted.upgraded(self.kit, answers.ballots()) if b["exercise"] == ex.id and b["item"] == item]
                self.ws.take(answers.record())  # the tables as the session has them in this lock hold
                for group in self.ws.answering_groups(ex):  # what the meeting answers as one: every table's ballots
                    at_table = [counted.vetted(ex, b, self.hidden, self.kit) for b in mine if b["group"] == group or ex.kind.meeting_wide]
                    if not at_table:
                        continue
                    value = dict(kind.upgraded(ex, item, answers.get(ex.id, item, group) or kind.empty(ex, item)))
                    change = kind.tally(ex, item, at_table)
                    try:
                        checked = kind.validate(ex, item, change(value) if callable(change) else {**value, **change})
                    except ValueError as exc:
                        raise UsageError(str(exc)) from None
                    saved[group] = answers.put(ex.id, item, group, checked, PHONES)["value"]
            self.ws.forget()
            return saved

        return self.writer.call(write)

    def answered(self, ex: Exercise, item: str) -> list[tuple[str, dict[str, Any]]]:
        """(table, answer) of every table that answered `item` of a table exercise, in the session's order:
        what its scribes entered (or the walk recorded), read from the file as it is now."""

        def read() -> list[tuple[str, dict[str, Any]]]:
            self.ws.forget()
            values = [(group, self.ws.sheet(ex, group).get(item)) for group in self.ws.groups]
            return [(group, value) for group, value in values if value and ex.kind.is_answered(ex, item, value)]

        return self.writer.call(read)

    # -- a table's scribe -------------------------------------------------
    def sheet(self, ex: Exercise, group: str) -> Sheet:
        """The table's answers to an exercise as they are in the file now."""

        def read() -> Sheet:
            self.ws.forget()
            return self.ws.sheet(ex, group)

        return self.writer.call(read)

    def answer(
        self, device: Device, ex: Exercise, item: str, given: dict[str, Any], shown: dict[str, str]
    ) -> tuple[dict[str, Any], list[str]]:
        """A scribe's form for one item: each field they changed is merged into the table's latest answer,
        unless another scribe changed that same field since the form was shown (theirs stays, and the
        field is named back). Returns the answer saved and the fields left as the other scribe had them."""
        self._needs_table(device)
        kept: list[str] = []

        def change(value: dict[str, Any]) -> dict[str, Any]:
            kept.clear()
            merged = dict(value)
            for name, new in given.items():
                before = shown.get(name)
                if before is not None and fingerprint(new) == before:
                    continue  # left as it was shown
                if before is not None and field_fingerprint(ex, item, name, value) != before and value.get(name) != new:
                    kept.append(name)  # another scribe's change since: it stays
                    continue
                merged[name] = new
            return merged

        if all(shown.get(name) == fingerprint(new) for name, new in given.items()):
            return self.sheet(ex, device.table).get(item) or {}, []  # sent back as shown: nothing to record

        def save() -> dict[str, Any]:
            with speaking(self.kit.language):  # what refuses it is said on the scribe's page, in the room's words
                return self.ws.save(ex, item, device.table, change)

        return self._for_table(save), list(kept)

    def act(self, device: Device, ex: Exercise, action: Action, item: str, args: dict[str, Any], shown: str | None) -> list[str]:
        """One of the kind's direct commands for the scribe's table, on `item`'s answer (or the exercise-wide
        one); with `shown`, refused when that answer changed since the form showed it (another scribe)."""
        self._needs_table(device)

        def run() -> list[str]:
            self.ws.forget()
            desk = RoomDesk(self.ws, ex, device.table)
            if shown is not None and fingerprint(desk.sheet().get(item) or {}) != shown:
                said = self.kit.words.gettext("Another scribe changed {item} meanwhile; look again and repeat.")
                raise Clash(said.format(item=item_title(ex, item)))
            with speaking(self.kit.language):  # what the kind's command says goes to the scribe's page
                action.run(desk, ex, args)
            return desk.said

        return self._for_table(run)

    def _for_table(self, save: Callable[[], T]) -> T:
        """A scribe's save in the writer's thread, under the table's name as the session has it in that lock
        hold; then the room takes the tables as the save found them, so the page after it already shows
        the table by its name now. Refused (the table removed), the scribe's page says so first, and then
        follows the room to the table chooser."""
        with self._at_table():
            saved = self.writer.call(save)
        self.follow()
        return saved


@contextmanager
def opened(ws: Workspace, keys: Keys, **options: Any) -> Iterator[Room]:
    room = Room(ws, keys, **options)
    try:
        yield room
    finally:
        room.close()
