"""No test depends on the machine's speed: what the suite itself promises (tests/helpers/patience.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, settings

from tests.helpers.patience import PATIENCE

TESTS = Path(__file__).parent


def test_property_tests_have_no_deadline_and_no_slowness_check():
    assert settings().deadline is None
    assert HealthCheck.too_slow in settings().suppress_health_check


def short_wait(line: str) -> bool:
    """A deadline, or a wait shorter than PATIENCE: in seconds, or in Playwright's milliseconds (1000 and up)."""
    if re.search(r"deadline=(?!None)|(wait|join)\(([0-9]|[12][0-9])(\.[0-9]+)?\)|took < \d", line):
        return True
    given = [float(n) for n in re.findall(r"timeout=([0-9]+(?:\.[0-9]+)?)\b", line)]
    return any(n < PATIENCE or 1000 <= n < PATIENCE * 1000 for n in given)


def test_short_waits_are_found_in_seconds_and_in_milliseconds():
    assert short_wait("client.get(url, timeout=10)") and short_wait("locator.wait_for(timeout=5000)")
    assert not short_wait("proc.communicate(timeout=120)") and not short_wait("wait_for(timeout=PATIENCE * 1000)")


def test_no_test_sets_a_deadline_or_a_short_wait():
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if short_wait(line) and "# the timeout is the point" not in line
    ]
    assert not found, "wait up to patience.PATIENCE instead:\n" + "\n".join(found)


def test_no_terminal_size_comes_in_from_outside():
    """Nor on the size of the terminal the suite runs in: an xdist worker sets COLUMNS=80 and LINES=24, a
    developer's shell may export others; tests/conftest.py removes both, as a pipe has no size."""
    assert "COLUMNS" not in os.environ and "LINES" not in os.environ
