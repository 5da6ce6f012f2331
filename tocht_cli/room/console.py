"""The facilitator's view of a running room in the terminal: where the room is, and keys to lead it.

One line per fact, redrawn twice a second; one key per act, so the room follows the
facilitator without a mouse: forward and back (item or exercise), reveal the result,
the timer (start or pause, a minute more, close the vote at zero), save the tally, quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

from tocht_cli import output
from tocht_cli.ballots import ballot_kind
from tocht_cli.errors import TochtError
from tocht_cli.i18n import N_, _, ngettext
from tocht_cli.room import qr
from tocht_cli.room.live import Room
from tocht_cli.room.serve import Running
from tocht_cli.text import terminal_safe

KEYS = (
    (("n", "right", " "), N_("next"), lambda room: room.step(1)),
    (("p", "left"), N_("back"), lambda room: room.step(-1)),
    (("N", "pagedown"), N_("next exercise"), lambda room: room.step_exercise(1)),
    (("P", "pageup"), N_("previous exercise"), lambda room: room.step_exercise(-1)),
    (("r",), N_("reveal"), lambda room: room.reveal()),
    (("t",), N_("timer"), lambda room: room.timer_start()),
    (("+",), N_("+1 minute"), lambda room: room.timer_extend()),
    (("z",), N_("close at zero"), lambda room: room.timer_closes()),
    (("c",), N_("close / reopen the vote"), lambda room: room.close_vote()),
    (("s",), N_("save tally"), lambda room: room.save_tally()),
)


def view(room: Room, said: list[str], width: int = 80) -> StyleAndTextTuples:
    """What the terminal shows: the room's place, its votes and timer, the keys, the last thing done;
    wrapped at words to `width` columns."""
    stop = room.stop
    ex = stop.exercise
    lines: list[tuple[str, str]] = [("bold", wrapped(f"{ex.heading}   {room.at + 1}/{len(room.stops)}", width))]
    if stop.item is not None:
        number = stop.item.id if ex.kind.numbered_by_id else str(stop.item.number)
        lines.append(("", wrapped(f"{number}  {stop.item.text}", width)))
    else:
        lines.append(("", wrapped(_("(the exercise's opening)"), width)))
    facts = [_("{n} present").format(n=room.present())]
    if ballot_kind(ex) is not None and stop.item is not None:
        tally = room.tally(ex, stop.item.id)
        votes = sum(sum(c.values()) for c in tally.values())
        facts.append(ngettext("{n} vote", "{n} votes", votes).format(n=votes))
        facts.append(_("result shown") if room.is_revealed() else _("result hidden"))
        if room.closed():
            facts.append(_("vote closed"))
        for group, counts in tally.items():
            facts.append(f"{group}: " + " ".join(f"{o} {n}" for o, n in counts.items()))
    timer = room.timer.shown()
    if timer["state"] != "idle":
        left = timer["left"]
        state = {"running": _("running"), "paused": _("paused"), "done": _("time is up")}[timer["state"]]
        facts.append(f"⏱ {left // 60}:{left % 60:02d} {state}" + (" · " + _("the vote closes at zero") if timer["closes"] else ""))
    lines.append(("", wrapped(" · ".join(facts), width)))
    keys = [f"{pressed[0]} {_(name)}" for pressed, name, _act in KEYS] + ["q " + _("quit")]
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
    """The room's addresses and PIN on stdout, with the join address as a QR code when a person looks."""
    output.data(_("screen (projector): {url}").format(url=running.screen_url))
    output.data(_("join: {url}").format(url=running.join_url))
    output.data(_("PIN: {pin}").format(pin=running.pin))
    if qr_code:
        from rich.text import Text

        output.data(Text("\n".join(qr.blocks(running.join_url)), style="#000000 on #ffffff"))


def lead(room: Room, **app_options: Any) -> None:
    """Run the view until q (or Ctrl-C)."""
    said: list[str] = []
    bindings = KeyBindings()

    def act(do: Callable[[Room], object], name: str) -> Callable[[Any], None]:
        def run(event: Any) -> None:
            try:
                done = do(room)
            except TochtError as exc:
                said.append(_("not done: {why}").format(why=exc.message))
                return
            told = saying(name, done)
            if told:
                said.append(told)

        return run

    for keys, name, do in KEYS:
        for key in keys:
            bindings.add(key)(act(do, name))

    @bindings.add("q")
    @bindings.add("c-c")
    def quit_(event: Any) -> None:
        event.app.exit()

    control = FormattedTextControl(lambda: view(room, said, get_app().output.get_size().columns))
    app: Application[None] = Application(
        layout=Layout(HSplit([Window(control, wrap_lines=True)])), key_bindings=bindings, refresh_interval=0.5, **app_options
    )
    app.run()


def saying(name: str, done: object) -> str:
    """What a key did, in a few words."""
    if name == N_("save tally") and isinstance(done, dict):
        if not done:
            return _("no votes to save yet")
        return _("tally saved: {tables}").format(
            tables="; ".join(f"{g}: " + " ".join(f"{o} {n}" for o, n in (v.get("counts") or {}).items()) for g, v in done.items())
        )
    if name == N_("reveal"):
        return _("result shown") if done else _("result hidden")
    if name == N_("close at zero"):
        return _("the vote closes at zero") if done else _("the vote stays open at zero")
    return ""
