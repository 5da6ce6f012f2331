"""Kill test: a recording process killed at random moments loses no acknowledged answer.

A child process records one answer after another through the store, printing
`begin I` before each write and `ack I` after it. The parent kills it after a
random delay (SIGKILL or SIGINT, about half each), most often inside a write,
then opens the database afresh and checks that

  * every file still parses (no DamagedDatabase, nothing unreadable),
  * every acknowledged answer is there with its value, and nothing is there
    that was never written,
  * a SIGINT child stops cleanly (exit 130, no traceback),

and runs `store.checkup()` (what `tocht doctor` reports), counting its
findings by kind. A temp file left by a SIGKILL is expected ("leftover");
anything "damaged" is not.

Run: python bench/kills.py [--kills 300] [--db PATH] [--seed N]
Exit 0 when nothing was lost or unreadable, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tocht_cli.base.errors import DatabaseError  # noqa: E402
from tocht_cli.store import Store  # noqa: E402
from tocht_cli.store.storage import read_document  # noqa: E402

EXERCISE = "stellingen"
GROUP = "g"
STARTUP_TIMEOUT = 20.0  # seconds a child may take to acknowledge its first answer
MAX_FAILED_IN_A_ROW = 5  # children that die before acknowledging anything: the run stops

# The recording child: argv = db, session id, first sequence number.
# Output goes through os.write, unbuffered, so a line is out before the next step starts.
CHILD = r"""
import os, sys
from itertools import count

def say(text):
    os.write(1, (text + "\n").encode())

try:
    from tocht_cli.store import Store
    db, sid, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(db)
    say("ready")
    for i in count(start):
        item = f"k{i}"
        value = {"position": None, "counts": {}, "note": str(i)}
        say(f"begin {i}")
        if i % 2:
            def change(old, value=value, item=item):
                if old is not None:
                    raise AssertionError(f"{item} already had an answer: {old!r}")
                return value
            saved = store.update(sid, "stellingen", item, "g", change)
        else:
            saved = store.put_answer(sid, "stellingen", item, "g", value)["value"]
        if saved != value:
            raise AssertionError(f"{item}: the store returned {saved!r}")
        say(f"ack {i}")
except KeyboardInterrupt:
    sys.exit(130)
"""


@dataclass
class Results:
    kills: Counter = field(default_factory=Counter)  # by signal name
    in_write: Counter = field(default_factory=Counter)  # kills whose last line was `begin`, by signal name
    acked: dict[str, str] = field(default_factory=dict)  # item -> note of every acknowledged answer
    begun: dict[str, str] = field(default_factory=dict)  # item -> note of every write started
    lost: list[str] = field(default_factory=list)  # acknowledged answers missing or changed, at some check
    unexpected: list[str] = field(default_factory=list)  # answers present that were never written
    unreadable: list[str] = field(default_factory=list)  # files that did not parse, at some check
    lost_items: set[str] = field(default_factory=set)  # the distinct acknowledged items ever found missing or changed
    unreadable_files: set[str] = field(default_factory=set)  # the distinct files that ever failed to parse
    findings: Counter = field(default_factory=Counter)  # doctor findings by kind, summed over all checks
    checks_with: Counter = field(default_factory=Counter)  # checks with at least one finding of a kind
    damaged: list[str] = field(default_factory=list)  # what the damaged findings said
    exits: Counter = field(default_factory=Counter)  # (signal, returncode)
    bad_exits: list[str] = field(default_factory=list)  # SIGINT children that did not exit 130 / -2
    tracebacks: list[str] = field(default_factory=list)  # stderr of children that printed a traceback
    child_errors: list[str] = field(default_factory=list)  # children that stopped before being killed, or never acked
    saved_unacked: int = 0  # answers begun, not acknowledged, yet saved (a kill after the write)
    interrupted_write: Counter = field(
        default_factory=Counter
    )  # SIGINT inside a write: "saved" (finished first) or "not saved" (stopped before it)
    elapsed: float = 0.0
    stopped_early: bool = False

    @property
    def total_kills(self) -> int:
        return sum(self.kills.values())

    @property
    def ok(self) -> bool:
        return not (self.lost or self.unexpected or self.unreadable or self.bad_exits or self.tracebacks or self.child_errors)


def make_database(db: Path) -> str:
    store = Store(db)
    return store.create_session({"name": "Kill test", "groups": [GROUP], "kit": {"name": "tocht-2017"}})["id"]


class Child:
    """One recording child, its stdout and stderr read by threads."""

    def __init__(self, db: Path, sid: str, start: int):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        env.pop("PYTHONUNBUFFERED", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), sid, str(start)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=str(ROOT),
        )
        self.lines: list[str] = []
        self.stderr = b""
        self.first_ack = threading.Event()
        self._out = threading.Thread(target=self._read_stdout, daemon=True)
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._out.start()
        self._err.start()

    def _read_stdout(self) -> None:
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith("ack "):
                self.first_ack.set()
        self.first_ack.set()  # EOF: the child is gone, stop waiting for it

    def _read_stderr(self) -> None:
        self.stderr = self.proc.stderr.read()

    def finish(self) -> int:
        code = self.proc.wait()
        self._out.join()
        self._err.join()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


def check(store: Store, sid: str, res: Results, number: int) -> dict[str, str]:
    """Read everything afresh: every file parses, every acked answer is there, nothing foreign is."""
    for path in [store.path, *sorted(store.sessions_dir.glob("*.json"))]:
        try:
            read_document(path)
        except DatabaseError as exc:
            res.unreadable.append(f"after kill {number}: {exc.message}")
            res.unreadable_files.add(str(path))
    try:
        store.sessions()
        answers = store.answers(sid)
    except DatabaseError as exc:
        res.unreadable.append(f"after kill {number}: {exc.message}")
        answers = None
    present: dict[str, str] = {}
    if answers is not None:
        for doc in answers:
            if doc.get("exercise") != EXERCISE or doc.get("group") != GROUP or doc.get("item") in present:
                res.unexpected.append(f"after kill {number}: odd or duplicate answer {doc!r}")
                continue
            present[doc.get("item")] = (doc.get("value") or {}).get("note")
        for item, note in res.acked.items():
            if present.get(item) != note:
                res.lost_items.add(item)
                res.lost.append(f"after kill {number}: {item} acknowledged with note {note!r}, found {present.get(item, '<missing>')!r}")
        for item, note in present.items():
            if res.begun.get(item) != note:
                res.unexpected.append(f"after kill {number}: {item} holds note {note!r}, never written")
        res.saved_unacked = sum(1 for item in present if item not in res.acked)
    try:
        report = store.checkup()
    except DatabaseError as exc:
        res.unreadable.append(f"after kill {number}: checkup failed: {exc.message}")
        return present
    kinds = Counter(f.kind for f in report.findings)
    res.findings.update(kinds)
    res.checks_with.update(kinds.keys())
    res.damaged += [f"after kill {number}: {f.what}" for f in report.findings if f.kind == "damaged"]
    return present


def run(
    kills: int = 300,
    db: Path | str | None = None,
    seed: int | None = None,
    time_limit: float = 300.0,
    delay: tuple[float, float] = (0.005, 0.080),
    progress=None,
) -> Results:
    """Kill `kills` recording children (or stop at `time_limit` seconds); the figures in Results."""
    rng = random.Random(seed)
    res = Results()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tocht-kills-") as tmp:
        path = Path(db) if db is not None else Path(tmp) / "tocht.json"
        sid = make_database(path)
        store = Store(path)
        next_i = 0
        failed_in_a_row = 0
        for number in range(1, kills + 1):
            if time.monotonic() - started > time_limit or failed_in_a_row >= MAX_FAILED_IN_A_ROW:
                res.stopped_early = True
                break
            sig = rng.choice((signal.SIGKILL, signal.SIGINT))
            name = sig.name
            child = Child(path, sid, next_i)
            acked_in_time = child.first_ack.wait(STARTUP_TIMEOUT)
            if child.proc.poll() is None:
                if acked_in_time:
                    time.sleep(rng.uniform(*delay))
                child.proc.send_signal(sig)
            code = child.finish()
            lines = child.lines
            if (
                not acked_in_time
                or not any(line.startswith("ack ") for line in lines)
                or code not in (-signal.SIGKILL, 130, -signal.SIGINT)
            ):
                said = [line for line in child.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
                res.child_errors.append(f"kill {number} ({name}): exit {code}, last lines {lines[-3:]!r}, stderr ends {said[-1:]!r}")
                failed_in_a_row += 1
            else:
                failed_in_a_row = 0
            res.kills[name] += 1
            res.exits[(name, code)] += 1
            if sig == signal.SIGINT and code not in (130, -signal.SIGINT):
                res.bad_exits.append(f"kill {number}: SIGINT child exited {code}")
            if b"Traceback" in child.stderr:
                res.tracebacks.append(f"kill {number} ({name}, exit {code}): {child.stderr.decode('utf-8', 'replace')[-1500:]}")
            for line in lines:
                word, _, number_text = line.partition(" ")
                if word in ("begin", "ack"):
                    i = int(number_text)
                    (res.begun if word == "begin" else res.acked)[f"k{i}"] = str(i)
                    next_i = max(next_i, i + 1)
            if lines and lines[-1].startswith("begin "):
                res.in_write[name] += 1
            present = check(store, sid, res, number)
            if sig == signal.SIGINT and lines and lines[-1].startswith("begin "):
                res.interrupted_write["saved" if f"k{lines[-1].split()[1]}" in present else "not saved"] += 1
            if progress is not None:
                progress(number, res)
    res.elapsed = time.monotonic() - started
    return res


def report(res: Results, out=print) -> None:
    k = res.kills
    out(
        f"kills: {res.total_kills} (SIGKILL {k['SIGKILL']}, SIGINT {k['SIGINT']})"
        + ("  [stopped early: time limit, or children failing]" if res.stopped_early else "")
    )
    out(f"kills inside a write window: {sum(res.in_write.values())} (SIGKILL {res.in_write['SIGKILL']}, SIGINT {res.in_write['SIGINT']})")
    out(f"acknowledged answers: {len(res.acked)}")
    out(f"acknowledged answers lost: {len(res.lost_items)}")
    out(f"answers saved but not acknowledged (kill after the write, before the ack): {res.saved_unacked}")
    out(
        f"SIGINT inside a write: {res.interrupted_write['saved']} finished and saved first, {res.interrupted_write['not saved']} stopped before writing"
    )
    out(f"answers present that were never written: {len(res.unexpected)}")
    out(f"unreadable files: {len(res.unreadable_files)}" + (f" ({len(res.unreadable)} failed reads)" if res.unreadable else ""))
    by_kind = ", ".join(f"{kind} {n} (after {res.checks_with[kind]} kills)" for kind, n in sorted(res.findings.items())) or "none"
    out(f"doctor findings by kind: {by_kind}")
    exits = ", ".join(f"{sig} -> {code}: {n}" for (sig, code), n in sorted(res.exits.items(), key=lambda kv: (kv[0][0], kv[0][1])))
    out(f"child exit codes: {exits}")
    out(
        f"SIGINT children not exiting 130: {len(res.bad_exits)}; children with a traceback: {len(res.tracebacks)}; other child failures: {len(res.child_errors)}"
    )
    out(f"elapsed: {res.elapsed:.1f} s")
    for title, items in (
        ("LOST", res.lost),
        ("UNEXPECTED", res.unexpected),
        ("UNREADABLE", res.unreadable),
        ("DAMAGED", res.damaged),
        ("BAD EXIT", res.bad_exits),
        ("TRACEBACK", res.tracebacks),
        ("CHILD ERROR", res.child_errors),
    ):
        for item in items[:5]:
            out(f"  {title}: {item}")
        if len(items) > 5:
            out(f"  {title}: … and {len(items) - 5} more")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=300, help="children to kill (default 300)")
    parser.add_argument("--db", type=Path, help="database file to create (default: in a temp folder)")
    parser.add_argument("--seed", type=int, help="random seed, for a repeatable sequence of signals and delays")
    parser.add_argument("--time-limit", type=float, default=300.0, help="stop after this many seconds (default 300)")
    args = parser.parse_args(argv)
    if args.db is not None and args.db.exists():
        parser.error(f"{args.db} exists; give the path of a new database file")
    res = run(args.kills, args.db, args.seed, args.time_limit)
    report(res)
    return 0 if not (res.lost or res.unreadable) and res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
