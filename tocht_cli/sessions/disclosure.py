"""What leaves the room: a table's small vote kept to the total (k), and which parts of a summary are for
which audience (the room, the network, the public).

A vote here is a hand counted for an option: a table's show of hands on an item (a `Counts` field, which
holds the phones' tally once the room saved it), or, in the room's results, one phone's ballot. A table
with fewer than k of them on an item is shown only in the total, so that two people at a table cannot be
told apart by their votes. When exactly one table on an item is kept so among others, the smallest other
table is kept with it: the total minus the tables shown would give its votes back.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from msgspec import Struct, structs

from tocht_cli.base.i18n import N_, _
from tocht_cli.kinds.contract import Exercise, ExerciseKind, Kit, Sheet
from tocht_cli.store import Store

DEFAULT_MIN_VOTES = 3
MAX_MIN_VOTES = 1000
LEVELS = ("room", "network", "public")  # each audience sees its own parts and those of the audiences after it
DEFAULT_LEVEL = "room"  # nothing leaves the room that nobody chose to let out
LEVEL_NAMES = {"room": N_("the room"), "network": N_("the network"), "public": N_("the public")}
SMALL, BESIDE_SMALL = "small", "beside small"  # why a table's votes are kept to the total


class Disclosure(Struct, frozen=True):
    """What one document shows: tables with fewer than `min_votes` votes only in the total; the parts for `level`."""

    min_votes: int = DEFAULT_MIN_VOTES
    level: str | None = None  # None: everything, and the document says nothing of its audience
    audience: dict[str, str] = {}  # exercise id → the widest audience it is for (the session's marks)
    sites: tuple[tuple[str, ...], ...] = ()  # a merged session's groups per site: each kept apart as its own session kept them

    def shows(self, exercise: str) -> bool:
        """Whether the exercise's part is for this document's audience (levels nest: public ⊂ network ⊂ room)."""
        return self.level is None or LEVELS.index(self.audience.get(exercise, DEFAULT_LEVEL)) >= LEVELS.index(self.level)


def of_record(record: dict[str, Any], min_votes: int | None = None, level: str | None = None) -> Disclosure:
    """The session's stored k and marks, with what a command gave instead (a mark edited by hand into
    something else is left out, so its part stays in the room)."""
    stored = record.get("min_votes")
    marks = {ex: mark for ex, mark in (record.get("audience") or {}).items() if mark in LEVELS}
    k = min_votes if min_votes is not None else stored if isinstance(stored, int) and stored >= 1 else DEFAULT_MIN_VOTES
    sites = tuple(tuple(str(g) for g in source.get("groups") or []) for source in record.get("merged_from") or [])
    return Disclosure(k, level, marks, tuple(site for site in sites if site))


def checked_min_votes(value: Any) -> int:
    """A k as a command or an import gives it: a whole number from 1 (1 hides nothing) up."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_MIN_VOTES:
        raise ValueError(_("the smallest vote shown per table is a whole number from 1 to {most}").format(most=MAX_MIN_VOTES))
    return value


def checked_level(value: Any) -> str:
    if value not in LEVELS:
        raise ValueError(_("an audience is one of {levels}").format(levels=", ".join(LEVELS)))
    return str(value)


def kept_apart(votes: dict[str, int], k: int) -> dict[str, str]:
    """The tables whose votes (table → how many) show only in the total, and why; none with a single table,
    whose votes are the total."""
    if len(votes) < 2:
        return {}
    small = {g: SMALL for g, n in votes.items() if 0 < n < k}
    others = sorted((n, order, g) for order, (g, n) in enumerate(votes.items()) if n and g not in small)
    if len(small) == 1 and others:
        small[others[0][2]] = BESIDE_SMALL
    return small


def kept_apart_for(votes: dict[str, int], shown: Disclosure) -> dict[str, str]:
    """The tables a document kept to the total (`kept_apart` at its k), inside each site of a merged session, so
    that a merge never shows what a site's own session kept to its total: a site's column is its session's total,
    and beside its shown tables it would give a hidden one back. A site kept to the total among the sites keeps
    every table of it there too. Every report's per-table votes go through here."""
    k, sites = shown.min_votes, shown.sites
    if not sites:
        return kept_apart(votes, k)
    mine = [{g: votes[g] for g in site if g in votes} for site in sites]
    elsewhere = {g: n for g, n in votes.items() if not any(g in site for site in sites)}
    sites_kept = kept_apart({str(n): sum(site.values()) for n, site in enumerate(mine)}, k)
    out = kept_apart(elsewhere, k)
    for n, site in enumerate(mine):
        out.update({g: sites_kept[str(n)] for g in site} if str(n) in sites_kept else kept_apart(site, k))
    return out


def why_hidden(kit: Kit, k: int, reason: str) -> str:
    """What the place of hidden votes says, in the kit's language ("minder dan 3 stemmen: alleen in het totaal")."""
    if reason == SMALL:
        return kit.words.ngettext("fewer than {k} vote: only in the total", "fewer than {k} votes: only in the total", k).format(k=k)
    return kit.words.gettext("only in the total, so that a smaller table's votes cannot be worked out")


def hands_fields(ex: Exercise) -> list[str]:
    """The fields of an item's answer that hold a show of hands."""
    return list(_hands_fields(ex.kind))


@cache
def _hands_fields(kind: ExerciseKind) -> tuple[str, ...]:
    """A kind's fields that hold a show of hands: the same for every exercise of the kind (a field's type does not
    depend on the kit's options), so found once per kind, not for each of a document's thousands of items."""
    from tocht_cli.kinds.fields import Among, DescribedKind
    from tocht_cli.kinds.values import Counts

    if not isinstance(kind, DescribedKind):
        return ()
    return tuple(
        f.name for f in kind.answer if (issubclass(f.value.type, Counts) if isinstance(f.value, Among) else isinstance(f.value, Counts))
    )


def hands_labels(ex: Exercise, kit: Kit) -> set[str]:
    """The headings of those fields, as an answer's facts name them."""
    from tocht_cli.kinds.fields import DescribedKind

    kind = ex.kind
    return {f.label(ex.spec, kit) for f in kind.answer if f.name in hands_fields(ex)} if isinstance(kind, DescribedKind) else set()


def position_labels(ex: Exercise, kit: Kit) -> set[str]:
    """The headings of the position fields (`position_fields`), as an answer's facts name them."""
    from tocht_cli.kinds.fields import DescribedKind

    kind = ex.kind
    return {f.label(ex.spec, kit) for f in kind.answer if f.name in position_fields(ex)} if isinstance(kind, DescribedKind) else set()


def hands(value: dict[str, Any] | None, fields: list[str]) -> int:
    """How many hands went up in an answer, over its shows of hands."""
    return sum(sum(((value or {}).get(name) or {}).values()) for name in fields)


class Kept(Struct, frozen=True):
    """A table's answers as a document may show them, and per item why its hands were left out."""

    sheet: Sheet
    hidden: dict[str, str]


def position_fields(ex: Exercise) -> list[str]:
    """The fields of an item's answer that hold the table's own choice among the options its hands count (a
    statement's position): where its hands are kept to the total, so is what they decided."""
    from tocht_cli.kinds.fields import Among, DescribedKind
    from tocht_cli.kinds.values import Choice, Counts

    kind = ex.kind
    if not isinstance(kind, DescribedKind):
        return []
    counted = {f.value.options for f in kind.answer if isinstance(f.value, Among) and f.value.type is Counts}
    return [f.name for f in kind.answer if isinstance(f.value, Among) and f.value.type is Choice and f.value.options in counted]


def kept_sheets(ex: Exercise, sheets: dict[str, Sheet], shown: Disclosure) -> dict[str, Kept]:
    """Each table's sheet with what it leaves out on the items it is kept apart on (`left_out`) emptied (its
    hands still count in the total); below k also what its phones wrote (one phone's argument tells its vote)."""
    fields = hands_fields(ex)
    hidden: dict[str, dict[str, str]] = {g: {} for g in sheets}
    if fields:
        for item in (i.id for i in ex.kind.items(ex)):
            votes = {g: hands(s.get(item), fields) for g, s in sheets.items()}
            for group, reason in kept_apart_for(votes, shown).items():
                hidden[group][item] = reason
    left = left_out(ex)

    def leaves(group: str, item: str, why: str) -> dict[str, Any]:  # below k, the phones' words too: a vote's argument
        said = dict.fromkeys(sheets[group].phones_said.get(item, ())) if why == SMALL else {}
        return {**left[why], **said}

    return {g: Kept(emptied(sheets[g], {item: leaves(g, item, why) for item, why in hidden[g].items()}), hidden[g]) for g in sheets}


def left_out(ex: Exercise) -> dict[str, dict[str, Any]]:
    """The fields a table kept to the total leaves out of its row, emptied, per reason: below k its hands and
    the position they decided (at a table of one, that is one person's vote); beside a small table only its
    hands, so the small table's cannot be worked out (its position is a group's, of enough people)."""
    hands_left: dict[str, Any] = {key: {} for key in hands_fields(ex)}
    return {SMALL: {**hands_left, **dict.fromkeys(position_fields(ex))}, BESIDE_SMALL: hands_left}


def for_totals(ex: Exercise, sheets: dict[str, Sheet], kept: dict[str, Kept]) -> dict[str, Sheet]:
    """The tables' sheets for the totals: every hand counts there, but a table below k on an item shows no
    position of its own in the totals' row either."""
    positions: dict[str, Any] = dict.fromkeys(position_fields(ex))
    return {g: emptied(sheet, {item: positions for item, why in kept[g].hidden.items() if why == SMALL}) for g, sheet in sheets.items()}


def emptied(sheet: Sheet, items: dict[str, dict[str, Any]]) -> Sheet:
    """The sheet with each of `items` (item → its fields emptied) given those empty fields."""
    if not items:
        return sheet
    values = {item: {**value, **items[item]} if item in items else value for item, value in sheet.values.items()}
    return structs.replace(sheet, values=values)


def hidden_lines(ex: Exercise, kit: Kit, k: int, hidden: dict[str, str]) -> list[str]:
    """Under a table's answers: which items leave what out of its row, and why, in the kit's words ("A1, A3:
    standpunt en handen alleen in het totaal: minder dan 3 stemmen")."""
    by_reason: dict[str, list[str]] = {}
    for item, reason in hidden.items():
        by_reason.setdefault(reason, []).append(item)
    return [f"{', '.join(items)}: {why_left_out(ex, kit, k, reason)}" for reason, items in sorted(by_reason.items(), reverse=True)]


def why_left_out(ex: Exercise, kit: Kit, k: int, reason: str) -> str:
    """What a table's row leaves out for `reason`, named by the kit's headings, and why."""
    from tocht_cli.kinds.fields import DescribedKind

    kind, fields = ex.kind, left_out(ex)[reason]
    labels = [f.label(ex.spec, kit) for f in kind.answer if f.name in fields] if isinstance(kind, DescribedKind) else []
    if not labels:
        return why_hidden(kit, k, reason)
    words = [label[:1].lower() + label[1:] for label in labels]
    what = kit.words.gettext("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1]) if len(words) > 1 else words[0]
    if reason == SMALL:
        said = kit.words.ngettext("{what} only in the total: fewer than {k} vote", "{what} only in the total: fewer than {k} votes", k)
        return said.format(what=what, k=k)
    return kit.words.gettext("{what} only in the total, so that a smaller table's votes cannot be worked out").format(what=what)


def keep_min_votes(store: Store, session_id: str, k: int) -> dict[str, Any]:
    """Store k with the session (a room given --min-votes), so that a later export shows what the room showed."""
    checked_min_votes(k)
    return store.update_session(session_id, lambda record: {**record, "min_votes": k})


def mark_audience(store: Store, session_id: str, exercise: str, level: str) -> dict[str, Any]:
    """Mark an exercise's part for an audience, in the session's record (the room, the default, is not written)."""
    checked_level(level)

    def marked(record: dict[str, Any]) -> dict[str, Any]:
        marks = {ex: mark for ex, mark in (record.get("audience") or {}).items() if ex != exercise}
        marks.update({exercise: level} if level != DEFAULT_LEVEL else {})
        return {**{key: value for key, value in record.items() if key != "audience"}, **({"audience": marks} if marks else {})}

    return store.update_session(session_id, marked)
