"""A kind from another package (tests/plugin/tocht_dots) registers through the `tocht.kinds`
entry point and then walks, records, shows, exports and imports like tocht's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.facilitator import Facilitator
from tests.helpers.patience import PATIENCE
from tocht_cli.kinds import registry

PLUGIN = Path(__file__).resolve().parent / "plugin"
KIT = PLUGIN / "kit"


def tocht(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tocht_cli", *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=PATIENCE, check=False
    )


@pytest.fixture
def plugin_env(isolated_db):
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGIN), os.environ.get("PYTHONPATH", "")]), "TOCHT_DB": str(isolated_db)}


def test_the_plugin_records_exports_and_imports(plugin_env, tmp_path):
    created = tocht("--kit", str(KIT), "new", "Prioriteiten", "-g", "tafel 1", "-g", "tafel 2", env=plugin_env)
    assert created.returncode == 0, created.stderr
    session = created.stdout.strip()

    voted = tocht("dots", "set", "2", "--dots", "5", "--note", "vóór de zomer", "-g", "tafel 1", env=plugin_env)
    assert voted.returncode == 0, voted.stderr
    assert "saved: Een gedeelde kalender: 5 (tafel 1)" in voted.stderr
    assert tocht("dots", "set", "i1", "--dots", "2", "-g", "tafel 2", env=plugin_env).returncode == 0
    assert tocht("dots", "set", "3", "--dots", "1", "-g", "tafel 2", env=plugin_env).returncode == 2  # no idea 3

    shown = tocht("dots", "-g", "tafel 1", env=plugin_env)
    assert "Een gedeelde kalender" in shown.stdout and "vóór de zomer" in shown.stdout

    summary = tocht("export", env=plugin_env).stdout
    assert "## Stippen plakken" in summary and "| 2 | Een gedeelde kalender | 5 |" in summary

    exported = tmp_path / "export.json"
    exported.write_text(tocht("export", "--format", "json", env=plugin_env).stdout, encoding="utf-8")
    imported = tocht("--kit", str(KIT), "import", str(exported), "--yes", env=plugin_env)  # its session is here too
    assert imported.returncode == 0, imported.stderr
    again = tocht("export", imported.stdout.strip(), env=plugin_env).stdout
    assert again.replace(imported.stdout.strip(), session) == summary.replace(session, session)

    assert tocht("dots", "clear", "2", "-g", "tafel 1", env=plugin_env).returncode == 0
    cleared = tocht("export", session, env=plugin_env).stdout
    assert "| 2 | Een gedeelde kalender |" not in cleared  # summed up under each table's answers instead
    assert "*Nog niet beantwoord (2): 1, 2*" in cleared and "*Nog niet beantwoord (1): 2*" in cleared  # tafel 1, the totals


def test_the_plugin_gets_a_handout_and_a_worksheet_without_code_of_its_own(plugin_env, tmp_path):
    assert tocht("--kit", str(KIT), "new", "Prioriteiten", "-g", "tafel 1", "-g", "tafel 2", env=plugin_env).returncode == 0
    assert tocht("dots", "set", "2", "--dots", "5", "-g", "tafel 1", env=plugin_env).returncode == 0
    assert tocht("dots", "set", "2", "--dots", "2", "--note", "vóór de zomer", "-g", "tafel 2", env=plugin_env).returncode == 0

    html = tocht("export", "--format", "html", env=plugin_env).stdout
    assert '<h2 id="exercise-1-heading">Stippen plakken</h2>' in html and "vóór de zomer" in html
    assert 'aria-label="stippen. 2. Een gedeelde kalender: stippen 7"' in html  # totals
    assert "Nog niet beantwoord (1): 1</p>" in html  # idea 1, which no table answered, summed up in one line
    target = tmp_path / "handout.pdf"
    assert tocht("export", "--format", "pdf", "-o", str(target), env=plugin_env).returncode == 0
    assert target.read_bytes().startswith(b"%PDF-")

    sheet = tocht("--kit", str(KIT), "kit", "sheets", "--format", "html", env=plugin_env).stdout
    lines = 2 + 2 * (1 + 2)  # the table and the date; per idea its dots and a note
    assert "Een gedeelde kalender" in sheet and sheet.count('<span class="line">') == lines


def test_the_plugin_walks(keyed, cli, monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGIN))
    registry.installed.cache_clear()
    monkeypatch.setattr(registry, "installed", registry.installed)  # restored (and its cache with it) after the test
    try:
        cli("--kit", str(KIT), "new", "Prioriteiten")
        room = Facilitator()
        room.begin()
        room.answer("3")  # dots for i1
        room.answer("vóór de zomer")  # its note
        room.answer("0")  # dots for i2
        room.keep()  # no note
        keyed(room.keys, "run")
        answers = {a["item"]: a["value"] for a in json.loads(cli("show", "--json").stdout)["answers"]}
        assert answers == {"i1": {"dots": 3, "note": "vóór de zomer"}, "i2": {"dots": 0, "note": ""}}
    finally:
        registry.installed.cache_clear()


def test_a_plugin_that_fails_to_show_is_named_and_the_rest_is_shown(cli, keyed, monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGIN))
    registry.installed.cache_clear()
    monkeypatch.setattr(registry, "installed", registry.installed)
    try:
        cli("--kit", str(KIT), "new", "Prioriteiten", "-g", "tafel 1", "-g", "tafel 2")
        cli("dots", "set", "2", "--dots", "5", "-g", "tafel 1")
        import tocht_dots

        def broken(*args):
            raise ZeroDivisionError("division by zero")

        for method in ("handout_group", "handout_totals", "facts"):
            monkeypatch.setattr(tocht_dots.Dots, method, broken)
        said = "tocht: note: the exercise kind 'dots' (from tocht_dots) failed to show stippen and is left out: ZeroDivisionError: division by zero"
        left = "(niet getoond: de oefeningsoort dots faalde; de antwoorden blijven bewaard)"
        for args in (["show", "--no-pager"], ["dots"], ["export"]):
            result = cli(*args)
            assert result.stderr.count(said) == 1, (args, result.stderr)
            assert left in result.stdout and "Traceback" not in result.stderr, args
        assert "Prioriteiten" in cli("show", "--no-pager").stdout  # the header and progress still there
        slides = keyed("\r" * 10, "replay")
        assert slides.stderr.count(said) == 1 and left in slides.stdout
    finally:
        registry.installed.cache_clear()


def test_without_the_plugin_its_kit_is_refused_by_name(cli, isolated_db):
    result = cli("--kit", str(KIT), "new", "Prioriteiten", ok=False)
    assert result.exit_code == 4
    assert "stippen.toml: kind: unknown kind 'dots'" in result.stderr


@pytest.mark.parametrize(("target", "problem"), [("nowhere_at_all:KIND", "ModuleNotFoundError"), ("json:dumps", "is not an ExerciseKind")])
def test_a_broken_plugin_is_a_clear_error(tmp_path, isolated_db, target, problem):
    info = tmp_path / "broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[tocht.kinds]\ndots = {target}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "TOCHT_DB": str(isolated_db)}
    result = tocht("--kit", str(KIT), "new", "Prioriteiten", env=env)
    assert result.returncode == 4, result.stderr
    assert "exercise kind 'dots'" in result.stderr and problem in result.stderr and "Traceback" not in result.stderr
    # everything that does not use it keeps working, and says once what is left out
    helped = tocht("--help", env=env)
    assert helped.returncode == 0 and "roles" in helped.stdout and "cannot be loaded and is left out" in helped.stderr
    assert tocht("new", "Gewoon", env=env).returncode == 0
    voted = tocht("statements", "vote", "A1", "-p", "eens", env=env)
    assert voted.returncode == 0, voted.stderr
    assert tocht("export", env=env).returncode == 0


def test_the_plugin_gets_its_room_forms_from_its_fields(plugin_env):
    """A room's scribe forms come from the kind's description: a third-party kind needs no room code."""
    import httpx2

    from tests.helpers.room import csrf, serve

    created = tocht("--kit", str(KIT), "new", "Prioriteiten", "-g", "tafel 1", env=plugin_env)
    assert created.returncode == 0, created.stderr
    served = serve(env=plugin_env)
    try:
        phone = httpx2.Client(base_url=served.base, follow_redirects=True, timeout=PATIENCE)
        page = phone.get(served.info["join_url"])
        page = phone.get("/p/table/stippen")
        assert page.status_code == 200 and "Een gedeelde kalender" in page.text
        sent = phone.post("/p/table/stippen/answer", data={"csrf": csrf(page.text), "item": "i1", "dots": "4", "note": "snel"})
        assert sent.status_code == 200, sent.text
    finally:
        served.stop()
    shown = json.loads(tocht("dots", "--json", env=plugin_env).stdout)
    assert shown["tafel 1"]["i1"] == {"dots": 4, "note": "snel"}
