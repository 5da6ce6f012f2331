"""The document model's one dispatch: which drawing each block gets in a text format (terminal, Markdown).

Every text format tells the blocks apart in the same order and leaves the same pictures out; written once
here, a new block is one more method that every format must write (the abstract method says which is missing).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from tocht_cli.render import blocks as model

Drawn = TypeVar("Drawn")


class Drawing(ABC, Generic[Drawn]):
    """A text format's drawing of each block; a picture (a table's columns as shifts, an opinion map, the bars of
    a table's column of hands) is what `left_out` gives, as the blocks around it say its content in words."""

    def block(self, block: model.Block) -> Drawn:
        """One block as this format draws it."""
        match block:
            case model.Heading():
                return self.heading(block)
            case model.Paragraph():
                return self.paragraph(block)
            case model.Sentence():
                return self.sentence(block)
            case model.Entries():
                return self.entries(block)
            case model.Facts():
                return self.facts(block)
            case model.Table():
                return self.table(block)
            case model.Bars() if not block.column:
                return self.bars(block)
            case model.Cloud():
                return self.cloud(block)
            case model.BingoCard():
                return self.card(block)
            case model.Banner():
                return self.banner(block)
            case model.Framed():
                return self.framed(block)
            case model.Listing():
                return self.listing(block)
            case model.Answered():
                return self.answered(block)
            case model.Compared():
                return self.compared(block)
            case model.Bars() | model.Shifts() | model.Scatter():
                return self.left_out()

    @abstractmethod
    def heading(self, block: model.Heading) -> Drawn: ...

    @abstractmethod
    def paragraph(self, block: model.Paragraph) -> Drawn: ...

    @abstractmethod
    def sentence(self, block: model.Sentence) -> Drawn: ...

    @abstractmethod
    def entries(self, block: model.Entries) -> Drawn: ...

    @abstractmethod
    def facts(self, block: model.Facts) -> Drawn: ...

    @abstractmethod
    def table(self, block: model.Table) -> Drawn: ...

    @abstractmethod
    def bars(self, block: model.Bars) -> Drawn: ...

    @abstractmethod
    def cloud(self, block: model.Cloud) -> Drawn:
        """The words with their counts, most given first: the cloud itself is for the screen and the page."""

    @abstractmethod
    def card(self, block: model.BingoCard) -> Drawn: ...

    @abstractmethod
    def banner(self, block: model.Banner) -> Drawn: ...

    @abstractmethod
    def framed(self, block: model.Framed) -> Drawn: ...

    @abstractmethod
    def listing(self, block: model.Listing) -> Drawn: ...

    @abstractmethod
    def answered(self, block: model.Answered) -> Drawn: ...

    @abstractmethod
    def compared(self, block: model.Compared) -> Drawn: ...

    @abstractmethod
    def left_out(self) -> Drawn: ...
