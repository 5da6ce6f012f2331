"""`Exercise.spec` is typed: a kind that says `Exercise[Spec]` reads its own kit section type-checked."""

from __future__ import annotations

from mypy import api

from tests.helpers.files import ROOT

# mypy's cache of tocht as the probe sees it, kept between runs beside the project's own (mypy keeps it out of
# git): checking the probe checks every module it imports, ~15 s from nothing and ~1 s when they did not change.
PROBE_CACHE = ROOT / ".mypy_cache" / "typed-spec-probe"


def test_a_kind_reading_a_key_its_spec_lacks_fails_the_type_check(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from tocht_cli.kinds.challenges import Spec\nfrom tocht_cli.kinds.contract import Exercise\n\n\n"
        "def rows(ex: Exercise[Spec]) -> int:\n    return ex.spec.rows\n\n\n"
        "def wrong(ex: Exercise[Spec]) -> object:\n    return ex.spec.rowz\n",
        encoding="utf-8",
    )
    out, _, status = api.run(
        ["--strict", "--follow-imports=silent", "--cache-dir", str(PROBE_CACHE), "--python-version", "3.11", str(probe)]
    )
    assert status == 1, out
    assert [line.split(": ", 1)[1] for line in out.splitlines() if ": error: " in line] == [
        'error: "Spec" has no attribute "rowz"  [attr-defined]'
    ], out
