"""An answer described once, field by field, and everything read from that description.

A kind lists the fields of an item's answer (`Field`): the value type that
validates it (`values.py`), its heading in the kit's words, the question the
walk asks, and its option on the command line. From that one list come the
value check, the `set` command's options, the facts replay and compare show,
and the walk's questions; a kind writes by hand only what is truly its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli.base.dates import shown_date, typed_date
from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import gist
from tocht_cli.kinds.contract import NO_ANSWER, Back, ExerciseKind, Param, explained, reference, row_label, sectioned, shown, unanswered
from tocht_cli.kinds.values import Choice, Count, Counts, Date, Flag, Text, as_text, match_choice
from tocht_cli.render.blocks import (
    Bars,
    Blanks,
    Block,
    Boxes,
    Content,
    Counted,
    Entries,
    Facts,
    Heading,
    Lines,
    Paragraph,
    Shortened,
    Table,
)
from tocht_cli.render.markdown import hands
from tocht_cli.store import HANDS, ORIGINS, PAPER, PHONES
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.base.i18n import Translations
    from tocht_cli.kinds.contract import Change, Exercise, Kit, Prompter, Renamed, Sheet
    from tocht_cli.kinds.items import Item
    from tocht_cli.render.blocks import Cloud

MAP_DEVICES = 7  # fewer devices than this say too little for an opinion map
MAP_VOTES = 5  # a device is placed on the map once it voted on this many items

Words = Callable[[Any, "Kit"], str]
"""Text in the kit's words, from the exercise's spec and the kit."""


def spec_text(attr: str) -> Words:
    """A text of the exercise's kit section (`now_heading`)."""
    return lambda spec, kit: str(getattr(spec, attr))


def spec_question(attr: str) -> Words:
    """The question the kit asks for a field (`status_question`), else the field's own word (`status`)."""
    return lambda spec, kit: str(getattr(spec, f"{attr}_question") or getattr(spec, attr))


def kit_label(key: str) -> Words:
    """One of the kit's own labels (`note`)."""
    return lambda spec, kit: kit.label(key)


class Among(Struct, frozen=True):
    """A value type whose options are a list of the kit section (`Among(Choice, "holders", N_("holder"))`)."""

    type: type
    options: str
    what: str = N_("value")

    def bind(self, spec: Any, renamed: Renamed | None = None) -> Any:
        """The value type with the section's options; with the exercise's `renamed`, it also takes their former names."""
        former = (renamed or {}).get(self.options, {})
        if self.type is Counts:
            return Counts(tuple(getattr(spec, self.options)), former=former)
        return self.type(tuple(getattr(spec, self.options)), self.what, former=former)


class Field(Struct, frozen=True):
    name: str
    value: Any  # a value type of values.py, or an Among that binds one to the kit section
    label: Words  # heading in tables, replay and compare
    question: Words | None = None  # what the walk asks (the label when None)
    help: str = ""  # the `set` command's option help (marked with N_); no option when empty
    flag: str = ""
    short: str = ""
    main: bool = False  # the item is complete when its main fields are answered
    carried: bool = False  # a follow-up session starts from the earlier session's value (a plan's action, who, date)
    then: Callable[[Prompter, Any, str], bool | None] | None = None  # the walk's follow-up once it is asked; True: it asked
    then_back: Callable[[Prompter, Any, str], bool | None] | None = None  # `then` come back to from the next question
    after_main: bool = False  # the walk asks it only once a main field has an answer (a criterion's "how?" after its status)

    def bound(self, spec: Any, renamed: Renamed | None = None) -> Any:
        return self.value.bind(spec, renamed) if isinstance(self.value, Among) else self.value

    def short_label(self, spec: Any, kit: Kit) -> str:
        """The field as a sentence names it (in a problem, in a list of fields): its label without a closing
        '?' or ':', with a capital, whether the kit's heading is a question ("Welke concrete actie?") or a word ("vandaag")."""
        label = self.label(spec, kit).rstrip("?: ")
        return label[:1].upper() + label[1:]

    def param(self) -> Param:
        """The command-line option that sets this field."""
        kind = self.value.type if isinstance(self.value, Among) else type(self.value)
        if kind is Flag:
            bare = self.flag.removeprefix("--")
            return Param(self.name, self.help, f"{self.flag}/--no-{bare}", self.short, type=bool, negatable=True)
        return Param(self.name, self.help, self.flag, self.short, type=int if kind is Count else str, parse=getattr(kind, "typed", None))


def check_fields(fields: tuple[Field, ...], spec: Any, renamed: Renamed | None = None) -> dict[str, Any]:
    """The value description `ExerciseKind.fields` returns (taking the former names of `renamed` options)."""
    return {f.name: f.bound(spec, renamed) for f in fields}


def params(fields: tuple[Field, ...]) -> tuple[Param, ...]:
    return tuple(f.param() for f in fields if f.help)


def facts(fields: tuple[Field, ...], spec: Any, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
    """An answer as (heading, plain text) pairs: what replay shows and compare diffs."""
    return [(f.label(spec, kit), as_text(f.bound(spec), value.get(f.name), kit)) for f in fields]


def ask(fields: tuple[Field, ...], w: Prompter, spec: Any, item: str, start: int = 0) -> None:
    """The walk's questions for one item from `start` on, each answer saved as it is given.

    "terug" goes back one question, the one asked before (a question's follow-up, where it asked one: a
    step's "onto today's plan?"); from the first it leaves the item.
    """
    before = w.before(item)
    index, into_then = start, False
    while index < len(fields):
        f = fields[index]
        own = w.own(item)  # read afresh for each question: another terminal may have answered it meanwhile
        if f.after_main and not answered_main(fields, own):
            return  # "go on without answer" at the main question goes on to the next item
        if into_then:  # come back to a question whose follow-up asked: to that follow-up first
            into_then = False
            again = f.then_back or f.then
            with suppress(Back):  # back from the follow-up: to its question
                if again is not None and again(w, spec, item):
                    index += 1
                    continue
            continue
        try:
            ask_one(f, w, spec, item, own, before)
        except Back:
            if index == 0:
                raise
            index, into_then = index - 1, True
            continue
        try:
            if f.then is not None:
                f.then(w, spec, item)
        except Back:  # back from the follow-up: to its question again
            continue
        index += 1


def answered_main(fields: tuple[Field, ...], value: dict[str, Any]) -> bool:
    return any(value.get(f.name) not in (None, "", [], {}) for f in fields if f.main)


def ask_one(f: Field, w: Prompter, spec: Any, item: str, own: dict[str, Any], before: dict[str, Any]) -> None:
    """One question. Nothing is recorded that nobody chose: a select on an unanswered question starts
    on "no answer", and an empty text saves nothing. Only a carried field (a plan's action, who, when, status)
    offers last time's answer to keep with Enter, the hint saying so; any other one (a statement's position,
    hands and argument, a role's holders) is what this room says: last time's shows on a line of its own above
    the question, never as a default."""
    kind = f.bound(spec)
    question = (f.question or f.label)(spec, w.kit)
    mine = own.get(f.name)
    if f.carried and mine is not None and mine == before.get(f.name):
        mine = None  # carried over with the item's first answer: still last time's, offered as such, never typed on after
    last = None if f.carried else before.get(f.name)
    if not f.carried:
        earlier_above(w, kind, last)
        before = {}
    if isinstance(kind, (Choice, Flag)):
        ask_choice(f, kind, w, question, item, mine if own else None, before.get(f.name))
    elif isinstance(kind, Counts):
        ask_counts(f, kind, w, question, item, own, before, shown_last=last not in (None, "", {}))
    elif isinstance(kind, Count):
        shown = next((str(v) for v in (mine, before.get(f.name)) if v is not None), "")
        question = earlier_marked(question, w, mine if mine is not None else before.get(f.name), own, before, f.name)
        number = w.text(question, default=shown, validate=partial(hands_problem, expected=1, shown=shown))
        if number:
            w.save(item, {f.name: int(number)})
    elif isinstance(kind, Date):  # shown as the room writes dates, typed in any spelling, saved as YYYY-MM-DD
        earlier = shown_date(before.get(f.name), w.kit.language) if not mine else ""
        question, shown = (offered(question, w, earlier), "") if earlier else (question, shown_date(mine, w.kit.language))
        typed = w.text(question, default=shown, validate=partial(date_problem, words=w.kit.words), offered=earlier)
        if typed or mine:
            w.save(item, {f.name: typed_date(typed, w.kit.words) if typed else None})
    else:
        ask_text(f, w, question, item, mine, before.get(f.name) or "", shown_last=last not in (None, ""))


def ask_text(f: Field, w: Prompter, question: str, item: str, mine: Any, earlier: str, shown_last: bool) -> None:
    """A text: this meeting's in the prompt; else the room's phones' arguments (or, carried, last time's) offered
    to take over with Enter, the phones' on lines above the question (wrapped at words, never mid-word in the prompt)."""
    phones = "" if mine else w.suggested(item).get(f.name) or ""
    offer = phones or ("" if mine else earlier)
    if phones:
        said = tuple(line.lstrip("•").strip() for line in phones.splitlines() if line.strip())
        w.present([Entries(f"{w.kit.words.gettext(ORIGIN_WORDS[PHONES])}:", said)])  # a list under its label, each hanging
        question = w.kit.words.gettext("{question} (the phones', above — Enter: take them over)").format(question=unbracketed(question))
    elif offer:
        question = offered(question, w, offer)
    elif shown_last and not mine:
        question = bracketed(question, w.kit.words.gettext("Enter: leave it empty"))
    typed = w.text(question, default=mine or "", offered=offer)
    if typed or mine:
        w.save(item, {f.name: typed})


def ask_choice(f: Field, kind: Choice | Flag, w: Prompter, question: str, item: str, mine: Any, earlier: Any) -> None:
    """A choice: this meeting's kept with Enter; else, for a carried field (a step's status), last time's offered
    first ("vorige keer: gepland — Enter neemt het over"; "in de ronde van vandaag: gedaan" when today's round
    settled it since); else "no answer" first. A field this room answers afresh
    (a statement's position, a role's holders) gets no `earlier`: last time's shows above the question."""
    options = [(o, o) for o in kind.options] if isinstance(kind, Choice) else [(w.label("yes"), True), (w.label("no"), False)]
    if mine is not None:
        got = w.select(question, options, default=mine)
    elif earlier is not None:
        taken = w.kit.words.gettext("{earlier}: {answer} — Enter takes it over")
        lead = (taken.format(earlier=w.said_when(item, f.name), answer=as_text(kind, earlier, w.kit) or w.label("no")), earlier)
        got = w.select(question, [lead, *options], default=earlier, lead=True)
    else:
        got = w.select(question, [(w.label("no_answer"), NO_ANSWER), *options], default=NO_ANSWER, lead=True)
    if got is not NO_ANSWER:
        w.save(item, {f.name: got})


def ask_counts(
    f: Field, kind: Counts, w: Prompter, question: str, item: str, own: dict[str, Any], before: dict[str, Any], shown_last: bool
) -> None:
    """A show of hands: this meeting's (or the room's tally, saying so) in the prompt, to keep with Enter; an empty
    prompt says what Enter does, with an example unless last time's hands are shown above it."""
    offered = w.suggested(item).get(f.name) if not own.get(f.name) else None
    counts = own.get(f.name) or offered or before.get(f.name) or {}
    marked = from_phones(question, w) if offered else earlier_marked(question, w, counts, own, before, f.name)
    shown = " ".join(str(counts.get(o, "")) for o in kind.options).strip()
    if marked == question and not shown:  # what Enter does (nothing), and an example where nothing above shows one
        example = " ".join(map(str, EXAMPLE_HANDS[: len(kind.options)]))
        words = w.kit.words
        said = words.gettext("{question} (Enter: none)") if shown_last else words.gettext("{question} (e.g. {example}; Enter: none)")
        marked = said.format(question=question, example=example)
    typed = partial(hands_problem, expected=len(kind.options), shown=shown, options=kind.options)

    def check(text: str) -> str | None:
        """The hands as typed, then whether the table's people can have given them (the walk refuses as the file does)."""
        problem = typed(text)
        if problem or not text.strip() or text.split() == shown.split():
            return problem
        return w.over_head_count(item, {f.name: dict(zip(kind.options, map(int, text.split()), strict=False))})

    hands = w.text(marked, default=shown, validate=check)
    if hands:
        change = {f.name: dict(zip(kind.options, map(int, hands.split()), strict=False))}
        if counts is offered and hands == shown:  # the phones' tally taken as offered: their votes, not hands
            w.save_counted(item, change, PHONES)
        else:
            w.save(item, change)


def from_phones(question: str, w: Prompter) -> str:
    """The question whose answer in the prompt is the room's tally (or the phones' arguments), saying so: Enter
    keeps what the phones gave, not a count the facilitator typed. Short: the hands stay on the line at 80 columns."""
    return w.kit.words.gettext("{question} (from the phones)").format(question=unbracketed(question))


def earlier_above(w: Prompter, kind: Any, earlier: Any) -> None:
    """Last time's answer to a question this room answers afresh (a position, hands, an argument), on a line of its own above
    the question: the question keeps to one line at 80 columns, and Enter records nothing of it."""
    if earlier not in (None, "", {}, []):
        w.present([Paragraph(as_text(kind, earlier, w.kit) or w.label("no"), "muted", lead=f"{w.label('earlier')}:")])


def offered(question: str, w: Prompter, earlier: str) -> str:
    """A carried text of last time offered beside the question, not typed into it (typing replaces it,
    never runs on after it): "Bij wie? (vorige keer: de schepen — Enter: overnemen)", as a text that is not carried
    says "Enter: leeg laten" (last time's above it, `earlier_above`)."""
    said = w.kit.words.gettext("{earlier}: {answer} — Enter: take it over").format(earlier=w.label("earlier"), answer=earlier)
    return f"{unbracketed(question)} ({said})"


def unbracketed(question: str) -> str:
    """A question without its closing bracket ("Bij wie? (bv. de schepen)" → "Bij wie?"): where last time's
    answer is offered, an example beside it only pushes the hint onto a second line at 80 columns."""
    return question[: question.rindex(" (")] if question.endswith(")") and " (" in question else question


def bracketed(question: str, note: str) -> str:
    """A note in the question's bracket when it has one ("Bij wie? (bv. de schepen; vorige keer: …)"), else in
    its own: never two brackets in a row."""
    return f"{question[:-1]}; {note})" if question.endswith(")") else f"{question} ({note})"


def earlier_marked(question: str, w: Prompter, shown: Any, own: dict[str, Any], before: dict[str, Any], name: str) -> str:
    """The question with "(vorige keer)" when what it shows is the earlier meeting's answer, as a select's
    "vorige keer: …" and a checkbox's ticks say so: Enter would keep last time's text, not this meeting's."""
    carried = shown not in (None, "", {}) and own.get(name) in (None, "", {}) and shown == before.get(name)
    return f"{question} ({w.label('earlier')})" if carried else question


EXAMPLE_HANDS = (5, 2, 1, 3, 4, 0, 6, 7, 8)  # a show of hands as typed, shown before the first one


def whole_number(text: str) -> bool:
    """0 to 100,000 in ASCII digits (str.isdigit also takes '²' and '①', which int() refuses)."""
    return text.isascii() and text.isdigit() and int(text) <= Count().maximum


def named_counts(
    pairs: list[str],
    choices: tuple[str, ...],
    *,
    what: str,
    malformed: str,
    twice: str,
    former: Mapping[str, str] | None = None,
    given: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """`NAME=N` pairs typed on the command line (`--dots samen=5`, `--count eens=3`) added to the counts
    `given` by other options, as counts of `choices`: a choice by its first letters or its former name too
    (`what`, marked with N_, names it in an error). A pair without a whole number is refused with
    `malformed` ({pair}), a choice given twice with `twice` ({name})."""
    counts = dict(given or {})
    for pair in pairs:
        name, sep, number = pair.rpartition("=")  # a count holds no "=", a name may
        if not sep or not whole_number(number.strip()):
            raise UsageError(malformed.format(pair=pair))
        name = name.strip()
        try:
            choice = match_choice((former or {}).get(name, name), list(choices), what)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if choice in counts:
            raise UsageError(twice.format(name=choice))
        counts[choice] = int(number)
    return counts


def hands_problem(text: str, expected: int, shown: str = "", options: tuple[str, ...] = ()) -> str | None:
    """One number per position, so none is dropped or shifted unseen ("5 2" for three positions is refused);
    the hands shown as the default (an older, partial count) are kept with Enter as they are. Said short
    enough for the prompt's one line at 80 columns; the upper bound only when a number passes it."""
    parts = text.split()
    if parts == shown.split() or (len(parts) == expected and all(whole_number(p) for p in parts)):
        return None
    example = " ".join(map(str, EXAMPLE_HANDS[:expected]))
    if len(parts) == expected and all(p.isascii() and p.isdigit() for p in parts):  # whole numbers, one too large
        return _("at most {most} per number").format(most=Count().maximum)
    if expected > 1:
        return _("{count} numbers of hands, for {options}, e.g. {example}").format(
            count=expected, options=" / ".join(options), example=example
        )
    return _("a whole number, e.g. {example}").format(example=example)


def date_problem(text: str, words: Translations) -> str | None:
    try:
        typed_date(text, words)
    except ValueError as exc:
        return str(exc)
    return None


class DescribedKind(ExerciseKind):
    """A kind whose answers are described by `answer` (per item) and `whole` (exercise-wide) fields:
    validation, facts and the walk's questions come from them.

    `ballot` describes what one participant answers about an item on their own device in a
    room (a statement: a position and an argument); `tally` turns a table's ballots into a
    change of the table's answer (hands per position).
    """

    answer: tuple[Field, ...] = ()
    whole: tuple[Field, ...] = ()
    ballot: tuple[Field, ...] = ()

    def tally(self, ex: Exercise, item: str, ballots: list[dict[str, Any]]) -> Change:
        """The change a table's ballots make to the table's answer to `item`."""
        raise NotImplementedError(f"{self.name} has no ballot")

    def fields(self, ex: Exercise, item: str) -> dict[str, Any]:
        per_item, whole = self._bound(ex)
        return self.item_fields(ex, item, per_item, whole)

    def _bound(self, ex: Exercise) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The value types bound to this exercise's kit section, made once: every answer read is checked with them."""
        bound: tuple[dict[str, Any], dict[str, Any] | None] = self.per_exercise(
            "bound",
            ex,
            lambda: (
                check_fields(self.answer, ex.spec, ex.renamed),
                check_fields(self.whole, ex.spec, ex.renamed) if self.whole else None,
            ),
        )
        return bound

    def facts(self, ex: Exercise, item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        return facts(self.whole if item == EXERCISE_LEVEL else self.answer, ex.spec, value, kit)

    def is_complete(self, ex: Exercise, item: str, value: dict[str, Any] | None) -> bool:
        """Complete when its main questions are answered (a role's today and tomorrow, a statement's position)."""
        main = [f for f in (self.whole if item == EXERCISE_LEVEL else self.answer) if f.main]
        if not main or not value:
            return super().is_complete(ex, item, value)
        return all(value.get(f.name) not in (None, "", [], {}) for f in main)

    def carried_facts(self, ex: Exercise, item: str, value: dict[str, Any]) -> dict[str, Any]:
        fields = self.whole if item == EXERCISE_LEVEL else self.answer
        return {f.name: value[f.name] for f in fields if f.carried and value.get(f.name) not in (None, "")}

    def ballot_hint(self, ex: Exercise, kit: Kit) -> str:
        """What a phone's form says before anything is sent (how many words, how to part them); '' for nothing."""
        return ""

    def ballot_problem(self, ex: Exercise, given: dict[str, Any], kit: Kit) -> str:
        """What is wrong with a phone's ballot beyond its fields' types, in the kit's words (more words than the
        round counts): the phone gets its form back as typed instead of a silent cut; '' when nothing is."""
        return ""

    def ballot_vetted(self, ex: Exercise, value: dict[str, Any], hidden: set[str], kit: Kit) -> dict[str, Any]:
        """A ballot's value without the entries the facilitator keeps off the screen (`hidden`, by key: one
        word of a phone's words); as it is where a ballot has no such entries."""
        return value

    def room_cloud(self, ex: Exercise, item: Item, answers: list[str], kit: Kit) -> Cloud | None:
        """What a room's screen draws of the answers its participants wrote on `item` in their own words
        (a word cloud); None where the ballot is a choice, whose tally the screen shows."""
        return None

    def map_minimum(self, ex: Exercise) -> tuple[int, int]:
        """When the room's opinion map is shown: how many devices, each having voted on how many items."""
        return MAP_DEVICES, MAP_VOTES

    def leanings(self, ex: Exercise) -> dict[str, int]:
        """How each option of the ballot's choice leans, for the room's opinion map: 1 agrees, -1 disagrees,
        0 between (a doubt); {} where the options do not lie between agreeing and disagreeing."""
        return {}

    def whole_said(self, ex: Exercise, whole: dict[str, Any], kit: Kit) -> list[Block]:
        """A group's exercise-wide answer on its page: each field on a line of its own, by default."""
        spec = ex.spec
        return [Facts(tuple((f.label(spec, kit), shown(f.bound(spec), whole.get(f.name), kit) or unanswered(kit)) for f in self.whole))]

    def answer_cell(self, field: str, value: dict[str, Any], text: str) -> Content:
        """A field of an answer as its table cell shows it: its text, or what makes it stand out (a role's
        tomorrow where it shifts)."""
        return text

    def handout_group(self, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
        return fields_group(self, ex, sheet, kit)

    def handout_totals(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        return fields_totals(self, ex, sheets, kit)

    def digest(self, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        return fields_digest(self, ex, sheets, kit)

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        return fields_worksheet(self, ex, kit)

    def ask(self, w: Prompter, ex: Exercise, item: str, fields: tuple[Field, ...] | None = None, backwards: bool = False) -> None:
        """Ask the item's fields (or the given ones); a half-answered item resumes at its first missing main
        question, one come back to (`backwards`) at its last question."""
        fields = self.answer if fields is None else fields
        own = w.own(item)
        missing = [n for n, f in enumerate(fields) if f.main and own.get(f.name) in (None, "", [], {})]
        start = missing[0] if own and missing and not self.is_complete(ex, item, own) else 0
        ask(fields, w, ex.spec, item, len(fields) - 1 if backwards else start)


# -- from fields: a described kind -----------------------------------------------------------------


def blank(value_type: Any, kit: Kit) -> Content:
    """What a table fills in on paper for one field."""
    if isinstance(value_type, Choice):
        return Boxes(value_type.options)
    if isinstance(value_type, Flag):
        return Boxes((kit.label("yes"), kit.label("no")))
    if isinstance(value_type, Counts):
        return Blanks(value_type.options)
    if isinstance(value_type, Text) and value_type.multiline:
        return Lines(2)
    return Lines()


def described(kind: DescribedKind, ex: Exercise, kit: Kit) -> list[tuple[Field, Any, str]]:
    """Each field of an item's answer with its value type bound to the exercise and its heading in the kit's words."""
    return [(f, f.bound(ex.spec), f.label(ex.spec, kit)) for f in kind.answer]


def headed_by_origin(kind: DescribedKind, ex: Exercise, sheets: list[Sheet], kit: Kit) -> list[tuple[Field, Any, str]]:
    """`described`, a show of hands headed by where its counts came from (`counted_by`): its table's column and
    its chart say the same."""
    return [(f, t, counted_by(label, sheets, kit) if isinstance(t, Counts) else label) for f, t, label in described(kind, ex, kit)]


def fields_group(kind: DescribedKind, ex: Exercise, sheet: Sheet, kit: Kit) -> list[Block]:
    """The exercise-wide fields as labelled lines; per section a table of the answers and a bar per item
    for each show of hands or count; then, for each choice, how many items got each option."""
    blocks = kind.whole_said(ex, sheet.whole, kit) if kind.whole else []
    answer = headed_by_origin(kind, ex, [sheet], kit)
    per_row = len(origins_in([sheet])) > 1  # mixed: each row says where its counts came from, not the column

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, [sheet])

    def cell(item: str, f: Field, value_type: Any) -> Content:
        value = sheet.get(item) or {}
        if isinstance(value_type, Counts):
            return counted_cell(
                value_type, value.get(f.name), row_note(sheet, item, f.name, kit) if per_row else unsaved_note(sheet, item, f.name, kit)
            )
        return kind.answer_cell(f.name, value, shown(value_type, value.get(f.name), kit))

    def table(items: list[Item]) -> list[Block]:
        rows = tuple((reference(kind, item), item.text, *(cell(item.id, f, t) for f, t, _ in answer)) for item in items)
        out: list[Block] = [Table(("#", "", *(label for _, _, label in answer)), rows)]
        return out + per_item_bars(kind, answer, items, [sheet])

    blocks += sectioned(kind, ex, table, answered) + kind.left_open(ex, [sheet], kit)
    for options, fields in choices(answer):
        per_option = tuple(
            (label, tuple(sum((sheet.get(i.id) or {}).get(f.name) == o for i in kind.items(ex)) for o in options)) for f, _, label in fields
        )
        if any(any(counts) for _, counts in per_option):  # no chart of nothing
            blocks.append(Bars(" · ".join(label for label, _ in per_option), options, per_option))
    return blocks


ORIGIN_WORDS = {PHONES: N_("phones"), HANDS: N_("hands"), PAPER: N_("paper")}  # where counts came from, in the kit's language


def counted_by(label: str, sheets: list[Sheet], kit: Kit) -> str:
    """A column of shows of hands headed by where its counts came from: the kit's word ("Handen") for hands counted
    in the room, the origin's ("Telefoons") when all came from one other, and "Telling" when they came from several:
    then each row says its own (`origins_note`), for a column labelled "Telefoons · handen" lied about most rows."""
    origins = origins_in(sheets)
    if origins in ([], [HANDS]):
        return label
    if len(origins) > 1:
        return kit.words.gettext("Counts")
    said = kit.words.gettext(ORIGIN_WORDS[origins[0]])
    return said[:1].upper() + said[1:]


def origins_in(sheets: list[Sheet], item: str | None = None) -> list[str]:
    """Where the sheets' counts (of `item`, or of every item) came from, in the order phones, hands, paper."""
    found = {o for s in sheets for i, o in s.origins.items() if item is None or i == item}
    return [o for o in ORIGINS if o in found]


def origins_note(sheets: list[Sheet], item: str, kit: Kit) -> str:
    """Where one row's counts came from, in the kit's words ("telefoons", "telefoons · handen")."""
    return " · ".join(kit.words.gettext(ORIGIN_WORDS[o]) for o in origins_in(sheets, item))


def unsaved_note(sheet: Sheet, item: str, field: str, kit: Kit) -> str:
    """What a row says of counts the phones gave that the table did not save: the handout shows them, but not as the table's answer."""
    return kit.words.gettext("phones, not saved") if field in sheet.unsaved.get(item, ()) else ""


def row_note(sheet: Sheet, item: str, field: str, kit: Kit) -> str:
    """Where a row's counts came from, or that they are the phones' and not saved (`unsaved_note`)."""
    return unsaved_note(sheet, item, field, kit) or origins_note([sheet], item, kit)


def choices(answer: list[tuple[Field, Any, str]]) -> list[tuple[tuple[str, ...], list[tuple[Field, Any, str]]]]:
    """The choice fields, those with the same options together (a role's today and tomorrow)."""
    grouped: dict[tuple[str, ...], list[tuple[Field, Any, str]]] = {}
    for entry in answer:
        if isinstance(entry[1], Choice):
            grouped.setdefault(entry[1].options, []).append(entry)
    return list(grouped.items())


def per_item_bars(kind: DescribedKind, answer: list[tuple[Field, Any, str]], items: list[Item], sheets: list[Sheet]) -> list[Block]:
    """For each show of hands (and each count), a bar per item, added up over the sheets; the bars of the hands
    are those of the table's column of hands (`Bars.column`)."""
    blocks: list[Block] = []
    for f, value_type, label in answer:
        if isinstance(value_type, Counts):
            options = value_type.options
            rows = tuple(
                (row_label(kind, i), tuple(sum(((s.get(i.id) or {}).get(f.name) or {}).get(o, 0) for s in sheets) for o in options))
                for i in items
            )
        elif isinstance(value_type, Count):
            options = (label,)
            rows = tuple((row_label(kind, i), (sum((s.get(i.id) or {}).get(f.name) or 0 for s in sheets),)) for i in items)
        else:
            continue
        if any(any(counts) for _, counts in rows):
            blocks.append(Bars(label, options, rows, column=isinstance(value_type, Counts)))
    return blocks


def counted_cell(value_type: Counts, value: dict[str, int] | None, origin: str = "") -> Counted:
    """A show of hands in a cell: as the room reads it (with where it came from, when the column does not say),
    with its counts for the text formats' bar."""
    counts = value or {}
    text = hands(counts, value_type.options, "\u00a0")
    return Counted(
        f"{text} ({origin})" if origin and counts else text,
        options=value_type.options,
        counts=tuple(counts.get(o, 0) for o in value_type.options),
    )


def fields_totals(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """Each group's exercise-wide fields; per section each group's choices and counts side by side, the hands
    added up, and per item a bar of the hands and of how many groups chose each option. An item is named by
    its first sentence: the groups' own tables above have it whole."""
    spec = ex.spec
    blocks: list[Block] = []
    if kind.whole:
        rows = tuple((group, *(shown(f.bound(spec), s.whole.get(f.name), kit) for f in kind.whole)) for group, s in sheets.items())
        blocks.append(Table((kit.label("group"), *(f.label(spec, kit) for f in kind.whole)), rows, numbered=False))
    answer = headed_by_origin(kind, ex, list(sheets.values()), kit)
    # Each table's column says its choice; a show of hands (or dots) is summed only, so a small table's
    # count stays in the total (sessions/disclosure.py) and a kind whose answer is one is not split by table
    summary = [e for e in answer if isinstance(e[1], (Choice, Count, Flag))] or [
        e for e in answer if e[0].main and not isinstance(e[1], Counts)
    ]
    hands = [e for e in answer if isinstance(e[1], Counts)]
    per_row = len(origins_in(list(sheets.values()))) > 1  # the total's column says where its counts came from, or each row does

    def cell(value: dict[str, Any]) -> str:
        texts = [(label, shown(t, value.get(f.name), kit)) for f, t, label in summary]
        if len(texts) == 1:
            return texts[0][1] or "–"
        return " · ".join(f"{label} {text}" for label, text in texts if text) or "–"

    def table(items: list[Item]) -> list[Block]:
        rows: list[tuple[Content, ...]] = []
        for item in items:
            note = origins_note(list(sheets.values()), item.id, kit) if per_row else ""
            summed = [
                counted_cell(
                    t, {o: sum(((s.get(item.id) or {}).get(f.name) or {}).get(o, 0) for s in sheets.values()) for o in t.options}, note
                )
                for f, t, _ in hands
            ]
            per_table = (cell(s.get(item.id) or {}) for s in sheets.values()) if summary else ()
            rows.append((reference(kind, item), named(item.text), *per_table, *summed))
        heads = (label for _, _, label in hands)
        out: list[Block] = [Table(("#", "", *(sheets if summary else ()), *heads), tuple(rows))]
        out += per_item_bars(kind, answer, items, list(sheets.values()))
        for options, fields in choices(answer):
            for f, _value_type, label in fields:
                chosen = (
                    (row_label(kind, i), tuple(sum((s.get(i.id) or {}).get(f.name) == o for s in sheets.values()) for o in options))
                    for i in items
                )
                per_option = tuple((label, counts) for label, counts in chosen if any(counts))  # not an item no table shows a choice on
                if per_option:
                    out.append(Bars(kit.words.gettext("{answer}: how many groups").format(answer=label), options, per_option))
        return out

    def answered(item: Item) -> bool:
        return kind.recorded_by_any(ex, item.id, list(sheets.values()))

    return blocks + sectioned(kind, ex, table, answered) + kind.left_open(ex, list(sheets.values()), kit)


def named(text: str) -> Content:
    """An item in a table that sums up, by its first sentence on a terminal; the documents print it whole, so
    that a statement is never read cut."""
    short = gist(text)
    return Shortened(short, whole=text) if short != text else text


def fields_worksheet(kind: DescribedKind, ex: Exercise, kit: Kit) -> list[Block]:
    """A blank per field: boxes for a choice, a number after each option for a show of hands, lines for a text."""
    spec = ex.spec
    blocks: list[Block] = []
    if kind.whole:
        blocks.append(Facts(tuple((f.label(spec, kit), Lines()) for f in kind.whole)))

    answer = described(kind, ex, kit)

    def table(items: list[Item]) -> list[Block]:
        rows = tuple((reference(kind, i), explained(kind, ex, i), *(blank(t, kit) for _, t, _ in answer)) for i in items)
        return [Table(("#", "", *(label for _, _, label in answer)), rows)]

    return blocks + sectioned(kind, ex, table)


# -- what came out: a handout's first page ---------------------------------------------------------

MOST = 2  # items shown where the tables agreed, and where they differed most
PLAN_ROWS = 6  # a plan's steps a first page shows: one table's plan whole, of several tables' the first by date


def fields_digest(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
    """A plan (answers with a date) as its steps with their owners and dates; else, with several tables,
    where their choices agreed and where they differed most."""
    answer = described(kind, ex, kit)
    if any(isinstance(t, Date) for _, t, _ in answer):
        return plan(kind, ex, sheets, kit, answer)
    chosen = [e for e in answer if isinstance(e[1], Choice)]
    return agreement(kind, ex, sheets, kit, chosen) if chosen and len(sheets) > 1 else []


def plan(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit, answer: list[tuple[Field, Any, str]]) -> list[Block]:
    """Every planned item of every table with all its answers (what, who, by when, how far); when that is more
    than a first page holds (four tables' plans), the first PLAN_ROWS by date under "The next steps (and N more)"."""
    several = len(sheets) > 1
    planned = [
        (group, item, s.get(item.id) or {})
        for group, s in sheets.items()
        for item in kind.items(ex)
        if kind.recorded_by_any(ex, item.id, [s])
    ]
    if not planned:
        return []
    blocks: list[Block] = []
    if len(planned) > PLAN_ROWS:
        dates = [f.name for f, t, _ in answer if isinstance(t, Date)]
        planned = sorted(planned, key=lambda entry: [entry[2].get(name) or "9999" for name in dates])
        more = kit.words.gettext(" (and {count} more)").format(count=len(planned) - PLAN_ROWS)
        blocks.append(Heading(kit.words.gettext("The next steps") + more))
    rows = tuple(
        ((group,) if several else ()) + (f"{item.number}. {item.text}", *(shown(t, value.get(f.name), kit) for f, t, _ in answer))
        for group, item, value in planned[:PLAN_ROWS]
    )
    headers = ((kit.label("group"),) if several else ()) + ("", *(label for _, _, label in answer))
    return [*blocks, Table(headers, rows, numbered=False)]


def agreement(kind: DescribedKind, ex: Exercise, sheets: dict[str, Sheet], kit: Kit, chosen: list[tuple[Field, Any, str]]) -> list[Block]:
    """The items every table that answered them chose alike, and those with the most different choices."""

    def choice(value: dict[str, Any]) -> str:
        return " → ".join(text for f, t, _ in chosen if (text := shown(t, value.get(f.name), kit)))

    said = []
    for item in kind.items(ex):
        choices = {group: choice(s.get(item.id) or {}) for group, s in sheets.items()}
        if sum(bool(c) for c in choices.values()) > 1:
            said.append((len({c for c in choices.values() if c}), item, choices))
    agreed = [entry for entry in said if entry[0] == 1]
    differed = sorted((entry for entry in said if entry[0] > 1), key=lambda entry: -entry[0])
    blocks: list[Block] = []
    for title, entries in (
        (kit.words.gettext("Where the tables agreed"), agreed),
        (kit.words.gettext("Where the tables differed most"), differed),
    ):
        if entries:
            blocks.append(
                Heading(title + (kit.words.gettext(" (and {count} more)").format(count=len(entries) - MOST) if len(entries) > MOST else ""))
            )
            alike = " · ".join(label for _, _, label in chosen) if entries is agreed else ""
            blocks.append(choices_table(kind, entries[:MOST], list(sheets), alike))
    return blocks


def choices_table(kind: ExerciseKind, entries: list[tuple[int, Item, dict[str, str]]], groups: list[str], alike: str) -> Table:
    """The items (a long one by its first sentence, in every document: a first page sums up, the detail after it
    prints each whole) with each table's choice; items the tables chose `alike` with their one choice in one column
    headed by what was chosen (a column per table would say it four times)."""
    if alike:
        return Table(
            ("#", "", alike), tuple((reference(kind, i), gist(i.text), next(c for c in said.values() if c)) for _, i, said in entries)
        )
    return Table(
        ("#", "", *groups), tuple((reference(kind, i), gist(i.text), *(c or "–" for c in said.values())) for _, i, said in entries)
    )
