"""What a room's participants answered on their own devices, counted and told: the tally of a vote,
the wins of the cards. The live room (room/live.py) and the summary (reports/summary.py) read them alike."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from tocht_cli.base.dates import moment_order
from tocht_cli.base.i18n import _
from tocht_cli.kinds.contract import Exercise, Kit, PersonalCard
from tocht_cli.kinds.fields import DescribedKind, check_fields
from tocht_cli.kinds.values import Ids, Timestamp, check_record
from tocht_cli.store import EXERCISE_LEVEL, Ballot

DEVICE = r"[0-9a-f]{24}(\.[0-9]{1,3})?"  # a device's random id (a merge numbers one that two sources share)
MAX_NAME = 60  # a participant's name in a named room


def hidden_key(exercise: str, item: str, device: str) -> str:
    """How the room's state names an argument the facilitator keeps off the screen (`hidden`)."""
    return f"{exercise}/{item}#{device}"


def flagged(ballots: list[Ballot], hidden: set[str]) -> list[Ballot]:
    """The ballots, `hidden: true` on those whose argument the room keeps off the screen: how an export and a
    merge carry what the room state says of them (its keys name a device, which a merge may renumber)."""
    return [{**b, "hidden": True} if hidden_key(b["exercise"], b["item"], b["device"]) in hidden else b for b in ballots]


def vetted(ex: Exercise, ballot: Ballot, hidden: set[str], kit: Kit) -> Ballot:
    """A ballot as the tally takes it: an argument the facilitator hid left out, the choice counted. The
    room saves a tally so, and the reports tell by it whether a table's tally was saved. A free answer (a word
    cloud's words, no options to choose from) is all argument: hidden, none of it counts; one of its words
    hidden, the others count."""
    if hidden_key(ex.id, ballot["item"], ballot["device"]) not in hidden:
        return worded(ex, ballot, hidden, kit)
    main, options = choice(ex)
    return {**ballot, "value": {main: ballot["value"].get(main)} if options else {}}  # a free answer hidden: nothing of it


def hidden_entries(exercise: str, item: str, hidden: set[str]) -> set[str]:
    """What the facilitator keeps off the screen at an item by entry rather than by device: a list's entries,
    a word cloud's words (by their keys)."""
    place = f"{exercise}/{item}#"
    return {key.removeprefix(place) for key in hidden if key.startswith(place) and not re.fullmatch(DEVICE, key.removeprefix(place))}


def worded(ex: Exercise, ballot: Ballot, hidden: set[str], kit: Kit) -> Ballot:
    """A ballot without the entries of its answer the facilitator hid (one word of a phone's words)."""
    entries, kind = hidden_entries(ex.id, ballot["item"], hidden), ballot_kind(ex)
    if not entries or kind is None:
        return ballot
    return {**ballot, "value": kind.ballot_vetted(ex, ballot["value"], entries, kit)}


def hidden_apart(ballots: list[Ballot], lists: dict[str, Any] | None = None) -> tuple[list[Ballot], dict[str, Any]]:
    """Flagged ballots as a session file keeps them: the ballots without the flag, and the room state that
    keeps the flagged arguments off the screen, with what `lists` says of the room's lists (entries merged
    and kept off the screen; `list_state`); {} when there is nothing of either."""
    keys = sorted(hidden_key(b["exercise"], b["item"], b["device"]) for b in ballots if b.get("hidden"))
    keys = sorted(keys + list((lists or {}).get("hidden") or []))
    state: dict[str, Any] = {"hidden": keys} if keys else {}
    if (lists or {}).get("merged"):
        state["merged"] = dict(sorted((lists or {})["merged"].items()))
    return [{k: v for k, v in b.items() if k != "hidden"} for b in ballots], state


def list_state(state: dict[str, Any]) -> dict[str, Any]:
    """What a room's state says of its lists (upvotes), as an export carries it: the entries merged into
    another and those kept off the screen (`exercise/item#entry`; a hidden argument names a device instead,
    and travels on its ballot); {} when there is none."""
    hidden = sorted(k for k in state.get("hidden") or [] if not re.fullmatch(DEVICE, k.rpartition("#")[2]))
    merged = dict(sorted((state.get("merged") or {}).items()))
    return {**({"merged": merged} if merged else {}), **({"hidden": hidden} if hidden else {})}


def ballot_kind(ex: Exercise) -> DescribedKind | None:
    """The exercise's kind when each participant answers its items on their own device."""
    kind = ex.kind
    return kind if isinstance(kind, DescribedKind) and kind.ballot else None


def card_shape(card: PersonalCard) -> dict[str, Any]:
    """What a device's card holds: the items it crossed, and the moment it reached the target (or None)."""
    return {"crossed": Ids(tuple(i.id for i in card.items), "statement"), "won_at": Timestamp()}


def validate(ex: Exercise, item: str, value: Any) -> dict[str, Any]:
    """A participant's answer as a room takes it: a ballot on one of the exercise's items, or their own card."""
    kind, card = ballot_kind(ex), ex.kind.personal_card(ex)
    if kind is not None and item in {i.id for i in kind.items(ex)}:
        return check_record(check_fields(kind.ballot, ex.spec, ex.renamed), value, f"{ex.id}/{item}")
    if card is not None and item == EXERCISE_LEVEL:
        return check_record(card_shape(card), value, f"{ex.id}/{item}")
    shape = ex.kind.device_shape(ex, item)
    if shape is not None:
        return check_record(shape, value, f"{ex.id}/{item}")
    raise ValueError(_("exercise {exercise} takes no participant's answer for {item!r}").format(exercise=ex.id, item=item))


def upgraded(kit: Kit, ballots: list[Ballot]) -> list[Ballot]:
    """Ballots with the options the kit renamed read under their names now, so they count (in memory only:
    the file keeps the former name until the ballot is next saved)."""
    renaming = {
        ex.id: (ex, check_fields(kind.ballot, ex.spec, ex.renamed)) for ex in kit.exercises if ex.renamed and (kind := ballot_kind(ex))
    }
    if not renaming:
        return ballots
    out = []
    for ballot in ballots:
        ex, fields = renaming.get(ballot["exercise"], (None, None))
        if ex is not None and ballot["item"] != EXERCISE_LEVEL:
            ballot = {**ballot, "value": ex.kind.upgraded(ex, ballot["item"], ballot["value"], fields)}
        out.append(ballot)
    return out


def choice(ex: Exercise) -> tuple[str, list[str]]:
    """The ballot's main field and its options (a statement's position: eens, oneens, twijfel); no options
    when participants answer in their own words (a word cloud)."""
    kind = ballot_kind(ex)
    if kind is None:
        raise ValueError(_("exercise {exercise} has no ballot").format(exercise=ex.id))
    main = next(f for f in kind.ballot if f.main)
    return main.name, list(getattr(main.bound(ex.spec), "options", ()))


def tally(ex: Exercise, ballots: list[Ballot], groups: list[str]) -> dict[str, dict[str, int]]:
    """Per table (in the session's order; tables without a vote left out), the count of each option; none
    for answers in the participants' own words."""
    name, options = choice(ex)
    out: dict[str, dict[str, int]] = {}
    if not options:
        return out
    for group in groups:
        chosen = [b["value"].get(name) for b in ballots if b["group"] == group]
        if chosen:
            out[group] = {o: chosen.count(o) for o in options}
    return out


class Argument(NamedTuple):
    """What one participant wrote besides their choice, with the choice it argues for."""

    position: str
    text: str
    device: str
    group: str = ""  # the table it came from: the facilitator's control view says it


def arguments(ex: Exercise, ballots: list[Ballot]) -> list[Argument]:
    """What participants wrote besides their choice (a statement's arguments): grouped by the option they chose,
    in the options' order, oldest first within each. Where there is nothing to choose (a word cloud), their
    answer itself, without a position."""
    kind = ballot_kind(ex)
    if kind is None:
        return []
    main, options = choice(ex)
    texts = [f.name for f in kind.ballot if not (f.main and options)]
    rank = {option: n for n, option in enumerate(options)}
    # oldest first; arguments of the same second by their words, so an export imported again lists them alike
    ordered = sorted(
        ballots,
        key=lambda b: (
            rank.get(b["value"].get(main), len(rank)),
            b.get("at", ""),
            [str(b["value"].get(name) or "") for name in texts],
            b["device"],
        ),
    )
    return [
        Argument(str(b["value"].get(main) or "") if options else "", b["value"][name], b["device"], b.get("group", ""))
        for b in ordered
        for name in texts
        if b["value"].get(name)
    ]


def who(ballot: Ballot, kit: Kit) -> str:
    """A participant as the room names them: their name in a named room, else their device's number."""
    return device_label(ballot["device"], str(ballot.get("name") or ""), kit)


def device_label(device: str, name: str, kit: Kit) -> str:
    """What the screen, the summary and the device's own phone call a participant (a winner knows it is them)."""
    return name or kit.words.gettext("device {number}").format(number=device[:4])


def wins(ex: Exercise, ballots: list[Ballot], kit: Kit) -> list[tuple[str, str, str]]:
    """(who, table, when) of every personal card of `ex` that reached its target, the first first."""
    won = [b for b in ballots if b["exercise"] == ex.id and b["item"] == EXERCISE_LEVEL and b["value"].get("won_at")]
    won.sort(key=lambda b: moment_order(str(b["value"]["won_at"])))
    return [(who(b, kit), b["group"], str(b["value"]["won_at"])) for b in won]


def of_item(ballots: list[Ballot], ex: Exercise, item: str) -> list[Ballot]:
    return [b for b in ballots if b["exercise"] == ex.id and b["item"] == item]


def counted(counts: dict[str, Any]) -> str:
    """'eens 3 · oneens 1' (options nobody chose left out)."""
    return " · ".join(f"{option} {n}" for option, n in counts.items() if n)
