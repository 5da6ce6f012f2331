"""Sinds de vorige keer: the follow-up round on the steps an earlier meeting promised and did not finish.

A kind whose items come from earlier sessions rather than from the kit: the kit's follow-up block
(kit.toml `followup`, an exercise file of this kind) gives the words and the statuses (gedaan, bezig,
vast, geschrapt, overgedragen), and a session made as a follow-up keeps a snapshot of the open steps
(what, who, by when, from which meeting) in its record, so its file stands alone. `round_exercise`
puts the two together into the exercise the session walks, shows, exports and runs in a room.

The meeting answers the round as one (`meeting_wide`): each step gets a status, a line of comment
and who settled it; a stuck or carried-over step may go onto this meeting's plan (`into_plan`),
where the plan then offers its action, who and by when as carried from last time.
"""

from __future__ import annotations

import shlex
from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import msgspec
from msgspec import Struct, structs

from tocht_cli.base.dates import shown_date
from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.base.text import norm
from tocht_cli.kinds.actions import Subject, clear_action, set_action
from tocht_cli.kinds.contract import NO_ANSWER, Action, Back, Change, Param, Prompter, Sheet
from tocht_cli.kinds.fields import Among, DescribedKind, Field, check_fields, spec_question, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Options, Problem, Yes
from tocht_cli.kinds.values import Choice, Flag, Text
from tocht_cli.render.blocks import Block, Cell, Entries, Table

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit

MAX_COMMENT = 300  # one line of comment
MAX_NAME = 120


class Spec(KitTable, frozen=True):
    """The kit's follow-up block: the statuses and the words of the round."""

    statuses: Annotated[tuple[str, ...], Options(2)]
    closed: Annotated[tuple[str, ...], Options(1)]  # a step settled (or planned) so is not asked again
    carry: Annotated[tuple[str, ...], Options(1)]  # a step settled so may go onto this meeting's plan
    action: KitText
    who: KitText
    by: KitText
    meeting: KitText
    status: KitText
    comment: KitText
    settled_by: KitText
    into_plan: KitText
    carries: KitText  # the heading of what carries over
    status_question: KitText = ""
    comment_question: KitText = ""
    settled_by_question: KitText = ""
    into_plan_question: KitText = ""
    handed: Annotated[tuple[str, ...], Options(0)] = ()  # a step settled so went to someone else: asked to whom
    handed_to: KitText = ""  # the heading of whom a step was handed over to
    handed_to_question: KitText = ""
    owner_marks: Annotated[bool, Yes()] = False  # in a room, only the table that promised a step marks it


class Step(Struct, frozen=True, forbid_unknown_fields=True):
    """One open step of an earlier meeting, as the session keeps it: its number in the round (`id`), what
    was promised, and where it was promised (session, exercise, item, group)."""

    id: str
    action: str
    who: str = ""
    by: str | None = None
    title: str = ""  # the step's own words in its plan ("leer elkaar kennen")
    status: str = ""  # the plan's (or an earlier round's) status then
    comment: str = ""  # an earlier round's comment on it
    session: str = ""
    meeting: str = ""  # the earlier meeting's name
    date: str = ""
    exercise: str = ""
    item: str = ""
    group: str = ""


class Round(Spec, frozen=True):
    """The block with the steps of one session's round: the spec of that session's exercise."""

    steps: tuple[Step, ...] = ()
    language: str = ""  # the kit's: how the steps' dates are written
    numbers: tuple[int, ...] = ()  # each step's number as its plan calls it (the round's own where no plan does)


def steps_of(snapshot: Any) -> tuple[Step, ...]:
    """The steps a session's record keeps (`followup.steps`); ValueError when they are not of that shape."""
    try:
        return msgspec.convert((snapshot or {}).get("steps") or [], tuple[Step, ...])
    except (msgspec.ValidationError, AttributeError) as exc:
        raise ValueError(_("its follow-up round is not of the expected shape ({problem})").format(problem=exc)) from None


def round_exercise(block: Exercise[Spec], steps: tuple[Step, ...], kit: Kit, owner_marks: Any = None) -> Exercise[Round]:
    """The kit's follow-up block with a session's steps: the exercise that session's round is (number 0,
    before the kit's own, which keep their numbers); `owner_marks` the session's choice, when it made one.
    Each step is numbered as its plan numbers it, so the walk, `tocht followup`, `followup set` and the
    handouts call it by one number (with its table, where two tables' plans have that number)."""
    kept = {"owner_marks": owner_marks} if isinstance(owner_marks, bool) else {}
    numbers = tuple((item.number if (item := plan_item(kit, s)) is not None else n) for n, s in enumerate(steps, 1))
    spec = Round(**{**structs.asdict(block.spec), **kept}, steps=steps, language=kit.language, numbers=numbers)
    made: Exercise[Round] = structs.replace(block, spec=spec, number=0)  # type: ignore[arg-type]  # the spec is what changes
    return made


def in_words_of(steps: tuple[Step, ...], source: Kit, target: Kit) -> tuple[Step, ...]:
    """The steps with each title (its plan step's own words, "leer elkaar kennen") as `target` says that step,
    where it is still `source`'s word for it: a phone in another language reads the kit's words in its own."""

    def title(step: Step) -> str:
        ours, theirs = kit_item_text(source, step), kit_item_text(target, step)
        return theirs if theirs and ours == step.title else step.title

    return tuple(structs.replace(s, title=title(s)) if s.title else s for s in steps)


def plan_item(kit: Kit, step: Step) -> Item | None:
    """The item of `kit`'s plan a step was promised on (None when the kit has no such item)."""
    ex = next((e for e in kit.exercises if e.id == step.exercise), None)
    return next((i for i in ex.kind.items(ex) if i.id == step.item), None) if ex is not None else None


def kit_item_text(kit: Kit, step: Step) -> str:
    """The words `kit` gives the item a step was promised on ("" when it has no such item)."""
    item = plan_item(kit, step)
    return item.text if item is not None else ""


def carry_question(w: Prompter, spec: Round, item: str) -> bool:
    """After the status: a stuck or carried-over step may go onto this meeting's plan; asked, never assumed.
    Any other status takes back an earlier yes. True when it asked."""
    own = w.own(item)
    if own.get("status") not in spec.carry:
        if own.get("into_plan"):
            w.save(item, {"into_plan": None})
        return False
    options: list[tuple[str, Any]] = [(w.label("yes"), True), (w.label("no"), False)]
    question = spec.into_plan_question or spec.into_plan
    mine = own.get("into_plan")
    if mine is None:  # the sentinel, not None: a select answers None with the choice's words
        got = w.select(question, [(w.label("no_answer"), NO_ANSWER), *options], default=NO_ANSWER, lead=True)
    else:
        got = w.select(question, options, default=mine)
    if got is not NO_ANSWER:
        w.save(item, {"into_plan": got})
    return True


def hand_question(w: Prompter, spec: Round, item: str) -> bool:
    """After the status: a step handed over (the kit's `handed`) is asked to whom; any other status takes back
    an earlier answer. Nothing is offered: Enter leaves it empty. True when it asked."""
    own = w.own(item)
    mine = own.get("handed_to") or ""
    if own.get("status") not in spec.handed or not spec.handed_to:
        if mine:
            w.save(item, {"handed_to": ""})
        return False
    typed = w.text(spec.handed_to_question or spec.handed_to, default=mine)
    if typed or mine:
        w.save(item, {"handed_to": typed})
    return True


def settled_then(w: Prompter, spec: Round, item: str, backwards: bool = False) -> bool:
    """What the status asks next: to whom a handed-over step went, then whether a step goes onto today's plan;
    `backwards` (come back to from the comment) from the last one it asks. "terug" goes to the one asked before,
    from the first to the status. True when it asked one."""
    asks = (hand_question, carry_question)
    index, asked, went_back = (len(asks) - 1 if backwards else 0), False, False
    while index < len(asks):
        if index < 0:
            if went_back:
                raise Back
            return False
        try:
            now = asks[index](w, spec, item)
        except Back:
            index, backwards, went_back = index - 1, True, True
            continue
        if backwards and not now:
            index -= 1  # not asked: the one before it
            continue
        index, backwards, asked = index + 1, False, asked or now
    return asked


def joined(comment: str, added: list[str]) -> str:
    """A step's comment with the phones' comments it does not hold yet after it, " · " between, cut to one line's
    length at a word."""
    parts = [comment] if comment else []
    parts += [c for c in dict.fromkeys(added) if c not in comment]
    text = " · ".join(parts)
    return text if len(text) <= MAX_COMMENT else text[: MAX_COMMENT - 2].rsplit(" ", 1)[0] + " …"


def with_status(ballots: list[dict[str, Any]], settled: str | None, statuses: tuple[str, ...]) -> list[str]:
    """The phones' comments, so that none reads as said of a status it was not: those marked with the settled
    status (or with none) as typed, then the others after the status they came with, in the kit's word and order
    ("vast: geen budget"). The comment itself stays as the participant typed it, in whatever language."""
    marked = [(str(b["value"].get("status") or ""), c) for b in ballots if (c := " ".join(str(b["value"].get("comment") or "").split()))]
    own = [c for status, c in marked if status in ("", settled)]
    order = {status: n for n, status in enumerate(statuses)}
    others = sorted(((status, c) for status, c in marked if status not in ("", settled)), key=lambda m: order.get(m[0], len(order)))
    return own + [f"{status}: {c}" for status, c in others]


def with_round(kit: Kit, snapshot: Any) -> Kit:
    """A session's kit with its follow-up round first, when the session keeps one and the kit has the block."""
    if not snapshot or kit.followup is None:
        return kit
    made = round_exercise(kit.followup, steps_of(snapshot), kit, snapshot.get("owner_marks"))
    return structs.replace(kit, exercises=(made, *kit.exercises))


class FollowUp(DescribedKind):
    name = "followup"
    help = N_("The follow-up round: what came of the earlier meeting's open steps; `tocht followup` lists them.")
    meeting_wide = True
    shown_as_they_come = True  # the room's marks on a step sway nobody: the screen shows them as they come
    said_heading = N_("Comments")  # beside a status, a comment (the phone asks for one), not an argument
    compared = False  # each meeting's round has steps of its own

    answer = (
        Field("status", Among(Choice, "statuses", N_("status")), spec_text("status"), spec_question("status"),
              help=N_("What came of the step (the kit's words, e.g. gedaan, bezig, vast, geschrapt, overgedragen)."),
              main=True, then=settled_then, then_back=partial(settled_then, backwards=True)),
        Field("comment", Text(max_len=MAX_COMMENT), spec_text("comment"), spec_question("comment"), N_("One line of comment."),
              "--comment", after_main=True),
        Field("settled_by", Text(max_len=MAX_NAME), spec_text("settled_by"), spec_question("settled_by"),
              N_("Who settled it (a name, a table)."), "--by", after_main=True),
        Field("handed_to", Text(max_len=MAX_NAME), spec_text("handed_to"), spec_question("handed_to"),
              N_("To whom a handed-over step went (a name, a body)."), "--to", after_main=True),
        Field("into_plan", Flag(default=None), spec_text("into_plan"), spec_question("into_plan"),
              N_("Put a stuck or carried-over step on this meeting's plan."), "--into-plan"),
    )  # fmt: skip
    ballot = (
        Field("status", Among(Choice, "statuses", "status"), spec_text("status"), spec_question("status"), main=True),
        Field("comment", Text(max_len=MAX_COMMENT), spec_text("comment"), lambda spec, kit: kit.words.gettext("Your comment (optional)")),
    )  # fmt: skip

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "statuses": N_("Choice of statuses"),
        "closed": N_("Statuses that close a step"),
        "carry": N_("Statuses that may carry a step onto the plan"),
        "action": N_("Heading for the action"),
        "who": N_("Heading for who"),
        "by": N_("Heading for by when"),
        "meeting": N_("Heading for the meeting"),
        "status": N_("Heading for the status"),
        "comment": N_("Heading for the comment"),
        "settled_by": N_("Heading for who settled it"),
        "into_plan": N_("Heading for onto this plan"),
        "carries": N_("Heading for what carries over"),
        "status_question": N_("Question for the status"),
        "comment_question": N_("Question for the comment"),
        "settled_by_question": N_("Question for who settled it"),
        "into_plan_question": N_("Question for onto this plan"),
        "handed": N_("Statuses that hand a step over to someone"),
        "handed_to": N_("Heading for whom a step was handed over to"),
        "handed_to_question": N_("Question for whom a step was handed over to"),
        "owner_marks": N_("Only the table that promised a step marks it"),
    }

    def finish(self, spec: Spec) -> Spec:
        """The closing and carrying statuses are among the statuses (the plan's own "gedaan" may close too)."""
        stray = [s for s in (*spec.carry, *spec.handed) if s not in spec.statuses]
        if stray:
            where = "carry" if any(s not in spec.statuses for s in spec.carry) else "handed"
            raise Problem((where,), _("not among the statuses: {stray}").format(stray=", ".join(stray)))
        return spec

    def items(self, ex: Exercise) -> list[Item]:
        steps = getattr(ex.spec, "steps", ())
        numbers = getattr(ex.spec, "numbers", ()) or range(1, len(steps) + 1)
        return [Item(s.id, s.action, n) for n, s in zip(numbers, steps, strict=True)]

    def find(self, ex: Exercise[Round], ref: str, what: str = N_("step"), table: str | None = None) -> Item:
        """A step by its id (v3) or by its plan's number; where two tables' plans have that number, `table`
        (-g) says whose, and without it the error lists every choice."""
        ref = ref.strip()
        pairs = list(zip(self.items(ex), ex.spec.steps, strict=True))
        by_id = [item for item, _step in pairs if item.id.lower() == ref.lower()]
        numbered = [(item, step) for item, step in pairs if str(item.number) == ref]
        theirs = [pair for pair in numbered if table is not None and norm(pair[1].group) == norm(table)]
        found = by_id or [item for item, _step in theirs] or [item for item, _step in numbered]
        if len(found) == 1:
            return found[0]
        valid = ", ".join(self.choice(item, step) for item, step in pairs)  # every one: a list cut short hides the one meant
        if not found:
            raise UsageError(_("no {what} {ref!r}; valid: {valid}").format(what=_(what), ref=ref, valid=valid))
        tables = ", ".join(repr(step.group) for _item, step in numbered)
        raise UsageError(
            _("{what} {ref} is on the plan of more than one table ({tables}): say whose with -g TABLE").format(
                what=_(what), ref=ref, tables=tables
            ),
            _("valid: {valid}").format(valid=valid),
        )

    def called(self, ex: Exercise[Round], item: Item) -> str:
        """A step as a confirmation names it: number, action and the table whose plan it is on."""
        group = self.step(ex, item.id).group
        whose = " · " + _("on the plan of {table}").format(table=group) if group else ""
        return f"{item.number}. {item.text}{whose}"

    def called_by(self, ex: Exercise[Round], item: Item) -> str:
        """How `followup set` names a step: its number, with -g where another table's plan has that number too."""
        steps = dict(zip((i.id for i in self.items(ex)), ex.spec.steps, strict=True))
        shared = [i for i in self.items(ex) if i.number == item.number]
        group = steps[item.id].group
        return f"{item.number} -g {shlex.quote(group)}" if len(shared) > 1 and group else str(item.number)

    @staticmethod
    def choice(item: Item, step: Step) -> str:
        """A step as an error lists it: its number with the table whose plan it is on, and its id."""
        return f"{item.number} -g {step.group!r} ({item.id})" if step.group else f"{item.number} ({item.id})"

    def asked_of(self, ex: Exercise[Round], group: str, groups: list[str]) -> list[Item]:
        """A table's walk asks its own steps, and those no table of this meeting promised (each names whose it is):
        `tocht run -g 'tafel 2'` never walks tafel 1's steps."""
        tables = {norm(g) for g in groups}
        mine = norm(group)
        return [
            item
            for item, step in zip(self.items(ex), ex.spec.steps, strict=True)
            if norm(step.group) == mine or norm(step.group) not in tables
        ]

    def progress_of(self, ex: Exercise[Round], sheet: Sheet, group: str, groups: list[str]) -> tuple[int, int]:
        asked = self.asked_of(ex, group, groups)
        return sum(self.is_answered(ex, item.id, sheet.get(item.id)) for item in asked), len(asked)

    def counted_per_table(self, ex: Exercise[Round]) -> bool:
        return len({norm(s.group) for s in ex.spec.steps}) > 1

    def first_open_of(self, ex: Exercise[Round], sheet: Sheet, group: str, groups: list[str]) -> int | None:
        asked = self.asked_of(ex, group, groups)
        return next((n for n, item in enumerate(asked) if not self.is_complete(ex, item.id, sheet.get(item.id))), None)

    def last_time(self, ex: Exercise[Round]) -> Sheet:
        """Each step's status and comment as the meeting before left them: kept with the step, since the same
        action has another number in each meeting's round."""
        return Sheet({s.id: {"status": s.status or None, "comment": s.comment or None} for s in ex.spec.steps})

    def step(self, ex: Exercise[Round], item: str) -> Step:
        return next(s for s in ex.spec.steps if s.id == item)

    def validate(self, ex: Exercise, item: str, value: Any) -> dict[str, Any]:
        """An answer, refused when it puts on the plan a step it does not say is stuck or carried over."""
        checked = super().validate(ex, item, value)
        if checked.get("into_plan") and checked.get("status") not in ex.spec.carry:
            carry = " / ".join(ex.spec.carry)
            raise ValueError(_("only a step whose status is {carry} goes onto this meeting's plan").format(carry=carry))
        return checked

    def promised_by(self, ex: Exercise, item: str) -> str | None:
        return self.step(ex, item).group or None if item in {s.id for s in ex.spec.steps} else None

    def answered_only_by(self, ex: Exercise, item: str, tables: list[str]) -> str | None:
        """With `owner_marks`, the table that promised the step, when it is in the room (by its name); else any table."""
        owner = norm(self.promised_by(ex, item) or "") if ex.spec.owner_marks else ""
        return next((t for t in tables if owner and norm(t) == owner), None)

    def shown_under(self, ex: Exercise[Round], item: Item) -> str:
        return self.promised(ex, self.step(ex, item.id))

    def explanation(self, ex: Exercise[Round], item: Item) -> str:
        return self.promised(ex, self.step(ex, item.id))

    def promised(self, ex: Exercise[Round], step: Step) -> str:
        """Who, by when, from which meeting and step, as one line under the action."""
        spec, language = ex.spec, ex.spec.language
        parts = [
            f"{spec.who.rstrip('?: ')}: {step.who}" if step.who else "",
            f"{spec.by.rstrip('?: ')}: {shown_date(step.by, language)}" if step.by else "",
            f"{spec.meeting.rstrip('?: ')}: {step.meeting} ({shown_date(step.date, language)})" if step.meeting else "",
            step.title,
        ]
        return " · ".join(p for p in parts if p)

    # -- what is shown: since last time --------------------------------------------------------
    def handout_group(self, ex: Exercise[Round], sheet: Sheet, kit: Kit) -> list[Block]:
        """What was promised, what came of it (status, comment, who settled it: a column of its own once a step
        names someone, never run into the comment), then what carries over. Each step by its plan's number, with
        the table whose plan it is on where the steps come from more than one."""
        spec = ex.spec
        headers = ("#", kit.label("group"), spec.action, spec.who, spec.by, spec.meeting, spec.status, spec.comment, spec.settled_by)
        items = self.items(ex)
        rows = tuple(self.row(ex, item, step, sheet.get(step.id) or {}, kit) for item, step in zip(items, spec.steps, strict=True))
        shown = [n for n in range(len(headers)) if n != 1 or len({norm(s.group) for s in spec.steps}) > 1]
        if not any(row[-1] for row in rows):
            shown.pop()
        blocks: list[Block] = [Table(tuple(headers[n] for n in shown), tuple(tuple(row[n] for n in shown) for row in rows))]
        carried = self.carried_over(ex, sheet, kit)
        if carried:
            blocks.append(Entries(spec.carries, tuple(carried)))
        return blocks

    def handout_totals(self, ex: Exercise[Round], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        return self.handout_group(ex, next(iter(sheets.values()), Sheet()), kit)

    def digest(self, ex: Exercise[Round], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """What carries over, on a handout's first page once the meeting went through the round (a round
        nobody settled yet is no headline)."""
        sheet = next(iter(sheets.values()), Sheet())
        if not any(self.is_answered(ex, step.id, sheet.get(step.id)) for step in ex.spec.steps):
            return []
        carried = self.carried_over(ex, sheet, kit)
        return [Entries(ex.spec.carries, tuple(carried))] if carried else []

    def row(self, ex: Exercise[Round], item: Item, step: Step, value: dict[str, Any], kit: Kit) -> tuple[Any, ...]:
        meeting = f"{step.meeting} ({shown_date(step.date, kit.language)})" if step.meeting else ""
        status = value.get("status") or ""
        if value.get("handed_to"):
            status = f"{status} → {value['handed_to']}"
        if value.get("into_plan"):
            status = f"{status} · {ex.spec.into_plan.rstrip('?: ').lower()}"
        return (
            str(item.number),
            step.group,
            step.action,
            step.who,
            shown_date(step.by, kit.language) if step.by else "",
            meeting,
            Cell(status, "strong") if status else Cell(kit.label("unanswered"), "muted"),
            value.get("comment") or "",
            value.get("settled_by") or "",
        )

    def carried_over(self, ex: Exercise[Round], sheet: Sheet, kit: Kit) -> list[str]:
        """The steps that are not closed (not settled yet, under way, stuck, carried over), each with its status."""
        out = []
        for step in ex.spec.steps:
            status = (sheet.get(step.id) or {}).get("status") or ""
            if status not in ex.spec.closed:
                out.append(f"{step.action} ({status or kit.label('unanswered')})")
        return out

    def listed(self, ex: Exercise[Round], sheet: Sheet) -> list[dict[str, Any]]:
        """Each step as promised (number, id, action, who, by, where) with what was settled for it."""
        settled = ("status", "comment", "settled_by", "handed_to", "into_plan")
        return [
            {
                "number": item.number,
                **structs.asdict(step),
                "status_then": step.status,
                **{k: (sheet.get(step.id) or {}).get(k) for k in settled},
            }
            for item, step in zip(self.items(ex), ex.spec.steps, strict=True)
        ]

    def tally(self, ex: Exercise[Round], item: str, ballots: list[dict[str, Any]]) -> Change:
        """The room's marks settle the step when the facilitator saves them: the status most phones marked
        (nothing when two share the most; a status that carries nothing takes back "onto this plan"), and the
        phones' comments joined after the one the step has, attributed to no one (saving again adds nothing), each
        with the status it came with when that is not the settled one (`with_status`)."""
        marks = Counter(b["value"].get("status") for b in ballots if b["value"].get("status")).most_common(2)
        settled: dict[str, Any] = {}
        if marks and not (len(marks) > 1 and marks[0][1] == marks[1][1]):
            status = marks[0][0]
            settled = {"status": status, **({} if status in ex.spec.carry else {"into_plan": None})}
        said = with_status(ballots, settled.get("status"), ex.spec.statuses)

        def change(value: dict[str, Any]) -> dict[str, Any]:
            return {**value, **settled, "comment": joined(value.get("comment") or "", said)}

        return change

    def carried_on(self, ex: Exercise[Round], sheet: Sheet) -> list[tuple[str, str, str, dict[str, Any]]]:
        """What this round says of the steps a plan promised: a step put on this meeting's plan, its action, who (the
        one it was handed over to, if it was) and by when; a step settled today, its status (the latest fact: the plan never offers last time's beside it)."""
        out = []
        for step in ex.spec.steps:
            settled = sheet.get(step.id) or {}
            if not (step.exercise and step.item and settled.get("status")):
                continue
            who = settled.get("handed_to") or step.who  # handed over: today's plan names whom it went to
            onto = {"action": step.action, "who": who, "by": step.by} if settled.get("into_plan") else {}
            out.append((step.exercise, step.item, step.group, {**onto, "status": settled["status"]}))
        return out

    def left_open(self, ex: Exercise, sheets: Any, kit: Kit) -> list[Block]:
        return []  # the table says "not answered yet" in each unsettled row

    # -- asking ----------------------------------------------------------------------------------
    def walk(self, w: Prompter, ex: Exercise[Round], start: int) -> None:
        """Each step as it was promised, then what came of it: status (and onto this plan?), comment, who."""

        def ask(item: Item) -> None:
            step = self.step(ex, item.id)
            whose = w.kit.words.gettext("on the plan of {table}").format(table=step.group) if norm(step.group) != norm(w.group) else ""
            said = " · ".join(p for p in (whose, self.promised(ex, step)) if p)
            w.item_panel(step.action, said, str(item.number))
            self.ask(w, ex, item.id, self.answer[:3])

        w.step_through(self.asked_of(ex, w.group, w.tables()), ask, start)

    def settled(self, ex: Exercise[Round], args: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        """A status that carries nothing takes the step back off this meeting's plan, one that hands nothing over
        takes back to whom, unless told otherwise."""
        status = changes.get("status")
        if status is None:
            return changes
        try:
            named = check_fields(self.answer, ex.spec)["status"].check(status)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        back = {**({} if named in ex.spec.carry else {"into_plan": None}), **({} if named in ex.spec.handed else {"handed_to": ""})}
        return {**changes, "status": named, **{k: v for k, v in back.items() if changes.get(k) is None}}

    def actions(self) -> list[Action]:
        step = Subject(
            N_("step"),
            N_("STEP"),
            N_("The step's number as its plan, the walk and `tocht followup` show it (with -g when two tables' plans have it), or its id."),
        )
        status = Param("status", N_("What came of it (the kit's words, e.g. gedaan, bezig, vast)."), required=True, metavar=N_("STATUS"))
        options = tuple(f.param() for f in self.answer[1:])
        settle = set_action(
            "set", N_("Settle one step: its status, a line of comment, who settled it."), step, (status, *options),
            lambda ex, item, value: f"{self.called(ex, item)}: {value.get('status') or '–'}", merge=self.settled,
        )  # fmt: skip
        forget = clear_action(step, N_("Forget what was settled for one step."))
        return [structs.replace(settle, per_group=False), structs.replace(forget, per_group=False)]


KIND = FollowUp()
