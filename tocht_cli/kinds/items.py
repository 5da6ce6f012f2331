"""An item: one addressable line of an exercise (a bingo statement, a role's task, a criterion)."""

from __future__ import annotations

from msgspec import Struct

from tocht_cli.kinds.tables import ItemId, KitText


class Item(Struct, frozen=True):
    """A stable id (what commands and exports call it), its text and its number (its place in the kit)."""

    id: ItemId
    text: KitText
    number: int

    @property
    def self_named(self) -> bool:
        """Its id is its text (a vocabulary's `productie`): shown once, and typed as that word."""
        return self.id.casefold() == self.text.casefold()
