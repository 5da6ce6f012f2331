"""A grid the group looks at: cells crossed with the arrow keys and space, drawn with prompt_toolkit
below what the walk printed before (not full screen).

Each cross is handed at once to `cross`, which saves it and returns the card as saved (`Card`), so
the count and a banner follow what was recorded, not what was typed. The bingo card is such a grid;
the walk's checkboxes are one in a single column, their choices kept until Enter. The walk's
letters (skip, back, …) steer from it as from every prompt; the help under it says which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.filters import Condition, FilterOrBool
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, Dimension, FormattedTextControl, HSplit, Layout, Window
from prompt_toolkit.styles import Style, merge_styles
from prompt_toolkit.utils import get_cwidth
from questionary.constants import DEFAULT_QUESTION_PREFIX, DEFAULT_SELECTED_POINTER, DEFAULT_STYLE

from tocht_cli.base.i18n import ngettext
from tocht_cli.base.text import terminal_safe
from tocht_cli.kinds.contract import Card

CROSSED, TICKED, OPEN = "[✗]", "[x]", "[ ]"  # a bingo cross; a checkbox's tick reads as yes, as Markdown's [x]
GAP = 1  # spaces between columns (the pointer's place in front of each cell widens it when empty)

# On a beamer: a crossed cell carries a mark in reverse video and bold text; the others are plain,
# never dimmed; the cursor is a pointer and an underline, so it never looks like a cross.
STYLE = merge_styles(
    [
        DEFAULT_STYLE,
        Style.from_dict(
            {
                "mark-crossed": "reverse bold",
                "crossed": "bold",
                "cursor": "underline",
                "pointer": "bold",
                "count": "bold",
                "more": "bold",
                "banner": "bold fg:ansiwhite bg:ansigreen",
            }
        ),
    ]
)


@dataclass(frozen=True)
class Cell:
    number: str  # shown before the text ("12"), "" for none
    text: str
    value: Any


def wrap(text: str, width: int) -> list[str]:
    """Words greedily into lines of `width` terminal cells; a word longer than that is broken, never cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while get_cwidth(word) > width:  # a word wider than the column: broken over lines
            if line:
                lines.append(line)
                line = ""
            cut = next(n for n in range(len(word), 0, -1) if get_cwidth(word[:n]) <= width or n == 1)
            lines.append(word[:cut])
            word = word[cut:]
        if line and get_cwidth(line) + 1 + get_cwidth(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line or not lines else lines


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - get_cwidth(text))


class Grid:
    """The state of one grid while it is shown: its cells, the card as saved, and the cursor.

    The cursor is on a cell. Left and right go through the cells in reading order, up and down from
    row to row.
    """

    def __init__(
        self,
        message: str,
        cells: list[Cell],
        card: Card,
        cross: Callable[[Any, bool], Card],
        steer: dict[str, Any],  # a steer's letter → what `/`, it and Enter steer to
        help: str,
        most: int,
        erased: bool = False,
        mark: str = CROSSED,
    ) -> None:
        self.message, self.cross, self.steer, self.help, self.most = message, cross, steer, help, most
        self.mark = mark  # what a chosen cell shows: a cross on a bingo card, a tick in a checkbox
        self.cells = [Cell(c.number, terminal_safe(c.text), c.value) for c in cells]
        self.card = card
        self.erased = erased  # gone when done (a checkbox: the walk echoes its answer); else the card stays
        self.cursor = 0
        self.top = 0  # the first row shown when the card is taller than the terminal
        self.done = False
        self.steered = False
        self.typed = ""  # what is typed of a steer so far ("» /o"), shown beside the help
        self.number = ""  # the digits typed just now: they point the cursor at the cell of that number ("1", "10")
        self._number_width = max((get_cwidth(c.number) for c in self.cells), default=0)

    # -- layout -------------------------------------------------------------
    @property
    def indent(self) -> int:
        """Where a cell's text starts: pointer, mark, space, and the number with its dot."""
        return 1 + len(OPEN) + 1 + (self._number_width + 2 if self._number_width else 0)

    def columns(self, width: int) -> int:
        """The number of columns (up to `most`) that makes the card shortest, so most of it fits a screen;
        fewer on a tie, and never so narrow that a word must be broken."""
        longest = max((get_cwidth(w) for c in self.cells for w in c.text.split()), default=1)
        best, lowest = 1, None
        for n in range(1, self.most + 1):
            room = (width - GAP * (n - 1)) // n - self.indent
            if room < longest:
                break
            rows = [self.cells[start : start + n] for start in range(0, len(self.cells), n)]
            height = sum(max(len(wrap(c.text, room)) for c in row) for row in rows)
            if lowest is None or height < lowest:
                best, lowest = n, height
        return best

    def rows(self, width: int) -> list[list[int]]:
        """The cells row by row, in rows of `columns`."""
        n = self.columns(width)
        cells = len(self.cells)
        return [list(range(start, min(start + n, cells))) for start in range(0, cells, n)]

    def where(self, width: int) -> tuple[list[list[int]], int, int]:
        rows = self.rows(width)
        row = next(r for r, slots in enumerate(rows) if self.cursor in slots)
        return rows, row, rows[row].index(self.cursor)

    # -- moving and crossing ---------------------------------------------------
    def step(self, by: int) -> None:
        self.number = ""
        self.cursor = min(max(self.cursor + by, 0), len(self.cells) - 1)

    def move(self, rows_by: int, width: int) -> None:
        self.number = ""
        rows, row, column = self.where(width)
        target = row + rows_by
        if 0 <= target < len(rows):
            self.cursor = rows[target][min(column, len(rows[target]) - 1)]

    def point(self, digit: str) -> None:
        """A digit points at the cell of that number, as it points at a choice in a select (then Space crosses it):
        with the digits typed just before it ("1", "0": cell 10) when such a cell exists, else alone."""
        numbers = [c.number.rstrip(".") for c in self.cells]
        for typed in (self.number + digit, digit):
            if typed in numbers:
                self.cursor, self.number = numbers.index(typed), typed
                return
        self.number = ""

    def toggle(self) -> None:
        self.number = ""
        value = self.cells[self.cursor].value
        self.card = self.cross(value, value not in self.card.crossed)

    # -- drawing ------------------------------------------------------------
    def question(self) -> StyleAndTextTuples:
        return [("class:qmark", DEFAULT_QUESTION_PREFIX), ("class:question", f" {terminal_safe(self.message)}")]

    def body(self, width: int, room: int | None = None) -> StyleAndTextTuples:
        """The cells, each wrapped in its column under its own text: all of them, or as many rows as fit
        `room` lines with the cursor's whole row among them and a line saying how many are above/below."""
        rows, blocks = self.rows(width), self.row_lines(width)
        shown = range(len(blocks)) if room is None else self.shown_rows([len(b) for b in blocks], self.where(width)[1], room)
        lines = [line for r in shown for line in blocks[r]]
        above, below = (sum(len(rows[r]) for r in span) for span in (range(shown.start), range(shown.stop, len(rows))))
        if above:
            lines.insert(0, [("class:more", ngettext("↑ {count} more above", "↑ {count} more above", above).format(count=above))])
        if below:
            lines.append([("class:more", ngettext("↓ {count} more below", "↓ {count} more below", below).format(count=below))])
        return [part for n, line in enumerate(lines) for part in ([("", "\n")] if n else []) + line]

    def row_lines(self, width: int) -> list[list[StyleAndTextTuples]]:
        """Each row of cells as its lines on screen."""
        n = self.columns(width)
        column = (width - GAP * (n - 1)) // n
        blocks = []
        for row in self.rows(width):
            texts = {slot: wrap(self.cells[slot].text, max(1, column - self.indent)) for slot in row}
            lines = []
            for line in range(max(len(t) for t in texts.values())):
                out: StyleAndTextTuples = []
                for place, slot in enumerate(row):
                    if place:
                        out.append(("", " " * GAP))
                    out += self._cell_line(slot, line, texts[slot], column)
                lines.append(out)
            blocks.append(lines)
        return blocks

    def shown_rows(self, heights: list[int], at: int, room: int) -> range:
        """The rows that fit `room` lines (a line each for "more above/below" included), with row `at`
        (the cursor's) whole among them; the view moves only as far as the cursor makes it."""
        last = len(heights)

        def fits(top: int, stop: int) -> bool:
            return sum(heights[top:stop]) + (top > 0) + (stop < last) <= room

        if fits(0, last):
            return range(last)
        top = min(self.top, at)
        while top < at and not fits(top, at + 1):
            top += 1
        stop = at + 1
        while stop < last and fits(top, stop + 1):
            stop += 1
        while top > 0 and fits(top - 1, stop):
            top -= 1
        self.top = top
        return range(top, stop)

    def _cell_line(self, slot: int, line: int, text: list[str], column: int) -> StyleAndTextTuples:
        cell = self.cells[slot]
        crossed = cell.value in self.card.crossed
        here = slot == self.cursor and not self.done
        style = " ".join(s for s, on in (("class:crossed", crossed), ("class:cursor", here)) if on)
        words = text[line] if line < len(text) else ""
        if line:
            return [("", " " * self.indent), (style if words else "", words), ("", " " * (column - self.indent - get_cwidth(words)))]
        number = f"{cell.number:>{self._number_width}}. " if self._number_width else ""
        return [
            ("[SetCursorPosition]", "") if here else ("", ""),
            ("class:pointer", DEFAULT_SELECTED_POINTER if here else " "),
            ("class:mark-crossed" if crossed else "", self.mark if crossed else OPEN),
            ("", " "),
            (style, number + words),
            ("", " " * (column - self.indent - get_cwidth(words))),
        ]

    # -- asking -------------------------------------------------------------
    def _steered(self, event: KeyPressEvent, value: Any) -> None:
        self.done = self.steered = True
        event.app.exit(result=value)

    def run(self) -> Any:
        """Show the grid until Enter (None) or a steer's keys (its value); Ctrl-C or SIGINT raises KeyboardInterrupt."""
        keys = KeyBindings()

        def width() -> int:
            return get_app_session().output.get_size().columns

        @keys.add("right")
        def right(event: KeyPressEvent) -> None:
            self.step(1)

        @keys.add("left")
        def left(event: KeyPressEvent) -> None:
            self.step(-1)

        @keys.add("down")
        def down(event: KeyPressEvent) -> None:
            self.move(1, width())

        @keys.add("up")
        def up(event: KeyPressEvent) -> None:
            self.move(-1, width())

        for digit in "0123456789":
            keys.add(digit)(lambda event: self.point(event.data))

        @keys.add(" ")
        def space(event: KeyPressEvent) -> None:
            try:
                self.toggle()
            except Exception as exc:  # a failed save ends the grid with its error, never silently
                event.app.exit(exception=exc)

        @keys.add("enter")
        def enter(event: KeyPressEvent) -> None:
            self.done = True
            event.app.exit(result=None)

        @keys.add("c-c", eager=True)
        @keys.add("<sigint>")
        def interrupted(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt)

        asking = Condition(lambda: not self.done)
        card = Condition(lambda: not (self.done and self.erased))
        around = [
            part(self.question, wrap_lines=True),
            part(lambda: [("class:count", terminal_safe(self.card.count))], card & Condition(lambda: bool(self.card.count))),
            part(lambda: f" {terminal_safe(self.card.banner)}", card & Condition(lambda: bool(self.card.banner)), style="class:banner"),
            part(lambda: f"{self.help}   {self.typed}", asking, wrap_lines=True),
        ]

        def room() -> int:
            """The lines left for the cells: the terminal's, a line short, less what is around them."""
            size = get_app_session().output.get_size()
            return size.rows - 1 - sum(p.preferred_height(size.columns, size.rows).preferred for p in around)

        cells = part(lambda: self.body(width(), room()), card, focusable=True, always_hide_cursor=True)
        parts = HSplit([around[0], cells, *around[1:]])

        def height() -> Dimension:
            """As tall as the parts, and a line short of the terminal at most: one as tall as the terminal
            scrolls it, and prompt_toolkit could no longer erase what it drew."""
            size = get_app_session().output.get_size()
            tallest = size.rows - 1
            return Dimension(max=tallest, preferred=min(parts.preferred_height(size.columns, tallest).preferred, tallest))

        # a card taller than the terminal cannot be redrawn whole in place: it is erased when done and
        # printed once more, whole, without its cursor and help (a checkbox is echoed by the walk)
        app: Application[Any] = Application(
            layout=Layout(HSplit([parts], height=height)), key_bindings=keys, style=STYLE, erase_when_done=True
        )
        bind_steering(app, keys, self.steer, self._steered, partial(setattr, self, "typed"))
        try:
            return app.run()
        finally:
            if not self.erased:
                self.done = True
                print_formatted_text(FormattedText(self.card_as_left(width())), style=STYLE)

    def card_as_left(self, width: int) -> StyleAndTextTuples:
        """The card as the grid leaves it on screen, whole: question, cells, count and BINGO (no cursor or help)."""
        out = [*self.question(), ("", "\n"), *self.body(width)]
        if self.card.count:
            out += [("", "\n"), ("class:count", terminal_safe(self.card.count))]
        if self.card.banner:
            out += [("", "\n"), ("class:banner", pad(f" {terminal_safe(self.card.banner)}", width))]
        return out


def bind_steering(
    app: Application[Any], keys: KeyBindings, steer: dict[str, Any], steered: Any, show: Callable[[str], None], stray: str = ""
) -> None:
    """`/`, a steer's letter and Enter end a select or a grid with that steer, as in a text prompt;
    `steered(event, value)` ends it. What is typed of a steer is shown (`show`); any other key drops it.
    A letter that chooses nothing shows `stray` (when given), so typed words are not dropped unseen.

    Kept as state rather than a key sequence: the terminal's answer to where the cursor is (CPR)
    comes in as a key too, and would break a sequence typed ahead of it."""
    typed: list[str] = []  # "/" and then a letter, typed just now
    fresh = [False]  # the last key was one of these: keep what is typed

    def typing(key: str) -> Callable[[KeyPressEvent], None]:
        def handle(event: KeyPressEvent) -> None:
            typed[:] = [*typed, key] if key != "/" else ["/"]
            fresh[0] = True

        return handle

    keys.add("/", eager=True)(typing("/"))
    for letter in steer:
        keys.add(letter, eager=True, filter=Condition(lambda: typed == ["/"]))(typing(letter))
    keys.add("enter", eager=True, filter=Condition(lambda: len(typed) == 2))(lambda event: steered(event, steer[typed[1]]))
    strayed = [False]  # the last key was a letter that chooses nothing
    pending = [False]  # letters were typed since the last key that chose: the next Enter only says so
    held = [False]  # the last key was that Enter

    @keys.add(Keys.Any)
    def other(event: KeyPressEvent) -> None:
        strayed[0] = len(event.data) == 1 and event.data.isprintable() and not event.data.isspace()
        pending[0] = pending[0] or (bool(stray) and strayed[0])

    @keys.add("enter", eager=True, filter=Condition(lambda: pending[0] and len(typed) != 2))
    def hold(event: KeyPressEvent) -> None:
        """A word typed at a choice ("eens", Enter) is not taken for the option the pointer is on."""
        held[0] = True

    def after(processor: Any) -> None:
        if not fresh[0]:
            typed.clear()
        fresh[0] = False
        shown = stray and (strayed[0] or held[0])
        show(f"» {''.join(typed)}" if typed else (f"» {stray}" if shown else ""))
        if not strayed[0]:  # a key that chooses, or the held Enter: the next Enter confirms as ever
            pending[0] = False
        strayed[0] = held[0] = False

    app.key_processor.after_key_press += after


def part(content: Any, when: FilterOrBool = True, focusable: bool = False, **window: Any) -> ConditionalContainer:
    """One part of a grid's screen, as tall as its content, shown `when` the filter holds."""
    return ConditionalContainer(Window(FormattedTextControl(content, focusable=focusable), dont_extend_height=True, **window), when)
