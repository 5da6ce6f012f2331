"""The entry points of a group are looked up once per installation, and again whenever a folder on sys.path changes."""

from __future__ import annotations

import importlib.metadata
import os
import sys
import time
from pathlib import Path

import pytest

from tocht_cli.base import installation

GROUP = "tocht.kinds"


def scanned(monkeypatch) -> list[str]:
    """Records each look-up that reads the packages' metadata."""
    calls: list[str] = []
    real = importlib.metadata.entry_points

    def counting(**kwargs):
        calls.append(kwargs["group"])
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", counting)
    return calls


def settle(folder: Path, seconds_ago: int) -> None:
    """As if the folder had last changed a while ago: a folder changed just now is not kept yet, and two
    changes within one tick of the file system's clock would leave the same mtime."""
    past = time.time_ns() - seconds_ago * 10**9
    os.utime(folder, ns=(past, past))


def plugin(folder: Path, name: str = "dots", target: str = "tocht_dots:KIND") -> None:
    info = folder / "tocht_dots-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tocht-dots\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{name} = {target}\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A folder of packages first on sys.path; the checkout's own folders, on sys.path too, change
    while one works, so here nothing counts as changed too recently to be kept."""
    folder = tmp_path / "site"
    folder.mkdir()
    settle(folder, 60)
    monkeypatch.setattr(sys, "path", [str(folder), *sys.path])
    monkeypatch.setattr(installation, "SETTLED_NS", 0)
    return folder


def test_kept_between_runs_and_the_same_as_the_metadata(site, monkeypatch):
    calls = scanned(monkeypatch)
    first = installation.entry_points(GROUP)
    assert first == [(p.name, p.value) for p in importlib.metadata.entry_points(group=GROUP)]
    assert ("statements", "tocht_cli.kinds.statements:KIND") in first
    calls.clear()
    assert installation.entry_points(GROUP) == first
    assert calls == []  # from the cache


def test_a_package_installed_since_is_found(site, monkeypatch):
    calls = scanned(monkeypatch)
    before = installation.entry_points(GROUP)
    plugin(site)
    settle(site, 30)
    after = installation.entry_points(GROUP)
    assert ("dots", "tocht_dots:KIND") in after and [p for p in after if p[0] != "dots"] == before
    assert len(calls) == 2


def test_a_folder_that_changed_just_now_is_looked_up_again_next_time(site, monkeypatch):
    monkeypatch.setattr(installation, "SETTLED_NS", 10**12)  # everything changed "just now"
    calls = scanned(monkeypatch)
    installation.entry_points(GROUP)
    installation.entry_points(GROUP)
    assert len(calls) == 2


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"key": 1}', b'{"key": "x", "points": 5}', b"\xff\xfe"])
def test_a_damaged_cache_is_ignored_and_replaced(site, monkeypatch, content):
    expected = installation.entry_points(GROUP)
    (kept,) = Path(os.environ["TOCHT_CACHE_DIR"]).glob("entry-points-*.json")
    kept.write_bytes(content)
    assert installation.entry_points(GROUP) == expected
    calls = scanned(monkeypatch)
    assert installation.entry_points(GROUP) == expected and calls == []


def test_without_a_cache_folder_it_still_answers(site, monkeypatch):
    monkeypatch.setattr(installation, "cache_folder", lambda: None)
    assert ("bingo", "tocht_cli.kinds.bingo:KIND") in installation.entry_points(GROUP)
