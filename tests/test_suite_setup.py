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


def test_the_prompts_share_one_set_of_default_key_bindings():
    """Built once per worker (tests/conftest.py), not once per prompt: a third of the walk's tests' CPU."""
    from prompt_toolkit.application import application

    assert application.load_key_bindings() is application.load_key_bindings()


def test_the_readmes_command_keeps_the_rewritten_test_modules():
    """Where a machine sets PYTHONDONTWRITEBYTECODE, each worker would rewrite every test module at every run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "PYTHONDONTWRITEBYTECODE= .venv/bin/python -m pytest -n auto" in readme


def test_the_cpu_meter_counts_a_child_still_running_and_sorts_the_files(tmp_path):
    from tests.helpers.cputime import cpu_seconds, summary

    before = cpu_seconds()
    busy = "sum(range(3 * 10**7)); print('done', flush=True); import sys; sys.stdin.read()"
    child = subprocess.Popen([sys.executable, "-c", busy], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout and child.stdout.readline() == "done\n"
        assert cpu_seconds() - before >= 0.1  # the child's loop, counted while it runs (a Chromium, a room)
    finally:
        child.communicate("")
    report = tmp_path / "cpu.tsv"
    report.write_text("tests/a.py\t1.00\t2.00\t3\ntests/b.py\t5.00\t6.00\t1\ntests/a.py\t1.50\t1.00\t2\n", encoding="utf-8")
    lines = summary(str(report)).splitlines()
    assert lines[0].endswith("tests/b.py") and "2.5 s CPU" in lines[1] and "5 tests" in lines[1] and "7.5 s CPU in all" in lines[2]
