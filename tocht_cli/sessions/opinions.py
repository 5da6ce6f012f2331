"""Where the room's opinions part: the opinion map of a vote on statements, computed on the laptop.

As Pol.is does: each device's votes are a row (agree 1, disagree -1, a doubt 0, a statement it left open
the room's mean), projected onto the two directions along which the votes differ most (PCA, by power
iteration), then grouped by k-means in that plane for k = 2, 3 and 4, the k whose groups stand apart best
(silhouette) kept. The plane flattens: random votes fall apart into blobs there (silhouette 0.3 to 0.5), so a
split is kept only when its groups also stand apart on every statement (silhouette 0.25 and up there; random
votes reach about 0.1, one camp with a fifth of its votes at random about 0.2, two camps with two fifths at
random 0.3 to 0.4). Pure Python: at 200 devices × 15 statements it takes a fraction of a second, and no
library is needed for a 15 × 15 matrix.

Deterministic: devices are taken in the order of their ids, the power iteration and k-means start from
fixed points, ties go to the first, and every figure is rounded before it leaves, so the same ballots
give the same map and the same bytes. A device is named by no table and no name: the map holds dots,
groups are letters, and a group smaller than the room's k (issue 20 §6) is never shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from tocht_cli.kinds.contract import Exercise
from tocht_cli.kinds.fields import MAP_DEVICES, MAP_VOTES, DescribedKind
from tocht_cli.sessions.ballots import ballot_kind, choice
from tocht_cli.sessions.disclosure import DEFAULT_MIN_VOTES
from tocht_cli.store import Ballot

LETTERS = "ABCD"
MOST_GROUPS = 4
SPLIT = 0.25  # the silhouette (on every statement) a split must reach: below it the room is one camp with some spread
LEANS = 0.6  # a group leans a way on a statement when this share of it voted so
APART = 0.5  # a statement divides when the groups' mean votes lie this far apart (on -1..1)
SHOWN = 3  # statements said per list (uniting, dividing, a group's own)
Point = tuple[float, float]


class Threshold(Struct, frozen=True):
    """When a map is shown: `devices` devices that each voted on `each` statements, groups of `k` at least."""

    devices: int
    each: int
    k: int


def threshold_of(ex: Exercise, k: int) -> Threshold:
    """The kit's minimum for the exercise's map (its kind's, by default 7 devices of 5 votes), the room's k."""
    kind = ballot_kind(ex)
    devices, each = kind.map_minimum(ex) if isinstance(kind, DescribedKind) else (MAP_DEVICES, MAP_VOTES)
    return Threshold(devices, each, k)


class Stance(Struct, frozen=True):
    """A statement and the option a group (or everyone) leans to on it, with the share that voted so (0..1)."""

    statement: str
    option: str
    share: float


class Group(Struct, frozen=True):
    """An opinion group: its letter, how many devices, and the statements it agrees and disagrees with
    more than the rest of the room does."""

    label: str
    size: int
    agrees: tuple[Stance, ...]
    disagrees: tuple[Stance, ...]


class Divide(Struct, frozen=True):
    """A statement that divides: each group's leaning on it (its letter, the option most of it chose, the share)."""

    statement: str
    sides: tuple[tuple[str, str, float], ...]


class Dot(Struct, frozen=True, array_like=True):
    x: float
    y: float
    group: str  # "" when the room is one camp


class OpinionMap(Struct, frozen=True):
    """The map as every view shows it (no device in it); `closest` apart, for each phone its own group."""

    exercise: str
    devices: int  # placed on the map
    statements: int
    dots: tuple[Dot, ...]  # sorted: their order tells nothing of who voted first
    groups: tuple[Group, ...]  # none when the room is one camp
    uniting: tuple[Stance, ...]
    dividing: tuple[Divide, ...]


class Pending(Struct, frozen=True):
    """Too few votes to map yet: how many devices voted enough, of how many needed (each on `each` statements)."""

    exercise: str
    devices: int
    needed: int
    each: int


class Opinions(Struct, frozen=True):
    """The map, and which group each placed device's votes are closest to (for its own phone only)."""

    map: OpinionMap
    closest: dict[str, str]


def plain(value: Any) -> Any:
    """A map as JSON's values (objects, lists, numbers, text): what the export writes and the pages' trace reads."""
    if isinstance(value, Struct):
        if value.__struct_config__.array_like:
            return [plain(getattr(value, name)) for name in value.__struct_fields__]
        return {name: plain(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def mappable(ex: Exercise) -> bool:
    """Whether the exercise's room vote lies between agreeing and disagreeing (statements), so it can be mapped."""
    kind = ballot_kind(ex)
    return isinstance(kind, DescribedKind) and bool(kind.leanings(ex)) and bool(choice(ex)[1])


def opinions(ex: Exercise, ballots: Sequence[Ballot], threshold: Threshold | None = None) -> Opinions | Pending:
    """The opinion map of the exercise's ballots, or how far the room is from one (by default the kit's
    minimum and groups of 3 at least)."""
    threshold = threshold or threshold_of(ex, DEFAULT_MIN_VOTES)
    statements, rows = vote_rows(ex, ballots)
    placed = {device: row for device, row in rows.items() if sum(v is not None for v in row) >= threshold.each}
    if len(placed) < max(threshold.devices, 2):
        return Pending(ex.id, len(placed), max(threshold.devices, 2), threshold.each)
    devices = sorted(placed)
    matrix = [placed[d] for d in devices]
    votes = centred(matrix)
    points = projected(matrix, votes)
    labels = best_split(points, votes, threshold.k)
    letters = lettered(points, labels)
    named = [letters[label] for label in labels]
    groups = [letter for letter in LETTERS if letter in letters.values()]
    options = leaning_options(ex)
    the_map = OpinionMap(
        ex.id,
        len(devices),
        voted_on(matrix),
        tuple(sorted((Dot(rounded(x), rounded(y), g) for (x, y), g in zip(points, named, strict=True)), key=lambda d: (d.group, d.x, d.y))),
        tuple(group_of(letter, statements, matrix, named, options) for letter in groups),
        uniting(statements, matrix, named, groups or [""], options),
        dividing(statements, matrix, named, groups, options),
    )
    return Opinions(the_map, dict(zip(devices, named, strict=True)) if groups else {})


def voted_on(matrix: list[list[int | None]]) -> int:
    """How many statements the mapped devices voted on: the map stands on those, not on all the kit holds."""
    return sum(any(row[j] is not None for row in matrix) for j in range(len(matrix[0]) if matrix else 0))


def found_maps(exercises: Sequence[Exercise], ballots: Sequence[Ballot], k: int) -> list[tuple[Exercise, Opinions]]:
    """Each exercise whose room vote can be mapped and had enough votes for a map, with its map (the reports')."""
    out = []
    for ex in exercises:
        if mappable(ex):
            found = opinions(ex, [b for b in ballots if b["exercise"] == ex.id], threshold_of(ex, k))
            if isinstance(found, Opinions):
                out.append((ex, found))
    return out


def vote_rows(ex: Exercise, ballots: Sequence[Ballot]) -> tuple[list[str], dict[str, list[int | None]]]:
    """The statements in the kit's order, and per device its leaning on each (None: not voted)."""
    kind = ballot_kind(ex)
    assert isinstance(kind, DescribedKind)
    leaning, (main, _options) = kind.leanings(ex), choice(ex)
    statements = [item.id for item in kind.items(ex)]
    column = {statement: n for n, statement in enumerate(statements)}
    rows: dict[str, list[int | None]] = {}
    for ballot in ballots:
        position = (ballot.get("value") or {}).get(main)
        if ballot["exercise"] == ex.id and ballot["item"] in column and position in leaning:
            rows.setdefault(ballot["device"], [None] * len(statements))[column[ballot["item"]]] = leaning[position]
    return statements, rows


def centred(matrix: list[list[int | None]]) -> list[list[float]]:
    """Each device's votes less the room's mean on each statement; a statement it left open counts as the mean (0)."""
    means = [mean([v for row in matrix if (v := row[j]) is not None]) for j in range(len(matrix[0]))]
    return [[(v - means[j]) if v is not None else 0.0 for j, v in enumerate(row)] for row in matrix]


def projected(matrix: list[list[int | None]], rows: list[list[float]]) -> list[Point]:
    """Each device on the plane of the two directions the votes differ most along; a device with fewer votes is
    drawn out as Pol.is does (by √(statements / its votes)), or the mean it counts as would pull it to the middle."""
    width = len(matrix[0])
    axes = principal_axes(rows, 2)
    points = []
    for row, values in zip(matrix, rows, strict=True):
        stretch = math.sqrt(width / max(1, sum(v is not None for v in row)))
        points.append((stretch * dot(values, axes[0]), stretch * dot(values, axes[1])))
    return points


def rounded(value: float) -> float:
    """A coordinate as it leaves: three decimals, never -0.0."""
    return round(value, 3) + 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def principal_axes(rows: list[list[float]], count: int) -> list[list[float]]:
    """The `count` directions of most variance, by power iteration on the covariance with deflation, each from
    the same fixed start and turned so that its largest component is positive (a zero axis where none is left)."""
    width = len(rows[0])
    cov = [[sum(r[i] * r[j] for r in rows) / len(rows) for j in range(width)] for i in range(width)]
    axes: list[list[float]] = []
    for _ in range(count):
        vector = [1.0 + j / width for j in range(width)]
        value = 0.0
        for _step in range(500):
            product = [dot(line, vector) for line in cov]
            value = math.sqrt(dot(product, product))
            if value < 1e-12:
                break
            nxt = [p / value for p in product]
            done = max(abs(a - b) for a, b in zip(nxt, vector, strict=True)) < 1e-12
            vector = nxt
            if done:
                break
        if value < 1e-9:
            axes.append([0.0] * width)
            continue
        largest = max(range(width), key=lambda j: (round(abs(vector[j]), 9), -j))
        sign = 1.0 if vector[largest] >= 0 else -1.0
        vector = [sign * v for v in vector]
        axes.append(vector)
        cov = [[cov[i][j] - value * vector[i] * vector[j] for j in range(width)] for i in range(width)]
    return axes


def distance(a: Sequence[float], b: Sequence[float]) -> float:
    return math.dist(a, b)


def middle(points: Sequence[Sequence[float]]) -> tuple[float, ...]:
    return tuple(mean([p[d] for p in points]) for d in range(len(points[0])))


def kmeans(points: Sequence[Sequence[float]], k: int) -> list[int]:
    """Each point's group among k, from the farthest-first start (the point farthest from the middle, then
    each time the one farthest from the starts chosen), until no point changes group."""
    centre = middle(points)
    starts = [max(range(len(points)), key=lambda n: (distance(points[n], centre), -n))]
    while len(starts) < k:
        starts.append(max(range(len(points)), key=lambda n: (min(distance(points[n], points[s]) for s in starts), -n)))
    centres = [tuple(points[s]) for s in starts]
    labels: list[int] = []
    for _ in range(100):
        nearest = [min(range(k), key=lambda c: (distance(p, centres[c]), c)) for p in points]
        if nearest == labels:
            break
        labels = nearest
        for c in range(k):
            members = [p for p, label in zip(points, labels, strict=True) if label == c]
            if members:
                centres[c] = middle(members)
    return labels


def silhouette(points: Sequence[Sequence[float]], labels: list[int]) -> float:
    """How well the groups stand apart: the mean over points of (b - a) / max(a, b), a the mean distance to
    its own group, b to the nearest other group (0 for a point alone in its group)."""
    groups = sorted(set(labels))
    total = 0.0
    for n, p in enumerate(points):
        sums = dict.fromkeys(groups, 0.0)
        counts = dict.fromkeys(groups, 0)
        for m, q in enumerate(points):
            if m != n:
                sums[labels[m]] += distance(p, q)
                counts[labels[m]] += 1
        own = labels[n]
        if not counts[own]:
            continue
        a = sums[own] / counts[own]
        b = min(sums[g] / counts[g] for g in groups if g != own and counts[g])
        total += (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return total / len(points)


def best_split(points: list[Point], rows: list[list[float]], smallest: int) -> list[int]:
    """The groups of the k (2 to 4) that stand apart best on the map (silhouette), each of at least `smallest`
    devices, kept only when they stand apart in the votes themselves too (SPLIT, on every statement: the map's
    plane makes a blob of random votes look split); else all in one group (0)."""
    if max((abs(c) for p in points for c in p), default=0.0) < 1e-9:
        return [0] * len(points)
    best: list[int] = []
    best_score = -1.0
    for k in range(2, MOST_GROUPS + 1):
        if k * max(smallest, 1) > len(points):
            break
        labels = kmeans(points, k)
        if min(labels.count(c) for c in range(k)) < max(smallest, 1):
            continue
        score = round(silhouette(points, labels), 9)
        if score > best_score:
            best, best_score = labels, score
    if not best or round(silhouette(rows, best), 9) < SPLIT:
        return [0] * len(points)
    return best


def lettered(points: list[Point], labels: list[int]) -> dict[int, str]:
    """Letters for the groups: A the largest, ties by where its middle lies (left first); "" for one camp."""
    found = sorted(set(labels))
    if len(found) < 2:
        return dict.fromkeys(found, "")

    def order(c: int) -> tuple[int, float, float]:
        members = [p for p, label in zip(points, labels, strict=True) if label == c]
        return (-len(members), round(mean([p[0] for p in members]), 9), round(mean([p[1] for p in members]), 9))

    return {c: LETTERS[n] for n, c in enumerate(sorted(found, key=order))}


def leaning_options(ex: Exercise) -> dict[int, str]:
    """The option a leaning is said with: 1 → "eens", -1 → "oneens"."""
    kind = ballot_kind(ex)
    assert isinstance(kind, DescribedKind)
    return {lean: option for option, lean in reversed(kind.leanings(ex).items())}


def shares(votes: list[int | None]) -> tuple[float, float, float]:
    """Of the votes given, the share that agreed, the share that disagreed, and their mean (-1..1)."""
    given = [v for v in votes if v is not None]
    if not given:
        return 0.0, 0.0, 0.0
    return given.count(1) / len(given), given.count(-1) / len(given), mean(given)


def column(matrix: list[list[int | None]], named: list[str], j: int, group: str | None) -> list[int | None]:
    """Statement j's votes of a group's devices (of everyone for None)."""
    return [row[j] for row, g in zip(matrix, named, strict=True) if group is None or g == group]


def group_of(letter: str, statements: list[str], matrix: list[list[int | None]], named: list[str], options: dict[int, str]) -> Group:
    """A group and the statements it agrees (disagrees) with where the rest of the room does so less."""
    agrees, disagrees = [], []
    for j, statement in enumerate(statements):
        yes, no, own = shares(column(matrix, named, j, letter))
        rest = [v for row, g in zip(matrix, named, strict=True) if g != letter and (v := row[j]) is not None]
        gap = own - mean(rest)
        if yes >= LEANS and gap >= APART:
            agrees.append((-round(gap, 9), j, Stance(statement, options[1], round(yes, 2))))
        if no >= LEANS and -gap >= APART:
            disagrees.append((-round(-gap, 9), j, Stance(statement, options[-1], round(no, 2))))
    return Group(letter, named.count(letter), firsts(agrees), firsts(disagrees))


def firsts(ranked: list[tuple[float, int, Stance]]) -> tuple[Stance, ...]:
    return tuple(stance for _rank, _j, stance in sorted(ranked, key=lambda r: (r[0], r[1]))[:SHOWN])


def uniting(
    statements: list[str], matrix: list[list[int | None]], named: list[str], groups: list[str], options: dict[int, str]
) -> tuple[Stance, ...]:
    """The statements every group leans the same way on (agree or disagree, LEANS at least in each), the most
    unanimous first; with the share of everyone who voted so."""
    found = []
    for j, statement in enumerate(statements):
        for lean, side in ((1, 0), (-1, 1)):
            weakest = min(shares(column(matrix, named, j, g or None))[side] for g in groups)
            if weakest >= LEANS:
                found.append(
                    (-round(weakest, 9), j, Stance(statement, options[lean], round(shares(column(matrix, named, j, None))[side], 2)))
                )
    return firsts(found)


def dividing(
    statements: list[str], matrix: list[list[int | None]], named: list[str], groups: list[str], options: dict[int, str]
) -> tuple[Divide, ...]:
    """The statements the groups' mean votes lie farthest apart on (APART at least), with each group's leaning."""
    if len(groups) < 2:
        return ()
    found = []
    for j, statement in enumerate(statements):
        means = [shares(column(matrix, named, j, g))[2] for g in groups]
        spread = max(means) - min(means)
        if spread >= APART:
            found.append((-round(spread, 9), j, Divide(statement, tuple(side(g, column(matrix, named, j, g), options) for g in groups))))
    return tuple(d for _rank, _j, d in sorted(found, key=lambda r: (r[0], r[1]))[:SHOWN])


def side(group: str, votes: list[int | None], options: dict[int, str]) -> tuple[str, str, float]:
    """A group's leaning on a statement: the option most of its voters chose (agree first on a tie), and its share."""
    given = [v for v in votes if v is not None]
    if not given:
        return group, "", 0.0
    most = max((1, -1, 0), key=lambda lean: (given.count(lean), -(1, -1, 0).index(lean)))
    return group, options.get(most, ""), round(given.count(most) / len(given), 2)
