"""`tocht … --help` from the help cache: the same bytes as typer renders, without typer, never a traceback.

Through the installed console script, as a person types it; the autouse fixture
in conftest.py points TOCHT_CACHE_DIR into tmp_path.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.helpers.patience import PATIENCE
from tests.helpers.script import SCRIPT, needs_script, tocht
from tests.helpers.signals import interrupt_when_running
from tocht_cli.base import installation
from tocht_cli.cli.framework import helpcache

PATHS = [[], ["statements"], ["statements", "vote"], ["kit", "show"], ["new"]]


def uncached(tmp_path: Path, *args: str, columns: int = 80) -> bytes:
    """Help as typer renders it, with a cache folder that cannot be made (a file is in the way)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = tocht(*args, "--help", cache=blocker / "cache", columns=columns)
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    return result.stdout


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("help-*")) if cache.is_dir() else []


def imported(stderr: bytes) -> set[str]:
    """The modules PYTHONPROFILEIMPORTTIME=1 reports on stderr."""
    return {name.decode() for name in re.findall(rb"\|\s+([\w.]+)\s*$", stderr, re.M)}


def forge(path: Path, *, key: bytes | None = None, deps: bytes | None = None, payload: bytes | None = None) -> None:
    """Rewrite an entry with some parts changed and a correct checksum, as a stale (not a damaged) entry."""
    _head, _, body = path.read_bytes().partition(b"\n")
    old_key, _, rest = body.partition(b"\n")
    old_deps, _, old_payload = rest.partition(b"\n\n")
    body = (key or old_key) + b"\n" + (old_deps if deps is None else deps) + b"\n\n" + (old_payload if payload is None else payload)
    path.write_bytes(b"%s %d %d\n%s" % (helpcache.MAGIC, zlib.crc32(body), len(body), body))


# -- the same bytes, without typer -------------------------------------------------------------


@needs_script
@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "root")
def test_cached_help_is_byte_identical_to_typers(tmp_path, path, columns):
    cache = tmp_path / "cache"
    expected = uncached(tmp_path, *path, columns=columns)
    first = tocht(*path, "--help", cache=cache, columns=columns)
    assert len(entries(cache)) == 1
    second = tocht(*path, "--help", cache=cache, columns=columns, PYTHONPROFILEIMPORTTIME="1")
    assert first.returncode == second.returncode == 0
    assert first.stderr == b""
    assert first.stdout == second.stdout == expected
    assert "typer" not in imported(second.stderr) and "tocht_cli.cli.framework.helpcache" in imported(second.stderr)


def test_the_cached_path_does_not_import_typer():
    code = "import sys; sys.argv = ['tocht', 'statements', '--help']\nfrom tocht_cli.launch import main\ntry: main()\nexcept SystemExit: pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'pydantic', 'rich')))"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)]
    *help_first, modules_first = runs[0].splitlines()
    *help_second, modules_second = runs[1].splitlines()
    assert "'typer'" in modules_first and modules_second == "[]"  # the first run renders through typer, the second does not
    assert help_first == help_second and help_first[0].startswith("Usage: tocht statements")


# -- a stale entry is not used -----------------------------------------------------------------


def test_the_key_holds_version_width_language_and_stdout_encoding(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "TYPER_USE_RICH"):
        monkeypatch.delenv(name, raising=False)
    base = helpcache.key(["statements", "--help"])
    assert base is not None
    changed = {"COLUMNS": "120", "LANGUAGE": "nl", "LC_ALL": "nl_BE.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8", "LANG": "de_DE.UTF-8"}
    for name, value in changed.items():
        with monkeypatch.context() as m:
            m.setenv(name, value)
            assert helpcache.key(["statements", "--help"]) != base, name
    with monkeypatch.context() as m:
        m.setattr("tocht_cli.__version__", "99.0")
        assert helpcache.key(["statements", "--help"]) != base
    assert helpcache.key(["statements", "vote", "--help"]) != base
    monkeypatch.setenv("TOCHT_DB", "/elders/tocht.json")  # named in the help, its value never shown
    assert helpcache.key(["statements", "--help"]) == base


def test_only_a_command_path_before_help_is_kept():
    assert helpcache.key(["--help"]) is not None
    assert helpcache.key(["statements", "vote", "--help"]) is not None
    for args in (["list"], ["--db", "x.json", "--help"], ["a", "b", "c", "d", "--help"], ["stat\udcffements", "--help"], []):
        assert helpcache.key(args) is None, args


def test_a_language_given_with_lang_is_part_of_the_key():
    keys = {helpcache.key(args) for args in (["new", "--help"], ["--lang", "nl", "new", "--help"], ["--lang=en", "new", "--help"])}
    assert None not in keys and len(keys) == 3
    for args in (["--lang", "nl", "--db", "x.json", "--help"], ["--lang", "--help"], ["--lang", "-x", "new", "--help"]):
        assert helpcache.key(args) is None, args


@needs_script
def test_help_in_another_language_is_kept_apart_and_follows_its_catalog(tmp_path):
    from tocht_cli.base import i18n

    cache = tmp_path / "cache"
    dutch = tocht("--lang", "nl", "new", "--help", cache=cache).stdout
    english = tocht("--lang", "en", "new", "--help", cache=cache).stdout
    assert dutch.startswith(b"Gebruik: tocht new") and english.startswith(b"Usage: tocht new")
    assert tocht("--lang", "nl", "new", "--help", cache=cache).stdout == dutch and len(entries(cache)) == 2
    catalog = os.fsencode(next(path for path in i18n.catalog_files() if "nl" in path.parts))
    assert all(catalog in entry.read_bytes() for entry in entries(cache))  # a changed catalog makes the entry stale


@pytest.mark.parametrize("columns", [None, "", "0", "-5", "x", "120", " 60 "])
def test_columns_are_shutils(monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert helpcache.columns() == shutil.get_terminal_size().columns


@needs_script
def test_an_entry_for_another_width_or_language_is_not_used(tmp_path):
    cache = tmp_path / "cache"
    narrow = tocht("statements", "vote", "--help", cache=cache, columns=60).stdout
    wide = tocht("statements", "vote", "--help", cache=cache, columns=120).stdout
    assert narrow != wide and wide == uncached(tmp_path, "statements", "vote", columns=120)
    tocht("statements", "vote", "--help", cache=cache, columns=120, LANG="nl_BE.UTF-8")
    assert len(entries(cache)) == 3


@needs_script
@pytest.mark.parametrize(
    "change",
    [
        {"key": b"('0.0.1',)"},  # another version of tocht
        {"deps": b"1 1 " + os.fsencode(helpcache.__file__)},  # a source file that has changed since
        {"deps": b"1 1 " + os.fsencode(helpcache.__file__) + b".gone"},  # ... or is gone
    ],
    ids=["version", "changed-source", "missing-source"],
)
def test_a_stale_entry_is_not_used(tmp_path, change):
    cache = tmp_path / "cache"
    expected = tocht("--help", cache=cache).stdout
    [entry] = entries(cache)
    forge(entry, payload=b"FORGED\n")
    assert tocht("--help", cache=cache).stdout == b"FORGED\n"  # the forgery itself is a valid entry
    forge(entry, payload=b"FORGED\n", **change)
    result = tocht("--help", cache=cache)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")
    assert tocht("--help", cache=cache).stdout == expected  # replaced by a fresh entry


# -- a cache is never required -----------------------------------------------------------------


@needs_script
@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the help flipped
        lambda data: data.replace(b" ", b"  ", 1),  # a header that does not parse
        lambda data: b"",
        lambda data: os.urandom(3000),
    ],
    ids=["truncated", "bit-flip", "bad-header", "empty", "random"],
)
def test_a_damaged_entry_is_ignored_and_replaced(tmp_path, damage):
    cache = tmp_path / "cache"
    tocht("statements", "--help", cache=cache)  # the entry points found (a scan that imports more: deps of its own)
    for made in entries(cache):
        made.unlink()
    expected = tocht("statements", "--help", cache=cache).stdout
    [entry] = entries(cache)
    whole = entry.read_bytes()
    entry.write_bytes(damage(whole))
    result = tocht("statements", "--help", cache=cache)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")
    assert entry.read_bytes() == whole


@needs_script
def test_an_unwritable_cache_still_prints_help(tmp_path):
    expected = uncached(tmp_path)
    for where in (tmp_path / "not-a-folder" / "cache", tmp_path / "not-a-folder", "/dev/null/cache"):
        for _ in range(2):
            result = tocht("--help", cache=where)
            assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")


@needs_script
def test_a_read_only_cache_still_prints_help(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o555)
    try:
        result = tocht("--help", cache=cache)
        assert (result.returncode, result.stderr) == (0, b"") and result.stdout.startswith(b"Usage: tocht")
        assert entries(cache) == []
    finally:
        cache.chmod(0o755)


@needs_script
def test_errors_and_options_before_help_are_not_kept(tmp_path):
    cache = tmp_path / "cache"
    for _ in range(2):
        wrong = tocht("nosuch", "--help", cache=cache)
        assert wrong.returncode == 2 and b"nosuch" in wrong.stderr and wrong.stdout == b""
        assert tocht("--db", str(tmp_path / "x.json"), "--help", cache=cache).returncode == 0
    assert entries(cache) == []


def test_only_help_that_exits_0_with_nothing_on_stderr_is_kept(tmp_path, capsysbinary):
    def app(code: int | None, warning: str = ""):
        def run() -> None:
            print("Usage: tocht")
            if warning:
                print(warning, file=sys.stderr)
            if code is None:
                raise KeyboardInterrupt
            sys.exit(code)

        return run

    for run, kept in ((app(None), False), (app(1), False), (app(0, "a warning"), False), (app(0), True)):
        with pytest.raises((SystemExit, KeyboardInterrupt)):
            helpcache.record(["--help"], run)
        assert capsysbinary.readouterr().out == b"Usage: tocht\n"  # written through as it came
        assert len(entries(tmp_path / "cache")) == kept
    assert helpcache.replay(["--help"]) and capsysbinary.readouterr().out == b"Usage: tocht\n"


@needs_script
def test_a_closed_pipe_exits_1_quietly_as_typer_does(tmp_path):
    def closed_pipe(cache: Path) -> tuple[int, bytes]:
        read, write = os.pipe()
        os.close(read)
        env = {**os.environ, "TOCHT_CACHE_DIR": str(cache)}
        try:
            result = subprocess.run([str(SCRIPT), "--help"], stdout=write, stderr=subprocess.PIPE, env=env, timeout=PATIENCE)
        finally:
            os.close(write)
        return result.returncode, result.stderr

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    cache = tmp_path / "cache"
    assert closed_pipe(blocked) == (1, b"")  # typer's own answer
    assert closed_pipe(cache) == (1, b"") and entries(cache) == []  # rendered while copied: the same, and nothing kept
    tocht("--help", cache=cache)
    assert closed_pipe(cache) == (1, b"")  # from the cache


def test_the_folder_is_kept_to_its_size(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(helpcache.MAX_ENTRIES + 5):
        (cache / f"help-{n:016x}").write_bytes(b"old")
        os.utime(cache / f"help-{n:016x}", ns=(n * 10**9, n * 10**9))
    (cache / "notes.txt").write_text("not ours", encoding="utf-8")
    key = helpcache.key(["--help"])
    assert key is not None
    helpcache.save(key, b"Usage: tocht\n")
    names = {p.name for p in entries(cache)}
    assert len(names) == helpcache.MAX_ENTRIES and "help-0000000000000000" not in names
    assert Path(helpcache.entry_path(key) or "").name in names and (cache / "notes.txt").exists()


def test_the_default_folder_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("TOCHT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert installation.cache_folder() == str(tmp_path / "xdg" / "tocht")
        monkeypatch.setenv("XDG_CACHE_HOME", "relative")
        assert installation.cache_folder() == os.path.expanduser("~/.cache/tocht")


# -- Ctrl-C ------------------------------------------------------------------------------------


@needs_script
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_ctrl_c_during_help_exits_130_without_a_traceback_and_leaves_no_half_entry(tmp_path):
    """As test_faults' start-up test, for help rendered and help from the cache (CPython's own start is counted, not bounded)."""
    cache = tmp_path / "cache"
    expected = uncached(tmp_path, "statements")
    env = {**os.environ, "COLUMNS": "80", "TOCHT_CACHE_DIR": str(cache)}
    codes: list[int] = []

    def interrupt(delay: float, folder: Path = cache) -> None:
        run_env = {**env, "TOCHT_CACHE_DIR": str(folder)}
        proc = subprocess.Popen([str(SCRIPT), "statements", "--help"], env=run_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=PATIENCE)
        cpython = b"Traceback" in err or err.strip() == b"KeyboardInterrupt"  # so early it prints no traceback (exit 1)
        if cpython and b"tocht_cli" not in err and not re.search(rb'bin/tocht", line [1-9]', err):
            return  # CPython's own start: no tocht code ran yet
        assert b"Traceback" not in err, err.decode()
        assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, err)
        assert proc.returncode != 0 or out == expected
        codes.append(proc.returncode)

    for n in range(30):
        if n == 15:
            tocht("statements", "--help", cache=cache)  # the second half replays a kept entry
        interrupt(0.004 * n if n < 15 else 0.001 * (n - 15))  # the cached path is done in ~15 ms
    # whatever the load, one Ctrl-C is sent once tocht's code runs (rendered afresh, not replayed)
    code, _out, err = interrupt_when_running(SCRIPT, ["statements", "--help"], {**env, "TOCHT_CACHE_DIR": str(tmp_path / "late")})
    assert code == 130 and b"Traceback" not in err, err.decode()
    assert entries(tmp_path / "late") == []  # no half entry
    result = tocht("statements", "--help", cache=cache)
    assert (result.returncode, result.stdout) == (0, expected)


def test_a_kind_plugin_installed_later_shows_in_help(tmp_path):
    """Installing a package adds a dist-info folder on sys.path; the plugin's commands must appear."""
    plugin = Path(__file__).resolve().parent / "plugin"
    site = tmp_path / "site"
    site.mkdir()
    env = {"PYTHONPATH": str(site)}
    before = tocht("--help", cache=tmp_path / "cache", **env)
    dots = re.compile(rb"^  dots ", re.M)  # the plugin's command (tocht's own dotvote speaks of dots too)
    assert not dots.search(before.stdout)
    assert tocht("--help", cache=tmp_path / "cache", **env).stdout == before.stdout  # from the cache now
    shutil.copytree(plugin / "tocht_dots", site / "tocht_dots")
    shutil.copytree(plugin / "tocht_dots-1.0.dist-info", site / "tocht_dots-1.0.dist-info")
    after = tocht("--help", cache=tmp_path / "cache", **env)
    assert after.returncode == 0 and dots.search(after.stdout)
