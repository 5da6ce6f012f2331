"""Several sites, one result: sites that ran the same kit on their own laptops, counted together.

Per item that takes counts (a statement's show of hands, a question's dots) each site's counts (its tables
added up), the total, the option most votes went to, and how many of the sites that voted took that option
too; per exercise how many votes came from the phones, from hands and from paper, per site. A site with
fewer than k votes on an item is shown only in the total, as a small table is (sessions/disclosure.py).

The result is data, worked out from answers alone: a merged session (`tocht merge`) gives its sites by the
groups it recorded for each source; the hub (`tocht hub`) gives each site's own session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from tocht_cli.kinds.statements import majority
from tocht_cli.sessions.disclosure import hands_fields, kept_apart
from tocht_cli.sessions.origins import said, votes_by_origin

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise, Kit
    from tocht_cli.sessions.workspace import Workspace


class Site(Struct, frozen=True):
    """One site's answers: its name and, in a merged session, the groups its tables are under there."""

    name: str
    answers: list[dict[str, Any]]


class SiteCount(Struct, frozen=True):
    site: str
    counts: dict[str, int]  # empty where the site is kept to the total
    majority: str | None
    kept: str = ""  # why its counts show only in the total (disclosure.SMALL, BESIDE_SMALL), else ""


class ItemResult(Struct, frozen=True):
    id: str
    text: str
    sites: tuple[SiteCount, ...]
    total: dict[str, int]
    majority: str | None
    agreeing: int  # sites shown whose own majority is the total's
    deciding: int  # sites shown that have a majority of their own


class ExerciseResult(Struct, frozen=True):
    exercise: str
    heading: str
    options: tuple[str, ...]
    items: tuple[ItemResult, ...]
    origins: tuple[tuple[str, dict[str, int]], ...]  # per site: votes from phones, hands, paper ({} where kept)
    origins_kept: tuple[str, ...] = ()  # sites kept to the total on an item: their origins would tell its votes


class SitesResult(Struct, frozen=True):
    sites: tuple[str, ...]
    min_votes: int
    exercises: tuple[ExerciseResult, ...]
    withheld: tuple[tuple[str, tuple[str, ...]], ...] = ()  # per site, the headings it did not mark for the audience


def of_merged(ws: Workspace) -> list[Site]:
    """A merged session's sites, by the groups the merge recorded for each source (or, for a session merged
    before it did, by the source's name its groups start with); [] for a session that is no merge."""
    from tocht_cli.sessions.merging import GROUP_SEPARATOR

    sources = ws.session.get("merged_from") or []
    names = [str(m.get("name") or m.get("id")) for m in sources]
    answers = ws.answers()
    sites = []
    for source, name in zip(sources, names, strict=True):
        label = f"{name} ({source.get('id')})" if names.count(name) > 1 else name  # as the merge named its groups
        groups = set(source.get("groups") or [g for g in ws.groups if g.startswith(f"{label}{GROUP_SEPARATOR}")])
        sites.append(Site(label, [a for a in answers if a["group"] in groups]))
    return sites


def result(exercises: list[Exercise], sites: list[Site], k: int) -> SitesResult:
    """The sites' counts per item side by side, for the exercises whose answers hold counts."""
    out = [exercise_result(ex, sites, k) for ex in exercises if hands_fields(ex)]
    return SitesResult(tuple(s.name for s in sites), k, tuple(r for r in out if r.items))


def exercise_result(ex: Exercise, sites: list[Site], k: int) -> ExerciseResult:
    fields = hands_fields(ex)
    options = hands_options(ex, fields[0])
    mine = {s.name: by_item(s.answers, ex.id) for s in sites}  # each site's answers sorted once, not scanned per item
    items = []
    for item in ex.kind.items(ex):
        per_site = {s.name: counted(mine[s.name].get(item.id, []), fields) for s in sites}
        if any(per_site.values()):
            items.append(item_result(item.id, item.text, options, per_site, k))
    kept = {s.site for i in items for s in i.sites if s.kept}
    origins = tuple((s.name, {} if s.name in kept else votes_by_origin(ex, s.answers)) for s in sites)
    return ExerciseResult(ex.id, ex.heading, options, tuple(items), origins, tuple(s.name for s in sites if s.name in kept))


def origins_said(origins: list[tuple[str, dict[str, int]]], kept: set[str], kit: Kit) -> list[tuple[str, str]]:
    """Per site where its votes came from, in the kit's words; a site kept to the total on an item says why
    it shows no figures (its votes by origin, less those of the items shown, would give that item's votes)."""
    hidden = kit.words.gettext("not shown, so that a small vote's count cannot be worked out")
    return [(site, hidden if site in kept else said(votes, kit)) for site, votes in origins if votes or site in kept]


def hands_options(ex: Exercise, name: str) -> tuple[str, ...]:
    """The options a show of hands (or of dots) counts, as the kit names them."""
    from tocht_cli.kinds.fields import DescribedKind

    kind = ex.kind
    assert isinstance(kind, DescribedKind)  # only a described kind's answers hold hands (disclosure.hands_fields)
    return tuple(next(f.bound(ex.spec) for f in kind.answer if f.name == name).options)


def by_item(answers: list[dict[str, Any]], exercise: str) -> dict[str, list[dict[str, Any]]]:
    """A site's answers to an exercise by item: its tables' values."""
    out: dict[str, list[dict[str, Any]]] = {}
    for doc in answers:
        if doc["exercise"] == exercise:
            out.setdefault(doc["item"], []).append(doc["value"])
    return out


def counted(values: list[dict[str, Any]], fields: list[str]) -> dict[str, int]:
    """The votes per option of a site's tables on an item, added up (options with none left out)."""
    total: dict[str, int] = {}
    for value in values:
        for name in fields:
            for option, n in (value.get(name) or {}).items():
                total[option] = total.get(option, 0) + n
    return {o: n for o, n in total.items() if n}


def item_result(item: str, text: str, options: tuple[str, ...], per_site: dict[str, dict[str, int]], k: int) -> ItemResult:
    """An item's counts per site and in total; a site with fewer than k votes (and the smallest beside a single
    one) only in the total, and out of the share that agrees, which would tell its majority."""
    kept = kept_apart({site: sum(c.values()) for site, c in per_site.items()}, k)
    total: dict[str, int] = {}
    for counts in per_site.values():
        for option, n in counts.items():
            total[option] = total.get(option, 0) + n
    most = majority(options, total)
    sites = tuple(
        SiteCount(site, {} if site in kept else counts, None if site in kept else majority(options, counts), kept.get(site, ""))
        for site, counts in per_site.items()
    )
    shown = [s for s in sites if not s.kept and s.majority is not None]
    return ItemResult(item, text, sites, total, most, sum(s.majority == most for s in shown if most), len(shown))
