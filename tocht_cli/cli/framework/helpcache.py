"""`tocht [COMMAND [SUB]] --help` answered from a cache, without importing typer.

Importing typer (and the pydantic it brings) and building the app is most of
what `--help` costs, yet the text is the same on every run with the same code
and terminal. So the first run renders help through the real app and keeps the
exact bytes it wrote to stdout; later runs print those bytes.

A cache rather than help rendered at build time: the text depends on the
terminal width, the language, the stdout encoding and the installed typer, and
only the real app knows how. An entry is used only when all of these match
(`key`) and every module file that rendering loaded (tocht's own sources, typer,
the standard library, and the message catalogs its words come from) still has
the size and mtime it had then. Help reads no kit file and shows no environment
value, so neither is part of it.

Standard library only, and only its cheap modules (zlib, not hashlib; no shutil,
typing or pathlib): this runs before anything else. A cache is never required:
an entry that is missing, stale, damaged or unwritable is ignored.
"""

from __future__ import annotations

import io
import os
import sys
import zlib

from tocht_cli.base.installation import cache_folder, paths

TYPE_CHECKING = False  # typing itself costs a few ms to import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO, TextIO

    from _typeshed import ReadableBuffer

MAGIC = b"tocht-help-cache-1"
MAX_ENTRIES = 200
MAX_BYTES = 1 << 20  # help is a few kB; anything larger is not an entry
WORDS = 3  # `tocht statements vote --help`: a command path; nothing cached with options before --help


def columns() -> int:
    """The width click wraps help to: shutil.get_terminal_size().columns, by its rules (shutil costs ~5 ms)."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        stream = sys.__stdout__
        try:
            width = os.get_terminal_size(stream.fileno()).columns if stream is not None else 0
        except (AttributeError, ValueError, OSError):
            width = 0
        width = width or 80
    return width


def key(args: list[str]) -> str | None:
    """Everything besides the code that the help text depends on, as one ASCII line;
    None when `args` is not a help request that is kept."""
    words = _command_words(args[:-1])
    if args[-1:] != ["--help"] or words is None or len(words) > WORDS or any(w.startswith("-") or not w.isprintable() for w in words):
        return None
    out, err = sys.stdout, sys.stderr
    if not hasattr(out, "buffer") or not hasattr(err, "buffer"):
        return None
    try:
        tty = out.isatty()
    except (OSError, ValueError):
        return None
    from tocht_cli import __version__

    env = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
        or (name.startswith(("TOCHT_", "TYPER_")) and name not in ("TOCHT_DB", "TOCHT_CACHE_DIR"))
    )
    return ascii((__version__, sys.version, paths(), args, columns(), out.encoding, out.errors, tty, env))


def _command_words(words: list[str]) -> list[str] | None:
    """The command path before `--help`, after a leading `--lang X` (the language is in the key with
    the rest of the arguments); None for anything else that starts with an option."""
    if words[:1] == ["--lang"]:
        return words[2:] if len(words) >= 2 and words[1].isalpha() else None
    if words[:1] and words[0].startswith("--lang="):
        return words[1:] if words[0][7:].isalpha() else None
    return words


def entry_path(entry_key: str) -> str | None:
    base = cache_folder()
    if base is None:
        return None
    data = entry_key.encode("ascii")
    return os.path.join(base, f"help-{zlib.crc32(data):08x}{zlib.adler32(data):08x}")


def replay(args: list[str]) -> bool:
    """Print the kept help for `args` and return True; False when there is no valid entry."""
    entry_key = key(args)
    path = entry_path(entry_key) if entry_key is not None else None
    if entry_key is None or path is None:
        return False
    try:
        with open(path, "rb") as f:
            payload = parse(f.read(MAX_BYTES + 1), entry_key)
    except (OSError, ValueError):
        return False
    if payload is None:
        return False
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    except BrokenPipeError:  # as typer does: exit 1 quietly, and the final flush goes nowhere rather than fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    return True


def parse(data: bytes, entry_key: str) -> bytes | None:
    """The help text of an entry when the entry is whole (length and checksum), is for this key,
    and every file it depends on is unchanged. Raises ValueError or OSError on a malformed one."""
    head, _, body = data.partition(b"\n")
    magic, checksum, length = head.split(b" ")
    if magic != MAGIC or len(body) != int(length) or zlib.crc32(body) != int(checksum):
        return None
    stored_key, _, rest = body.partition(b"\n")
    if stored_key != entry_key.encode("ascii"):
        return None
    while True:
        line, _, rest = rest.partition(b"\n")
        if not line:
            return rest
        size, mtime, path = line.split(b" ", 2)
        st = os.stat(path)
        if st.st_size != int(size) or st.st_mtime_ns != int(mtime):
            return None


def record(args: list[str], run: Callable[[], object]) -> None:
    """Run the app with stdout and stderr copied; keep stdout as the entry when it exited 0 and wrote nothing on stderr."""
    entry_key = key(args)
    if entry_key is None:
        run()
        return
    out, err = sys.stdout, sys.stderr
    out.flush()
    err.flush()
    out_tee, err_tee = _Tee(out.buffer), _Tee(err.buffer)
    sys.stdout, sys.stderr = _text(out_tee, out), _text(err_tee, err)
    ok = False
    try:
        run()
        ok = True
    except SystemExit as exc:
        ok = exc.code in (0, None)
        raise
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err
        if ok and out_tee.copy and not err_tee.copy:
            save(entry_key, bytes(out_tee.copy))


def save(entry_key: str, payload: bytes) -> None:
    """Store an entry atomically, then keep the folder to MAX_ENTRIES; a cache that cannot be written is no error."""
    path = entry_path(entry_key)
    if path is None:
        return
    try:
        from tocht_cli.base.i18n import catalog_files

        deps = []
        modules = {f for m in list(sys.modules.values()) if isinstance(f := getattr(m, "__file__", None), str)}
        for file in sorted(modules | {str(path) for path in catalog_files()}):  # the words of help are in the catalogs
            try:
                st = os.stat(file)
            except OSError:
                continue  # frozen or from a zip: no file of its own to change
            if "\n" not in file:
                deps.append(b"%d %d %s\n" % (st.st_size, st.st_mtime_ns, os.fsencode(file)))
        body = entry_key.encode("ascii") + b"\n" + b"".join(deps) + b"\n" + payload
        from pathlib import Path

        from tocht_cli.base.files import keep_cache

        keep_cache(Path(path), b"%s %d %d\n%s" % (MAGIC, zlib.crc32(body), len(body), body))
        prune(os.path.dirname(path))
    except (OSError, ValueError):
        pass


def prune(base: str) -> None:
    """Remove the oldest entries (and temp files of a killed run) beyond MAX_ENTRIES."""
    import contextlib

    with os.scandir(base) as found:
        entries = sorted((e.stat().st_mtime_ns, e.path) for e in found if "help-" in e.name)
    for _, path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            os.unlink(path)


class _Tee(io.BufferedIOBase):
    """Writes through to the real stream and keeps a copy: the person sees help as it is written,
    the cache gets the same bytes. Closing it leaves the real stream open."""

    def __init__(self, target: BinaryIO) -> None:
        super().__init__()
        self.target = target
        self.copy = bytearray()

    @property
    def name(self) -> object:
        return self.target.name

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        chunk = bytes(data)
        self.target.write(chunk)
        self.copy += chunk
        return len(chunk)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()


def _text(tee: _Tee, like: TextIO) -> io.TextIOWrapper:
    """A text stream over `tee` that encodes as the real one does, so click treats both the same."""
    return io.TextIOWrapper(tee, encoding=like.encoding, errors=like.errors, line_buffering=bool(like.line_buffering), write_through=True)
