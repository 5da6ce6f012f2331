"""Regionale uitdagingen: up to N rows of a challenge and the chance a regional approach offers."""

from __future__ import annotations

from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.actions import given, remove_action, row_choices
from tocht_cli.kinds.contract import Action, Back, Desk, ExerciseKind, Param, Prompter, Sheet, Skip, find_item
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.lists import NumberedList, required, taken_over
from tocht_cli.kinds.rounds import Feeding, from_room_action, offer_from_room
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Whole
from tocht_cli.kinds.values import Rows, Text
from tocht_cli.render.blocks import Block, Heading, Lines, Listing, Paragraph, Table
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit


class Spec(KitTable, frozen=True):
    instruction: KitText
    rows: Annotated[int, Whole(1, 100)]
    challenge: KitText
    regional: KitText
    suggestions: Annotated[tuple[Item, ...], Numbered(min_items=0)]


class Challenges(ExerciseKind):
    name = "challenges"
    replay_whole = True
    help = N_("Challenges the group runs into and what a regional approach offers; `tocht challenges` shows the rows.")

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "rows": N_("Number of rows"),
        "challenge": N_("Question for a challenge"),
        "regional": N_("Question for the regional view"),
        "suggestions": N_("Suggestions"),
    }

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return []

    def fields(self, ex: Exercise[Spec], item: str) -> dict[str, Any]:
        row = (("challenge", Text()), ("regional", Text(multiline=True)))
        return self.item_fields(ex, item, {}, {"rows": Rows(row, max_rows=ex.spec.rows)})

    def rows(self, sheet: Sheet) -> list[dict[str, Any]]:
        return list(sheet.whole.get("rows") or [])

    def progress(self, ex: Exercise[Spec], sheet: Sheet) -> tuple[int, int]:
        return len(self.rows(sheet)), ex.spec.rows

    def first_open(self, ex: Exercise[Spec], sheet: Sheet) -> int | None:
        return None if len(self.rows(sheet)) >= ex.spec.rows else 0

    # -- summaries --------------------------------------------------------
    def facts(self, ex: Exercise[Spec], item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        return [(row["challenge"], row["regional"]) for row in value.get("rows") or []]

    def handout_group(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[Block]:
        rows = self.rows(sheet)
        if not rows:
            return [Paragraph(kit.label("unanswered"), "muted")]
        table = Table(
            ("#", ex.spec.challenge, ex.spec.regional), tuple((str(n), r["challenge"], r["regional"]) for n, r in enumerate(rows, 1))
        )
        return [Paragraph(f"{len(rows)} / {ex.spec.rows}", "strong"), table]

    def handout_totals(self, ex: Exercise[Spec], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        rows = tuple((g, str(n), r["challenge"], r["regional"]) for g, s in sheets.items() for n, r in enumerate(self.rows(s), 1))
        if not rows:
            return [Paragraph("–")]
        return [Table((kit.label("group"), "#", ex.spec.challenge, ex.spec.regional), rows, numbered=False)]

    def worksheet(self, ex: Exercise[Spec], kit: Kit, people: int) -> list[Block]:
        """The kit's rows to fill in, then its suggestions with the numbers `challenges add --suggestion` takes."""
        spec = ex.spec
        blocks: list[Block] = [
            Paragraph(spec.instruction),
            Table(("#", spec.challenge, spec.regional), tuple((str(n), Lines(2), Lines(2)) for n in range(1, spec.rows + 1))),
        ]
        if spec.suggestions:
            blocks += [
                Heading(kit.words.gettext("Suggestions")),
                Table(("#", spec.challenge), tuple((str(i.number), i.text) for i in spec.suggestions)),
            ]
        return blocks

    @staticmethod
    def row_list() -> NumberedList:
        return NumberedList("rows", N_("row"))

    def actions(self) -> list[Action]:
        def add(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            challenge, suggestion = args["challenge"], args["suggestion"]
            if (challenge is None) == (suggestion is None):
                raise UsageError(
                    _("give the challenge in words or a suggestion (one of the two)"), _("the challenge as text, or --suggestion N")
                )
            picked, text = typed_challenge(ex, challenge) if challenge is not None else suggested(ex, suggestion)
            rows = self.row_list()
            desk.save(EXERCISE_LEVEL, rows.add({"challenge": required(text, N_("the challenge")), "regional": args["regional"] or ""}))
            if picked:
                desk.saved(_("row {n}: suggestion {number}, “{text}”").format(n=rows.number, number=picked.number, text=picked.text))
            else:
                desk.saved(_("row {n}").format(n=rows.number))

        def edit(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            changes = given(args, ("challenge", "regional"))
            if args["challenge"] is not None:
                required(args["challenge"], N_("the challenge"))
            if not changes:
                raise UsageError(_("nothing to change"), _("give --challenge or --regional"))
            desk.save(EXERCISE_LEVEL, self.row_list().edit(args["number"], changes))
            desk.saved(_("row {n}").format(n=args["number"]))

        def suggestions(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            desk.show("\n".join(f"{i.number:>3}  {i.id:<8} {i.text}" for i in ex.spec.suggestions))

        regional = N_("How a regional approach can be a key.")
        return [
            Action(
                "add",
                N_("Add a row: a challenge and the chance a regional perspective offers."),
                (
                    Param(
                        "challenge",
                        N_("The challenge, in the group's own words; a number picks that suggestion."),
                        metavar=N_("CHALLENGE"),
                        label=lambda spec, kit: spec.challenge,
                    ),
                    Param(
                        "suggestion",
                        N_("Or a suggestion's number or id (see `tocht challenges suggestions`)."),
                        "--suggestion",
                        metavar=N_("SUGGESTION"),
                        names=lambda ex: list(ex.spec.suggestions),
                        label=lambda spec, kit: kit.label("pick_suggestion"),
                    ),
                    Param("regional", regional, "--regional", label=lambda spec, kit: spec.regional),
                ),
                add,
                title=lambda spec, kit: kit.label("add"),
            ),
            Action(
                "edit",
                N_("Change a row."),
                (
                    Param(
                        "number",
                        N_("The row's number."),
                        type=int,
                        required=True,
                        metavar=N_("NUMBER"),
                        choices=row_choices(self.row_list),
                        of_answers=True,
                        rows=self.row_list,
                    ),
                    Param("challenge", N_("New wording of the challenge."), "--challenge", label=lambda spec, kit: spec.challenge),
                    Param("regional", N_("New regional perspective."), "--regional", label=lambda spec, kit: spec.regional),
                ),
                edit,
                title=lambda spec, kit: kit.label("edit"),
            ),
            remove_action(
                "remove",
                N_("Remove a row; the rows below move up."),
                self.row_list,
                lambda rows: _("row {n} removed").format(n=rows.number),
            ),
            Action("suggestions", N_("List the challenges the kit suggests."), (), suggestions, per_group=False, in_room=False),
            from_room_action(
                self.feeding(),
                N_("The room's most supported challenges (its round in `tocht room`) not yet a row: listed, or added with --take."),
            ),
        ]

    def feeding(self) -> Feeding:
        """The room's most supported challenges become rows, their regional perspective still to write."""
        return Feeding(
            self.row_list, lambda text: {"challenge": text, "regional": ""}, lambda row: row["challenge"], lambda ex: ex.spec.rows
        )

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        spec = ex.spec
        labels = {k: w.label(k) for k in ("add", "edit", "remove", "done")}
        taken_over(
            w,
            self.row_list(),
            lambda row: " — ".join(text for text in (row["challenge"], row["regional"]) if text),
            lambda n: w.kit.words.ngettext("Take over this row from last time?", "Take over these {count} rows from last time?", n).format(
                count=n
            ),
        )
        offer_from_room(w, ex, self.feeding())
        listed = False  # the kit's suggestions printed in this visit: once, before the first row added
        while True:
            sheet = w.sheet()
            rows = self.rows(sheet)  # as they are now: another terminal may have added some
            w.present(self.handout_group(ex, sheet, w.kit))
            actions = (
                ([(labels["add"], "add")] if len(rows) < spec.rows else [])
                + ([(labels["edit"], "edit"), (labels["remove"], "remove")] if rows else [])
                + [(labels["done"], "done")]
            )
            asked = w.kit.words.gettext("Challenges ({count} / {most}): what next?").format(count=len(rows), most=spec.rows)
            action = w.select(asked, actions, default="add" if len(rows) < spec.rows else "done")
            if action == "done":
                return
            with suppress(Back, Skip):  # back or past a row's question: to this menu, not out of the exercise
                listing, listed = action == "add" and not listed, listed or action == "add"
                self._row_action(w, ex, rows, action, listing)

    def _row_action(self, w: Prompter, ex: Exercise[Spec], rows: list[dict[str, Any]], action: str, listing: bool) -> None:
        """Add a row, or edit or remove one the group picks; every change saved as it is given. With
        `listing`, the kit's suggestions are printed first (else a number and Tab still pick one)."""
        spec, words = ex.spec, w.kit.words
        if action == "add":
            challenge = self.ask_challenge(w, ex, rows, listing=listing)
            if challenge:
                added = self.row_list()
                w.save(EXERCISE_LEVEL, added.add({"challenge": challenge, "regional": ""}))
                w.try_save(EXERCISE_LEVEL, self.row_list().edit(added.number, {"regional": w.text(spec.regional)}, expected=added.entry))
            return
        choices = [(r["challenge"], n) for n, r in enumerate(rows)]  # the select numbers them: 1) is row 1
        which = words.gettext("Which row to remove?") if action == "remove" else words.gettext("Which row to edit?")
        index = w.select(which, [*choices, (words.gettext("cancel"), -1)], nav=False)
        if index < 0:
            return
        row = rows[index]
        if action == "remove":
            asked = words.gettext("Remove row {number}, “{challenge}”?").format(number=index + 1, challenge=row["challenge"])
            if w.select(asked, [(w.label("no"), False), (w.label("yes"), True)], default=False, nav=False):
                w.try_save(EXERCISE_LEVEL, self.row_list().remove(index + 1, expected=row))
            return
        changes = {
            "challenge": self.ask_challenge(w, ex, rows, default=row["challenge"], listing=False) or row["challenge"],
            "regional": w.text(spec.regional, default=row["regional"]),
        }
        w.try_save(EXERCISE_LEVEL, self.row_list().edit(index + 1, changes, expected=row))

    @staticmethod
    def ask_challenge(w: Prompter, ex: Exercise[Spec], rows: list[dict[str, Any]], default: str = "", listing: bool = True) -> str:
        """The kit's suggestions as a numbered list (✓ those in a row already), how to pick one, then the question:
        a number picks that suggestion, Tab completes one, anything else is the group's own words."""
        suggestions = list(ex.spec.suggestions)
        if suggestions and listing:
            taken = {row["challenge"] for row in rows}
            listed = Listing(tuple((s.number, s.text, "✓" if s.text in taken else "") for s in suggestions), marked=True)
            # under the list, beside the question: a long list scrolls its top away on a small terminal
            w.present([listed, Paragraph(w.kit.words.gettext("Suggestions: type a number, or the start of one and Tab"), "strong")])
        question = ex.spec.challenge
        if suggestions:
            question = w.kit.words.gettext("{question} (a number or your own words)").format(question=question)
        typed = w.autocomplete(question, [s.text for s in suggestions], default=default, validate=partial(challenge_problem, ex))
        return typed_challenge(ex, typed)[1] if typed else typed


def suggested(ex: Exercise[Spec], ref: str | None) -> tuple[Item | None, str]:
    """The suggestion with this number or id; an unknown one is refused with the valid ones (UsageError)."""
    picked = find_item(list(ex.spec.suggestions), ref or "", N_("suggestion"))
    return picked, picked.text


def typed_challenge(ex: Exercise[Spec], typed: str) -> tuple[Item | None, str]:
    """A challenge as typed, in the walk and in `challenges add` alike: a number picks that suggestion
    (a number with no suggestion is refused), anything else is the group's own words."""
    return suggested(ex, typed) if is_number(typed) else (None, typed)


def challenge_problem(ex: Exercise[Spec], typed: str) -> str | None:
    """Why the walk cannot take what was typed as a challenge (a number with no suggestion), else None:
    said short enough for the prompt's one line."""
    try:
        typed_challenge(ex, typed)
    except UsageError:
        last = len(ex.spec.suggestions)
        return _("no suggestion {number}; type 1 to {last}, or your own words").format(number=typed.strip(), last=last)
    return None


def is_number(text: str) -> bool:
    """Whether a challenge was typed as a number (ASCII digits only: '²' is words)."""
    return text.strip().isascii() and text.strip().isdigit()


KIND = Challenges()
