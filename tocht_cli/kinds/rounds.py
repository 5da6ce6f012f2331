"""The room's round an exercise asks first: the `[room]` table of its file.

An exercise of any kind may ask the whole room before its tables answer: for words from every phone
(`words = true`, a word cloud), for entries proposed and supported (`upvotes = {seed = "suggestions",
top = 10}`, the exercise's own list offered first) or for dots over its items (`dots = 3`). The round
is an exercise of the room kind (words, upvotes, dotvote) hanging off the one it feeds
(`Exercise.room_round`), with its own id (`<exercise>-room`): its answers and room answers are stored,
exported and merged as every exercise's. What the tables take over from it, the feeding kind says in
its walk and its commands (`Desk.from_room`). Its texts are the kit's, in the `[room]` table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.base.text import norm
from tocht_cli.kinds.contract import Action, Exercise, Param
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Problem, Whole, Yes
from tocht_cli.render.blocks import Listing
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Desk, ExerciseKind, Prompter
    from tocht_cli.kinds.lists import NumberedList

ROUND_KINDS = {"words": "words", "upvotes": "upvotes", "dots": "dotvote"}  # a [room] key → the kind its round is of
ROUND_ITEM = "room"  # the one question a round asks
MOST_TOP = 100


class Upvoting(KitTable, frozen=True):
    """`upvotes = {seed = "suggestions", top = 10}`: the exercise's list offered first, and how many of the most
    supported entries the tables take over."""

    seed: KitText = ""
    top: Annotated[int, Whole(1, MOST_TOP)] = 10


class RoomTable(KitTable, frozen=True, kw_only=True):
    """An exercise file's `[room]`: which round the room plays first, and the words it shows."""

    title: KitText  # the round's title (on the screen, in the handout)
    question: KitText  # what every phone is asked
    heading: KitText  # the heading of what the room gave: "Woorden", "Steun", "Stippen"
    entry: KitText = ""  # upvotes: the heading of an entry ("Uitdaging"); the title when not given
    intro: KitText = ""
    words: Annotated[bool, Yes()] = False
    upvotes: Upvoting | None = None
    dots: Annotated[int, Whole(1, 20)] = 0
    per_device: Annotated[int, Whole(1, 10)] = 3  # the words a phone's answer counts, the entries it may propose


def round_id(parent: str) -> str:
    return f"{parent}-{ROUND_ITEM}"


def asked(room: RoomTable) -> str:
    """The one round `[room]` asks for (its key); Problem when it names none or several."""
    named = [key for key, on in (("words", room.words), ("upvotes", room.upvotes is not None), ("dots", room.dots > 0)) if on]
    if len(named) != 1:
        got = ", ".join(named) or "–"
        raise Problem(("room",), _("give exactly one of words, upvotes and dots, got {got}").format(got=got))
    return named[0]


def seeds(parent: Exercise, room: RoomTable) -> tuple[str, ...]:
    """The texts of the exercise's list that `upvotes.seed` names (its suggestions), offered first."""
    name = room.upvotes.seed if room.upvotes else ""
    if not name:
        return ()
    lists = {key: value for key in parent.spec.__struct_fields__ if _items(value := getattr(parent.spec, key))}
    if name not in lists:
        known = ", ".join(lists) or "–"
        raise Problem(
            ("room", "upvotes", "seed"), _("{name!r} is no list of this exercise (lists: {known})").format(name=name, known=known)
        )
    return tuple(item.text for item in lists[name])


def _items(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and all(isinstance(v, Item) for v in value)


def round_of(parent: Exercise, room: RoomTable, kinds: Mapping[str, ExerciseKind]) -> Exercise:
    """The round `parent` asks the room first, as an exercise of the room's kind; Problem (with its key path)
    when `[room]` asks for none, for several, or for something the exercise cannot give."""
    key = asked(room)
    kind = kinds.get(ROUND_KINDS[key])
    spec = kind.round_spec(parent, room, seeds(parent, room)) if kind is not None else None
    if kind is None or spec is None:
        raise Problem(("room", key), _("no installed kind runs this round ({kind})").format(kind=ROUND_KINDS[key]))
    return Exercise(
        round_id(parent.id), kind, parent.code, room.title, room.intro, spec, parent.file, parent.number, minutes=parent.minutes
    )


def question(room: RoomTable) -> tuple[Item, ...]:
    """The round's one question."""
    return (Item(ROUND_ITEM, room.question, 1),)


# -- what the tables take over from the room ----------------------------------------------------


class Feeding(NamedTuple):
    """How an exercise's list takes the room's round in: the list, an entry made of a text the room gave,
    the text of an entry (to leave out what the list holds), and how many entries the list holds at most."""

    entries: Callable[[], NumberedList]
    make: Callable[[str], Any]
    text_of: Callable[[Any], str]
    most: Callable[[Exercise], int]


def new_from_room(feeding: Feeding, ex: Exercise, ranked: list[tuple[str, int]], value: dict[str, Any]) -> list[tuple[str, int]]:
    """What the room gave that the group's list does not hold yet, as many as it still has room for."""
    own = feeding.entries().entries(value)
    have = {norm(feeding.text_of(entry)) for entry in own}
    return [(text, n) for text, n in ranked if norm(text) not in have][: max(0, feeding.most(ex) - len(own))]


def listed(ranked: list[tuple[str, int]]) -> Listing:
    """What the room gave, numbered, each with how many gave it: "1. cultuur (2)"."""
    return Listing(tuple((n, f"{text} ({count})", "") for n, (text, count) in enumerate(ranked, 1)))


def offer_from_room(w: Prompter, ex: Exercise, feeding: Feeding) -> None:
    """The walk offers what the room gave in the exercise's round and the group's list lacks, with its count, once:
    as the choices to tick (a list above them said it all twice), taken over only when the group says so."""
    new = new_from_room(feeding, ex, w.from_room(), w.own(EXERCISE_LEVEL))
    if not new or ex.room_round is None:
        return
    w.item_panel(ex.room_round.title)
    asked = w.kit.words.gettext("Which do you take over from the room? (none ticked: none taken)")
    for text in w.checkbox(asked, [(f"{text} ({count})", text) for text, count in new], set()):
        w.try_save(EXERCISE_LEVEL, feeding.entries().add(feeding.make(text)))


FROM_ROOM = "from-room"  # the command that takes over what the room gave: a scribe's form only once it gave something


def show_where_the_room_starts(w: Prompter, ex: Exercise) -> None:
    """The dots the room spread over the exercise's items (a plan's steps, a checklist's criteria), shown before
    the group answers them: where the room would start. Nothing is recorded."""
    dots = w.from_room()
    if dots and ex.room_round is not None:
        w.item_panel(ex.room_round.title, " · ".join(f"{item} {n}" for item, n in dots if n))


def from_room_action(feeding: Feeding, help: str) -> Action:
    """`from-room`: lists what the room gave that the group's list lacks; with --take, adds it (with numbers,
    only those of the list)."""

    def run(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
        ranked = desk.from_room()
        if ex.room_round is None or not ranked:
            raise UsageError(_("the room gave nothing in this exercise's round yet"), _("the room's phones answer it in `tocht room`"))
        new = new_from_room(feeding, ex, ranked, desk.sheet().whole)
        if not new:
            desk.hint(_("the list already holds what the room gave"))
        elif not args["take"]:
            desk.present([listed(new)])
            desk.hint(_("add them with --take, or some of them with --take and their numbers"))
        else:
            new = picked(new, args["numbers"] or [])
            for text, _count in new:
                desk.save(EXERCISE_LEVEL, feeding.entries().add(feeding.make(text)))
            desk.saved(ngettext("{count} taken over from the room", "{count} taken over from the room", len(new)).format(count=len(new)))

    take = Param(
        "take",
        N_("Add them to the list (without it, they are listed)."),
        "--take",
        type=bool,
        label=lambda spec, kit: kit.words.gettext("take them over"),
    )
    numbers = Param(
        "numbers",
        N_("Only these of the listed, by number, e.g. --take 1 3 5."),
        type=int,
        many=True,
        metavar=N_("NUMBER"),
        label=lambda spec, kit: kit.words.gettext("Only these numbers (empty: all)"),
    )

    def offers(ex: Exercise, ranked: list[tuple[str, int]], whole: dict[str, Any]) -> list[str]:
        return [f"{text} ({count})" for text, count in new_from_room(feeding, ex, ranked, whole)]

    return Action(FROM_ROOM, help, (numbers, take), run, title=lambda spec, kit: kit.words.gettext("What the room gave"), offers=offers)


def picked(new: list[tuple[str, int]], numbers: list[int]) -> list[tuple[str, int]]:
    """The entries of the listed the numbers name (all without numbers); a number not on the list refuses all."""
    wrong = [n for n in numbers if not 1 <= n <= len(new)]
    if wrong:
        raise UsageError(_("no number {number} in what the room gave: 1 to {count}").format(number=wrong[0], count=len(new)))
    return [entry for n, entry in enumerate(new, 1) if not numbers or n in numbers]
