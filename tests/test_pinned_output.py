"""What tocht prints, pinned: `--help` and usage errors in Dutch and English at 80 and 120 columns.

tocht's help and errors are typer's and click's output bent to our words (cli/framework/helptext.py, cli/framework/usage.py),
and its screens are drawn as rich draws them (render/styled.py, render/layout.py, render/richbits.py). An upgrade of
typer, click, rich or pydantic that changes a single byte of what tocht prints fails here, in
tests/golden/help/, or in the screens of test_screens.py (show, status, kit, bingo, checklist,
replay at 80 and 120 columns: wrapping and tables), before a facilitator sees it; pyproject.toml's
upper bounds are raised only once these pass. TOCHT_UPDATE_GOLDEN=1 rewrites the files (read the diff).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest
from packaging.requirements import Requirement

from tests.helpers.files import ROOT, golden
from tests.helpers.script import needs_script, tocht

SHOWN = [
    ["--help"],
    ["show", "--help"],
    ["group", "--help"],
    ["statements", "vote", "--help"],
    ["export", "--help"],
    ["list", "--bogus"],
    ["new"],
    ["room", "--port", "abc"],
    ["rename", "a", "b", "c"],
    ["export", "--format", "doc"],
]


@needs_script
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("locale", ["nl_BE.UTF-8", "C.UTF-8"])
def test_help_and_usage_errors_are_byte_for_byte_what_they_were(tmp_path, locale, width):
    """Through the console script as a person types it, the help rendered by typer (no help cache:
    a file stands where its folder would be made)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    pages = []
    for args in SHOWN:
        result = tocht(*args, cache=blocker / "cache", columns=width, LANG=locale, LC_ALL=locale)
        pages.append(f"$ tocht {' '.join(args)}  (exit {result.returncode})\n{result.stdout.decode()}{result.stderr.decode()}")
    golden(f"help/{locale.split('.')[0]}-{width}.txt", "\n".join(pages))


# pydantic requires one exact pydantic_core: its bound is pydantic's
BOUND_BY = {"pydantic_core": "pydantic"}


def imported_packages() -> set[str]:
    """The other packages tocht's code imports (top-level names), TYPE_CHECKING imports included."""
    found = set()
    for path in (ROOT / "tocht_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            found |= {name.split(".")[0] for name in names}
    return {name for name in found if name not in sys.stdlib_module_names and name not in ("tocht_cli", "__future__", "_typeshed")}


def test_every_package_tocht_imports_is_a_dependency_with_an_upper_bound():
    """What tocht prints rests on what these packages do: each is declared in pyproject.toml with an upper
    bound, raised only after the golden files pass with the new release."""
    declared = {}
    for line in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]:
        requirement = Requirement(line)
        declared[requirement.name.lower().replace("-", "_")] = requirement.specifier
    distributions = packages_distributions()
    unbounded = []
    for package in sorted(imported_packages()):
        name = BOUND_BY.get(package) or distributions.get(package, [package])[0]
        specifier = declared.get(name.lower().replace("-", "_"))
        if specifier is None or not any(spec.operator in ("<", "<=", "==", "~=") for spec in specifier):
            unbounded.append(f"{package} ({name}): {specifier}")
    assert unbounded == []
