"""The house plan, checked: no import circles, data flows one way, and the tests mirror the package
(STYLE.md, "Layers").

Read with ``ast`` from the source, so a deferred import inside a function counts as
much as one at the top: a circle hidden in a function is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"
TESTS = Path(__file__).resolve().parent

#: Test files that test no one module: the house plan (this file), the whole package
#: (hostile text through every service, no network in any flow, dates under other
#: locales), and what ships beside it (the built bundle, the committed icon files).
CROSS_CUTTING = frozenset({"test_architecture.py", "test_bundle.py", "test_hostile_input.py", "test_icons.py",
                           "test_locale.py", "test_no_network.py"})

#: Folders of tests that follow a user (journeys) or a killed process (crash) through many modules,
#: and the tests of the developer scripts beside the package (scripts/: the compatibility sweep).
APART = ("journeys", "crash", "scripts")


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


def mirrored_module(test_file: Path) -> Path:
    """The module that ``test_file`` (relative to ``tests/``) tests, existing or not.

    ``<path>/test_<name>.py`` tests ``desktop_app/<path>/<name>.py``, or
    ``desktop_app/<path>/__<name>__.py`` where that is the one there (``test_main.py``
    tests ``__main__.py``).
    """
    name = test_file.stem.removeprefix("test_")
    plain = PACKAGE / test_file.parent / f"{name}.py"
    dunder = PACKAGE / test_file.parent / f"__{name}__.py"
    return dunder if not plain.is_file() and dunder.is_file() else plain


def _mirroring_test_files() -> list[Path]:
    """Every test file of ``tests/`` that should mirror a module, relative to ``tests/``."""
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        relative = path.relative_to(TESTS)
        if relative.parts[0] not in APART and relative.as_posix() not in CROSS_CUTTING:
            found.append(relative)
    return found


def test_every_test_file_mirrors_a_module() -> None:
    """``tests/<path>/test_<module>.py`` for ``desktop_app/<path>/<module>.py``: a module renamed or
    removed leaves its test file an orphan here, to be renamed with it."""
    orphans = [f.as_posix() for f in _mirroring_test_files() if not mirrored_module(f).is_file()]
    assert orphans == []


def test_the_mirror_check_is_not_vacuous() -> None:
    assert mirrored_module(Path("services/vault/test_files.py")) == PACKAGE / "services" / "vault" / "files.py"
    assert mirrored_module(Path("test_main.py")) == PACKAGE / "__main__.py"
    assert mirrored_module(Path("ui/dialogs/test_restore_dialog.py")).is_file()
    assert not mirrored_module(Path("services/test_lists.py")).is_file()  # no module of that name
    assert Path("services/vault/test_files.py") in _mirroring_test_files()
    assert not any(f.parts[0] in APART for f in _mirroring_test_files())


def test_every_test_folder_is_a_package() -> None:
    """The suite imports ``tests.…`` modules, and two test files may share a name in different folders
    (``tests/test_files.py``, ``tests/services/vault/test_files.py``) only because each folder is a package."""
    folders = {p.parent.relative_to(TESTS) for p in TESTS.rglob("*.py")
               if p.relative_to(TESTS).parts[0] != "data" and "__pycache__" not in p.parts}  # data: files, not tests
    assert sorted(f.as_posix() for f in folders if not (TESTS / f / "__init__.py").is_file()) == []


def test_how_many_modules_have_their_own_test_file() -> None:
    """Printed (``pytest -s``): how much of the package has a test file of its own; the rest is
    tested through the modules that use it, the journeys and the cross-cutting files."""
    modules = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" and "__pycache__" not in p.parts)
    mirrored = {mirrored_module(f) for f in _mirroring_test_files()}
    assert mirrored <= set(modules)
    without = [m.relative_to(PACKAGE).as_posix() for m in modules if m not in mirrored]
    print(f"{len(modules) - len(without)} of {len(modules)} modules have tests/<path>/test_<module>.py; "
          f"not yet: {', '.join(without)}")
