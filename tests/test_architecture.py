"""The house plan, checked: no import circles, and data flows one way (STYLE.md, "Layers").

Read with ``ast`` from the source, so a deferred import inside a function counts as
much as one at the top: a circle hidden in a function is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module of ours that ``name`` (a module, or a name inside one) lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> dict[str, int]:
    """Every module of ours that ``module`` imports, anywhere in it: {module: line}."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        for target in targets:
            resolved = _resolve(target)
            if resolved and resolved != module:
                found.setdefault(resolved, node.lineno)
    return found


def _all_imports(name: str) -> set[str]:
    """Every top-level package (third-party or standard) that a module imports, anywhere in it."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def import_circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    graph = {m: set(imports_of(m)) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_the_checker_sees_the_whole_package() -> None:
    assert "desktop_app.store.models" in MODULES
    assert "desktop_app.services.today.due" in imports_of("desktop_app.cli.due")  # a deferred import


def test_no_import_circles() -> None:
    assert import_circles() == []


def test_a_circle_would_be_found(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The checker is not vacuous: two modules importing each other are reported."""
    real = imports_of

    def with_a_circle(module: str) -> dict[str, int]:
        found = dict(real(module))
        if module == "desktop_app.store.db":
            found["desktop_app.store.models"] = 1
        return found

    monkeypatch.setitem(globals(), "imports_of", with_a_circle)
    assert ["desktop_app.store.db", "desktop_app.store.models"] in import_circles()


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_data_flows_one_way() -> None:
    """ui → services → store; cli → services; rules know neither; nothing below ui imports it."""
    wrong = []
    for module in MODULES:
        for target, line in imports_of(module).items():
            if _in(module, "desktop_app.rules") and _in(target, "desktop_app.services", "desktop_app.store",
                                                       "desktop_app.ui", "desktop_app.pack", "desktop_app.cli"):
                wrong.append(f"{module}:{line} imports {target}")
            if _in(module, "desktop_app.services", "desktop_app.store", "desktop_app.pack", "desktop_app.rules",
                   "desktop_app.cli") and _in(target, "desktop_app.ui"):
                wrong.append(f"{module}:{line} imports {target}")
            if _in(module, "desktop_app.store") and _in(target, "desktop_app.services"):
                wrong.append(f"{module}:{line} imports {target}")
            if _in(module, "desktop_app.ui") and target == "desktop_app.store.models":
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_no_qt_widgets_below_the_ui_and_no_peewee_in_it() -> None:
    wrong = []
    for module in MODULES:
        names = _all_imports(module)
        if not _in(module, "desktop_app.ui") and module != "desktop_app.__main__":
            wrong += [f"{module} imports {n}" for n in names if n.startswith("PySide6.QtWidgets")]
        if _in(module, "desktop_app.rules"):
            wrong += [f"{module} imports {n}" for n in names if n.split(".")[0] in {"PySide6", "peewee"}]
        if _in(module, "desktop_app.ui"):
            wrong += [f"{module} imports {n}" for n in names if n.split(".")[0] == "peewee"]
    assert wrong == []


def test_package_inits_reach_no_further_than_their_own_package() -> None:
    """A package's ``__init__`` at most re-exports its own modules (``desktop_app.pack`` does);
    it never imports another package's, so importing a package fills no registry elsewhere."""
    wrong = [f"{m} imports {t}" for m, p in MODULES.items() if p.name == "__init__.py" and m != "desktop_app"
             for t in imports_of(m) if not _in(t, m)]
    assert wrong == []
