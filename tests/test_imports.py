"""The shape of the code: imports form no cycle, no module imports another's private names,
and openpyxl's internals are touched in one place only (kam_xl/workbooks/book.py).

Read with ``ast`` from the source files, so a lazy import inside a function counts
as much as one at the top: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (ROOT / "kam_xl", ROOT / "udfs")
INTERNALS_HOME = "kam_xl.workbooks.book"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT / "udfs" if path.is_relative_to(ROOT / "udfs") else ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, tuple[Path, ast.Module]]:
    out = {}
    for pkg in PACKAGES:
        for path in sorted(pkg.rglob("*.py")):
            out[_module_name(path)] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return out


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    is_package = MODULES[module][0].name == "__init__.py"
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, tree: ast.Module) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            src = _resolve(module, node)
            for alias in node.names:
                yield src, alias.name, node.lineno


def _ours(name: str) -> str | None:
    """The module of ours an import refers to (a submodule imported by name counts as itself)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, (_, tree) in MODULES.items():
        for src, name, _ in _imports(module, tree):
            target = _ours(f"{src}.{name}") if name and f"{src}.{name}" in MODULES else _ours(src)
            if target and target != module and not module.startswith(target + "."):
                graph[module].add(target)
    return graph


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append([*stack[stack.index(n) :], n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_is_imported_from_another_module() -> None:
    # the team's rule (shared/hooks/private_imports.py): a private module or name is used inside its own package only
    found = []
    for module, (path, tree) in MODULES.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for src, name, line in _imports(module, tree):
            parts = [*src.split("."), *([name] if name else [])]
            first = next((i for i, p in enumerate(parts) if _private(p)), None)
            if first is None or _ours(src) is None:
                continue
            owner = ".".join(parts[:first])
            if package != owner and not package.startswith(owner + "."):
                found.append(f"{path.relative_to(ROOT)}:{line}: from {src} import {name}")
    assert not found, "private names imported across modules:\n" + "\n".join(found)


def _defined(tree: ast.Module) -> set[str]:
    """Names a module defines itself (its own private helpers are its business)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(t, ast.Name):
                    names.add(t.id)
    return names


def _openpyxl_internals(module: str, tree: ast.Module) -> Iterator[str]:
    imports = list(_imports(module, tree))
    if not any(src.split(".")[0] == "openpyxl" for src, _, _ in imports):
        return
    for src, name, line in imports:
        if src.split(".")[0] == "openpyxl" and any(_private(p) for p in [*src.split("."), name or ""]):
            yield f"line {line}: from {src} import {name}"
    own = _defined(tree)
    for node in ast.walk(tree):
        # obj._attr not defined here, in a module that uses openpyxl: a reach into its internals (cell._style)
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
            yield f"line {node.lineno}: .{node.attr}"


def test_openpyxl_internals_only_in_book() -> None:
    found = [
        f"{path.relative_to(ROOT)} {where}"
        for module, (path, tree) in MODULES.items()
        if module != INTERNALS_HOME
        for where in _openpyxl_internals(module, tree)
    ]
    assert not found, "internals used outside kam_xl/workbooks/book.py:\n" + "\n".join(found)


def test_the_walk_sees_the_code() -> None:
    # a guard for the tests above: they read every module, lazy imports included
    assert {"kam_xl.cells", "kam_xl.workbooks.book", "kam_udfs"} <= set(MODULES)
    graph = _graph()
    assert "kam_xl.cells" in graph["kam_xl.ledger"]
