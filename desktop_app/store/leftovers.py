"""Clearing what an interrupted vault import or an old "open in viewer" left behind.

Pure file work inside the data folder, run by ``store.open.open_database`` before the
database is touched. It lives in the store (not with the vault service) so that opening
the store never reaches up into the services layer.
"""

from __future__ import annotations

import shutil
import sys
from contextlib import suppress
from pathlib import Path

from desktop_app.store.layout import FILE_MODE, OPENED, VAULT, VAULT_TEMP_PREFIX


def file_in_use(path: Path) -> bool:
    """True while another process (or this one) is still writing this temporary file."""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        with path.open("rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
    except OSError:
        return True
    return False


def clean_leftovers(base: Path) -> int:
    """Remove what an interrupted import or an old "open in viewer" left behind; returns a count.

    Temporary files still being written (locked) are kept. A complete stored file that no
    record uses (a crash between the rename and the commit) is never deleted here: it may
    be the only copy of a user's transcript if the database was replaced or lost. *Verify
    vault* reports it and offers to remove it.
    """
    removed = 0
    vault = base / VAULT
    if vault.is_dir():
        for folder in [vault, *(p for p in vault.iterdir() if p.is_dir() and not p.is_symlink())]:
            for path in folder.glob(f"{VAULT_TEMP_PREFIX}*"):
                if path.is_file() and not file_in_use(path):
                    with suppress(OSError):
                        path.unlink()
                        removed += 1
    opened = base / OPENED
    if opened.is_dir():
        for path in opened.iterdir():
            with suppress(OSError):
                if path.is_dir():
                    for inner in path.iterdir():
                        inner.chmod(FILE_MODE)
                    shutil.rmtree(path)
                else:
                    path.chmod(FILE_MODE)
                    path.unlink()
                removed += 1
    return removed
