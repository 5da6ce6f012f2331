"""The contract every exercise kind keeps, and the answer model it works on.

This is the bottom of the exercise layer: it imports no prompt library, no
command framework and no session. A kind describes its kit section, its
answers, its renderings, its walk and its direct commands; the layers above
(the walk, the commands, the summaries) drive it through this contract and
the two protocols below, which they implement.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from msgspec import Struct, field

from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds import handouts
from tocht_cli.kinds.values import Flag, check_record, defaults
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.items import Item
    from tocht_cli.kinds.model import Exercise, Kit
    from tocht_cli.render.blocks import Block
    from tocht_cli.store import SessionAnswers

Change = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]
"""What is saved: fields to merge, or a function from the latest value to the new one (run under the lock)."""


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

    @classmethod
    def of(cls, answers: list[dict[str, Any]], exercise: str, group: str) -> Sheet:
        sheet = cls()
        for doc in answers:
            if doc.get("exercise") == exercise and doc.get("group") == group:
                sheet.values[doc["item"]] = doc.get("value") or {}
                sheet.at[doc["item"]] = doc.get("at", "")
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

    def show(self, renderable: Any) -> None:
        """Print a result on stdout."""

    def hint(self, text: str) -> None:
        """Point out on stderr what the facilitator may want to change (nothing is changed for them)."""


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

    def text(self, message: str, default: str = "", validate: Callable[[str], str | None] | None = None) -> str: ...

    def autocomplete(
        self, message: str, suggestions: list[str], default: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str: ...

    def value(self, item: str) -> dict[str, Any]:
        """The prompts' defaults: this meeting's answer, else the earlier meeting's, else empty."""

    def own(self, item: str) -> dict[str, Any]:
        """This meeting's answer so far ({} when none)."""

    def before(self, item: str) -> dict[str, Any]:
        """The answer of the meeting this one follows (`tocht new --from`), {} when none."""

    def suggested(self, item: str) -> dict[str, Any]:
        """What the participants of a room running beside the walk answered, as the group's fields
        (their hands per position), {} without a room: offered as the answer, never saved unasked."""

    def try_save(self, item: str, changes: Change) -> None: ...

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int) -> None: ...


Choices = Callable[["Exercise", "Sheet"], list[tuple[str, str]]]
"""(value, text) pairs a parameter takes, from the exercise and the group's answers: what a room's form offers to pick."""
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


Run = Callable[["Desk", "Exercise", dict[str, Any]], None]


class Action(Struct, frozen=True):
    """A direct command of a kind (`tocht roles set`), as data: the command layer builds the CLI from it."""

    name: str
    help: str  # marked with N_
    params: tuple[Param, ...]
    run: Run
    per_group: bool = True  # acts on one group's answers (needs --group when there are several)
    in_room: bool = True  # offered as a form to a room's scribes (not when the answer's fields make that form already)
    title: KitWords | None = None  # the form's title in the kit's words, where the kit has them


class PersonalCard(Struct, frozen=True):
    """A card every participant of a room plays on their own device: the items, crossed as they are heard,
    and how many crossed make a win (bingo)."""

    items: tuple[Item, ...]
    target: int
    win: str  # the kit's word for it: "BINGO!"


class CommandGroup(Struct, frozen=True):
    """`tocht NAME`: shows the answers (with `render`) and holds the actions."""

    name: str
    help: str  # marked with N_
    actions: tuple[Action, ...]
    render: Callable[[Exercise, Sheet, Kit], Any]


SPEC_WORDS = {"intro": N_("Introduction"), "instruction": N_("Instruction"), "question": N_("Question")}


class ExerciseKind(ABC):
    """An exercise kind: what its kit section holds, what a group answers, and how it is shown and asked."""

    name: str = ""
    help: str = ""  # `tocht NAME --help`, marked with N_
    numbered_by_id: bool = False  # items are called by id (A3) rather than by number
    compared: bool = True  # `tocht compare` follows it from meeting to meeting
    replay_whole: bool = False  # replay shows each group's whole sheet rather than item by item

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
        return bool(value) and value != self.empty(ex, item)

    def carried(self, ex: Exercise, item: str, earlier: dict[str, Any]) -> dict[str, Any]:
        """What a follow-up's first answer to an item starts from, of the earlier session's answer: the parts
        that stay true from one meeting to the next (a plan's action), so a status given later has its action."""
        return {}

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

    # -- renderings --------------------------------------------------------
    @abstractmethod
    def facts(self, ex: Exercise, item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        """One answer as (label, plain text) pairs in the kit's words: what replay shows and compare diffs."""

    def markdown_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[str]:
        """Markdown blocks of one group's answers: its handout's blocks, the items left open included."""
        from tocht_cli.render.markdown import blocks_markdown

        return blocks_markdown(self.handout_group(ex, sheet, kit))

    def markdown_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[str]:
        """Markdown blocks of all groups together: the totals' handout blocks."""
        from tocht_cli.render.markdown import blocks_markdown

        return blocks_markdown(self.handout_totals(ex, sheets, kit))

    def show(self, ex: Exercise, sheet: Sheet, kit: Kit) -> Any:
        """One group's answers, readable on a projected screen: its handout's blocks drawn for the terminal."""
        from tocht_cli.render.terminal import shown

        return shown(self.handout_group(ex, sheet, kit))

    def draws_own_markdown(self) -> bool:
        """Whether the kind still hand-writes its Markdown (then the summary adds the items left open)
        rather than returning blocks; true only of kinds not yet moved to the document model."""
        return type(self).markdown_group is not ExerciseKind.markdown_group

    # -- printed pages (handouts, worksheets, the room's pages) -------------------
    def sections(self, ex: Exercise) -> list[tuple[str, list[Item]]]:
        """The items under their headings (a statement under its challenge); one untitled section by default."""
        return [("", self.items(ex))]

    def handout_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
        """One group's answers as blocks of a printed page; by default built from `facts`."""
        return handouts.facts_group(self, ex, sheet, kit)

    def handout_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """All groups together, as blocks of a printed page."""
        return handouts.facts_totals(self, ex, sheets, kit)

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        """The blank page a table of `people` fills in on paper, showing the numbers the direct commands take."""
        return handouts.facts_worksheet(self, ex, kit)

    def digest(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """What came out of the exercise, for a handout's first page (where the tables agreed and differed
        most, a plan's steps); nothing by default."""
        return []

    def recorded_by_any(self, ex: Exercise, item: str, sheets: Sequence[Sheet]) -> bool:
        """Whether one of the tables recorded anything for the item: a summary prints a row for those (half an
        answer too, so nothing said is hidden) and sums up the rest in one line."""
        return any(s.get(item) and s.get(item) != self.empty(ex, item) for s in sheets)

    def left_open(self, ex: Exercise, sheets: Sequence[Sheet], kit: Kit) -> list[Block]:
        """The items none of `sheets` answered, summed up in one line under the answers: the same block in
        the handouts and the Markdown summary; nothing for a kind whose page says it otherwise (bingo's card)."""
        return handouts.left_open(self, ex, kit, lambda i: self.recorded_by_any(ex, i.id, sheets))

    def item_heading(self, ex: Exercise) -> str:
        """What heads the items' own texts in a table ("Kunstendecreet"); empty when the texts speak for themselves."""
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

    def device_shape(self, ex: Exercise, item: str) -> dict[str, Any] | None:
        """The value types of what a participant's device keeps of its own for `item` (a list's proposals and
        the entries it supports), checked as every room answer is; None when devices keep nothing there."""
        return None

    def command_groups(self) -> list[CommandGroup]:
        """`tocht NAME` and its actions; a kind may bring more than one group (alliances: also `checklist`)."""
        return [CommandGroup(self.name, self.help, tuple(self.actions()), self.show)]


def each(refs: list[str], find: Callable[[str], Item]) -> list[Item]:
    """Resolve all references before changing anything, so a bad one changes nothing."""
    return [find(ref) for ref in refs]
