"""Gedeeld vocabularium: link each function of one decree to the tasks of another, and say how."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import clean, listed, short
from tocht_cli.kinds.actions import Subject, clear_action, item_of, item_param, remove_action
from tocht_cli.kinds.contract import Action, Back, Desk, ExerciseKind, Param, Prompter, Sheet, each, find_item, in_turn
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.lists import NumberedList, required, taken_over
from tocht_cli.kinds.rounds import Feeding, from_room_action, offer_from_room
from tocht_cli.kinds.tables import KitTable, KitText, Numbered
from tocht_cli.kinds.values import Ids, Text, Texts
from tocht_cli.render.blocks import Block, Boxes, Content, Facts, Lines, Paragraph, Table
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit


NONE = ""  # the walk's tick for "none of the tasks" (no task has an empty id)
ROOM_WORDS = 20  # the room's most given words a group is offered: a cloud's long tail is no vocabulary
WORDS = Feeding(lambda: NumberedList("words", N_("word"), unique=True), str, str, lambda ex: ROOM_WORDS)


class Spec(KitTable, frozen=True):
    instruction: KitText
    left_title: KitText
    right_title: KitText
    question: KitText
    how: KitText
    words: KitText
    words_question: KitText
    functions: Annotated[tuple[Item, ...], Numbered(keys=(("label", "text"),))]
    tasks: Annotated[tuple[Item, ...], Numbered(keys=(("label", "text"),))]


class Vocabulary(ExerciseKind):
    name = "vocabulary"
    help = N_("Link the functions of one decree to the basic tasks of the other; collect shared words.")

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "left_title": N_("Heading on the left"),
        "right_title": N_("Heading on the right"),
        "how": N_("Question for how"),
        "words": N_("Heading for the words"),
        "words_question": N_("Question for a word"),
        "functions": N_("Functions"),
        "tasks": N_("Tasks"),
    }

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return list(ex.spec.functions)

    def progress(self, ex: Exercise[Spec], sheet: Sheet) -> tuple[int, int]:
        """The functions, and the group's words as one item more (taken over from last time or given): the same
        total for every table, whether it gave words yet or not (it read 0/5 at one table, 1/6 at the next)."""
        done, total = super().progress(ex, sheet)
        return done + bool(sheet.whole.get("words")), total + 1

    def fields(self, ex: Exercise[Spec], item: str) -> dict[str, Any]:
        task_ids = tuple(t.id for t in ex.spec.tasks)
        return self.item_fields(
            ex, item, {"tasks": Ids(task_ids, N_("task"), default=None), "how": Text(multiline=True)}, {"words": Texts()}
        )

    def is_answered(self, ex: Exercise[Spec], item: str, value: dict[str, Any] | None) -> bool:
        if item == EXERCISE_LEVEL:
            return super().is_answered(ex, item, value)
        return value is not None and (value.get("tasks") is not None or bool(value.get("how")))

    def task_labels(self, ex: Exercise[Spec], ids: list[str] | None) -> list[str]:
        return [t.text for t in ex.spec.tasks if t.id in (ids or [])]

    def linked(self, ex: Exercise[Spec], tasks: list[str] | None, kit: Kit) -> str:
        """The linked tasks as text, between " · " as every list of ticked options; 'geen' for a decided none, '' while undecided."""
        if tasks is None:
            return ""
        return listed(self.task_labels(ex, tasks), " · ") or kit.label("none")  # as the walk echoes ticks

    # -- summaries --------------------------------------------------------
    def facts(self, ex: Exercise[Spec], item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        if item == EXERCISE_LEVEL:
            return [(ex.spec.words, " · ".join(value.get("words") or []))]
        return [(ex.spec.right_title, self.linked(ex, value.get("tasks"), kit)), (ex.spec.how, value.get("how") or "")]

    def item_heading(self, ex: Exercise[Spec]) -> str:
        return str(ex.spec.left_title)

    def worksheet(self, ex: Exercise[Spec], kit: Kit, people: int) -> list[Block]:
        """The two decrees crossed: a box where a function meets a task, lines for how; then the shared words."""
        spec = ex.spec
        tasks = tuple(f"{t.number}. {t.text}" for t in spec.tasks)
        rows: tuple[tuple[Content, ...], ...] = tuple(
            (str(f.number), f.text, *(Boxes(("",)) for _ in spec.tasks), Lines(2)) for f in spec.functions
        )
        return [
            Paragraph(spec.instruction),
            Paragraph(f"{spec.right_title}: {spec.question}"),
            Table(("#", spec.left_title, *tasks, spec.how), rows),
            Facts(((spec.words, Lines(3)),)),
        ]

    def actions(self) -> list[Action]:
        def link(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            item = item_of(ex, args, N_("function"))
            tasks, none = args["tasks"], args["none"]
            if none and tasks:
                raise UsageError(_("--none and tasks exclude each other"))
            changes: dict[str, Any] = {}
            if tasks or none:
                changes["tasks"] = [t.id for t in each(tasks or [], lambda ref: find_item(list(ex.spec.tasks), ref, N_("task")))]
            if args["how"] is not None:
                changes["how"] = args["how"]
            if not changes:
                raise UsageError(_("nothing to record"), _("name the tasks, or give --none or --how"))
            value = desk.save(item.id, changes)
            desk.saved(f"{item.text} → {', '.join(self.task_labels(ex, value['tasks'])) or '–'}")

        def add_word(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            desk.save(EXERCISE_LEVEL, NumberedList("words", N_("word"), unique=True).add(required(args["word"], N_("a word"))))
            desk.saved(_("word {word!r}").format(word=clean(args["word"])))

        function = Subject(N_("function"), N_("FUNCTION"), N_("A function (number, id or name), e.g. productie."))
        return [
            Action(
                "link",
                N_("Link a function to the tasks it serves (replacing earlier links)."),
                (
                    item_param(function),
                    Param(
                        "tasks",
                        N_("The tasks it serves (number, id or name)."),
                        many=True,
                        metavar=N_("TASKS"),
                        names=lambda ex: list(ex.spec.tasks),
                        current=lambda value: value.get("tasks") or [],
                        label=lambda spec, kit: spec.question,
                    ),
                    Param(
                        "none",
                        N_("It serves none of the tasks."),
                        "--none",
                        type=bool,
                        current=lambda value: value.get("tasks") == [],
                        label=lambda spec, kit: kit.label("none"),
                    ),
                    Param(
                        "how",
                        N_("How they connect."),
                        "--how",
                        current=lambda value: value.get("how") or "",
                        label=lambda spec, kit: spec.how,
                    ),
                ),
                link,
                title=lambda spec, kit: spec.right_title,
            ),
            clear_action(function, N_("Forget the links and notes of a function."), name="unlink"),
            Action(
                "add-word",
                N_("Propose a word for the shared vocabulary."),
                (
                    Param(
                        "word",
                        N_("The word."),
                        required=True,
                        metavar=N_("WORD"),
                        fills="words",
                        label=lambda spec, kit: short(spec.words_question),
                    ),
                ),
                add_word,
                title=lambda spec, kit: spec.words,
            ),
            from_room_action(
                WORDS, N_("The room's words (its round in `tocht room`) the group has not yet: listed, or added with --take.")
            ),
            remove_action(
                "remove-word",
                N_("Remove a proposed word by its number."),
                lambda: NumberedList("words", N_("word")),
                lambda words: _("word {word!r} removed").format(word=words.entry),
            ),
        ]

    def _ask_tasks(self, w: Prompter, ex: Exercise[Spec], item: str) -> list[str] | None:
        """The tasks a function serves, ticked (those carried over from the earlier meeting marked so);
        "none of them" is a tick of its own, so that Enter on nothing ticked stays undecided (None)
        instead of recording "none" nobody chose."""
        own = w.own(item)
        tasks = own.get("tasks") if own else w.before(item).get("tasks")
        ticked = {NONE} if tasks == [] else set(tasks or [])
        choices = [(t.text, t.id) for t in ex.spec.tasks] + [(w.label("none"), NONE)]
        chosen = w.checkbox(ex.spec.question, choices, ticked, earlier=frozenset() if own else frozenset(ticked))
        picked = [c for c in chosen if c != NONE]
        return picked or ([] if NONE in chosen else None)

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        """The functions, each linked to tasks and said how, then the group's words; back steps through
        them one question at a time (from the words to the last function's "how")."""
        spec = ex.spec
        w.item_panel(spec.instruction)

        def ask(item: Item) -> None:
            w.item_panel(f"{spec.left_title}: {item.text}", number=str(item.number))

            def tasks(backwards: bool) -> None:
                w.save(item.id, {"tasks": self._ask_tasks(w, ex, item.id)})

            def how(backwards: bool) -> None:
                """Asked only once a task is linked: "how?" of nothing ("geen", or none ticked) is no question."""
                if not w.own(item.id).get("tasks"):
                    if backwards:
                        raise Back
                    return
                mine, earlier = w.own(item.id).get("how"), w.before(item.id).get("how")
                question = spec.how if mine or not earlier else f"{spec.how} ({w.label('earlier')}: {earlier})"
                w.save(item.id, {"how": w.text(question, default=mine or "")})

            in_turn([tasks, how])

        def functions(backwards: bool) -> None:
            w.step_through(self.items(ex), ask, len(self.items(ex)) - 1 if backwards else start)

        in_turn([functions, lambda backwards: self._ask_words(w, ex)])

    def _ask_words(self, w: Prompter, ex: Exercise[Spec]) -> None:
        """The group's words, one per prompt, until an empty one."""
        taken_over(
            w,
            NumberedList("words", N_("word")),
            str,
            lambda n: w.kit.words.ngettext(
                "Take over this word from last time?", "Take over these {count} words from last time?", n
            ).format(count=n),
        )
        offer_from_room(w, ex, WORDS)
        count = len(w.own(EXERCISE_LEVEL).get("words") or [])
        while True:
            asked = w.kit.words.gettext("Word {number}: {question}")  # the one about to be given, before the kit's "(…)"
            word = w.text(asked.format(question=ex.spec.words_question, number=count + 1))
            if not word:
                break
            added = NumberedList("words", N_("word"), unique=True)
            w.try_save(EXERCISE_LEVEL, added.add(word))
            count = added.number or count


KIND = Vocabulary()
