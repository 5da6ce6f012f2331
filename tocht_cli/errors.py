"""Errors a person can act on, each with its documented exit code.

Any TochtError reaching the CLI is printed as one clear message on stderr
(never a traceback) and ends the process with its code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # aborted, or declined a confirmation
    USAGE = 2  # wrong option, unknown item, invalid value
    NOT_FOUND = 3  # unknown session, kit, exercise or file
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
