"""The room's round an exercise asks first (its `[room]`: words, a list to support, dots), as a stop of the
walk beside a room (`tocht run --room`): the screen and the phones go to the round's question, the walk shows
how many phones took part (live, under the question) and offers to show the result and close the round, or
to go on without it. Without a room the walk never stops here: the tables have no round to wait for.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Protocol

from tocht_cli.kinds.contract import Skip
from tocht_cli.render.blocks import Framed

if TYPE_CHECKING:
    from tocht_cli.kinds.contract import Exercise
    from tocht_cli.walk.guide import Walk

REVEAL, ON = "reveal", "on"


class RoundRoom(Protocol):
    """What the walk needs of the room for a round (room/rounds.py gives it)."""

    def follow_round(self, round_: Exercise) -> None:
        """The screen and the phones go to the round's question."""

    def took_part(self, round_: Exercise) -> int:
        """How many devices answered the round."""

    def round_revealed(self, round_: Exercise) -> bool:
        """Whether the round's result is on the screen (its vote closed)."""

    def reveal_round(self, round_: Exercise) -> None:
        """Show the round's result on the screen and close its vote."""


def stop_at_round(w: Walk, ex: Exercise, room: RoundRoom) -> None:
    """The round `ex` asks the room first: its question framed, its state under the prompt (read again while it
    waits), then "show the result and close the round" or "go on"; once shown, what the room gave, and on.
    Skipping goes on to the exercise's own questions, past the round; the screen goes back to the exercise's
    opening with them. A result shown stays on the screen while the walk goes on, until its first item."""
    if ex.room_round is None:
        return
    shown = False
    with suppress(Skip):
        shown = _played(w, ex.room_round, room)
    if not shown:
        w.follow(ex, None)


def _played(w: Walk, round_: Exercise, room: RoundRoom) -> bool:
    """The round asked; True once its result is shown (the walk goes on at once: no lone "verder" to press)."""
    room.follow_round(round_)
    question = next(iter(round_.kind.items(round_)), None)
    w.present([Framed(round_.title, question.text if question else "")])
    words = w.kit.words
    while not room.round_revealed(round_):
        choices = [(words.gettext("show the result and close the round"), REVEAL), (words.gettext("go on without it"), ON)]
        with w.noting(lambda: round_state(w, round_, room)):
            chosen = w.select(words.gettext("The room's round:"), choices, default=REVEAL)
        if chosen == ON:
            return False
        room.reveal_round(round_)
    ranked = w.ws.room_ranking(round_)
    if ranked:
        w.present(round_.kind.room_blocks(round_, ranked, w.kit))
    else:
        w.say(words.gettext("the room gave nothing in this round"))
    w.say(words.gettext("The room's round is closed; its result stays on the screen while the walk goes on."))
    return True


def round_state(w: Walk, round_: Exercise, room: RoundRoom) -> str:
    """The round as it stands: "ronde open · 5 toestellen deden mee"."""
    words = w.kit.words
    count = room.took_part(round_)
    took_part = words.ngettext("{count} device took part", "{count} devices took part", count).format(count=count)
    state = words.gettext("round closed") if room.round_revealed(round_) else words.gettext("round open")
    return f"{state} · {took_part}"
