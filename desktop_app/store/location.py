"""Where the data folder is, and keeping it private (user-only permissions).

The folder comes from ``--data-dir``, else ``AFTERVIEW_DATA_DIR``, else the
platform's per-user data folder (``platformdirs``). Nothing here touches Qt.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

from desktop_app.store.errors import DataFolderError
from desktop_app.store.layout import FILE_MODE, FOLDER_MODE

ENV_VAR = "AFTERVIEW_DATA_DIR"


def default_data_dir() -> Path:
    """The platform's per-user data folder for Afterview."""
    from platformdirs import user_data_path  # only needed when no folder was given

    return user_data_path("Afterview", appauthor=False, roaming=True)


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None,
                     environ: dict[str, str] | None = None) -> Path:
    """The data folder to use: the command line wins, then the environment, then the default."""
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser().absolute()
    return default_data_dir()


def _posix() -> bool:
    return sys.platform != "win32"


def prepare_data_dir(path: Path) -> Path:
    """Create the folder if needed (mode 0700), check it is writable, tighten loose permissions.

    Raises :class:`DataFolderError` with a plain message when the folder cannot be used.
    """
    if path.exists() and not path.is_dir():
        raise DataFolderError(f"The data folder {path} is a file, not a folder. "
                              "Choose another folder with --data-dir.")
    try:
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(f"Afterview cannot create its data folder {path}: "
                              f"{exc.strerror or exc}.") from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataFolderError(f"Afterview cannot write to its data folder {path}. "
                              "Check that the folder belongs to you, or choose another "
                              "with --data-dir.")
    repair_permissions(path)
    return path


def repair_permissions(path: Path) -> None:
    """Make the folder user-only again (0700, files 0600) if something loosened it.

    Only the folder itself, the database files and the vault are walked: the data
    folder is Afterview's own, so every file in it is private.
    """
    if not _posix():
        return
    for current, dirs, files in os.walk(path):
        _chmod_if_loose(Path(current), FOLDER_MODE)
        for name in files:
            _chmod_if_loose(Path(current) / name, FILE_MODE)
        # never follow links out of the data folder
        dirs[:] = [d for d in dirs if not (Path(current) / d).is_symlink()]


def _chmod_if_loose(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode):
        return
    if stat.S_IMODE(st.st_mode) & 0o077:
        try:
            path.chmod(stat.S_IMODE(st.st_mode) & ~0o077 | (mode & 0o700))
        except OSError:
            pass  # not ours to change (e.g. a file owned by someone else); leave it


def connect_read_only(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """Open the SQLite database at ``path`` read-only (it is never written, never created).

    The path goes into SQLite's ``file:`` URI percent-encoded (``Path.as_uri``), so a
    folder named with ``#``, ``?``, ``%41``, a space, a newline or non-Latin letters is
    opened as itself, never cut short at ``#``/``?`` nor decoded into another folder.
    ``timeout``: seconds to wait for a writer's lock. Raises ``sqlite3.Error``.
    """
    import sqlite3

    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=timeout)


def make_private(path: Path) -> None:
    """Set a file just created by Afterview to user-only (0600)."""
    if _posix() and path.exists():
        path.chmod(FILE_MODE)
