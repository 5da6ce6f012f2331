"""The layers point one way: no import cycle (deferred imports included), commands never import
each other, and kinds know nothing of the command line, prompts or sessions."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tocht_cli"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every tocht_cli module this file imports at run time, inside functions too (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and getattr(branch.test, "id", getattr(branch.test, "attr", "")) == "TYPE_CHECKING"
        for statement in branch.body
        for node in ast.walk(statement)
    }
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tocht_cli"):
            out |= {t for t in [node.module, *(f"{node.module}.{a.name}" for a in node.names)] if t in known}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def test_the_import_graph_has_no_cycle():
    edges = graph()
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " → ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for target in sorted(edges[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(edges):
        visit(name, [])


def test_commands_do_not_import_each_other():
    for name, targets in graph().items():
        if name.startswith("tocht_cli.commands."):
            assert not {t for t in targets if t.startswith("tocht_cli.commands.")}, name


def test_kinds_know_nothing_above_them():
    above = ("tocht_cli.commands", "tocht_cli.cli", "tocht_cli.workspace", "tocht_cli.walk", "tocht_cli.invocation", "tocht_cli.output")
    for name, path in modules().items():
        if name.startswith("tocht_cli.exercises") or name.startswith("tocht_cli.kit"):
            text = path.read_text(encoding="utf-8")
            assert "import typer" not in text and "import questionary" not in text, name
            assert not {t for t in graph()[name] if t.startswith(above)}, name
