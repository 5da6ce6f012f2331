"""Calls a test counts: a function of the code under test wrapped for a while, each call recorded as the test
needs it, and the function still run (what was read again, what was checked one by one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def recorded(monkeypatch: Any, owner: Any, name: str, said: Callable[..., Any]) -> list[Any]:
    """The calls to `owner.name` from now on, each as `said(*args)` (until the test ends)."""
    seen: list[Any] = []
    real = getattr(owner, name)

    def recording(*args: Any) -> Any:
        seen.append(said(*args))
        return real(*args)

    monkeypatch.setattr(owner, name, recording)
    return seen
