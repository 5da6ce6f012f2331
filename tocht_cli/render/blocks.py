"""What a printed page of answers is made of, as data: texts, tables, charts, word clouds and bingo cards.

A kind says what its handout and its blank worksheet show (`ExerciseKind.handout_group`,
`handout_totals`, `worksheet`) in these blocks; the renderers draw them (HTML in
`tocht_cli/reports/html`, PDF in `tocht_cli/reports/pdf`). A kind writes no markup, so every text it
puts in a block stays text in every format.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from msgspec import Struct

Tone = Literal["", "strong", "muted", "again"]  # again: said in the row above, shown only where a row stands alone


class Cell(Struct, frozen=True):
    """Text in a table: `strong` for what stands out (a shift, a crossed statement), `muted` for what is not answered."""

    kind: ClassVar[str] = "cell"
    text: str
    tone: Tone = ""


class Counted(Cell, frozen=True):
    """A show of hands in a cell: its text ('eens 5 · oneens 2') and the counts per option, which the text
    formats draw as a bar before it (HTML and PDF print the text, their charts draw the bars)."""

    options: tuple[str, ...] = ()
    counts: tuple[int, ...] = ()


class Shortened(Cell, frozen=True):
    """A long text cut to its first words in a terminal's cell (an item beside its change); the documents
    (Markdown, HTML, PDF) print it whole."""

    whole: str = ""


class Titled(Struct, frozen=True):
    """An item's title in bold with what it means under it: a step of the plan on a worksheet."""

    kind: ClassVar[str] = "titled"
    title: str
    text: str


class Boxes(Struct, frozen=True):
    """Empty boxes to tick on paper, one per option (a position, a status)."""

    kind: ClassVar[str] = "boxes"
    options: tuple[str, ...]


class Blanks(Struct, frozen=True):
    """A blank to write a number on after each option (a show of hands)."""

    kind: ClassVar[str] = "blanks"
    options: tuple[str, ...]


class Lines(Struct, frozen=True):
    """Ruled lines to write on."""

    kind: ClassVar[str] = "lines"
    count: int = 1


Content = str | Cell | Titled | Boxes | Blanks | Lines


class Heading(Struct, frozen=True):
    """A heading inside an exercise (a challenge, the checklist)."""

    kind: ClassVar[str] = "heading"
    text: str


class Paragraph(Struct, frozen=True):
    """A line of text; `lead`, when given, opens it in bold (`Wat verschuift er? niets`)."""

    kind: ClassVar[str] = "paragraph"
    text: str
    tone: Tone = ""
    lead: str = ""


class Sentence(Struct, frozen=True):
    """A line of text in parts, some of them in their own tone: a plan's header ("bij **de schepen** van de
    gemeente **Grimbergen**"), where what the group filled in stands out in the kit's words around it."""

    kind: ClassVar[str] = "sentence"
    parts: tuple[str | Cell, ...]


SHORT_ENTRY = 40  # characters: longer entries (a group's own sentence) are a list, one a line


class Entries(Struct, frozen=True):
    """A title and what a group picked or wrote under it: on one line while they are short words, else a
    list, so two sentences never run into each other behind a '·'; `empty` when there are none."""

    kind: ClassVar[str] = "entries"
    title: str
    entries: tuple[str, ...]
    empty: str | Cell = "–"

    def listed(self) -> bool:
        """Whether the entries are a list, one a line (one of them is a sentence)."""
        return any(len(entry) > SHORT_ENTRY for entry in self.entries)


class Facts(Struct, frozen=True):
    """Labelled values, one a line (`bij: de schepen`); on a worksheet the value is a blank to fill in."""

    kind: ClassVar[str] = "facts"
    pairs: tuple[tuple[str, Content], ...]


class Table(Struct, frozen=True):
    """Rows under headers; a header left empty heads the items' own texts. `numbered`: the first column is the item's number."""

    kind: ClassVar[str] = "table"
    headers: tuple[str, ...]
    rows: tuple[tuple[Content, ...], ...]
    numbered: bool = True


class Bars(Struct, frozen=True):
    """A chart of stacked bars, one per row: how many of each option (hands per position, tables per status).

    Every option has its own pattern and every segment its number, so colour never carries the meaning alone.
    """

    kind: ClassVar[str] = "bars"
    title: str
    options: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    column: bool = False  # a picture of a table's column of Counted cells: the text formats, which draw those bars, leave it out

    @property
    def most(self) -> int:
        """The largest row's total (1 when nothing was counted): every format draws each bar against it."""
        return max((sum(counts) for _, counts in self.rows), default=0) or 1

    def described(self) -> str:
        """The chart in words: its text alternative."""
        lines = []
        for label, counts in self.rows:
            said = " · ".join(f"{o} {n}" for o, n in zip(self.options, counts, strict=True) if n)
            lines.append(f"{label}: {said or 0}")  # nothing counted is 0, as every bar's total says it
        return f"{self.title}. " + "; ".join(lines)


class Shifts(Struct, frozen=True):
    """Where each task lies among the holders before and after (a role today → tomorrow): a picture of a
    table's columns, so the text formats (terminal, Markdown) leave it out and a kind says the shifts in words."""

    kind: ClassVar[str] = "shifts"
    title: str
    holders: tuple[str, ...]
    before: str
    after: str
    rows: tuple[tuple[str, str | None, str | None], ...]

    def described(self) -> str:
        said = "; ".join(f"{label}: {now or '–'} → {future or '–'}" for label, now, future in self.rows)
        return f"{self.title} ({self.before} → {self.after}). {said}"


class BingoCard(Struct, frozen=True):
    """A bingo card: numbered statements in a grid, the crossed ones marked; blank on a worksheet."""

    kind: ClassVar[str] = "card"
    title: str
    cells: tuple[tuple[int, str, bool], ...]
    columns: int
    rule: str = ""  # how the game is won, printed on every blank card


class Cloud(Struct, frozen=True):
    """A word cloud: the words a room gave, each with how many gave it (most first), drawn larger the more
    gave it; every format also lists them with their counts, so the size never carries the meaning alone."""

    kind: ClassVar[str] = "cloud"
    title: str
    words: tuple[tuple[str, int], ...]

    def described(self) -> str:
        """The cloud in words: its text alternative."""
        return f"{self.title}. " + " · ".join(f"{word} {count}" for word, count in self.words)


class Scatter(Struct, frozen=True):
    """An opinion map: anonymous dots on a plane, each drawn in its group's colour and shape (a letter marks
    each group's middle); a picture whose content the blocks around it say in words, so the text formats
    (terminal, Markdown) leave it out. No dot carries a name or a table."""

    kind: ClassVar[str] = "scatter"
    title: str
    dots: tuple[tuple[float, float, str], ...]  # x, y and the group's letter ("" when the room is one camp)
    legend: tuple[tuple[str, str], ...]  # each group's letter and what the legend says of it ("groep A · 6")

    def described(self) -> str:
        """The map in words: its text alternative."""
        return f"{self.title}. " + " · ".join(said for _letter, said in self.legend)


class Banner(Struct, frozen=True):
    """A call that stands out from everything around it: a goal reached ("BINGO!  tafel 1")."""

    kind: ClassVar[str] = "banner"
    text: str


class Framed(Struct, frozen=True):
    """A text under its title, framed as one piece (an exercise's opening, an item of the walk); `lead` opens
    the title (the item's number), `subtitle` says where the walk stands (`tafel 1 · 3/10`); neither a text nor
    a subtitle: the title alone."""

    kind: ClassVar[str] = "framed"
    title: str
    text: str = ""
    lead: str = ""
    subtitle: str = ""


class Listing(Struct, frozen=True):
    """Numbered entries to pick from by their number, one a line (the kit's suggestions, what the room gave);
    `marked` keeps a column of marks before the numbers (✓: taken already), the same whether an entry has one."""

    kind: ClassVar[str] = "listing"
    entries: tuple[tuple[int, str, str], ...]  # number, text, mark ("" for none)
    marked: bool = False


class Answered(Struct, frozen=True):
    """A question and the answer given to it, as the walk leaves them behind once asked (its prompts erase
    themselves): on the question's line when it fits, else under it."""

    kind: ClassVar[str] = "answered"
    question: str
    answer: str = ""


class Compared(Struct, frozen=True):
    """Two answers to the same fields, each field's pair under its label: what was saved elsewhere meanwhile
    and what was just typed, for the person to choose between (`names` say which is which)."""

    kind: ClassVar[str] = "compared"
    title: str
    names: tuple[str, str]
    fields: tuple[tuple[str, str, str], ...]  # the field's label, the first answer, the second


Block = (
    Heading
    | Paragraph
    | Sentence
    | Entries
    | Facts
    | Table
    | Bars
    | Shifts
    | BingoCard
    | Cloud
    | Scatter
    | Banner
    | Framed
    | Listing
    | Answered
    | Compared
)
