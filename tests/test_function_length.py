"""No function in the package is longer than 100 lines: a longer one hides several steps that want
names of their own (the room's pages were one 444-line function of closures)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tocht_cli"
LONGEST = 100
EXCEPTIONS: set[tuple[str, str]] = set()  # (path inside tocht_cli, function) still longer; none today


def long_functions(root: Path) -> list[tuple[str, str, int]]:
    """Every function and method under `root` longer than LONGEST lines, nested ones too."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - start + 1
                if length > LONGEST:
                    found.append((path.relative_to(root).as_posix(), node.name, length))
    return found


def test_no_function_in_the_package_is_longer_than_100_lines():
    long = [(path, name, length) for path, name, length in long_functions(PACKAGE) if (path, name) not in EXCEPTIONS]
    assert long == [], f"split these into named steps: {long}"


def test_the_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{n} = {n}" for n in range(LONGEST))
    (tmp_path / "long.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path) == [("long.py", "long", LONGEST + 1)]
