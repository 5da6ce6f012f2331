"""Nieuwe allianties: existing alliances, with whom and of what nature, and the success checklist."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tocht_cli.base.i18n import N_, _, ngettext
from tocht_cli.base.text import short
from tocht_cli.kinds.actions import Subject, clear_action, remove_action, set_action
from tocht_cli.kinds.contract import Action, Back, CommandGroup, Desk, Param, Prompter, Run, Sheet, each, find_item, in_turn, unanswered
from tocht_cli.kinds.fields import Among, DescribedKind, Field, check_fields, params, spec_question, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.lists import NumberedList, required, taken_over
from tocht_cli.kinds.rounds import show_where_the_room_starts
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Options
from tocht_cli.kinds.values import Choice, Ids, Rows, Text, Texts
from tocht_cli.render.blocks import Bars, Block, Boxes, Entries, Facts, Heading, Lines, Paragraph, Table
from tocht_cli.store.shapes import EXERCISE_LEVEL

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit

LISTS = ("with", "nature")
PICKED = {"with": N_("partner"), "nature": N_("nature")}  # what one pick of each list is called in an error


class Spec(KitTable, frozen=True):
    existing: KitText
    partner: KitText
    purpose: KitText
    with_title: KitText
    nature_title: KitText
    own_entries: KitText
    checklist_title: KitText
    checklist_instruction: KitText
    statuses: Annotated[tuple[str, ...], Options(2)]
    status: KitText
    how: KitText
    with_: Annotated[tuple[Item, ...], Numbered()]  # `with` in the file
    nature: Annotated[tuple[Item, ...], Numbered()]
    criteria: Annotated[tuple[Item, ...], Numbered()]
    status_question: KitText = ""  # what the walk asks; the column's word (`status`) when empty

    def options(self, which: str) -> tuple[Item, ...]:
        return self.with_ if which == "with" else self.nature

    def title(self, which: str) -> str:
        return self.with_title if which == "with" else self.nature_title


class Alliances(DescribedKind):
    name = "alliances"
    help = N_("Existing alliances, with whom and of what nature; the criteria are under `tocht checklist`.")
    answer = (
        Field("status", Among(Choice, "statuses", N_("status")), spec_text("status"), spec_question("status"),
              help=N_("Status (kit labels, e.g. aanwezig/deels/nog niet)."), flag="--status", main=True),
        Field("how", Text(multiline=True), spec_text("how"), help=N_("How it is present, or how to bring it into practice."), flag="--how",
              after_main=True),
    )  # fmt: skip

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "existing": N_("Question for existing alliances"),
        "partner": N_("Question for an alliance"),
        "purpose": N_("Question for its purpose"),
        "with_title": N_("Question for with whom"),
        "nature_title": N_("Question for the nature"),
        "own_entries": N_("Question for own entries"),
        "checklist_title": N_("Heading of the checklist"),
        "checklist_instruction": N_("Instruction for the checklist"),
        "statuses": N_("Choice of statuses"),
        "status": N_("Heading for the status"),
        "how": N_("Question for how"),
        "with": N_("Options for with whom"),
        "nature": N_("Options for the nature"),
        "criteria": N_("Success criteria"),
        "status_question": N_("Question for the status"),
    }

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return list(ex.spec.criteria)

    def progress(self, ex: Exercise[Spec], sheet: Sheet) -> tuple[int, int]:
        """What the walk asks, counted: the alliances, with whom and their nature (each with the group's
        own entries), then the checklist's criteria."""
        done, total = super().progress(ex, sheet)
        parts = self._opening_parts(sheet)
        return done + sum(parts), total + len(parts)

    def first_open(self, ex: Exercise[Spec], sheet: Sheet) -> int | None:
        """An opening part still open (the alliances, with whom, their nature) resumes the walk at the
        exercise's start, where it asks them, though every criterion may be answered."""
        return 0 if not all(self._opening_parts(sheet)) else super().first_open(ex, sheet)

    @staticmethod
    def _opening_parts(sheet: Sheet) -> list[bool]:
        whole = sheet.whole
        return [bool(whole.get("existing")), *(bool(whole.get(which) or whole.get(f"{which}_own")) for which in LISTS)]

    def fields(self, ex: Exercise[Spec], item: str) -> dict[str, Any]:
        spec = ex.spec
        whole = {
            "existing": Rows((("partner", Text()), ("purpose", Text(multiline=True)))),
            "with": Ids(tuple(i.id for i in spec.with_)),
            "with_own": Texts(),
            "nature": Ids(tuple(i.id for i in spec.nature)),
            "nature_own": Texts(),
        }
        return self.item_fields(ex, item, check_fields(self.answer, spec), whole)

    def chosen(self, ex: Exercise[Spec], whole: dict[str, Any], which: str) -> list[str]:
        """The kit's entries the group picked, then its own, as texts."""
        ids = whole.get(which) or []
        return [i.text for i in ex.spec.options(which) if i.id in ids] + list(whole.get(f"{which}_own") or [])

    # -- summaries --------------------------------------------------------
    def facts(self, ex: Exercise[Spec], item: str, value: dict[str, Any], kit: Kit) -> list[tuple[str, str]]:
        spec = ex.spec
        if item == EXERCISE_LEVEL:
            rows = [(row["partner"], row["purpose"]) for row in value.get("existing") or []]
            return rows + [(spec.title(which), " · ".join(self.chosen(ex, value, which))) for which in LISTS]
        return super().facts(ex, item, value, kit)

    def handout_group(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[Block]:
        """The alliances and the two lists, then the checklist with its status chart (from the fields)."""
        spec, whole = ex.spec, sheet.whole
        existing = whole.get("existing") or []
        blocks: list[Block] = [Heading(spec.existing)]
        if existing:
            blocks.append(
                Table(
                    ("#", short(spec.partner), spec.purpose), tuple((str(n), r["partner"], r["purpose"]) for n, r in enumerate(existing, 1))
                )
            )
        else:
            blocks.append(Paragraph(kit.label("unanswered"), "muted"))
        lists = [Entries(spec.title(which), tuple(self.chosen(ex, whole, which)), unanswered(kit)) for which in LISTS]
        return [*blocks, *lists, *self.checklist(ex, sheet, kit)]

    def checklist(self, ex: Exercise[Spec], sheet: Sheet, kit: Kit) -> list[Block]:
        """The success criteria under their heading, with the status chart (from the fields): `tocht checklist`."""
        return [Heading(ex.spec.checklist_title), *super().handout_group(ex, sheet, kit)]

    def handout_totals(self, ex: Exercise[Spec], sheets: dict[str, Sheet], kit: Kit) -> list[Block]:
        """Every group's alliances; per list how many groups picked each entry; the checklist across groups."""
        spec = ex.spec
        existing = tuple((g, r["partner"], r["purpose"]) for g, s in sheets.items() for r in s.whole.get("existing") or [])
        blocks: list[Block] = [Heading(spec.existing)]
        blocks.append(
            Table((kit.label("group"), short(spec.partner), spec.purpose), existing, numbered=False) if existing else Paragraph("–")
        )
        for which in LISTS:
            picked = [text for s in sheets.values() for text in self.chosen(ex, s.whole, which)]
            entries = [i.text for i in spec.options(which)] + [
                t for t in dict.fromkeys(picked) if t not in {i.text for i in spec.options(which)}
            ]
            rows = tuple((text, (picked.count(text),)) for text in entries if text in picked)
            blocks.append(Bars(spec.title(which), (kit.label("groups"),), rows) if rows else Entries(spec.title(which), ()))
        return [*blocks, Heading(spec.checklist_title), *super().handout_totals(ex, sheets, kit)]

    def worksheet(self, ex: Exercise[Spec], kit: Kit, people: int) -> list[Block]:
        """Lines for the alliances; the two lists to tick (by the numbers `alliances with` takes) and lines
        for the group's own entries; then the checklist."""
        spec = ex.spec
        blocks: list[Block] = [Heading(spec.existing)]
        blocks.append(Table(("#", short(spec.partner), spec.purpose), tuple((str(n), Lines(), Lines()) for n in range(1, 5))))
        for which in LISTS:
            blocks.append(Heading(spec.title(which)))
            blocks.append(Table(("#", ""), tuple((str(i.number), Boxes((i.text,))) for i in spec.options(which))))
            blocks.append(Facts(((kit.label("other"), Lines(2)),)))
        return [*blocks, Heading(spec.checklist_title), Paragraph(spec.checklist_instruction), *super().worksheet(ex, kit, people)]

    def command_groups(self) -> list[CommandGroup]:
        criterion = Subject(N_("criterion"), N_("CRITERION"), N_("Criterion number or id, e.g. 5."))
        checklist = (
            set_action(
                "set",
                N_("Record how a success criterion is present in the alliance."),
                criterion,
                params(self.answer),
                lambda ex, item, value: f"{item.number}. {item.text}: {value['status'] or '–'}",
            ),
            clear_action(criterion, N_("Forget what was recorded for a criterion.")),
        )
        return [
            *super().command_groups(),
            CommandGroup("checklist", N_("The success criteria of new alliances: status and how."), checklist, self.checklist),
        ]

    def actions(self) -> list[Action]:
        def add(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            rows = self.alliance_list()
            desk.save(EXERCISE_LEVEL, rows.add({"partner": required(args["partner"], N_("the partner")), "purpose": args["purpose"] or ""}))
            desk.saved(_("alliance {number}: {partner}").format(number=rows.number, partner=args["partner"]))

        def pick(which: str) -> Run:
            def run(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
                picked = each(args["refs"] or [], lambda ref: find_item(list(ex.spec.options(which)), ref, PICKED[which]))
                own = [required(entry, N_("an own entry (--own)")) for entry in args["own"] or []]
                value = desk.save(EXERCISE_LEVEL, {which: [i.id for i in picked], f"{which}_own": own})
                chosen = len(self.chosen(ex, value, which))
                desk.saved(f"{ex.spec.title(which)} " + ngettext("{n} chosen", "{n} chosen", chosen).format(n=chosen))

            return run

        def picks(which: str) -> tuple[Param, ...]:
            return (
                Param(
                    "refs",
                    N_("Numbers or ids from `tocht kit show`."),
                    many=True,
                    metavar=N_("REFS"),
                    names=lambda ex: list(ex.spec.options(which)),
                    current=lambda whole: whole.get(which) or [],
                    label=lambda spec, kit: spec.title(which),
                ),
                Param(
                    "own",
                    N_("An entry in the group's own words (repeatable)."),
                    "--own",
                    many=True,
                    fills=f"{which}_own",
                    current=lambda whole: whole.get(f"{which}_own") or [],
                    label=lambda spec, kit: short(spec.own_entries),
                ),
            )

        return [
            Action(
                "add",
                N_("Add an alliance that is already being built."),
                (
                    Param(
                        "partner",
                        N_("With whom the alliance is built."),
                        required=True,
                        metavar=N_("PARTNER"),
                        label=lambda spec, kit: short(spec.partner),
                    ),
                    Param("purpose", N_("From which goal it arises."), "--purpose", label=lambda spec, kit: short(spec.purpose)),
                ),
                add,
                title=lambda spec, kit: spec.existing,
            ),
            remove_action(
                "remove",
                N_("Remove an existing alliance by its number."),
                self.alliance_list,
                lambda rows: _("alliance {partner!r} removed").format(partner=rows.entry["partner"]),
            ),
            Action(
                "with",
                N_("Met wie? Pick the kit's partners by number or id, add your own with --own; replaces the earlier picks."),
                picks("with"),
                pick("with"),
                title=lambda spec, kit: spec.with_title,
            ),
            Action(
                "nature",
                N_("Aard van de samenwerking? Pick by number or id, add your own with --own; replaces the earlier picks."),
                picks("nature"),
                pick("nature"),
                title=lambda spec, kit: spec.nature_title,
            ),
        ]

    @staticmethod
    def alliance_list() -> NumberedList:
        return NumberedList("existing", N_("alliance"))

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        """The alliances and the two lists, then the checklist; back from its first criterion goes to the
        questions before it, one at a time."""
        spec = ex.spec
        first = [start]  # where the checklist starts the first time; come back to, at its first criterion

        def checklist(backwards: bool) -> None:
            at, first[0] = first[0], 0
            w.item_panel(spec.checklist_title, spec.checklist_instruction)
            show_where_the_room_starts(w, ex)
            w.step_through(self.items(ex), ask, at)

        def ask(item: Item) -> None:
            w.item_panel(item.text, number=str(item.number))
            self.ask(w, ex, item.id)

        lists = self._list_steps(w, ex)
        in_turn([*lists, checklist], 0 if start == 0 else len(lists))

    def _list_steps(self, w: Prompter, ex: Exercise[Spec]) -> list[Callable[[bool], None]]:
        """The questions before the checklist: the alliances one by one, then per list its ticks and the
        group's own entries. Each starts from this meeting's answer once given, else from what was there
        when the walk came (an earlier meeting's: read before the rows' save fills in empty lists)."""
        spec = ex.spec
        whole, this_time, before = w.value(EXERCISE_LEVEL), w.own(EXERCISE_LEVEL), w.before(EXERCISE_LEVEL)
        given: set[str] = set()

        def partners(backwards: bool) -> None:
            taken_over(
                w,
                self.alliance_list(),
                partner_and_purpose,
                lambda n: w.kit.words.ngettext(
                    "Take over this alliance from last time?", "Take over these {count} alliances from last time?", n
                ).format(count=n),
            )
            rows = list(w.own(EXERCISE_LEVEL).get("existing") or [])
            w.item_panel(spec.existing, "\n".join(f"{n}. {partner_and_purpose(r)}" for n, r in enumerate(rows, 1)))
            while partner := w.text(spec.partner):
                listing, row = self.alliance_list(), {"partner": partner, "purpose": ""}
                w.save(EXERCISE_LEVEL, listing.add(row))  # saved as it is given: a stop at its purpose keeps it
                number = listing.number
                try:
                    purpose = w.text(spec.purpose)
                except Back:  # back from its purpose: the partner is asked again
                    w.save(EXERCISE_LEVEL, listing.remove(number, expected=row))
                    continue
                if purpose:
                    w.save(EXERCISE_LEVEL, listing.edit(number, {"purpose": purpose}, expected=row))

        def ticks(which: str) -> Callable[[bool], None]:
            def step(backwards: bool) -> None:
                mine = (w.own(EXERCISE_LEVEL) if which in given else this_time).get(which)
                ticked = set((before.get(which) if mine is None else mine) or [])
                earlier = frozenset(ticked) if mine is None else frozenset()  # carried over from the earlier meeting: marked so
                picked = w.checkbox(spec.title(which), [(i.text, i.id) for i in spec.options(which)], ticked, earlier=earlier)
                w.save(EXERCISE_LEVEL, {which: picked})
                given.add(which)

            return step

        def own_entries(which: str) -> Callable[[bool], None]:
            key = f"{which}_own"

            def step(backwards: bool) -> None:
                shown = (w.own(EXERCISE_LEVEL) if key in given else whole).get(key) or []
                own = w.text(spec.own_entries, default="; ".join(shown))
                w.save(EXERCISE_LEVEL, {key: [e.strip() for e in own.split(";") if e.strip()]})
                given.add(key)

            return step

        return [partners, *(step for which in LISTS for step in (ticks(which), own_entries(which)))]


KIND = Alliances()


def partner_and_purpose(row: dict[str, str]) -> str:
    """ "Erfgoedcel — Klasbezoeken", or the partner alone while it has no purpose (no dash left hanging)."""
    return " — ".join(text for text in (row["partner"], row.get("purpose")) if text)
