"""The facilitator's steps in `tocht run`, written as a script and turned into the keys the prompts read.

    room = Facilitator()
    room.begin()
    room.choose("oneens", among=POSITIONS)
    room.answer("5 2 1")
    keyed(room.keys, "run", "-e", "stellingen")

Choosing means moving the cursor, so a select or checkbox needs its choices in order:
the lists below are read from the test kit (data/kits/tocht-2017).
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.helpers.files import KIT_DIR
from tests.helpers.terminal import SEES
from tocht_cli.kinds.contract import Kit
from tocht_cli.kinds.registry import installed
from tocht_cli.kit.loader import load_path
from tocht_cli.walk.guide import steering_keys

DOWN, UP, RIGHT, LEFT, ENTER, SPACE, BACKSPACE, CTRL_C, TAB = "\x1b[B", "\x1b[A", "\x1b[C", "\x1b[D", "\r", " ", "\x7f", "\x03", "\t"

KIT = load_path(KIT_DIR, installed())

EXERCISES = [ex.id for ex in KIT.exercises]  # "naar een andere oefening" offers them in this order
POSITIONS = list(KIT.exercise("stellingen").spec.positions)
HOLDERS = list(KIT.exercise("rollen").spec.holders)
YES_NO = [KIT.label("yes"), KIT.label("no")]
STEP_STATUSES = list(KIT.exercise("stappenplan").spec.statuses)
CHECKLIST_STATUSES = list(KIT.exercise("allianties").spec.statuses)
ROW_ACTIONS = [KIT.label(key) for key in ("add", "edit", "remove", "done")]  # regio's menu once it has rows and room for more
BINGO = [statement.id for statement in KIT.exercise("bingo").spec.statements]
TASKS = [task.id for task in KIT.exercise("vocabularium").spec.tasks]
NONE = KIT.label("none")  # the vocabulary's tick for "none of the tasks", after them
TASKS_OR_NONE = [*TASKS, NONE]
ALLY_WITH = [option.id for option in KIT.exercise("allianties").spec.options("with")]


class Facilitator:
    """What the facilitator does at each prompt, kept as the keys typed (`keys`); `kit` gives the
    steering letters and "no answer"'s words (the Dutch test kit unless another is walked)."""

    def __init__(self, kit: Kit = KIT) -> None:
        self.keys = ""
        self.on_card = 0  # where the cursor of the card being shown is: a card starts on its first cell
        self.kit = kit
        self.letters = {key.name: key.letter for key in steering_keys(kit.label)}
        self.no_answer_label = kit.label("no_answer")

    def begin(self) -> None:
        """Enter on an exercise's intro: "beginnen"."""
        self.keys += ENTER

    def choose(self, choice: str, among: Sequence[str], shown: str | None = None, lead: str | None = None) -> None:
        """Move the cursor of a select to CHOICE and press Enter.

        AMONG are the select's own choices in order; LEAD, when given, comes
        first ("verder zonder antwoord", "vorige keer: eens"). The cursor starts on SHOWN,
        the answer the select shows already, else on the first entry.
        """
        entries = [*([lead] if lead else []), *among]
        moves = entries.index(choice) - (entries.index(shown) if shown is not None else 0)
        self.keys += (DOWN * moves if moves >= 0 else UP * -moves) + ENTER

    def pick(self, choice: str, among: Sequence[str]) -> None:
        """Answer a question not answered yet: from "verder zonder antwoord" down to CHOICE."""
        self.choose(choice, among, lead=self.no_answer_label)

    def no_answer(self) -> None:
        """Enter on a question not answered yet: on to the next question, nothing recorded."""
        self.keys += ENTER

    def steer(self, step: str) -> None:
        """Type /, a steer's letter and Enter in a select or on a grid (the first letter of its word, as the
        hint shows it), as in a text prompt."""
        self.keys += "/" + self.letters[step] + ENTER

    def skip(self, among: Sequence[str] = (), unanswered: bool = False) -> None:
        """/o and Enter (overslaan) in a select: on to the next item."""
        self.steer("skip")

    def back(self, among: Sequence[str] = (), unanswered: bool = False) -> None:
        """/t and Enter (terug) in a select: back to the previous item."""
        self.steer("back")

    def jump(self, among: Sequence[str] = (), unanswered: bool = False) -> None:
        """/n and Enter (naar een andere oefening) in a select; the list of exercises comes next."""
        self.steer("jump")

    def stop(self, among: Sequence[str] = (), unanswered: bool = False) -> None:
        """/s and Enter (stoppen) in a select: the walk ends with its progress table."""
        self.steer("stop")

    def tick(self, *choices: str, among: Sequence[str]) -> None:
        """In a checkbox, toggle CHOICES (Space on each, top to bottom), then confirm with Enter."""
        cursor = 0
        for index in sorted(among.index(choice) for choice in choices):
            self.keys += DOWN * (index - cursor) + SPACE
            cursor = index
        self.keys += ENTER

    def cross(self, *choices: str, among: Sequence[str]) -> None:
        """On a card (the bingo grid), go to each of CHOICES in turn and press Space: crossed, or
        uncrossed if it was. The right and left arrows go through the cells in reading order, so the
        steps are the same however many columns the terminal holds. The card stays up."""
        for choice in choices:
            self._to_on_card(among.index(choice))
            self.keys += SPACE

    uncross = cross

    def card_done(self) -> None:
        """Enter on a card: done with it, on to the next exercise."""
        self.keys += ENTER
        self.on_card = 0

    def card_step(self, step: str, among: Sequence[str]) -> None:
        """/, a steer's letter and Enter on a card (skip, back, jump, stop)."""
        self.steer(step)
        self.on_card = 0

    def _to_on_card(self, index: int) -> None:
        moves = index - self.on_card
        self.keys += RIGHT * moves if moves >= 0 else LEFT * -moves
        self.on_card = index

    def take_majority(self) -> None:
        """At the hint after a show of hands, press 2 and Enter: the position most hands went up for."""
        self.keys += "2" + ENTER

    def keep(self) -> None:
        """Enter: keep what the prompt shows (the choice under the cursor, the ticks, the text, or nothing)."""
        self.keys += ENTER

    def answer(self, text: str) -> None:
        """Type TEXT into a text prompt and press Enter."""
        self.keys += text + ENTER

    def complete(self, start: str, offered: str, filled: str) -> None:
        """Type START; once the menu under the prompt shows OFFERED, Tab; once the prompt's line
        shows FILLED (the suggestion filled in), Enter takes it."""
        self.keys += start
        self.sees(offered)
        self.keys += TAB
        self.sees(filled)
        self.keys += ENTER

    def no_more(self) -> None:
        """Enter on an empty line: the list being typed (partners, words) is complete."""
        self.keys += ENTER

    def erase(self, text: str) -> None:
        """Backspace over TEXT, left in the prompt after it was refused."""
        self.keys += BACKSPACE * len(text)

    def slash(self, word: str) -> None:
        """Type /WORD and Enter in a text prompt: skip, back, jump or stop from there."""
        self.keys += "/" + word + ENTER

    def sees(self, text: str) -> None:
        """The facilitator looks at the screen: the next keys wait until it shows TEXT (drawn on a
        tests/helpers/terminal.py Terminal; without one, the keys go on at once)."""
        self.keys += SEES + text + SEES

    def stop_with_ctrl_c(self) -> None:
        """Ctrl-C: the walk stops at once; what was saved stays."""
        self.keys += CTRL_C
        self.on_card = 0
