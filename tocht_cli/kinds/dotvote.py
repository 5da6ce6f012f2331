"""Stippen verdelen: every participant spreads the kit's number of dots over a list of options.

A table records how many dots each option got (`tocht dotvote set 1 --dots OPTION=N`, the walk, a
scribe's form); in a room every phone spreads its own dots (its own room answer, at most the kit's
number, changeable until the vote closes), the screen shows the totals once revealed, and saving
the tally gives each table the dots of its participants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from msgspec import Struct

from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import norm
from tocht_cli.kinds.actions import NOTE, Subject, clear_action, item_label, set_action
from tocht_cli.kinds.contract import Action, Param, Prompter, question_heading, question_number
from tocht_cli.kinds.fields import Among, DescribedKind, Field, named_counts, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.rounds import question
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Options, Problem, Whole
from tocht_cli.kinds.values import Counts, Text
from tocht_cli.render.blocks import Bars, Block, Boxes, Heading, Lines, Paragraph, Table

if TYPE_CHECKING:
    from collections.abc import Callable

    from tocht_cli.kinds.contract import Exercise, Kit, Sheet

MOST_DOTS = 20


class Spec(KitTable, frozen=True):
    options: Annotated[tuple[str, ...], Options(2)]  # what the dots are spread over
    dots: Annotated[int, Whole(1, MOST_DOTS)]  # each participant's dots
    heading: KitText  # the heading of the dots ("Stippen")
    question: KitText  # what the walk asks for a table's dots
    questions: Annotated[tuple[Item, ...], Numbered()]


class Spread(Struct, frozen=True):
    """One participant's dots: per option, at most `most` together."""

    options: tuple[str, ...]
    most: int
    default: Any = None

    def check(self, value: Any) -> dict[str, int]:
        counts = Counts(self.options).check(value)
        if sum(counts.values()) > self.most:
            raise ValueError(_("at most {most} dots, got {count}").format(most=self.most, count=sum(counts.values())))
        return {o: n for o, n in counts.items() if n}


def added(spreads: list[dict[str, int]], options: tuple[str, ...]) -> dict[str, int]:
    """The dots of several participants (or tables) added up per option, every option counted."""
    return {o: sum(s.get(o, 0) for s in spreads) for o in options}


class DotVote(DescribedKind):
    name = "dotvote"
    help = N_("Dot voting: each participant spreads the kit's dots over the options; show the totals with `tocht dotvote`.")

    answer = (
        Field("dots", Among(Counts, "options"), spec_text("heading"), spec_text("question"), main=True),
        Field("note", Text(multiline=True), lambda spec, kit: kit.label("note"), help=NOTE.help, flag=NOTE.flag),
    )

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "options": N_("Options"),
        "dots": N_("Dots per participant"),
        "heading": N_("Heading for the dots"),
        "question": N_("Question for the dots"),
        "questions": N_("Questions"),
    }

    def items(self, ex: Exercise) -> list[Item]:
        return list(ex.spec.questions)

    def round_spec(self, parent: Exercise, room: Any, seeds: tuple[str, ...]) -> Spec:
        """Dots over the exercise's items (a plan's steps): where the room would start."""
        options = tuple(item.text for item in parent.kind.items(parent))
        if len(options) < 2 or len({norm(o) for o in options}) < len(options):
            raise Problem(("room", "dots"), _("dots need at least two items of distinct names to spread over"))
        return Spec(options, room.dots, room.heading, room.question, question(room))

    def ranked(
        self, ex: Exercise, ballots: list[dict[str, Any]], sheets: dict[str, Sheet], state: dict[str, Any], kit: Kit
    ) -> list[tuple[str, int]]:
        """The room's dots per option, the most first: a table's participants' own, or the dots a table without
        phones recorded; nothing before anyone spread a dot."""
        options = tuple(ex.spec.options)
        spreads = [b["value"].get("dots") or {} for b in ballots]
        voted = {b["group"] for b in ballots}
        spreads += [(s.get(i.id) or {}).get("dots") or {} for g, s in sheets.items() if g not in voted for i in self.items(ex)]
        total = added(spreads, options)
        if not any(total.values()):
            return []
        return sorted(total.items(), key=lambda pair: -pair[1])

    def room_blocks(self, ex: Exercise, ranked: list[tuple[str, int]], kit: Kit) -> list[Block]:
        heading = str(ex.spec.heading)
        return [Bars(heading, (heading,), tuple((option, (n,)) for option, n in ranked))]

    def worksheet(self, ex: Exercise, kit: Kit, people: int) -> list[Block]:
        """Each question's options, each with a box for every dot the table's `people` have (a tick per dot) and
        a blank for its count; the kit's number of dots said above them."""
        spec = ex.spec
        said = kit.words.ngettext(
            "Everyone spreads {count} dot: tick a box for it.", "Everyone spreads {count} dots: tick a box for each.", spec.dots
        ).format(count=spec.dots)
        boxes = Boxes(("",) * (spec.dots * people))
        table = Table(
            ("#", "", spec.heading, kit.label("total")), tuple((str(n), o, boxes, Lines()) for n, o in enumerate(spec.options, 1))
        )
        return [b for item in self.items(ex) for b in (Heading(question_heading(self, ex, item)), Paragraph(said), table)]

    def device_shape(self, ex: Exercise, item: str) -> dict[str, Any] | None:
        """A participant's own dots on a question: at most the kit's number, spread over its options."""
        if item not in {i.id for i in ex.spec.questions}:
            return None
        return {"dots": Spread(tuple(ex.spec.options), ex.spec.dots)}

    def room_tally(self, ex: Exercise, spreads: list[dict[str, int]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
        """The change a table's participants' dots make to its answer: its dots, every option counted."""
        dots = added(spreads, tuple(ex.spec.options))
        return lambda value: {**value, "dots": dots}

    def head_count_problem(self, ex: Exercise, before: dict[str, Any], after: dict[str, Any], people: int) -> str | None:
        """More dots than the table's people have (each the kit's number) is a typing error or a wrong head count."""
        count, most = sum((after.get("dots") or {}).values()), people * ex.spec.dots
        if count <= most or count <= sum((before.get("dots") or {}).values()):
            return None
        return _("{count} dots, but {people} people × {dots} = {most}; is the head count right?").format(
            count=count, people=people, dots=ex.spec.dots, most=most
        )

    def walk(self, w: Prompter, ex: Exercise, start: int) -> None:
        def ask(item: Item) -> None:
            w.item_panel(item.text, number=question_number(self, ex, item))
            self.ask(w, ex, item.id)

        w.step_through(self.items(ex), ask, start)

    def actions(self) -> list[Action]:
        question = Subject(N_("question"), N_("QUESTION"), N_("Question number or id, e.g. 1."))
        dots = Param(
            "dots",
            N_('Dots as OPTION=N (an option by its first letters too), e.g. --dots "samen=5".'),
            "--dots",
            many=True,
            metavar=N_("OPTION=N"),
        )

        def merge(ex: Exercise, args: dict[str, Any], fields: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
            counts = named_counts(
                args["dots"] or [],
                tuple(ex.spec.options),
                what=N_("option"),
                malformed=_("--dots takes OPTION=N with N a whole number, got {pair!r}"),
                twice=_("dots for {name!r} are given twice; give each option once"),
            )

            def change(value: dict[str, Any]) -> dict[str, Any]:
                return {**value, **fields, **({"dots": {**(value.get("dots") or {}), **counts}} if counts else {})}

            return change

        def confirm(ex: Exercise, item: Item, value: dict[str, Any]) -> str:
            shown = " · ".join(f"{o} {n}" for o, n in (value.get("dots") or {}).items())
            return f"{item_label(ex, item)}: {shown or '–'}"

        note = (Param("note", NOTE.help, NOTE.flag),)
        return [
            set_action("set", N_("Record the dots each option got on a question."), question, note, confirm, (dots,), merge),
            clear_action(question, N_("Forget the dots of a question.")),
        ]


KIND = DotVote()
