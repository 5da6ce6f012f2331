"""Bingo: a card of meeting clichés; crossing the kit's target number is a BINGO moment."""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Action, Card, Desk, ExerciseKind, Param, PersonalCard, Prompter, Run, Sheet, each, find_item
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Problem, Whole
from tocht_cli.kinds.values import Flag, Timestamp
from tocht_cli.render.blocks import Banner, BingoCard, Block, Cell, Facts, Paragraph, Sentence, Table
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tocht_cli.kinds.contract import Exercise, Kit


class Spec(KitTable, frozen=True):
    target: Annotated[int, Whole(1)]  # at most the number of statements: checked in finish()
    question: KitText
    crossed: KitText
    bingo: KitText
    bingo_at: KitText
    statements: Annotated[tuple[Item, ...], Numbered()]


def clock(timestamp: str) -> str:
    """HH:MM of a stored local timestamp, as the room saw it."""
    return timestamp[11:16] if len(timestamp) >= 16 else timestamp


class Bingo(ExerciseKind):
    name = "bingo"
    replay_whole = True
    compared = False  # each meeting has its own card
    help = N_("Cross statements heard on the bingo card; show the card with `tocht bingo`.")

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "target": N_("Bingo at (crossed statements)"),
        "crossed": N_("Word for crossed"),
        "bingo": N_("Call at bingo"),
        "bingo_at": N_("Word for the time of the bingo"),
        "statements": N_("Statements"),
    }

    def finish(self, spec: Spec) -> Spec:
        if spec.target > len(spec.statements):
            expected = _("expected a whole number from {minimum} to {maximum} (the card's statements)").format(
                minimum=1, maximum=len(spec.statements)
            )
            raise Problem(
                ("target",), _("{expected}, got {given}").format(expected=expected, given=_("the number {value}").format(value=spec.target))
            )
        return spec

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return list(ex.spec.statements)

    def fields(self, ex: Exercise[Spec], item: str) -> dict[str, Any]:
        return self.item_fields(ex, item, {"crossed": Flag()}, {"bingo_at": Timestamp()})

    def personal_card(self, ex: Exercise[Spec]) -> PersonalCard:
        return PersonalCard(ex.spec.statements, ex.spec.target, ex.spec.bingo)

    def crossed(self, ex: Exercise[Spec], sheet: Sheet) -> list[Item]:
        return [i for i in self.items(ex) if (sheet.get(i.id) or {}).get("crossed")]

    def progress(self, ex: Exercise[Spec], sheet: Sheet) -> tuple[int, int]:
        """The fullest card at the table, the group's own or a participant's phone: done once one has bingo."""
        fullest = max([len(self.crossed(ex, sheet)), *(len(card.crossed) for card in sheet.cards)])
        return min(fullest, ex.spec.target), ex.spec.target

    def first_open(self, ex: Exercise[Spec], sheet: Sheet) -> int | None:
        return None if self.crossed(ex, sheet) or any(card.crossed for card in sheet.cards) else 0

    def played(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> str:
        """'3 kaarten gespeeld op telefoons · BINGO! toestel 3fa2 (bingo om 10:42)': the table's phones, '' without."""
        if not sheet.cards:
            return ""
        count = len(sheet.cards)
        said = kit.words.ngettext("{count} card played on a phone", "{count} cards played on phones", count).format(count=count)
        won = sorted((card.won_at, card.who) for card in sheet.cards if card.won_at)
        return " · ".join([said, *(f"{ex.spec.bingo} {who} ({ex.spec.bingo_at} {clock(at)})" for at, who in won)])

    # -- summaries --------------------------------------------------------
    def facts(self, ex: Exercise[Spec], item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        if item == EXERCISE_LEVEL:
            return [(ex.spec.bingo_at, clock(value["bingo_at"]) if value.get("bingo_at") else "")]
        return [(ex.spec.crossed, kit.label("yes") if value.get("crossed") else "")]

    def tally(self, ex: Exercise[Spec], sheet: Sheet) -> tuple[str, str]:
        """'12 / 10 geschrapt' and, once reached, 'BINGO! (bingo om 10:42)'."""
        bingo_at = sheet.whole.get("bingo_at")
        reached = f"{ex.spec.bingo} ({ex.spec.bingo_at} {clock(bingo_at)})" if bingo_at else ""
        return f"{len(self.crossed(ex, sheet))} / {ex.spec.target} {ex.spec.crossed}", reached

    def account(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[str]:
        """A table's bingo told once, agreeing with its progress (the fullest card): its own card, then with
        phones their best card, how many were played and who won: 'beste kaart 10 / 10 geschrapt (telefoon) ·
        4 kaarten gespeeld op telefoons · BINGO! toestel 3fa2 (bingo om 10:42)'."""
        count, reached = self.tally(ex, sheet)
        own = len(self.crossed(ex, sheet))
        best = max((len(card.crossed) for card in sheet.cards), default=0)
        parts = [count, reached] if own or best <= own else []
        if best > own:
            score = f"{best} / {ex.spec.target} {ex.spec.crossed}"
            parts.append(kit.words.gettext("best card {score} (phone)").format(score=score))
        return [part for part in [*parts, self.played(ex, sheet, kit)] if part]

    # -- printed pages ----------------------------------------------------
    def printed_card(self, ex: Exercise[Spec], title: str, statements: list[Item], crossed: set[str], rule: str = "") -> BingoCard:
        """Five columns for the kit's 25 statements: as square as the number of statements allows."""
        columns = math.ceil(math.sqrt(len(statements)))
        return BingoCard(title, tuple((i.number, i.text, i.id in crossed) for i in statements), columns, rule)

    def rule(self, ex: Exercise[Spec], kit: Kit) -> str:
        """How a card is won, in the kit's words: its target and its call."""
        said = kit.words.gettext("Cross out {target} statements you hear today, then call “{bingo}”.")
        return said.format(target=ex.spec.target, bingo=ex.spec.bingo)

    def left_open(self, ex: Exercise[Spec], sheets: Sequence[Sheet], kit: Kit) -> list[Block]:
        """A statement nobody crossed is part of the card, not an item left open."""
        return []

    def handout_group(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[Block]:
        """The table's account, then its own card only when it crossed something on it (an empty card would
        contradict a phone's bingo printed above it); "not answered yet" when nothing was crossed anywhere."""
        crossed = {i.id for i in self.crossed(ex, sheet)}
        if not crossed and not sheet.cards:
            return [unanswered(kit)]
        card = [self.printed_card(ex, ex.spec.question, self.items(ex), crossed)] if crossed else []
        first, *rest = self.account(ex, sheet, kit)
        return [Sentence((Cell(first, "strong"), *(f"· {part}" for part in rest))), *card]

    def handout_totals(self, ex: Exercise[Spec], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        crossed = {g: {i.id for i in self.crossed(ex, s)} for g, s in sheets.items()}
        heard = [i for i in self.items(ex) if any(i.id in ids for ids in crossed.values())]
        scores = Facts(tuple((g, " · ".join(self.account(ex, s, kit))) for g, s in sheets.items()))
        if not heard:
            return [scores] if any(s.cards for s in sheets.values()) else [unanswered(kit)]
        rows = tuple(
            (str(i.number), i.text, *("✗" if i.id in crossed[g] else "" for g in sheets), str(sum(i.id in ids for ids in crossed.values())))
            for i in heard
        )
        return [scores, Table(("#", ex.spec.question, *sheets, kit.label("total")), rows)]

    def worksheet(self, ex: Exercise[Spec], kit: Kit, people: int) -> list[Block]:
        """A card for each participant, numbered, the statements shuffled differently on each (the same
        shuffle every time, so a reprint gives the same cards); the numbers are what `bingo cross` takes."""
        cards: list[Block] = [Paragraph(ex.spec.question)]
        for number in range(1, people + 1):
            statements = self.items(ex)
            random.Random(f"{ex.id}/{number}").shuffle(statements)
            title = kit.words.gettext("Card {number} of {count}").format(number=number, count=people)
            cards.append(self.printed_card(ex, title, statements, set(), self.rule(ex, kit)))
        return cards

    # -- recording --------------------------------------------------------
    def set_crossed(self, desk: Desk, ex: Exercise[Spec], items: list[Item], crossed: bool) -> bool:
        """Save the crosses and, when they reach the target, the moment of BINGO: in one lock hold.
        BINGO follows the crosses: taking crosses back below the target takes it away.

        Returns True when this call reached BINGO.
        """
        from tocht_cli.store import now

        with desk.transaction() as answers:
            group = desk.group  # as the session has it in this lock hold
            for item in items:
                if crossed:
                    answers.put(ex.id, item.id, group, self.validate(ex, item.id, {"crossed": True}))
                else:
                    answers.delete(ex.id, item.id, group)
            sheet = Sheet.of(answers.all(), ex.id, group)
            enough = len(self.crossed(ex, sheet)) >= ex.spec.target
            reached = crossed and enough and not sheet.whole.get("bingo_at")
            if reached:
                answers.put(ex.id, EXERCISE_LEVEL, group, self.validate(ex, EXERCISE_LEVEL, {**sheet.whole, "bingo_at": now()}))
            elif not enough and sheet.whole.get("bingo_at"):
                answers.delete(ex.id, EXERCISE_LEVEL, group)  # below the target again: no BINGO
        return reached

    def announce(self, desk: Desk, ex: Exercise[Spec], reached: bool) -> None:
        desk.present(self.handout_group(ex, desk.sheet(), desk.kit))
        if reached:
            desk.present([Banner(f"{ex.spec.bingo}  {desk.group}")])

    def actions(self) -> list[Action]:
        def change(crossed: bool) -> Run:
            def run(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
                items = each(args["numbers"], lambda ref: find_item(self.items(ex), ref, N_("bingo statement")))
                self.announce(desk, ex, self.set_crossed(desk, ex, items, crossed))
                desk.saved(f"{len(self.crossed(ex, desk.sheet()))} / {ex.spec.target} {ex.spec.crossed}")

            return run

        numbers = (
            Param(
                "numbers",
                N_("Statement numbers or ids, as `tocht kit show bingo` prints them."),
                many=True,
                required=True,
                metavar=N_("NUMBERS"),
                names=self.items,
            ),
        )
        return [
            Action("cross", N_("Cross statements heard (e.g. `tocht bingo cross 3 7 12`)."), numbers, change(True)),
            Action("uncross", N_("Take crosses back."), numbers, change(False)),
        ]

    def card(self, ex: Exercise[Spec], sheet: Sheet, group: str) -> Card:
        """The card as saved: its crosses, their count, and BINGO with its moment once the target is reached."""
        crossed = frozenset(i.id for i in self.crossed(ex, sheet))
        bingo_at = sheet.whole.get("bingo_at")
        banner = f"{ex.spec.bingo}  {group} ({ex.spec.bingo_at} {clock(bingo_at)})" if bingo_at else ""
        return Card(crossed, self.tally(ex, sheet)[0], banner)

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        """The card as a grid the group looks at: every cross saved the moment it is made."""
        items = {i.id: i for i in ex.spec.statements}

        def cross(item: str, crossed: bool) -> Card:
            self.set_crossed(w, ex, [items[item]], crossed)
            return self.card(ex, w.sheet(), w.group)

        cells = [(str(i.number), i.text, i.id) for i in ex.spec.statements]
        w.grid(ex.spec.question, cells, self.card(ex, w.sheet(), w.group), cross)


KIND = Bingo()


def unanswered(kit: Kit) -> Paragraph:
    """What a card nobody crossed anything on says: nothing was answered yet."""
    return Paragraph(kit.label("unanswered"), "muted")
