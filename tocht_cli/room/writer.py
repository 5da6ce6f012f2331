"""The one thread through which a room reads and writes its session.

The web server answers many phones at once; the session file is changed only here, one
job after another, each inside the store's lock (so a terminal recording at the same
time loses nothing either). Participants' answers that arrive while a write is under
way wait for the next one and are then saved together: one lock hold, one file write,
each vote durable before its phone hears "saved".
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from tocht_cli.base.errors import TochtError
from tocht_cli.base.i18n import _
from tocht_cli.store import Ballot, Record, Store

T = TypeVar("T")
Key = tuple[str, str, str]  # exercise, item, device
BallotChange = Callable[[dict[Key, Ballot]], list[Ballot]]
"""From the room's answers as they are now (under the lock) to the ones to save; a value of None takes one back."""
Placing = Callable[[Record | None, list[Ballot]], list[Ballot]]
"""The answers to save placed at the session's groups as the record has them under the lock (or refused)."""


def key(ballot: Ballot) -> Key:
    return (ballot["exercise"], ballot["item"], ballot["device"])


@dataclass
class _Job(Generic[T]):
    run: Callable[[], T] | None = None
    change: BallotChange | None = None
    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None

    def result(self) -> T:
        self.done.wait()
        if self.error is not None:
            raise self.error
        result: T = self.value
        return result


_STOP: _Job[None] = _Job()


class Closed(TochtError):
    """The room was closed: what came after is not saved (and its sender is told so)."""


class Writer:
    def __init__(
        self,
        store: Store,
        session_id: str,
        setup: Callable[[], None],
        saved: Callable[[list[Ballot]], None],
        placed: Placing,
    ):
        """`setup` runs first in the thread (this run's language); `saved` gets each batch of
        room answers right after they are written, in the order they were written; `placed` checks each
        participant's answers against the session's groups as they are when they are written."""
        self.store = store
        self.session_id = session_id
        self._saved = saved
        self._placed = placed
        self._jobs: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()
        self._open = threading.Lock()
        self.closed = False
        self._thread = threading.Thread(target=self._work, args=(setup,), name="tocht-room-store", daemon=True)
        self._thread.start()

    def call(self, run: Callable[[], T]) -> T:
        """`run()` in the writer's thread, after every job before it; its result or its exception."""
        return self._done(_Job(run=run))

    def ballots(self, change: BallotChange) -> list[Ballot]:
        """Save what `change` makes of the room's answers; returns the answers saved."""
        return self._done(_Job(change=change))

    def _done(self, job: _Job[T]) -> T:
        with self._open:
            if self.closed:
                raise Closed(_("the room is closed"))
            self._jobs.put(job)
        return job.result()

    def close(self) -> None:
        """Finish every job given so far, then stop; later jobs are refused."""
        with self._open:
            if self.closed:
                return
            self.closed = True
            self._jobs.put(_STOP)
        self._thread.join()

    def _work(self, setup: Callable[[], None]) -> None:
        setup()
        waiting: list[_Job[Any]] = []
        while True:
            job = waiting.pop(0) if waiting else self._jobs.get()
            if job is _STOP:
                return
            if job.change is None:
                self._run(job)
                continue
            batch = [job]
            while not waiting:  # the answers queued meanwhile join this write; anything else waits its turn
                try:
                    following = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if following.change is None:
                    waiting.append(following)
                else:
                    batch.append(following)
            self._write(batch)

    def _run(self, job: _Job[Any]) -> None:
        try:
            assert job.run is not None
            job.value = job.run()
        except BaseException as exc:  # handed to the caller, who reports it
            job.error = exc
        job.done.set()

    def _write(self, batch: list[_Job[Any]]) -> None:
        written: list[Ballot] = []
        try:
            with self.store.transaction(self.session_id) as answers:
                now = {key(b): b for b in answers.ballots()}
                record = answers.record()
                for job in batch:
                    try:
                        assert job.change is not None
                        job.value = self._placed(record, job.change(dict(now)))
                    except Exception as exc:  # this participant's answer is refused; the others are saved
                        job.error = exc
                        continue
                    for ballot in job.value:
                        if ballot.get("value") is None:
                            now.pop(key(ballot), None)
                        else:
                            now[key(ballot)] = ballot
                    written += job.value
                if written:
                    answers.put_ballots(written)
            if written:
                self._saved(written)
        except BaseException as exc:  # nothing of the batch was written
            for job in batch:
                job.error = job.error or exc
        for job in batch:
            job.done.set()
