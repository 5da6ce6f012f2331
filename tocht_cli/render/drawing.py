"""The document model's one dispatch: which drawing each block gets in a text format (terminal, Markdown).

Every text format tells the blocks apart in the same order and leaves the same pictures out; written once
here, a new block is one more method that every format must write (the abstract method says which is missing).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from tocht_cli.render.blocks import (
    Banner,
    Bars,
    BingoCard,
    Block,
    Cloud,
    Entries,
    Facts,
    Framed,
    Heading,
    Listing,
    Paragraph,
    Scatter,
    Sentence,
    Shifts,
    Table,
)

Drawn = TypeVar("Drawn")


class Drawing(ABC, Generic[Drawn]):
    """A text format's drawing of each block; a picture (a table's columns as shifts, an opinion map, the bars of
    a table's column of hands) is what `left_out` gives, as the blocks around it say its content in words."""

    def block(self, block: Block) -> Drawn:
        """One block as this format draws it."""
        match block:
            case Heading():
                return self.heading(block)
            case Paragraph():
                return self.paragraph(block)
            case Sentence():
                return self.sentence(block)
            case Entries():
                return self.entries(block)
            case Facts():
                return self.facts(block)
            case Table():
                return self.table(block)
            case Bars() if not block.column:
                return self.bars(block)
            case Cloud():
                return self.cloud(block)
            case BingoCard():
                return self.card(block)
            case Banner():
                return self.banner(block)
            case Framed():
                return self.framed(block)
            case Listing():
                return self.listing(block)
            case Bars() | Shifts() | Scatter():
                return self.left_out()

    @abstractmethod
    def heading(self, block: Heading) -> Drawn: ...

    @abstractmethod
    def paragraph(self, block: Paragraph) -> Drawn: ...

    @abstractmethod
    def sentence(self, block: Sentence) -> Drawn: ...

    @abstractmethod
    def entries(self, block: Entries) -> Drawn: ...

    @abstractmethod
    def facts(self, block: Facts) -> Drawn: ...

    @abstractmethod
    def table(self, block: Table) -> Drawn: ...

    @abstractmethod
    def bars(self, block: Bars) -> Drawn: ...

    @abstractmethod
    def cloud(self, block: Cloud) -> Drawn:
        """The words with their counts, most given first: the cloud itself is for the screen and the page."""

    @abstractmethod
    def card(self, block: BingoCard) -> Drawn: ...

    @abstractmethod
    def banner(self, block: Banner) -> Drawn: ...

    @abstractmethod
    def framed(self, block: Framed) -> Drawn: ...

    @abstractmethod
    def listing(self, block: Listing) -> Drawn: ...

    @abstractmethod
    def left_out(self) -> Drawn: ...
