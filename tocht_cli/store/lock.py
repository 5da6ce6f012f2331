"""The cross-process lock that serialises every write to one database.

A plain `flock` on `tocht.json.lock`, written here rather than taken from
filelock: importing filelock 4 costs about 45 ms on every recording command,
it cannot tell a waiting terminal *who* holds the lock, and it retries a lock
file it may not create (a read-only stick) until its timeout. A waiter that
gives up finds the holder in /proc/locks (Linux) and names it; the lock file
itself is never written, and never followed if it is a symbolic link.
On a platform without fcntl the lock falls back to filelock.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tocht_cli.base.errors import DatabaseError, os_problem
from tocht_cli.base.i18n import _

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_CONTENDED = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK}


class Busy(DatabaseError):
    def __init__(self, db: Path, timeout: float, holder: str | None):
        who = f" ({holder})" if holder else ""
        super().__init__(
            _("the database {path} is busy: another tocht{who} has held its lock for {seconds} s").format(
                path=db, who=who, seconds=f"{timeout:.0f}"
            ),
            _("finish or close that tocht, or try again"),
        )


def lock_error(lock_path: Path, exc: OSError) -> DatabaseError:
    reason = os_problem(exc)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseError(
            _("the database at {path} is read-only here ({reason}); nothing was changed").format(path=lock_path.parent, reason=reason),
            _("reading works (list, show, export); to record answers, copy the database somewhere writable"),
        )
    return DatabaseError(_("cannot create the lock file {path}: {reason}; nothing was changed").format(path=lock_path, reason=reason))


@contextmanager
def hold(lock_path: Path, db: Path, timeout: float, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the database's lock for the body; `waiting` is called once if another process has it."""
    if fcntl is None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(lock_path), timeout=timeout):
                yield
        except Timeout:
            raise Busy(db, timeout, None) from None
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DatabaseError(
                _("the lock file {path} is a symbolic link; tocht does not follow it").format(path=lock_path),
                _("remove the link; tocht makes its own lock file"),
            ) from None
        raise lock_error(lock_path, exc) from None
    with _holding(fd, lock_path, db, timeout, waiting):
        yield


@contextmanager
def quiet(lock_path: Path, db: Path, timeout: float, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """No write in progress during the body: the lock held, waited for as a writer waits (Busy after `timeout`).
    A lock file that is not there or does not open (a read-only copy) has no writer to wait for."""
    fd = _existing(lock_path) if fcntl is not None else None
    if fd is None:
        yield
        return
    with _holding(fd, lock_path, db, timeout, waiting):
        yield


@contextmanager
def _holding(fd: int, lock_path: Path, db: Path, timeout: float, waiting: Callable[[], None] | None) -> Iterator[None]:
    """The flock on `fd` for the body, then let go and the file closed, however the body ends."""
    try:
        _acquire(fd, lock_path, db, timeout, waiting)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _existing(lock_path: Path) -> int | None:
    """The lock file opened for reading (a flock needs no more), never made; None when it cannot be opened."""
    try:
        return os.open(lock_path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return None


def _acquire(fd: int, lock_path: Path, db: Path, timeout: float, waiting: Callable[[], None] | None) -> None:
    deadline = time.monotonic() + timeout
    pause = 0.001
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in _CONTENDED:
                raise lock_error(lock_path, exc) from None
        if not told and waiting is not None:
            waiting()
            told = True
        if time.monotonic() >= deadline:
            raise Busy(db, timeout, holder(fd))
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def holder(fd: int) -> str | None:
    """'pid 1234: tocht run' for the process holding the flock on this file, where /proc/locks tells."""
    try:
        inode = os.fstat(fd).st_ino
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) > 5 and parts[1] == "FLOCK" and parts[5].rsplit(":", 1)[-1] == str(inode):
            pid = parts[4]
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    argv = [
                        os.path.basename(a) if i == 0 else a for i, a in enumerate(fh.read().decode("utf-8", "replace").split("\0")[:4])
                    ]
            except OSError:
                return f"pid {pid}"
            return f"pid {pid}: {' '.join(a for a in argv if a)[:120]}"
    return None
