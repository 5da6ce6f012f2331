"""The suite's own set-up: CI and a contributor run one command, and the tests' files live in memory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.files import ROOT
from tests.helpers.memory import MEMORY, roomy


def test_ci_runs_the_readmes_test_command_as_it_is_written():
    """`.ci/run` sets nothing beside the README's command: what changes in CI is CI itself, being set."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'bash -c "$test_command"\n' in script and "HYPOTHESIS_PROFILE" not in script
    assert 'export CI="${CI:-true}"' in script


@pytest.mark.parametrize(("ci", "profile"), [("true", "ci"), ("", "dev")])
def test_a_machine_with_ci_set_tries_every_example(ci, profile):
    environment = {**os.environ, "CI": ci}
    environment.pop("HYPOTHESIS_PROFILE", None)
    chosen = subprocess.run(
        [sys.executable, "-c", "from tests.helpers.examples import PROFILE, examples; print(PROFILE, examples(40))"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert chosen == [profile, "40" if profile == "ci" else "10"]


def test_a_tests_files_are_in_memory_unless_told_otherwise(tmp_path, pytestconfig):
    """The store syncs every answer to disk; in memory that costs nothing (tests/conftest.py)."""
    if not roomy(MEMORY) or "--basetemp" in " ".join(pytestconfig.invocation_params.args):
        pytest.skip("no memory-backed folder here, or the run chose its own")
    assert tmp_path.is_relative_to(MEMORY)
