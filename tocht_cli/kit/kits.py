"""The kits one run loads: with the installed kinds, each kit once.

The command line makes one `Kits` per run and hands it to what needs a kit
(a `Workspace`, an import, a new session); nothing looks it up from a global.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import ExerciseKind, Kit


@dataclass
class Kits:
    find_kinds: Callable[[], Mapping[str, ExerciseKind]] = dict  # the command layer's registry, asked for when first needed
    chosen: str | None = None  # --kit: the kit for new sessions (and for `kit show`, `import`)
    loaded: dict[str, Kit] = field(default_factory=dict, repr=False)

    @cached_property
    def kinds(self) -> Mapping[str, ExerciseKind]:
        """The exercise kinds, looked up only by commands that load a kit (`list` does not)."""
        return self.find_kinds()

    def load(self, ref: str) -> Kit:
        """A kit by name or folder, loaded once in this run (`export --all` asks for the same kit for every session)."""
        from tocht_cli.kit import loader

        if ref not in self.loaded:
            self.loaded[ref] = loader.load(ref, self.kinds)
        return self.loaded[ref]

    def of(self, session: dict[str, Any]) -> Kit:
        """The kit a session was recorded with."""
        from tocht_cli.kit import loader, shipped

        ref = session.get("kit") or {}
        if ref.get("path"):
            return loader.load_path(Path(ref["path"]), self.kinds)
        return self.load(ref.get("name") or shipped.DEFAULT_KIT)

    def for_new_session(self) -> Kit:
        from tocht_cli.kit import shipped

        return self.load(self.chosen or shipped.DEFAULT_KIT)

    def translations(self, kit: Kit) -> dict[str, Kit]:
        """The shipped kits that are `kit` in another language (the same exercises, kinds and item ids), by
        language: a room's phones may each read the one they choose. A follow-up session's kit has its round
        first: the translation gets the same round's steps, in its own follow-up block's words."""
        from tocht_cli.base.errors import TochtError
        from tocht_cli.kit import shipped

        found: dict[str, Kit] = {}
        for name in shipped.builtin_names():
            try:
                other = self.load(name)
            except TochtError:
                continue  # a kit that does not load here is no translation to offer
            if other.language != kit.language and other.language not in found and same_items(kit, other):
                found[other.language] = with_same_round(kit, other)
        return found


def same_items(a: Kit, b: Kit) -> bool:
    """Two kits with the same exercises (ids and kinds, in order) and the same items in each; a session's
    follow-up round (its items come from the session, not the kit) is left out of the comparison."""

    def shape(kit: Kit) -> list[tuple[str, str, list[str]]]:
        return [(ex.id, ex.kind.name, [item.id for item in ex.kind.items(ex)]) for ex in kit.exercises if not ex.kind.meeting_wide]

    return shape(a) == shape(b)


def with_same_round(kit: Kit, other: Kit) -> Kit:
    """`other` with `kit`'s follow-up round in `other`'s words, under the room's id (a phone finds an exercise by
    it); `other` as it is when `kit` has no round or `other` no follow-up block."""
    from msgspec import structs

    from tocht_cli.kinds.followup import in_words_of, round_exercise

    room_round = next((ex for ex in kit.exercises if ex.kind.meeting_wide), None)
    if room_round is None or other.followup is None:
        return other
    steps = in_words_of(room_round.spec.steps, kit, other)
    translated = structs.replace(round_exercise(other.followup, steps, other), id=room_round.id)
    return structs.replace(other, exercises=(translated, *other.exercises))
