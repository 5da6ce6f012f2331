"""Fault tests for issue 8: forced interleavings, outputs aimed at the database, read-only archives,
odd paths, hostile bytes and what a kill leaves behind. Each forces the bad case rather than hoping for it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.files import ROOT, answers_file
from tests.helpers.patience import PATIENCE
from tests.helpers.signals import interrupt_when_running
from tocht_cli import store as store_module
from tocht_cli.store import Store

TOCHT = [sys.executable, "-m", "tocht_cli"]


# As root, file permissions bind only without these capabilities: the read-only tests drop them.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--inh-caps=-dac_override,-dac_read_search,-fowner"]


def tocht(*args, db: Path, input: bytes | None = None, unprivileged: bool = False, timeout: float = 60):
    """tocht as a real process (argv bytes, signals, permissions and file descriptors are real)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOCHT_DB": str(db)}
    prefix = UNPRIVILEGED if unprivileged and os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *TOCHT, *args], input=input, capture_output=True, env=env, timeout=timeout, cwd=db.parent if db.parent.exists() else None
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but the name index's stamp: it holds the sessions folder's times, which a write
    taken back (a file moved aside and back) changes too."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "state.json"}


@contextmanager
def failing_index_writes(db: Path):
    """Every write of the list (tocht.json) fails as on a full disk; session files still write."""
    from tocht_cli.base.errors import DatabaseError
    from tocht_cli.store.storage import AtomicJSONStorage

    real_write = AtomicJSONStorage.write

    def index_write_fails(self, data):
        if self.path == db:
            raise DatabaseError("disk full (simulated)")
        real_write(self, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AtomicJSONStorage, "write", index_write_fails)
        yield


@pytest.fixture
def store(isolated_db):
    return Store(isolated_db)


def new_session(cli, *groups: str) -> str:
    args = ["new", "Proef"] + [a for g in groups for a in ("-g", g)]
    return cli(*args).stdout.strip()


# -- 1. no lost update -------------------------------------------------------------------------


def forced_interleaving(db: Path, change_a, change_b, apply):
    """A reads (inside its change), then B tries to write and must wait for A's lock; then B applies."""
    a, b = Store(db), Store(db)
    b_waiting = threading.Event()
    b.on_wait = b_waiting.set
    errors: list[BaseException] = []
    started: list[threading.Thread] = []

    def run_b():
        try:
            apply(b, change_b)
        except BaseException as exc:
            errors.append(exc)

    def a_after_reading(current):
        thread = threading.Thread(target=run_b)
        thread.start()
        started.append(thread)
        assert b_waiting.wait(PATIENCE), "B was not made to wait for A's lock"
        return change_a(current)

    apply(a, a_after_reading)
    started[0].join(PATIENCE)
    assert not errors, errors


def test_two_changes_to_one_answer_at_the_same_moment_both_stay(isolated_db, store):
    sid = store.create_session({"name": "s", "groups": ["g"], "kit": {}})["id"]

    def add(row):
        return lambda current: {"rows": [*(current or {}).get("rows", []), row]}

    forced_interleaving(isolated_db, add("A"), add("B"), lambda s, change: s.update(sid, "regio", "_", "g", change))
    (answer,) = store.answers(sid)
    assert answer["value"]["rows"] == ["A", "B"]


def test_two_new_groups_at_the_same_moment_both_stay(isolated_db, store):
    sid = store.create_session({"name": "s", "groups": ["g"], "kit": {}})["id"]

    def add(group):
        return lambda record: {**record, "groups": [*record["groups"], group]}

    forced_interleaving(isolated_db, add("a"), add("b"), lambda s, change: s.update_session(sid, change))
    assert store.session(sid)["groups"] == ["g", "a", "b"]
    with store.reading(store.session_file(sid), "session") as db:
        assert db.table("meta").all()[0]["record"]["groups"] == ["g", "a", "b"]  # the file's own record agrees


def test_hands_given_in_two_terminals_at_once_add_up(isolated_db, cli, monkeypatch):
    """The statements' count merge runs against the latest hands, not those read before the lock."""
    cli("new", "Stemmen")
    cli("statements", "vote", "A1", "--agree", "3")
    real = Store.update
    other_done = []

    def update_with_a_rival(self, session_id, exercise, item, group, change, *placing):
        if not other_done:  # the rival terminal records its hands between our read and write
            other_done.append(True)
            subprocess.run(
                [*TOCHT, "statements", "vote", "A1", "--disagree", "2"],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                check=True,
                capture_output=True,
            )
        return real(self, session_id, exercise, item, group, change, *placing)

    monkeypatch.setattr(Store, "update", update_with_a_rival)
    cli("statements", "vote", "A1", "--unsure", "1")
    value = json.loads(cli("statements", "--json").stdout)
    assert next(iter(value.values()))["A1"]["counts"] == {"eens": 3, "oneens": 2, "twijfel": 1}


def test_seven_challenges_added_at_once_are_all_kept(isolated_db, cli):
    cli("new", "Regio", "-g", "Gent / tafel 1", "-g", "Aalst / tafel 2")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [*TOCHT, "challenges", "add", f"uitdaging {n}", "-g", "Gent"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for n in range(7)
    ]
    results = [p.communicate(timeout=PATIENCE) for p in procs]
    assert [p.returncode for p in procs] == [0] * 7, results
    assert all(b"saved:" in err for _, err in results)
    rows = json.loads(cli("challenges", "--json", "-g", "Gent").stdout)["Gent / tafel 1"]["_"]["rows"]
    assert sorted(r["challenge"] for r in rows) == [f"uitdaging {n}" for n in range(7)]


def test_bingo_crosses_and_the_bingo_moment_are_saved_together(cli, store):
    sid = cli("new", "Bingo").stdout.strip()
    cli("bingo", "cross", *map(str, range(1, 10)))
    cli("bingo", "cross", "10")
    whole = [a for a in store.answers(sid) if a["item"] == "_"]
    assert whole and whole[0]["value"]["bingo_at"]


def test_a_row_edited_from_a_stale_list_follows_its_row_or_is_refused(cli, store):
    from tocht_cli.kinds.lists import NumberedList

    sid = cli("new", "Rijen").stdout.strip()
    cli("challenges", "add", "eerste")
    cli("challenges", "add", "tweede")
    cli("challenges", "add", "derde")
    group = store.session(sid)["groups"][0]

    def rows():
        return [(r["challenge"], r["regional"]) for r in store.answers(sid)[0]["value"]["rows"]]

    # the walk showed row 2 'tweede'; another terminal removes row 1 meanwhile: the walk's edit follows the row
    cli("challenges", "remove", "1")
    store.update(
        sid,
        "regio",
        "_",
        group,
        lambda v: NumberedList("rows", "row").edit(2, {"regional": "fonds"}, expected={"challenge": "tweede", "regional": ""})(
            dict(v or {})
        ),
    )
    assert rows() == [("tweede", "fonds"), ("derde", "")]
    # a row that another terminal removed is not edited in someone else's place
    with pytest.raises(Exception, match="changed or removed in the meantime"):
        store.update(
            sid,
            "regio",
            "_",
            group,
            lambda v: NumberedList("rows", "row").remove(1, expected={"challenge": "eerste", "regional": ""})(dict(v or {})),
        )
    assert rows() == [("tweede", "fonds"), ("derde", "")]


# -- 2. outputs never clobber the database ----------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        lambda db, sid: ["export", "-o", str(db)],
        lambda db, sid: ["export", "-o", str(db.parent / "tocht.sessions" / f"{sid}.json")],
        lambda db, sid: ["export", "-o", str(db) + ".lock"],
        lambda db, sid: ["export", "-o", str(db.parent / "tocht.sessions" / "nieuw.md")],
        lambda db, sid: ["export", "-o", str(db.parent / "." / "tocht.sessions" / ".." / "tocht.json")],
        lambda db, sid: ["export", "--all", "--out-dir", str(db.parent / "tocht.sessions")],
        lambda db, sid: ["export", "--all", "--out-dir", str(db.parent / "tocht.sessions" / "sub")],
        lambda db, sid: ["kit", "copy", str(db.parent / "tocht.sessions" / "kit")],
    ],
    ids=["database", "session file", "lock", "inside sessions", "dotted path", "out-dir sessions", "out-dir below", "kit copy"],
)
def test_no_output_option_writes_over_the_database(cli, isolated_db, target):
    sid = cli("new", "Veilig").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens")
    before = snapshot(isolated_db.parent)
    result = cli(*target(isolated_db, sid), ok=False)
    assert result.exit_code == 2 and "part of the tocht database" in result.stderr, result.stderr
    assert snapshot(isolated_db.parent) == before


def test_an_output_link_to_the_database_is_refused(cli, isolated_db, tmp_path):
    cli("new", "Link")
    link = tmp_path / "verslag.md"
    link.symlink_to(isolated_db)
    before = isolated_db.read_bytes()
    assert cli("export", "-o", str(link), ok=False).exit_code == 2
    assert isolated_db.read_bytes() == before and link.is_symlink()


def test_dash_and_dev_stdout_write_to_standard_output(isolated_db, cli):
    cli("new", "Uit")
    for target in ("-", "/dev/stdout"):
        result = tocht("export", "-o", target, db=isolated_db)
        assert result.returncode == 0 and result.stdout.startswith(b"# Uit"), result.stderr


def test_export_onto_a_symlink_replaces_its_target_and_keeps_the_link(cli, tmp_path):
    cli("new", "Doel")
    target = tmp_path / "gedeeld" / "verslag.md"
    target.parent.mkdir()
    target.write_text("oud", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "verslag.md"
    link.symlink_to(target)
    cli("export", "-o", str(link))
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("# Doel")
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)  # a replaced file keeps its permissions
    assert sorted(p.name for p in target.parent.iterdir()) == ["verslag.md"]  # no temp file beside it


def test_a_database_behind_a_symlink_is_replaced_through_the_link(tmp_path, monkeypatch, cli):
    real = tmp_path / "sync" / "tocht.json"
    real.parent.mkdir()
    link = tmp_path / "tocht.json"
    link.symlink_to(real)
    monkeypatch.setenv("TOCHT_DB", str(link))
    cli("new", "Gesynct")
    cli("statements", "vote", "A1", "-p", "eens")
    assert link.is_symlink() and real.is_file()
    assert (real.parent / "tocht.sessions").is_dir()  # the answers live beside the real file, in the synced folder
    assert "Gesynct" in cli("list").stdout


def test_a_dangling_database_link_is_an_error_that_creates_nothing(tmp_path, monkeypatch, cli):
    link = tmp_path / "tocht.json"
    link.symlink_to(tmp_path / "niet-gemount" / "tocht.json")
    monkeypatch.setenv("TOCHT_DB", str(link))
    for args in (["list"], ["new", "X"]):
        result = cli(*args, ok=False)
        assert result.exit_code == 5 and "does not exist" in result.stderr
    assert not (tmp_path / "niet-gemount").exists()


def test_disk_full_while_exporting_exits_5_and_keeps_the_previous_file(isolated_db, cli, tmp_path):
    cli("new", "Vol")
    out = tmp_path / "verslag.md"
    out.write_text("vorige versie", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        from tocht_cli.launch import main
        sys.argv = ["tocht", "export", "-o", {str(out)!r}]
        main()
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=PATIENCE
    )
    assert proc.returncode == 5 and "could not write" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert out.read_text(encoding="utf-8") == "vorige versie"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".verslag")) == []


# -- 3. read-only archives and odd paths ------------------------------------------------------


@pytest.fixture
def read_only_db(cli, isolated_db, tmp_path):
    """A copy of a database in folders and files nobody may write (as on a locked stick or a backup mount)."""
    earlier = cli("new", "Vorige keer", "-g", "a", "-g", "b").stdout.strip()
    sid = cli("new", "Archief", "--from", earlier).stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens", "-g", "a")
    usb = tmp_path / "usb"
    shutil.copytree(isolated_db.parent, usb, ignore=shutil.ignore_patterns("*.lock", "usb"))
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to test permissions as root")
    for path in sorted(usb.rglob("*"), reverse=True) + [usb]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield usb / "tocht.json", sid
    for path in [usb, *usb.rglob("*")]:
        path.chmod(0o755)


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show"],
        ["export"],
        ["export", "-f", "json"],
        ["export", "--all", "--out-dir", "{out}"],
        ["replay"],
        ["compare", "Vorige"],
        ["kit", "show"],
        ["statements"],
        ["doctor"],
    ],
)
def test_reading_commands_work_on_a_read_only_archive(read_only_db, args):
    db, _sid = read_only_db
    before = snapshot(db.parent)
    out = db.parent.parent / "verslagen"
    result = tocht(*(a.format(out=out) for a in args), db=db, unprivileged=True)
    assert result.returncode == 0, result.stderr.decode()
    assert snapshot(db.parent) == before and not (db.parent / "tocht.json.lock").exists()


def test_writing_to_a_read_only_archive_exits_5_with_a_clear_message(read_only_db):
    db, _sid = read_only_db
    before = snapshot(db.parent)
    result = tocht("statements", "vote", "A2", "-p", "eens", "-g", "a", db=db, unprivileged=True)
    assert result.returncode == 5 and b"read-only" in result.stderr and b"Traceback" not in result.stderr, result.stderr
    assert snapshot(db.parent) == before


def test_a_database_folder_that_is_a_file(tmp_path, monkeypatch, cli):
    (tmp_path / "map").write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("TOCHT_DB", str(tmp_path / "map" / "tocht.json"))
    assert cli("list", ok=False).exit_code in (0, 5)
    result = cli("new", "X", ok=False)
    assert result.exit_code == 5 and "is a file" in result.stderr


def test_a_database_path_that_is_a_folder(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("TOCHT_DB", str(tmp_path))
    result = cli("list", ok=False)
    assert result.exit_code == 5 and "is a folder" in result.stderr


def test_a_lock_file_that_cannot_be_created(isolated_db, cli):
    cli("new", "Slot")
    lock = isolated_db.with_name("tocht.json.lock")
    lock.unlink()
    lock.mkdir()  # something in the way of the lock file
    result = cli("statements", "vote", "A1", "-p", "eens", ok=False)
    assert result.exit_code == 5 and "lock" in result.stderr


def test_a_lock_held_too_long_names_its_holder(isolated_db, cli, monkeypatch):
    sid = cli("new", "Bezet").stdout.strip()
    code = f"""
import sys, time
from tocht_cli.store import Store
with Store({str(isolated_db)!r}).transaction({sid!r}):
    print("held", flush=True)
    time.sleep(30)
"""
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
        result = cli("statements", "vote", "A1", "-p", "eens", ok=False)
        assert result.exit_code == 5 and f"pid {holder.pid}" in result.stderr, result.stderr
    finally:
        holder.kill()
        holder.wait()


# -- 4. bad input: a clear error, nothing written ---------------------------------------------


def test_an_argument_that_is_not_utf8_is_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "tocht.json"
    result = tocht("new", b"caf\xe9", db=db)
    assert result.returncode == 2 and b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert not db.exists() and not (tmp_path / "tocht.sessions").exists()


def test_an_empty_db_option_is_a_usage_error_that_creates_nothing(tmp_path):
    result = tocht("--db", "", "new", "X", db=tmp_path / "tocht.json")
    assert result.returncode == 2 and b"--db is empty" in result.stderr
    assert list(tmp_path.iterdir()) == []


def damaged(db: Path, text: str) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "text, words",
    [
        ('{"meta": {"1": {"schema": ' + "9" * 5000 + "}}}", "not valid JSON"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('{"meta": {"²": {"schema": 1, "kind": "index"}}}', "not a document"),
        ('{"meta": {"01": {"schema": 1, "kind": "index"}}}', "not a document"),
        ('{"meta": {"1": {"schema": true, "kind": "index"}}}', "not a tocht index file"),
        ("\ufeff{}", "byte order mark"),
    ],
    ids=["huge number", "deep nesting", "superscript id", "leading zero id", "schema true", "bom"],
)
def test_pathological_database_files_exit_5_untouched(isolated_db, cli, text, words):
    damaged(isolated_db, text)
    before = isolated_db.read_bytes()
    for args in (["list"], ["new", "X"], ["doctor"]):
        result = cli(*args, ok=False)
        assert result.exit_code == 5 and words in result.stderr + result.stdout, (args, result.stderr)
    assert isolated_db.read_bytes() == before


def export_doc(cli, tmp_path) -> dict:
    cli("new", "Bron", "-g", "a")
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "2")
    path = tmp_path / "bron.json"
    cli("export", "-f", "json", "-o", str(path))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda t: t.replace('"version": 2', '"version": true'), "version"),
        (lambda t: t.replace('"name": "Bron"', '"name": "Bron", "name": "Ander"'), "session.name"),
        (lambda t: t.replace('"eens": 2', '"eens": 2, "EENS": 3'), "given twice"),
        (lambda t: t.replace('"version": 2', '"version": 2' + "0" * 5000), "not valid JSON"),
        (lambda t: t.replace('"answers": [', '"answers": [' + "[" * 50_000 + "]" * 50_000 + ","), "nested too deeply"),
        (lambda t: t.replace('"name": "Bron"', '"name": "\\ud800"'), "lone surrogates"),
        (lambda t: t.replace('"name": "Bron"', '"name": "\\u200b\\u200b"'), "visible characters"),
        (lambda t: t.replace('"a"', '"\\u200b"'), "session.groups[0]"),
        (lambda t: "\ufeff" + t, "byte order mark"),
    ],
    ids=[
        "version true",
        "repeated key",
        "hands colliding",
        "huge number",
        "deep nesting",
        "lone surrogate",
        "invisible name",
        "invisible group",
        "bom",
    ],
)
def test_hostile_import_files_are_refused_with_the_path_to_the_value(cli, tmp_path, isolated_db, edit, words):
    export_doc(cli, tmp_path)
    text = edit((tmp_path / "bron.json").read_text(encoding="utf-8"))
    hostile = tmp_path / "vijandig.json"
    hostile.write_text(text, encoding="utf-8")
    before = snapshot(isolated_db.parent)
    result = cli("import", str(hostile), ok=False)
    assert result.exit_code == 4 and words in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert snapshot(isolated_db.parent) == before


def test_import_from_dev_stdin_works_like_dash(cli, tmp_path, isolated_db):
    export_doc(cli, tmp_path)
    data = (tmp_path / "bron.json").read_bytes()
    for source in ("-", "/dev/stdin"):
        result = tocht("import", source, "--name", f"via {source}", db=isolated_db, input=data)
        assert result.returncode == 0, result.stderr
    names = [s["name"] for s in json.loads(cli("list", "--json").stdout)]
    assert "via -" in names and "via /dev/stdin" in names


@pytest.mark.parametrize(
    "args",
    [
        ["new", "\u200b\u200b"],
        ["new", "Ok", "-g", "\u200b"],
        ["rename", "Ok", "\u2060 \u200d"],
        ["add-group", "\u3164"],
        ["vocabulary", "add-word", "\u200b"],
        ["vocabulary", "add-word", ""],
        ["challenges", "add", " \u200b "],
        ["challenges", "edit", "1", "--challenge", ""],
        ["alliances", "add", ""],
        ["alliances", "with", "1", "--own", " "],
        ["group", "rename", "groep 1", ""],
    ],
    ids=["name", "group", "rename", "add-group", "word", "empty word", "challenge", "empty challenge", "partner", "own", "group rename"],
)
def test_names_and_texts_of_only_invisible_characters_are_refused(cli, isolated_db, args):
    cli("new", "Ok")
    cli("challenges", "add", "Een uitdaging")
    before = snapshot(isolated_db.parent)
    result = cli(*args, ok=False)
    assert result.exit_code == 2 and "visible characters" in result.stderr, result.stderr
    assert snapshot(isolated_db.parent) == before


def test_one_set_of_limits_for_every_command_and_import(cli, tmp_path):
    from tocht_cli.sessions import records

    long_group = "g" * (records.MAX_GROUP + 1)
    assert cli("new", "X", "-g", long_group, ok=False).exit_code == 2
    assert cli("new", "X", *[a for n in range(records.MAX_GROUPS + 1) for a in ("-g", f"t{n}")], ok=False).exit_code == 2
    cli("new", "Y")
    assert cli("add-group", long_group, ok=False).exit_code == 2
    assert cli("rename", "Y", "n" * (records.MAX_NAME + 1), ok=False).exit_code == 2
    # merge: 'SOURCE / GROUP' would pass the limit a group's name has
    a = cli("new", "s" * records.MAX_NAME, "-g", "tafel").stdout.strip()
    b = cli("new", "Kort").stdout.strip()
    result = cli("merge", a, b, "--name", "Samen", ok=False)
    assert result.exit_code == 2 and "shorter name" in result.stderr


def test_a_kit_with_hostile_files_is_invalid(kit_copy, cli):
    kit_file = kit_copy / "kit.toml"
    text = kit_file.read_text(encoding="utf-8")
    kit_file.write_text(
        text.replace('"bingo",', '"../../etc/passwd", "bingo",', 1).replace('title = "', 'title = "\\u001b]0;pwned\\u0007', 1),
        encoding="utf-8",
    )
    (kit_copy / "regio.toml").write_bytes(b"\xef\xbb\xbf" + (kit_copy / "regio.toml").read_bytes())
    (kit_copy / "rollen.toml").write_text("kind = 'roles'\nx = " + "9" * 5000 + "\n", encoding="utf-8")
    (kit_copy / "stappenplan.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = cli("kit", "validate", str(kit_copy), ok=False)
    assert result.exit_code == 4, result.stderr
    for words in (
        "'../../etc/passwd' is not an exercise file",
        "control characters",
        "byte order mark",
        "rollen.toml: not valid TOML",
        "stappenplan.toml: not valid TOML",
    ):
        assert words in result.stderr, (words, result.stderr)
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_at_any_moment_of_start_up_exits_130_without_a_traceback(tmp_path):
    """Through the installed console script, from the first instant to well past the imports.

    Only CPython's own start (its `io` and `site` imports, a few ms before any of
    tocht's code exists) is outside tocht's reach; it is counted, not hidden.
    """
    script = Path(sys.executable).parent / "tocht"
    if not script.exists():
        pytest.skip("tocht is not installed in this environment")
    env = {**os.environ, "TOCHT_DB": str(tmp_path / "tocht.json")}
    codes, pythons_own = [], 0
    for n in range(40):
        proc = subprocess.Popen([str(script), "list"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.003 * n)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=PATIENCE)
        cpython = b"Traceback" in err or err.strip() == b"KeyboardInterrupt"  # so early it prints no traceback (exit 1)
        if cpython and b"tocht_cli" not in err and not re.search(rb'bin/tocht", line [1-9]', err):
            pythons_own += 1  # CPython's own start (io, site, compiling the script: "line 0"): no tocht code ran yet
            continue
        assert b"Traceback" not in err, err.decode()
        codes.append(proc.returncode)
    assert set(codes) <= {0, 130, -signal.SIGINT}, codes  # -SIGINT: killed before Python set up its handler
    code, _out, err = interrupt_when_running(script, ["list"], env)  # and one surely in tocht's own code, whatever the load
    assert code == 130 and b"Traceback" not in err, (pythons_own, err.decode())


# -- 5. text from any source is cleaned where it is printed -----------------------------------

HOSTILE = "\x1b]0;pwned\x07Naam\x1b[6n\x9b31m\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\u202e"


def test_text_that_bypassed_validation_is_cleaned_when_printed(isolated_db, cli, store):
    """A database edited by hand or by an older tocht: names, provenance and answers reach no terminal raw."""
    sid = store.create_session(
        {
            "name": HOSTILE,
            "date": "2026-01-01",
            "place": HOSTILE,
            "groups": [HOSTILE],
            "kit": {},
            "from": {"id": "x", "name": HOSTILE, "date": HOSTILE},
        }
    )["id"]
    store.put_answer(sid, "stellingen", "A1", HOSTILE, {"position": "eens", "counts": {}, "note": HOSTILE})
    for args in (
        ["list"],
        ["show"],
        ["show", "--brief"],
        ["statements"],
        ["export"],
        ["replay"],
        ["compare", sid],
        ["doctor"],
        ["rename", sid, "x"],
    ):
        result = cli(*args, ok=False)
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown and "\u202e" not in shown, (args, shown)


def test_paths_in_messages_are_cleaned(tmp_path, monkeypatch, cli):
    folder = tmp_path / "a\x1b]0;x\x07b"
    (folder).write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("TOCHT_DB", str(folder / "tocht.json"))
    result = cli("new", "X", ok=False)
    assert result.exit_code == 5 and "\x1b" not in result.stderr and "\x07" not in result.stderr


# -- 6. nothing left behind -------------------------------------------------------------------


def test_a_batch_failing_halfway_leaves_no_file(isolated_db, cli, store, monkeypatch):
    cli("new", "Eerste")
    real_write = store_module.write_session_file
    writes = []

    def second_write_fails(path, *args):
        writes.append(path)
        if len(writes) == 2:
            raise store_module.DatabaseError("disk full (simulated)")
        real_write(path, *args)

    monkeypatch.setattr(store_module, "write_session_file", second_write_fails)
    with pytest.raises(store_module.DatabaseError):
        store.create_sessions([({"name": "Tweede"}, []), ({"name": "Derde"}, [])])
    assert len(answers_file(isolated_db)) == 1
    assert [s["name"] for s in json.loads(cli("list", "--json").stdout)] == ["Eerste"]


def test_a_kill_after_the_session_file_leaves_a_whole_session_the_cache_takes_in_later(isolated_db, cli, store):
    """`new` writes the session file, then the current pointer; the list's cache is not rewritten at all.
    A kill between the two leaves a session that is listed, healthy, and taken into the cache by its next rewrite."""
    first = cli("new", "Eerste").stdout.strip()
    index = isolated_db.read_bytes()
    real_write = store_module.write_atomic

    def killed_at_the_pointer(path, text):
        if path == store.current_path:
            raise SystemExit(137)  # what the process sees of a kill: nothing after this point runs
        real_write(path, text)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(SystemExit):
        patch.setattr(store_module, "write_atomic", killed_at_the_pointer)
        store.create_session({"name": "Tweede", "groups": ["a"]})
    assert isolated_db.read_bytes() == index  # the cache was never touched
    listed = json.loads(cli("list", "--json").stdout)
    assert sorted(s["name"] for s in listed) == ["Eerste", "Tweede"]
    assert cli("doctor").exit_code == 0 and cli("show").stdout.count("Eerste")  # still the current one
    second = next(s["id"] for s in listed if s["name"] == "Tweede")
    assert f'"{second}"'.encode() not in isolated_db.read_bytes()
    cli("use", second)  # a rewrite of the cache folds the new session in
    assert f'"{second}"'.encode() in isolated_db.read_bytes() and f'"{first}"'.encode() in isolated_db.read_bytes()
    assert sorted(s["name"] for s in json.loads(cli("list", "--json").stdout)) == ["Eerste", "Tweede"]


def test_a_new_session_never_takes_an_id_the_cache_still_names(store, monkeypatch):
    """An entry whose file is gone would lend its old record to a new session with the same id."""
    stale = store.create_session({"name": "Weg"})["id"]
    store.fold()
    store.session_file(stale).unlink()
    drawn = iter([stale, "abc123"])
    monkeypatch.setattr(store_module.secrets, "token_hex", lambda n: next(drawn))
    assert store.create_session({"name": "Nieuw"})["id"] == "abc123"


def test_doctor_finds_and_repairs_what_a_kill_leaves(isolated_db, cli, store):
    sid = cli("new", "Heel", "-g", "a").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens")
    sessions = store.sessions_dir
    assert cli("doctor").exit_code == 0
    # what kills between the two files of `new`/`import`, mid-write and mid-delete leave:
    shutil.copy(sessions / f"{sid}.json", sessions / "abc123.json")  # a session file the index does not know
    (sessions / ".abc123.json.write.tmp").write_text("{half", encoding="utf-8")
    (sessions / "dddddd.json").write_text(json.dumps({"meta": {"1": {"schema": 1, "kind": "session", "created": "x"}}}), encoding="utf-8")
    gone = cli("new", "Verdwenen").stdout.strip()
    store.fold()  # in the list's cache, as the next rename or `use` leaves it
    (sessions / f"{gone}.json").unlink()
    listing = cli("list").stdout  # the session files are the truth: an unlisted one shows, a listed one whose file is gone does not
    assert "abc123" in listing and "dddddd" not in listing and "Verdwenen" not in listing
    report = cli("doctor", "--json", ok=False)
    assert report.exit_code == 5
    kinds = sorted(f["kind"] for f in json.loads(report.stdout)["findings"])
    assert kinds == ["empty-orphan", "leftover", "missing", "orphan", "pointer"]  # pointer: the current session was the one whose file went
    assert cli("doctor", "--repair", ok=False).exit_code == 6  # asks first; without a terminal only --yes
    repaired = cli("doctor", "--repair", "--yes")
    assert "adopted session abc123" in repaired.stderr
    assert cli("doctor").exit_code == 0
    ids = {s["id"] for s in json.loads(cli("list", "--json").stdout)}
    assert ids == {sid, "abc123"}
    assert json.loads(cli("statements", "--json", "-s", "abc123").stdout)["a"]["A1"]["position"] == "eens"


def test_doctor_never_touches_a_damaged_file(isolated_db, cli, store):
    sid = cli("new", "Kapot").stdout.strip()
    path = store.session_file(sid)
    path.write_text('{"answers": ', encoding="utf-8")
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 5 and "damaged" in result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == '{"answers": '


# -- found by a hostile hunt outside the test suite -------------------------------------------


def test_an_output_into_a_linked_sessions_folder_is_refused(cli, isolated_db, tmp_path):
    sid = cli("new", "Gelinkt").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens")
    real = tmp_path / "elders"
    (isolated_db.parent / "tocht.sessions").rename(real)
    (isolated_db.parent / "tocht.sessions").symlink_to(real)
    before = snapshot(real)
    for target in (isolated_db.parent / "tocht.sessions" / f"{sid}.json", real / f"{sid}.json", real / "nieuw.md"):
        assert cli("export", "-o", str(target), ok=False).exit_code == 2
    assert cli("kit", "copy", str(real / "kit"), ok=False).exit_code == 2
    assert snapshot(real) == before


def test_a_lock_file_that_is_a_link_is_not_followed(cli, isolated_db, tmp_path):
    cli("new", "Slot")
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("belangrijk", encoding="utf-8")
    lock = isolated_db.with_name("tocht.json.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    assert cli("export", "-o", str(victim), ok=False).exit_code == 2  # the lock's target is the database's too
    result = cli("statements", "vote", "A1", "-p", "eens", ok=False)
    assert result.exit_code == 5 and "symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "belangrijk"


def test_doctor_leaves_other_programs_temp_files_alone(cli, isolated_db):
    cli("new", "Buren")
    theirs = isolated_db.parent / ".scriptie.docx.tmp"
    theirs.write_text("kostbaar", encoding="utf-8")
    assert cli("doctor").exit_code == 0
    cli("doctor", "--repair", "--yes")
    assert theirs.read_text(encoding="utf-8") == "kostbaar"


def test_a_rename_the_list_did_not_take_leaves_the_session_file_as_it_was(cli, isolated_db, store, monkeypatch):
    sid = cli("new", "Oud", "-g", "a").stdout.strip()
    before = store.session_file(sid).read_bytes()
    from tocht_cli.base import laptop

    moments = iter(range(10, 60))  # every save a second later: a change taken back must not be saved again now
    monkeypatch.setattr(laptop, "stamp", lambda: {"laptop": "abc123", "host": "vm", "at": f"2026-12-08T02:00:{next(moments)}+01:00"})
    with failing_index_writes(isolated_db):
        assert cli("rename", sid, "Nieuw", ok=False).exit_code == 5
        assert cli("add-group", "b", ok=False).exit_code == 5
    assert store.session_file(sid).read_bytes() == before
    assert cli("doctor").exit_code == 0


def test_a_failing_command_writes_nothing_at_all(cli, isolated_db, tmp_path):
    cli("new", "Stil")
    cli("statements", "vote", "A1", "-p", "eens")  # the lock file exists from here on
    before = snapshot(isolated_db.parent)
    assert cli("statements", "vote", "A1", "-p", "bogus", ok=False).exit_code == 2
    assert snapshot(isolated_db.parent) == before
    export = tmp_path / "f.json"
    cli("export", "-f", "json", "-o", str(export))
    assert cli("--db", str(export), "new", "X", ok=False).exit_code == 5  # a file that is not a tocht database
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("f.")) == ["f.json"]


@pytest.mark.parametrize(
    "args, words",
    [
        (["statements", "vote", "A1", "--count", "eens=²"], "whole number"),
        (["statements", "vote", "A1", "--count", "eens=5", "--count", "EENS=6"], "given twice"),
        (["statements", "vote", "A1", "--agree", "2", "--count", "eens=3"], "given twice"),
        (["export", "-o", ""], "--output is empty"),
        (["export", "--all", "--out-dir", ""], "--out-dir"),
    ],
    ids=["superscript digit", "count twice", "agree and count", "empty output", "empty out-dir"],
)
def test_odd_options_are_usage_errors(cli, args, words):
    cli("new", "Opties")
    result = cli(*args, ok=False)
    assert result.exit_code == 2 and words in result.stderr, result.stderr


def test_hands_typed_in_the_walk_are_checked_before_use():
    from tocht_cli.kinds.fields import hands_problem as _hands_problem

    assert _hands_problem("5 2 1", 3) is None
    for typed in ("²", "5 ①", "999999", "1 2 3 4", "-1", "5 2", "5"):
        assert _hands_problem(typed, 3), typed
    assert _hands_problem("5 2", 3, shown="5 2") is None  # an older partial count, kept as shown


def test_a_word_given_twice_is_said_not_saved(cli):
    cli("new", "Woorden")
    cli("vocabulary", "add-word", "publiek")
    result = cli("vocabulary", "add-word", "Publiek ", ok=False)
    assert result.exit_code == 2 and "already number 1" in result.stderr


def hand_edit(path: Path, edit) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def first(table: dict) -> dict:
    return table[sorted(table, key=int)[0]]


@pytest.mark.parametrize(
    "where, edit",
    [
        ("index", lambda d: first(d["sessions"]).update(groups=5)),
        ("index", lambda d: first(d["sessions"]).update(groups=[1, 2])),
        ("index", lambda d: first(d["sessions"]).update(name=["x"])),
        ("index", lambda d: first(d["sessions"]).update(kit="tocht-2017")),
        ("index", lambda d: first(d["sessions"]).update(date=None)),
        ("index", lambda d: first(d["sessions"]).pop("id")),
        ("session", lambda d: first(d["answers"]).update(value="eens")),
        ("session", lambda d: first(d["answers"]).update(group=["a"])),
        ("value", lambda d: first(d["answers"])["value"].update(counts={"eens": "5"})),
    ],
    ids=["groups number", "groups of numbers", "name list", "kit text", "date null", "no id", "value text", "group list", "count text"],
)
def test_a_hand_edited_database_of_the_wrong_shape_is_damaged_not_a_traceback(cli, isolated_db, store, where, edit):
    sid = cli("new", "Handwerk", "-g", "a").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens", "--agree", "3")
    hand_edit(isolated_db if where == "index" else store.session_file(sid), edit)
    for args in (["list"], ["show", sid], ["export", sid], ["statements", "-s", sid], ["doctor"]):
        result = cli(*args, ok=False)
        # `list` reads the cache and each file's record; a command on one session reads only its file;
        # doctor checks shapes, while a value that does not fit its exercise needs the kit
        if where == "index":
            expected = 5 if args[0] in ("list", "doctor") else 0
        else:
            expected = 0 if args == ["list"] or (args == ["doctor"] and where == "value") else 5
        assert result.exit_code == expected and "Traceback" not in result.stderr, (args, result.exit_code, result.stderr)


def test_doctor_reports_a_session_listed_twice_and_keeps_one(cli, isolated_db):
    cli("new", "Dubbel")
    hand_edit(isolated_db, lambda d: d["sessions"].update({"2": dict(first(d["sessions"]))}))
    report = cli("doctor", "--json", ok=False)
    assert report.exit_code == 5 and [f["kind"] for f in json.loads(report.stdout)["findings"]] == ["duplicate"]
    cli("doctor", "--repair", "--yes")
    assert len(json.loads(cli("list", "--json").stdout)) == 1


def test_an_imported_timestamp_is_a_timestamp(cli, tmp_path):
    export_doc(cli, tmp_path)
    doc = json.loads((tmp_path / "bron.json").read_text(encoding="utf-8"))
    for at in ("2026-11-27\u009b15:59:39", "2026-11-27\u202e15:59:39", "2026-11-27\x1b15:59:39", "2026-11-27 15:59:39"):
        doc["answers"][0]["at"] = at
        path = tmp_path / "at.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        result = cli("import", str(path), ok=False)
        assert result.exit_code == 4 and "answers[0]" in result.stderr, (at, result.stderr)


@pytest.mark.parametrize(
    "file, old, new, words",
    [
        ("bingo.toml", 'id = "bingo-2"', 'id = "5"', "would be mistaken for an item's number"),
        ("bingo.toml", 'id = "bingo-2"', 'id = "BINGO-1"', "duplicate id"),
        ("stellingen.toml", '"eens"', '"twijfel "', "labels must be distinct"),
        ("kit.toml", "eigen woorden voor geven.\n", 'eigen woorden voor geven.\n[labels]\nstop = "\\u200b"\n', "no visible characters"),
    ],
    ids=["digit id", "id in other case", "positions that fold together", "invisible label"],
)
def test_ambiguous_kits_are_invalid(kit_copy, cli, file, old, new, words):
    path = kit_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = cli("kit", "validate", str(kit_copy), ok=False)
    assert result.exit_code == 4 and words in result.stderr, result.stderr


# -- found by a second hunt -------------------------------------------------------------------


def test_a_delete_the_list_did_not_take_keeps_the_session_whole(cli, isolated_db, store):
    sid = cli("new", "Blijft").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens")
    before = snapshot(isolated_db.parent)
    with failing_index_writes(isolated_db):
        assert cli("delete", sid, "--yes", ok=False).exit_code == 5
    assert snapshot(isolated_db.parent) == before
    cli("delete", sid, "--yes")
    assert store.sessions() == [] and answers_file(isolated_db) == []


def test_a_malformed_orphan_is_damaged_not_adopted(cli, isolated_db, store):
    cli("new", "Goed")
    bad = {"id": "o1", "name": "x", "groups": ["a"], "date": "nope", "kit": {"name": 5}}
    (store.sessions_dir / "o1.json").write_text(
        json.dumps({"meta": {"1": {"schema": 1, "kind": "session", "created": "x", "session": "o1", "record": bad}}}), encoding="utf-8"
    )
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 5 and "o1.json" in result.stdout + result.stderr
    assert "o1" not in {s["id"] for s in json.loads(isolated_db.read_text(encoding="utf-8"))["sessions"].values()}
    listing = cli("list")  # the others are listed; the bad one is named on stderr, not a traceback
    assert "Goed" in listing.stdout and "not listed" in listing.stderr and "o1.json" in listing.stderr


def test_writing_onto_a_malformed_stored_value_is_damage_and_writes_nothing(cli, isolated_db, store):
    sid = cli("new", "Vorm").stdout.strip()
    cli("statements", "vote", "A1", "--agree", "2")
    cli("vocabulary", "add-word", "woord")

    def spoil(doc):
        for answer in doc["answers"].values():
            if answer["exercise"] == "stellingen":
                answer["value"]["counts"] = "3"
            if answer["exercise"] == "vocabularium":
                answer["value"]["words"] = "abc"

    hand_edit(store.session_file(sid), spoil)
    before = snapshot(isolated_db.parent)
    for args in (["statements", "vote", "A1", "--agree", "1"], ["vocabulary", "add-word", "w"]):
        result = cli(*args, ok=False)
        assert result.exit_code == 5 and "Traceback" not in result.stderr, (args, result.stderr)
    assert snapshot(isolated_db.parent) == before


def test_groups_that_fold_together_are_refused_and_every_script_can_be_typed(cli):
    assert cli("new", "X", "-g", "tafel 1", "-g", "tafel-1", ok=False).exit_code == 2
    assert cli("new", "X", "-g", "Café", "-g", "Cafe", ok=False).exit_code == 2
    cli("new", "Schriften", "-g", "Альфа", "-g", "Бета", "-g", "tafel 1")
    for group in ("Альфа", "Бета", "tafel 1", "бета"):
        cli("statements", "vote", "A1", "-p", "eens", "-g", group)


def test_a_sessions_folder_link_to_nowhere_is_said(cli, isolated_db, tmp_path):
    cli("new", "Stick")
    (isolated_db.parent / "tocht.sessions").rename(tmp_path / "stick")
    (isolated_db.parent / "tocht.sessions").symlink_to(tmp_path / "niet-gemount")
    for args in (["show"], ["list"], ["doctor"], ["statements", "vote", "A1", "-p", "eens"]):
        result = cli(*args, ok=False)
        assert result.exit_code == 5 and "not there" in result.stderr, (args, result.stderr)


def test_doctor_removes_only_the_temp_files_tocht_writes(cli, isolated_db, store):
    sid = cli("new", "Sync").stdout.strip()
    foreign = [store.sessions_dir / ".syncthing.abc123.json.tmp", isolated_db.parent / ".tocht.json.backup.tmp"]
    for path in foreign:
        path.write_text("van een ander", encoding="utf-8")
    ours = store.sessions_dir / f".{sid}.json.write.tmp"
    ours.write_text("{half", encoding="utf-8")
    cli("doctor", "--repair", "--yes")
    assert all(p.exists() for p in foreign) and not ours.exists()


def test_doctor_waits_for_a_write_in_progress_instead_of_calling_it_interrupted(cli, store, monkeypatch):
    """A writer holds the lock while its temp file exists; doctor finds it busy, the write then finishes
    (the temp file replaced, the lock let go) and doctor checks a database with nothing cut off."""
    from tocht_cli.store.lock import hold

    sid = cli("new", "Bezig").stdout.strip()
    temp = store.sessions_dir / f".{sid}.json.write.tmp"
    doctor_waits, written = threading.Event(), threading.Event()

    def writer() -> None:
        with hold(store.lock_path, store.path, 1):
            temp.write_text("{half", encoding="utf-8")
            written.set()
            doctor_waits.wait(PATIENCE)
            temp.unlink()  # what os.replace does with it

    original = Store.__init__

    def noticed(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.on_wait = doctor_waits.set  # the doctor's store says when it finds the lock held

    monkeypatch.setattr(Store, "__init__", noticed)
    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(PATIENCE)
    result = cli("doctor", ok=False)
    waited = doctor_waits.is_set()
    doctor_waits.set()  # let the writer finish whatever happened
    thread.join(PATIENCE)
    assert waited and result.exit_code == 0, result.stdout + result.stderr
    assert "interrupted" not in result.stdout + result.stderr


def test_doctor_names_a_writer_that_holds_on_and_calls_only_a_temp_file_left_after_it_interrupted(cli, store, monkeypatch):
    from tocht_cli.store.lock import hold

    sid = cli("new", "Vast").stdout.strip()
    temp = store.sessions_dir / f".{sid}.json.write.tmp"
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
    with hold(store.lock_path, store.path, 1):  # a writer at work that does not finish
        temp.write_text("{half", encoding="utf-8")
        result = cli("doctor", ok=False)
        assert result.exit_code == 5 and f"pid {os.getpid()}" in result.stderr and "busy" in result.stderr
        assert "interrupted" not in result.stdout + result.stderr
    result = cli("doctor", ok=False)  # the writer is gone and its temp file is still there: cut off
    assert result.exit_code == 5 and "left by an interrupted write" in result.stdout
    cli("doctor", "--repair", "--yes")
    assert not temp.exists()


def test_a_session_file_with_capitals_in_its_name_is_reachable(cli, store):
    sid = cli("new", "Origineel").stdout.strip()
    shutil.copy(store.session_file(sid), store.sessions_dir / "O2UP.json")
    cli("doctor", "--repair", "--yes")
    assert "Origineel" in cli("show", "O2UP", "--brief").stdout
    cli("use", "O2UP")


def test_an_output_name_of_invisible_characters_is_refused(cli, tmp_path):
    cli("new", "Onzichtbaar")
    assert cli("export", "-o", "\u200b", ok=False).exit_code == 2


def test_a_session_file_a_sync_tool_replaced_counts_over_the_cache(cli, isolated_db, store, tmp_path):
    """The cache in tocht.json lags behind a file copied over it; no command may drop answers for that."""
    sid = cli("new", "Alpha sessie", "-g", "t1").stdout.strip()
    laptop = tmp_path / "laptop"
    shutil.copytree(isolated_db.parent, laptop)
    other = ["--db", str(laptop / "tocht.json")]
    cli(*other, "add-group", "t3", "-s", sid)
    cli(*other, "statements", "vote", "B1", "-p", "eens", "-g", "t3", "-s", sid)
    shutil.copy(laptop / "tocht.sessions" / f"{sid}.json", store.session_file(sid))  # what the sync tool does
    assert "t3" in cli("show", "Alpha", "--brief").stdout
    cli("statements", "vote", "B2", "-p", "eens", "-g", "t3", "-s", "Alpha")
    out = tmp_path / "alles"
    cli("export", "--all", "--out-dir", str(out))
    assert "t3" in next(out.iterdir()).read_text(encoding="utf-8")
    cli("new", "Ander")
    merged = cli("merge", "Alpha", "Ander", "--name", "Samen")
    assert "2 answers" in merged.stderr
    assert cli("doctor", ok=False).exit_code == 5  # the cache is behind the file; --repair brings it up to date
    cli("doctor", "--repair", "--yes")
    assert cli("doctor").exit_code == 0


@pytest.mark.parametrize("name", ["a b.json", "-x.json", "e\x1b]0;t\x07x.json"], ids=["space", "dash", "escape"])
def test_doctor_does_not_adopt_a_file_not_named_like_a_session(cli, store, name):
    sid = cli("new", "Basis").stdout.strip()
    shutil.copy(store.session_file(sid), store.sessions_dir / name)
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 5 and "not named like a session" in result.stdout
    assert [s["id"] for s in json.loads(cli("list", "--json").stdout)] == [sid]


@pytest.mark.parametrize(
    "make", [lambda p: p.write_bytes(b""), lambda p: p.mkdir(), lambda p: os.mkfifo(p)], ids=["empty", "folder", "fifo"]
)
def test_one_odd_file_in_the_sessions_folder_blocks_nothing(cli, store, make):
    cli("new", "Alpha")
    make(store.sessions_dir / "sync01.json")
    listing = cli("list")
    assert "Alpha" in listing.stdout
    cli("show", "Alpha", "--brief")


def test_an_unreadable_pointer_means_no_current_session_and_doctor_says_so(cli, store):
    cli("new", "Alpha")
    store.current_path.write_bytes(b"\xff\n")
    assert cli("show", ok=False).exit_code == 3
    assert cli("doctor", ok=False).exit_code == 5
    cli("doctor", "--repair", "--yes")
    cli("use", "Alpha")
    cli("show")


def test_a_damaged_cache_is_moved_aside_and_rebuilt_by_repair(cli, isolated_db):
    sid = cli("new", "Alpha").stdout.strip()
    cli("statements", "vote", "A1", "-p", "eens")
    isolated_db.write_bytes(isolated_db.read_bytes()[:40])
    assert cli("list", ok=False).exit_code == 5
    cli("doctor", "--repair", "--yes")
    assert isolated_db.with_name("tocht.json.damaged").exists()
    assert [s["id"] for s in json.loads(cli("list", "--json").stdout)] == [sid]
    assert cli("doctor").exit_code == 0


def test_a_session_file_that_is_a_link_keeps_its_link(cli, store, tmp_path):
    sid = cli("new", "Gelinkt").stdout.strip()
    target = tmp_path / "elders.json"
    store.session_file(sid).rename(target)
    store.session_file(sid).symlink_to(target)
    cli("statements", "vote", "A1", "-p", "eens")
    assert store.session_file(sid).is_symlink() and '"A1"' in target.read_text(encoding="utf-8")


def test_a_second_damaged_cache_does_not_replace_the_first_one_set_aside(cli, isolated_db):
    cli("new", "Alpha")
    for n in range(2):
        isolated_db.write_bytes(b"{half" + bytes([48 + n]))
        result = cli("list", ok=False)
        assert result.exit_code == 5 and "doctor --repair" in result.stderr
        cli("doctor", "--repair", "--yes")
    assert isolated_db.with_name("tocht.json.damaged").read_bytes() == b"{half0"
    assert isolated_db.with_name("tocht.json.damaged-2").read_bytes() == b"{half1"


def stray_answer(cli, store, two_groups: str, renamed: dict[str, str] | None = None) -> Path:
    """An answer of 'tafel 2' under 'tafel 9', a group the session does not have (an older tocht saving while
    another terminal renamed its group; a hand edit)."""
    cli("statements", "vote", "A1", "--position", "eens", "-g", "tafel 2", "-s", two_groups)
    cli("statements", "vote", "A2", "--position", "oneens", "-g", "tafel 2", "-s", two_groups)
    path = store.session_file(two_groups)

    def stray(doc: dict) -> None:
        first(doc["answers"])["group"] = "tafel 9"
        if renamed:
            first(doc["meta"])["record"]["renamed"] = renamed

    hand_edit(path, stray)
    return path


def groups_of_answers(store, session: str) -> list[tuple[str, str]]:
    return sorted((doc["item"], doc["group"]) for doc in store.answers(session))


def test_the_doctor_finds_answers_under_a_group_the_session_does_not_have(run, cli, two_groups):
    stray_answer(cli, run.store, two_groups)
    result = cli("doctor", "--json", ok=False)
    (found,) = json.loads(result.stdout)["findings"]
    assert result.exit_code == 5
    assert found["kind"] == "answer-group" and found["group"] == "tafel 9" and found["session"] == two_groups
    with_yes = cli("doctor", "--repair", "--yes", ok=False)  # nowhere it was renamed to: never dropped unasked
    assert with_yes.exit_code == 5 and groups_of_answers(run.store, two_groups) == [("A1", "tafel 9"), ("A2", "tafel 2")]


def test_the_doctors_repair_with_yes_moves_answers_to_the_name_their_group_was_renamed_to(run, cli, two_groups):
    stray_answer(cli, run.store, two_groups, renamed={"tafel 9": "tafel 1"})
    result = cli("doctor", "--repair", "--yes")
    assert "moved 1 answer of group 'tafel 9' to 'tafel 1'" in result.stderr
    assert groups_of_answers(run.store, two_groups) == [("A1", "tafel 1"), ("A2", "tafel 2")]
    assert json.loads(cli("doctor", "--json").stdout)["healthy"]


def test_the_doctors_repair_never_overwrites_the_groups_own_answer_to_the_same_item(run, cli, two_groups, keyed):
    stray_answer(cli, run.store, two_groups)
    cli("statements", "vote", "A1", "--position", "twijfel", "-g", "tafel 1", "-s", two_groups)
    result = keyed("\x1b[B\r", "doctor", "--repair", code=5)  # leave · move to tafel 1 · move to tafel 2 · drop
    assert "1 stays under 'tafel 9': 'tafel 1' has its own answer to it" in result.stderr
    assert groups_of_answers(run.store, two_groups) == [("A1", "tafel 1"), ("A1", "tafel 9"), ("A2", "tafel 2")]
    keyed("\x1b[B\x1b[B\r", "doctor", "--repair")  # to tafel 2, which has none to A1
    assert groups_of_answers(run.store, two_groups) == [("A1", "tafel 1"), ("A1", "tafel 2"), ("A2", "tafel 2")]
    assert json.loads(cli("statements", "--json", "-g", "tafel 1", "-s", two_groups).stdout)["tafel 1"]["A1"]["position"] == "twijfel"


def test_doctor_names_the_file_whose_record_the_cache_is_behind(cli, isolated_db, store, tmp_path):
    """The finding names the session it is about, not whichever file was listed last."""
    behind = cli("new", "Alpha sessie", "-g", "t1").stdout.strip()
    for name in ("Beta", "Gamma", "Delta"):
        cli("new", name)
    laptop = tmp_path / "laptop"
    shutil.copytree(isolated_db.parent, laptop)
    cli("--db", str(laptop / "tocht.json"), "add-group", "t3", "-s", behind)
    shutil.copy(laptop / "tocht.sessions" / f"{behind}.json", store.session_file(behind))
    findings = json.loads(cli("doctor", "--json", ok=False).stdout)["findings"]
    ((found,),) = [[f for f in findings if f["kind"] == "record"]]
    assert found["session"] == behind and found["path"] == str(store.session_file(behind)), found
    assert f"{behind}.json" in found["what"]


@pytest.mark.parametrize("damage", [b'{"meta": {"1": ', b"", b'{"answers": []}'])
def test_a_damaged_conflict_copy_is_reported_never_merged_nor_removed(cli, store, two_groups, damage):
    """A sync tool's conflict copy cut off or mangled in transit: `doctor` names it as damaged, and `--repair`
    (even with --prefer) neither merges it into its session nor deletes it; the session file stays as it was."""
    cli("steps", "set", "1", "--action", "Affiche maken", "-g", "tafel 1", "-s", two_groups)
    session = store.session_file(two_groups)
    copy = session.with_name(f"{two_groups}.sync-conflict-20261207-101500-ABCDEF7.json")
    copy.write_bytes(damage)
    before = session.read_bytes()
    (found,) = json.loads(cli("doctor", "--json", ok=False).stdout)["findings"]
    assert found["kind"] == "damaged" and found["path"] == str(copy) and "conflict copy of session" in found["what"]
    assert [s["id"] for s in json.loads(cli("list", "--json").stdout)] == [two_groups]
    result = cli("doctor", "--repair", "--yes", "--prefer", "copy", ok=False)
    assert result.exit_code == 5 and "Traceback" not in result.stderr
    assert copy.read_bytes() == damage and session.read_bytes() == before


def test_a_clash_that_appears_while_the_person_chooses_stops_the_merge_unwritten(cli, store, two_groups, monkeypatch):
    """Another terminal saves into the session while `doctor --repair` asks about a clash: under the lock the merge
    meets a clash nobody settled, so it writes nothing, keeps the copy, and says to run it again."""
    from tocht_cli.cli.commands import doctor

    cli("steps", "set", "1", "--action", "Affiche", "--who", "An", "-g", "tafel 1", "-s", two_groups)
    session = store.session_file(two_groups)
    base = session.read_bytes()
    cli("steps", "set", "1", "--who", "Chris", "-g", "tafel 1", "-s", two_groups)
    copy = session.with_name(f"{two_groups}.sync-conflict-20261207-101500-ABCDEF7.json")
    shutil.copyfile(session, copy)
    session.write_bytes(base)
    cli("steps", "set", "1", "--who", "Bart", "-g", "tafel 1", "-s", two_groups)

    written: list[bytes] = []

    def meanwhile(clash, kit, theirs):
        cli("steps", "set", "1", "--action", "Affiche drukken", "-g", "tafel 1", "-s", two_groups)  # a new clash: the action
        written.append(session.read_bytes())
        return "copy"

    monkeypatch.setattr(doctor.runtime, "is_interactive", lambda: True)
    monkeypatch.setattr(doctor, "asked", meanwhile)
    copied = copy.read_bytes()
    result = cli("doctor", "--repair", "--yes", ok=False)
    assert result.exit_code == 2 and "changed while you chose; nothing was merged" in result.stderr
    assert copy.read_bytes() == copied and [session.read_bytes()] == written
    assert json.loads(cli("steps", "-s", two_groups, "--json").stdout)["tafel 1"]["stap-1"]["who"] == "Bart"
