"""The console script's entry: a Ctrl-C while tocht is still starting is an interruption, not a traceback.

Kept to the standard library so that the window before the `try` is as small
as Python allows. `--version`, and `--help` once it is cached (helpcache.py),
are answered here without importing typer.
"""

import sys


def interrupted(exc: BaseException) -> bool:
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
        if sys.argv[1:] == ["--version"]:  # answered before typer is even imported
            from tocht_cli import __version__

            sys.stdout.write(f"tocht {__version__}\n")
            return
        if sys.argv[-1:] == ["--help"]:  # answered from the help cache when it can be, still without typer
            from tocht_cli import helpcache

            if helpcache.replay(sys.argv[1:]):
                return
            from tocht_cli.cli import main as run

            helpcache.record(sys.argv[1:], run)
            return
        from tocht_cli.cli import main as run

        run()
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        if not interrupted(exc):
            raise
        from tocht_cli.i18n import _

        sys.stderr.write("\n" + _("tocht: interrupted; every answer given so far is saved.") + "\n")
        sys.exit(130)
