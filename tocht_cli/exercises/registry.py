"""Every exercise kind tocht knows, by the name a kit file gives in `kind = "…"`."""

from tocht_cli.exercises import alliances, bingo, challenges, roles, statements, steps, vocabulary
from tocht_cli.exercises.base import ExerciseKind

KINDS: dict[str, ExerciseKind] = {
    kind.name: kind
    for kind in (
        bingo.KIND,
        statements.KIND,
        vocabulary.KIND,
        roles.KIND,
        steps.KIND,
        alliances.KIND,
        challenges.KIND,
    )
}
