"""The room's timer: started, paused and extended by the facilitator, seen by everyone, and
optionally closing the vote at zero. It counts the seconds it actually ran."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MINUTE = 60
DEFAULT_MINUTES = 3  # when the kit suggests no duration for the exercise


@dataclass
class Timer:
    clock: Callable[[], float] = time.monotonic
    remaining: float = 0.0  # seconds left when it last stopped or started
    started: float | None = None  # the clock when it last started running
    closes: bool = False  # the vote closes at zero
    armed: bool = False  # started at least once on this item
    used: float = field(default=0.0)  # seconds it ran on this item

    @property
    def running(self) -> bool:
        return self.started is not None and self.left() > 0

    def left(self) -> float:
        if self.started is None:
            return max(self.remaining, 0.0)
        return max(self.remaining - (self.clock() - self.started), 0.0)

    @property
    def expired(self) -> bool:
        return self.armed and self.left() <= 0

    @property
    def state(self) -> str:
        """idle, running, paused or done."""
        if not self.armed:
            return "idle"
        if self.expired:
            return "done"
        return "running" if self.started is not None else "paused"

    def start(self, seconds: float) -> None:
        """Start (a fresh timer of `seconds`, or a paused one where it stopped), or pause a running one."""
        if self.state == "running":
            self._settle()
            return
        if self.state in ("idle", "done"):
            self._settle()
            self.remaining = seconds
        self.armed = True
        self.started = self.clock()

    def extend(self, seconds: float = MINUTE) -> None:
        """A minute more; a timer at zero runs again."""
        if not self.armed:
            return
        running = self.started is not None
        self._settle()
        self.remaining += seconds
        if running or self.remaining == seconds:
            self.started = self.clock()

    def halt(self) -> None:
        """Stop the clock where it is (the vote closed: the time it ran is the time the vote was open); a start resumes it."""
        if self.state == "running":
            self._settle()

    def _settle(self) -> None:
        """Count the time run so far and stop the clock."""
        if self.started is not None:
            ran = min(self.clock() - self.started, self.remaining)
            self.used += ran
            self.remaining -= ran
            self.started = None

    def finish(self) -> int:
        """Stop for good (the room moves on): the whole seconds it ran."""
        self._settle()
        used = round(self.used)
        self.remaining, self.armed, self.used, self.closes = 0.0, False, 0.0, False
        return used

    def shown(self) -> dict[str, Any]:
        """What the screen and the phones show: the state, whole seconds left, whether the vote closes at zero."""
        return {"state": self.state, "left": int(self.left() + 0.999), "closes": self.closes}
