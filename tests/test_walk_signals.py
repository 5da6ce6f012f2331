"""A signal from outside (not the Ctrl-C keystroke) ends `tocht run` at a prompt as Ctrl-C does: exit 130,
the resume line, every earlier answer saved. `tocht run` runs in a pseudo-terminal of its own; the test
waits for what it draws, never for a time."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios

import pytest

PATIENCE = 60  # seconds without any output before a test gives up (it fails; it never passes by waiting)


class Pty:
    """`tocht ARGS` on a pseudo-terminal of 80 columns; stderr apart, to read the resume line."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tocht_cli", *args], stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""
        self.awaited = 0  # where the last awaited text ended: what came in the same read after it still counts

    def wait_for(self, text: str) -> None:
        """Read what the program draws until TEXT has been drawn (after what was awaited before)."""
        start = self.awaited
        while text not in self.seen[start:]:
            ready, _, _ = select.select([self.master], [], [], PATIENCE)
            assert ready, f"never drawn: {text!r}; drawn so far:\n{self.seen[start:]}"
            self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
        self.awaited = self.seen.index(text, start) + len(text)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self) -> tuple[int, str]:
        """Read the terminal until the program closes it; its exit code and stderr."""
        while True:
            ready, _, _ = select.select([self.master], [], [], PATIENCE)
            assert ready, "the program neither ended nor drew anything"
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
        os.close(self.master)
        _, stderr = self.process.communicate(timeout=PATIENCE)
        return self.process.returncode, stderr.decode()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("prompt", ["select", "text"])
def test_a_signal_from_outside_ends_the_walk_with_130_and_the_resume_line(cli, signum, prompt):
    session = cli("new", "Signalen").stdout.strip()
    run = Pty("run", "-e", "stellingen")
    run.wait_for("Klaar om te beginnen?")
    run.type("\r")
    run.wait_for("standpunt")  # A1's position
    run.type("1\r")  # eens
    run.wait_for("Hoeveel handen")
    run.type("4 1 1\r")
    run.wait_for("argumenten")  # a text prompt
    if prompt == "select":
        run.type("\r")  # no argument; on to A2's position
        run.wait_for("A2")
        run.wait_for("/s stoppen")  # its select is drawn whole
    os.kill(run.process.pid, signum)
    code, stderr = run.finish()
    assert code == 130, stderr
    assert f"Resume with:\n  tocht run {session}\n" in stderr
    assert "Traceback" not in stderr
    saved = next(iter(json.loads(cli("statements", "--json").stdout).values()))
    assert saved["A1"]["position"] == "eens" and saved["A1"]["counts"] == {"eens": 4, "oneens": 1, "twijfel": 1}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_from_outside_ends_the_walk_on_the_bingo_card(cli, signum):
    cli("new", "Signalen")
    run = Pty("run", "-e", "bingo")
    run.wait_for("Klaar om te beginnen?")
    run.type("\r")
    run.wait_for("/s stoppen")  # the card is drawn whole
    run.type(" ")  # the first statement crossed, saved at once
    run.wait_for("[✗]")  # the cross drawn
    os.kill(run.process.pid, signum)
    code, stderr = run.finish()
    assert code == 130, stderr
    assert "Resume with:\n  tocht run" in stderr
    crossed = next(iter(json.loads(cli("bingo", "--json").stdout).values()))
    assert "bingo-1" in crossed
