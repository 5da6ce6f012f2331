"""Where an output option writes: stdout, a file replaced whole, or a device; never the database.

`export -o`, `export --all --out-dir` and `kit copy` all come through here,
so none of them can write over the database, its lock or its session files.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tocht_cli.base.errors import DatabaseError, TochtError, UsageError, os_problem
from tocht_cli.base.i18n import _
from tocht_cli.cli.invocation import current
from tocht_cli.render import output

STDOUT_NAMES = ("-", "/dev/stdout")


class WriteFailed(DatabaseError):
    """A file that could not be written (disk full, no permission): exit 5, like the database's own."""


def guard(target: Path) -> None:
    """Refuse a path that belongs to the database (exit 2); nothing is written."""
    try:
        store = current().store
    except TochtError:
        return  # no usable database here, so nothing to protect
    if store.protects(target):
        raise UsageError(
            _("{path} is part of the tocht database ({database}); writing there would destroy it. Nothing was written.").format(
                path=target, database=store.path
            ),
            _("choose another file name or folder"),
        )


def format_of(target: str | None, formats: list[str]) -> str | None:
    """The format a file's extension names (`verslag.pdf`: pdf, `.htm`: html), so `-o verslag.pdf` never holds
    Markdown; None for stdout or an extension that names none of `formats`."""
    suffix = named_format(target)
    return suffix if suffix in formats else None


def named_format(target: str | None) -> str:
    """The format a file's extension names, its aliases read as the format ("" for stdout or no extension)."""
    if target is None or target in STDOUT_NAMES:
        return ""
    suffix = Path(target).suffix.lower().removeprefix(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix)


def warn_if_named_otherwise(target: str | None, written: str) -> None:
    """Say so (on stderr) when a file's extension names another format than the one written (`-o x.docx` with
    `--format html`): the file is written as asked, but a program that opens it by its name misreads it."""
    named = named_format(target)
    suffix = Path(target or "").suffix.lower().removeprefix(".")
    if named and {"txt": "md"}.get(named, named) != written:  # Markdown is plain text
        said = _("warning: {file} holds {format}, but its name ends in .{suffix}: a program that opens it by its name will misread it")
        output.message(said.format(file=target, format={"md": "Markdown"}.get(written, written.upper()), suffix=suffix))


def refuse_binary_on_terminal(target: str | None, what: str) -> None:
    """A PDF goes to a file or a pipe: on a terminal its bytes would be noise (exit 2, before any work)."""
    import sys

    if (target is None or target in STDOUT_NAMES) and sys.stdout.isatty():
        raise UsageError(
            _("{what} is not for a terminal; nothing was written").format(what=what), _("give a file with -o FILE, or pipe it on")
        )


def write(target: str | Path, text: str | bytes) -> None:
    """Write `text` (a PDF's bytes, or text as UTF-8) to a file (atomically, beside a symlink's target), a device, or stdout."""
    if str(target) in STDOUT_NAMES:
        if isinstance(text, bytes):
            output.binary(text)
        else:
            output.data(text)
        return
    path = Path(target)
    guard(path)
    resolved = Path(os.path.realpath(path))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if resolved.exists() and not stat.S_ISREG(resolved.stat().st_mode):
            with resolved.open("wb") as fh:  # a pipe or a device: written as a stream
                fh.write(data)
        else:
            from tocht_cli.base.files import new_file_mode, replace_file

            replace_file(resolved, data, mode=new_file_mode(resolved))
    except OSError as exc:
        raise WriteFailed(
            _("could not write {path}: {problem}; nothing was written there (an earlier file stays as it was)").format(
                path=path, problem=os_problem(exc)
            ),
            _("check that the folder exists, is writable and has room"),
        ) from None
    output.message(_("wrote {path}").format(path=path))


def make_folder(folder: Path) -> None:
    guard(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(_("cannot make the folder {path}: {problem}").format(path=folder, problem=os_problem(exc))) from None
