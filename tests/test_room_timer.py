"""The room's timer: started, paused, extended, closing the vote at zero, counting the seconds it ran."""

from __future__ import annotations

import asyncio
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.patience import PATIENCE
from tests.helpers.room import open_room
from tocht_cli.kit import loader
from tocht_cli.room.live import Changes
from tocht_cli.room.timer import MINUTE, Timer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """A clock that moves only when the test moves `clock.now`."""
    return Clock()


@pytest.fixture
def timed(arena, clock):
    """The two-table room of `arena`, on the test's `clock`."""
    arena.room.clock = arena.room.timer.clock = clock
    return arena


def test_start_pause_resume_and_a_minute_more(clock):
    timer = Timer(clock)
    assert timer.shown() == {"state": "idle", "left": 0, "closes": False}
    timer.start(180)
    clock.now += 60
    assert timer.shown()["left"] == 120 and timer.state == "running"
    timer.start(180)  # pause
    clock.now += 500
    assert timer.shown() == {"state": "paused", "left": 120, "closes": False}
    timer.start(180)  # resume where it stopped
    clock.now += 120
    assert timer.state == "done" and timer.expired
    timer.extend()  # a timer at zero runs again for a minute
    assert timer.state == "running" and timer.shown()["left"] == MINUTE
    clock.now += 30
    assert timer.finish() == 210  # 60 + 120 + 30 seconds actually run
    assert timer.state == "idle"


@given(st.lists(st.tuples(st.sampled_from(["start", "extend", "wait"]), st.integers(0, 400)), max_size=30))
def test_the_time_run_and_the_time_left_always_add_up_to_the_time_given(steps):
    clock = Clock()
    timer = Timer(clock)
    given_seconds = 0
    for act, amount in steps:
        if act == "start":
            fresh = timer.state in ("idle", "done")
            timer.start(120)
            if fresh:
                given_seconds = round(timer.used) + 120
        elif act == "extend" and timer.armed:
            timer.extend()
            given_seconds += MINUTE
        else:
            clock.now += amount
        left = timer.left()
        assert left >= 0
        if timer.armed:
            ran = timer.used + (min(clock.now - timer.started, timer.remaining) if timer.started is not None else 0)
            assert ran + left == pytest.approx(given_seconds)


def test_the_kit_suggests_how_long_the_timer_runs(run, kit_copy, cli):
    statements = kit_copy / "stellingen.toml"
    statements.write_text("minutes = 5\n" + statements.read_text(encoding="utf-8"), encoding="utf-8")
    loader._load_folder.cache_clear()
    sid = cli("--kit", str(kit_copy), "new", "Zaal").stdout.strip()
    arena = open_room(run.workspace(sid))
    try:
        arena.room.goto(arena.room.kit.exercise("stellingen"), "A1")
        assert arena.room.minutes() == 5
        arena.room.timer_start()
        assert arena.room.timer.shown()["left"] == 300
        arena.room.step_exercise(-1)  # the statements' opening
        assert arena.room.stop.item is None and arena.room.stop.exercise.id == "stellingen"
        arena.room.step_exercise(-1)  # bingo: the kit suggests nothing, tocht's own 3 minutes
        assert arena.room.minutes() == 3
    finally:
        arena.close()


def test_a_kit_with_a_timer_of_no_whole_minutes_is_refused(kit_copy, cli):
    statements = kit_copy / "stellingen.toml"
    statements.write_text('minutes = "lang"\n' + statements.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("kit", "validate", str(kit_copy), ok=False)
    assert result.exit_code == 4 and "minutes" in result.stderr


def test_a_change_in_any_thread_wakes_the_live_pages_at_once():
    changes = Changes()

    async def listen() -> tuple[int, float]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        threading.Timer(0.05, changes.notify).start()
        seen = await changes.wait(0, timeout=PATIENCE)
        return seen, loop.time() - started

    seen, took = asyncio.run(listen())
    assert seen == 1 and took < PATIENCE  # woken by the change, not by the timeout (however loaded the machine)

    async def idle() -> int:
        return await changes.wait(1, timeout=0.05)  # the timeout is the point

    assert asyncio.run(idle()) == 1  # nothing new: back after the timeout, to keep the line open


def test_the_summary_says_how_long_the_timer_ran(timed, clock, cli):
    timed.room.goto(timed.room.kit.exercise("stellingen"), "A1")
    timed.room.timer_start()
    clock.now += 150
    timed.room.step(1)
    timed.close()  # every answer saved
    assert "**Tijd op de timer:** A1 2:30" in cli("export", timed.room.ws.id).stdout


@pytest.mark.parametrize("closing", ["close", "reveal"])
def test_the_clock_stops_when_the_vote_closes_and_the_summary_records_the_time_it_was_open(timed, clock, cli, closing):
    """The vote closed after 10 seconds, the room moved on at 1:18: the clock stood still from the close
    and the summary says 0:10, not 1:18 (room re-trial, issue 18)."""
    room = timed.room
    room.goto(room.kit.exercise("stellingen"), "A1")
    room.timer_start()
    clock.now += 10
    room.close_vote(True) if closing == "close" else room.reveal(True)
    left = room.timer_shown()["left"]
    clock.now += 68
    assert room.timer_shown()["left"] == left and room.timer.state == "paused"
    room.step(1)
    timed.close()  # every answer saved
    assert "**Tijd op de timer:** A1 0:10" in cli("export", room.ws.id).stdout


def test_a_timer_that_closes_the_vote_at_zero_stops_there(clock):
    timer = Timer(clock, closes=True)
    timer.start(30)
    clock.now += 90
    assert timer.shown() == {"state": "done", "left": 0, "closes": True}
    assert timer.finish() == 30


def test_the_pdf_says_how_long_the_timer_ran_on_the_room_chapters_first_page(timed, clock, cli, tmp_path):
    """A page of the PDF held only the timer line, the last of the room's chapter (room trial, issue 18): it is in the
    chapter's header now, on its first page, however many pages the votes and arguments take."""
    import io

    from pypdf import PdfReader

    statements = timed.room.kit.exercise("stellingen")
    for item in statements.kind.items(statements)[:8]:
        timed.room.goto(statements, item.id)
        timed.room.timer_start()
        clock.now += 75
        for n in range(6):
            timed.vote(timed.phone(f"tafel {n % 2 + 1}"), "eens", f"Argument {n} bij {item.id}: " + "een lange uitleg " * 12)
        timed.room.step(1)
    timed.close()  # every answer saved
    target = tmp_path / "verslag.pdf"
    cli("export", timed.room.ws.id, "-f", "pdf", "-o", str(target))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(target.read_bytes())).pages]
    (timed,) = [n for n, text in enumerate(pages) if "Tijd op de timer" in text]
    assert pages[timed].startswith("De zaal Tijd op de timer: A1 1:15 · A2 1:15")  # under the chapter's heading
    assert "A8 · eens: Argument" in " ".join(pages[timed + 1 :])  # the chapter's votes go on past that page
