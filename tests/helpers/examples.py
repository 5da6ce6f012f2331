"""How many examples a property test tries, by profile: a contributor's run is quick, CI hunts longer.

The `ci` profile (any machine with CI set: every CI service, and .ci/run; or HYPOTHESIS_PROFILE=ci) tries
each test's full count; `dev`, the default, a quarter of it (at least 10). TOCHT_EXAMPLES=N tries N everywhere (a
longer hunt: 1000). Examples are random on every run, so many quick runs cover as much as a few long ones.
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")


def examples(full: int) -> int:
    """The examples to try of a test that CI tries `full` times."""
    if os.environ.get("TOCHT_EXAMPLES"):
        return int(os.environ["TOCHT_EXAMPLES"])
    return full if PROFILE == "ci" else max(10, full // 4)
