"""The layers point one way: no import cycle (deferred imports included), commands never import
each other, and kinds know nothing of the command line, prompts or sessions."""

from __future__ import annotations

import ast
import sys
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
        if name.startswith("tocht_cli.cli.commands."):
            assert not {t for t in targets if t.startswith("tocht_cli.cli.commands.")}, name


def test_kinds_know_nothing_above_them():
    above = (
        "tocht_cli.cli.commands",
        "tocht_cli.cli.app",
        "tocht_cli.sessions.workspace",
        "tocht_cli.walk.guide",
        "tocht_cli.sessions.invocation",
        "tocht_cli.sessions.output",
    )
    edges = graph()  # parsed once, not once per module of the kinds and the kit
    for name, path in modules().items():
        if name.startswith("tocht_cli.kinds") or name.startswith("tocht_cli.kit"):
            text = path.read_text(encoding="utf-8")
            assert "import typer" not in text and "import questionary" not in text, name
            assert not {t for t in edges[name] if t.startswith(above)}, name


# Where no public API exists, the one private name tocht still touches, and why
PRIVATE_ALLOWED = {
    # typer's core says its words ("Options", "required") through `_`, imported from gettext; pointing
    # it at our catalogs is the only way to have them in Dutch (cli/usage.py marks them for the catalogs)
    ("tocht_cli.cli.helptext", "typer.core._"),
}


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def _third_party(module: str) -> bool:
    top = module.split(".")[0]
    return top not in sys.stdlib_module_names and top not in ("tocht_cli", "__future__", "_typeshed")  # _typeshed: the type checker's


def private_uses(path: Path) -> set[str]:
    """The private modules and names of other packages a module of tocht reaches: imported
    (`from rich._wrap import …`, `from rich.cells import _is_single_cell_widths`), reached as an
    attribute of something imported (`core._x`), or overridden in a subclass of an imported class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound: dict[str, str] = {}  # a local name -> what it is in the other package
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in (a for a in node.names if _third_party(a.name)):
                found |= {alias.name} if any(map(_private, alias.name.split("."))) else set()
                top = alias.name.split(".")[0]
                bound[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module and _third_party(node.module):
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                found |= {dotted} if any(map(_private, dotted.split("."))) else set()
                bound[alias.asname or alias.name] = dotted
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (_private(node.attr) or node.attr == "_"):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound:
                found.add(f"{bound[root.id]}.{node.attr}")
        elif isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in bound for b in node.bases):
            found |= {f"{node.name}.{f.name}" for f in node.body if isinstance(f, ast.FunctionDef) and _private(f.name)}
    return found


def test_tocht_reaches_no_private_module_or_name_of_another_package():
    """Issue 19 §4: a private module or name of typer, click, rich (or any other package) may change
    in any release without notice. Where tocht needs one, it takes the public API or copies the piece
    with its licence (render/richbits.py, cli/clickbits.py)."""
    found = {(name, use) for name, path in modules().items() for use in private_uses(path)}
    assert found - PRIVATE_ALLOWED == set()


def test_the_private_import_scan_finds_each_way_of_reaching_in(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import json._x\nfrom rich._wrap import divide_line\nfrom rich.cells import _is_single_cell_widths, cell_len\n"
        "import typer.core as core\ncore._ = 1\nfrom rich.console import Console\n"
        "class C(Console):\n    def _render_buffer(self): ...\n    def __init__(self): ...\n"
        "from tocht_cli import _mine\n",
        encoding="utf-8",
    )
    assert private_uses(source) == {"rich._wrap.divide_line", "rich.cells._is_single_cell_widths", "typer.core._", "C._render_buffer"}
