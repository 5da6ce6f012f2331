"""The console script's entry: a Ctrl-C while tocht is still starting is an interruption, not a traceback.

Kept to the standard library so that the window before the `try` is as small
as Python allows. `--version`, and `--help` once it is cached (cli/framework/helpcache.py),
are answered here without importing typer.
"""

import errno
import io
import os
import sys


class ClosedOutput(io.TextIOBase):
    """stdout when the shell closed it (`tocht list >&-`): data written there fails as on a closed
    descriptor, which the CLI reports as output that could not be written (exit 1)."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    @property
    def buffer(self) -> "ClosedOutput":  # a PDF's bytes fail the same way
        return self


def usable_streams() -> None:
    """Streams every command can write to. A closed descriptor 0-2 gets /dev/null, so no file tocht opens
    (the database!) takes its number; a closed stderr then silences messages, a closed stdout refuses data.
    An encoding that cannot say every character (PYTHONIOENCODING=ascii) shows '?' instead of failing."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(os.open(os.devnull, os.O_RDWR), fd)
            if name == "stdout":
                sys.stdout = ClosedOutput()
            elif name == "stderr":
                sys.stderr = open(fd, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (lives as long as the process)
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="replace")


def interrupted(exc: BaseException | None) -> bool:
    """Ctrl-C, also when Python wrapped it (a KeyboardInterrupt inside a class body's
    `__set_name__` surfaces as a RuntimeError caused by it)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def main() -> None:
    try:
        usable_streams()
        if sys.argv[1:] == ["--version"]:  # answered before typer is even imported
            from tocht_cli import __version__

            sys.stdout.write(f"tocht {__version__}\n")
            return
        if sys.argv[-1:] == ["--help"] and not isinstance(sys.stdout, ClosedOutput):  # from the help cache when it can be
            from tocht_cli.cli.framework import helpcache

            if helpcache.replay(sys.argv[1:]):
                return
            from tocht_cli.cli.app import main as run

            helpcache.record(sys.argv[1:], run)
            return
        from tocht_cli.cli.app import main as run

        run()
    except (SystemExit, GeneratorExit):
        raise
    except OSError as exc:
        if exc.errno != errno.EBADF:
            raise
        from tocht_cli.base.i18n import _

        sys.stderr.write(_("tocht: error: the output could not be written: stdout is closed") + "\n")
        sys.exit(1)
    except BaseException as exc:
        if not interrupted(exc):
            raise
        from tocht_cli.base.i18n import _

        sys.stderr.write("\n" + _("tocht: interrupted; every answer given so far is saved.") + "\n")
        sys.exit(130)
