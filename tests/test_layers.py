"""The package's layers: each folder imports only the folders before it in the pipeline, and
no module keeps state that changes while the process runs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "vanban"

MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "readers": {"core"},
    "parser": {"core"},
    "graph": {"core", "readers"},  # the formats' ranks, to choose among copies
    "storage": {"core", "readers"},
    "register": {"core", "readers", "parser"},
    "query": {"core", "storage", "register"},
    "checks": {"core", "query", "register"},
    "output": {"core", "query", "checks", "storage"},
    "app": {
        "core",
        "readers",
        "parser",
        "graph",
        "storage",
        "register",
        "query",
        "checks",
        "output",
    },
    "config": {"core"},
}
"""What each layer may import of the others (``cli`` and the package's ``__init__`` may import
them all). ``register`` uses the parser's public names only (see ``PUBLIC_ONLY``)."""

PUBLIC_ONLY = {("register", "parser")}
"""Layers that may import another only through its package's own names."""


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> list[str]:
    """The vanban modules ``path`` imports, at any depth (imports inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vanban"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("vanban")]
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_layer_imports_only_the_layers_before_it(path: Path) -> None:
    layer = _layer(path)
    if layer in ("cli", "__init__", "__main__"):
        return
    allowed = MAY_IMPORT[layer] | {layer}
    for module in _imports(path):
        parts = module.split(".")
        if len(parts) == 1:
            continue  # vanban itself: __version__
        target = parts[1]
        assert target in allowed, f"{path.relative_to(PACKAGE)} imports {module}"
        if (layer, target) in PUBLIC_ONLY:
            assert len(parts) == 2, (
                f"{path.relative_to(PACKAGE)} imports {module}, not vanban.{target}"
            )


def test_the_core_imports_nothing_else_of_vanban() -> None:
    for path in (PACKAGE / "core").glob("*.py"):
        assert all(m.startswith("vanban.core") for m in _imports(path)), path


_MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "Counter", "OrderedDict", "deque"}


def _mutable_globals(tree: ast.Module) -> list[str]:
    """Names bound at module level to a mutable value that the module then changes (assigned
    to with ``global`` or mutated by a method), or a container made empty to be filled."""
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            empty = isinstance(value, (ast.List, ast.Dict, ast.Set)) and not (
                getattr(value, "elts", None) or getattr(value, "keys", None)
            )
            made = (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in _MUTABLE_CALLS
                and not value.args
            )
            if empty or made:
                names.append(target.id)
    declared = {
        name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names
    }
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vanban")
        for alias in node.names
        if alias.name.islower()
    }
    set_elsewhere = {
        f"{target.value.id}.{target.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id in modules
    }
    return names + sorted(declared) + sorted(set_elsewhere)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_keeps_state_that_changes(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _mutable_globals(tree) == []
