"""A terminal of a given size for the walk's prompts to draw on, emulated by pyte, keeping each frame.

    room.cross("bingo-1", among=BINGO)
    room.sees("1 / 10 geschrapt")  # the keys after this wait until the screen shows it
    screen = Terminal(80, 30)
    keyed(room.keys, "run", "-e", "bingo", output=screen)
    screen.first_with("1 / 10 geschrapt")  # the screen as the group saw it then

Keys are sent as the facilitator would: after a `sees` step, only once a frame shows the text,
so each frame is the screen after the keys before it. Only what prompt_toolkit draws lands
here (the prompts, the grid); rich's panels go to the captured stdout as before.
"""

from __future__ import annotations

import threading

import pyte
from prompt_toolkit.data_structures import Size
from prompt_toolkit.output.vt100 import Vt100_Output

STYLES = ("bold", "reverse", "underscore", "italics", "strikethrough")
SEES = "\x00"  # keys + SEES + text + SEES + keys: the keys after wait until a frame shows the text
PATIENCE = 120  # seconds a frame may be awaited before the keys run out (EOF), so a test fails instead of hanging


class Frame(str):
    """The screen as drawn once: its text, and how each character was drawn."""

    chars: list[dict[int, pyte.screens.Char]]  # per line, the characters written there (pyte's buffer, copied)
    blank: pyte.screens.Char

    def styles_of(self, text: str) -> frozenset[str]:
        """How the first character of `text` was drawn: 'reverse', 'bold', 'underscore'…, 'colour' when not the default."""
        for y, line in enumerate(self.splitlines()):
            x = line.find(text)
            if x >= 0:
                return looks(self.chars[y].get(x, self.blank))
        raise AssertionError(f"{text!r} is not on the screen")


class Terminal:
    encoding = "utf-8"

    def __init__(self, columns: int, rows: int) -> None:
        self.size = Size(rows=rows, columns=columns)
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.frames: list[Frame] = []
        self.awaited: str | None = None

    def output(self) -> Vt100_Output:
        return Vt100_Output(self, lambda: self.size, term="xterm-256color", enable_cpr=False)

    # what Vt100_Output writes to
    def write(self, data: str) -> int:
        self.stream.feed(data)
        return len(data)

    def flush(self) -> None:
        """A frame is drawn: keep the screen as it is now, without trailing blanks."""
        frame = Frame("\n".join(line.rstrip() for line in self.screen.display).rstrip("\n") + "\n")
        if not self.frames or self.frames[-1] != frame:
            # each line's characters as they are now, looked at only when a test asks (a walk draws a thousand frames)
            frame.chars = [dict(self.screen.buffer[y]) for y in range(self.screen.lines)]
            frame.blank = self.screen.default_char
            self.frames.append(frame)
        if self.awaited is not None and self.awaited in frame.replace("\n", ""):  # also when the terminal wrapped it
            self._next()

    # the facilitator at the keyboard
    def play(self, pipe, keys: str) -> None:
        """Type KEYS into PIPE step by step (see `sees`); the pipe is closed after the last."""
        parts = keys.split(SEES)
        self.steps = [(None, parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]
        self.pipe, self.awaited = pipe, None
        self.missed: str | None = None
        self.timer = threading.Timer(PATIENCE, self._give_up)
        self.timer.daemon = True
        self.timer.start()
        self._next()

    def _give_up(self) -> None:
        self.missed = self.awaited
        self.pipe.close()

    def check(self) -> None:
        """Fail with what the screen showed when it never showed what the keys waited for."""
        if self.missed is not None:
            raise AssertionError(f"the screen never showed {self.missed!r}; the last frame:\n{self.frames[-1] if self.frames else ''}")

    def _next(self) -> None:
        _, keys = self.steps.pop(0)
        self.pipe.send_text(keys)
        self.awaited = self.steps[0][0] if self.steps else None
        if not self.steps:
            self.timer.cancel()
            self.pipe.close()

    def isatty(self) -> bool:
        return True

    def first_with(self, text: str) -> Frame:
        return next(frame for frame in self.frames if text in frame)

    def last_with(self, text: str) -> Frame:
        return next(frame for frame in reversed(self.frames) if text in frame)


def looks(char) -> frozenset[str]:
    colour = {"colour"} if (char.fg, char.bg) != ("default", "default") else set()
    return frozenset({s for s in STYLES if getattr(char, s)} | colour)


def shared_default_key_bindings(patch) -> None:
    """Every prompt_toolkit Application builds its default key bindings anew (Emacs, Vi, mouse: some 600
    bindings, each key parsed and filtered), about a third of the walk's tests' CPU; the bindings hold no
    state of their own (each handler acts on the event's application), so the tests' prompts share one set,
    built once. `patch`: a pytest MonkeyPatch that undoes it."""
    from functools import cache

    from prompt_toolkit.application import application
    from prompt_toolkit.key_binding import defaults

    patch.setattr(application, "load_key_bindings", cache(defaults.load_key_bindings))
