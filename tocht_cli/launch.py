"""The console script's entry: a Ctrl-C while tocht is still starting is an interruption, not a traceback.

Kept to the standard library so that the window before the `try` is as small
as Python allows.
"""

import sys


def main() -> None:
    try:
        from tocht_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("\ntocht: interrupted; every answer given so far is saved\n")
        sys.exit(130)
