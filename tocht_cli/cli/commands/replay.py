"""`tocht replay`: a previous session on the screen, one exercise and one item at a time."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tocht_cli.base.i18n import N_, _
from tocht_cli.cli import options as o
from tocht_cli.cli.invocation import current
from tocht_cli.render import output
from tocht_cli.reports import screens
from tocht_cli.sessions import runtime
from tocht_cli.sessions.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions

    from tocht_cli.kinds.contract import Exercise

Slide = tuple[str, str, Any]  # the line above (session · exercise), the item's title, what is drawn

NEXT = {"c-m", "c-j", " ", "right", "down", "pagedown", "n", "j"}
BACK = {"b", "left", "up", "pageup", "p", "k", "c-h"}
QUIT = {"q", "Q", "escape"}


class Keys:
    """Single key presses from prompt_toolkit's input (a terminal, or a pipe in tests)."""

    def __init__(self) -> None:
        from prompt_toolkit.application.current import get_app_session

        self.input = get_app_session().input
        self.pending: list[str] = []

    def next(self, timeout: float | None) -> str | None:
        """The next key, or None when `timeout` seconds pass first."""
        import asyncio

        if not self.pending:
            self.pending += asyncio.run(self._wait(timeout))
        return self.pending.pop(0) if self.pending else None

    async def _wait(self, timeout: float | None) -> list[str]:
        import asyncio

        loop = asyncio.get_running_loop()
        got: asyncio.Future[list[str]] = loop.create_future()

        def ready() -> None:
            keys = [str(getattr(press.key, "value", press.key)) for press in self.input.read_keys()]
            if keys and not got.done():
                got.set_result(keys)

        with self.input.raw_mode(), self.input.attach(ready):
            try:
                return await asyncio.wait_for(got, timeout)
            except TimeoutError:
                return []


def slides(ws: Workspace, exercises: list[Exercise]) -> list[Slide]:
    """(the line above the slide: session and exercise, item title, renderable) for every step of the replay."""
    from rich.text import Text

    out: list[Slide] = [letter] if (letter := _letter(ws)) and exercises == list(ws.kit.exercises) else []  # the whole meeting
    progress = ws.progress()
    for ex in exercises:
        top = f"{ws.session['name']} · {ex.heading}"
        done = " · ".join(f"{g} {p['done']}/{p['total']}" for g, p in progress[ex.id].items())
        out.append((top, ex.title, Text(f"{ex.intro.strip()}\n\n{ws.kit.label('progress')}: {done}".strip())))
        out += [
            (top, _unrepeated(title, body), body) for title, body in screens.slides(ws, ex)
        ]  # as show prints them: carried "(last time)"
    if ws.kit.closing and exercises[-1] == ws.kit.exercises[-1]:  # through the last exercise: its closing call, as the walk ends
        out.append((ws.session["name"], ws.kit.title, Text(ws.kit.closing.strip())))
    return [page for slide in out for page in pages(slide, output.stdout_console())]


def _letter(ws: Workspace) -> Slide | None:
    """TOCHT's letter, signed as the report signs it: what the meeting opened with, before the first exercise."""
    from rich.text import Text

    from tocht_cli.reports.summary import framing, paragraphs, signed

    said = "\n\n".join([*paragraphs(ws.kit.letter), signed(framing(ws.kit).signature)]).strip()
    return (ws.session["name"], ws.kit.title, Text(said)) if ws.kit.letter else None


def _unrepeated(title: str, body: Any) -> str:
    """The slide's border title, empty when the body opens with that very text (a statement in full): said once."""
    from tocht_cli.render.styled import Group, Text

    first = body.parts[0] if isinstance(body, Group) and body.parts else None
    return "" if isinstance(first, Text) and first.plain == title else title


def pages(slide: Slide, console: Console) -> list[Slide]:
    """A slide taller than the terminal as pages that each fit, the line above and the title kept on each
    ("(1/2)"): the heading and whose answers they are never scroll away (a bingo card at 80x24). Pages break
    between items (a row of cards, a table's row), so each starts with one, never with the tail of the last,
    and are filled evenly (never a last page of one card)."""
    from rich.text import Text

    from tocht_cli.render.styled import blocks_of

    top, title, body = slide
    above = len(console.render_lines(Text(top), console.options, pad=False))  # a long exercise title wraps
    room = max(4, console.height - above - 3)  # the panel's two borders, the cursor's line
    width = console.width - 4
    if len(console.render_lines(body, console.options.update(width=width), pad=False)) <= room:
        return [slide]
    parts = [block[n : n + room] for block in blocks_of(body, width) for n in range(0, len(block), room)]  # taller than a page: cut
    chunks = balanced(parts, room)
    return [(top, f"{title} ({n}/{len(chunks)})".lstrip(), Page(chunk)) for n, chunk in enumerate(chunks, 1)]


def balanced(parts: list[list[Any]], room: int) -> list[list[Any]]:
    """The parts (each at most `room` lines) on as few pages as fit, their lines spread as evenly as the
    parts allow: the fewest lines per page that still needs no more pages than filling each to the brim."""
    fewest = len(filled(parts, room))
    total = sum(len(part) for part in parts)
    for most in range(-(-total // fewest), room):
        chunks = filled(parts, most)
        if len(chunks) == fewest:
            return chunks
    return filled(parts, room)


def filled(parts: list[list[Any]], most: int) -> list[list[Any]]:
    """The parts in order on pages of at most `most` lines, a page begun when the next part would not fit."""
    chunks: list[list[Any]] = [[]]
    for part in parts:
        if chunks[-1] and len(chunks[-1]) + len(part) > most:
            chunks.append([])
        chunks[-1] += part
    return chunks


class Page:
    """A page's lines as drawn already."""

    def __init__(self, lines: list[Any]) -> None:
        self._lines = lines

    def lines(self, width: int) -> list[Any]:
        return self._lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        from tocht_cli.render.styled import rich_render

        yield from rich_render(self, options)


def show_slide(ws: Workspace, slide: Slide, position: str) -> None:
    from tocht_cli.render.layout import Framed
    from tocht_cli.render.styled import Text

    top, title, body = slide
    console = output.stdout_console()
    console.clear()
    console.print(Text(top, style="bold cyan"))
    short = textwrap.shorten(title, max(20, console.width - 6), placeholder=" …")  # within the panel's corners
    console.print(Framed(body, Text(short, style="bold"), f"{position} · {ws.kit.label('replay_keys')}"))


def replay(
    session: o.SessionArg = None,
    exercise: Annotated[
        str | None,
        o.exercise(N_("Only this exercise (id or number).")),
    ] = None,
    pace: Annotated[
        float | None,
        typer.Option("--pace", metavar=N_("SECONDS"), min=0.5, max=3600, help=N_("Advance by itself every SECONDS (keys still work).")),
    ] = None,
    session_option: o.Session = None,
) -> None:
    ws = current().workspace(o.one_session(session, session_option))
    exercises = [ws.kit.exercise(exercise)] if exercise else list(ws.kit.exercises)
    if not runtime.is_interactive():
        from tocht_cli.reports.summary import session_markdown

        output.data(session_markdown(ws, exercises))
        return
    steps = slides(ws, exercises)
    keys, index = Keys(), 0
    while index < len(steps):
        show_slide(ws, steps[index], f"{index + 1}/{len(steps)}")
        key = keys.next(pace)
        if key in QUIT:
            break
        if key == "c-c":
            raise KeyboardInterrupt
        if key in BACK:
            index = max(0, index - 1)
        elif key is None or key in NEXT:
            index += 1
    output.message(_("replay ended; the whole summary: tocht export {id}").format(id=ws.id))


def register(app: typer.Typer) -> None:
    text = N_(
        "Show a session again, item by item: Enter or space advances, b goes back, q stops. "
        "Without a terminal it prints the whole summary as Markdown."
    )
    app.command("replay", help=text)(replay)
