"""Afterview's bundled files (icons, fonts, sample data, demo documents): the one way in.

They live in the top-level ``resources/`` folder of the source tree, installed as the
package ``afterview_resources`` (see ``pyproject.toml``; the PyInstaller spec copies
the folder under the same name). Every reader goes through :func:`resource`, so the
editable install, an installed wheel and the bundle are told apart in one place only:
``importlib.resources``.

Paths are POSIX-style and relative to ``resources/``: ``"icons/afterview-16.png"``,
``"fonts/DejaVuSans.ttf"``, ``"demo.json"``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

#: The import name under which ``resources/`` is installed.
PACKAGE = "afterview_resources"

#: The folders and files the app reads, relative to ``resources/``.
ICONS = "icons"
FONTS = "fonts"
DEMO_DATA = "demo.json"
DEMO_FOLDER = "demo"


def resources_root() -> Traversable:
    """The installed ``resources/`` folder.

    Raises ``ModuleNotFoundError`` when Afterview is not installed (a bare source
    checkout on ``PYTHONPATH`` without ``pip install -e .``): the folder is then not
    importable under its package name.
    """
    return resources.files(PACKAGE)


def resource(path: str) -> Traversable:
    """The bundled file or folder at ``path`` (POSIX, relative to ``resources/``).

    The result may name something that does not exist; ``is_file()`` tells. Raises
    ``ValueError`` for an empty, absolute or upward (``..``) path, which would reach
    outside the resources.
    """
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
        raise ValueError(f"not a path inside the resources: {path!r}")
    found = resources_root()
    # One part at a time: a Traversable's joinpath() takes several parts only on
    # newer Pythons and readers.
    for part in parts:
        found = found / part
    return found


def resource_path(path: str) -> AbstractContextManager[Path]:
    """A context manager giving a real file system path for the resource at ``path``.

    For code that needs a file name (Qt's image loaders, copying into the vault).
    Installed and bundled resources are already files, so this is the file itself;
    a resource inside a zip would be extracted to a temporary file for the duration.
    Raises ``ValueError`` as :func:`resource` does; ``FileNotFoundError`` on entering
    when there is no such file.
    """
    return resources.as_file(resource(path))


def walk(path: str = "") -> list[tuple[str, Traversable]]:
    """Every bundled file under ``path`` (default: all), as (POSIX relative path, file).

    Python's own files (the package marker and its byte-code) are left out: they
    make the folder importable and are not resources. Ordered by path.
    """
    top = resource(path) if path else resources_root()
    prefix = f"{path.rstrip('/')}/" if path else ""
    found: list[tuple[str, Traversable]] = []
    pending = [(prefix, top)]
    while pending:
        relative, folder = pending.pop()
        for child in folder.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    pending.append((f"{relative}{child.name}/", child))
            elif not child.name.endswith((".py", ".pyc")):
                found.append((f"{relative}{child.name}", child))
    return sorted(found, key=lambda item: item[0])
