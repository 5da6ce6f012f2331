"""The layers point one way (the import-linter contracts in pyproject.toml: folders as layers, no
cycle, TYPE_CHECKING imports included), and tocht reaches no private name of another package."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path
from types import ModuleType

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tocht_cli"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def test_the_contracts_in_pyproject_hold():
    """The folders are the layers (pyproject.toml's import-linter contracts, also run by .ci/run)."""
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_a_type_checking_import_breaks_the_layers(tmp_path, monkeypatch):
    """import-linter counts an import under TYPE_CHECKING as an import: a type is a dependency too."""
    package = tmp_path / "layered"
    for folder in ("top", "bottom"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "top" / "face.py").write_text("X = 1\n", encoding="utf-8")
    (package / "bottom" / "base.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from layered.top.face import X\n", encoding="utf-8"
    )
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_package = layered\n[importlinter:contract:layers]\nname = layers\ntype = layers\n"
        "containers = layered\nlayers =\n    top\n    bottom\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert lint_imports(config_filename=str(config), no_cache=True) == 1


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
    with its licence (render/richbits.py, cli/framework/clickbits.py)."""
    found = {(name, use) for name, path in modules().items() for use in private_uses(path)}
    assert found == set()


# Names with an underscore that are documented public API (namedtuple's methods)
DOCUMENTED_UNDERSCORED = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}


def _own_names(tree: ast.AST) -> set[str]:
    """The names a module of tocht defines itself: its functions, classes, variables, parameters,
    import aliases, and the attributes it sets on `self` or `cls`."""
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
            own |= {node.attr} if node.value.id in ("self", "cls") else set()
        elif isinstance(node, ast.alias):
            own.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.arg):
            own.add(node.arg)
    return own


def foreign_private_attributes(paths: list[Path]) -> set[str]:
    """Private attributes reached on any object (`holder._add_completion = False`, `ctx._meta`) whose name
    no module of `paths` defines: another package's, whatever the object was called locally."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}
    own = {path.stem for path in paths}.union(*map(_own_names, trees.values())) | DOCUMENTED_UNDERSCORED
    return {
        f"{path.name}:{node.lineno} {ast.unparse(node)}"
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own
    }


def test_tocht_reaches_no_private_attribute_of_another_packages_objects():
    """The import scan follows names bound by an import; an object handed back by a library
    (a typer app, a click context) is reached through its attributes: none of them private."""
    assert foreign_private_attributes(list(modules().values())) == set()


def test_the_attribute_scan_finds_a_private_attribute_of_a_local_object(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import typer\nholder = typer.Typer()\nholder._add_completion = False\n"
        "class A:\n    def __init__(self):\n        self._mine = 1\n    def f(self, other):\n        return other._mine, self._mine\n",
        encoding="utf-8",
    )
    assert foreign_private_attributes([source]) == {"m.py:3 holder._add_completion"}


def _exported(module: ModuleType, name: str) -> bool:
    """Whether a package says `name` is its own public one: in `__all__`, or re-exported as itself
    (`from ._click.exceptions import BadParameter as BadParameter`, the typing convention)."""
    if name in getattr(module, "__all__", ()):
        return True
    source = getattr(module, "__file__", None) or ""
    if not source.endswith(".py"):
        return False
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    return any(isinstance(node, ast.alias) and node.asname == name for node in ast.walk(tree))


def private_homes(path: Path) -> set[str]:
    """Names a module of tocht imports from a public module of another package that really live in a
    private one and are not exported there (`from typer.completion import completion_init`, whose home
    is typer._completion_classes): a private name under a public address."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.ImportFrom) and not node.level and node.module and _third_party(node.module)):
            continue
        try:
            module = importlib.import_module(node.module)
        except ImportError:  # a package of another platform (filelock on Windows)
            continue
        for alias in node.names:
            thing = getattr(module, alias.name, None)
            home = thing.__name__ if isinstance(thing, ModuleType) else getattr(thing, "__module__", None)
            if isinstance(home, str) and any(map(_private, home.split("."))) and not _exported(module, alias.name):
                found.add(f"{node.module}.{alias.name} ({home})")
    return found


def test_tocht_imports_no_private_name_through_a_public_module():
    found = {(name, use) for name, path in modules().items() for use in private_homes(path)}
    assert found == set()


def test_the_home_scan_finds_a_private_name_under_a_public_address(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "from typer.completion import completion_init, shell_completion\nfrom typer import BadParameter\n"
        "from typer.core import TyperGroup\n",
        encoding="utf-8",
    )
    assert private_homes(source) == {
        "typer.completion.completion_init (typer._completion_classes)",
        "typer.completion.shell_completion (typer._click.shell_completion)",
    }


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
