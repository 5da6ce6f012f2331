"""Start-up and framework: read last.

What the command line does to make typer, click and their shells serve tocht, none of it tocht's own
logic: `--help` answered from a cache without importing typer (helpcache.py), help and typer's words in
the facilitator's language (helptext.py), click's usage errors in our words (usage.py), the pieces of
click that typer keeps private, copied (clickbits.py), the shells' side of Tab (shells.py), and plain
parameter values coerced without typer's pydantic (coercion.py).
"""

COMPLETE_VAR = "_TOCHT_COMPLETE"  # set by the shells' scripts when Tab asks tocht (shells.py): read at every start
