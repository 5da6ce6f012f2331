"""The guided walk's shared machinery: prompts with navigation, saving as answers come in.

questionary is imported here, and this module only by `tocht run`, so other
commands start without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import questionary
from questionary import Choice, Separator

from tocht_cli import output
from tocht_cli.errors import UsageError
from tocht_cli.exercises.contract import Back, Card, Change, Jump, Nav, Skip, Stop
from tocht_cli.kit.items import Item
from tocht_cli.kit.model import Exercise
from tocht_cli.workspace import Desk, Workspace

NAV_KEYS = (("skip", Skip), ("back", Back), ("jump", Jump), ("stop", Stop))


Follow = Callable[[Exercise, str | None], None]
Suggest = Callable[[Exercise, str, str], dict]


class Walk:
    def __init__(self, ws: Workspace, group: str, follow: Follow | None = None, suggest: Suggest | None = None, status: str = ""):
        """`follow` is told each exercise (item None) and item the walk comes to, and `suggest` gives the
        answers a room's participants gave (`tocht run --room`: the screen and the phones follow the walk);
        `status` is a line under every question (the room's address and PIN, for latecomers)."""
        self.ws = ws
        self.status = status
        self.group = group
        self.kit = ws.kit
        self.follow = follow or (lambda ex, item: None)
        self.suggest = suggest or (lambda ex, item, group: {})
        self._shown: dict[tuple[str, str], dict] = {}  # this meeting's answers as the prompts showed them
        self.draft = ""  # what was being typed when Ctrl-C came: not an answer, but said back so it is not lost

    def label(self, key: str) -> str:
        return self.kit.label(key)

    # -- showing ----------------------------------------------------------
    def say(self, renderable: Any) -> None:
        output.stdout_console().print(renderable)

    def item_panel(self, title: str, body: str = "", number: str = "") -> None:
        from rich.panel import Panel
        from rich.text import Text

        text = Text(body) if body else Text("")
        heading = Text(f"{number}  " if number else "", style="bold cyan")
        heading.append(title, style="bold")
        self.say(Panel(text, title=heading, title_align="left", expand=True) if body else heading)

    # -- asking -----------------------------------------------------------
    def _nav_choices(self) -> list:
        return [Separator()] + [Choice(f"» {self.label(key)}", value=cls) for key, cls in NAV_KEYS]

    def select(self, message: str, choices: list[tuple[str, Any]], default: Any = None, nav: bool = True) -> Any:
        """One of `choices`: arrows and Enter, or a digit, which chooses at once. Letters do nothing
        (j and k do not move the cursor), so words typed ahead for the next question choose nothing."""
        options = [Choice(title, value=value) for title, value in choices]
        if nav:
            options += self._nav_choices()
        keys = {}
        for n, option in enumerate(o for o in options if not isinstance(o, Separator)):
            key = "123456789"[n] if n < 9 else None  # digits only: a letter must not choose
            option.shortcut_key = key or False
            if key:
                keys[key] = option.value
        values = [v for _, v in choices]
        question = questionary.select(
            message,
            choices=options,
            default=default if default in values else None,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=" ",
        )
        for key, value in keys.items():
            question.application.key_bindings.add(key, eager=True)(partial(_choose_at_once, key=key, value=value))
        return _steer(self._asked(question))

    def checkbox(self, message: str, choices: list[tuple[str, Any]], checked: set) -> list:
        """Choices ticked with space, kept when Enter confirms them; the walk's navigation below them.
        Once answered it reads as the question with the chosen titles (in the kit's words)."""
        chosen = set(checked)

        def tick(value: Any, on: bool) -> Card:
            (chosen.add if on else chosen.discard)(value)
            return Card(frozenset(chosen))

        def answered(card: Card) -> str:
            return ", ".join(title for title, value in choices if value in card.crossed) or self.label("none")

        cells = [("", title, value) for title, value in choices]
        self._grid(message, cells, Card(frozenset(chosen)), tick, most=1, answered=answered)
        return [value for _, value in choices if value in chosen]

    def grid(self, message: str, cells: list[tuple[str, str, Any]], card: Card, cross: Callable[[Any, bool], Card]) -> None:
        """A card the group looks at (bingo): up to five cells side by side, each cross saved by `cross` as it is made."""
        self._grid(message, cells, card, cross, most=5)

    def _grid(self, message: str, cells: list[tuple[str, str, Any]], card: Card, cross: Callable[[Any, bool], Card], **how: Any) -> None:
        from tocht_cli.grid import Cell, Grid

        nav = [(f"» {self.label(key)}", cls) for key, cls in NAV_KEYS]
        keys = "\n".join(filter(None, [self.kit.words.gettext("arrow keys: move · space: cross or uncross · Enter: done"), self.status]))
        grid = Grid(message, [Cell(*cell) for cell in cells], card, cross, nav, keys, **how)
        _steer(grid.run())

    def text(self, message: str, default: str = "", validate: Callable[[str], str | None] | None = None) -> str:
        """A line of text; `/` plus the start of a navigation word steers instead."""
        hint = self._hint(message)

        def check(value: str) -> bool | str:
            if _command(value, default) or validate is None or not value.strip():
                return True
            problem = validate(value)
            return problem or True

        from prompt_toolkit.key_binding import KeyBindings

        keys = KeyBindings()

        @keys.add("c-c", eager=True)
        def interrupted(event: Any) -> None:
            typed = event.app.current_buffer.text.strip()
            self.draft = typed if typed != (default or "").strip() else ""
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        question = questionary.text(
            message, default=default or "", instruction=f"({hint})" if hint else None, validate=check, key_bindings=keys
        )
        answer = self._asked(question)
        return self._slash(answer, default).strip()

    def _hint(self, message: str) -> str:
        """The steering words beside a text question, where they fit on its line: a word's first word is
        enough to type ("/naar" for "naar een andere oefening"); a question too long for them goes without.
        One form on every prompt, the one that fits beside the most questions: words apart by spaces."""
        import shutil

        hint = " ".join(f"/{self.label(key).split()[0]}" for key, _ in NAV_KEYS)
        room = shutil.get_terminal_size().columns - len(message) - 6
        return hint if len(hint) + 2 <= room else ""

    def autocomplete(self, message: str, suggestions: list[str], default: str = "") -> str:
        question = questionary.autocomplete(message, choices=suggestions, default=default or "", match_middle=True, ignore_case=True)
        return self._slash(self._asked(question), default).strip()

    def _asked(self, question: questionary.Question) -> Any:
        """The answer to `question`, with the walk's status line under it while it is asked (the one place)."""
        if self.status:
            from prompt_toolkit.filters import is_done
            from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Layout, Window

            app = question.application
            line = Window(FormattedTextControl(self.status), height=1, style="class:bottom-toolbar")
            app.layout = Layout(HSplit([app.layout.container, ConditionalContainer(line, ~is_done)]), app.layout.current_window)
        return question.unsafe_ask()

    def _slash(self, answer: str, default: str = "") -> str:
        """Steer on `/word`, also when typed after a pre-filled earlier answer (which then stays as it was)."""
        typed = _command(answer, default)
        if typed:
            for key, cls in NAV_KEYS:
                if self.label(key).lower().startswith(typed[1:].strip().lower()):
                    raise cls()
        return answer

    # -- saving ---------------------------------------------------------
    def save(self, ex: Exercise, item: str, changes: Change) -> dict:
        """Save what the person changed. A field kept as the prompt showed it (Enter on the
        default) is not written again, so a newer value from another terminal stays."""
        shown = self._shown.get((ex.id, item))
        if isinstance(changes, dict) and shown is not None:
            changes = {key: value for key, value in changes.items() if shown.get(key) != value}
            if not changes:
                return shown
        return self.ws.save(ex, item, self.group, changes)

    def value(self, ex: Exercise, item: str) -> dict:
        """The answer so far, else the earlier meeting's (`new --from`), else empty: the prompts' defaults."""
        return self.own(ex, item) or self.before(ex, item) or ex.kind.empty(ex, item)

    def own(self, ex: Exercise, item: str) -> dict:
        """This meeting's answer, {} when none; remembered as shown, so keeping it writes nothing."""
        own = self.ws.sheet(ex, self.group).get(item)
        if own:
            self._shown[(ex.id, item)] = dict(own)
        return own or {}

    def before(self, ex: Exercise, item: str) -> dict:
        return self.ws.earlier(ex, self.group).get(item) or {}

    def on(self, ex: Exercise) -> ExerciseWalk:
        """The walk through one exercise, as its kind sees it (the contract's Prompter)."""
        return ExerciseWalk(self, ex)

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int) -> None:
        """Ask item after item; skip moves on, back returns one (or leaves the exercise)."""
        index = start
        while index < len(items):
            try:
                ask(items[index])
                index += 1
            except Skip:
                index += 1
            except Back:
                if index == 0:
                    raise
                index -= 1


def _command(answer: str, default: str) -> str | None:
    """The `/word` typed into a text prompt, alone or right after its pre-filled default."""
    typed = answer[len(default) :] if default and answer.startswith(default) else answer
    return typed if typed.startswith("/") and len(typed) > 1 else None


def _choose_at_once(event: Any, key: str, value: Any) -> None:
    """A digit in a select: point at its choice, mark the question answered (so the room sees the
    choice after the question, as with Enter) and return it."""
    from questionary.prompts.common import InquirerControl

    for control in event.app.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            control.pointed_at = next(i for i, c in enumerate(control.choices) if c.shortcut_key == key)
            control.is_answered = True
    event.app.exit(result=value)


def _steer(answer: Any) -> Any:
    if isinstance(answer, type) and issubclass(answer, Nav):
        raise answer()
    return answer


class ExerciseWalk(Desk):
    """The walk bound to one exercise: the prompts of the walk, the saving of a Desk."""

    def __init__(self, walk: Walk, ex: Exercise):
        super().__init__(walk.ws, ex, walk.group)
        self.walk = walk
        self.label = walk.label
        self.item_panel = walk.item_panel
        self.select = walk.select
        self.checkbox = walk.checkbox
        self.grid = walk.grid
        self.text = walk.text
        self.autocomplete = walk.autocomplete

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int) -> None:
        """The walk's step through the items; a room beside it follows each item."""

        def follow_then_ask(item: Item) -> None:
            self.walk.follow(self.ex, item.id)
            ask(item)

        self.walk.step_through(items, follow_then_ask, start)

    def save(self, item: str, changes: Change) -> dict:
        return self.walk.save(self.ex, item, changes)

    def value(self, item: str) -> dict:
        return self.walk.value(self.ex, item)

    def own(self, item: str) -> dict:
        return self.walk.own(self.ex, item)

    def before(self, item: str) -> dict:
        return self.walk.before(self.ex, item)

    def suggested(self, item: str) -> dict:
        return self.walk.suggest(self.ex, item, self.walk.group)

    def try_save(self, item: str, changes: Change) -> None:
        """Save a change that may no longer apply (another terminal moved the rows): say so and go on."""
        try:
            self.save(item, changes)
        except UsageError as exc:
            output.message(f"tocht: {exc.message}")
