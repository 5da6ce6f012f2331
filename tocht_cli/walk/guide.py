"""The guided walk's shared machinery: prompts with navigation, saving as answers come in.

questionary is imported here, and this module only by `tocht run`, so other
commands start without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, NamedTuple

import questionary
from prompt_toolkit.key_binding import KeyBindings
from questionary import Choice, Separator

from tocht_cli.base.errors import UsageError
from tocht_cli.base.text import listed
from tocht_cli.kinds.contract import Back, Card, Change, Exercise, Jump, Nav, Onward, Skip, Stop
from tocht_cli.kinds.items import Item
from tocht_cli.render import output
from tocht_cli.render.blocks import Answered, Block, Compared, Framed, Paragraph
from tocht_cli.sessions.runtime import refusals_whole
from tocht_cli.sessions.workspace import Desk, Workspace


class Steer(NamedTuple):
    name: str  # the kit's label that names it
    nav: type[Nav]
    hinted: bool = True  # in every prompt's hint; "next open" is offered where it helps: on an answered item


STEERING = (Steer("skip", Skip), Steer("back", Back), Steer("next_open", Onward, hinted=False), Steer("jump", Jump), Steer("stop", Stop))
"""The walk's navigation, one table for every prompt (text, select, checkbox, grid)."""
STATUS_REFRESH = 0.5  # seconds: how soon the status under a waiting question shows that the room's screen moved


class Key(NamedTuple):
    name: str
    letter: str
    word: str
    nav: type[Nav]
    hinted: bool


def steering_keys(label: Callable[[str], str]) -> list[Key]:
    """Each steer's letter: the first letter of its word that no earlier steer took ("overslaan" o,
    "terug" t, "stoppen" s). `/`, the letter and Enter steer from every prompt: the same keys
    everywhere, and a digit only ever answers."""
    taken: set[str] = set()
    keys = []
    for steer in STEERING:
        word = label(steer.name)
        letter = next((c for c in word.lower() if c.isalpha() and c not in taken), "")
        taken.add(letter)
        keys.append(Key(steer.name, letter, word, steer.nav, steer.hinted))
    return [key for key in keys if key.letter]


Follow = Callable[[Exercise, str | None], None]
Suggest = Callable[[Exercise, str, str], dict[str, Any]]


class Walk:
    def __init__(
        self,
        ws: Workspace,
        group: str,
        follow: Follow | None = None,
        suggest: Suggest | None = None,
        status: str | Callable[[], str] = "",
    ):
        """`follow` is told each exercise (item None) and item the walk comes to, and `suggest` gives the
        answers a room's participants gave (`tocht run --room`: the screen and the phones follow the walk);
        `status` is under every question: a room's join address and PIN (for latecomers) and its control
        view's address (the facilitator's, which the walk's panels would otherwise scroll away); a function
        is read again while a question waits (where the room's screen is now)."""
        self.ws = ws
        self._status = status if callable(status) else (lambda: status)
        self._noted: Callable[[], str] = lambda: ""
        self.group = group
        self.kit = ws.kit
        self._room_follows = follow or (lambda ex, item: None)
        self.suggest = suggest or (lambda ex, item, group: {})
        self._shown: dict[tuple[str, str], dict[str, Any]] = {}  # this meeting's answers as the prompts showed them
        self.draft = ""  # what was being typed when Ctrl-C came: not an answer, but said back so it is not lost
        self.keys = steering_keys(self.label)
        self.hint = " · ".join(f"/{key.letter} {key.word}" for key in self.keys if key.hinted)
        self.steering = {letter: key.nav for key in self.keys for letter in {key.letter, key.letter.upper()}}
        self._notice: Paragraph | None = None  # "answered already: …", said before the next prompt (after the item's panel)
        self._noticed = False  # the note is on screen right above the question asked now
        self.at: tuple[Exercise, str | None] | None = None  # the exercise (and item) the walk is at: a Ctrl-C resumes there

    @property
    def status(self) -> str:
        return "\n".join(filter(None, [self._noted(), self._status()]))

    @contextmanager
    def noting(self, note: Callable[[], str]) -> Iterator[None]:
        """`note` on the first line of the status while the questions inside are asked (read again as they wait)."""
        before, self._noted = self._noted, note
        try:
            yield
        finally:
            self._noted = before

    def label(self, key: str) -> str:
        return self.kit.label(key)

    def follow(self, ex: Exercise, item: str | None) -> None:
        """The walk comes to an exercise (item None) or an item: its group as the session has it now, and a
        room beside the walk follows."""
        self.at = (ex, item)
        self.ws.reread()
        self.follow_group()
        self._room_follows(ex, item)

    def follow_group(self) -> None:
        """The walk's group by its name now: renamed in another terminal, the walk goes on under the new
        name (and says so once); removed, the walk stops (GroupGone) and nothing is saved under it."""
        self.moved_to(self.ws.placed(None, self.group))

    def moved_to(self, group: str) -> None:
        """Go on under `group`, the walk's group by its name now; said once when that is a new name."""
        if group != self.group:
            said = self.kit.words.gettext("group {old!r} is now called {new!r} (renamed in another terminal); the walk goes on as {new!r}")
            output.message(said.format(old=self.group, new=group))
            self.group = group

    # -- showing ----------------------------------------------------------
    def say(self, renderable: Any) -> None:
        output.stdout_console().print(renderable)

    def present(self, blocks: list[Block]) -> None:
        """The walk's own chrome as blocks of the document model, drawn by render/terminal.py."""
        from tocht_cli.render.terminal import shown

        self.say(shown(blocks))

    def item_panel(self, title: str, body: str = "", number: str = "") -> None:
        self.present([Framed(title, body, lead=number)])
        self._say_notice()

    def tell_answered(self, ex: Exercise, item: str) -> None:
        """An item the group answered already says so with its answer, under its panel, and how to go
        past it: "al beantwoord: eens; eens 4 · oneens 1 · twijfel 1 — Enter houdt het · /v volgende open vraag".
        A half-answered item says nothing: it is walked from its first open question, where Enter keeps nothing."""
        value = self.ws.sheet(ex, self.group).get(item)
        if not ex.kind.is_complete(ex, item, value):
            return
        answer = "; ".join(text for _, text in ex.kind.facts(ex, item, value or {}, self.kit) if text)
        onward = next((f"/{key.letter} {key.word}" for key in self.keys if key.nav is Onward), "")
        words = self.kit.words.gettext("answered already: {answer} — Enter keeps it · {onward}")
        said = words.format(answer=answer, onward=onward.replace(" ", NBSP))
        self._notice = Paragraph(together(said, output.stdout_console().width), "strong")

    def _say_notice(self) -> None:
        if self._notice is not None:
            notice, self._notice = self._notice, None
            self.present([notice])
            self._noticed = True

    # -- asking -----------------------------------------------------------
    def select(self, message: str, choices: list[tuple[str, Any]], default: Any = None, nav: bool = True, lead: bool = False) -> Any:
        """One of `choices`: arrows, or a digit that points at its choice, then Enter confirms (so a digit and
        Enter typed together answer this question only). Each option keeps its digit in every state: with
        `lead` the first choice ("no answer", "earlier: …") is 0 and the options count from 1 whether it is
        shown or not. With `nav`, `/`, a steer's letter and Enter steer, as in a text prompt (the hint under
        the choices says which, and shows them as they are typed). Letters alone do nothing (j and k do not
        move the cursor), so words typed ahead for the next question choose nothing."""
        self._say_notice()
        digits = "0123456789" if lead else "123456789"
        room = output.stdout_console().width - 8  # questionary's "» 1) " before each, and a cell to spare
        options: list[Any] = [
            Choice(cut(title, room), value=value, shortcut_key=digits[n] if n < len(digits) else False)
            for n, (title, value) in enumerate(choices)
        ]
        hint = Separator(self.hint)
        values = [v for _, v in choices]
        question = questionary.select(
            between_words(message),
            choices=options + ([hint] if nav else []),
            default=default if default in values else None,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=" ",
            erase_when_done=True,
        )
        bindings = question.application.key_bindings
        if nav and isinstance(bindings, KeyBindings):
            from tocht_cli.walk.grid import bind_steering

            bind_steering(
                question.application,
                bindings,
                self.steering,
                _steer_at_once,
                lambda typed: setattr(hint, "title", f"{self.hint}   {typed}" if len(typed) < 9 else f"{self.hint}\n   {typed}"),
                self.kit.words.gettext("typing chooses nothing here: arrow keys or a digit, then Enter"),
            )
        taken = self.kit.words.gettext("{answer} (taken over)")

        def said(chosen: Any) -> str:
            """The chosen option's title; last time's taken over with Enter (`lead`, an option too): "eens (overgenomen)"."""
            titles = [title for title, value in choices if value == chosen]
            return taken.format(answer=titles[-1]) if lead and len(titles) > 1 else next(iter(titles), "")

        return self._echoed(message, lambda: _steer(self._asked(interruptible(question))), said)

    def checkbox(self, message: str, choices: list[tuple[str, Any]], checked: set[Any], earlier: frozenset[Any] = frozenset()) -> list[Any]:
        """Choices ticked with space, kept when Enter confirms them; the walk's navigation below them.
        Ticks carried over from the earlier meeting (`earlier`) say so, as a select's "last time: …" does.
        Once answered it reads as the question with the chosen titles (in the kit's words), between " · "
        as `show` lists them (a kit's option may hold a comma)."""
        chosen = set(checked)
        mark = f" ({self.label('earlier')})"

        def tick(value: Any, on: bool) -> Card:
            (chosen.add if on else chosen.discard)(value)
            return Card(frozenset(chosen))

        def ask() -> list[Any]:
            from tocht_cli.walk.grid import TICKED

            cells = [("", title + (mark if value in earlier else ""), value) for title, value in choices]
            keys = self.kit.words.gettext("arrow keys: move · space: tick or untick · Enter: done")
            self._grid(message, cells, Card(frozenset(chosen)), tick, keys, most=1, erased=True, mark=TICKED)
            return [value for _, value in choices if value in chosen]

        def said(picked: list[Any]) -> str:
            return listed((title for title, value in choices if value in picked), " · ")

        picked: list[Any] = self._echoed(message, ask, said)
        return picked

    def grid(self, message: str, cells: list[tuple[str, str, Any]], card: Card, cross: Callable[[Any, bool], Card]) -> None:
        """A card the group looks at (bingo): up to five cells side by side, each cross saved by `cross` as it is made."""
        keys = self.kit.words.gettext("arrow keys or its number: move · space: cross or uncross · Enter: done")
        self._grid(message, cells, card, cross, keys, most=5)

    def _grid(
        self, message: str, cells: list[tuple[str, str, Any]], card: Card, cross: Callable[[Any, bool], Card], keys: str, **how: Any
    ) -> None:
        from tocht_cli.walk.grid import Cell, Grid

        self._say_notice()
        keys = "\n   ".join(filter(None, [keys, self.hint, *self.status.splitlines()]))
        grid = Grid(message, [Cell(*cell) for cell in cells], card, cross, self.steering, f"   {keys}", **how)
        _steer(grid.run())

    def text(self, message: str, default: str = "", validate: Callable[[str], str | None] | None = None, offered: str = "") -> str:
        """A line of text; `/` plus a steer's letter (or the start of its word) steers instead. Enter on an
        empty line takes `offered` (last time's answer, shown in the question), echoed as taken over."""

        from prompt_toolkit.key_binding import KeyBindings

        keys = KeyBindings()

        @keys.add("c-c", eager=True)
        @keys.add("<sigint>")
        def interrupted(event: Any) -> None:
            typed = event.app.current_buffer.text.strip()
            self.draft = typed if typed != (default or "").strip() else ""
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        self._say_notice()
        question = questionary.text(
            between_words(message),
            default=default or "",
            validate=partial(_checked, default=default, validate=validate),
            key_bindings=typed_afresh_after_refusal(keys),
            erase_when_done=True,
        )
        return self._typed(message, with_hint(refusals_whole(question), self.hint), default, offered)

    def autocomplete(
        self, message: str, suggestions: list[str], default: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str:
        """A line of text that Tab completes from `suggestions`; steered and checked as `text` is. Under it,
        as the person types, the suggestions that match, numbered from 1: a long list printed above has
        scrolled away on a small terminal, and "3" shows 3 and 30–39 there, "37" the one it picks."""
        from prompt_toolkit.key_binding import KeyBindings

        self._say_notice()
        question = questionary.autocomplete(
            between_words(message),
            choices=suggestions,
            key_bindings=typed_afresh_after_refusal(KeyBindings()),
            default=default or "",
            match_middle=True,
            ignore_case=True,
            validate=partial(_checked, default=default, validate=validate),
            erase_when_done=True,
        )
        return self._typed(message, with_hint(refusals_whole(question), self.hint, partial(matching, suggestions)), default)

    def _typed(self, message: str, question: questionary.Question, default: str, offered: str = "") -> str:
        """A typed answer, or the walk steers (`/o`, `/t`…); an empty one takes what was `offered`, and the
        echo says so ("Grimbergen (overgenomen)"), so the scrollback shows what Enter kept."""
        taken = self.kit.words.gettext("{answer} (taken over)")

        def said(answer: str) -> str:
            return taken.format(answer=offered) if offered and not answer else answer

        answer: str = self._echoed(message, lambda: self._slash(self._asked(question), default).strip(), said)
        return answer or offered

    def _echoed(self, message: str, ask: Callable[[], Any], said: Callable[[Any], str]) -> Any:
        """The answer `ask` gets, echoed under the question as `said` words it. prompt_toolkit erases its
        prompts once done (its echo breaks a long line mid-word); a steer (`/o`, `/t`…) leaves no answer
        line behind, Ctrl-C the question alone."""
        try:
            answer = ask()
        except KeyboardInterrupt:
            self.echo(message, "")
            raise
        except Nav as steer:
            self._steered_past_notice(message, steer)
            raise
        self.echo(message, said(answer))
        return answer

    def _steered_past_notice(self, message: str, steer: Nav) -> None:
        """A steer from a question under its "al beantwoord: … — Enter houdt het" note echoes that question
        with the steer taken, so the note stays with its own question and never reads as the next one's."""
        if self._noticed:
            self.echo(message, next((f"/{key.letter} {key.word}" for key in self.keys if isinstance(steer, key.nav)), ""))

    def echo(self, message: str, answer: str) -> None:
        """The question and the answer given, styled as questionary echoes a choice: on one line when it
        fits, else the answer under the question, indented, its lines broken between words."""
        self._noticed = False  # the question under a note is answered: the note is behind it now
        self.present([Answered(message, answer)])

    def _asked(self, question: questionary.Question) -> Any:
        """The answer to `question`, with the walk's status line under it while it is asked (the one place)."""
        if self.status:
            from prompt_toolkit.filters import is_done
            from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Layout, Window

            app = question.application
            app.refresh_interval = STATUS_REFRESH  # a change of the status (the screen moved) shows while the question waits
            line = Window(FormattedTextControl(lambda: self.status), dont_extend_height=True, wrap_lines=True, style="class:bottom-toolbar")
            app.layout = Layout(HSplit([app.layout.container, ConditionalContainer(line, ~is_done)]), app.layout.current_window)
        return question.unsafe_ask()

    def _slash(self, answer: str, default: str = "") -> str:
        """Steer on `/word`, also when typed after a pre-filled earlier answer (which then stays as it was)."""
        typed = _command(answer, default)
        if typed:
            word = typed[1:].strip().lower()
            by_letter = [key for key in self.keys if key.letter == word]
            for key in by_letter or self.keys:
                if key.word.lower().startswith(word):
                    raise key.nav()
        return answer

    # -- saving ---------------------------------------------------------
    def save_counted(self, ex: Exercise, item: str, changes: Change, origin: str) -> dict[str, Any]:
        """Save counts that came from `origin` (the phones' tally the facilitator took unchanged), not the walk's own:
        passed with this save only, so what the room saves meanwhile through the same workspace keeps its own."""
        return self.save(ex, item, changes, origin)

    def save(self, ex: Exercise, item: str, changes: Change, origin: str | None = None) -> dict[str, Any]:
        """Save what the person changed. A field kept as the prompt showed it (Enter on the default,
        or left empty where it was empty) is not written, so what a phone or another terminal saved
        meanwhile stays."""
        shown = self._shown.get((ex.id, item))
        if isinstance(changes, dict) and shown is not None:
            changes = {key: value for key, value in changes.items() if not _same(shown.get(key), value)}
            if not changes:
                return shown
            return self._merged(ex, item, shown, changes, origin)
        saved = self.ws.save(ex, item, self.group, changes, origin)  # under the group's name as the session has it then
        self.follow_group()
        if shown is not None:
            self._shown[(ex.id, item)] = dict(saved)  # what this walk saved is what it knows now
        return saved

    def _merged(self, ex: Exercise, item: str, shown: dict[str, Any], mine: dict[str, Any], origin: str | None = None) -> dict[str, Any]:
        """Save the fields the person changed, except one a phone or scribe changed since the prompt showed
        it: that answer stays, and the person sees both and chooses (nothing lost, nothing nobody chose)."""
        clashes: list[str] = []
        known = {**ex.kind.empty(ex, item), **(shown or self.before(ex, item))}  # the prompt's defaults

        def merge(latest: dict[str, Any]) -> dict[str, Any]:
            clashes.clear()
            merged = dict(latest)
            for key, value in mine.items():
                now = latest.get(key)
                if _same(now, shown.get(key)) or _same(now, known.get(key)) or _same(now, value):
                    merged[key] = value
                else:
                    clashes.append(key)  # another's answer since the prompt: it stays until the person chooses
            return merged

        saved = self.ws.save(ex, item, self.group, merge, origin)
        self.follow_group()
        if clashes and self._mine_instead(ex, item, saved, {key: mine[key] for key in clashes}):
            saved = self.ws.save(ex, item, self.group, {key: mine[key] for key in clashes}, origin)
            self.follow_group()
        self._shown[(ex.id, item)] = dict(saved)
        return saved

    def _mine_instead(self, ex: Exercise, item: str, theirs: dict[str, Any], mine: dict[str, Any]) -> bool:
        """Show the answer saved elsewhere meanwhile (another terminal or a phone) and the one just typed, field
        by field, each under its label and indented, and ask which one stays."""
        kind, kit = ex.kind, self.kit
        pairs = zip(kind.facts(ex, item, theirs, kit), kind.facts(ex, item, {**theirs, **mine}, kit), strict=True)
        title = next((t for i, t in kind.answer_items(ex) if i == item), ex.title)
        said = kit.words.gettext("Meanwhile another answer for {item} was saved elsewhere (another device or terminal):")
        names = (kit.words.gettext("saved meanwhile:"), kit.words.gettext("just typed:"))
        fields = tuple((field, saved, typed) for (field, saved), (_, typed) in pairs if saved != typed)
        self.present([Compared(said.format(item=title), names, fields)])
        keep, replace = kit.words.gettext("keep the saved answer"), kit.words.gettext("replace it with what I typed")
        return bool(self.select(kit.words.gettext("Which answer stays?"), [(keep, False), (replace, True)], nav=False))

    def value(self, ex: Exercise, item: str) -> dict[str, Any]:
        """The answer so far, else the earlier meeting's (`new --from`), else empty: the prompts' defaults."""
        return self.own(ex, item) or self.before(ex, item) or ex.kind.empty(ex, item)

    def own(self, ex: Exercise, item: str) -> dict[str, Any]:
        """This meeting's answer as the file has it now (another terminal or a phone may have saved since), {}
        when none; remembered as shown, so keeping it writes nothing."""
        self.ws.forget()
        own = self.ws.sheet(ex, self.group).get(item)
        self._shown[(ex.id, item)] = dict(own or {})
        return own or {}

    def before(self, ex: Exercise, item: str) -> dict[str, Any]:
        return self.ws.earlier(ex, self.group).get(item) or {}

    def on(self, ex: Exercise) -> ExerciseWalk:
        """The walk through one exercise, as its kind sees it (the contract's Prompter)."""
        return ExerciseWalk(self, ex)

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int, is_open: Callable[[Item], bool]) -> None:
        """Ask item after item; skip moves on, back returns one (or leaves the exercise), onward goes to
        the next open item (or out of the exercise, to the next one with open items)."""
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
            except Onward:
                later = next((n for n in range(index + 1, len(items)) if is_open(items[n])), None)
                if later is None:
                    raise
                index = later


@contextmanager
def unechoed() -> Iterator[None]:
    """Keys typed while the next prompt is being prepared wait for it unseen: the terminal echoes nothing between
    prompts (it printed "/o" raw on a line of its own, and once shifted a prompt). prompt_toolkit reads them as
    the next prompt's typeahead, and each prompt leaves the terminal as it found it: unechoed, until the walk ends."""
    try:
        import termios

        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd) if sys.stdin.isatty() else None
    except (ImportError, OSError, ValueError):  # no terminal (a pipe, a test, Windows): nothing is echoed anyway
        before = None
    if before is None:
        yield
        return
    quiet = list(before)
    quiet[3] &= ~termios.ECHO  # the local modes
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, before)


def _same(shown: Any, given: Any) -> bool:
    """Given as shown: equal, or no answer on both sides (None and "" alike; an empty list may be an
    answer, as the vocabulary's "none of them")."""
    return shown == given or (shown in (None, "") and given in (None, ""))


def cut(title: str, room: int) -> str:
    """A choice on one line: a longer one ends in "…" where it is cut (the terminal would cut it unmarked);
    once chosen, the echo under the question gives it whole."""
    from rich.cells import cell_len, set_cell_size

    return title if cell_len(title) <= room else set_cell_size(title, max(1, room - 1)).rstrip() + "…"


NBSP = "\u00a0"


def together(text: str, width: int) -> str:
    """`text` broken into lines of `width` between words, never inside a part joined by NBSP (a key and its
    word: "/v volgende open vraag" stays on one line); the NBSP are plain spaces again after."""
    import textwrap

    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)  # NBSP is no break for textwrap
    return "\n".join(lines).replace(NBSP, " ")


def between_words(message: str) -> str:
    """A question as the prompt shows it: broken between words to the terminal's width (prompt_toolkit
    breaks a long line mid-word: "organise / ren"), room kept for its "? " and the first typed letter."""
    width = output.stdout_console().width - 3
    return "\n".join(together(line, width) for line in message.splitlines()) if len(message) > width else message


def _checked(value: str, default: str, validate: Callable[[str], str | None] | None) -> bool | str:
    """A prompt's check: a steer and an empty line pass; anything else is `validate`d (its problem shown)."""
    if _command(value, default) or validate is None or not value.strip():
        return True
    return validate(value) or True


def _command(answer: str, default: str) -> str | None:
    """The `/word` typed into a text prompt, alone or right after its pre-filled default."""
    typed = answer[len(default) :] if default and answer.startswith(default) else answer
    return typed if typed.startswith("/") and len(typed) > 1 else None


def _steer_at_once(event: Any, value: type[Nav]) -> None:
    """`/`, a steer's letter and Enter in a select or a grid: the prompt ends unanswered and the walk steers."""
    event.app.exit(result=value)


def interruptible(question: Any) -> Any:
    """A select that a SIGINT from outside (`kill -INT`, or SIGTERM passed on by `tocht run`) ends as
    Ctrl-C does: prompt_toolkit hands it to the prompt as the `<sigint>` key, which questionary's
    selects leave unbound (its text prompts end on it already)."""
    question.application.key_bindings.add("<sigint>")(_interrupted)
    return question


def _interrupted(event: Any) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def typed_afresh_after_refusal(keys: KeyBindings) -> KeyBindings:
    """A refused answer stays in the prompt, selected: what is typed right after the refusal replaces it
    ("99" refused, then "44" gives "44", never "9944"), Backspace clears it, an arrow ends the selection
    to correct it in place."""
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.keys import Keys

    @Condition
    def refused() -> bool:
        buffer = get_app().current_buffer
        return buffer.validation_error is not None and buffer.cursor_position == len(buffer.text)

    def afresh(event: Any) -> None:
        buffer = event.current_buffer
        buffer.exit_selection()
        if event.data.isprintable():
            buffer.text = ""
        buffer.insert_text(event.data)

    def cleared(event: Any) -> None:
        event.current_buffer.exit_selection()
        event.current_buffer.text = ""

    @keys.add("enter", filter=Condition(lambda: get_app().current_buffer.complete_state is None))
    def checked(event: Any) -> None:
        buffer = event.current_buffer
        buffer.validate_and_handle()
        if buffer.validation_error is not None and buffer.text:  # refused: shown selected, to be typed over
            buffer.cursor_position = 0
            buffer.start_selection()
            buffer.cursor_position = len(buffer.text)

    keys.add(Keys.Any, filter=refused)(afresh)
    keys.add("backspace", filter=refused)(cleared)
    return keys


def matching(suggestions: list[str], typed: str, most: int, width: int) -> list[str]:
    """The numbered suggestions a typed number points at, each on one line: its own and those it begins
    ("3": 3, 30–39); at most `most` lines, the last saying how many more. Words typed are left to the
    completion menu (Tab), which already shows the suggestions that hold them."""
    number = typed.strip()
    if not (number.isascii() and number.isdigit()):
        return []
    hits = [n for n in range(1, len(suggestions) + 1) if str(n).startswith(number)]
    lines = [cut(f"{n:>4}. {suggestions[n - 1]}", width) for n in hits]
    if len(lines) > most:
        lines = [*lines[: most - 1], f"      … +{len(lines) - most + 1}"]
    return lines


def with_hint(question: Any, hint: str, below: Callable[..., list[str]] | None = None) -> Any:
    """The walk's navigation hint on a line of its own under a text prompt while it is asked, as under
    a select's choices and a grid; `below(typed, most, width)` the lines shown between them as the person
    types. The prompt keeps to its own height (prompt_toolkit would otherwise give it the terminal's rest
    and the hint would land at its bottom)."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.filters import is_done
    from prompt_toolkit.layout import ConditionalContainer, Dimension, FormattedTextControl, HSplit, Layout, Window

    app = question.application
    asked = app.layout
    line = Window(FormattedTextControl([("class:separator", f"   {hint}")]), dont_extend_height=True, wrap_lines=True)
    shown = [ConditionalContainer(line, filter=~is_done)]
    if below is not None:

        def typed_lines() -> str:
            size = get_app_session().output.get_size()
            return "\n".join(below(app.current_buffer.text, max(3, size.rows - 6), size.columns - 1))

        pane = Window(FormattedTextControl(typed_lines), dont_extend_height=True, wrap_lines=False)
        shown.insert(0, ConditionalContainer(pane, filter=~is_done))
    parts = HSplit([asked.container, *shown])

    def height() -> Dimension:
        size = get_app_session().output.get_size()
        tall = min(parts.preferred_height(size.columns, size.rows).preferred, size.rows - 1)
        return Dimension(max=tall, preferred=tall)

    app.layout = Layout(HSplit([HSplit([parts], height=height)]), focused_element=asked.current_window)
    return question


def _steer(answer: Any) -> Any:
    if isinstance(answer, type) and issubclass(answer, Nav):
        raise answer()
    return answer


class ExerciseWalk(Desk):
    """The walk bound to one exercise: the prompts of the walk, the saving of a Desk."""

    def __init__(self, walk: Walk, ex: Exercise):
        self.ws, self.ex, self.walk = walk.ws, ex, walk
        self.label = walk.label
        self.item_panel = walk.item_panel
        self.select = walk.select
        self.checkbox = walk.checkbox
        self.grid = walk.grid
        self.text = walk.text
        self.autocomplete = walk.autocomplete

    @property
    def group(self) -> str:  # type: ignore[override]  # the walk's, which follows a rename in another terminal
        return self.walk.group

    def at(self, group: str) -> None:
        self.walk.moved_to(group)

    def tables(self) -> list[str]:
        return self.ws.groups

    def step_through(self, items: list[Item], ask: Callable[[Item], None], start: int) -> None:
        """The walk's step through the items; a room beside it follows each item."""

        def follow_then_ask(item: Item) -> None:
            self.walk.follow(self.ex, item.id)
            self.walk.tell_answered(self.ex, item.id)
            ask(item)

        def is_open(item: Item) -> bool:
            return not self.ex.kind.is_complete(self.ex, item.id, self.sheet().get(item.id))

        self.walk.step_through(items, follow_then_ask, start, is_open)

    def save(self, item: str, changes: Change) -> dict[str, Any]:
        return self.walk.save(self.ex, item, changes)

    def save_counted(self, item: str, changes: Change, origin: str) -> dict[str, Any]:
        return self.walk.save_counted(self.ex, item, changes, origin)

    def value(self, item: str) -> dict[str, Any]:
        return self.walk.value(self.ex, item)

    def own(self, item: str) -> dict[str, Any]:
        return self.walk.own(self.ex, item)

    def before(self, item: str) -> dict[str, Any]:
        return self.walk.before(self.ex, item)

    def said_when(self, item: str, name: str) -> str:
        today = name in self.walk.ws.settled_today(self.ex, self.walk.group, item)
        return self.label("settled_today" if today else "earlier")

    def suggested(self, item: str) -> dict[str, Any]:
        return self.walk.suggest(self.ex, item, self.walk.group)

    def try_save(self, item: str, changes: Change) -> None:
        """Save a change that may no longer apply (another terminal moved the rows): say so and go on."""
        try:
            self.save(item, changes)
        except UsageError as exc:
            output.message(f"tocht: {exc.message}")
