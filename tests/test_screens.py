"""What the room sees, as snapshots at 80 and 120 columns: a rendering change fails here first.

The session is the fully answered two-table one of tests/data; its random id is
written as ID. TOCHT_UPDATE_GOLDEN=1 rewrites the files under tests/golden/screens/
(look at the diff before committing it).
"""

from __future__ import annotations

import pytest
from conftest import ROOT, golden

FULL = ROOT / "tests" / "data" / "full-session.json"
ENTER = "\r"


@pytest.fixture
def full(cli):
    return cli("import", str(FULL), "--use").stdout.strip()


@pytest.fixture(params=[80, 120])
def width(request, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


def screen(text: str, session_id: str) -> str:
    return text.replace(session_id, "ID")


@pytest.mark.parametrize(
    "name, args",
    [
        ("show", ["show"]),
        ("status", []),
        ("bingo-card", ["bingo", "-g", "tafel 1"]),
        ("statements", ["statements", "-g", "tafel 2"]),
        ("checklist", ["checklist", "-g", "tafel 1"]),
        ("kit", ["kit", "show"]),
    ],
)
def test_terminal_views(cli, full, width, name, args):
    golden(f"screens/{name}-{width}.txt", screen(cli(*args).stdout, full))


def test_replay_slides(keyed, full, width):
    result = keyed(ENTER * 200, "replay", full)
    golden(f"screens/replay-{width}.txt", screen(result.stdout, full))
