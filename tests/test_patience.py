"""No test depends on the machine's speed: what the suite itself promises (tests/patience.py)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).parent


def test_property_tests_have_no_deadline_and_no_slowness_check():
    assert settings().deadline is None
    assert HealthCheck.too_slow in settings().suppress_health_check


def test_no_test_sets_a_deadline_or_a_short_wait():
    short = re.compile(r"deadline=(?!None)|(wait|join)\(([0-9]|[12][0-9])(\.[0-9]+)?\)|timeout=([0-9]|[12][0-9])(\.[0-9]+)?\b|took < \d")
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if short.search(line) and "# the timeout is the point" not in line
    ]
    assert not found, "wait up to patience.PATIENCE instead:\n" + "\n".join(found)
