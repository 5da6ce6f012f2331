"""Errors a person can act on, each with its documented exit code.

Any TochtError reaching the CLI is printed as one clear message on stderr
(never a traceback) and ends the process with its code.
"""

from __future__ import annotations

import errno
from enum import IntEnum

from tocht_cli.base.i18n import N_, _


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # aborted, or declined a confirmation
    USAGE = 2  # wrong option, unknown item, invalid value
    NOT_FOUND = 3  # unknown session, kit, exercise or file; a group removed meanwhile
    INVALID_DATA = 4  # a kit or import file that does not validate
    DATABASE = 5  # damaged, locked, newer or unwritable database
    NEEDS_TERMINAL = 6  # an interactive command without a terminal
    INTERRUPTED = 130  # Ctrl-C; everything given so far is saved


class TochtError(Exception):
    code = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(TochtError):
    code = ExitCode.USAGE


class NotFound(TochtError):
    code = ExitCode.NOT_FOUND


class InvalidData(TochtError):
    """A file that does not validate; carries one line per problem."""

    code = ExitCode.INVALID_DATA

    def __init__(self, message: str, problems: list[str], hint: str | None = None):
        super().__init__(message + "\n" + "\n".join(f"  - {p}" for p in problems), hint)
        self.problems = problems


class DatabaseError(TochtError):
    code = ExitCode.DATABASE


class NeedsTerminal(TochtError):
    code = ExitCode.NEEDS_TERMINAL


class Aborted(TochtError):
    code = ExitCode.FAILURE


# What the system says in English (Python does not ask the C library for the user's language),
# said in the facilitator's: the usual ways a file, a folder or an address fails.
_OS_PROBLEMS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("not permitted"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EEXIST: N_("it exists already"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EBUSY: N_("it is in use"),
    errno.EIO: N_("input/output error (the disk or stick may be failing)"),
    errno.EADDRINUSE: N_("the address is already in use"),
    errno.EADDRNOTAVAIL: N_("that address is not this computer's"),
}


def os_problem(exc: OSError) -> str:
    """What went wrong with a file, a folder or an address, in the facilitator's language; the system's
    own words for anything rarer."""
    known = _OS_PROBLEMS.get(exc.errno or 0)
    return _(known) if known else (exc.strerror or str(exc))
