"""Tests share helpers one way: `from tests.helpers.X import Y`; no test imports conftest or another test."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Bare names that resolve only because pytest puts tests/ on sys.path: conftest, test modules, helpers.
BARE = {path.stem for path in (*TESTS.glob("*.py"), *(TESTS / "helpers").glob("*.py"))} | {"helpers"}


def imported_modules(source: str) -> list[str]:
    """Every module a file imports, at any depth (imports inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


def wrong(module: str) -> bool:
    """An import that is not `tests.helpers.…` but reaches into tests/ another way."""
    parts = module.split(".")
    if module.startswith("."):
        return True
    if parts[0] == "tests":
        return len(parts) < 2 or parts[1] != "helpers"
    return parts[0] in BARE or parts[-1] == "conftest" or parts[-1].startswith("test_")


def offences(folder: Path) -> list[str]:
    return [
        f"{path.relative_to(TESTS)}: {module}"
        for path in sorted(folder.glob("*.py"))
        for module in imported_modules(path.read_text(encoding="utf-8"))
        if wrong(module)
    ]


def test_tests_import_helpers_only_from_tests_helpers():
    assert offences(TESTS) + offences(TESTS / "helpers") == []


def test_the_check_sees_every_other_way_in():
    source = "\n".join(
        [
            "from conftest import ROOT",
            "from tests.conftest import ROOT",
            "from tests.test_kit import break_kit",
            "import patience",
            "from room import csrf",
            "def f():\n    from test_room import cross",
            "from . import files",
            "from tests.helpers.files import ROOT",
            "from tocht_cli.room import web",
        ]
    )
    assert [module for module in imported_modules(source) if wrong(module)] == [
        "conftest",
        "tests.conftest",
        "tests.test_kit",
        "patience",
        "room",
        ".",
        "test_room",
    ]
