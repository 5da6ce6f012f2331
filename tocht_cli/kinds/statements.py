"""Stellingenspel: statements under challenges; per statement a position, a show of hands, arguments."""

from __future__ import annotations

import shlex
from itertools import count
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from msgspec import structs

from tocht_cli.base.errors import UsageError
from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.actions import NOTE, Subject, clear_action, item_of, set_action
from tocht_cli.kinds.contract import Action, Change, Desk, Param, Prompter
from tocht_cli.kinds.fields import MAP_DEVICES, MAP_VOTES, Among, DescribedKind, Field, named_counts, params, spec_text
from tocht_cli.kinds.items import Item
from tocht_cli.kinds.tables import KitTable, KitText, Numbered, Options, Tables, Whole
from tocht_cli.kinds.values import Choice, Counts, Text

MAX_ARGUMENT = 1000  # a participant's argument from a phone: a few sentences

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise


class Challenge(KitTable, frozen=True, kw_only=True):
    id: KitText
    title: KitText
    intro: KitText = ""
    statements: Annotated[tuple[Item, ...], Numbered()]


class Spec(KitTable, frozen=True):
    positions: Annotated[tuple[str, ...], Options(2)]
    question: KitText
    count_question: KitText
    arguments: KitText
    position: KitText
    votes: KitText
    challenges: Annotated[tuple[Challenge, ...], Tables()]
    map_devices: Annotated[int, Whole(2, 1000)] = MAP_DEVICES  # the room's opinion map: devices it needs
    map_votes: Annotated[int, Whole(1, 1000)] = MAP_VOTES  # and the statements each of them voted on


def majority(positions: tuple[str, ...], counts: dict[str, int]) -> str | None:
    """The position most hands went up for; None without hands, or when two share the most."""
    most = max((counts.get(p, 0) for p in positions), default=0)
    leading = [p for p in positions if counts.get(p, 0) == most]
    return leading[0] if most and len(leading) == 1 else None


def against_hands(positions: tuple[str, ...], value: dict[str, Any]) -> tuple[str, str] | None:
    """When the position recorded is not the one most hands went up for, or there is none: that one and the
    hands as the room reads them ('eens 1 · oneens 5'). None when they agree, or the hands decide nothing."""
    counts = value.get("counts") or {}
    most = majority(positions, counts)
    if most is None or value.get("position") == most:
        return None
    from tocht_cli.render.markdown import hands

    return most, hands(counts, positions)


def weigh_hands(w: Prompter, spec: Spec, item: str) -> None:
    """After the show of hands (asked once there is a position): a position the hands contradict is
    questioned; Enter keeps it, 2 and Enter take the one most hands went up for. Nothing changes unasked."""
    value = w.own(item)
    against = against_hands(spec.positions, value)
    if against is None:
        return
    (most, shown), position, words = against, value.get("position"), w.kit.words
    question = words.gettext("Position “{position}”, but most hands: “{most}” ({hands}). Keep it?")
    keep = (words.gettext("keep “{position}”").format(position=position), position)
    take = (words.gettext("take “{most}”, as most hands").format(most=most), most)
    if w.select(question.format(position=position, most=most, hands=shown), [keep, take], default=position) == most:
        w.save(item, {"position": most})


BULLET = "• "  # an argument added to a note; "–" says "nothing" in every table and list


class Statements(DescribedKind):
    name = "statements"
    numbered_by_id = True
    help = N_("Record the group's position on a statement (stellingenspel); show them with `tocht statements`.")

    answer = (
        Field("position", Among(Choice, "positions", N_("position")), spec_text("position"), spec_text("question"),
              N_("The group's position (labels from the kit, e.g. eens/oneens/twijfel)."), "--position", "-p", main=True),
        Field("counts", Among(Counts, "positions"), spec_text("votes"),
              lambda spec, kit: f"{spec.count_question} {' / '.join(spec.positions)}?", then=weigh_hands, after_main=True),
        Field("note", Text(multiline=True), spec_text("arguments"), help=NOTE.help, flag=NOTE.flag, after_main=True),
    )  # fmt: skip
    ballot = (
        Field("position", Among(Choice, "positions", "position"), spec_text("position"),
              lambda spec, kit: kit.words.gettext("What do you think?"), main=True),
        Field("argument", Text(multiline=True, max_len=MAX_ARGUMENT), spec_text("arguments"),
              lambda spec, kit: kit.words.gettext("Your argument (optional)")),
    )  # fmt: skip

    spec_type = Spec
    spec_words: ClassVar[dict[str, str]] = {
        "positions": N_("Choice of positions"),
        "count_question": N_("Question for the hands"),
        "arguments": N_("Heading for the arguments"),
        "position": N_("Heading for the position"),
        "votes": N_("Heading for the hands"),
        "challenges": N_("Challenges"),
        "statements": N_("Statements"),
        "map_devices": N_("Devices for the opinion map"),
        "map_votes": N_("Statements per device for the opinion map"),
    }

    def finish(self, spec: Spec) -> Spec:
        """Statements are numbered on through the challenges (A1-A8 are 1-8, B1 is 9)."""
        numbers = count(1)
        challenges = tuple(
            structs.replace(c, statements=tuple(structs.replace(i, number=next(numbers)) for i in c.statements)) for c in spec.challenges
        )
        return structs.replace(spec, challenges=challenges)

    def map_minimum(self, ex: Exercise[Spec]) -> tuple[int, int]:
        return ex.spec.map_devices, ex.spec.map_votes

    def leanings(self, ex: Exercise[Spec]) -> dict[str, int]:
        """The first position agrees, the second disagrees, any further one (a doubt) stands between them."""
        first, second, *between = ex.spec.positions
        return {first: 1, second: -1, **dict.fromkeys(between, 0)}

    def items(self, ex: Exercise[Spec]) -> list[Item]:
        return [s for c in ex.spec.challenges for s in c.statements]

    def sections(self, ex: Exercise[Spec]) -> list[tuple[str, list[Item]]]:
        """The statements under their challenge (A. Van aanbodgestuurd naar vraaggestuurd?)."""
        return [(f"{c.id}. {c.title}", list(c.statements)) for c in ex.spec.challenges]

    def is_complete(self, ex: Exercise[Spec], item: str, value: dict[str, Any] | None) -> bool:
        """A statement with a position, or with hands (a show of hands, or a room's tally saved): it was discussed."""
        return super().is_complete(ex, item, value) or any(((value or {}).get("counts") or {}).values())

    def challenge_of(self, ex: Exercise[Spec], item_id: str) -> Challenge:
        found: Challenge = next(c for c in ex.spec.challenges if any(s.id == item_id for s in c.statements))
        return found

    def actions(self) -> list[Action]:
        show_of_hands = (
            Param("agree", N_("Hands for the kit's first position."), "--agree", type=int, minimum=0),
            Param("disagree", N_("Hands for the second position."), "--disagree", type=int, minimum=0),
            Param("unsure", N_("Hands for the third position."), "--unsure", type=int, minimum=0),
            Param("count", N_("Hands as POSITION=N, e.g. --count eens=5."), "--count", many=True, metavar=N_("POSITION=N")),
        )

        def merge(ex: Exercise[Spec], args: dict[str, Any], fields: dict[str, Any]) -> Change:
            counts = self.counts_from_options(ex, [args["agree"], args["disagree"], args["unsure"]], args["count"] or [])

            def change(value: dict[str, Any]) -> dict[str, Any]:
                if not counts:
                    return {**value, **fields}
                # hands given now join the latest ones; a position never given any counts 0, as the walk takes three numbers
                hands = {**dict.fromkeys(ex.spec.positions, 0), **(value.get("counts") or {}), **counts}
                return {**value, **fields, "counts": hands}

            return change

        def confirm(ex: Exercise[Spec], item: Item, value: dict[str, Any]) -> str:
            counts = value.get("counts") or {}
            hands = " · ".join(f"{p} {counts[p]}" for p in ex.spec.positions if p in counts)
            return f"{item.id}: {value['position'] or '–'}" + (f" ({hands})" if hands else "")

        statement = Subject(N_("statement"), N_("STATEMENT"), N_("Statement number or id, e.g. A3."))
        vote = set_action(
            "vote",
            N_(
                "Record position, show of hands and arguments for one statement. Hands: a position given no number "
                "counts 0 hands, and a later vote changes only the hands it gives."
            ),
            statement,
            params(self.answer),
            confirm,
            show_of_hands,
            merge,
        )

        def vote_and_weigh(desk: Desk, ex: Exercise[Spec], args: dict[str, Any]) -> None:
            vote.run(desk, ex, args)
            if any(args.get(name) not in (None, []) for name in ("position", "agree", "disagree", "unsure", "count")):
                item = item_of(ex, args, statement.what)
                hint = self.hands_hint(ex, item.id, desk.sheet().get(item.id) or {})
                if hint:
                    desk.hint(hint)

        return [structs.replace(vote, run=vote_and_weigh), clear_action(statement, N_("Forget what was recorded for a statement."))]

    def hands_hint(self, ex: Exercise[Spec], item: str, value: dict[str, Any]) -> str:
        """What a direct command says when the position and the hands disagree (it changes nothing)."""
        against, position = against_hands(ex.spec.positions, value), value.get("position")
        if against is None:
            return ""
        most, shown = against
        if position:
            text = _(
                "{item} is recorded as “{position}”, but most hands went up for “{most}” ({hands}); if the group meant that, give --position {most}"
            )
        else:
            text = _("{item} has no position yet; most hands went up for “{most}” ({hands}); to record that, give --position {most}")
        return text.format(item=item, position=position, most=shlex.quote(most), hands=shown)

    def tally(self, ex: Exercise[Spec], item: str, ballots: list[dict[str, Any]]) -> Change:
        """The table's hands from its participants' positions (every position counted, zero too), and their
        arguments added to the table's note where it does not have them yet."""
        positions = [b["value"].get("position") for b in ballots]
        counts = {p: positions.count(p) for p in ex.spec.positions}
        arguments = [b["value"]["argument"].strip() for b in ballots if (b["value"].get("argument") or "").strip()]

        def change(value: dict[str, Any]) -> dict[str, Any]:
            note = value.get("note") or ""
            lines = note.splitlines()
            had = {line.removeprefix(BULLET).removeprefix("– ") for line in lines}  # "– ": how arguments were added before
            new = [f"{BULLET}{a}" for a in dict.fromkeys(arguments) if a not in had]
            return {**value, "counts": counts, "note": "\n".join(filter(None, [note, *new]))}

        return change

    def counts_from_options(self, ex: Exercise[Spec], ordered: list[int | None], pairs: list[str]) -> dict[str, int]:
        """Hands from --agree/--disagree/--unsure and --count (a position by its former name too); a position given twice is refused."""
        positions, former = ex.spec.positions, ex.renamed.get("positions", {})
        counts = {positions[i]: n for i, n in enumerate(ordered) if n is not None and i < len(positions)}
        if any(n is not None for n in ordered[len(positions) :]):
            raise UsageError(
                _("this kit has only {count} positions: {positions}").format(count=len(positions), positions=", ".join(positions))
            )
        return named_counts(
            pairs,
            positions,
            what=N_("position"),
            malformed=_("--count takes POSITION=N with N a whole number, got {pair!r}"),
            twice=_("hands for {name!r} are given twice; give each position once"),
            former=former,
            given=counts,
        )

    def walk(self, w: Prompter, ex: Exercise[Spec], start: int) -> None:
        shown: set[str] = set()

        def ask(item: Item) -> None:
            challenge = self.challenge_of(ex, item.id)
            if challenge.id not in shown:
                shown.add(challenge.id)
                w.item_panel(challenge.title, challenge.intro, challenge.id)
            w.item_panel(item.text, number=item.id)
            self.ask(w, ex, item.id)

        w.step_through(self.items(ex), ask, start)


KIND = Statements()
