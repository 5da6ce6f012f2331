"""Ctrl-C waits until a write is whole: the store never stops between two files of one change."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back SIGINT for the body and raise KeyboardInterrupt right after it, if one came.

    Only the main thread can swap signal handlers; elsewhere (the room's
    worker threads) the body simply runs, as Python delivers SIGINT to the
    main thread anyway.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt
