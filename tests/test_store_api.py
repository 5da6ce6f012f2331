"""The store's modules beside it (health.py, conflicts.py) and every layer above use the Store's public
methods only: its private names may change with no caller outside its class to break."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tocht_cli"
STORE = PACKAGE / "store" / "__init__.py"


def private_uses(root: Path) -> list[str]:
    """`store._name` (or `self.store._name`) anywhere under `root` but in the Store's own module."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == STORE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value
                name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                if name == "store":
                    found.append(f"{path.relative_to(root).as_posix()}:{node.lineno} store.{node.attr}")
    return found


def test_no_module_reaches_into_the_store():
    assert private_uses(PACKAGE) == []


def test_the_check_finds_a_private_use(tmp_path):
    (tmp_path / "health.py").write_text("def f(store):\n    with store._read(1) as db:\n        return db\n", encoding="utf-8")
    assert private_uses(tmp_path) == ["health.py:2 store._read"]
