"""The facilitator's view of a running room in the terminal: where the room is, and keys to lead it.

One line per fact, redrawn twice a second; one key per act, so the room follows the
facilitator without a mouse: forward and back (item or exercise), reveal the result,
the timer (start or pause, a minute more, close the vote at zero), save the tally, quit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import Application, get_app, get_app_session, run_in_terminal
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import _, ngettext
from tocht_cli.base.text import terminal_safe
from tocht_cli.render import output
from tocht_cli.room import acts, qr
from tocht_cli.room.acts import ACTS, Act
from tocht_cli.room.live import Room
from tocht_cli.room.serve import Running
from tocht_cli.sessions.ballots import ballot_kind


def view(room: Room, said: list[str], width: int = 80) -> StyleAndTextTuples:
    """What the terminal shows: the room's place, its votes and timer, the keys, the last thing done;
    wrapped at words to `width` columns."""
    stop = room.stop
    ex = stop.exercise
    lines: list[tuple[str, str]] = [("bold", wrapped(f"{ex.heading}   {room.at + 1}/{len(room.stops)}", width))]
    if stop.item is not None:
        lines.append(("", wrapped(f"{stop.number}  {stop.item.text}".strip(), width)))
    else:
        lines.append(("", wrapped(_("(the exercise's opening)"), width)))
    present = room.present()
    facts = [ngettext("%(num)s participant connected", "%(num)s participants connected", present) % {"num": present}]  # as the screen
    if ballot_kind(ex) is not None and stop.item is not None:
        tally = room.tally(ex, stop.item.id)
        votes = sum(sum(c.values()) for c in tally.values()) if tally else len(room.ballots(ex, stop.item.id))  # words: no tally
        facts.append(ngettext("{n} vote", "{n} votes", votes).format(n=votes))
        facts.append(_("result shown") if room.is_revealed() else _("result hidden"))
        if room.closed():
            facts.append(_("vote closed"))
        facts += acts.tables_counted(tally, room.ws.disclosure(), _)
    timer = room.timer_shown()
    if timer["state"] != "idle":
        left = timer["left"]
        state = {"running": _("running"), "paused": _("paused"), "done": _("time is up")}[timer["state"]]
        facts.append(f"⏱ {left // 60}:{left % 60:02d} {state}" + (" · " + _("the vote closes at zero") if timer["closes"] else ""))
    lines.append(("", wrapped(" · ".join(facts), width)))
    keys = [f"{act.keys[0]} {_(act.word)}" for act in ACTS] + ["q " + _("quit")]
    lines.append(("reverse", packed(keys, width)))
    if said:
        lines.append(("bold", wrapped(said[-1], width)))
    return [(style, terminal_safe(text)) for style, text in lines]


def wrapped(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, max(width - 1, 20), break_long_words=True, break_on_hyphens=False)) + "\n"


def packed(keys: list[str], width: int) -> str:
    """The keys side by side, never one cut in two."""
    lines: list[str] = []
    for key in keys:
        if lines and len(lines[-1]) + 2 + len(key) <= width - 1:
            lines[-1] += "  " + key
        else:
            lines.append(key)
    return "\n".join(lines) + "\n"


def announce(running: Running, qr_code: bool) -> None:
    """The room's addresses and PIN on stdout, under the join address's QR code when a person looks:
    last, so a short terminal keeps them in sight rather than scrolling them away above the code."""
    if qr_code:
        from rich.text import Text

        output.data(Text("\n".join(qr.blocks(running.join_url)), style="#000000 on #ffffff"))
    output.data(_("screen (projector): {url}").format(url=running.screen_url))
    output.data(_("control (your laptop): {url}").format(url=running.control_url))
    output.data(_("join: {url}").format(url=running.join_url))
    output.data(_("PIN: {pin}").format(pin=running.pin))


def above_prompt(text: str) -> bool:
    """Whether `text` went above the prompt being answered (`output.draw_above`): prompt_toolkit draws it
    above and the question and its status line again under it, also when it comes from the server thread."""
    app = get_app_session().app
    if app is None or not app.is_running or app.loop is None:
        return False

    def write() -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    app.loop.call_soon_threadsafe(lambda: run_in_terminal(write, in_executor=False))
    return True


def lead(room: Room, **app_options: Any) -> None:
    """Run the view until q (or Ctrl-C)."""
    output.draw_above(above_prompt)
    said: list[str] = []
    bindings = KeyBindings()

    def key(act: Act) -> Callable[[Any], None]:
        def run(event: Any) -> None:
            try:
                done = act.run(room)
            except TochtError as exc:
                said.append(acts.not_done(exc.message, _))
                return
            said.append(acts.said(act, done, room, _))

        return run

    for act in ACTS:
        for pressed in act.keys:
            bindings.add(pressed)(key(act))

    @bindings.add("q")
    @bindings.add("c-c")
    def quit_(event: Any) -> None:
        event.app.exit()

    control = FormattedTextControl(lambda: view(room, said, get_app().output.get_size().columns))
    app: Application[None] = Application(
        layout=Layout(HSplit([Window(control, wrap_lines=True)])), key_bindings=bindings, refresh_interval=0.5, **app_options
    )
    app.run()
