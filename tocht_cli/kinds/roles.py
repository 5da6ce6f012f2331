"""Rolverdeling: per task who holds it today and who should tomorrow; what shifts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.i18n import N_
from tocht_cli.kinds.actions import NOTE, Subject, clear_action, set_action
from tocht_cli.kinds.contract import Action, Prompter, Sheet
from tocht_cli.kinds.fields import Among, DescribedKind, Field, kit_label, params, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Options
from tocht_cli.kinds.values import Choice, Flag, Text
from tocht_cli.render.blocks import Block, Cell, Content, Paragraph, Shifts, Table
from tocht_cli.render.markdown import tally

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit


class Spec(KitTable, frozen=True):
    questions: KitText
    holders: Annotated[tuple[str, ...], Options(2)]
    now: KitText
    future: KitText
    double: KitText
    now_heading: KitText
    future_heading: KitText
    double_heading: KitText
    shifts: KitText
    no_shifts: KitText
    tasks: Annotated[tuple[Item, ...], Numbered()]


class Roles(DescribedKind):
    name = "roles"
    help = N_("Who holds each task today and who should tomorrow; `tocht roles` shows what shifts.")
    answer = (
        Field("now", Among(Choice, "holders", N_("holder")), spec_text("now_heading"), spec_text("now"),
              N_("Who holds it today (kit labels, e.g. programmator)."), "--now", main=True),
        Field("future", Among(Choice, "holders", N_("holder")), spec_text("future_heading"), spec_text("future"),
              N_("Who should hold it."), "--future", main=True),
        Field("double", Flag(default=None), spec_text("double_heading"), spec_text("double"), N_("Done double on purpose."), "--double"),
        Field("note", Text(multiline=True), kit_label("note"), help=NOTE.help, flag=NOTE.flag),
    )  # fmt: skip

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "questions": N_("Questions"),
        "holders": N_("Choice of holders"),
        "now": N_("Question for today"),
        "future": N_("Question for tomorrow"),
        "double": N_("Question for doing it double"),
        "now_heading": N_("Heading for today"),
        "future_heading": N_("Heading for tomorrow"),
        "double_heading": N_("Heading for double"),
        "shifts": N_("Heading for the shifts"),
        "no_shifts": N_("When nothing shifts"),
        "tasks": N_("Tasks"),
    }

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return list(ex.spec.tasks)

    def shifts(self, ex: Exercise[Spec], sheet: Sheet) -> list[tuple[Item, str, str]]:
        """Tasks whose holder changes between today and tomorrow."""
        out = []
        for task in ex.spec.tasks:
            v = sheet.get(task.id) or {}
            if self.moved(v):
                out.append((task, v["now"], v["future"]))
        return out

    def moved(self, value: dict[str, Any]) -> bool:
        return bool(value.get("now") and value.get("future") and value["now"] != value["future"])

    def answer_cell(self, field: str, value: dict[str, Any], text: str) -> Content:
        """Tomorrow's holder where it shifts, marked."""
        return Cell(f"→ {text}", "strong") if field == "future" and self.moved(value) else text

    def shifts_text(self, ex: Exercise[Spec], sheet: Sheet) -> str:
        """'publieksmedewerker in je team: programmator → samen; …', or the kit's words for no shift."""
        return "; ".join(f"{t.text}: {a} → {b}" for t, a, b in self.shifts(ex, sheet)) or ex.spec.no_shifts

    def handout_group(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[Block]:
        """The answers, and where each task lies today and tomorrow on the line from one holder to the other."""
        spec = ex.spec
        rows = tuple(
            (f"{t.number}. {t.text}", (sheet.get(t.id) or {}).get("now"), (sheet.get(t.id) or {}).get("future")) for t in spec.tasks
        )
        answers = super().handout_group(ex, sheet, kit)
        if not any(now or future for _, now, future in rows):  # nothing placed yet: no chart, no "nothing shifts"
            return answers
        chart = Shifts(spec.shifts, spec.holders, spec.now_heading, spec.future_heading, rows)
        return [*answers, chart, Paragraph(self.shifts_text(ex, sheet), lead=spec.shifts)]

    def handout_totals(self, ex: Exercise[Spec], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """Per task how many groups placed it with each holder, today and tomorrow, and which groups shift it."""
        spec, order = ex.spec, ex.spec.holders
        rows = []
        for task in (t for t in spec.tasks if self.recorded_by_any(ex, t.id, list(sheets.values()))):
            values = {g: s.get(task.id) or {} for g, s in sheets.items()}
            tallies = (tally((v.get(k) for v in values.values()), order) or "–" for k in ("now", "future"))
            rows.append((str(task.number), task.text, *tallies, ", ".join(g for g, v in values.items() if self.moved(v))))
        table = Table(("#", "", spec.now_heading, spec.future_heading, spec.shifts), tuple(rows))
        return [table] * bool(rows) + self.left_open(ex, list(sheets.values()), kit)

    def worksheet(self, ex: Exercise[Spec], kit: Kit, people: int) -> list[Block]:
        """The blank table under the exercise's questions (who takes which role, what shifts, what is done double)."""
        return [Paragraph(ex.spec.questions, "strong"), *super().worksheet(ex, kit, people)]

    def actions(self) -> list[Action]:
        def confirm(ex: Exercise[Spec], item: Item, value: dict[str, Any]) -> str:
            return f"{item.text}: {value['now'] or '–'} → {value['future'] or '–'}"

        task = Subject(N_("task"), N_("TASK"), N_("Task number or id, e.g. 4 or rol-4."))
        return [
            set_action("set", N_("Place a task between programmer and artist, today and tomorrow."), task, params(self.answer), confirm),
            clear_action(task, N_("Forget what was recorded for a task.")),
        ]

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        spec = ex.spec
        w.item_panel(spec.questions)

        def ask(item: Item) -> None:
            w.item_panel(item.text, number=str(item.number))
            self.ask(w, ex, item.id)

        w.step_through(self.items(ex), ask, start)
        w.present(self.handout_group(ex, w.sheet(), w.kit))


KIND = Roles()
