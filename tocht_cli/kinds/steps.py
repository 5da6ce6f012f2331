"""Stappenplan: for whom and which municipality; per step an action, who, by when, its status."""

from __future__ import annotations

import shlex
from contextlib import suppress
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from msgspec import structs

from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import short
from tocht_cli.kinds.actions import Subject, clear_action, item_of, set_action
from tocht_cli.kinds.contract import NO_ANSWER, Action, Desk, Promise, Prompter, Sheet, Skip, in_turn, unanswered
from tocht_cli.kinds.fields import Among, DescribedKind, Field, Words, params, spec_question, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.rounds import show_where_the_room_starts
from tocht_cli.kinds.tables import ItemId, KitTable, KitText, Numbered, Options
from tocht_cli.kinds.values import Choice, Date, Text
from tocht_cli.render.blocks import Block, Cell, Facts, Sentence
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit


class Step(KitTable, frozen=True):
    id: ItemId
    title: KitText
    text: KitText = ""
    number: int = 0  # given by Numbered: the step's place in the plan


class Spec(KitTable, frozen=True):
    whom: KitText  # the header's words around the answers: "bij … van de gemeente …"
    municipality: KitText
    statuses: Annotated[tuple[str, ...], Options(2)]
    action: KitText
    who: KitText
    by: KitText
    status: KitText
    steps: Annotated[tuple[Step, ...], Numbered()]
    whom_question: KitText = ""  # what the walk asks; the header's word (`whom`) when empty
    municipality_question: KitText = ""
    status_question: KitText = ""  # what the walk asks; the column's word (`status`) when empty


def _heading(attr: str) -> Words:
    """The question as a heading (replay, compare): without its hint in brackets."""
    return lambda spec, kit: short(getattr(spec, f"{attr}_question") or getattr(spec, attr))


class Steps(DescribedKind):
    name = "steps"
    help = N_("Plan an action per step (what, who, by when, status); `tocht steps` shows the plan.")
    answer = (
        Field("action", Text(multiline=True), spec_text("action"), help=N_("The concrete action."), flag="--action", main=True,
              carried=True),
        Field("who", Text(), spec_text("who"), help=N_("Who takes it on."), flag="--who", carried=True, after_main=True),
        Field("by", Date(), lambda spec, kit: short(spec.by), spec_text("by"), N_("By when, e.g. 15/01/2027 or '15 January 2027'."), "--by",
              carried=True, after_main=True),
        Field("status", Among(Choice, "statuses", N_("status")), spec_text("status"), spec_question("status"),
              help=N_("Status (kit labels, e.g. gepland/bezig/gedaan)."), flag="--status", carried=True, after_main=True,
              then=lambda w, spec, item: agree_with_round(w, spec, item)),  # defined below the class
    )  # fmt: skip  # no action, no step: who, when and its status are asked only of an action
    whole = (
        Field(
            "whom",
            Text(),
            _heading("whom"),
            spec_question("whom"),
            help=N_("With whom (e.g. the alderman for culture)."),
            flag="--whom",
            carried=True,
        ),
        Field(
            "municipality",
            Text(),
            _heading("municipality"),
            spec_question("municipality"),
            help=N_("Of which municipality."),
            flag="--municipality",
            carried=True,
        ),
    )

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "whom": N_("Header word for whom"),
        "municipality": N_("Header word for the municipality"),
        "statuses": N_("Choice of statuses"),
        "action": N_("Question for the action"),
        "who": N_("Question for who"),
        "by": N_("Question for by when"),
        "status": N_("Heading for the status"),
        "steps": N_("Steps"),
        "whom_question": N_("Question for whom"),
        "municipality_question": N_("Question for the municipality"),
        "status_question": N_("Question for the status"),
    }

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return [Item(s.id, s.title, s.number) for s in ex.spec.steps]

    def carried(self, ex: Exercise[Spec], item: str, earlier: dict[str, Any]) -> dict[str, Any]:
        """A step done last time (the plan's last status) is not carried onto the next meeting's plan."""
        if earlier.get("status") == ex.spec.statuses[-1]:
            return {}
        return super().carried(ex, item, earlier)

    def explanation(self, ex: Exercise[Spec], item: Item) -> str:
        return next((s.text for s in ex.spec.steps if s.id == item.id), "")

    def promises(self, ex: Exercise[Spec], sheet: Sheet) -> list[Promise]:
        """Each step the group planned an action for: what a later meeting's follow-up round asks about."""
        planned = [(s, sheet.get(s.id) or {}) for s in ex.spec.steps]
        return [
            Promise(s.id, s.title, v["action"], v.get("who") or "", v.get("by"), v.get("status") or "")
            for s, v in planned
            if v.get("action")
        ]

    def header(self, ex: Exercise[Spec], sheet: Sheet) -> str:
        whole = sheet.whole
        return f"{ex.spec.whom} {whole.get('whom') or '…'} {ex.spec.municipality} {whole.get('municipality') or '…'}"

    def whole_said(self, ex: Exercise[Spec], whole: dict[str, Any], kit: Kit) -> list[Block]:
        """The plan's header as one sentence in the kit's words, what the group filled in standing out; while
        a part of it is open, each part on its own line (never a sentence with holes: "bij … van de gemeente …")."""
        spec = ex.spec
        if not whole.get("whom") and not whole.get("municipality"):  # one line: the header as a whole is open
            return [Facts(((" · ".join(f.label(spec, kit) for f in self.whole), unanswered(kit)),))]
        if not (whole.get("whom") and whole.get("municipality")):
            return super().whole_said(ex, whole, kit)
        return [
            Sentence(
                (spec.whom, Cell(whole.get("whom") or "…", "strong"), spec.municipality, Cell(whole.get("municipality") or "…", "strong"))
            )
        ]

    def actions(self) -> list[Action]:
        step = Subject(N_("step"), N_("STEP"), N_("Step number or id, e.g. 2."))
        plan = set_action(
            "set", N_("Plan or update the action of one step."), step, params(self.answer),
            lambda ex, item, value: f"{item.number}. {item.text}: {planned(value)}",
        )  # fmt: skip

        def plan_and_check(desk: Desk, ex: Exercise, args: dict[str, Any]) -> None:
            plan.run(desk, ex, args)
            if args.get("status") is not None:
                said_against_round(desk, ex, item_of(ex, args, "step"))

        return [
            structs.replace(plan, run=plan_and_check),
            set_action(
                "target", N_("Fill in the plan's header: with whom, in which municipality."), None, params(self.whole),
                lambda ex, item, value: self.header(ex, Sheet({EXERCISE_LEVEL: value})),
            ),
            clear_action(step, N_("Forget the plan of one step.")),
        ]  # fmt: skip

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        """The plan's header, then its steps; back from the first step asks the header's last question again."""
        steps = {s.id: s for s in ex.spec.steps}
        first = [start]  # where the steps start the first time; come back to from the header, at the first step

        def header(backwards: bool) -> None:
            with suppress(Skip):  # "overslaan" on the plan's header skips the header, not the six steps
                self.ask(w, ex, EXERCISE_LEVEL, self.whole, backwards)

        def plan(backwards: bool) -> None:
            at, first[0] = first[0], 0
            w.step_through(self.items(ex), ask, at)

        def ask(item: Item) -> None:
            step = steps[item.id]
            w.item_panel(step.title, step.text, str(step.number))
            self.ask(w, ex, item.id)

        show_where_the_room_starts(w, ex)
        in_turn([header, plan], 0 if start == 0 or not w.value(EXERCISE_LEVEL).get("municipality") else 1)


KIND = Steps()


def disagreement(spec: Spec, item: str, desk: Desk) -> tuple[str, str, str] | None:
    """The plan's status and today's round's for the same step, and how `followup set` names it, when they
    contradict each other: one says the step is done (the plan's last status, "gedaan"), the other does not.
    A stuck step planned again ("vast" in the round, "gepland" on today's plan) is no contradiction."""
    status = (desk.sheet().get(item) or {}).get("status")
    said = desk.round_says(item)
    if not status or said is None:
        return None
    done = spec.statuses[-1]
    return (status, *said) if (status == done) != (said[0] == done) else None


def agree_with_round(w: Prompter, spec: Spec, item: str) -> None:
    """After the plan's status: where today's round said otherwise of the step, the facilitator chooses which
    holds, and the other is made to say the same where its words allow (else they are told where to change it)."""
    found = disagreement(spec, item, w)
    if found is None:
        return
    status, round_status, step = found
    words = w.kit.words
    question = words.gettext("Today's follow-up round said {round!r} of this step, the plan now says {plan!r}: which holds?")
    choices = [(w.label("no_answer"), NO_ANSWER), (words.gettext("{status} (as the plan says)").format(status=status), status),
               (words.gettext("{status} (as the round said)").format(status=round_status), round_status)]  # fmt: skip
    held = w.select(question.format(round=round_status, plan=status), choices, default=NO_ANSWER, lead=True)
    if held == round_status:
        w.save(item, {"status": round_status if round_status in spec.statuses else None})
    elif held == status and not w.settle_round(item, status):
        w.hint(
            words.gettext("the round still says {round!r}: settle it there (tocht followup set {step} STATUS)").format(
                round=round_status, step=step
            )
        )


def said_against_round(desk: Desk, ex: Exercise[Spec], item: Item) -> None:
    """After `steps set --status`: a status that contradicts today's round for the same step is said, naming
    both and how to make either hold."""
    found = disagreement(ex.spec, item.id, desk)
    if found is None:
        return
    status, round_status, step = found
    desk.hint(
        _("today's follow-up round said {round!r} of step {step}, the plan now says {plan!r}; to keep the round's: "
          "tocht steps set {number} -g {table} --status {round_quoted}; to keep the plan's: tocht followup set {step} STATUS").format(
            round=round_status, plan=status, step=step, number=item.number, table=shlex.quote(desk.group),
            round_quoted=shlex.quote(round_status),
        )
    )  # fmt: skip


def planned(value: dict[str, Any]) -> str:
    """A step's plan as `steps set` confirms it: the action, who, by when (written out, as `show` writes it) and
    the status that were set ("–": none)."""
    from tocht_cli.base.dates import shown_date
    from tocht_cli.base.i18n import facilitator_language

    said = {**value, "by": shown_date(value.get("by"), facilitator_language())}
    return " · ".join(str(said[f]) for f in ("action", "who", "by", "status") if value.get(f)) or "–"
