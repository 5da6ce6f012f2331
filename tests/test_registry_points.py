"""The kinds' entry points are loaded without importlib.metadata (a tenth of every command's start):
the same objects as its `EntryPoint.load` gives, and a command on a warm cache never imports it."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys

import pytest

from tests.helpers.files import ROOT
from tocht_cli.kinds.registry import EntryPoint


@pytest.mark.parametrize("value", ["tocht_cli.kinds.bingo:KIND", "os.path:join", "json", "tocht_cli.kinds.bingo : KIND [extra]"])
def test_a_point_loads_what_importlib_loads(value):
    assert EntryPoint("x", value).load() is importlib.metadata.EntryPoint("x", value, "tocht.kinds").load()


def test_a_point_that_names_nothing_is_an_error():
    with pytest.raises(ValueError):
        EntryPoint("x", "not a point!").load()


def test_a_command_on_a_warm_cache_does_not_import_importlib_metadata():
    code = (
        "import sys; sys.argv=['tocht', 'list']\nfrom tocht_cli.launch import main\ntry: main()\nexcept SystemExit: pass\n"
        "print('importlib.metadata' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _warm_then_counted in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
