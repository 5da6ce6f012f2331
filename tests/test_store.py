"""The store never loses an acknowledged answer and never overwrites a damaged file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.helpers.files import ROOT, answers_file
from tests.helpers.patience import PATIENCE
from tocht_cli.base.errors import DatabaseError, NotFound
from tocht_cli.store import SCHEMA, Store


@pytest.fixture
def store(isolated_db):
    return Store(isolated_db)


def make_session(store: Store, name: str = "s") -> str:
    return store.create_session({"name": name, "groups": ["g"], "kit": {"name": "tocht-2017"}})["id"]


def test_round_trip_and_layout(store, isolated_db):
    sid = make_session(store)
    store.put_answer(sid, "bingo", "bingo-1", "g", {"crossed": True})
    store.put_answer(sid, "bingo", "bingo-1", "g", {"crossed": True})
    assert len(store.answers(sid)) == 1
    assert store.current_id() == sid
    index = json.loads(isolated_db.read_text(encoding="utf-8"))
    assert index["meta"]["1"]["schema"] == SCHEMA
    assert answers_file(isolated_db) == [isolated_db.parent / "tocht.sessions" / f"{sid}.json"]
    assert store.delete_answer(sid, "bingo", "bingo-1", "g")
    store.delete_session(sid)
    assert store.sessions() == [] and answers_file(isolated_db) == []


def test_reading_a_missing_database_creates_nothing(store, isolated_db):
    assert store.sessions() == [] and store.current_id() is None
    assert not isolated_db.exists()


def test_dutch_text_is_stored_as_utf8(store, isolated_db):
    sid = store.create_session({"name": "Gemeenschapsvorming één", "groups": ["g"]})["id"]
    assert "één" in isolated_db.read_text(encoding="utf-8")
    store.put_answer(sid, "x", "y", "g", {"note": "cocreëren"})
    assert "cocreëren" in answers_file(isolated_db)[0].read_text(encoding="utf-8")


DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "whitespace": lambda good: b"  \n",
    "list at top": lambda good: b"[1, 2, 3]",
    "table not an object": lambda good: b'{"sessions": [1]}',
    "document not an object": lambda good: b'{"sessions": {"1": 5}}',
    "not utf-8": lambda good: b'{"sessions": {"1": {"name": "\xff"}}}',
    "hand-edited garbage": lambda good: good.replace(b"{", b"(", 1),
    "no schema": lambda good: b'{"sessions": {}}',
    "newer schema": lambda good: b'{"meta": {"1": {"schema": 99, "kind": "index"}}, "sessions": {}}',
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_reported_and_left_alone(store, isolated_db, cli, damage):
    make_session(store)
    bad = DAMAGE[damage](isolated_db.read_bytes())
    isolated_db.write_bytes(bad)
    with pytest.raises(DatabaseError) as err:
        store.sessions()
    assert str(isolated_db) in err.value.message
    result = cli("list", ok=False)
    assert result.exit_code == 5, (result.stdout, result.stderr)
    assert str(isolated_db) in result.stderr and "Traceback" not in result.stderr
    # sessions live in their own files: the meeting goes on (a new one too) while the list waits for repair
    make_session(store)
    assert cli("new", "x", ok=False).exit_code == 0
    assert cli("show", ok=False).exit_code == 0
    assert isolated_db.read_bytes() == bad


def test_damaged_answer_file_is_reported_and_left_alone(store, isolated_db, cli):
    sid = make_session(store)
    path = answers_file(isolated_db)[0]
    path.write_bytes(b'{"answers": {"1": {"exercise"')
    with pytest.raises(DatabaseError):
        store.put_answer(sid, "bingo", "bingo-1", "g", {"crossed": True})
    result = cli("bingo", "cross", "1", ok=False)
    assert result.exit_code == 5 and str(path) in result.stderr
    assert path.read_bytes() == b'{"answers": {"1": {"exercise"'


def test_answers_for_a_deleted_session_are_refused(store):
    sid = make_session(store)
    store.delete_session(sid)
    with pytest.raises(NotFound):
        store.put_answer(sid, "bingo", "bingo-1", "g", {"crossed": True})


def test_a_temp_file_left_by_a_killed_writer_is_reused_not_piled_up(store, isolated_db):
    sid = make_session(store)
    leftover = store.sessions_dir / f".{sid}.json.write.tmp"
    leftover.write_text("half", encoding="utf-8")
    store.put_answer(sid, "bingo", "bingo-1", "g", {"crossed": True})
    assert not leftover.exists()
    assert sorted(p.name for p in store.sessions_dir.iterdir()) == [f"{sid}.json"]


def run_python(code: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


WRITER = """
    import sys
    from tocht_cli.store import Store
    store = Store(sys.argv[1] if len(sys.argv) > 1 else {db!r})
    sid = {sid!r}
    for i in range({n}):
        store.put_answer(sid, "ex", f"{prefix}{{i}}", "g", {{"n": i}})
        print(i, flush=True)
"""


def test_sigkill_during_writes_loses_no_acknowledged_answer(store, isolated_db):
    sid = make_session(store)
    proc = run_python(WRITER.format(db=str(isolated_db), sid=sid, n=100000, prefix="k"))
    acknowledged = -1
    for line in iter(proc.stdout.readline, ""):  # as many as it takes the writer, however loaded the machine
        acknowledged = int(line)
        if acknowledged >= 40:
            break
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert acknowledged >= 40
    for line in proc.stdout.read().split():
        acknowledged = int(line)
    items = {a["item"] for a in store.answers(sid)}  # parses: the file is whole
    assert {f"k{i}" for i in range(acknowledged + 1)} <= items
    store.put_answer(sid, "ex", "after", "g", {})  # and still writable
    assert not list(isolated_db.parent.glob(".*.tmp")) and not list(answers_file(isolated_db)[0].parent.glob(".*.tmp"))


def test_two_processes_writing_at_once_lose_nothing(store, isolated_db):
    sid = make_session(store)
    procs = [run_python(WRITER.format(db=str(isolated_db), sid=sid, n=60, prefix=p)) for p in ("a", "b")]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    items = {a["item"] for a in store.answers(sid)}
    assert items == {f"{p}{i}" for p in ("a", "b") for i in range(60)}


def test_two_processes_creating_sessions_at_once(store, isolated_db):
    code = """
        from tocht_cli.store import Store
        store = Store({db!r})
        for i in range(25):
            store.create_session({{"name": "{p}%d" % i, "groups": ["g"]}})
    """
    procs = [run_python(code.format(db=str(isolated_db), p=p)) for p in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    sessions = store.sessions()
    assert len(sessions) == 50 and len({s["id"] for s in sessions}) == 50
    assert len(answers_file(isolated_db)) == 50


def test_full_disk_keeps_the_previous_file_and_says_so(store, isolated_db):
    sid = make_session(store)
    store.put_answer(sid, "ex", "before", "g", {"note": "kort"})
    path = answers_file(isolated_db)[0]
    before = path.read_bytes()
    limit = len(before) + 200
    code = f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        from tocht_cli.base.errors import DatabaseError
        from tocht_cli.store import Store
        try:
            Store({str(isolated_db)!r}).put_answer({sid!r}, "ex", "big", "g", {{"note": "x" * 5000}})
        except DatabaseError as exc:
            print(exc.message)
            sys.exit(5)
    """
    proc = run_python(code)
    out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 5, (out, err)
    assert "could not write" in out and "previous version is intact" in out
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))
    assert [a["item"] for a in store.answers(sid)] == ["before"]


def test_full_disk_through_the_cli_is_a_clear_error(store, isolated_db):
    make_session(store)
    path = answers_file(isolated_db)[0]
    before = path.read_bytes()
    code = f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 50}, {len(before) + 50}))
        from tocht_cli.cli.app import main
        sys.argv = ["tocht", "statements", "vote", "A1", "--note", "x" * 3000]
        main()
    """
    proc = run_python(code)
    out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 5, (out, err)
    assert "could not write" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_one_new_session_leaves_the_lists_cache_as_it_was_but_a_whole_archive_goes_into_it_at_once(store, isolated_db):
    """`new` writes only its session file; an import of many sessions writes the list's cache once, so that
    `list` does not read each of their files again until some later rewrite."""
    from tocht_cli.store import FOLD_BATCH

    make_session(store, "eerste")
    before = isolated_db.read_bytes()
    single = make_session(store, "tweede")
    assert isolated_db.read_bytes() == before and single.encode() not in before
    made = store.create_sessions([({"name": f"archief {n}", "groups": ["g"]}, []) for n in range(FOLD_BATCH)])
    named = {doc["id"] for doc in json.loads(isolated_db.read_text(encoding="utf-8"))["sessions"].values()}
    assert {record["id"] for record in made} | {single} <= named
