"""The contract every exercise kind keeps, the kit it reads and the answer model it works on.

This is the bottom of the exercise layer: it imports no prompt library, no
command framework and no session. The types that name each other live here
together (a Kit holds Exercises, an Exercise carries its kind, a kind's methods
take an Exercise and a Kit), so no module of the layer imports one that imports
it back. A kind describes its kit section, its answers (as blocks: the facts,
never their drawing), its walk and its direct commands; the layers above (the
walk, the commands, the summaries) drive it through this contract and the two
protocols below, which they implement.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol

from msgspec import Struct, field

from tocht_cli.base import i18n
from tocht_cli.base.errors import NotFound, UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable
from tocht_cli.kinds.values import Counts, Flag, as_text, check_record, defaults
from tocht_cli.render.blocks import Block, Cell, Content, Facts, Heading, Lines, Paragraph, Table, Titled
from tocht_cli.render.markdown import hands
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from typing_extensions import TypeVar  # a default for the type parameter (typing's own from Python 3.13)

    from tocht_cli.store import SessionAnswers

    SpecT = TypeVar("SpecT", bound=KitTable, default=Any, covariant=True)
else:
    from typing import TypeVar

    SpecT = TypeVar("SpecT", bound=KitTable, covariant=True)  # the default only matters to the type checker

Change = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]
"""What is saved: fields to merge, or a function from the latest value to the new one (run under the lock)."""


# The words the room reads outside the exercises, by key: said in the kit's language from tocht's
# catalogs; a kit's [labels] table may give its own word for any of them (a kit in a language
# tocht has no catalog for gives them all).
LABELS = {
    "session": N_("Session"),
    "date": N_("Date"),
    "place": N_("Place"),
    "facilitator": N_("Facilitator"),
    "groups": N_("Groups"),
    "organisations": N_("Organisations present"),
    "people": N_("People"),
    "group": N_("Group"),
    "default_group": N_("group 1"),
    "kit": N_("Kit"),
    "unanswered": N_("not answered yet"),
    "audience": N_("For"),  # the audience an exported summary is for: the room, the network, the public
    "answered": N_("answered"),
    "progress": N_("Progress"),
    "total": N_("Total"),
    "note": N_("Note"),
    "yes": N_("yes"),
    "no": N_("no"),
    "none": N_("none"),
    "skip": N_("skip"),
    "back": N_("back"),
    "next_open": N_("next open item"),
    "jump": N_("jump to another exercise"),
    "stop": N_("quit"),
    "done": N_("done"),
    "keep": N_("keep"),
    "other": N_("write your own"),
    "remove": N_("remove"),
    "edit": N_("edit"),
    "add": N_("add"),
    "pick_suggestion": N_("Or choose one of the suggestions"),
    "choose_exercise": N_("Which exercise?"),
    "start": N_("begin"),
    "ready": N_("Ready to begin?"),
    "which_group": N_("Which group (table) is answering?"),
    "no_answer": N_("go on without an answer"),
    "earlier": N_("last time"),
    "settled_today": N_("in today's round"),  # a step's status the follow-up round of this meeting settled
    "exercise": N_("Exercise"),
    "item": N_("Item"),  # the column of a changes table naming the item (a statement, a task) by its first words
    "new": N_("new"),  # an answer a follow-up gave where the earlier meeting had none
    "what": N_("What"),
    "before": N_("then"),
    "after": N_("now"),
    "added": N_("added"),
    "removed": N_("removed"),
    "changes": N_("What has changed?"),
    "no_changes": N_("Nothing has changed."),
    "not_discussed": N_("not discussed yet"),
    "follows": N_("Follow-up of"),
    "deleted": N_("deleted"),
    "merged_from": N_("Merged from"),
    "replay_keys": N_("Enter or space: next · b: back · q: stop"),
}


Renamed = dict[str, dict[str, str]]
"""An exercise file's [renamed]: per list of options (`positions`), each former name → the option's name now.
Answers keep an option as its text: saved under a former name, they are read under the name now."""


class Exercise(Struct, Generic[SpecT], frozen=True):
    """One exercise of a kit. `spec` is its kind's part of the exercise file, validated into the kind's
    `spec_type`: a kind annotates `ex: Exercise[Spec]` and reads `ex.spec.target` type-checked; code that
    holds exercises of any kind says `Exercise` (`Exercise[Any]`) and hands the spec to the kind."""

    id: str
    kind: ExerciseKind
    code: str
    title: str
    intro: str
    spec: SpecT
    file: Path
    number: int
    subtitle: str = ""
    minutes: int = 0  # how long the room's timer runs for one item (or round); 0: tocht's own default
    renamed: Renamed = {}
    room_round: Exercise | None = None  # the whole room's round it asks first ([room]: words, upvotes or dots)

    @property
    def heading(self) -> str:
        title = f"{self.title} ({self.subtitle})" if self.subtitle else self.title
        return f"{self.code} · {title}" if self.code else title


class Kit(Struct, frozen=True):
    name: str
    version: str
    language: str
    title: str
    source: str
    intro: str
    labels: dict[str, str]
    exercises: tuple[Exercise, ...]
    path: Path
    builtin: bool = False
    letter: str = ""  # the kit's opening, read when a session starts and at the top of a summary
    closing: str = ""  # the call that closes the last exercise and the summary
    followup: Exercise | None = None  # the follow-up round's words (kit.toml `followup`); its steps come from a session

    @property
    def words(self) -> i18n.Translations:
        """tocht's own words in the kit's language: what the room reads (`kit.words.gettext(...)`)."""
        return i18n.words(self.language)

    def label(self, key: str) -> str:
        """A word the room reads: the kit's own when it gives one, else tocht's in the kit's language."""
        return self.labels.get(key) or self.words.gettext(LABELS[key])

    def words_used(self) -> dict[str, str]:
        """Every label as the room reads it."""
        return {key: self.label(key) for key in LABELS}

    @property
    def every(self) -> tuple[Exercise, ...]:
        """The exercises with the room's round each asks first (just before it): every exercise an answer
        or a room answer may belong to."""
        return tuple(x for ex in self.exercises for x in ((ex.room_round, ex) if ex.room_round else (ex,)))

    def exercise(self, ref: str) -> Exercise:
        """An exercise by id, number, its code as the walk names it ("T4") or unambiguous start of its id;
        a room's round by its id."""
        ref = ref.strip().lower()
        for ex in self.exercises:
            if ex.id.lower() == ref or str(ex.number) == ref or (ex.code and ex.code.lower() == ref):
                return ex
        for ex in self.every:
            if ex.id.lower() == ref:
                return ex
        matches = [ex for ex in self.exercises if ex.id.lower().startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(ex.id for ex in self.exercises)
        raise NotFound(_("no exercise {ref!r} in kit {kit} (exercises: {known})").format(ref=ref, kit=self.name, known=known))

    def of_kind(self, kind: str) -> list[Exercise]:
        return [ex for ex in self.every if ex.kind.name == kind]

    def reference(self) -> dict[str, str | None]:
        """What a session records about its kit."""
        return {
            "name": self.name,
            "version": self.version,
            "path": None if self.builtin else str(self.path),
        }


def stop_key(exercise: Exercise, item: str) -> str:
    """How the room names a place (what it revealed, closed, hid or merged there): the exercise's id and the item's."""
    return f"{exercise.id}/{item}"


def find_item(items: list[Item], ref: str, what: str = N_("item")) -> Item:
    """An item by its id (any case) or its number as `tocht kit show` prints it; `what` (marked with N_)
    names it in the error."""
    ref = ref.strip()
    for item in items:
        if item.id.lower() == ref.lower() or str(item.number) == ref:
            return item
    valid = ", ".join(f"{i.number}/{i.id}" for i in items)  # every one: a list cut short hides the one meant
    raise UsageError(_("no {what} {ref!r}; valid: {valid}").format(what=_(what), ref=ref, valid=valid))


class Promise(Struct, frozen=True):
    """A step a group promised in a plan (what, who, by when), as a later meeting's follow-up round asks
    what came of it: `item` is the step's id in its exercise, `title` the step's own words, `status` the
    plan's status then ("" when none was given)."""

    item: str
    title: str
    action: str
    who: str = ""
    by: str | None = None
    status: str = ""


class PlayedCard(Struct, frozen=True):
    """A participant's own card, played on their phone in the room at the group's table: who, what they
    crossed, and when it reached the target (None: not yet)."""

    who: str
    crossed: tuple[str, ...]
    won_at: str | None = None


class Sheet(Struct):
    """The answers of one group to one exercise: item id → value (and when it was given); for an exercise
    each participant plays on their own card, the cards played at the group's table too."""

    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)
    cards: tuple[PlayedCard, ...] = ()
    origins: dict[str, str] = field(default_factory=dict)  # item id → where its counts came from (store.ORIGINS)
    phones_said: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item id → its other fields the table's phones gave as they are
    unsaved: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item id → its fields shown from the phones' votes, not saved
    carried: set[str] = field(default_factory=set)  # items shown as the earlier meeting left them: offered, nobody's answer today

    @classmethod
    def of(cls, answers: list[dict[str, Any]], exercise: str, group: str) -> Sheet:
        sheet = cls()
        for doc in answers:
            if doc.get("exercise") == exercise and doc.get("group") == group:
                sheet.values[doc["item"]] = doc.get("value") or {}
                sheet.at[doc["item"]] = doc.get("at", "")
                if doc.get("origin"):
                    sheet.origins[doc["item"]] = doc["origin"]
        return sheet

    def get(self, item: str) -> dict[str, Any] | None:
        return self.values.get(item)

    @property
    def whole(self) -> dict[str, Any]:
        """The exercise-level answer (lists and headers that belong to no single item)."""
        return self.values.get(EXERCISE_LEVEL) or {}


class Nav(Exception):
    """The facilitator steers the walk from any prompt: skip, back, next open, jump or stop."""


class Skip(Nav):
    """On to the next item."""


class Back(Nav):
    """Back one question (a kind's walk), one item, or one exercise."""


class Jump(Nav):
    """To another exercise."""


class Onward(Nav):
    """On to the next item not answered yet (past answered ones), in this exercise or a later one."""


class Stop(Nav):
    """The walk ends; what was saved stays."""


def in_turn(steps: Sequence[Callable[[bool], None]], start: int = 0) -> None:
    """A kind's walk as steps (a plan's header, then its steps): each asked in turn from `start`. "terug"
    from a step goes back to the one before, told it is entered backwards (`step(True)`: from its last
    question), so back goes one question at a time in reverse order; from the first it leaves the exercise."""
    index, backwards = start, False
    while index < len(steps):
        try:
            steps[index](backwards)
        except Back:
            if index == 0:
                raise
            index, backwards = index - 1, True
            continue
        index, backwards = index + 1, False


class _NoAnswer:
    def __repr__(self) -> str:
        return "NO_ANSWER"


NO_ANSWER: Any = _NoAnswer()
"""What a select returns for "on without an answer": nothing is recorded."""


class Card(Struct, frozen=True):
    """A grid as saved, read back after every cross: the crossed values, the count the room reads
    ("7 / 10 geschrapt", or "") and a banner once the goal is reached ("BINGO!", or "")."""

    crossed: frozenset[Any]
    count: str = ""
    banner: str = ""


class Desk(Protocol):
    """What a direct command may do with one group's answers to one exercise (the command layer provides it)."""

    @property
    def kit(self) -> Kit: ...

    @property
    def group(self) -> str: ...

    def sheet(self) -> Sheet: ...

    def save(self, item: str, changes: Change) -> dict[str, Any]: ...

    def clear(self, item: str) -> bool: ...

    def transaction(self) -> AbstractContextManager[SessionAnswers]: ...

    def saved(self, what: str) -> None:
        """Confirm on stderr what landed, so the room sees it."""

    def show(self, text: str) -> None:
        """Print plain lines of data on stdout (a list to read or pipe on); anything drawn is `present`ed as blocks."""

    def present(self, blocks: list[Block]) -> None:
        """Print answers on stdout: their blocks, drawn for the terminal (a kind draws nothing itself)."""

    def hint(self, text: str) -> None:
        """Point out on stderr what the facilitator may want to change (nothing is changed for them)."""

    def over_head_count(self, item: str, value: dict[str, Any]) -> str | None:
        """Why the table cannot have given `value` with the people sitting there (`head_count_problem`); None when it can."""
        return None

    def from_room(self) -> list[tuple[str, int]]:
        """What the whole room gave in the round the exercise asks first (`Exercise.room_round`), the most
        given first, with its count (the words, the entries' support, the dots); [] without a round or answers."""
        return []

    def round_says(self, item: str) -> tuple[str, str] | None:
        """What today's follow-up round settled for this plan step (its status, and how `followup set` names the
        step); None where no round settled it."""
        return None

    def settle_round(self, item: str, status: str) -> bool:
        """Give today's round's step this status (the plan's, which the facilitator chose to hold); False where
        the round has no such status."""
        return False

    def room(self) -> tuple[list[dict[str, Any]], dict[str, Sheet], dict[str, Any]]:
        """This exercise's room answers (every device's), every table's answers, and the room's state (its lists'
        merges): what the whole room's list is made of."""
        return [], {}, {}

    def change_room(self, change: Callable[[dict[str, Any]], dict[str, Any]], said: str) -> None:
        """Change the room's state (a list's merges) in one lock hold: read, changed, checked and written; an
        open room takes it from the file. Confirms what was `said` for the whole room (no table's name)."""
        raise NotImplementedError


class Prompter(Desk, Protocol):
    """The guided walk as a kind sees it: a Desk that also asks, with navigation (skip, back, next open, jump, stop)."""

    def label(self, key: str) -> str: ...

    def item_panel(self, title: str, body: str = "", number: str = "") -> None: ...

    def select(self, message: str, choices: list[tuple[str, Any]], default: Any = None, nav: bool = True, lead: bool = False) -> Any: ...

    def checkbox(
        self, message: str, choices: list[tuple[str, Any]], checked: set[Any], earlier: frozenset[Any] = frozenset()
    ) -> list[Any]: ...

    def grid(self, message: str, cells: list[tuple[str, str, Any]], card: Card, cross: Callable[[Any, bool], Card]) -> None:
        """A card the group looks at: cells (number, text, value) side by side; arrows move, space crosses
        or uncrosses, handed at once to `cross`, which saves it and returns the card as saved; Enter ends."""

    def text(self, message: str, default: str = "", validate: Callable[[str], str | None] | None = None, offered: str = "") -> str: ...

    def autocomplete(
        self, message: str, suggestions: list[str], default: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str: ...

    def value(self, item: str) -> dict[str, Any]:
        """The prompts' defaults: this meeting's answer, else the earlier meeting's, else empty."""

    def own(self, item: str) -> dict[str, Any]:
        """This meeting's answer so far ({} when none)."""

    def before(self, item: str) -> dict[str, Any]:
        """The answer of the meeting this one follows (`tocht new --from`), {} when none."""

    def said_when(self, item: str, name: str) -> str:
        """Where `before`'s answer to a field comes from, as the walk names it: "vorige keer", or "in de ronde van
        vandaag" for what this meeting's follow-up round settled since (a step's status)."""

    def suggested(self, item: str) -> dict[str, Any]:
        """What the participants of a room running beside the walk answered, as the group's fields
        (their hands per position), {} without a room: offered as the answer, never saved unasked."""

    def try_save(self, item: str, changes: Change) -> None: ...

    def save_counted(self, item: str, changes: Change, origin: str) -> dict[str, Any]:
        """Save counts that came from `origin` rather than the walk's own (the phones' tally, taken as offered)."""

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int) -> None: ...

    def tables(self) -> list[str]:
        """The session's tables (groups), as it has them now."""


Choices = Callable[["Exercise", "Sheet"], list[tuple[str, str]]]
"""(value, text) pairs a parameter takes, from the exercise and the group's answers: what a room's form offers to pick."""


class Rows(Protocol):
    """A numbered list in a group's exercise-wide answer (`lists.NumberedList`), as a command picks its entries."""

    what: str  # an entry's noun, marked with N_

    def entries(self, value: dict[str, Any]) -> list[Any]: ...


KitWords = Callable[[Any, "Kit"], str]
"""Text in the kit's words, from the exercise's spec and the kit (what the walk asks, as a form's label)."""


class Param(Struct, frozen=True):
    """One argument or option of a direct command, described once for `--help`, parsing, validation
    and the room's forms.

    `flag` empty makes it a positional argument. `type` is str, int or bool;
    a bool with `negatable` becomes `--x/--no-x` and is None when not given.
    `parse`, when given, turns what was typed into the value (a date's spellings
    into YYYY-MM-DD); its ValueError refuses the command.
    `names` lists the kit's items its values name (offered on Tab, and as a room's
    pickers); `choices` lists what it takes from the group's answers (the rows of a
    list, by number), which another scribe may change meanwhile (`of_answers`).
    `rows` names the list whose entry it picks (a room then gives each entry its own form, filled with it).
    `current` reads what the answer it acts on (the item's, or the exercise-wide one)
    holds for it now, so that a form shows it: a command that replaces (picks, links)
    must show what it replaces. `label` is the question in the kit's words, where the
    kit has one (else the room shows `help`).
    """

    name: str
    help: str  # marked with N_: said in the facilitator's language when --help shows it
    flag: str = ""
    short: str = ""
    type: type = str
    many: bool = False
    required: bool = False
    negatable: bool = False
    minimum: int | None = None
    metavar: str = ""  # marked with N_, like help
    parse: Callable[[str], Any] | None = None
    names: Callable[[Exercise], Sequence[Item]] | None = None  # the kit's items its values name (offered on Tab)
    choices: Choices | None = None
    of_answers: bool = False
    current: Callable[[dict[str, Any]], Any] | None = None
    label: KitWords | None = None
    fills: str = ""  # the answer's field its value goes to, when not the one it is named after (--own: with_own)
    rows: Callable[[], Rows] | None = None  # the list whose entry it picks by number: a room's scribe gets a form per entry


Run = Callable[["Desk", "Exercise", dict[str, Any]], None]
Offers = Callable[["Exercise", list[tuple[str, int]], dict[str, Any]], list[str]]
"""What the room gave (ranked) that a command offers to take over, given the exercise-wide answer, numbered as it takes them."""


class Action(Struct, frozen=True):
    """A direct command of a kind (`tocht roles set`), as data: the command layer builds the CLI from it."""

    name: str
    help: str  # marked with N_
    params: tuple[Param, ...]
    run: Run
    per_group: bool = True  # acts on one group's answers (needs --group when there are several)
    in_room: bool = True  # offered as a form to a room's scribes (not when the answer's fields make that form already)
    title: KitWords | None = None  # the form's title in the kit's words, where the kit has them
    offers: Offers | None = None  # what it takes over from the room's round by number, as its room form lists it


class PersonalCard(Struct, frozen=True):
    """A card every participant of a room plays on their own device: the items, crossed as they are heard,
    and how many crossed make a win (bingo)."""

    items: tuple[Item, ...]
    target: int
    win: str  # the kit's word for it: "BINGO!"


class CommandGroup(Struct, frozen=True):
    """`tocht NAME`: shows one group's answers (the `blocks` they are) and holds the actions."""

    name: str
    help: str  # marked with N_
    actions: tuple[Action, ...]
    blocks: Callable[[Exercise, Sheet, Kit], list[Block]]


SPEC_WORDS = {"intro": N_("Introduction"), "instruction": N_("Instruction"), "question": N_("Question")}


class ExerciseKind(ABC):
    """An exercise kind: what its kit section holds, what a group answers, and how it is shown and asked."""

    name: str = ""
    help: str = ""  # `tocht NAME --help`, marked with N_
    numbered_by_id: bool = False  # items are called by id (A3) rather than by number
    compared: bool = True  # `tocht compare` follows it from meeting to meeting
    replay_whole: bool = False  # replay shows each group's whole sheet rather than item by item
    shown_as_they_come: bool = False  # a room's screen shows the phones' answers at once, not only once revealed
    said_heading: str = N_("Arguments")  # the screen's heading over what the phones wrote beside their choice
    meeting_wide: bool = False  # the meeting answers it as one (a follow-up round): kept under the first group, shown once

    # -- the kit -----------------------------------------------------------
    spec_type: Any = None
    """The `KitTable` the kind's part of an exercise file is validated into (with pydantic, by
    kit/validation.py; it and its fields' markers are in kinds/tables.py), the exercise's `spec`. No field is
    called kind, title, code, subtitle, intro or minutes: those head every exercise file."""
    # what each text of its kit section is to the room ("Question for today"), marked with N_:
    # `tocht kit show` names them so instead of by their TOML keys (SPEC_WORDS gives the shared ones)
    spec_words: ClassVar[dict[str, str]] = {}

    def finish(self, spec: Any) -> Any:
        """Checks across fields and numbering after validation; raise kit.fields.Problem for a problem."""
        return spec

    @abstractmethod
    def items(self, ex: Exercise) -> list[Item]:
        """The items the group answers one by one (what progress counts)."""

    # -- answers -----------------------------------------------------------
    @abstractmethod
    def fields(self, ex: Exercise, item: str) -> dict[str, Any]:
        """The value description for one item id (EXERCISE_LEVEL for exercise-wide answers)."""

    def item_fields(self, ex: Exercise, item: str, per_item: dict[str, Any], whole: dict[str, Any] | None = None) -> dict[str, Any]:
        if item == EXERCISE_LEVEL and whole is not None:
            return whole
        if item in self._item_ids(ex):
            return per_item
        raise ValueError(_("{exercise} has no item {item!r}").format(exercise=ex.id, item=item))

    def _item_ids(self, ex: Exercise) -> frozenset[str]:
        """The ids of an exercise's items (checked for every answer read)."""
        ids: frozenset[str] = self.per_exercise("item_ids", ex, lambda: frozenset(i.id for i in self.items(ex)))
        return ids

    def per_exercise(self, name: str, ex: Exercise, make: Callable[[], Any]) -> Any:
        """What `make` derives from a loaded exercise, made once per exercise and kept with it
        (a kind is one object for every kit; the exercise is kept so its id is never reused)."""
        cache: dict[tuple[str, int], tuple[Exercise, Any]] = self.__dict__.setdefault("_per_exercise", {})
        found = cache.get((name, id(ex)))
        if found is None or found[0] is not ex:
            found = cache[name, id(ex)] = (ex, make())
        return found[1]

    def empty(self, ex: Exercise, item: str) -> dict[str, Any]:
        return defaults(self.fields(ex, item))

    def _unanswered(self, ex: Exercise, item: str) -> dict[str, Any]:
        """`empty`, made once per item and only compared with, never handed out: a handout asks it of every
        item of every table several times (a fifth of building `export --all`'s documents)."""
        kept: dict[str, dict[str, Any]] = self.per_exercise("unanswered", ex, dict)
        if item not in kept:
            kept[item] = self.empty(ex, item)
        return kept[item]

    def validate(self, ex: Exercise, item: str, value: Any) -> dict[str, Any]:
        return check_record(self.fields(ex, item), value, f"{ex.id}/{item}")

    def upgraded(self, ex: Exercise, item: str, value: dict[str, Any], fields: dict[str, Any] | None = None) -> dict[str, Any]:
        """A stored answer (or, with the ballot's `fields`, a participant's) with every option saved under a
        former name (the kit's [renamed]) read under its name now. Only in memory: the file keeps the former
        name until the answer is next saved, read, merged and validated in one lock hold."""
        if not ex.renamed or not isinstance(value, dict):
            return value
        try:
            kinds = self.fields(ex, item) if fields is None else fields
        except ValueError:
            return value  # an item the kit does not have: kept as it is
        return {name: kinds[name].renamed(v) if hasattr(kinds.get(name), "renamed") else v for name, v in value.items()}

    def head_count_problem(self, ex: Exercise, before: dict[str, Any], after: dict[str, Any], people: int) -> str | None:
        """Why a table of `people` cannot have given the answer `after` (a count larger than they have together),
        said in plain words with the numbers; None when it can (or the kind counts nothing per person). Asked of
        what a table types (the walk, a direct command, a scribe's form), only when the count grew past it."""
        return None

    def older(self, ex: Exercise, item: str, value: dict[str, Any]) -> dict[str, Any]:
        """An answer of a session file of schema 1 (or an export of format version 1) as it was meant: those
        wrote false for every yes-or-no that may go unanswered (the roles' "double") unless it was a yes, and
        printed it as nothing; it reads as not answered, so no report says "no" for a question nobody answered."""
        try:
            kinds = self.fields(ex, item)
        except ValueError:
            return value  # an item the kit does not have: kept as it is
        told = {name for name, kind in kinds.items() if isinstance(kind, Flag) and kind.default is None}
        return {name: None if v is False and name in told else v for name, v in value.items()}

    def is_answered(self, ex: Exercise, item: str, value: dict[str, Any] | None) -> bool:
        """Answered, wholly or in part, as soon as any value is given: progress, reports, the room and
        `compare` count it; only an item with nothing at all is "not answered yet"."""
        return bool(value) and value != self._unanswered(ex, item)

    def carried(self, ex: Exercise, item: str, earlier: dict[str, Any]) -> dict[str, Any]:
        """What a follow-up's first answer to an item starts from, of the earlier session's answer: the parts
        that stay true from one meeting to the next (a plan's action), so a status given later has its action.
        A kind may carry less than its facts say (a step done is not carried onto the next plan)."""
        return self.carried_facts(ex, item, earlier)

    def carried_facts(self, ex: Exercise, item: str, value: dict[str, Any]) -> dict[str, Any]:
        """The parts of an answer of the kind that carry from one meeting to the next, whatever the answer says:
        what a follow-up compares with the copy it kept of a deleted meeting."""
        return {}

    def listed(self, ex: Exercise, sheet: Sheet) -> Any:
        """A group's answers as `tocht NAME --json` gives them to a script: item id → value by default."""
        return sheet.values

    def last_time(self, ex: Exercise) -> Sheet | None:
        """What the walk offers as "last time" when the items carry it themselves (a follow-up round's steps,
        numbered anew each meeting, keep their earlier status and comment); None: the earlier session's answers
        to the same item of the same table."""
        return None

    def promises(self, ex: Exercise, sheet: Sheet) -> list[Promise]:
        """The steps a group promised in its answers (a plan's actions with who and by when), which a later
        meeting's follow-up round asks about; none for a kind without an owner and a date."""
        return []

    def carried_on(self, ex: Exercise, sheet: Sheet) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(exercise, item, group, value) this kind's answers put on another exercise of the meeting as
        carried from last time (a follow-up round's stuck step onto today's plan); none by default."""
        return []

    def is_complete(self, ex: Exercise, item: str, value: dict[str, Any] | None) -> bool:
        """Nothing left to ask: the walk resumes at the first item that is not complete."""
        return self.is_answered(ex, item, value)

    def progress(self, ex: Exercise, sheet: Sheet) -> tuple[int, int]:
        items = self.items(ex)
        done = sum(self.is_answered(ex, i.id, sheet.get(i.id)) for i in items)
        return done, len(items)

    def first_open(self, ex: Exercise, sheet: Sheet) -> int | None:
        """Index of the first item not complete (the walk resumes there), None when all are."""
        for index, item in enumerate(self.items(ex)):
            if not self.is_complete(ex, item.id, sheet.get(item.id)):
                return index
        return None

    def asked_of(self, ex: Exercise, group: str, groups: list[str]) -> list[Item]:
        """The items `group`'s walk asks, in a session of `groups`: every item (a follow-up round asks each table
        its own steps)."""
        return self.items(ex)

    def first_open_of(self, ex: Exercise, sheet: Sheet, group: str, groups: list[str]) -> int | None:
        """Where `group`'s walk opens the exercise: the index, among the items it asks (`asked_of`), of the first
        not complete; None when all are. `tocht` and `tocht run` both ask here."""
        return self.first_open(ex, sheet)

    def progress_of(self, ex: Exercise, sheet: Sheet, group: str, groups: list[str]) -> tuple[int, int]:
        """`group`'s progress as its walk counts it on the exercise's opening: the kind's own count (a follow-up
        round counts the steps the table's walk asks)."""
        return self.progress(ex, sheet)

    def counted_per_table(self, ex: Exercise) -> bool:
        """Whether `progress_of` counts a part for each table (a round over several tables' plans counts each
        table's own steps): the progress then says so."""
        return False

    def find(self, ex: Exercise, ref: str, what: str = N_("item"), table: str | None = None) -> Item:
        """The item a direct command names (`what`, marked with N_, names it in the error); `table` the -g given,
        for a kind whose numbers repeat across tables."""
        return find_item(self.items(ex), ref, what)

    def has_whole(self, ex: Exercise) -> bool:
        try:
            self.fields(ex, EXERCISE_LEVEL)
        except ValueError:
            return False
        return True

    def answer_items(self, ex: Exercise) -> list[tuple[str, str]]:
        """(item id, title) of everything a group answers, the exercise-wide answer first."""
        whole = [(EXERCISE_LEVEL, ex.title)] if self.has_whole(ex) else []
        return whole + [(i.id, f"{i.id if self.numbered_by_id else i.number}. {i.text}") for i in self.items(ex)]

    # -- what its answers say: facts and blocks, which every format draws (render/, reports/) -------
    @abstractmethod
    def facts(self, ex: Exercise, item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        """One answer as (label, plain text) pairs in the kit's words: what replay shows and compare diffs."""

    def sections(self, ex: Exercise) -> list[tuple[str, list[Item]]]:
        """The items under their headings (a statement under its challenge); one untitled section by default."""
        return [("", self.items(ex))]

    def handout_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
        """One group's answers as blocks: what `show`, the walk, replay, the summary and the handouts draw;
        by default built from `facts`."""
        return facts_group(self, ex, sheet, kit)

    def handout_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """All groups together, as blocks (the summary's and the handout's totals)."""
        return facts_totals(self, ex, sheets, kit)

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        """The blank page a table of `people` fills in on paper, showing the numbers the direct commands take."""
        return facts_worksheet(self, ex, kit)

    def digest(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """What came out of the exercise, for a handout's first page (where the tables agreed and differed
        most, a plan's steps); nothing by default."""
        return []

    def recorded_by_any(self, ex: Exercise, item: str, sheets: Sequence[Sheet]) -> bool:
        """Whether one of the tables recorded anything for the item: a summary prints a row for those (half an
        answer too, so nothing said is hidden) and sums up the rest in one line."""
        return any(s.get(item) and s.get(item) != self._unanswered(ex, item) for s in sheets)

    def saved_by_any(self, ex: Exercise, item: str, sheets: Sequence[Sheet]) -> bool:
        """Whether one of the tables saved anything for the item: the phones' votes shown but not taken over
        (`Sheet.unsaved`) and what last time carried over that nobody took over today (`Sheet.carried`) leave it
        open, as progress counts it."""
        empty = self._unanswered(ex, item)

        def saved(sheet: Sheet) -> bool:
            if item in sheet.carried:
                return False
            unsaved = sheet.unsaved.get(item, ())
            value = {k: v for k, v in (sheet.get(item) or {}).items() if k not in unsaved}
            return bool(value) and value != {k: v for k, v in empty.items() if k not in unsaved}

        return any(map(saved, sheets))

    def left_open(self, ex: Exercise, sheets: Sequence[Sheet], kit: Kit) -> list[Block]:
        """The items none of `sheets` saved, summed up in one line under the answers: the same block in
        the handouts and the Markdown summary; nothing for a kind whose page says it otherwise (bingo's card)."""
        return left_open(self, ex, kit, lambda i: self.saved_by_any(ex, i.id, sheets))

    def item_heading(self, ex: Exercise) -> str:
        """What heads the items' own texts in a table ("Kunstendecreet"); empty when the texts speak for themselves."""
        return ""

    def shown_under(self, ex: Exercise, item: Item) -> str:
        """What the room's screen and phones show under an item's text (a follow-up step's who, by when and
        meeting); nothing by default."""
        return ""

    def explanation(self, ex: Exercise, item: Item) -> str:
        """What a worksheet prints under an item, so a table on paper knows what it asks (a step's explanation)."""
        return ""

    # -- asking --------------------------------------------------------------
    @abstractmethod
    def walk(self, w: Prompter, ex: Exercise, start: int) -> None:
        """Ask the group, from item `start` on, saving each answer as it is given."""

    def actions(self) -> list[Action]:
        """The direct commands under `tocht NAME`."""
        return []

    # -- the room (`tocht room`): what participants do on their own devices --------
    def personal_card(self, ex: Exercise) -> PersonalCard | None:
        """A card each participant plays for themselves (bingo); None when the kind has none."""
        return None

    def round_spec(self, parent: Exercise, room: Any, seeds: tuple[str, ...]) -> Any:
        """The Spec of the room's round of this kind that `parent` asks first (its `[room]` table, kinds/rounds.py),
        offering `seeds` first; None when this kind runs no such round."""
        return None

    def ranked(
        self, ex: Exercise, ballots: list[dict[str, Any]], sheets: dict[str, Sheet], state: dict[str, Any], kit: Kit
    ) -> list[tuple[str, int]]:
        """What the whole room gave to a round of this kind, the most given first with its count: its devices'
        room answers (`ballots`, as the room's `state` keeps them apart) and the answers of the tables typed
        without phones (`sheets`); [] for a kind that runs no round."""
        return []

    def room_blocks(self, ex: Exercise, ranked: list[tuple[str, int]], kit: Kit) -> list[Block]:
        """What the whole room gave to a round of this kind (`ranked`) as every format draws it."""
        return []

    def promised_by(self, ex: Exercise, item: str) -> str | None:
        """The table of an earlier meeting an item of what the meeting answers as one belongs to (a follow-up
        step: the table that promised it, by its name then); None: the whole meeting's."""
        return None

    def answered_only_by(self, ex: Exercise, item: str, tables: list[str]) -> str | None:
        """The one table of `tables` whose devices answer `item` (a follow-up step its owner marks); None: any."""
        return None

    def device_shape(self, ex: Exercise, item: str) -> dict[str, Any] | None:
        """The value types of what a participant's device keeps of its own for `item` (a list's proposals and
        the entries it supports), checked as every room answer is; None when devices keep nothing there."""
        return None

    def command_groups(self) -> list[CommandGroup]:
        """`tocht NAME` and its actions; a kind may bring more than one group (alliances: also `checklist`)."""
        return [CommandGroup(self.name, self.help, tuple(self.actions()), self.handout_group)]


def each(refs: list[str], find: Callable[[str], Item]) -> list[Item]:
    """Resolve all references before changing anything, so a bad one changes nothing."""
    return [find(ref) for ref in refs]


# -- a kind's blocks built from its description alone (`facts`, `items`, `sections`) ------------------


def shown(value_type: Any, value: Any, kit: Kit) -> str:
    """A field's value in a cell: as the room reads it, a show of hands never broken between a position and its number."""
    if isinstance(value_type, Counts):
        return hands(value or {}, value_type.options, "\u00a0")
    return as_text(value_type, value, kit)


def unanswered(kit: Kit) -> Cell:
    return Cell(kit.label("unanswered"), "muted")


def reference(kind: ExerciseKind, item: Item) -> str:
    """What a direct command calls the item by: its id (A3) or its number."""
    return item.id if kind.numbered_by_id else str(item.number)


def row_label(kind: ExerciseKind, item: Item) -> str:
    """A chart's row: the id alone when items are called by id (the table above has the text), else number and text."""
    return item.id if kind.numbered_by_id else f"{item.number}. {item.text}"


def question_number(kind: ExerciseKind, ex: Exercise, item: Item) -> str:
    """A question's number as printed: "" for the one question of a room's round (a "1." reads as a count there,
    as the room's screen already knows)."""
    return str(item.number) if len(kind.items(ex)) > 1 else ""


def question_heading(kind: ExerciseKind, ex: Exercise, item: Item) -> str:
    """A question as a heading: its number first, when it has one (question_number)."""
    number = question_number(kind, ex, item)
    return f"{number}. {item.text}" if number else item.text


def explained(kind: ExerciseKind, ex: Exercise, item: Item) -> Content:
    """An item on a worksheet: its text, and when the kind says what it means, the text in bold with that under it."""
    explanation = kind.explanation(ex, item)
    return Titled(item.text, explanation) if explanation else item.text


def sectioned(kind: ExerciseKind, ex: Exercise, table: Any, shown: Any = None) -> list[Block]:
    """`table(items)` for each of the kind's sections, under the section's heading; only the items `shown`
    keeps (a section left with none is left out)."""
    blocks: list[Block] = []
    for title, items in kind.sections(ex):
        kept = [i for i in items if shown is None or shown(i)]
        if not kept:
            continue
        if title:
            blocks.append(Heading(title))
        blocks += table(kept)
    return blocks


def left_open(kind: ExerciseKind, ex: Exercise, kit: Kit, answered: Any) -> list[Block]:
    """The items nobody answered (nothing recorded), summed up in one line ("Nog niet beantwoord (3): A2, A5,
    B1") rather than a cell each; nothing when every item is answered."""
    missing = [reference(kind, i) for i in kind.items(ex) if not answered(i)]
    if not missing:
        return []
    said = kit.label("unanswered")
    return [Paragraph(f"{said[:1].upper()}{said[1:]} ({len(missing)}): {', '.join(missing)}", "muted")]


# -- from facts: any kind --------------------------------------------------------------------------


def facts_group(kind: ExerciseKind, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
    """The exercise-wide facts as labelled lines, then per section a table of each item's facts."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        whole_answered = kind.is_answered(ex, EXERCISE_LEVEL, sheet.whole)
        pairs = kind.facts(ex, EXERCISE_LEVEL, sheet.whole or kind.empty(ex, EXERCISE_LEVEL), kit)
        blocks.append(Facts(tuple((label, text or (unanswered(kit) if not whole_answered else "")) for label, text in pairs)))

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, [sheet])

    def table(items: list[Item]) -> list[Block]:
        headers = tuple(label for label, _ in kind.facts(ex, items[0].id, kind.empty(ex, items[0].id), kit))
        rows = tuple(
            (
                reference(kind, item),
                item.text,
                *(text for _, text in kind.facts(ex, item.id, sheet.get(item.id) or kind.empty(ex, item.id), kit)),
            )
            for item in items
        )
        return [Table(("#", kind.item_heading(ex), *headers), rows)]

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, [sheet], kit)


def facts_totals(kind: ExerciseKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """Each group's exercise-wide facts, then per item each group's first fact side by side."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        headers = tuple(label for label, _ in kind.facts(ex, EXERCISE_LEVEL, kind.empty(ex, EXERCISE_LEVEL), kit))
        rows = tuple(
            (group, *(text or "–" for _, text in kind.facts(ex, EXERCISE_LEVEL, s.whole or kind.empty(ex, EXERCISE_LEVEL), kit)))
            for group, s in sheets.items()
        )
        blocks.append(Table((kit.label("group"), *headers), rows, numbered=False))

    def first_fact(item: Item, sheet: Sheet) -> str:
        facts = kind.facts(ex, item.id, sheet.get(item.id) or kind.empty(ex, item.id), kit)
        return facts[0][1] if facts else ""

    def table(items: list[Item]) -> list[Block]:
        rows = tuple((reference(kind, i), i.text, *(first_fact(i, s) or "–" for s in sheets.values())) for i in items)
        return [Table(("#", kind.item_heading(ex), *sheets), rows)]

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, list(sheets.values()))

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, list(sheets.values()), kit)


def facts_worksheet(kind: ExerciseKind, ex: Exercise, kit: Kit) -> list[Block]:
    """Lines to write on under each fact's heading, for the exercise and for each item."""
    blocks: list[Block] = []
    if kind.has_whole(ex):
        labels = [label for label, _ in kind.facts(ex, EXERCISE_LEVEL, kind.empty(ex, EXERCISE_LEVEL), kit)]
        blocks.append(Facts(tuple((label, Lines()) for label in labels)))

    def table(items: list[Item]) -> list[Block]:
        if not items:
            return []
        headers = tuple(label for label, _ in kind.facts(ex, items[0].id, kind.empty(ex, items[0].id), kit))
        blanks: tuple[Content, ...] = tuple(Lines(2) for _ in headers)
        return [Table(("#", kind.item_heading(ex), *headers), tuple((reference(kind, i), explained(kind, ex, i), *blanks) for i in items))]

    return blocks + sectioned(kind, ex, table)
